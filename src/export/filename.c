/* SPDX-License-Identifier: MIT */
/*
 * File names for exported articles: "YYYY-MM-DD 标题.md" (the title as
 * kb_export_title gives it: the headline or the first words), and for a
 * document the subject asked for ("tag 郑州.md"), safe on every file
 * system a Markdown vault is synced to.
 *
 * '/' and '\' and the characters Windows refuses (: * ? " < > |) become
 * their full-width forms (／ ＼ ： ＊ ？ ＂ ＜ ＞ ｜), so a headline stays
 * readable; control characters (C0, DEL, C1), tabs and line breaks, bidi
 * and zero-width characters (whatever kanbao/sanitize.h keeps off a
 * terminal) and bytes that are not UTF-8 are dropped; a run of dots becomes
 * one dot; leading '-', '.' and spaces and trailing dots and spaces are
 * removed. The name is cut on a character boundary so that with " (N)" and
 * ".md" it stays within 255 bytes (NAME_MAX on Linux).
 */
#include "kanbao/export.h"

#include "kanbao/sanitize.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NAME_BYTES 255

/* The full-width replacement of an ASCII character a file system refuses,
 * or NULL. */
static const char *fullwidth(uint32_t c)
{
	switch (c) {
	case '/': return "／";
	case '\\': return "＼";
	case ':': return "：";
	case '*': return "＊";
	case '?': return "？";
	case '"': return "＂";
	case '<': return "＜";
	case '>': return "＞";
	case '|': return "｜";
	default: return NULL;
	}
}

/* Append s to b made safe (see the top comment), without trimming. */
static void sanitize(struct kb_buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kb_utf8_next(s + i, n - i, &c);
		const char *fw = fullwidth(c);
		if (c == 0xFFFD && len == 1)
			; /* not UTF-8 */
		else if (fw)
			kb_buf_puts(b, fw);
		else if (c == '.' && b->len > 0 && b->data[b->len - 1] == '.')
			; /* ".." collapses */
		else if (kb_char_class(c) == KB_CHAR_TEXT)
			kb_buf_append(b, s + i, len);
		i += len;
	}
}

/* The length of s[0..n) without leading '-', '.', spaces, and without
 * trailing dots and spaces; *start gets where it begins. */
static size_t trim(const char *s, size_t n, size_t *start)
{
	size_t i = 0;
	while (i < n && (s[i] == '-' || s[i] == '.' || s[i] == ' '))
		i++;
	while (n > i && (s[n - 1] == '.' || s[n - 1] == ' '))
		n--;
	*start = i;
	return n - i;
}

/* The largest length <= max at which s[0..n) can be cut between UTF-8
 * characters. */
static size_t cut(const char *s, size_t n, size_t max)
{
	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* The stem of the name: date and title, title, or id, sanitized and trimmed.
 * Caller frees; never NULL, may be "". */
static char *stem(const struct kb_full *a)
{
	struct kb_buf t, out;
	kb_buf_init(&t);
	kb_buf_init(&out);
	char *title = kb_export_title(a);
	sanitize(&t, title);
	free(title);
	size_t ts, tn = trim(t.data ? t.data : "", t.len, &ts);
	if (tn == 0) {
		kb_buf_finish(&t);
		kb_buf_init(&t);
		sanitize(&t, a->id ? a->id : "");
		tn = trim(t.data ? t.data : "", t.len, &ts);
	}
	struct kb_buf d;
	kb_buf_init(&d);
	sanitize(&d, a->date ? a->date : "");
	size_t ds, dn = trim(d.data ? d.data : "", d.len, &ds);
	if (dn) {
		kb_buf_append(&out, d.data + ds, dn);
		if (tn)
			kb_buf_putc(&out, ' ');
	}
	if (tn)
		kb_buf_append(&out, t.data + ts, tn);
	if (out.len == 0)
		kb_buf_puts(&out, "article");
	kb_buf_finish(&t);
	kb_buf_finish(&d);
	return kb_buf_steal(&out);
}

/* Whether dir/name exists: anything lstat sees, a dangling symlink too (a
 * write through it would create a file wherever it points). */
static bool exists(const char *dir, const char *name)
{
	if (!dir)
		return false;
	struct kb_buf p;
	kb_buf_init(&p);
	kb_buf_printf(&p, "%s/%s", dir, name);
	struct stat st;
	bool r = lstat(p.data, &st) == 0;
	kb_buf_finish(&p);
	return r;
}

/* "s.md" (" (N)" added when unique and the name is taken in dir); s is
 * freed. */
static char *name_in(char *s, const char *dir, bool unique)
{
	size_t n = strlen(s);
	for (unsigned k = 1;; k++) {
		char suffix[32] = "";
		if (k > 1)
			snprintf(suffix, sizeof(suffix), " (%u)", k);
		size_t max = NAME_BYTES - strlen(suffix) - strlen(".md");
		size_t m = cut(s, n, max), start;
		m = trim(s, m, &start); /* a cut may leave a trailing space */
		struct kb_buf name;
		kb_buf_init(&name);
		kb_buf_append(&name, s + start, m);
		kb_buf_printf(&name, "%s.md", suffix);
		if (!unique || !exists(dir, name.data) || k == UINT32_MAX) {
			free(s);
			return kb_buf_steal(&name);
		}
		kb_buf_finish(&name);
	}
}

char *kb_export_filename(const struct kb_full *a, const char *dir)
{
	return name_in(stem(a), dir, true);
}

char *kb_export_subject_filename(const char *subject)
{
	struct kb_buf t;
	kb_buf_init(&t);
	sanitize(&t, subject ? subject : "");
	size_t ts, tn = trim(t.data ? t.data : "", t.len, &ts);
	char *s = tn ? kb_xstrndup(t.data + ts, tn) : kb_xstrdup("kanbao export");
	kb_buf_finish(&t);
	return name_in(s, NULL, false);
}
