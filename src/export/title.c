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

/* One term of a filter as the subject says it: "tag:郑州" → "tag 郑州",
 * "date:2021-02" → "2021-02", "paper:人民日报" → "人民日报"; the quotes
 * around a value dropped. */
static void subject_term(struct kb_buf *b, const char *t, size_t n)
{
	static const struct {
		const char *key, *say;
	} keys[] = {
		{"tag:", "tag "}, {"-tag:", "not tag "}, {"date:", ""}, {"paper:", ""},
		{"page:", "page "}, {"edition:", "edition "},
	};
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		size_t kl = strlen(keys[k].key);
		if (n > kl && strncmp(t, keys[k].key, kl) == 0) {
			kb_buf_puts(b, keys[k].say);
			t += kl;
			n -= kl;
			break;
		}
	}
	if (n >= 2 && t[0] == '"' && t[n - 1] == '"') {
		t++;
		n -= 2;
	}
	kb_buf_append(b, t, n);
}

char *kb_export_subject(const char *search, const char *filter)
{
	struct kb_buf b;
	kb_buf_init(&b);
	if (search && *search) {
		kb_buf_puts(&b, "search ");
		kb_buf_puts(&b, search);
	}
	const char *p = filter ? filter : "";
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		/* a term: up to a space outside quotes */
		const char *e = p;
		bool quoted = false;
		while (*e && (quoted || *e != ' ')) {
			if (*e == '"')
				quoted = !quoted;
			e++;
		}
		if (b.len)
			kb_buf_putc(&b, ' ');
		subject_term(&b, p, (size_t)(e - p));
		p = e;
	}
	if (!b.len)
		kb_buf_puts(&b, "kanbao export");
	return kb_buf_steal(&b);
}
