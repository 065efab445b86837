/* SPDX-License-Identifier: MIT */
/*
 * Long output through the user's pager, as git does: only when standard
 * output is a terminal; $PAGER, else less (when it is installed) with
 * LESS=FRX unless LESS is set (F: quit when it fits one screen, R: pass
 * colours, X: leave the text on the screen); PAGER=cat or an empty PAGER
 * writes straight to the terminal. What goes through it is already
 * sanitised, so it is safe for less -R.
 */
#ifndef KANBAO_CLI_PAGER_H
#define KANBAO_CLI_PAGER_H

#include <stdbool.h>
#include <stddef.h>

/* Write data[0..n) to stdout, through the pager when stdout is a terminal,
 * and wait for the pager to end. False when stdout could not be written
 * (kb_term_out's error, reported by kb_term_close_stdout); quitting the
 * pager before the end is not an error. */
bool kb_pager_out(const char *data, size_t n);

#endif
