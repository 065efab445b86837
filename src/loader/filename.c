/* SPDX-License-Identifier: MIT */
/*
 * What an edition file's path says of it: the paper, the date and the page,
 * in the common naming forms of e-paper archives:
 *     rmrb_20190215_p03.txt   rmrb20190215p03.txt   2019-02-15_p03.txt
 *     2019-02-15/p03.txt      2019/02/15/03.txt     201902/15/p03.txt
 *     郑州日报_2021年02月27日_第2版.txt   郑州日报2021-02-27第02版.txt   …_A05版.txt
 * A date is a real calendar day, and an 8-digit run is one only when it
 * stands apart from other digits. A paper is named only where that is
 * certain: a few well-known pinyin codes (rmrb is 人民日报), or a name in Han
 * characters that ends like a paper's (…日报, …晚报, 金水报) standing right
 * before the date or as a directory of its own; any other word names none.
 * The helpers here (dates, Chinese numerals, paper names) serve the page
 * header too (pagehead.c).
 */
#include "loader.h"

#include <stdio.h>
#include <string.h>
#include <unistr.h>

/* The pinyin codes archives file papers under, where the code is certain. */
static const struct {
	const char *code, *name;
} codes[] = {
	{ "rmrb", "人民日报" }, { "gmrb", "光明日报" }, { "jjrb", "经济日报" },
	{ "zzrb", "郑州日报" }, { "hnrb", "河南日报" },
};

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The separators of a file name's parts. */
static bool is_sep(char c)
{
	return c == '_' || c == '-' || c == '.' || c == ' ';
}

/* The value of the n ASCII digits at s. */
static int number(const char *s, size_t n)
{
	int v = 0;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* The length of the run of ASCII digits at s[0..n). */
static size_t digit_run(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && is_digit(s[k]))
		k++;
	return k;
}

/* Write y-m-d (a calendar date) as YYYY-MM-DD. */
static void format_date(char out[11], int y, int m, int d)
{
	const int parts[] = { y / 1000, y / 100 % 10, y / 10 % 10, y % 10, -1,
			      m / 10,   m % 10,       -1,          d / 10, d % 10 };
	for (int i = 0; i < 10; i++)
		out[i] = parts[i] < 0 ? '-' : (char)('0' + parts[i]);
	out[10] = '\0';
}

bool kb_calendar_date(int y, int m, int d)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (y < KB_YEAR_MIN || y > KB_YEAR_MAX || m < 1 || m > 12 || d < 1)
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* A date at s[0..n) starting with its 4-digit year: YYYY-M-D (the same
 * separator twice: - _ .) or YYYY年M月D日. Sets *end past it. */
static bool date_parts_at(const char *s, size_t n, size_t *end, int *y, int *m, int *d)
{
	size_t k = 4;
	bool han = kb_starts(s + k, n - k, "年");
	char sep = 0;
	if (han)
		k += strlen("年");
	else if (k < n && (s[k] == '-' || s[k] == '_' || s[k] == '.'))
		sep = s[k++];
	else
		return false;
	size_t ml = digit_run(s + k, n - k);
	if (ml < 1 || ml > 2)
		return false;
	*m = number(s + k, ml);
	k += ml;
	if (han && kb_starts(s + k, n - k, "月"))
		k += strlen("月");
	else if (!han && k < n && s[k] == sep)
		k++;
	else
		return false;
	size_t dl = digit_run(s + k, n - k);
	if (dl < 1 || dl > 2)
		return false;
	*d = number(s + k, dl);
	k += dl;
	if (han && kb_starts(s + k, n - k, "日"))
		k += strlen("日");
	*y = number(s, 4);
	*end = k;
	return kb_calendar_date(*y, *m, *d);
}

bool kb_find_date(const char *s, size_t n, size_t *start, size_t *end, char out[11])
{
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
			continue;
		size_t run = digit_run(s + i, n - i), e = 0;
		int y = 0, m = 0, d = 0;
		bool ok = false;
		if (run == 8) {
			y = number(s + i, 4);
			m = number(s + i + 4, 2);
			d = number(s + i + 6, 2);
			ok = kb_calendar_date(y, m, d);
			e = 8;
		} else if (run == 4) {
			ok = date_parts_at(s + i, n - i, &e, &y, &m, &d);
		}
		if (ok) {
			*start = i;
			*end = i + e;
			format_date(out, y, m, d);
			return true;
		}
		i += run - 1;
	}
	return false;
}

