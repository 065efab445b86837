/* SPDX-License-Identifier: MIT */
/*
 * Pages that set every paragraph whole on one line, indented (web e-paper
 * exports: one line per <p>, with the paper's 　　 indent; no column ever
 * cuts a line). On such a page the indent is structure, not decoration:
 *
 * - a line set flush left is a headline line (kicker, title, subtitle), and
 *   a run of them opens an article: the article's own section heads are
 *   paragraphs of its text, indented like them;
 * - an indented line is a paragraph, a byline or credit, page furniture, or
 *   a section head. A head is told from a paragraph by its shape (short, no
 *   sentence in it, no final mark, not a quotation, not a label with a
 *   colon) and its place: it stands between paragraphs, never last; the
 *   first line under a headline is a lead, not a head, unless it is a short
 *   label (核心阅读); a short head may take a longer phrase under it (two-
 *   line heads); three head-shaped lines in a row are verse or a list.
 *
 * The page is recognised by its lines, not its paper: paragraphs start
 * indented and no flush-left line continues an indented one (a print
 * export's column lines wrap, so it has such continuations).
 */
#include "loader.h"

#include <stdlib.h>
#include <string.h>

/* Does the line end a sentence or a quotation? */
static bool line_closed(const char *s, size_t n)
{
	int l;
	kb_trim(&s, &n);
	if (!n)
		return true;
	uint32_t c = kb_cp_before(s, s + n, &l);
	return kb_is_final(c) || kb_is_closer(c);
}

bool kb_detect_line_paragraphs(const char *text, size_t len)
{
	size_t lines = 0, indented = 0, cuts = 0;
	const char *s = text, *e = text + len;
	bool prev_open_indented = false;
	int l;
	while (s < e) {
		const char *le = memchr(s, '\n', (size_t)(e - s));
		if (!le)
			le = e;
		const char *t = s;
		size_t n = (size_t)(le - s);
		s = le + 1;
		bool ind = n && kb_is_space(kb_cp_at(t, t + n, &l));
		kb_trim(&t, &n);
		if (!n)
			continue;
		lines++;
		indented += ind;
		/* a column cut: flush-left text after an unfinished indented
		 * line, not a headline line */
		if (!ind && prev_open_indented) {
			struct shape sh;
			kb_measure(t, n, &sh);
			cuts += !kb_headline_text(t, n, &sh);
		}
		prev_open_indented = ind && !line_closed(t, n);
	}
	return indented >= 3 && indented * 3 >= lines && cuts * 20 <= indented;
}

/* Is the unit page furniture or a byline, decided by its own text? */
static bool settled(const struct unit *u)
{
	return kb_is_extra_kind(u->kind) || u->kind == U_BYLINE;
}

/* Does the text, from its first character to its last, stand inside one
 * pair of quotation marks (“…”, 「…」)? A quotation is somebody's words
 * set apart, not a head over the text. */
static bool whole_quote(const char *s, size_t n)
{
	const char *e = s + n;
	int l, depth = 0;
	uint32_t first = kb_cp_at(s, e, &l);
	uint32_t open = first, close = first == 0x201C ? 0x201D : first == 0x300C ? 0x300D : 0;
	if (!close)
		return false;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == open)
			depth++;
		else if (c == close && --depth == 0)
			return q + l == e;
	}
	return false;
}

/* How a line may serve as a section head, by its text alone. */
enum head_shape {
	NOT_HEAD,
	LOOSE_HEAD,  /* a phrase with a few pauses: only under a short head */
	HEAD,        /* shaped like a head */
	LABEL_HEAD,  /* a short label (核心阅读): may stand first */
};

static enum head_shape head_shape(const struct unit *u)
{
	struct shape sh;
	kb_measure(u->text, u->len, &sh);
	/* a numbered head (一、… （二）…) may run longer than a plain one */
	size_t most = kb_starts_list_item(u->text, u->len) ? 40 : 30;
	if (sh.nchars == 0 || sh.nchars > most || sh.label || sh.stops_inside || sh.excl_inside)
		return NOT_HEAD;
	/* a line ending in a mark of its own (。？！…，) is a sentence */
	if (kb_is_final(sh.last) || kb_is_pause(sh.last) || sh.last == 0xFF1B || sh.last == ';')
		return NOT_HEAD;
	if (whole_quote(u->text, u->len) || kb_starts_dateline(u->text, u->len) ||
	    kb_starts_clause_item(u->text, u->len) || kb_is_date_line(u->text, u->len) ||
	    kb_has_contact(u->text, u->len))
		return NOT_HEAD;
	if (kb_headline_text(u->text, u->len, &sh))
		return sh.nchars <= 6 && !sh.pauses && !sh.spaced ? LABEL_HEAD : HEAD;
	/* 三、提高社会治理社会化、法治化、智能化水平: a numbered head may
	 * enumerate; a comma would make it a sentence */
	if (most == 40 && !kb_find(u->text, u->len, "，") && !kb_find(u->text, u->len, ","))
		return HEAD;
	return sh.pauses <= 3 ? LOOSE_HEAD : NOT_HEAD;
}

