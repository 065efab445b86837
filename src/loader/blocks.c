/*
 * Splitting an edition's text into units. A block is a run of non-blank lines
 * between blank lines. A block that as a whole is a byline, caption, media
 * note, page header or jump line stays one unit (such blocks are often set
 * over two lines: "记者 孙庆辉" / "通讯员 赵翔宇 文/图"); any other block gives
 * one unit per line, so a headline stacked over its subtitle, or paragraphs
 * set without blank lines between them, are seen one by one.
 */
#include "loader.h"

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
		}
		s = le + 1;
	}
}

void kb_split_units(struct parse *p, const char *text, size_t len)
{
	const char *s = text, *e = text + len;
	const char *block = NULL;
	size_t line = 1, block_line = 0;
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
