/* SPDX-License-Identifier: MIT */
/*
 * Grouping units into articles. An article starts with a headline group (the
 * consecutive headline lines: kicker, title, subtitle) when the page says a
 * new story begins: nothing open before it, a closing byline just before it,
 * a group of two or more lines or one marked as kicker/subtitle, or a
 * dateline (本报讯, 新华社…电) opening the text after it. Otherwise a single
 * headline line is a section heading of the current article, as is a speaker
 * label. A byline after body text closes the article; body text that follows
 * a closed article, or a new dateline, starts an article whose headline was
 * lost on the page (title ""), never one borrowed from a neighbour.
 */
#include "loader.h"

#include <stdlib.h>
#include <string.h>

/* An article being built; arrays are malloc'd until copied to the arena. */
struct draft {
	const struct unit *kicker, *title, *subtitle;
	struct kb_author *authors;
	size_t n_authors, cap_authors;
	struct kb_block *blocks;
	size_t n_blocks, cap_blocks;
	size_t n_paragraphs;
	size_t line;
	bool column;      /* an item in a column of briefs under a label */
	bool last_closed; /* the last block is a finished paragraph */
	bool wire;        /* opened by another outlet's dateline (新华社…电): credited */
};

struct grouper {
	struct parse *p;
	struct draft *arts;
	size_t n_arts, cap_arts;
	struct kb_extra *extras;
	size_t n_extras, cap_extras;
	struct kb_author *pending; /* byline seen before any article */
	size_t n_pending;
	bool closed; /* the current article ended with its byline */
	bool slots;  /* headline lines stand in slots: an empty one is a blank line */
};

/* Does a page of one-line paragraphs keep a blank line for an empty
 * headline slot? It does when its paragraphs follow one another without
 * blank lines, yet some headline stands apart from the text under it. Only
 * then does text set right against a headline's second line tell that the
 * line is a subtitle (the kicker's slot being the empty one). */
static bool headline_slots(const struct parse *p)
{
	bool single_newlines = false, apart = false;
	for (size_t i = 0; i + 1 < p->n_units; i++) {
		const struct unit *u = &p->units[i], *v = &p->units[i + 1];
		if (u->gone || v->gone || v->kind != U_BODY || !v->indented)
			continue;
		if (u->kind == U_BODY && u->indented && !v->block_start)
			single_newlines = true;
		if (u->kind == U_HEADLINE && !u->indented && v->block_start)
			apart = true;
	}
	return single_newlines && apart;
}

/* Text of a block-level unit with each line break and the white space
 * around it reduced to one '\n'. Arena-owned. */
static const char *clean_text(struct parse *p, const char *s, size_t n)
{
	char *out = kb_arena_alloc(p->arena, n + 1), *o = out;
	const char *e = s + n;
	while (s < e) {
		const char *nl = memchr(s, '\n', (size_t)(e - s));
		const char *le = nl ? nl : e;
		const char *ls = s;
		size_t ln = (size_t)(le - s);
		kb_trim(&ls, &ln);
		if (ln) {
			if (o > out)
				*o++ = '\n';
			memcpy(o, ls, ln);
			o += ln;
		}
		s = nl ? nl + 1 : e;
	}
	*o = '\0';
	return out;
}

static struct draft *cur(struct grouper *g)
{
	return g->n_arts ? &g->arts[g->n_arts - 1] : NULL;
}

static void add_authors(struct draft *d, const struct kb_author *as, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		bool dup = false;
		for (size_t k = 0; k < d->n_authors; k++)
			dup |= strcmp(d->authors[k].name, as[i].name) == 0;
		if (dup)
			continue;
		void *v = d->authors;
		kb_xgrow(&v, &d->cap_authors, d->n_authors + 1, sizeof(*d->authors));
		d->authors = v;
		d->authors[d->n_authors++] = as[i];
	}
}

static struct draft *new_article(struct grouper *g, size_t line)
{
	void *v = g->arts;
	kb_xgrow(&v, &g->cap_arts, g->n_arts + 1, sizeof(*g->arts));
	g->arts = v;
	struct draft *d = &g->arts[g->n_arts++];
	memset(d, 0, sizeof(*d));
	d->line = line;
	g->closed = false;
	if (g->n_pending) {
		add_authors(d, g->pending, g->n_pending);
		g->n_pending = 0;
	}
	return d;
}

