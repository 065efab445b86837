/* SPDX-License-Identifier: MIT */
/*
 * The loader's boundary (decode.h): the one place where the raw bytes of an
 * edition file become text. Everything after it may assume valid UTF-8 with
 * LF line ends, so every decision about broken or foreign input is made here.
 *
 * How an encoding is chosen, in order: a UTF-16 byte order mark wins; NUL
 * bytes otherwise mean binary data; valid UTF-8 is taken as is; text whose
 * non-ASCII bytes are mostly (UTF8_SHARE_PERCENT) well-formed UTF-8 is UTF-8
 * with a few broken sequences; anything else is tried as strict GB18030 (which
 * covers GBK and GB2312), and if that fails too, decoded as UTF-8 with
 * replacements. The share test comes before GB18030 on purpose: UTF-8 Chinese
 * text often happens to be valid GB18030 byte for byte, never the reverse.
 *
 * Invalid UTF-8 is replaced following the "maximal subpart" practice of the
 * Unicode Standard, chapter 3 (also the WHATWG decoder): one U+FFFD per
 * maximal prefix of a well-formed sequence, one per other byte. So C0 AF gives
 * two, ED A0 80 (a surrogate) three, F8 88 80 80 80 five, a sequence cut off
 * at the end of the file one.
 *
 * Cost: two linear passes (count, then write) and one output allocation sized
 * exactly from the count; valid UTF-8 read by kb_decode_file is cleaned in
 * place, so a large file needs about its own size in memory.
 */
#include "kanbao/decode.h"
#include "kanbao/util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <uniconv.h>
#include <unistr.h>

/* Larger inputs are refused with KB_TOO_LARGE. */
#define MAX_INPUT ((size_t)512 * 1024 * 1024)
/* Lines whose replacements are reported one by one before a summary. */
#define MAX_LINE_WARNINGS 10
/* Share of the non-ASCII bytes that must be well-formed for broken UTF-8. */
#define UTF8_SHARE_PERCENT 90

/* Collects the replacements of the current line, reports the first lines. */
struct warner {
	kb_warn_fn warn;
	void *ctx;
	const char *what;       /* the broken encoding: "UTF-8", "UTF-16" */
	size_t line;            /* current 1-based line of the output */
	size_t on_line;         /* replacements on the current line */
	unsigned char first[4]; /* bytes of the line's first replaced sequence */
	size_t first_len;       /* how many of them are kept in first */
	size_t lines;           /* lines with at least one replacement */
	size_t total;           /* replacements in the whole text */
};

/* What the counting pass learns about UTF-8 input. */
struct scan {
	size_t bad;     /* maximal subparts to replace with U+FFFD */
	size_t hi_good; /* non-ASCII bytes in well-formed sequences */
	size_t hi;      /* all non-ASCII bytes */
	bool nul;       /* a NUL byte was seen */
};

/* Start a warner on line 1. */
static void warner_init(struct warner *w, kb_warn_fn warn, void *ctx, const char *what)
{
	memset(w, 0, sizeof(*w));
	w->warn = warn;
	w->ctx = ctx;
	w->what = what;
	w->line = 1;
}

/* Record one replaced sequence (len bytes at s) on the current line. */
static void warner_replace(struct warner *w, const unsigned char *s, size_t len)
{
	w->total++;
	if (w->on_line++ == 0) {
		w->first_len = len < sizeof(w->first) ? len : sizeof(w->first);
		memcpy(w->first, s, w->first_len);
	}
}

/* Report the current line if it had replacements and the cap allows. */
static void warner_flush(struct warner *w)
{
	char hex[3 * sizeof(w->first) + 1], msg[160];
	size_t i, p = 0;

	if (w->on_line == 0)
		return;
	w->lines++;
	if (w->warn && w->lines <= MAX_LINE_WARNINGS) {
		hex[0] = '\0';
		for (i = 0; i < w->first_len; i++)
			p += (size_t)snprintf(hex + p, sizeof(hex) - p, "%s%02X", i ? " " : "",
					      w->first[i]);
		if (w->on_line == 1)
			snprintf(msg, sizeof(msg), "invalid %s (%s %s) replaced with U+FFFD",
				 w->what, w->first_len == 1 ? "byte" : "bytes", hex);
		else
			snprintf(msg, sizeof(msg),
				 "%zu invalid %s sequences replaced with U+FFFD (first: %s %s)",
				 w->on_line, w->what, w->first_len == 1 ? "byte" : "bytes", hex);
		w->warn(w->ctx, w->line, msg);
	}
	w->on_line = 0;
}