/* A flush-left line: a headline line, unless it is a whole sentence. */
static void read_flush(struct unit *u)
{
	if (settled(u))
		return;
	struct shape sh;
	kb_measure(u->text, u->len, &sh);
	bool sentence = sh.nchars > 80 || sh.last == 0x3002 || kb_is_pause(sh.last) ||
			sh.last == 0xFF1B || sh.last == ';';
	if (sentence) {
		u->kind = U_BODY;
		u->hl = 0;
		return;
	}
	u->kind = U_HEADLINE;
	u->hl = kb_headline_flags(u->text, u->len, &sh) & ~HL_SECTION;
}

/* An indented line: a paragraph unless its text makes it a byline, a
 * credit or furniture (heads are found afterwards, in context). */
static void read_indented(struct parse *p, struct unit *u)
{
	if (settled(u))
		return;
	u->kind = U_BODY;
	u->hl = 0;
	/* ——访… right under the headline is its subtitle, indented or not */
	if (kb_starts(u->text, u->len, "——") && u > p->units && u[-1].kind == U_HEADLINE &&
	    !u[-1].indented && kb_nchars(u->text, u->len) <= 60 &&
	    !kb_is_final(kb_cp_before(u->text, u->text + u->len, &(int){0}))) {
		u->kind = U_HEADLINE;
		u->hl = HL_DASH;
		u->indented = false;
		return;
	}
	if (kb_photo_credit(p->arena, u->text, u->len, &u->authors, &u->n_authors))
		u->kind = U_BYLINE; /* 王炳真摄（人民视觉） */
}

/* The next / previous unit from i that is neither merged away nor page
 * furniture, or n_units. */
static size_t step(const struct parse *p, size_t i, int dir)
{
	for (;;) {
		if (dir < 0 && i == 0)
			return p->n_units;
		i = dir < 0 ? i - 1 : i + 1;
		if (i >= p->n_units)
			return p->n_units;
		if (!p->units[i].gone && !kb_is_extra_kind(p->units[i].kind))
			return i;
	}
}

static bool is_text(const struct parse *p, size_t i)
{
	return i < p->n_units && p->units[i].kind == U_BODY && p->units[i].indented;
}

static bool is_head(const struct parse *p, size_t i)
{
	return i < p->n_units && p->units[i].kind == U_HEADLINE &&
	       (p->units[i].hl & HL_SECTION);
}

/* A name alone as the first or last line of a piece (郑  彦 under the
 * title, 李　　浩 after the text) signs it: a byline with no role. A bare
 * unpadded name signs only at the end, where a head cannot stand. */
static void read_signatures(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_BODY || !u->indented || u->len > 40)
			continue;
		size_t pv = step(p, i, -1), nx = step(p, i, 1);
		bool first = pv == p->n_units || p->units[pv].kind == U_HEADLINE;
		bool last = nx == p->n_units || !p->units[nx].indented;
		if (!first && !last)
			continue;
		/* 本报评论员 alone after the text: the piece is signed by a
		 * role that names nobody */
		if (last && kb_is_role(u->text, u->len) && kb_nchars(u->text, u->len) >= 3) {
			u->kind = U_BYLINE;
			u->authors = NULL;
			u->n_authors = 0;
			continue;
		}
		bool padded = u->spaced;
		if (!padded && (!last || kb_nchars(u->text, u->len) > 3))
			continue;
		if (kb_parse_names(p->arena, u->text, u->len, 2, &u->authors, &u->n_authors))
			u->kind = U_BYLINE;
	}
}

/* Mark the section heads among the indented lines (see the top). */
static void read_heads(struct parse *p)
{
	if (!p->n_units)
		return;
	unsigned char *shape = kb_xcalloc(p->n_units, 1);
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (!u->gone && u->kind == U_BODY && u->indented)
			shape[i] = (unsigned char)head_shape(u);
	}
	/* three or more head-shaped lines in a row are verse or a list: each
	 * line is a paragraph */
	for (size_t i = 0; i < p->n_units;) {
		if (shape[i] == NOT_HEAD) {
			i++;
			continue;
		}
		size_t j = i, k = 0;
		while (j < p->n_units && (shape[j] != NOT_HEAD || p->units[j].gone ||
					  kb_is_extra_kind(p->units[j].kind))) {
			k += shape[j] != NOT_HEAD;
			j++;
		}
		if (k >= 3)
			for (size_t m = i; m < j; m++)
				shape[m] = NOT_HEAD;
		i = j;
	}
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (shape[i] == NOT_HEAD)
			continue;
		size_t pv = step(p, i, -1), nx = step(p, i, 1);
		bool after_text = pv < p->n_units && p->units[pv].kind == U_BODY;
		bool under_head = is_head(p, pv) &&
				  kb_nchars(p->units[pv].text, p->units[pv].len) <= 8;
		bool head = shape[i] == LABEL_HEAD || (shape[i] == HEAD && after_text) || under_head;
		/* a head heads text: an indented paragraph follows it */
		if (!head || !is_text(p, nx))
			continue;
		u->kind = U_HEADLINE;
		u->hl = HL_SECTION;
	}
	free(shape);
}

void kb_read_line_paragraphs(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone)
			continue;
		if (u->indented)
			read_indented(p, u);
		else
			read_flush(u);
	}
	read_signatures(p);
	read_heads(p);
}
