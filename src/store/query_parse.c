/* SPDX-License-Identifier: MIT */
/*
 * The query syntax of the reader's list and of `kanbao list` / `kanbao
 * search`: words for the full-text search and key:value terms for the
 * filter (tag:, -tag:, date:, page:, paper:, edition:, unread), all ANDed.
 * Parsing only: the SQL the filter becomes lives in query.c. A date term
 * of a year or a month becomes the range of its days, so the store sees
 * only YYYY-MM-DD bounds, as it does for --date.
 */
#include "kanbao/store.h"
#include "kanbao/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TAGS 32 /* tag terms of either kind: each is a bound parameter */

void kb_query_init(struct kb_query *q)
{
	memset(q, 0, sizeof(*q));
}

void kb_query_finish(struct kb_query *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->filter.n_tags; i++)
		free(q->tags[i]);
	for (size_t i = 0; i < q->filter.n_not_tags; i++)
		free(q->not_tags[i]);
	free(q->tags);
	free(q->not_tags);
	free(q->words);
	free(q->page);
	free(q->paper);
	free(q->edition);
	kb_query_init(q);
}

/* Write a message about term[0..len) into err; always false. */
static bool fail(char *err, size_t n, const char *term, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static bool fail(char *err, size_t n, const char *term, size_t len, const char *fmt, ...)
{
	if (!err || !n)
		return false;
	int k = snprintf(err, n, "%.*s: ", (int)(len > 200 ? 200 : len), term);
	if (k >= 0 && (size_t)k < n) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err + k, n - (size_t)k, fmt, ap);
		va_end(ap);
	}
	return false;
}

/* Point the filter at the query's arrays (they move as they grow). */
static void sync(struct kb_query *q)
{
	q->filter.tags = (const char *const *)q->tags;
	q->filter.not_tags = (const char *const *)q->not_tags;
	q->filter.page = q->page;
	q->filter.paper = q->paper;
	q->filter.edition = q->edition;
	q->filter.date_from = q->date_from[0] ? q->date_from : NULL;
	q->filter.date_to = q->date_to[0] ? q->date_to : NULL;
}

/* Add a tag to a list (its copy), unless it is there already. */
static void push_tag(char ***v, size_t *cap, size_t *n, const char *t, size_t len)
{
	for (size_t i = 0; i < *n; i++)
		if (strlen((*v)[i]) == len && memcmp((*v)[i], t, len) == 0)
			return;
	void *p = *v;
	kb_xgrow(&p, cap, *n + 1, sizeof(char *));
	*v = p;
	(*v)[(*n)++] = kb_xstrndup(t, len);
}

static void add_words(struct kb_query *q, const char *w, size_t len)
{
	size_t old = q->words ? strlen(q->words) : 0;
	q->words = kb_xrealloc(q->words, old + len + 2);
	if (old)
		q->words[old++] = ' ';
	memcpy(q->words + old, w, len);
	q->words[old + len] = '\0';
}

static bool is_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

static int days_in(int year, int month)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return month == 2 && leap ? 29 : days[month - 1];
}

/* Write YYYY-MM-DD (the parts in range) into out. */
static void put_date(char out[11], int year, int month, int day)
{
	char buf[40];
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", year, month, day);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* A date of a year, a month or a day (YYYY, YYYY-MM, YYYY-MM-DD; the month
 * and the day may have one digit) as its first and last day. *why gets
 * the reason it is not one. */
static bool period(const char *s, size_t len, char first[11], char last[11], const char **why)
{
	const char *p[3];
	size_t n[3];
	int parts = 0;
	const char *b = s, *e = s + len;
	for (const char *c = s;; c++) {
		if (c == e || *c == '-') {
			if (parts == 3) {
				*why = "not a date (YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO)";
				return false;
			}
			p[parts] = b;
			n[parts++] = (size_t)(c - b);
			if (c == e)
				break;
			b = c + 1;
		}
	}
	*why = "not a date (YYYY, YYYY-MM or YYYY-MM-DD, or FROM..TO)";
	if (n[0] != 4 || !is_digits(p[0], 4))
		return false;
	for (int i = 1; i < parts; i++)
		if (n[i] < 1 || n[i] > 2 || !is_digits(p[i], n[i]))
			return false;
	int year = atoi(p[0]), month = 0, day = 0;
	if (parts > 1) {
		month = (int)strtol(p[1], NULL, 10);
		if (month < 1 || month > 12) {
			*why = "not a month";
			return false;
		}
	}
	if (parts > 2) {
		day = (int)strtol(p[2], NULL, 10);
		if (day < 1 || day > days_in(year, month)) {
			*why = "not a day of that month";
			return false;
		}
	}
	put_date(first, year, month ? month : 1, day ? day : 1);
	put_date(last, year, month ? month : 12, day ? day : days_in(year, month ? month : 12));
	return true;
}

/* date:VALUE: one period, or FROM..TO with either end left open. The range
 * is intersected with what the query already holds. */
