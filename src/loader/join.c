/* SPDX-License-Identifier: MIT */
/*
 * Column-break repair. A page export cuts paragraphs where the print columns
 * end: one block stops mid-sentence and its continuation follows as another
 * block, after blank lines, a caption, or somewhere else on the page when the
 * columns were exported out of order.
 *
 * Two passes. First, an open block (one whose last sentence is unfinished)
 * takes the next body block as its continuation unless that block plainly
 * starts a paragraph (a dateline, a list item, an indent in an edition that
 * indents paragraphs). Then each block still open is paired with a block
 * elsewhere that starts a paragraph, by a score of the seam: how much more
 * often the edition itself has the head's last character followed by the
 * tail's first than it starts a phrase with that character, plus the
 * continuity of enumerations (一是 … 二是 in the head, 三是 in the tail). Pairs
 * are taken best first and only above a threshold, so a paragraph truly cut
 * off at the end of the page stays open rather than swallowing a stranger.
 */
#include "loader.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FAR_THRESHOLD 2.0
#define MAX_FAR_HEADS 64
#define MAX_FAR_TAILS 2048

/* Index of the next unit after i that is neither an extra nor merged away,
 * or n when there is none. */
static size_t next_unit(const struct parse *p, size_t i)
{
	for (size_t j = i + 1; j < p->n_units; j++)
		if (!p->units[j].gone && !kb_is_extra_kind(p->units[j].kind))
			return j;
	return p->n_units;
}

static size_t prev_unit(const struct parse *p, size_t i)
{
	while (i-- > 0)
		if (!p->units[i].gone && !kb_is_extra_kind(p->units[i].kind))
			return i;
	return p->n_units;
}

/* Does unit t start a paragraph beyond doubt, so it cannot continue h? */
static bool plain_start(const struct parse *p, const struct unit *h,
			const struct unit *t)
{
	(void)h;
	if (kb_starts_dateline(t->text, t->len) || kb_starts_list_item(t->text, t->len) ||
	    t->sealed)
		return true;
	return p->indent_style && t->indented;
}

static void concat(struct parse *p, struct unit *h, const struct unit *t)
{
	char *s = kb_arena_alloc(p->arena, h->len + t->len + 1);
	memcpy(s, h->text, h->len);
	memcpy(s + h->len, t->text, t->len);
	h->text = s;
	h->len += t->len;
}

static void detect_indent_style(struct parse *p)
{
	size_t body = 0, indented = 0;
	for (size_t i = 0; i < p->n_units; i++) {
		if (p->units[i].kind != U_BODY)
			continue;
		body++;
		indented += p->units[i].indented;
	}
	p->indent_style = p->indent_style || (indented >= 3 && indented * 2 > body);
}

/* ---- statistics of the edition's own text, for far seams ---- */

/* Characters folded into classes: all digits one, all Latin letters one. */
static uint32_t fold(uint32_t c)
{
	if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19))
		return '0';
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A))
		return 'a';
	return c;
}

/* An open-addressing map from 64-bit keys to counts. */
struct counts {
	uint64_t *keys;
	uint32_t *vals;
	size_t cap, used;
};

