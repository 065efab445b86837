/* SPDX-License-Identifier: MIT */
/*
 * Paragraph wrapping for the terminal. libunistring gives the Unicode line
 * break opportunities (UAX #14), which already keep numbers like 5.2% and
 * Latin words whole; Chinese rules are added on top (shared/CJK-NOTES.md,
 * GB/T 15834, clreq):
 *   - a break is allowed before “ ‘ after Han text or closing punctuation,
 *     and after ” ’ before Han text (libunistring 1.0 glues quotes to both
 *     neighbours, which would weld whole quotations to the words around);
 *   - no line starts with closing punctuation, · ／ ～ or a dash/ellipsis
 *     (so —— and …… are never split), and none ends with opening punctuation.
 * The lines are then fitted greedily, measured with kb_cp_width (what ncurses
 * will draw), white space hanging at the end of a line and skipped at the
 * start of the next. A run with no allowed break that is longer than a line
 * gets an emergency break at a grapheme boundary, moved back past positions
 * the rules forbid unless that would leave the line empty. A Han character
 * alone on the last line (孤字) pulls one more character down.
 *
 * Every step is linear in the text: each character is measured at most twice
 * (once more after a break chosen behind the overflow point).
 */
#include "kanbao/layout.h"
#include "kanbao/util.h"

#include <stdlib.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

enum {
	F_BREAK = 1, /* a line may start at this character */
	F_MAND = 2,  /* a line must start here (after a newline) */
	F_GRAPH = 4, /* a grapheme cluster starts here */
	F_WS = 8,    /* white space: hangs at a line end, skipped at a start */
};

/* One character of the paragraph. */
struct unit {
	size_t off;  /* byte offset in the text */
	uint32_t cp; /* the code point (U+FFFD for an invalid byte) */
	uint8_t w;   /* display columns */
	uint8_t fl;  /* F_* flags */
};

/* A paragraph being wrapped: its characters plus a sentinel at n. */
struct para {
	struct unit *u;
	size_t n;
};

/* White space that may be dropped at a line break (and, with
 * KB_WRAP_INDENT, at the start of the text). */
static bool is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0x3000;
}

/* Han ideographs (CJK Unified, Extension A-H, compatibility) and 〇. */
static bool is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x20000 && c <= 0x3FFFF) || (c >= 0xF900 && c <= 0xFAFF) ||
	       c == 0x3007;
}

/* Characters that may not start a line: closing punctuation (full-width
 * and ASCII), middle dot, slash, tilde, and the dash and ellipsis (which
 * also keeps —— and …… whole). */
static bool no_start(uint32_t c)
{
	switch (c) {
	case 0x3002: case 0xFF0C: case 0x3001: case 0xFF1B: case 0xFF1A: /* 。，、；： */
	case 0xFF1F: case 0xFF01: case 0xFF09: case 0x300B: case 0x300D: /* ？！）》」 */
	case 0x300F: case 0x3011: case 0x201D: case 0x2019: case 0x2026: /* 』】”’… */
	case 0xFF05: case 0x3009: case 0x3015: case 0xFF3D: case 0xFF5D: /* ％〉〕］｝ */
	case 0x3017: case 0x3019: case 0x301B: case 0xFF0E:              /* 〗〙〛． */
	case ',': case '.': case ';': case ':': case '!': case '?':
	case ')': case ']': case '}': case '%':
	case 0x00B7: case 0x30FB: case 0xFF0F: case 0xFF5E: case 0x301C: /* ·・／～〜 */
	case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B:              /* — ― ⸺ ⸻ */
		return true;
	}
	return false;
}

/* Characters that may not end a line: opening brackets and quotes. */
static bool no_end(uint32_t c)
{
	switch (c) {
	case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010: /* （《「『【 */
	case 0x201C: case 0x2018: case 0x3008: case 0x3014: case 0xFF3B: /* “‘〈〔［ */
	case 0xFF5B: case 0x3016: case 0x3018: case 0x301A:              /* ｛〖〘〚 */
	case '(': case '[': case '{':
		return true;
	}
	return false;
}

