/* SPDX-License-Identifier: MIT */
/*
 * The reader's tree: papers, their issues newest first, each issue's
 * editions (pages). An issue is one date of one paper; a paper's editions
 * without a date are one group of their own, after its dated issues. The
 * tree's order is the edition's generated key rkey (KB_EDITION_RKEY), whose
 * prefix is its issue's key (KB_EDITION_ISSUE), whose prefix up to the
 * first char(31) is its paper's. Every read here is a seek on an index
 * (edition_issue, edition_tree) and a walk of the rows it returns: a page
 * of issues costs the same at the start of a 100,000-edition library as at
 * its end.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* The length of the paper's prefix of an issue or edition key (through its
 * first separator). */
static size_t paper_len(const char *key)
{
	const char *sep = strchr(key, '\x1f');
	return sep ? (size_t)(sep - key) + 1 : strlen(key);
}

char *kb_tree_issue_key(const char *edition_key)
{
	if (!edition_key)
		return NULL;
	size_t p = paper_len(edition_key);
	const char *sep = strchr(edition_key + p, '\x1f');
	size_t n = sep ? (size_t)(sep - edition_key) : strlen(edition_key);
	char *k = kb_xmalloc(n + 1);
	memcpy(k, edition_key, n);
	k[n] = '\0';
	return k;
}

bool kb_tree_same_paper(const char *a, const char *b)
{
	if (!a || !b)
		return false;
	size_t n = paper_len(a);
	return n == paper_len(b) && memcmp(a, b, n) == 0;
}

/* A malloc'd copy of key's paper prefix, with end appended (end may be ""). */
static char *paper_bound(const char *key, const char *end)
{
	size_t n = paper_len(key), e = strlen(end);
	char *k = kb_xmalloc(n + e + 1);
	memcpy(k, key, n);
	memcpy(k + n, end, e + 1);
	return k;
}

void kb_issue_row_clear(struct kb_issue_row *r)
{
	free(r->paper);
	free(r->date);
	free(r->key);
	memset(r, 0, sizeof(*r));
}

void kb_issue_rows_free(struct kb_issue_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kb_issue_row_clear(&r[i]);
	free(r);
}

/* The articles read of issue key. */
static bool issue_read(struct kb_store *s, const char *key, size_t *read)
{
	sqlite3_stmt *st = kb_store_cached(s,
		"SELECT count(*) FROM edition e JOIN article a ON a.edition = e.id"
		" WHERE e.issue = ?1 AND EXISTS (SELECT 1 FROM read r WHERE r.article = a.id)");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*read = (size_t)sqlite3_column_int64(st, 0);
	kb_store_done(st);
	return ok || kb_store_fail(s, "%s: cannot count the issues' articles read", s->path);
}

/* Does no issue of key's paper come before it? */
static bool issue_first(struct kb_store *s, const char *key, bool *first)
{
	sqlite3_stmt *st = kb_store_cached(s,
		"SELECT NOT EXISTS (SELECT 1 FROM edition WHERE issue >= ?2 AND issue < ?1)");
	if (!st)
		return false;
	char *paper = paper_bound(key, "");
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, paper, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*first = sqlite3_column_int(st, 0) != 0;
	kb_store_done(st);
	free(paper);
	return ok || kb_store_fail(s, "%s: cannot read the issues", s->path);
}

/* The issues of a page: one walk of the issues' index, grouped (an issue's
 * editions are one range of it), stopping after n. */
#define ISSUE_GROUPS "SELECT issue, min(paper), min(date), count(*), total(articles) FROM edition"

bool kb_store_issues_page(struct kb_store *s, const char *from, bool backward, bool skip_paper,
			  size_t n, struct kb_issue_row **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	/* past the whole paper: after every key of it (its dates' parts begin
	 * with 0, 1 or 2), or before its prefix */
	char *at = from ? (skip_paper ? paper_bound(from, backward ? "" : "3") : kb_xstrdup(from))
			: NULL;
	const char *sql = at ? (backward ? ISSUE_GROUPS " WHERE issue < ?1 GROUP BY issue"
					   " ORDER BY issue DESC LIMIT ?2"
					 : ISSUE_GROUPS " WHERE issue > ?1 GROUP BY issue"
					   " ORDER BY issue LIMIT ?2")
			     : (backward ? ISSUE_GROUPS " GROUP BY issue ORDER BY issue DESC LIMIT ?2"
					 : ISSUE_GROUPS " GROUP BY issue ORDER BY issue LIMIT ?2");
	/* one read transaction for the page: each statement on its own
	 * would take and drop the database's read lock */
	bool own = sqlite3_get_autocommit(s->db) && kb_store_exec(s, "BEGIN");
	sqlite3_stmt *st = kb_store_cached(s, sql);
	bool ok = st != NULL;
	size_t cap = 0;
	int rc = SQLITE_DONE;
	if (st) {
		if (at)
			sqlite3_bind_text(st, 1, at, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)n);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			void *v = *out;
			kb_xgrow(&v, &cap, *n_out + 1, sizeof(**out));
			*out = v;
			struct kb_issue_row *r = &(*out)[(*n_out)++];
			memset(r, 0, sizeof(*r));
			r->key = kb_column_dup(st, 0);
			r->paper = kb_column_dup(st, 1);
			r->date = kb_column_dup(st, 2);
			r->n_editions = (size_t)sqlite3_column_int64(st, 3);
			r->n_articles = (size_t)sqlite3_column_int64(st, 4);
		}
		ok = rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot read the issues", s->path);
		kb_store_done(st);
	}
	for (size_t i = 0; ok && i < *n_out; i++) {
		struct kb_issue_row *r = &(*out)[i];
		size_t read = 0;
		ok = issue_read(s, r->key, &read);
		r->n_unread = r->n_articles > read ? r->n_articles - read : 0;
		/* the first of its paper: the one before it in the order is of
		 * another paper (in the page, or where the page starts), or none
		 * is; the earliest of a backward page asks the index */
		const char *before = backward ? (i + 1 < *n_out ? (*out)[i + 1].key : NULL)
					      : (i ? (*out)[i - 1].key : at);
		if (!backward || i + 1 < *n_out)
			r->first_of_paper = !before || !kb_tree_same_paper(before, r->key);
		else if (ok)
			ok = issue_first(s, r->key, &r->first_of_paper);
	}
	if (own)
		kb_store_exec(s, "COMMIT");
	free(at);
	if (!ok) {
		kb_issue_rows_free(*out, *n_out);
		*out = NULL;
		*n_out = 0;
	}
	return ok;
}