static void add_block(struct grouper *g, struct draft *d, enum kb_block_type t,
		      const struct unit *u)
{
	void *v = d->blocks;
	kb_xgrow(&v, &d->cap_blocks, d->n_blocks + 1, sizeof(*d->blocks));
	d->blocks = v;
	d->blocks[d->n_blocks].type = t;
	d->blocks[d->n_blocks].text = kb_arena_strndup(g->p->arena, u->text, u->len);
	d->blocks[d->n_blocks].line = u->line;
	d->n_blocks++;
	if (t == KB_BLOCK_PARAGRAPH) {
		d->n_paragraphs++;
		int l;
		uint32_t c = kb_cp_before(u->text, u->text + u->len, &l);
		d->last_closed = kb_is_final(c) || kb_is_closer(c);
	} else {
		d->last_closed = false;
	}
}

static void add_extra(struct grouper *g, const struct unit *u)
{
	void *v = g->extras;
	kb_xgrow(&v, &g->cap_extras, g->n_extras + 1, sizeof(*g->extras));
	g->extras = v;
	struct kb_extra *x = &g->extras[g->n_extras++];
	static const enum kb_extra_type types[] = {
		[U_CAPTION] = KB_EXTRA_CAPTION, [U_MEDIA] = KB_EXTRA_MEDIA_NOTE,
		[U_HEADER] = KB_EXTRA_PAGE_HEADER, [U_JUMP] = KB_EXTRA_JUMP};
	x->type = types[u->kind];
	x->line = u->line;
	x->credit = u->credit;
	size_t n = u->credit ? u->caption_len : u->len;
	const char *t = u->text;
	kb_trim(&t, &n);
	x->text = clean_text(g->p, t, n);
}

/* Index of the next unit from i on that is not merged away or an extra. */
static size_t skip_to_unit(const struct parse *p, size_t i)
{
	while (i < p->n_units && (p->units[i].gone || kb_is_extra_kind(p->units[i].kind)))
		i++;
	return i;
}

/* Does the text from unit i on run (body and page furniture only) into a
 * byline? */
static bool signed_below(const struct parse *p, size_t i)
{
	for (; i < p->n_units; i++) {
		const struct unit *u = &p->units[i];
		if (u->gone || kb_is_extra_kind(u->kind))
			continue;
		if (u->kind != U_BODY) /* a note on the author (（作者系…）) names none */
			return u->kind == U_BYLINE && u->n_authors;
	}
	return false;
}

/* Does the headline line end in a column tag, （解码）, (大使随笔)? The
 * tag goes with the title. */
static bool column_tag(const struct unit *u)
{
	const char *s = u->text, *e = u->text + u->len;
	int l;
	uint32_t close = kb_cp_before(s, e, &l);
	if (close != 0xFF09 && close != ')')
		return false;
	int chars = 0;
	for (const char *q = e - l; q > s && chars <= 12; chars++) {
		uint32_t c = kb_cp_before(s, q, &l);
		q -= l;
		if (c == 0xFF08 || c == '(')
			return q > s && chars >= 2;
	}
	return false;
}

/* Two headline lines of a page set a paragraph to a line: a kicker over
 * the title, as a second line without a subtitle's dash is the title,
 * unless the first ends in a column tag, or the text stands against the
 * second line where an empty subtitle would leave a blank line. */
static void assign_pair(struct draft *d, const struct unit *a, const struct unit *b,
			bool text_against)
{
	bool lead_in = kb_ends(a->text, a->len, "——") || kb_ends(a->text, a->len, "：") ||
		       kb_ends(a->text, a->len, ":");
	if ((b->hl & (HL_DASH | HL_SERIES)) ||
	    (!lead_in && ((column_tag(a) && !column_tag(b)) || text_against))) {
		d->title = a;
		d->subtitle = b;
	} else {
		d->kicker = a;
		d->title = b;
	}
}

/* Set kicker, title and subtitle of d from the headline group hs[0..n);
 * lines beyond the three become headings. text_against: the text follows
 * the group in its block, without a blank line. */
static void assign_headline(struct grouper *g, struct draft *d,
			    const struct unit **hs, size_t n, bool text_against)
{
	size_t i = 0;
	if (g->p->line_paras && n == 2 && !(hs[0]->hl & HL_LABEL)) {
		assign_pair(d, hs[0], hs[1], text_against);
		return;
	}
	if (n >= 2 && (hs[0]->hl & HL_LABEL)) {
		d->kicker = hs[0];
		i = 1;
	}
	size_t left = n - i;
	if (left == 1) {
		d->title = hs[i];
		i += 1;
	} else if (left == 2 || d->kicker) {
		const struct unit *a = hs[i], *b = hs[i + 1];
		if ((b->hl & (HL_DASH | HL_SERIES)) || d->kicker) {
			d->title = a;
			d->subtitle = b;
		} else if (kb_nchars(a->text, a->len) < kb_nchars(b->text, b->len)) {
			d->kicker = a;
			d->title = b;
		} else {
			d->title = a;
			d->subtitle = b;
		}
		i += 2;
	} else {
		d->kicker = hs[i];
		d->title = hs[i + 1];
		d->subtitle = hs[i + 2];
		i += 3;
	}
	for (; i < n; i++)
		add_block(g, d, KB_BLOCK_HEADING, hs[i]);
}