static size_t slot(const struct counts *m, uint64_t key)
{
	uint64_t h = key * 0x9E3779B97F4A7C15ull;
	size_t i = (size_t)(h >> 20) & (m->cap - 1);
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static void counts_add(struct counts *m, uint64_t key)
{
	if ((m->used + 1) * 2 > m->cap) {
		struct counts big = {kb_xcalloc(m->cap * 2, sizeof(uint64_t)),
				     kb_xcalloc(m->cap * 2, sizeof(uint32_t)),
				     m->cap * 2, m->used};
		for (size_t i = 0; i < m->cap; i++) {
			if (!m->keys[i])
				continue;
			size_t j = slot(&big, m->keys[i]);
			big.keys[j] = m->keys[i];
			big.vals[j] = m->vals[i];
		}
		free(m->keys);
		free(m->vals);
		*m = big;
	}
	size_t i = slot(m, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->used++;
	}
	m->vals[i]++;
}

static uint32_t counts_get(const struct counts *m, uint64_t key)
{
	size_t i = slot(m, key);
	return m->keys[i] ? m->vals[i] : 0;
}

/* Keys: a pair (a, b); a character a followed by anything; b at the start
 * of a phrase. Code points fit in 21 bits. */
#define K_PAIR(a, b) (((uint64_t)(a) << 21 | (b)) + 1)
#define K_LEFT(a) (((uint64_t)1 << 62) | (a))
#define K_START(b) (((uint64_t)2 << 62) | (b))
#define K_UNI(c) (((uint64_t)3 << 62) | (c))

struct stats {
	struct counts m;
	uint32_t starts; /* phrase starts seen */
	uint32_t chars;  /* characters seen */
};

static void gather(const struct parse *p, struct stats *st)
{
	st->m.cap = 4096;
	st->m.used = 0;
	st->m.keys = kb_xcalloc(st->m.cap, sizeof(uint64_t));
	st->m.vals = kb_xcalloc(st->m.cap, sizeof(uint32_t));
	st->starts = 0;
	st->chars = 0;
	for (size_t i = 0; i < p->n_units; i++) {
		const struct unit *u = &p->units[i];
		if (u->kind != U_BODY && u->kind != U_HEADLINE)
			continue;
		const char *s = u->text, *e = u->text + u->len;
		uint32_t prev = 0; /* 0: at a phrase start */
		int l;
		for (; s < e; s += l) {
			uint32_t c = fold(kb_cp_at(s, e, &l));
			if (kb_is_space(c) || kb_is_punct(c)) {
				prev = 0;
				continue;
			}
			counts_add(&st->m, K_UNI(c));
			st->chars++;
			if (prev) {
				counts_add(&st->m, K_PAIR(prev, c));
				counts_add(&st->m, K_LEFT(prev));
			} else {
				counts_add(&st->m, K_START(c));
				st->starts++;
			}
			prev = c;
		}
	}
}

/* log P(b follows a) - log P(b starts a phrase). Both are smoothed towards
 * b's overall frequency (Dirichlet priors), so a pair never seen scores by
 * how common b is, and a character that never starts a phrase in this
 * edition is strong evidence of a cut word. */
static double seam_llr(const struct stats *st, uint32_t a, uint32_t b)
{
	const double prior = 8.0;
	double pb = (counts_get(&st->m, K_UNI(b)) + 0.5) / (st->chars + 1.0);
	double pj = (counts_get(&st->m, K_PAIR(a, b)) + prior * pb) /
		    (counts_get(&st->m, K_LEFT(a)) + prior);
	double ps = (counts_get(&st->m, K_START(b)) + prior * pb) / (st->starts + prior);
	return log(pj) - log(ps);
}

/* Does the body unit end in a closing quote or title mark with no full stop
 * before it (…向“长久禁”)? The sentence may go on in the next block. */
static bool ends_quote_open(const struct unit *u)
{
	if (u->kind != U_BODY || u->len < 4)
		return false;
	int l, l2;
	const char *e = u->text + u->len;
	uint32_t c = kb_cp_before(u->text, e, &l);
	if (c != 0x201D && c != 0x300B && c != 0x300D && c != 0x300F)
		return false;
	uint32_t b = kb_cp_before(u->text, e - l, &l2);
	return !kb_is_final(b) && !kb_is_closer(b);
}

static double seam_score(const struct stats *st, const struct unit *h, const struct unit *t);

/* Is unit i an orphan head: cut mid-sentence with no text after it to
 * continue it (a heading, the page's end, furniture follows)? Its tail
 * stands somewhere else on the page, out of order. */
static bool orphan_head(const struct parse *p, size_t i)
{
	if (p->units[i].gone || !kb_unit_open(&p->units[i]))
		return false;
	size_t j = next_unit(p, i);
	if (j < p->n_units && p->units[j].kind == U_BODY && !plain_start(p, &p->units[i], &p->units[j]))
		return false;
	for (size_t k = i + 1; k < p->n_units; k++) /* not past a jump line */
		if (!p->units[k].gone)
			return p->units[k].kind != U_JUMP;
	return true;
}

/* Before joining head i and the next unit t (j), ask the orphan heads: when
 * one of them continues into t far better than i does (a word the edition
 * knows runs across that seam), t is that head's lost tail, and i's own
 * continuation is elsewhere. */
static bool claimed_elsewhere(struct parse *p, struct stats *st, bool *have_stats,
			      const size_t *orphans, size_t n_orphans, size_t i, size_t j)
{
	if (!*have_stats) {
		gather(p, st);
		*have_stats = true;
	}
	double here = seam_score(st, &p->units[i], &p->units[j]);
	for (size_t k = 0; k < n_orphans; k++) {
		size_t o = orphans[k];
		if (o == i || p->units[o].gone || !kb_unit_open(&p->units[o]))
			continue;
		double there = seam_score(st, &p->units[o], &p->units[j]);
		if (there >= FAR_THRESHOLD && there >= here + 2.5)
			return true;
	}
	return false;
}

/* 62.|5万吨: a number cut at its decimal point. The point looks like a
 * full stop; a block right after it that goes on with digits finishes the
 * number: join it; the caller goes on if the whole is still open. */
static void decimal_cut(struct parse *p, struct unit *h, size_t i)
{
	if (h->kind != U_BODY || h->sealed || h->len < 2 || h->text[h->len - 1] != '.' ||
	    h->text[h->len - 2] < '0' || h->text[h->len - 2] > '9')
		return;
	size_t j = next_unit(p, i);
	if (j == p->n_units)
		return;
	struct unit *t = &p->units[j];
	if (t->kind != U_BODY || t->text[0] < '0' || t->text[0] > '9' ||
	    kb_starts_list_item(t->text, t->len))
		return;
	concat(p, h, t);
	t->gone = true;
}

static void join_adjacent(struct parse *p, struct stats *st, bool *have_stats)
{
	size_t *orphans = NULL, n_orphans = 0;
	for (size_t i = 0; i < p->n_units; i++)
		if (orphan_head(p, i)) {
			orphans = kb_xrealloc(orphans, (n_orphans + 1) * sizeof(size_t));
			orphans[n_orphans++] = i;
		}
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *h = &p->units[i];
		if (h->gone)
			continue;
		/* after a closing quote only a seam the edition's own text
		 * vouches for (its pair more common than a fresh start) */
		if (ends_quote_open(h)) {
			size_t j = next_unit(p, i);
			struct unit *t = j < p->n_units ? &p->units[j] : NULL;
			if (t && t->kind == U_BODY && !plain_start(p, h, t)) {
				if (!*have_stats) {
					gather(p, st);
					*have_stats = true;
				}
				int l;
				/* the quote mark is a phrase break to the statistics:
				 * pair the letter inside it with the tail's first */
				kb_cp_before(h->text, h->text + h->len, &l);
				uint32_t a2 = fold(kb_cp_before(h->text, h->text + h->len - l, &l));
				uint32_t b = fold(kb_cp_at(t->text, t->text + t->len, &l));
				if (seam_llr(st, a2, b) > 0.5 || kb_nchars(t->text, t->len) <= 8) {
					concat(p, h, t);
					t->gone = true;
				}
			}
		}
		decimal_cut(p, h, i);
		while (kb_unit_open(h)) {
			size_t j = next_unit(p, i);
			if (j == p->n_units)
				break;
			struct unit *t = &p->units[j];
			if (t->kind != U_BODY || plain_start(p, h, t))
				break;
			if (n_orphans && claimed_elsewhere(p, st, have_stats, orphans, n_orphans, i, j))
				break; /* t continues a paragraph cut elsewhere; h looks further */
			concat(p, h, t);
			t->gone = true;
		}
	}
	free(orphans);
}