/* Decode text into p->u and flag break opportunities, graphemes and white
 * space. Caller frees p->u. */
static void analyse(const char *text, size_t len, struct para *p)
{
	const uint8_t *s = (const uint8_t *)text;
	char *lb = kb_xmalloc(len ? len : 1);
	char *gb = kb_xmalloc(len ? len : 1);
	size_t i = 0, n = 0, last_solid = SIZE_MAX;

	u8_possible_linebreaks(s, len, "UTF-8", lb);
	u8_grapheme_breaks(s, len, gb);
	p->u = kb_xmalloc((u8_mbsnlen(s, len) + 1) * sizeof *p->u);
	while (i < len) {
		struct unit *u = &p->u[n];
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, len - i);

		u->off = i;
		u->cp = c;
		u->w = (uint8_t)kb_cp_width(c);
		u->fl = 0;
		if (gb[i] || i == 0)
			u->fl |= F_GRAPH;
		if (is_ws(c))
			u->fl |= F_WS;
		if (lb[i] == UC_BREAK_MANDATORY) {
			u->fl |= F_MAND | F_BREAK;
		} else if (n > 0) {
			uint32_t prev = p->u[n - 1].cp;
			bool ok = lb[i] == UC_BREAK_POSSIBLE || lb[i] == UC_BREAK_HYPHENATION;

			if ((c == 0x201C || c == 0x2018) && (is_han(prev) || no_start(prev)))
				ok = true; /* 五|“六七”, 说，|“… */
			if (is_han(c) && (prev == 0x201D || prev == 0x2019))
				ok = true; /* “六七”|八 */
			if (no_start(c) || (last_solid != SIZE_MAX && no_end(p->u[last_solid].cp)))
				ok = false;
			if (ok)
				u->fl |= F_BREAK;
		}
		if (!(u->fl & F_WS))
			last_solid = n;
		i += (size_t)(k > 0 ? k : 1);
		n++;
	}
	p->u[n].off = len;
	p->u[n].cp = 0;
	p->u[n].w = 0;
	p->u[n].fl = F_GRAPH | F_BREAK;
	p->n = n;
	free(lb);
	free(gb);
}

/* Whether a line break before character j would break a rule: the first
 * character after it (white space skipped) may not start a line, or the last
 * one before it may not end one. */
static bool bad_break(const struct para *p, size_t j)
{
	size_t a = j, b = j;

	while (a < p->n && (p->u[a].fl & F_WS))
		a++;
	while (b > 0 && (p->u[b - 1].fl & F_WS))
		b--;
	return (a < p->n && no_start(p->u[a].cp)) || (b > 0 && no_end(p->u[b - 1].cp));
}

/* An emergency break for a line starting at i whose character k overflows
 * avail and which has no allowed break: the last grapheme boundary at or
 * before k, moved back while the rules forbid it, but never to i. When even
 * the first grapheme does not fit, as many of its characters as fit (at
 * least one). */
static size_t emergency(const struct para *p, size_t i, size_t k, int avail)
{
	size_t j = k, first;
	int w = 0; /* columns of the first grapheme's characters taken */

	while (j > i && !(p->u[j].fl & F_GRAPH))
		j--;
	if (j == i) {
		/* the first grapheme alone is too wide: split it by characters */
		for (j = i; j < p->n; j++) {
			if (j > i && ((p->u[j].fl & F_GRAPH) ||
				      (p->u[j].w && w + p->u[j].w > avail)))
				break;
			w += p->u[j].w;
		}
		return j;
	}
	first = j;
	/* candidates inside a run of white space are skipped: breaking there is
	 * the same as breaking after it, and rescanning the run from each of
	 * its positions would be quadratic */
	while (j > i && bad_break(p, j)) {
		do
			j--;
		while (j > i && (!(p->u[j].fl & F_GRAPH) || (p->u[j].fl & F_WS)));
	}
	return j > i ? j : first;
}