static bool add_date(struct kb_query *q, const char *term, size_t tlen, const char *v, size_t len,
		     char *err, size_t n)
{
	char from[11] = "", to[11] = "", scratch[11];
	const char *why = NULL;
	const char *dots = NULL;
	for (size_t i = 0; i + 1 < len && !dots; i++)
		if (v[i] == '.' && v[i + 1] == '.')
			dots = v + i;
	if (!dots) {
		if (!period(v, len, from, to, &why))
			return fail(err, n, term, tlen, "%s", why);
	} else {
		size_t fl = (size_t)(dots - v), tl = len - fl - 2;
		if (!fl && !tl)
			return fail(err, n, term, tlen, "a range needs a date at one end at least");
		if (fl && !period(v, fl, from, scratch, &why))
			return fail(err, n, term, tlen, "%.*s is %s", (int)fl, v, why);
		if (tl && !period(dots + 2, tl, scratch, to, &why))
			return fail(err, n, term, tlen, "%.*s is %s", (int)tl, dots + 2, why);
		if (fl && tl && strcmp(from, to) > 0)
			return fail(err, n, term, tlen, "the range ends before it starts");
	}
	if (from[0] && (!q->date_from[0] || strcmp(from, q->date_from) > 0))
		memcpy(q->date_from, from, 11);
	if (to[0] && (!q->date_to[0] || strcmp(to, q->date_to) < 0))
		memcpy(q->date_to, to, 11);
	return true;
}

/* Set a single-valued term (page:, paper:, edition:); given twice with
 * different values it is an error. */
static bool set_once(char **slot, const char *key, const char *term, size_t tlen, const char *v,
		     size_t len, char *err, size_t n)
{
	if (*slot && (strlen(*slot) != len || memcmp(*slot, v, len) != 0))
		return fail(err, n, term, tlen, "a second %s: (an article has one; %s:%s is given)",
			    key, key, *slot);
	if (!*slot)
		*slot = kb_xstrndup(v, len);
	return true;
}

/* Is term[0..len) a key: term? Sets the key's extent (after an optional
 * '-'). A key is ASCII letters; "10:30" or "http://" with digits or none
 * before the colon are words. */
static bool keyed(const char *t, size_t len, size_t *kb, size_t *ke)
{
	size_t i = t[0] == '-' ? 1 : 0, b = i;
	while (i < len && ((t[i] >= 'a' && t[i] <= 'z') || (t[i] >= 'A' && t[i] <= 'Z')))
		i++;
	if (i == b || i >= len || t[i] != ':')
		return false;
	*kb = b;
	*ke = i;
	return true;
}

static bool key_is(const char *k, size_t n, const char *name)
{
	if (strlen(name) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = k[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != name[i])
			return false;
	}
	return true;
}

/* One term: term[0..tlen) as written (for messages), value v[0..len) with
 * its quotes removed. */
static bool add_keyed(struct kb_query *q, const char *term, size_t tlen, size_t kb, size_t ke,
		      const char *v, size_t len, char *err, size_t n)
{
	const char *k = term + kb;
	size_t kn = ke - kb;
	bool neg = kb == 1;
	bool known = key_is(k, kn, "tag") || key_is(k, kn, "date") || key_is(k, kn, "page") ||
		     key_is(k, kn, "paper") || key_is(k, kn, "edition");
	if (!known)
		return fail(
			err, n, term, tlen,
			"unknown key %.*s: (tag:, -tag:, date:, page:, paper:, edition:, unread)",
			(int)kn, k);
	if (neg && !key_is(k, kn, "tag"))
		return fail(err, n, term, tlen, "only a tag can be excluded (-tag:X)");
	if (!len)
		return fail(err, n, term, tlen, "%.*s: needs a value", (int)kn, k);
	if (key_is(k, kn, "tag")) {
		if (q->filter.n_tags + q->filter.n_not_tags >= MAX_TAGS)
			return fail(err, n, term, tlen, "more than %d tag terms", MAX_TAGS);
		if (neg)
			push_tag(&q->not_tags, &q->cap_not_tags, &q->filter.n_not_tags, v, len);
		else
			push_tag(&q->tags, &q->cap_tags, &q->filter.n_tags, v, len);
		return true;
	}
	if (key_is(k, kn, "date"))
		return add_date(q, term, tlen, v, len, err, n);
	if (key_is(k, kn, "page")) {
		for (size_t i = 0; i < len; i++)
			if (v[i] == ' ' || v[i] == '\t')
				return fail(err, n, term, tlen,
					    "not a page (a number or a name: 2, A05)");
		return set_once(&q->page, "page", term, tlen, v, len, err, n);
	}
	if (key_is(k, kn, "paper"))
		return set_once(&q->paper, "paper", term, tlen, v, len, err, n);
	return set_once(&q->edition, "edition", term, tlen, v, len, err, n);
}

/* The length of an opening quote at p ('"' or '“'), or 0. */
static size_t open_quote(const char *p)
{
	return *p == '"' ? 1 : strncmp(p, "“", 3) == 0 ? 3 : 0;
}

/* The length of a space at p (ASCII white space or U+3000), or 0. */
static size_t space_at(const char *p)
{
	return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ? 1 :
	       strncmp(p, "\xe3\x80\x80", 3) == 0                  ? 3 :
								     0;
}

