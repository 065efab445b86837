/* SPDX-License-Identifier: MIT */
/*
 * The reader: three panes (editions and articles, the article, its
 * annotations) over a library, driven by the keyboard. Only src/ui/ knows
 * curses.
 */
#ifndef KANBAO_UI_H
#define KANBAO_UI_H

#include "kanbao/config.h"
#include "kanbao/store.h"

#include <stddef.h>

/* Edition files to check once the reader shows its first screen: walked
 * and imported in the background into the library at db (on a connection
 * of their own); what is new or changed appears in the list when done,
 * and the status line says so. */
struct kb_ui_paths {
	const char *db;           /* the library's path */
	const char *const *paths; /* files and directories */
	size_t n;
	/* what was wrong in the config or the theme (or NULL): said again in
	 * the reader's status line, where stderr is hidden by the screen */
	const char *problems;
};

/* Run the reader on the library until the user quits. The theme is the
 * one to use (already loaded; NO_COLOR and the terminal's colours are
 * applied here); check (may be NULL) names the files to check. Returns the
 * process exit status, or -1 when the reader cannot run here (no UTF-8
 * locale, no terminal it can drive): it said why on stderr, and nothing of
 * check was looked at. */
int kb_ui_run(struct kb_store *s, const struct kb_config *cfg, struct kb_theme *theme,
	      const struct kb_ui_paths *check);

/* Note the moment the program started, for the startup benchmark
 * (KANBAO_BENCH, see tests/bench/run-reader.sh). */
void kb_ui_mark_start(void);

/* The actions a key can be bound to, for `kanbao --help` and the config:
 * writes "name<TAB>default keys<TAB>help" lines to f. */
#include <stdio.h>
void kb_ui_print_keys(FILE *f);

#endif