/* Handle the headline group starting at unit i; returns the index after it. */
static size_t take_headlines(struct grouper *g, size_t i)
{
	struct parse *p = g->p;
	const struct unit *hs[16];
	size_t n = 0, j = i;
	unsigned flags = 0;
	while (j < p->n_units) {
		const struct unit *u = &p->units[j];
		if (u->gone) {
			j++;
			continue;
		}
		if (kb_is_extra_kind(u->kind)) {
			add_extra(g, u);
			j++;
			continue;
		}
		if (u->kind != U_HEADLINE || n == 16)
			break;
		/* a section head set like the text is no headline line */
		if (n && ((u->hl ^ hs[0]->hl) & HL_SECTION))
			break;
		hs[n++] = u;
		flags |= u->hl;
		j++;
	}
	/* what follows the group: a byline right under it (top byline), and the
	 * first body text, perhaps opening with a dateline */
	size_t after = skip_to_unit(p, j);
	bool byline_next = after < p->n_units && p->units[after].kind == U_BYLINE;
	while (after < p->n_units && p->units[after].kind == U_BYLINE)
		after = skip_to_unit(p, after + 1);
	bool dateline_next = after < p->n_units && p->units[after].kind == U_BODY &&
			     (kb_starts_dateline(p->units[after].text, p->units[after].len) ||
			      kb_relay_report(p->units[after].text, p->units[after].len));
	struct draft *d = cur(g);
	/* ■ 城市更新 alone over the text of an open article heads a section of
	 * it; a label over a title (■ 记者手记 / 老城“更新”更要“留心”) or
	 * after a finished, signed article starts a piece */
	bool label = (flags & HL_LABEL) && !(n == 1 && d && !g->closed && d->n_paragraphs);
	bool fresh = !d || g->closed || n >= 2 || (flags & (HL_DASH | HL_NOTICE)) || label ||
		     dateline_next || byline_next;
	if (d && d->n_blocks == 0 && !g->closed && !dateline_next && !byline_next)
		fresh = false; /* lines after a top byline: still this headline */
	/* in a column of briefs (■ 简讯) a line under a finished item heads the
	 * next item, unless it is numbered */
	bool next_item = d && d->column && d->last_closed && n == 1 &&
			 !kb_starts_list_item(hs[0]->text, hs[0]->len);
	if (next_item)
		fresh = true;
	/* an article already credited does not get a second byline, nor does
	 * the untitled rest of one continued from another page: a line whose
	 * text below is signed heads the next letter or story */
	if (d && (d->n_authors || d->wire || !d->title) && !d->column && n == 1 && d->last_closed &&
	    signed_below(p, after))
		fresh = true;
	if (p->line_paras) /* the indent tells: flush left opens an article */
		fresh = !d || !(hs[0]->hl & HL_SECTION);
	if (fresh) {
		bool against = g->slots && after < p->n_units && !p->units[after].block_start;
		d = new_article(g, hs[0]->line);
		assign_headline(g, d, hs, n, against);
		d->column = next_item || (d->kicker && (d->kicker->hl & HL_LABEL));
	} else {
		for (size_t k = 0; k < n; k++)
			add_block(g, d, KB_BLOCK_HEADING, hs[k]);
	}
	return j;
}

/* A headline with nothing under it but a byline, after an unsigned story
 * (…吃早餐 / 图/文 大河报记者 邱鹏), is that story's photo caption and
 * credit: the story takes the byline, the line becomes a caption. */
static void fold_headless_credits(struct grouper *g)
{
	for (size_t k = 1; k < g->n_arts; k++) {
		struct draft *d = &g->arts[k], *prev = &g->arts[k - 1];
		if (d->n_blocks || !d->n_authors || !d->title || d->kicker || d->subtitle ||
		    prev->n_authors || !prev->n_paragraphs)
			continue;
		add_authors(prev, d->authors, d->n_authors);
		struct unit cap = *d->title;
		cap.kind = U_CAPTION;
		cap.credit = NULL;
		add_extra(g, &cap);
		free(d->authors);
		free(d->blocks);
		memmove(d, d + 1, (g->n_arts - k - 1) * sizeof(*d));
		g->n_arts--;
		k--;
	}
}

