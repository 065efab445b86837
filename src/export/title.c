/* SPDX-License-Identifier: MIT */
/*
 * The title an export gives an article: its headline, or for an article
 * without one (a brief, a caption, a page's loose text) its first words:
 * the first sentence of its text, at most TITLE_CHARS characters, with
 * "…" where it was cut. Front matter, heading, file name and citation all
 * use it, so an untitled article is named the same everywhere.
 */
#include "kanbao/export.h"

#include "kanbao/sanitize.h"

#include <stdint.h>
#include <string.h>

enum { TITLE_CHARS = 20 };

static bool blank(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x3000;
}

/* A mark that ends a sentence (kept in the title). */
static bool final(uint32_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == '!' || c == '?' || c == 0xFF1B;
}

char *kb_export_title(const struct kb_full *a)
{
	if (a->title) {
		const char *t = a->title;
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t)
			return kb_xstrdup(a->title);
	}
	const char *s = a->text ? a->text : "";
	size_t n = strlen(s), i = 0;
	uint32_t c;
	while (i < n) { /* leading blanks */
		size_t k = kb_utf8_next(s + i, n - i, &c);
		if (!blank(c))
			break;
		i += k;
	}
	struct kb_buf b;
	kb_buf_init(&b);
	size_t chars = 0;
	bool cut = false;
	while (i < n) {
		size_t k = kb_utf8_next(s + i, n - i, &c);
		if (c == '\n')
			break; /* the first paragraph only */
		if (chars == TITLE_CHARS) {
			cut = true;
			break;
		}
		kb_buf_append(&b, s + i, k);
		chars++;
		i += k;
		if (final(c))
			break;
	}
	while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == '\t'))
		b.data[--b.len] = '\0';
	if (!b.len) {
		kb_buf_finish(&b);
		return kb_xstrdup(a->id ? a->id : "");
	}
	if (cut)
		kb_buf_puts(&b, "…");
	return kb_buf_steal(&b);
}