/* The counts of issue key (its editions, articles, those not read) and
 * whether an issue of its paper comes before it. */
static bool issue_stats(struct kb_store *s, const char *key, struct kb_issue_row *r)
{
	sqlite3_stmt *st = kb_store_cached(s, ISSUE_GROUPS " WHERE issue = ?1 GROUP BY issue");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->key = kb_column_dup(st, 0);
		r->paper = kb_column_dup(st, 1);
		r->date = kb_column_dup(st, 2);
		r->n_editions = (size_t)sqlite3_column_int64(st, 3);
		r->n_articles = (size_t)sqlite3_column_int64(st, 4);
	}
	kb_store_done(st);
	if (rc != SQLITE_ROW)
		return kb_store_fail(s, "%s: no such issue", s->path);
	size_t read = 0;
	if (!issue_read(s, key, &read) || !issue_first(s, key, &r->first_of_paper))
		return false;
	r->n_unread = r->n_articles > read ? r->n_articles - read : 0;
	return true;
}

bool kb_store_issue(struct kb_store *s, const char *key, struct kb_issue_row *out)
{
	memset(out, 0, sizeof(*out));
	return issue_stats(s, key, out);
}

bool kb_store_issue_editions(struct kb_store *s, const char *key, struct kb_edition_row **out,
			     size_t *n)
{
	*out = NULL;
	*n = 0;
	/* the issue's range of the tree's key: its editions in page order */
	sqlite3_stmt *st = kb_store_prepare(s, KB_EDITION_COLUMNS("e.rkey")
		" WHERE e.rkey > ?1 || char(31) AND e.rkey < ?1 || char(32) ORDER BY e.rkey, e.id");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	return kb_store_edition_rows(s, st, out, n);
}

bool kb_store_issue_count(struct kb_store *s, const char *before, size_t *total, size_t *pos)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		/* DISTINCT in a subquery: the index walked in order (count(DISTINCT)
		 * sorts the whole table) */
		"SELECT (SELECT count(*) FROM (SELECT DISTINCT issue FROM edition)),"
		" (SELECT count(*) FROM (SELECT DISTINCT issue FROM edition"
		"  WHERE ?1 IS NOT NULL AND issue < ?1))");
	if (!st)
		return false;
	kb_bind_text(st, 1, before);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok) {
		*total = (size_t)sqlite3_column_int64(st, 0);
		if (pos)
			*pos = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return ok || kb_store_fail(s, "%s: cannot count the issues", s->path);
}

bool kb_store_paper_stats(struct kb_store *s, const char *key, struct kb_paper_row *out)
{
	memset(out, 0, sizeof(*out));
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT (SELECT paper FROM edition WHERE issue >= ?1 AND issue < ?2 LIMIT 1),"
		" (SELECT count(*) FROM (SELECT DISTINCT issue FROM edition"
		"  WHERE issue >= ?1 AND issue < ?2)),"
		" (SELECT total(articles) FROM edition WHERE issue >= ?1 AND issue < ?2),"
		/* what has been read is far less than what there is: count it */
		" (SELECT count(*) FROM read r JOIN article a ON a.id = r.article"
		"   JOIN edition e ON e.id = a.edition WHERE e.issue >= ?1 AND e.issue < ?2)");
	if (!st)
		return false;
	char *lo = paper_bound(key, ""), *hi = paper_bound(key, "3");
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok) {
		out->paper = kb_column_dup(st, 0);
		out->n_issues = (size_t)sqlite3_column_int64(st, 1);
		out->n_articles = (size_t)sqlite3_column_int64(st, 2);
		size_t read = (size_t)sqlite3_column_int64(st, 3);
		out->n_unread = out->n_articles > read ? out->n_articles - read : 0;
		out->key = lo;
		lo = NULL;
	}
	sqlite3_finalize(st);
	free(lo);
	free(hi);
	return ok || kb_store_fail(s, "%s: cannot count the paper's issues", s->path);
}

void kb_paper_row_clear(struct kb_paper_row *r)
{
	free(r->paper);
	free(r->key);
	memset(r, 0, sizeof(*r));
}

/* The first (last) issue's key in *key, NULL in an empty library. */
static bool end_issue(struct kb_store *s, bool last, char **key)
{
	*key = NULL;
	sqlite3_stmt *st = kb_store_cached(s, last ? "SELECT max(issue) FROM edition"
						   : "SELECT min(issue) FROM edition");
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*key = kb_column_dup(st, 0);
	kb_store_done(st);
	return rc == SQLITE_ROW || kb_store_fail(s, "%s: cannot read the issues", s->path);
}

bool kb_store_many_papers(struct kb_store *s, bool *many)
{
	*many = false;
	char *first = NULL, *last = NULL;
	bool ok = end_issue(s, false, &first) && end_issue(s, true, &last);
	if (ok && first && last)
		*many = !kb_tree_same_paper(first, last);
	free(first);
	free(last);
	return ok;
}