/* Add a word term (quotes removed: a quoted phrase is its words). */
static void add_word_term(struct kb_query *q, const char *t, size_t len)
{
	struct kb_buf b;
	kb_buf_init(&b);
	for (size_t i = 0; i < len;) {
		size_t qn = open_quote(t + i);
		if (!qn && strncmp(t + i, "”", 3) == 0)
			qn = 3;
		if (qn) {
			kb_buf_putc(&b, ' ');
			i += qn;
		} else {
			kb_buf_putc(&b, t[i++]);
		}
	}
	/* the words between quotes, one by one */
	char *s = kb_buf_steal(&b), *save = NULL;
	for (char *w = strtok_r(s, " ", &save); w; w = strtok_r(NULL, " ", &save))
		add_words(q, w, strlen(w));
	free(s);
}

bool kb_query_add(struct kb_query *q, const char *text, char *err, size_t n)
{
	const char *p = text ? text : "";
	bool ok = true;
	while (ok && *p) {
		size_t sp = space_at(p);
		if (sp) {
			p += sp;
			continue;
		}
		/* a term runs to the next space outside quotes */
		const char *b = p, *vq = NULL, *ve = NULL;
		while (*p && !space_at(p)) {
			size_t qn = open_quote(p);
			if (!qn) {
				p++;
				continue;
			}
			const char *close = qn == 1 ? "\"" : "”";
			const char *end = strstr(p + qn, close);
			if (!end) {
				ok = fail(err, n, b, strlen(b), "the quote is not closed");
				break;
			}
			if (!vq) {
				vq = p + qn;
				ve = end;
			}
			p = end + strlen(close);
		}
		if (!ok)
			break;
		size_t len = (size_t)(p - b), kb, ke;
		if (len == 6 && memcmp(b, "unread", 6) == 0) {
			q->filter.unread = true;
		} else if (keyed(b, len, &kb, &ke)) {
			/* the value: quoted (key:"two words") or as written */
			const char *v = b + ke + 1;
			size_t vn = (size_t)(p - v);
			if (vq && vq == v + open_quote(v))
				vn = (size_t)(ve - vq), v = vq;
			ok = add_keyed(q, b, len, kb, ke, v, vn, err, n);
		} else {
			add_word_term(q, b, len);
		}
	}
	sync(q);
	return ok;
}

bool kb_query_add_term(struct kb_query *q, const char *term, char *err, size_t n)
{
	size_t len = strlen(term), kb, ke;
	if (!keyed(term, len, &kb, &ke) || open_quote(term + ke + 1))
		return kb_query_add(q, term, err, n);
	/* the value as given, spaces and all, trimmed */
	const char *v = term + ke + 1, *e = term + len;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	bool ok = add_keyed(q, term, len, kb, ke, v, (size_t)(e - v), err, n);
	sync(q);
	return ok;
}

bool kb_query_parse(const char *text, struct kb_query *q, char *err, size_t n)
{
	kb_query_init(q);
	if (err && n)
		err[0] = '\0';
	return kb_query_add(q, text, err, n);
}

bool kb_query_narrow(struct kb_query *q, const struct kb_filter *f, char *err, size_t n)
{
	if (!f)
		return true;
	bool ok = true;
	if (q->filter.n_tags + q->filter.n_not_tags + f->n_tags + f->n_not_tags > MAX_TAGS) {
		if (err && n)
			snprintf(err, n, "more than %d tags to look for", MAX_TAGS);
		return false;
	}
	for (size_t i = 0; i < f->n_tags; i++)
		push_tag(&q->tags, &q->cap_tags, &q->filter.n_tags, f->tags[i], strlen(f->tags[i]));
	for (size_t i = 0; i < f->n_not_tags; i++)
		push_tag(&q->not_tags, &q->cap_not_tags, &q->filter.n_not_tags, f->not_tags[i],
			 strlen(f->not_tags[i]));
	if (f->date_from && (!q->date_from[0] || strcmp(f->date_from, q->date_from) > 0))
		snprintf(q->date_from, sizeof(q->date_from), "%s", f->date_from);
	if (f->date_to && (!q->date_to[0] || strcmp(f->date_to, q->date_to) < 0))
		snprintf(q->date_to, sizeof(q->date_to), "%s", f->date_to);
	static const char *const names[] = { "edition", "page", "paper" };
	const char *from[] = { f->edition, f->page, f->paper };
	char **to[] = { &q->edition, &q->page, &q->paper };
	for (int i = 0; i < 3 && ok; i++) {
		if (!from[i])
			continue;
		if (*to[i] && strcmp(*to[i], from[i]) != 0) {
			if (err && n)
				snprintf(err, n, "%s: given twice (%s, %s)", names[i], *to[i],
					 from[i]);
			ok = false;
		} else if (!*to[i]) {
			*to[i] = kb_xstrdup(from[i]);
		}
	}
	q->filter.unread |= f->unread;
	q->filter.limit = f->limit;
	q->filter.sort = f->sort;
	q->filter.bare = f->bare;
	sync(q);
	return ok;
}