/* The current line ended: report it and count the next one. */
static void warner_newline(struct warner *w)
{
	if (w->on_line)
		warner_flush(w);
	w->line++;
}

/* The text ended: report the last line, then a summary if lines were cut. */
static void warner_finish(struct warner *w)
{
	char msg[200];

	warner_flush(w);
	if (w->warn && w->lines > MAX_LINE_WARNINGS) {
		snprintf(msg, sizeof(msg),
			 "%zu invalid %s sequences replaced with U+FFFD on %zu lines (only the "
			 "first %d lines are listed)",
			 w->total, w->what, w->lines, MAX_LINE_WARNINGS);
		w->warn(w->ctx, 0, msg);
	}
}

/* Length of the well-formed UTF-8 sequence at s[0..n) (n >= 1, s[0] >= 0x80),
 * or, negated, the length of its maximal subpart: the bytes one U+FFFD
 * replaces. The ranges are those of Table 3-7 of the Unicode Standard, which
 * exclude overlong forms, surrogates and code points above U+10FFFF. */
static int seq_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xBF;
	int need, k;

	if (c >= 0xC2 && c <= 0xDF) {
		need = 2;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else {
		return -1;
	}
	for (k = 1; k < need; k++) {
		if ((size_t)k >= n || s[k] < lo || s[k] > hi)
			return -k;
		lo = 0x80;
		hi = 0xBF;
	}
	return need;
}

/* The counting pass over UTF-8 input: NULs, sequences to replace, and
 * how much of the non-ASCII input is well-formed. The common cases (ASCII and
 * the 3-byte sequences of Han text) are tested inline before seq_len. */
static void scan_utf8(const unsigned char *s, size_t n, struct scan *sc)
{
	size_t i = 0;
	int r;

	memset(sc, 0, sizeof(*sc));
	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			if (c == 0)
				sc->nul = true;
			i++;
			continue;
		}
		if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80) {
			r = 3;
		} else {
			r = seq_len(s + i, n - i);
		}
		if (r > 0) {
			sc->hi_good += (size_t)r;
		} else {
			sc->bad++;
			r = -r;
		}
		sc->hi += (size_t)r;
		i += (size_t)r;
	}
}

/* Copy valid UTF-8 s[0..n) to out with CRLF and lone CR made LF; out may be
 * s itself. Returns the bytes written. */
static size_t clean_line_ends(const unsigned char *s, size_t n, unsigned char *out)
{
	const unsigned char *cr;
	size_t i = 0, o = 0, run;

	while (i < n) {
		cr = memchr(s + i, '\r', n - i);
		run = (cr ? (size_t)(cr - s) : n) - i;
		if (out + o != s + i)
			memmove(out + o, s + i, run);
		o += run;
		i += run;
		if (!cr)
			break;
		out[o++] = '\n';
		i++;
		if (i < n && s[i] == '\n')
			i++;
	}
	return o;
}

/* Write s[0..n) to out as valid UTF-8 with LF line ends: CRLF and lone CR
 * become LF, each maximal subpart becomes U+FFFD (reported to w). out needs
 * n + 2 * (subparts to replace) bytes and must not overlap s.
 * Returns the bytes written. */
static size_t clean_utf8(const unsigned char *s, size_t n, unsigned char *out, struct warner *w)
{
	size_t i = 0, o = 0;
	int r;

	while (i < n) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			if (c == '\r') {
				c = '\n';
				if (i < n && s[i] == '\n')
					i++;
			}
			out[o++] = c;
			if (c == '\n')
				warner_newline(w);
			continue;
		}
		if (c >= 0xE1 && c <= 0xEC && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
		    (s[i + 2] & 0xC0) == 0x80)
			r = 3;
		else
			r = seq_len(s + i, n - i);
		if (r > 0) {
			memcpy(out + o, s + i, (size_t)r);
			o += (size_t)r;
			i += (size_t)r;
		} else {
			warner_replace(w, s + i, (size_t)-r);
			out[o++] = 0xEF;
			out[o++] = 0xBF;
			out[o++] = 0xBD;
			i += (size_t)-r;
		}
	}
	warner_finish(w);
	return o;
}