/* The last (or first) enumerator 一是/第二/其三 in s: its number, or 0. */
static int enumerator(const char *s, size_t n, bool last)
{
	const char *e = s + n;
	int found = 0, l, l2;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		int d = kb_cn_digit(c);
		if (!d || q + l >= e)
			continue;
		uint32_t nx = kb_cp_at(q + l, e, &l2);
		int l0;
		uint32_t pv = q > s ? kb_cp_before(s, q, &l0) : 0;
		if (nx == 0x662F /* 是 */ || pv == 0x7B2C /* 第 */ || pv == 0x5176 /* 其 */) {
			found = d;
			if (!last)
				return found;
		}
	}
	return found;
}

/* The closer that matches an opener, or 0. */
static uint32_t closer_of(uint32_t c)
{
	switch (c) {
	case 0x201C: return 0x201D; /* “ ” */
	case 0xFF08: return 0xFF09; /* （ ） */
	case '(': return ')';
	case 0x300A: return 0x300B; /* 《 》 */
	case 0x300C: return 0x300D; /* 「 」 */
	default: return 0;
	}
}

/* A bracket or quote left open at the end of the head should close early in
 * its continuation: +1 when it does within 40 characters, -2 when not. */
static double bracket_balance(const struct unit *h, const struct unit *t)
{
	const char *b = h->text, *e = h->text + h->len;
	uint32_t want = 0;
	int l, n = 0;
	for (const char *q = e; q > b && n < 40; q -= l, n++) {
		uint32_t c = kb_cp_before(b, q, &l);
		if (kb_is_closer(c))
			return 0; /* the last bracket was closed */
		if ((want = closer_of(c)) != 0)
			break;
	}
	if (!want)
		return 0;
	b = t->text;
	e = t->text + t->len;
	n = 0;
	for (const char *q = b; q < e && n < 40; q += l, n++) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == want)
			return 1.0;
		if (kb_is_opener(c))
			break;
	}
	return -2.0;
}

