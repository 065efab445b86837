/* SPDX-License-Identifier: MIT */
/*
 * How a paragraph opens: a dateline (本报讯, 新华社北京3月5日电, 据人民日报
 * 客户端消息), a relayed report (据《经济日报》报道，), a list item (一是,
 * （一）, 1.). Such an opening starts a paragraph beyond doubt, and a
 * dateline may carry the article's byline in its brackets (byline.c).
 */
#include "loader.h"

#include <string.h>

/* 据人民日报客户端消息, 据《经济日报》报道: where the name of a relayed
 * report's source ends (just past its 消息 or 报道, at the first space or
 * mark other than the title marks), or NULL. */
static const char *relay_source_end(const char *s, size_t n)
{
	const char *e = s + n;
	int l, count = 0;
	if (n < 3 || kb_cp_at(s, e, &l) != 0x636E /* 据 */)
		return NULL;
	for (const char *q = s + l; q < e && count < 24; q += l, count++) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0x300A || c == 0x300B) /* 《》 around a paper's name */
			continue;
		if (kb_is_space(c) || kb_is_punct(c))
			return count >= 3 && (kb_ends(s, (size_t)(q - s), "消息") ||
					      kb_ends(s, (size_t)(q - s), "报道")) ? q : NULL;
	}
	return NULL;
}

/* The character at q, the end of a relayed report's source, or 0. */
static uint32_t after_source(const char *s, size_t n, const char *q)
{
	int l;
	return q && q < s + n ? kb_cp_at(q, s + n, &l) : 0;
}

const char *kb_relay_dateline(const char *s, size_t n)
{
	const char *q = relay_source_end(s, n);
	uint32_t c = after_source(s, n, q);
	return (c == 0xFF08 || c == '(') && kb_ends(s, (size_t)(q - s), "消息") ? q : NULL;
}

bool kb_relay_report(const char *s, size_t n)
{
	uint32_t c = after_source(s, n, relay_source_end(s, n));
	return c == 0xFF0C || c == ',' || kb_is_space(c);
}

bool kb_starts_dateline(const char *s, size_t n)
{
	const char *e = s + n, *q = s;
	int l, count = 0;
	bool agency = false;
	if (kb_relay_dateline(s, n))
		return true;
	while (q < e && count < 24) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0x8BAF /* 讯 */ || c == 0x7535 /* 电 */) {
			const char *after = q + l;
			uint32_t nc = after < e ? kb_cp_at(after, e, &l) : ' ';
			bool sep = kb_is_space(nc) || kb_is_opener(nc) || nc == 0x2014 ||
				   nc == 0xFF1A || nc == ':' || nc == 0xFF0C;
			if (count < 2 || !sep)
				return false;
			return c == 0x8BAF || agency;
		}
		if (kb_is_space(c) || kb_is_punct(c))
			return false;
		/* 电 ends a wire dateline only after a date or an agency name */
		if (c == 0x65E5 /* 日 */ || c == 0x793E /* 社 */ || c == 0x7F51 /* 网 */)
			agency = true;
		q += l;
		count++;
	}
	return false;
}

bool kb_starts_list_item(const char *s, size_t n)
{
	const char *e = s + n;
	int l, l2 = 0;
	if (n == 0)
		return false;
	uint32_t c = kb_cp_at(s, e, &l);
	uint32_t c2 = s + l < e ? kb_cp_at(s + l, e, &l2) : 0;
	if (kb_cn_digit(c) && (c2 == 0x662F /* 是 */ || c2 == 0x3001 /* 、 */))
		return true;
	if ((c == 0x7B2C /* 第 */ || c == 0x5176 /* 其 */) && kb_cn_digit(c2)) {
		/* 第一，其二、… but not 第一次, 第三方 */
		const char *q = s + l + l2;
		uint32_t c3 = q < e ? kb_cp_at(q, e, &l) : 0;
		return c3 == 0xFF0C || c3 == ',' || c3 == 0x3001 || c3 == 0x662F;
	}
	if ((c == 0xFF08 || c == '(') && (kb_cn_digit(c2) || (c2 >= '0' && c2 <= '9')))
		return true;
	if (c >= 0x2460 && c <= 0x2473) /* ①..⑳ */
		return true;
	if (c >= '0' && c <= '9') {
		const char *q = s;
		while (q < e && *q >= '0' && *q <= '9')
			q++;
		if (q < e) {
			uint32_t d = kb_cp_at(q, e, &l);
			bool digit_after = q + l < e && q[l] >= '0' && q[l] <= '9';
			return (d == '.' || d == 0x3001 || d == 0xFF0E) && !digit_after;
		}
	}
	return false;
}

/* 一是…, 第一，…, 其二，…: a list item that is a clause of running text,
 * never a heading (一、加强领导 may be one). */
bool kb_starts_clause_item(const char *s, size_t n)
{
	const char *e = s + n;
	int l, l2;
	if (n == 0)
		return false;
	uint32_t c = kb_cp_at(s, e, &l);
	uint32_t c2 = s + l < e ? kb_cp_at(s + l, e, &l2) : 0;
	if (kb_cn_digit(c) && c2 == 0x662F /* 是 */)
		return true;
	return (c == 0x7B2C || c == 0x5176) && kb_cn_digit(c2) && kb_starts_list_item(s, n);
}

/* Does the text before 电 read as a dateline's place and date: 本报东京
 * 10月14日, 本报莫斯科、开罗10月14日, 新华社北京3月5日, 本报金边? Places
 * may be listed with 、; nothing of a sentence (，。：) stands in it. */
static bool dateline_head(const char *s, size_t n)
{
	const char *e = s + n;
	int l, count = 0;
	for (const char *q = s; q < e; q += l, count++) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (count > 60 || (kb_is_punct(c) && c != 0x3001) || kb_is_space(c))
			return false;
	}
	return count >= 3 && (kb_starts(s, n, "本报") || kb_ends(s, n, "日") ||
			      kb_find(s, n, "社"));
}

bool kb_dateline_note(struct kb_arena *a, const char *s, size_t n,
		      struct kb_author **authors, size_t *n_authors)
{
	int l;
	kb_trim(&s, &n);
	if (n < 12)
		return false;
	uint32_t open = kb_cp_at(s, s + n, &l);
	const char *in = s + l;
	uint32_t close = kb_cp_before(s, s + n, &l);
	const char *ie = s + n - l;
	if (!((open == 0xFF08 && close == 0xFF09) || (open == '(' && close == ')')) || ie <= in)
		return false;
	/* 电 ends the dateline: at the end, or before white space or 记者 */
	const char *dian = NULL;
	for (const char *q = in; q < ie; q += l) {
		uint32_t c = kb_cp_at(q, ie, &l);
		if (c != 0x7535 /* 电 */)
			continue;
		const char *after = q + l;
		if (after == ie || kb_is_space(kb_cp_at(after, ie, &l)) ||
		    kb_starts(after, (size_t)(ie - after), "记者")) {
			dian = q;
			break;
		}
		l = 3;
	}
	if (!dian || !dateline_head(in, (size_t)(dian - in)))
		return false;
	const char *rest = dian + 3;
	size_t rn = (size_t)(ie - rest);
	kb_trim(&rest, &rn);
	*authors = NULL;
	*n_authors = 0;
	if (rn == 0)
		return true;
	return kb_parse_byline(a, rest, rn, authors, n_authors) ||
	       kb_parse_names(a, rest, rn, 12, authors, n_authors);
}