static void copy_out(struct grouper *g, struct kb_edition *ed)
{
	struct kb_arena *a = g->p->arena;
	ed->n_articles = g->n_arts;
	ed->articles = kb_arena_alloc(a, g->n_arts * sizeof(struct kb_article));
	for (size_t i = 0; i < g->n_arts; i++) {
		struct draft *d = &g->arts[i];
		struct kb_article *art = &ed->articles[i];
		art->kicker = d->kicker ? kb_arena_strndup(a, d->kicker->text, d->kicker->len) : NULL;
		art->title = d->title ? kb_arena_strndup(a, d->title->text, d->title->len) : "";
		art->subtitle = d->subtitle ? kb_arena_strndup(a, d->subtitle->text, d->subtitle->len) : NULL;
		art->line = d->line;
		art->n_authors = d->n_authors;
		art->authors = kb_arena_alloc(a, d->n_authors * sizeof(struct kb_author));
		if (d->n_authors)
			memcpy(art->authors, d->authors, d->n_authors * sizeof(struct kb_author));
		art->n_blocks = d->n_blocks;
		art->blocks = kb_arena_alloc(a, d->n_blocks * sizeof(struct kb_block));
		if (d->n_blocks)
			memcpy(art->blocks, d->blocks, d->n_blocks * sizeof(struct kb_block));
		free(d->authors);
		free(d->blocks);
	}
	ed->n_extras = g->n_extras;
	ed->extras = kb_arena_alloc(a, g->n_extras * sizeof(struct kb_extra));
	if (g->n_extras)
		memcpy(ed->extras, g->extras, g->n_extras * sizeof(struct kb_extra));
	free(g->arts);
	free(g->extras);
	free(g->pending);
}

void kb_group_units(struct parse *p, struct kb_edition *ed)
{
	struct grouper g;
	memset(&g, 0, sizeof(g));
	g.p = p;
	g.slots = p->line_paras && headline_slots(p);
	size_t cap_pending = 0;
	for (size_t i = 0; i < p->n_units;) {
		struct unit *u = &p->units[i];
		struct draft *d = cur(&g);
		if (u->gone) {
			i++;
			continue;
		}
		switch (u->kind) {
		case U_CAPTION:
		case U_MEDIA:
		case U_HEADER:
		case U_JUMP:
			add_extra(&g, u);
			break;
		case U_HEADLINE:
			i = take_headlines(&g, i);
			continue;
		case U_SPEAKER:
			if (!d)
				d = new_article(&g, u->line);
			g.closed = false;
			add_block(&g, d, KB_BLOCK_HEADING, u);
			break;
		case U_BYLINE:
			if (!d) {
				void *v = g.pending;
				kb_xgrow(&v, &cap_pending, g.n_pending + u->n_authors,
					 sizeof(struct kb_author));
				g.pending = v;
				memcpy(g.pending + g.n_pending, u->authors,
				       u->n_authors * sizeof(struct kb_author));
				g.n_pending += u->n_authors;
				break;
			}
			add_authors(d, u->authors, u->n_authors);
			if (d->n_paragraphs)
				g.closed = true;
			break;
		case U_BODY: {
			bool dateline = kb_starts_dateline(u->text, u->len);
			/* a page set a paragraph to a line titles every article:
			 * a second dateline there is a second report merged
			 * into the same item */
			if (!d || (!p->line_paras && (g.closed || (dateline && d->n_paragraphs))))
				d = new_article(&g, u->line);
			struct kb_author *as;
			size_t n_as;
			if (dateline && kb_parse_inline_byline(p->arena, u->text, u->len, &as, &n_as))
				add_authors(d, as, n_as);
			if ((dateline || kb_relay_report(u->text, u->len)) && !d->n_paragraphs &&
			    !kb_starts(u->text, u->len, "本报"))
				d->wire = true;
			/* "…活动。（记者 韩静）": the byline closes the paragraph and the story */
			size_t cut;
			struct unit para = *u;
			bool signed_off = kb_parse_trailing_byline(p->arena, u->text, u->len,
								   &as, &n_as, &cut);
			if (signed_off) {
				add_authors(d, as, n_as);
				para.len = cut;
				kb_trim(&para.text, &para.len);
			}
			if (para.len)
				add_block(&g, d, KB_BLOCK_PARAGRAPH, &para);
			if (signed_off)
				g.closed = true;
			break;
		}
		}
		i++;
	}
	fold_headless_credits(&g);
	copy_out(&g, ed);
}
