/*
 * Sanitising and measuring text for the terminal. Decoding uses
 * libunistring's u8_mbtouc, so a truncated or invalid sequence (a note read
 * from stdin, a file name) becomes U+FFFD and never runs past the string's
 * end; widths come from uc_width with the "UTF-8" encoding, so East Asian
 * wide characters count 2 columns under any locale.
 */
#include "term.h"

#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <unistr.h>
#include <uniwidth.h>

/* What to do with one code point on its way to the terminal. */
enum disposition { KEEP, DROP, SPACE, REPLACE };

/* Bidi controls, zero-width characters and the soft hyphen are dropped
 * (as mutt does); controls become a visible U+FFFD. */
static enum disposition classify(ucs4_t c)
{
	if (c == '\n' || c == '\t')
		return SPACE;
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
		return REPLACE;
	if (c == 0xAD || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	    (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x061C)
		return DROP;
	return KEEP;
}

/* Decode one code point of s (n bytes left, n > 0); invalid input gives
 * U+FFFD and consumes at least one byte. */
static int next(const char *s, size_t n, ucs4_t *c)
{
	int len = u8_mbtouc(c, (const uint8_t *)s, n);
	return len > 0 ? len : 1;
}

void kb_term_put_safe(struct kb_buf *b, const char *s, size_t max)
{
	if (!s)
		return;
	size_t n = strlen(s), count = 0;
	while (n) {
		if (max && count == max) {
			kb_buf_puts(b, "…");
			return;
		}
		ucs4_t c;
		int len = next(s, n, &c);
		switch (classify(c)) {
		case SPACE:
			kb_buf_putc(b, ' ');
			break;
		case REPLACE:
			kb_buf_puts(b, "\xEF\xBF\xBD");
			break;
		case KEEP:
			if (c == 0xFFFD)
				kb_buf_puts(b, "\xEF\xBF\xBD");
			else
				kb_buf_append(b, s, (size_t)len);
			break;
		case DROP:
			break;
		}
		s += len;
		n -= (size_t)len;
		count++;
	}
}

/* The columns of one sanitised code point (non-printing ones take none). */
static size_t cp_width(ucs4_t c)
{
	int w = uc_width(c, "UTF-8");
	return w > 0 ? (size_t)w : 0;
}

size_t kb_term_width(const char *s)
{
	size_t n = strlen(s), w = 0;
	while (n) {
		ucs4_t c;
		int len = next(s, n, &c);
		w += cp_width(c);
		s += len;
		n -= (size_t)len;
	}
	return w;
}

size_t kb_term_put_fit(struct kb_buf *b, const char *s, size_t cols)
{
	struct kb_buf tmp;
	kb_buf_init(&tmp);
	kb_term_put_safe(&tmp, s, 0);
	const char *p = tmp.data ? tmp.data : "";
	size_t total = kb_term_width(p);
	if (total <= cols) {
		kb_buf_puts(b, p);
		kb_buf_finish(&tmp);
		return total;
	}
	size_t used = 0, n = tmp.len;
	if (cols == 0) {
		kb_buf_finish(&tmp);
		return 0;
	}
	while (n) {
		ucs4_t c;
		int len = next(p, n, &c);
		size_t w = cp_width(c);
		if (used + w + 1 > cols)
			break;
		kb_buf_append(b, p, (size_t)len);
		used += w;
		p += len;
		n -= (size_t)len;
	}
	kb_buf_puts(b, "…");
	kb_buf_finish(&tmp);
	return used + 1;
}

size_t kb_term_columns(int fd, size_t fallback)
{
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return fallback;
}

void kb_term_error(const char *subject, const char *msg)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "kanbao: ");
	size_t n = subject ? strlen(subject) : 0;
	if (subject && !(strncmp(msg, subject, n) == 0 && msg[n] == ':')) {
		kb_term_put_safe(&b, subject, 0);
		kb_buf_puts(&b, ": ");
	}
	kb_term_put_safe(&b, msg, 0);
	kb_buf_putc(&b, '\n');
	fputs(b.data, stderr);
	kb_buf_finish(&b);
}
