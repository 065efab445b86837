/* SPDX-License-Identifier: MIT */
/*
 * Binding kanbao's text domain (kanbao/i18n.h), and the strings marked for
 * translation that no other file marks yet: the Markdown export's headings.
 * xgettext reads them here (po/POTFILES.in lists this file).
 */
#include "kanbao/i18n.h"

#include <stddef.h>
#include <stdlib.h>

#ifndef KB_LOCALEDIR
#error "KB_LOCALEDIR must be defined by the build (meson.build)"
#endif

/* The export's headings, translated by src/export/markdown.c. "Note" heads
 * one highlight's note, "Notes" the article's notes: both are 笔记. */
const char *const kb_i18n_export_headings[] = {
	N_("Note"),
	N_("Highlights"),
	N_("Tags"),
	N_("Text"),
	N_("Contents"),
	N_("Notes"),
	NULL,
};

void kb_i18n_init(void)
{
	const char *dir = getenv("KANBAO_LOCALEDIR");
	if (dir == NULL || *dir == '\0')
		dir = KB_LOCALEDIR;
	/* On failure (out of memory) the strings stay in English. */
	bindtextdomain("kanbao", dir);
	bind_textdomain_codeset("kanbao", "UTF-8");
	textdomain("kanbao");
}
