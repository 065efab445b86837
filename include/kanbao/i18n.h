/* SPDX-License-Identifier: MIT */
/*
 * Translation of what kanbao says (GNU gettext; glibc's libintl): the
 * strings are written in English in the code, wrapped in _(), and come out
 * in Chinese under a zh_CN locale from the catalogue po/zh_CN.po, in
 * English otherwise. The catalogue is found at the install's localedir, or
 * at $KANBAO_LOCALEDIR (the build tree's po/ for running uninstalled).
 * Only the text the user reads is translated: never file formats, JSON
 * keys, YAML front matter or anything another program parses.
 */
#ifndef KANBAO_I18N_H
#define KANBAO_I18N_H

#include <libintl.h>

/* The translation of s in the current locale (borrowed; s itself when the
 * catalogue has none). */
#define _(s) gettext(s)
/* s unchanged, marked for xgettext: for tables translated where they are
 * used, with _(). */
#define N_(s) (s)

/* Bind the "kanbao" text domain to $KANBAO_LOCALEDIR when set and not
 * empty, else to the install's localedir, with UTF-8 output, and make it
 * the default domain. Call once, after setlocale(LC_ALL, ""). */
void kb_i18n_init(void);

/* The section headings of the Markdown export ("Note", "Highlights", ...),
 * NULL-terminated, untranslated: marked here so the catalogue holds them;
 * src/export/markdown.c translates each with _() where it writes it. */
extern const char *const kb_i18n_export_headings[];

#endif