/* Does the block open with a quoted sentence (“我们将….”): a quote whose
 * closer follows a full stop? Direct speech starts a paragraph unless the
 * text before it introduces it (…表示，“…). */
static bool opens_with_speech(const struct unit *t)
{
	const char *q = t->text, *e = t->text + t->len;
	int l;
	if (q >= e || kb_cp_at(q, e, &l) != 0x201C)
		return false;
	uint32_t prev = 0;
	int depth = 0;
	for (q += l; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0x201C)
			depth++;
		else if (c == 0x201D && depth-- == 0)
			return kb_is_final(prev);
		prev = c;
	}
	return false;
}

static double seam_score(const struct stats *st, const struct unit *h,
			 const struct unit *t)
{
	int l, l2;
	uint32_t a = fold(kb_cp_before(h->text, h->text + h->len, &l));
	uint32_t b = fold(kb_cp_at(t->text, t->text + t->len, &l));
	double s = seam_llr(st, a, b);
	if (kb_is_punct(a) || kb_is_space(a))
		s -= 1.0; /* a pause mark: evidence of a break, none of the pair */
	int eh = enumerator(h->text, h->len, true);
	int et = enumerator(t->text, t->len, false);
	s += bracket_balance(h, t);
	/* a block starting with ，、。 cannot start a paragraph: it continues one */
	uint32_t t0 = kb_cp_at(t->text, t->text + t->len, &l2);
	if (kb_is_pause(t0) || kb_is_final(t0))
		s += kb_is_pause(a) || kb_is_final(a) ? -10.0 : 5.0; /* but never ，， */
	if (ends_quote_open(h))
		s -= 1.0; /* a closing quote may end a paragraph after all */
	/* a one-character phrase at the seam (设，… or …。一) is a cut word */
	const char *te = t->text + t->len, *he = h->text + h->len;
	if (t->len > (size_t)l && kb_is_punct(kb_cp_at(t->text + l, te, &l2)))
		s += 1.5;
	if (h->len > 4) {
		int la;
		kb_cp_before(h->text, he, &la);
		if (he - la > h->text && kb_is_punct(kb_cp_before(h->text, he - la, &l2)))
			s += 1.0;
	}
	if (t->under_head)
		s -= 2.0; /* right under a headline or heading: a real start */
	if (!kb_is_pause(a) && opens_with_speech(t))
		s -= 3.0; /* 数量|“我们将….” is a new paragraph of speech */
	if (eh && et == eh + 1)
		s += 4.0;
	else if (et && (et <= eh || et == 1))
		s -= 3.0;
	return s;
}

