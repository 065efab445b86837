/* SPDX-License-Identifier: MIT */
/*
 * Splitting an edition's text into units. A block is a run of non-blank lines
 * between blank lines. A block that as a whole is a byline, caption, media
 * note, page header or jump line stays one unit (such blocks are often set
 * over two lines: "记者 孙庆辉" / "通讯员 赵翔宇 文/图"); any other block gives
 * one unit per line, so a headline stacked over its subtitle, or paragraphs
 * set without blank lines between them, are seen one by one.
 */
#include "loader.h"

#include <stdint.h>
#include <string.h>

static struct unit *push_unit(struct parse *p)
{
	void *units = p->units;
	kb_xgrow(&units, &p->cap_units, p->n_units + 1, sizeof(struct unit));
	p->units = units;
	struct unit *u = &p->units[p->n_units++];
	memset(u, 0, sizeof(*u));
	return u;
}

/* Is the line blank (white space only, ideographic space included)? */
static bool blank(const char *s, size_t n)
{
	kb_trim(&s, &n);
	return n == 0;
}

static bool starts_indented(const char *s, size_t n)
{
	int l;
	return n > 0 && kb_is_space(kb_cp_at(s, s + n, &l));
}

/* Does a whole-block kind decide the block, so it must not be split? */
static bool block_kind(enum unit_kind k)
{
	return k == U_BYLINE || k == U_CAPTION || k == U_MEDIA || k == U_HEADER ||
	       k == U_JUMP;
}

static size_t wrap_line(struct parse *p, size_t para);

/* Add the lines of one block (text[b..e), lines from first_line). */
static void add_block(struct parse *p, const char *b, const char *e, size_t first_line)
{
	const char *nl = memchr(b, '\n', (size_t)(e - b));
	bool multi = nl && nl + 1 < e;
	if (multi) {
		struct unit *u = push_unit(p);
		u->text = b;
		u->len = (size_t)(e - b);
		kb_trim(&u->text, &u->len);
		u->line = first_line;
		u->block_start = true;
		u->indented = starts_indented(b, (size_t)(e - b));
		kb_classify_unit(p, u);
		if (block_kind(u->kind))
			return;
		p->n_units--; /* not a whole-block kind: one unit per line */
	}
	size_t line = first_line;
	bool first = true;
	size_t para = SIZE_MAX; /* unit a wrapped line may continue (indent style) */
	for (const char *s = b; s < e; line++) {
		const char *le = memchr(s, '\n', (size_t)(e - s));
		if (!le)
			le = e;
		if (!blank(s, (size_t)(le - s))) {
			struct unit *u = push_unit(p);
			u->text = s;
			u->len = (size_t)(le - s);
			u->indented = starts_indented(s, u->len);
			kb_trim(&u->text, &u->len);
			u->line = line;
			u->block_start = first;
			first = false;
			kb_classify_unit(p, u);
			if (p->indent_style && !p->line_paras)
				para = wrap_line(p, para);
		}
		s = le + 1;
	}
}

/* In an edition that indents its paragraphs, the last unit pushed is a line
 * of the block: an unindented line after an unfinished one is the same
 * paragraph wrapped, and is appended to it; an indented line starts a
 * paragraph. Returns the unit the next line may continue. */
static size_t wrap_line(struct parse *p, size_t para)
{
	size_t i = p->n_units - 1;
	struct unit *u = &p->units[i];
	if (block_kind(u->kind))
		return SIZE_MAX;
	if (u->indented) {
		u->kind = U_BODY;
		return i;
	}
	if (para == SIZE_MAX)
		return u->kind == U_BODY ? i : SIZE_MAX;
	struct unit *h = &p->units[para];
	int l;
	uint32_t c = kb_cp_at(u->text, u->text + u->len, &l);
	bool cont = kb_unit_open(h) || kb_is_final(c) || kb_is_pause(c) || kb_is_closer(c);
	if (!cont)
		return u->kind == U_BODY ? i : SIZE_MAX;
	char *t = kb_arena_alloc(p->arena, h->len + u->len + 1);
	memcpy(t, h->text, h->len);
	memcpy(t + h->len, u->text, u->len);
	h->text = t;
	h->len += u->len;
	p->n_units--;
	return para;
}

/* Does the text indent its paragraphs (two ideographic spaces and the
 * like) on a good share of its lines? Then line starts carry meaning. */
static bool indents_paragraphs(const char *text, size_t len)
{
	size_t lines = 0, indented = 0;
	const char *s = text, *e = text + len;
	while (s < e) {
		const char *le = memchr(s, '\n', (size_t)(e - s));
		if (!le)
			le = e;
		if (!blank(s, (size_t)(le - s))) {
			lines++;
			indented += starts_indented(s, (size_t)(le - s));
		}
		s = le + 1;
	}
	return indented >= 3 && indented * 10 >= lines;
}

void kb_split_units(struct parse *p, const char *text, size_t len)
{
	p->indent_style = indents_paragraphs(text, len);
	p->line_paras = p->indent_style && kb_detect_line_paragraphs(text, len);
	const char *s = text, *e = text + len;
	const char *block = NULL;
	size_t line = p->first_line ? p->first_line : 1, block_line = 0;
	while (s < e) {
		const char *le = memchr(s, '\n', (size_t)(e - s));
		if (!le)
			le = e;
		if (blank(s, (size_t)(le - s))) {
			if (block)
				add_block(p, block, s, block_line);
			block = NULL;
		} else if (!block) {
			block = s;
			block_line = line;
		}
		s = le + 1;
		line++;
	}
	if (block)
		add_block(p, block, e, block_line);
}