int kb_cn_number(const char *s, size_t n)
{
	const char *e = s + n;
	int tens = -1, units = 0, l, count = 0;
	for (const char *q = s; q < e; q += l, count++) {
		uint32_t c = kb_cp_at(q, e, &l);
		int v = c == 0x3007 || c == 0x96F6 ? 0 : kb_cn_digit(c); /* 〇 零 */
		if (v == 0 && c != 0x3007 && c != 0x96F6)
			return 0;
		if (v == 10) { /* 十: 十二 is 12, 二十 is 20 */
			if (tens >= 0)
				return 0;
			tens = units ? units : 1;
			units = 0;
		} else if (tens >= 0) {
			units = v;
		} else {
			units = units * 10 + v; /* 一〇 is 10 */
		}
	}
	int v = tens >= 0 ? tens * 10 + units : units;
	return count && count <= 4 && v <= 999 ? v : 0;
}

const char *kb_paper_of_code(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (strlen(codes[i].code) != n)
			continue;
		size_t k = 0;
		while (k < n && (s[k] | 0x20) == codes[i].code[k])
			k++;
		if (k == n)
			return codes[i].name;
	}
	return NULL;
}

bool kb_paper_name(const char *s, size_t n)
{
	/* words ending in 报 that are no paper: a bulletin, a poster ... */
	static const char *const not_papers[] = { "简报", "通报", "剪报", "海报", "汇报", "预报",
						  "公报", "举报", "电报", "情报", "捷报", NULL };
	if (!n || u8_check((const uint8_t *)s, n) || !kb_ends(s, n, "报") ||
	    kb_ends_any(s, n, not_papers))
		return false;
	size_t chars = 0;
	int l;
	for (const char *q = s; q < s + n; q += l, chars++)
		if (!kb_is_han(kb_cp_at(q, s + n, &l)))
			return false;
	return chars >= 3 && chars <= 12;
}

/* The page written p03, P3, page3 at s[i..n), after no letter: its number. */
static bool page_p(const char *s, size_t n, size_t i, size_t *at, size_t *len)
{
	if (i > 0 && is_alpha(s[i - 1]))
		return false;
	size_t k = i;
	if (n - k >= 5 && (s[k] | 0x20) == 'p' && strncmp(s + k + 1, "age", 3) == 0)
		k += 4;
	else if (s[k] == 'p' || s[k] == 'P')
		k++;
	else
		return false;
	size_t dl = digit_run(s + k, n - k);
	if (dl < 1 || dl > 3 || (k + dl < n && !is_sep(s[k + dl])))
		return false;
	*at = k;
	*len = dl;
	return true;
}

/* A page number of digits into out, leading zeros dropped; false for 0. */
static bool page_number(const char *s, size_t n, char out[KB_PAGE_MAX])
{
	while (n > 1 && *s == '0')
		s++, n--;
	if (!n || n >= KB_PAGE_MAX || *s == '0')
		return false;
	memcpy(out, s, n);
	out[n] = '\0';
	return true;
}

bool kb_page_mark(const char *s, size_t n, char out[KB_PAGE_MAX])
{
	size_t dl = digit_run(s, n);
	if (dl == n && n >= 1 && n <= 3)
		return page_number(s, n, out);
	if (n >= 2 && n <= 4 && s[0] >= 'A' && s[0] <= 'Z' && digit_run(s + 1, n - 1) == n - 1) {
		memcpy(out, s, n);
		out[n] = '\0';
		return true;
	}
	int v = kb_cn_number(s, n);
	if (v > 0)
		snprintf(out, KB_PAGE_MAX, "%d", v);
	return v > 0;
}

/* The page s[0..n) as kb_page_mark reads it, in the arena; or NULL. */
static const char *page_dup(struct kb_arena *a, const char *s, size_t n)
{
	char out[KB_PAGE_MAX];
	return kb_page_mark(s, n, out) ? kb_arena_strndup(a, out, strlen(out)) : NULL;
}

/* The page in a file's base name s[0..n) (without its extension): p03,
 * 第2版, 第二版, A05版, 05版, an A05 of its own, or digits alone right after
 * the date (which ends at date_end, 0 without one). */