/* Is unit i followed by a jump line (下转第三版): its continuation is on
 * another page, not to be looked for on this one. */
static bool jumps_away(const struct parse *p, size_t i)
{
	for (size_t j = i + 1; j < p->n_units; j++)
		if (!p->units[j].gone)
			return p->units[j].kind == U_JUMP;
	return false;
}

struct cand {
	double score;
	size_t head, tail;
};

static int by_score(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	return x->tail < y->tail ? -1 : (x->tail > y->tail);
}

static void join_far(struct parse *p, struct stats *st, bool *have_stats)
{
	size_t heads[MAX_FAR_HEADS], nh = 0;
	size_t *tails = kb_xmalloc(MAX_FAR_TAILS * sizeof(size_t));
	size_t nt = 0;
	for (size_t i = 0; i < p->n_units && nh < MAX_FAR_HEADS; i++)
		if (!p->units[i].gone && (kb_unit_open(&p->units[i]) || ends_quote_open(&p->units[i])) &&
		    !jumps_away(p, i))
			heads[nh++] = i;
	for (size_t i = 0; i < p->n_units && nt < MAX_FAR_TAILS && nh; i++) {
		const struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_BODY || plain_start(p, NULL, u))
			continue;
		size_t pv = prev_unit(p, i);
		/* a body unit right under a headline or heading starts its section */
		p->units[i].under_head = pv < p->n_units && (p->units[pv].kind == U_HEADLINE ||
						    p->units[pv].kind == U_SPEAKER);
		tails[nt++] = i;
	}
	if (!nh || !nt) {
		free(tails);
		return;
	}
	if (!*have_stats) {
		gather(p, st);
		*have_stats = true;
	}
	struct cand *cs = kb_xmalloc(nh * nt * sizeof(struct cand));
	size_t nc = 0;
	for (size_t a = 0; a < nh; a++)
		for (size_t b = 0; b < nt; b++)
			if (heads[a] != tails[b])
				cs[nc++] = (struct cand){
					seam_score(st, &p->units[heads[a]], &p->units[tails[b]]),
					heads[a], tails[b]};
	qsort(cs, nc, sizeof(*cs), by_score);
	/* tail_of[u]: the unit that continues u; taken[u]: u continues another */
	size_t *tail_of = kb_xmalloc(p->n_units * sizeof(size_t));
	bool *taken = kb_xcalloc(p->n_units, sizeof(bool));
	for (size_t i = 0; i < p->n_units; i++)
		tail_of[i] = p->n_units;
	for (size_t k = 0; k < nc && cs[k].score > FAR_THRESHOLD; k++) {
		size_t h = cs[k].head, t = cs[k].tail;
		if (tail_of[h] != p->n_units || taken[t])
			continue;
		size_t w = t; /* no cycles: h must not be down t's chain */
		while (w != p->n_units && w != h)
			w = tail_of[w];
		if (w == h)
			continue;
		tail_of[h] = t;
		taken[t] = true;
	}
	for (size_t i = 0; i < p->n_units; i++) {
		if (taken[i] || tail_of[i] == p->n_units)
			continue;
		for (size_t t = tail_of[i]; t != p->n_units; t = tail_of[t]) {
			concat(p, &p->units[i], &p->units[t]);
			p->units[t].gone = true;
		}
	}
	free(tail_of);
	free(taken);
	free(cs);
	free(tails);
}