/* Append code point c (a scalar value) to out at *o as UTF-8. */
static void put_utf8(unsigned char *out, size_t *o, uint32_t c)
{
	if (c < 0x80) {
		out[(*o)++] = (unsigned char)c;
	} else if (c < 0x800) {
		out[(*o)++] = (unsigned char)(0xC0 | c >> 6);
		out[(*o)++] = (unsigned char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		out[(*o)++] = (unsigned char)(0xE0 | c >> 12);
		out[(*o)++] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		out[(*o)++] = (unsigned char)(0x80 | (c & 0x3F));
	} else {
		out[(*o)++] = (unsigned char)(0xF0 | c >> 18);
		out[(*o)++] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
		out[(*o)++] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		out[(*o)++] = (unsigned char)(0x80 | (c & 0x3F));
	}
}

/* Whether UTF-16 code units s[0..n) include U+0000: binary, not text. */
static bool has_utf16_nul(const unsigned char *s, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		if (s[i] == 0 && s[i + 1] == 0)
			return true;
	return false;
}

/* Decode UTF-16 (after its BOM) into out, which holds 3 * (n / 2) + 4 bytes,
 * with the line-end and replacement rules of clean_utf8: an unpaired
 * surrogate or an odd last byte becomes U+FFFD. Done by hand rather than with
 * iconv so that broken input is repaired and reported by line, not refused.
 * The text must hold no U+0000 (has_utf16_nul). Returns the bytes written. */
static size_t decode_utf16(const unsigned char *s, size_t n, bool be, unsigned char *out,
			   struct warner *w)
{
	size_t i = 0, o = 0;
	uint32_t u, v;

	while (i + 1 < n) {
		u = be ? (uint32_t)s[i] << 8 | s[i + 1] : (uint32_t)s[i + 1] << 8 | s[i];
		if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
			v = be ? (uint32_t)s[i + 2] << 8 | s[i + 3] :
				 (uint32_t)s[i + 3] << 8 | s[i + 2];
			if (v >= 0xDC00 && v <= 0xDFFF) {
				put_utf8(out, &o, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
				i += 4;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			warner_replace(w, s + i, 2);
			put_utf8(out, &o, 0xFFFD);
		} else if (u == '\r') {
			out[o++] = '\n';
			warner_newline(w);
			if (i + 3 < n && (be ? s[i + 2] == 0 && s[i + 3] == '\n' :
					       s[i + 2] == '\n' && s[i + 3] == 0))
				i += 2;
		} else {
			put_utf8(out, &o, u);
			if (u == '\n')
				warner_newline(w);
		}
		i += 2;
	}
	if (i < n) {
		warner_replace(w, s + i, 1);
		put_utf8(out, &o, 0xFFFD);
	}
	warner_finish(w);
	return o;
}

/* Try s[0..n) as strict GB18030. On success *out is a malloc'ed, cleaned,
 * NUL-terminated UTF-8 text of *len bytes; otherwise errno says why (EILSEQ,
 * EINVAL: not GB18030; ENOMEM). */
static bool decode_gb18030(const unsigned char *s, size_t n, char **out, size_t *len)
{
	size_t m = 0;
	uint8_t *r;

	r = u8_conv_from_encoding("GB18030", iconveh_error, (const char *)s, n, NULL, NULL, &m);
	if (!r)
		return false;
	if (u8_check(r, m)) {
		free(r);
		errno = EILSEQ;
		return false;
	}
	r = kb_xrealloc(r, m + 1);
	m = clean_line_ends(r, m, r);
	r[m] = '\0';
	*out = (char *)r;
	*len = m;
	return true;
}

/* kb_decode with an optional buffer to reuse: owned, when not NULL, is a
 * malloc'ed buffer of at least n + 1 bytes holding the input (in points into
 * it) that this function takes over, either as the output or to free. */
static enum kb_status decode(const unsigned char *in, size_t n, unsigned char *owned,
			     struct kb_text *out, kb_warn_fn warn, void *ctx)
{
	struct warner w;
	struct scan sc;
	unsigned char *buf;
	char msg[200];
	size_t len;
	bool be;

	memset(out, 0, sizeof(*out));
	if (n > MAX_INPUT) {
		free(owned);
		return KB_TOO_LARGE;
	}

	if (n >= 2 && ((in[0] == 0xFF && in[1] == 0xFE) || (in[0] == 0xFE && in[1] == 0xFF))) {
		be = in[0] == 0xFE;
		if (has_utf16_nul(in + 2, n - 2)) {
			free(owned);
			return KB_BINARY;
		}
		warner_init(&w, warn, ctx, "UTF-16");
		buf = kb_xmalloc(3 * ((n - 2) / 2) + 4);
		len = decode_utf16(in + 2, n - 2, be, buf, &w);
		free(owned);
		buf[len] = '\0';
		out->data = (char *)buf;
		out->len = len;
		out->encoding = be ? "UTF-16BE" : "UTF-16LE";
		out->had_bom = true;
		out->replaced = w.total;
		return KB_OK;
	}

	if (n >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
		out->had_bom = true;
		in += 3;
		n -= 3;
	}
	scan_utf8(in, n, &sc);
	if (sc.nul) {
		free(owned);
		return KB_BINARY;
	}

	if (sc.bad > 0 && sc.hi_good * 100 < sc.hi * UTF8_SHARE_PERCENT) {
		char *gb;
		if (decode_gb18030(in, n, &gb, &len)) {
			free(owned);
			out->data = gb;
			out->len = len;
			out->encoding = "GB18030";
			return KB_OK;
		}
		if (errno == ENOMEM) {
			free(owned);
			return KB_NOMEM;
		}
		if (warn) {
			snprintf(msg, sizeof(msg),
				 "neither UTF-8 nor GB18030 (only %zu%% of the non-ASCII bytes are "
				 "UTF-8); decoded as UTF-8, invalid bytes shown as U+FFFD",
				 sc.hi ? sc.hi_good * 100 / sc.hi : 0);
			warn(ctx, 0, msg);
		}
	}

	if (sc.bad == 0) {
		/* Valid input read by kb_decode_file is cleaned where it lies. */
		buf = owned ? owned : kb_xmalloc(n + 1);
		len = clean_line_ends(in, n, buf);
		warner_init(&w, NULL, NULL, "UTF-8");
	} else {
		buf = kb_xmalloc(n + 2 * sc.bad + 1);
		warner_init(&w, warn, ctx, "UTF-8");
		len = clean_utf8(in, n, buf, &w);
	}
	buf[len] = '\0';
	if (buf != owned)
		free(owned);
	out->data = (char *)buf;
	out->len = len;
	out->encoding = "UTF-8";
	out->replaced = w.total;
	return KB_OK;
}

enum kb_status kb_decode(const char *bytes, size_t n, struct kb_text *out, kb_warn_fn warn,
			 void *ctx)
{
	return decode((const unsigned char *)bytes, n, NULL, out, warn, ctx);
}

/* Read all of fd (a regular file of about size bytes) into *buf, which has
 * room for one more byte than *len. Stops past MAX_INPUT. errno on failure. */
static enum kb_status read_all(int fd, off_t size, unsigned char **buf, size_t *len)
{
	size_t cap, n = 0;
	unsigned char *p;
	ssize_t r;

	cap = (size_t)size + 1;
	p = kb_xmalloc(cap);
	for (;;) {
		if (n == cap) {
			/* The file grew while being read. */
			if (cap > MAX_INPUT) {
				free(p);
				return KB_TOO_LARGE;
			}
			cap = cap > MAX_INPUT / 2 ? MAX_INPUT + 1 : cap * 2;
			p = kb_xrealloc(p, cap);
		}
		r = read(fd, p + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(p);
			return KB_IO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (n > MAX_INPUT) {
		free(p);
		return KB_TOO_LARGE;
	}
	*buf = p;
	*len = n;
	return KB_OK;
}

enum kb_status kb_decode_file(const char *path, struct kb_text *out, kb_warn_fn warn, void *ctx)
{
	enum kb_status st;
	unsigned char *buf = NULL;
	struct stat sb;
	size_t len = 0;
	int fd, err;

	memset(out, 0, sizeof(*out));
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return KB_IO;
	if (fstat(fd, &sb) < 0) {
		st = KB_IO;
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		st = KB_NOT_REGULAR;
		goto out;
	}
	if (sb.st_size < 0 || (uintmax_t)sb.st_size > MAX_INPUT) {
		st = KB_TOO_LARGE;
		goto out;
	}
	st = read_all(fd, sb.st_size, &buf, &len);
out:
	err = errno;
	close(fd);
	if (st != KB_OK) {
		errno = err;
		return st;
	}
	return decode(buf, len, buf, out, warn, ctx);
}

void kb_text_finish(struct kb_text *t)
{
	if (!t)
		return;
	free(t->data);
	memset(t, 0, sizeof(*t));
}