static const char *page_in_name(struct kb_arena *a, const char *s, size_t n, size_t date_end)
{
	size_t at, len;
	for (size_t i = 0; i < n; i++)
		if (page_p(s, n, i, &at, &len))
			return page_dup(a, s + at, len);
	/* 第2版, 第二版, 第A05版 */
	const char *e = s + n;
	for (const char *di = kb_find(s, n, "第"); di; di = kb_find(di, (size_t)(e - di), "第")) {
		di += strlen("第");
		const char *ban = kb_find(di, (size_t)(e - di), "版");
		const char *p = ban && ban - di <= 12 ? page_dup(a, di, (size_t)(ban - di)) : NULL;
		if (p)
			return p;
	}
	/* A05版, 05版 after a separator or the date; A05 (a section letter
	 * and two digits) as a part of its own */
	for (size_t i = 0; i < n; i++) {
		bool starts = i == 0 || is_sep(s[i - 1]) || (date_end && i == date_end);
		bool letter = s[i] >= 'A' && s[i] <= 'Z';
		if (!starts || (!is_digit(s[i]) && !letter))
			continue;
		size_t k = i + letter, dl = digit_run(s + k, n - k);
		if (dl < 1 || dl > 3)
			continue;
		k += dl;
		bool alone = letter && s[i] <= 'F' && dl == 2 && (k == n || is_sep(s[k]));
		if (kb_starts(s + k, n - k, "版") || alone)
			return page_dup(a, s + i, k - i);
	}
	/* rmrb_20190215_03: digits alone after the date end the name */
	if (date_end && date_end < n) {
		size_t k = date_end + is_sep(s[date_end]), dl = digit_run(s + k, n - k);
		if (k > date_end && dl >= 1 && dl <= 2 && k + dl == n)
			return page_dup(a, s + k, dl);
	}
	return NULL;
}

/* The paper named right before the date at s[ds]: a known code (rmrb) or
 * a paper's name in Han characters (郑州日报), a separator allowed between. */
static const char *paper_before(struct kb_arena *a, const char *s, size_t ds)
{
	size_t k = ds;
	if (k > 0 && is_sep(s[k - 1]))
		k--;
	size_t b = k;
	while (b > 0 && is_alpha(s[b - 1]))
		b--;
	if (b < k)
		return kb_paper_of_code(s + b, k - b);
	const char *e = s + k, *h = e;
	int l;
	while (h > s && kb_is_han(kb_cp_before(s, h, &l)))
		h -= l;
	return kb_paper_name(h, (size_t)(e - h)) ? kb_arena_strndup(a, h, (size_t)(e - h)) : NULL;
}

/* A known code standing as a word of its own anywhere in s[0..n): the
 * zzrb of x7_01_zzrb_yaowen_20210618. */
static const char *paper_code_in(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!is_alpha(s[i]) || (i > 0 && is_alpha(s[i - 1])))
			continue;
		size_t k = i;
		while (k < n && is_alpha(s[k]))
			k++;
		const char *name = kb_paper_of_code(s + i, k - i);
		if (name)
			return name;
		i = k;
	}
	return NULL;
}

/* A path's parts: up to DIRS parent directories, nearest first, and the
 * base name without its extension. */
enum { DIRS = 4 };
struct parts {
	const char *dir[DIRS];
	size_t dir_len[DIRS];
	size_t n_dirs;
	const char *base;
	size_t base_len;
};

static void split_path(const char *path, struct parts *p)
{
	memset(p, 0, sizeof(*p));
	const char *end = path + strlen(path);
	const char *slash = strrchr(path, '/');
	p->base = slash ? slash + 1 : path;
	p->base_len = (size_t)(end - p->base);
	/* .txt, .htm: letters after the last dot */
	const char *dot = memchr(p->base, '.', p->base_len) ? strrchr(p->base, '.') : NULL;
	if (dot && dot > p->base && end - dot <= 6) {
		bool ext = true;
		for (const char *q = dot + 1; q < end; q++)
			ext = ext && is_alpha(*q);
		if (ext)
			p->base_len = (size_t)(dot - p->base);
	}
	const char *e = slash;
	while (e && e > path && p->n_dirs < DIRS) {
		const char *b = e;
		while (b > path && b[-1] != '/')
			b--;
		if (e > b) { /* a//b and a trailing slash give no part */
			p->dir[p->n_dirs] = b;
			p->dir_len[p->n_dirs] = (size_t)(e - b);
			p->n_dirs++;
		}
		e = b > path ? b - 1 : NULL;
	}
}