/* A headline heads something: a headline-shaped line with nothing but
 * extras after it is the last, unfinished piece of body text. */
static void demote_trailing_headlines(struct parse *p)
{
	for (size_t i = p->n_units; i-- > 0;) {
		struct unit *u = &p->units[i];
		if (kb_is_extra_kind(u->kind))
			continue;
		if ((u->kind == U_HEADLINE || u->kind == U_BODY) && kb_footer_line(u)) {
			u->kind = U_HEADER; /* the page's footer: 广告中心 … 电话:… */
			continue;
		}
		if (u->kind == U_HEADLINE) {
			u->kind = U_BODY;
			u->sealed = kb_contact_line(u);
		}
		break;
	}
}

/* A short line between a paragraph cut mid-sentence and a lone photo credit
 * ("张三 摄") is the photo's caption, not text: make it the caption. */
static void attach_lone_credits(struct parse *p)
{
	for (size_t i = 2; i < p->n_units; i++) {
		struct unit *cr = &p->units[i], *cap = &p->units[i - 1], *h = &p->units[i - 2];
		if (cr->kind != U_CAPTION || !cr->credit || cr->caption_len != cr->len ||
		    (cap->kind != U_BODY && cap->kind != U_HEADLINE) ||
		    kb_nchars(cap->text, cap->len) > 60 || !kb_unit_open(h))
			continue;
		cap->kind = U_CAPTION;
		cap->credit = cr->credit;
		cap->caption_len = cap->len;
		cr->gone = true;
	}
}

/* Does the unit hold a comma or an enumeration mark (，,、；;)? A colon
 * alone is the shape of a heading ("今年目标:增长7%"), not of a sentence. */
static bool has_comma(const struct unit *u)
{
	const char *e = u->text + u->len;
	int l;
	for (const char *q = u->text; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0xFF0C || c == ',' || c == 0x3001 || c == 0xFF1B || c == ';')
			return true;
	}
	return false;
}

/* A headline-shaped line with a pause mark and no spaces, cut open at its
 * end, standing inside the text (after a heading or paragraph, not at the
 * top or under a byline) and followed by text that does not start a
 * paragraph, is the first half of a paragraph, not a heading. */
static void demote_fragments(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_HEADLINE || u->hl || u->spaced || !u->pauses ||
		    u->label || kb_starts_list_item(u->text, u->len) || !has_comma(u))
			continue; /* 一、减轻税费负担 is a numbered heading, 今年目标:… a heading */
		int l;
		uint32_t last = kb_cp_before(u->text, u->text + u->len, &l);
		if (kb_is_final(last) || kb_is_closer(last))
			continue;
		size_t pv = prev_unit(p, i), nx = next_unit(p, i);
		if (pv == p->n_units || nx == p->n_units)
			continue;
		enum unit_kind pk = p->units[pv].kind;
		if (pk != U_HEADLINE && pk != U_SPEAKER && pk != U_BODY)
			continue;
		if (p->units[nx].kind != U_BODY || plain_start(p, u, &p->units[nx]))
			continue;
		u->kind = U_BODY;
	}
}

/* A question cut by the column (问：今年还有哪些 | 值得期待的新玩法？)
 * leaves a short exclaiming line that looks like a heading: it is the
 * rest of the question when the line before is an open dialogue line. */
static void demote_question_tails(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_HEADLINE || u->hl || u->spaced || u->pauses)
			continue;
		int l;
		uint32_t last = kb_cp_before(u->text, u->text + u->len, &l);
		if (last != 0xFF1F && last != 0xFF01 && last != '?' && last != '!')
			continue;
		size_t pv = prev_unit(p, i);
		if (pv == p->n_units || p->units[pv].kind != U_BODY ||
		    !kb_unit_open(&p->units[pv]) || !p->units[pv].dialogue)
			continue;
		u->kind = U_BODY;
	}
}

