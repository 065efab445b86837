/* SPDX-License-Identifier: MIT */
/*
 * What the page's own header says of the edition. A printed page opens with
 * a line (or a few) naming the paper, the day, the page and the page's name,
 * then its editors:
 *     人民日报 2019年2月15日 星期五 第3版 要闻
 *     2019年2月15日 星期五  第3版：要闻
 *     4 2022年3月5日 星期六 解放日报 要闻·综合 责任编辑:周楠
 *     城市新闻　　2024年5月20日　星期一　　A03　　责任编辑　周敏
 * The loader has already set these lines apart as page headers (furniture.c,
 * and the masthead under them in classify.c); here they are read word by
 * word. Only the headers above the first article count: the editors' line
 * at the foot of a page names no page. A header must give a date or a page
 * to be believed at all.
 */
#include "loader.h"

#include <string.h>

/* Words that open the editors' part of a header line: what follows them
 * are names and numbers, not the page's. */
static const char *const labels[] = { "责任编辑", "责编",     "编辑", "美编", "美术编辑", "校对",
				      "版式",     "视觉设计", "设计", "本版", "广告",     "热线",
				      "新闻热线", "读者热线", "电话", "邮箱", "制图",     "主编",
				      "值班",     "组版",     "地址", "邮编", NULL };

/* One reading of a page's header lines. */
struct reading {
	struct kb_arena *a;
	struct kb_meta *m;
	bool dated;                 /* the date has been read: names after it are the page's */
	bool believed;              /* a date or a page was found: this is a page header */
	const char *before, *after; /* the last page name before / after the date */
	size_t before_len, after_len;
};

static bool starts_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (kb_starts(s, n, *words))
			return true;
	return false;
}

/* 要闻, 城事·综合, 理论·评论: Han characters (and the middle dot), 2 to 12,
 * no paper's name. */
static bool page_name(const char *s, size_t n)
{
	size_t chars = 0;
	int l;
	for (const char *q = s; q < s + n; q += l, chars++) {
		uint32_t c = kb_cp_at(q, s + n, &l);
		if (!kb_is_han(c) && c != 0xB7 && c != 0x30FB && c != 0xFF65)
			return false;
	}
	return chars >= 2 && chars <= 12 && !kb_paper_name(s, n);
}

static void name_seen(struct reading *r, const char *s, size_t n)
{
	if (!page_name(s, n))
		return;
	if (r->dated) {
		r->after = s;
		r->after_len = n;
	} else {
		r->before = s;
		r->before_len = n;
	}
}

static void take_page(struct reading *r, const char *page)
{
	if (!r->m->page)
		r->m->page = kb_arena_strndup(r->a, page, strlen(page));
	r->believed = true;
}

/* 第3版, 第三版, 第3版·民生, 第3版：要闻: true when t is one (and its name
 * after the mark is seen); 第25123期 is not. */
static bool numbered_page(struct reading *r, const char *t, size_t n)
{
	const char *q = t + strlen("第"), *e = t + n;
	const char *ban = kb_find(q, (size_t)(e - q), "版");
	char page[KB_PAGE_MAX];
	if (!ban || ban - q > 12 || !kb_page_mark(q, (size_t)(ban - q), page))
		return false;
	take_page(r, page);
	const char *rest = ban + strlen("版");
	int l;
	while (rest < e) {
		uint32_t c = kb_cp_at(rest, e, &l);
		if (c != 0xB7 && c != 0x30FB && c != 0xFF1A && c != ':' && c != '|' &&
		    c != 0xFF5C && c != '-' && c != 0x2014 &&
		    c != 0x4E28) /* · ・ ： : | ｜ - — 丨 */
			break;
		rest += l;
	}
	if (rest < e)
		name_seen(r, rest, (size_t)(e - rest));
	return true;
}

