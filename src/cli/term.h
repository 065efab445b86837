/*
 * Text for the terminal: everything the command line prints that came from
 * an edition, a note or a file name goes through kb_term_put_safe, so no
 * control sequence or bidi override in untrusted text reaches the terminal
 * (shared/RELIABILITY.md). Widths are display columns from libunistring
 * (a Han character is 2), independent of the locale.
 */
#ifndef KANBAO_CLI_TERM_H
#define KANBAO_CLI_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kanbao/util.h"

/* Append s for a terminal: at most max code points (0: all, else "…" marks
 * the cut), C0/DEL/C1 controls shown as U+FFFD, bidi and zero-width controls
 * dropped, line breaks and tabs as spaces, invalid UTF-8 as U+FFFD. */
void kb_term_put_safe(struct kb_buf *b, const char *s, size_t max);

/* The display width of s (UTF-8, already sanitised), in columns. */
size_t kb_term_width(const char *s);

/* Append s (sanitised) cut to at most cols display columns, with "…" as the
 * last column when it had to be cut. Returns the columns appended. */
size_t kb_term_put_fit(struct kb_buf *b, const char *s, size_t cols);

/* The width of the terminal on fd, or fallback when fd is not a terminal. */
size_t kb_term_columns(int fd, size_t fallback);

/* Print "kanbao: SUBJECT: MSG" to stderr, sanitised; the subject is left out
 * when msg already starts with it (store messages often name their file or
 * id). subject may be NULL. */
void kb_term_error(const char *subject, const char *msg);

#endif