/* A letter opens with its salutation on a line of its own (编辑同志：,
 * 尊敬的市民朋友们：): a short line ending in its only colon, the first
 * text under a headline or byline, is a paragraph, not a cut. */
static void seal_salutations(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_BODY || u->len > 12 * 4) /* 4 bytes a character at most */
			continue;
		int l;
		uint32_t last = kb_cp_before(u->text, u->text + u->len, &l);
		if ((last != 0xFF1A && last != ':') || kb_nchars(u->text, u->len) > 12)
			continue;
		if (u->pauses > (u->label ? 0 : 1))
			continue; /* 他说，记者了解到： a sentence, not an address */
		size_t pv = prev_unit(p, i);
		if (pv < p->n_units && p->units[pv].kind != U_HEADLINE &&
		    p->units[pv].kind != U_BYLINE)
			continue;
		u->sealed = true;
	}
}

/* A dash subtitle may run long, with commas and enumeration marks
 * (——共开工项目214个，涵盖先进制造、新基建等领域): right under a headline
 * line, without a full stop, it is still the subtitle, not text. */
static void promote_dash_subtitles(struct parse *p)
{
	for (size_t i = 1; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_BODY || u->len < 6 || !kb_starts(u->text, u->len, "——"))
			continue;
		size_t pv = prev_unit(p, i);
		if (pv == p->n_units || p->units[pv].kind != U_HEADLINE ||
		    kb_nchars(u->text, u->len) > 60)
			continue;
		int l;
		uint32_t last = kb_cp_before(u->text, u->text + u->len, &l);
		if (kb_is_final(last) || kb_is_pause(last) || last == 0xFF1B || last == ';')
			continue;
		u->kind = U_HEADLINE;
		u->hl = HL_DASH;
	}
}

/* 招标人:某某政府 / 招标代理机构:某某公司 / 联系人:王工: labelled lines in
 * a run are the fields of a notice, each a paragraph of its own, not
 * headings. */
static void seal_field_runs(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || !u->label || (u->kind != U_HEADLINE && u->kind != U_BODY))
			continue;
		size_t pv = prev_unit(p, i), nx = next_unit(p, i);
		bool run = (pv < p->n_units && p->units[pv].label) ||
			   (nx < p->n_units && p->units[nx].label);
		if (!run || u->pauses)
			continue;
		u->kind = U_BODY;
		u->hl = 0;
		u->sealed = true;
	}
}

/* A notice signs off with who issued it and a date: "河南大学" over
 * "2022年3月4日". Such a line is text, not the headline of what follows. */
static void demote_signatures(struct parse *p)
{
	for (size_t i = 0; i < p->n_units; i++) {
		struct unit *u = &p->units[i];
		if (u->gone || u->kind != U_HEADLINE)
			continue;
		size_t nx = next_unit(p, i), pv = prev_unit(p, i);
		if (nx < p->n_units && pv < p->n_units && p->units[pv].kind == U_BODY &&
		    kb_is_date_line(p->units[nx].text, p->units[nx].len)) {
			u->kind = U_BODY;
			u->sealed = true;
			p->units[nx].sealed = true;
		}
	}
}

void kb_join_units(struct parse *p)
{
	attach_lone_credits(p);
	demote_signatures(p);
	promote_dash_subtitles(p);
	seal_field_runs(p);
	demote_trailing_headlines(p);
	detect_indent_style(p);
	demote_fragments(p);
	demote_question_tails(p);
	seal_salutations(p);
	struct stats st; /* gathered once, only if a seam needs weighing */
	bool have_stats = false;
	join_adjacent(p, &st, &have_stats);
	join_far(p, &st, &have_stats);
	if (have_stats) {
		free(st.m.keys);
		free(st.m.vals);
	}
}
