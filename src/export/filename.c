/*
 * File names for exported articles: "YYYY-MM-DD 标题.md" (or the title, or
 * the id), safe on every file system a Markdown vault is synced to.
 *
 * '/' and '\' and the characters Windows refuses (: * ? " < > |) become
 * their full-width forms (／ ＼ ： ＊ ？ ＂ ＜ ＞ ｜), so a headline stays
 * readable; control characters (C0, DEL, C1), bidi and line-separator
 * characters and bytes that are not UTF-8 are dropped; a run of dots becomes
 * one dot; leading '-', '.' and spaces and trailing dots and spaces are
 * removed. The name is cut on a character boundary so that with " (N)" and
 * ".md" it stays within 255 bytes (NAME_MAX on Linux).
 */
#include "kanbao/export.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NAME_BYTES 255

/* Length of the UTF-8 character at s (1 to 4), or 0 if it is not valid;
 * *cp gets the code point. */
static size_t utf8_char(const unsigned char *s, uint32_t *cp)
{
	size_t len;
	uint32_t c, min;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		len = 2, c = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, c = s[0] & 0x0f, min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		len = 4, c = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) /* also stops at the NUL */
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Characters dropped from a name: controls, and the invisible ones that
 * reorder or break a line in a file manager or a terminal. */
static bool dropped(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x200e || c == 0x200f ||
	       (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0xfeff;
}

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
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		uint32_t c;
		size_t len = utf8_char(p, &c);
		if (len == 0) {
			p++;
			continue;
		}
		const char *fw = fullwidth(c);
		if (fw)
			kb_buf_puts(b, fw);
		else if (c == '.' && b->len > 0 && b->data[b->len - 1] == '.')
			; /* ".." collapses */
		else if (!dropped(c))
			kb_buf_append(b, (const char *)p, len);
		p += len;
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
	sanitize(&t, a->title ? a->title : "");
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

/* Whether dir/name exists (anything stat can see). */
static bool exists(const char *dir, const char *name)
{
	if (!dir)
		return false;
	struct kb_buf p;
	kb_buf_init(&p);
	kb_buf_printf(&p, "%s/%s", dir, name);
	struct stat st;
	bool r = stat(p.data, &st) == 0;
	kb_buf_finish(&p);
	return r;
}

char *kb_export_filename(const struct kb_full *a, const char *dir)
{
	char *s = stem(a);
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
		if (!exists(dir, name.data) || k == UINT32_MAX) {
			free(s);
			return kb_buf_steal(&name);
		}
		kb_buf_finish(&name);
	}
}
