/* SPDX-License-Identifier: MIT */
/*
 * Sanitising untrusted text for a terminal (see kanbao/sanitize.h). The
 * decoder is kanbao's own, strict and bounded, so the util layer needs no
 * libunistring; the sets of dropped characters are mutt's plus the other
 * invisible format characters the layout module hides on screen.
 */
#include "kanbao/sanitize.h"

#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD in UTF-8 */

enum kb_char_class kb_char_class(uint32_t c)
{
	if (c == '\n' || c == 0x2028 || c == 0x2029)
		return KB_CHAR_NEWLINE;
	if (c == '\t')
		return KB_CHAR_TAB;
	if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return KB_CHAR_CONTROL;
	switch (c) {
	case 0x00AD: /* soft hyphen: terminals disagree on its width */
	case 0x061C: /* Arabic letter mark */
	case 0x180E: /* Mongolian vowel separator */
	case 0xFEFF: /* byte order mark, zero-width no-break space */
		return KB_CHAR_INVISIBLE;
	}
	if ((c >= 0x200B && c <= 0x200F) || /* ZWSP, ZWNJ, ZWJ, LRM, RLM */
	    (c >= 0x202A && c <= 0x202E) || /* LRE RLE PDF LRO RLO */
	    (c >= 0x2060 && c <= 0x206F) || /* word joiner, invisible operators, isolates */
	    (c >= 0xFFF9 && c <= 0xFFFB))   /* interlinear annotation */
		return KB_CHAR_INVISIBLE;
	return KB_CHAR_TEXT;
}

size_t kb_utf8_next(const char *s, size_t n, uint32_t *c)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len;
	uint32_t v, min;
	if (p[0] < 0x80) {
		*c = p[0];
		return 1;
	} else if ((p[0] & 0xE0) == 0xC0) {
		len = 2, v = p[0] & 0x1F, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		len = 3, v = p[0] & 0x0F, min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		len = 4, v = p[0] & 0x07, min = 0x10000;
	} else {
		goto invalid;
	}
	if (n < len)
		goto invalid;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto invalid;
		v = (v << 6) | (p[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		goto invalid;
	*c = v;
	return len;
invalid:
	*c = 0xFFFD;
	return 1;
}

void kb_sanitize(struct kb_buf *b, const char *s, size_t n, unsigned flags)
{
	size_t i = 0;
	while (i < n) {
		/* runs of ASCII text are copied at once */
		size_t run = i;
		while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F)
			run++;
		if (run > i) {
			kb_buf_append(b, s + i, run - i);
			i = run;
			continue;
		}
		uint32_t c;
		size_t len = kb_utf8_next(s + i, n - i, &c);
		switch (kb_char_class(c)) {
		case KB_CHAR_TEXT:
			if (c == 0xFFFD)
				kb_buf_puts(b, REPLACEMENT); /* also for an invalid byte */
			else
				kb_buf_append(b, s + i, len);
			break;
		case KB_CHAR_NEWLINE:
			kb_buf_putc(b, flags & KB_SANITIZE_NEWLINES ? '\n' : ' ');
			break;
		case KB_CHAR_TAB:
			kb_buf_putc(b, flags & KB_SANITIZE_TABS ? '\t' : ' ');
			break;
		case KB_CHAR_CONTROL:
			kb_buf_puts(b, REPLACEMENT);
			break;
		case KB_CHAR_INVISIBLE:
			break;
		}
		i += len;
	}
}

void kb_sanitize_str(struct kb_buf *b, const char *s, unsigned flags)
{
	if (s)
		kb_sanitize(b, s, strlen(s), flags);
}

void kb_json_string(struct kb_buf *b, const char *s)
{
	if (!s) {
		kb_buf_puts(b, "null");
		return;
	}
	kb_buf_putc(b, '"');
	size_t n = strlen(s), i = 0;
	while (i < n) {
		/* runs of plain ASCII are copied at once */
		size_t run = i;
		while (run < n && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F &&
		       s[run] != '"' && s[run] != '\\')
			run++;
		if (run > i) {
			kb_buf_append(b, s + i, run - i);
			i = run;
			continue;
		}
		uint32_t c;
		size_t len = kb_utf8_next(s + i, n - i, &c);
		if (c == '"')
			kb_buf_puts(b, "\\\"");
		else if (c == '\\')
			kb_buf_puts(b, "\\\\");
		else if (c == '\n')
			kb_buf_puts(b, "\\n");
		else if (c == '\t')
			kb_buf_puts(b, "\\t");
		else if (c == '\r')
			kb_buf_puts(b, "\\r");
		else if (c == 0xFFFD && len == 1)
			kb_buf_puts(b, "\\ufffd"); /* not UTF-8 */
		else if (kb_char_class(c) != KB_CHAR_TEXT)
			kb_buf_printf(b, "\\u%04x", (unsigned)c); /* all such are in the BMP */
		else
			kb_buf_append(b, s + i, len);
		i += len;
	}
	kb_buf_putc(b, '"');
}
