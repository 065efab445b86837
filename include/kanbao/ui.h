/*
 * The reader: three panes (editions and articles, the article, its
 * annotations) over a library, driven by the keyboard. Only src/ui/ knows
 * curses.
 */
#ifndef KANBAO_UI_H
#define KANBAO_UI_H

#include "kanbao/config.h"
#include "kanbao/store.h"

/* Run the reader on the library until the user quits. The theme is the
 * one to use (already loaded; NO_COLOR and the terminal's colours are
 * applied here). Returns the process exit status. */
int kb_ui_run(struct kb_store *s, const struct kb_config *cfg, struct kb_theme *theme);

/* Note the moment the program started, for the startup benchmark
 * (KANBAO_BENCH, see tests/bench/run-reader.sh). */
void kb_ui_mark_start(void);

/* The actions a key can be bound to, for `kanbao --help` and the config:
 * writes "name<TAB>default keys<TAB>help" lines to f. */
#include <stdio.h>
void kb_ui_print_keys(FILE *f);

#endif