/* One word of a header line; false when it opens the editors' part. */
static bool word(struct reading *r, const char *t, size_t n)
{
	char date[11];
	size_t ds, de;
	if (starts_any(t, n, labels))
		return false;
	if (kb_find_date(t, n, &ds, &de, date)) {
		if (!r->m->date)
			r->m->date = kb_arena_strndup(r->a, date, 10);
		r->dated = r->believed = true;
		return true;
	}
	if (kb_starts(t, n, "星期") || kb_starts(t, n, "农历") ||
	    (n == strlen("周一") && kb_starts(t, n, "周")))
		return true;
	if (kb_starts(t, n, "第")) {
		numbered_page(r, t, n);
		return true;
	}
	/* 4, 08, A05, A05版: a page by its number alone */
	if ((t[0] >= '0' && t[0] <= '9') || (t[0] >= 'A' && t[0] <= 'Z')) {
		size_t m = kb_ends(t, n, "版") ? n - strlen("版") : n;
		char page[KB_PAGE_MAX];
		if (kb_page_mark(t, m, page))
			take_page(r, page);
		return true;
	}
	if (kb_paper_name(t, n)) {
		if (!r->m->paper)
			r->m->paper = kb_arena_strndup(r->a, t, n);
		return true;
	}
	name_seen(r, t, n);
	return true;
}

/* Read one header text, a line at a time (the editors' part of a line
 * ends what it says). */
static void header_text(struct reading *r, const char *s, size_t n)
{
	const char *e = s + n;
	while (s < e) {
		const char *le = memchr(s, '\n', (size_t)(e - s));
		if (!le)
			le = e;
		const char *q = s;
		int l;
		while (q < le) {
			while (q < le && kb_is_space(kb_cp_at(q, le, &l)))
				q += l;
			const char *w = q;
			while (q < le && !kb_is_space(kb_cp_at(q, le, &l)))
				q += l;
			if (q > w && !word(r, w, (size_t)(q - w)))
				break;
		}
		s = le + (le < e);
	}
}

/* Is the word t a date, alone or with its weekday (2019年2月15日星期五)? */
static bool date_word(const char *t, size_t n)
{
	char date[11];
	size_t ds, de;
	if (!kb_find_date(t, n, &ds, &de, date) || ds != 0)
		return false;
	return de == n || kb_starts(t + de, n - de, "星期") || kb_starts(t + de, n - de, "周");
}

/* Is the word t a page's mark (第3版, 第3版·要闻, A05, A05版) or a paper's
 * name? */
static bool mark_word(const char *t, size_t n)
{
	char page[KB_PAGE_MAX];
	if (kb_paper_name(t, n))
		return true;
	if (kb_starts(t, n, "第")) {
		const char *q = t + strlen("第"), *ban = kb_find(q, n - strlen("第"), "版");
		return ban && ban - q <= 12 && kb_page_mark(q, (size_t)(ban - q), page);
	}
	size_t m = kb_ends(t, n, "版") ? n - strlen("版") : n;
	return t[0] >= 'A' && t[0] <= 'Z' && kb_page_mark(t, m, page);
}

bool kb_dated_header(const char *s, size_t n)
{
	if (!kb_find(s, n, "年") && !kb_find(s, n, "-"))
		return false;
	bool dated = false, marked = false;
	size_t words = 0;
	const char *e = s + n, *q = s;
	int l;
	while (q < e) {
		while (q < e && kb_is_space(kb_cp_at(q, e, &l)))
			q += l;
		const char *w = q;
		while (q < e && !kb_is_space(kb_cp_at(q, e, &l)))
			q += l;
		if (q == w)
			break;
		uint32_t last = kb_cp_before(w, q, &l);
		if (++words > 8 || kb_is_final(last) || kb_is_pause(last))
			return false;
		if (!dated && date_word(w, (size_t)(q - w)))
			dated = true;
		else if (!marked)
			marked = mark_word(w, (size_t)(q - w));
	}
	return dated && marked;
}

void kb_meta_from_page_header(struct kb_arena *a, const struct kb_edition *ed, struct kb_meta *m)
{
	memset(m, 0, sizeof(*m));
	struct reading r;
	memset(&r, 0, sizeof(r));
	r.a = a;
	r.m = m;
	size_t top = ed->n_articles ? ed->articles[0].line : (size_t)-1;
	for (size_t i = 0; i < ed->n_extras; i++) {
		const struct kb_extra *x = &ed->extras[i];
		if (x->type == KB_EXTRA_PAGE_HEADER && x->line < top)
			header_text(&r, x->text, strlen(x->text));
	}
	if (!r.believed) {
		memset(m, 0, sizeof(*m));
		return;
	}
	const char *name = r.after ? r.after : r.before;
	size_t len = r.after ? r.after_len : r.before_len;
	m->title = name ? kb_arena_strndup(a, name, len) : NULL;
}