static bool all_digits(const char *s, size_t n, size_t want)
{
	return n == want && digit_run(s, n) == n;
}

/* A date from the directories, nearest first: one that holds it whole
 * (2019-02-15/, rmrb_20190215/), or YYYY-MM/DD, YYYYMM/DD, YYYY/MMDD,
 * YYYY/MM/DD. Sets *used to the number of directories it took. */
static bool date_from_dirs(const struct parts *p, char out[11], size_t *used, size_t *start)
{
	size_t s, e;
	if (p->n_dirs >= 1 && kb_find_date(p->dir[0], p->dir_len[0], &s, &e, out)) {
		*used = 1;
		*start = s;
		return true;
	}
	*start = 0;
	int y = 0, m = 0, d = 0;
	if (p->n_dirs >= 2) {
		const char *ym = p->dir[1], *dd = p->dir[0];
		size_t yn = p->dir_len[1], dn = p->dir_len[0];
		bool ok = false;
		if (all_digits(dd, dn, 2) &&
		    (all_digits(ym, yn, 6) ||
		     (yn == 7 && all_digits(ym, 4, 4) && (ym[4] == '-' || ym[4] == '_') &&
		      all_digits(ym + 5, 2, 2)))) {
			y = number(ym, 4), m = number(ym + yn - 2, 2), d = number(dd, 2);
			ok = true;
		} else if (all_digits(ym, yn, 4) && all_digits(dd, dn, 4)) {
			y = number(ym, 4), m = number(dd, 2), d = number(dd + 2, 2);
			ok = true;
		}
		if (ok && kb_calendar_date(y, m, d)) {
			format_date(out, y, m, d);
			*used = 2;
			return true;
		}
	}
	if (p->n_dirs >= 3 && all_digits(p->dir[2], p->dir_len[2], 4) &&
	    all_digits(p->dir[1], p->dir_len[1], 2) && all_digits(p->dir[0], p->dir_len[0], 2)) {
		y = number(p->dir[2], 4), m = number(p->dir[1], 2), d = number(p->dir[0], 2);
		if (kb_calendar_date(y, m, d)) {
			format_date(out, y, m, d);
			*used = 3;
			return true;
		}
	}
	return false;
}

/* A directory that is a paper: a known code or a paper's name, whole. */
static const char *paper_dir(struct kb_arena *a, const char *s, size_t n)
{
	const char *name = kb_paper_of_code(s, n);
	if (name)
		return name;
	return kb_paper_name(s, n) ? kb_arena_strndup(a, s, n) : NULL;
}

void kb_meta_from_path(struct kb_arena *a, const char *path, struct kb_meta *m)
{
	memset(m, 0, sizeof(*m));
	struct parts p;
	split_path(path, &p);
	char date[11];
	size_t ds, de;
	if (kb_find_date(p.base, p.base_len, &ds, &de, date)) {
		m->date = kb_arena_strndup(a, date, 10);
		m->paper = paper_before(a, p.base, ds);
		m->page = page_in_name(a, p.base, p.base_len, de);
	} else {
		size_t used = 0, start = 0;
		if (date_from_dirs(&p, date, &used, &start)) {
			m->date = kb_arena_strndup(a, date, 10);
			if (used == 1)
				m->paper = paper_before(a, p.dir[0], start);
			if (!m->paper && used < p.n_dirs)
				m->paper = paper_dir(a, p.dir[used], p.dir_len[used]);
		}
		m->page = page_in_name(a, p.base, p.base_len, 0);
		/* 2019/02/15/03.txt: a name of digits alone in a day's directory */
		if (!m->page && used && p.base_len <= 3 &&
		    all_digits(p.base, p.base_len, p.base_len))
			m->page = page_dup(a, p.base, p.base_len);
	}
	if (!m->paper)
		m->paper = paper_code_in(p.base, p.base_len);
	for (size_t i = 0; !m->paper && i < p.n_dirs && i < 3; i++)
		m->paper = paper_dir(a, p.dir[i], p.dir_len[i]);
}