/* The end of the line starting at character i with avail columns. */
static size_t fit(const struct para *p, size_t i, int avail)
{
	size_t best = 0, k;
	int w = 0;

	for (k = i; k < p->n; k++) {
		const struct unit *u = &p->u[k];

		if (k > i && (u->fl & F_MAND))
			return k;
		if (k > i && (u->fl & F_BREAK))
			best = k;
		if (!(u->fl & F_WS) && w + u->w > avail)
			return best ? best : emergency(p, i, k, avail);
		w += u->w;
	}
	return p->n;
}

/* Columns characters [s, e) take. */
static int span_width(const struct para *p, size_t s, size_t e)
{
	int w = 0;

	for (; s < e; s++)
		w += p->u[s].w;
	return w;
}

/* Append a line to out. */
static void push_line(struct kb_lines *out, size_t start, size_t end, int width, int indent)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 16;
		out->v = kb_xrealloc(out->v, out->cap * sizeof *out->v);
	}
	out->v[out->n++] = (struct kb_line){ start, end, width, indent };
}

/* Whether characters [s, e) are one Han character and closing punctuation
 * after it: a 孤字 when it is a paragraph's last line. */
static bool is_orphan(const struct para *p, size_t s, size_t e)
{
	if (!is_han(p->u[s].cp))
		return false;
	for (s++; s < e; s++)
		if (!no_start(p->u[s].cp))
			return false;
	return true;
}

/* 孤字: when the last line (characters [ls, le), out's last entry) is a lone
 * Han character, pull one or two characters of the line before ([ps, pe))
 * down to it, through an allowed break, if the new last line fits. */
static void fix_orphan(const struct para *p, struct kb_lines *out, size_t ps, size_t pe,
		       size_t ls, size_t le, int width)
{
	struct kb_line *prev = &out->v[out->n - 2], *last = &out->v[out->n - 1];
	size_t j, lo = pe > ps + 3 ? pe - 3 : ps + 1;

	if (!is_orphan(p, ls, le))
		return;
	for (j = pe; j <= ls; j++)
		if (p->u[j].fl & F_MAND)
			return;
	for (j = pe - 1; j >= lo && j > ps; j--) {
		size_t e = j;

		if (!(p->u[j].fl & F_BREAK) || span_width(p, j, le) > width)
			continue;
		while (e > ps && (p->u[e - 1].fl & F_WS))
			e--;
		if (e == ps)
			return;
		prev->end = p->u[e].off;
		prev->width = prev->indent + span_width(p, ps, e);
		last->start = p->u[j].off;
		last->width = span_width(p, j, le);
		return;
	}
}

/* Break text into lines of at most width columns (see layout.h). */
void kb_layout_wrap(const char *text, size_t len, int width, unsigned flags,
		    struct kb_lines *out)
{
	struct para p;
	size_t i = 0, first_line = out->n;
	size_t ps = 0, pe = 0, ls = 0, le = 0;
	int indent = 0;

	if (width < 1)
		width = 1;
	analyse(text, len, &p);
	if (flags & KB_WRAP_INDENT) {
		while (i < p.n && (p.u[i].fl & F_WS))
			i++;
		indent = width >= 8 ? 4 : 0;
	}
	while (i < p.n) {
		int ind = out->n == first_line ? indent : 0;
		size_t end = fit(&p, i, width - ind), e = end;

		while (e > i && (p.u[e - 1].fl & F_WS))
			e--;
		if (e > i) {
			push_line(out, p.u[i].off, p.u[e].off, ind + span_width(&p, i, e), ind);
			ps = ls, pe = le;
			ls = i, le = e;
		}
		i = end;
		while (i < p.n && (p.u[i].fl & F_WS))
			i++;
	}
	if (out->n >= first_line + 2 && width >= 8)
		fix_orphan(&p, out, ps, pe, ls, le, width);
	free(p.u);
}

/* Free what out holds; accepts an empty set. */
void kb_lines_finish(struct kb_lines *out)
{
	if (!out)
		return;
	free(out->v);
	out->v = NULL;
	out->n = out->cap = 0;
}
