/* SPDX-License-Identifier: MIT */
/*
 * Where an article stands in the tree's order (paper, issue newest first,
 * page, name, then its place on the page), and the unread articles around it: for the
 * reader's next/previous unread key and for where it opens.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

#define KB_STR_(x) #x
#define KB_STR(x) KB_STR_(x)

bool kb_store_article_place(struct kb_store *s, const char *id, int64_t *edition, char **key,
			    size_t *ord)
{
	*key = NULL;
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT e.id, e.rkey, a.ord FROM article a JOIN edition e ON e.id = a.edition"
		" WHERE a.id = ?1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		*edition = sqlite3_column_int64(st, 0);
		*key = kb_column_dup(st, 1);
		*ord = (size_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return found;
}

/* The unread articles in reading order after (dir > 0) or before the
 * place (key, edition, ord): the editions' index from the place on, each
 * edition's articles by position. */
#define UNREAD_ROWS                                                                   \
	"SELECT a.id FROM edition e CROSS JOIN article a ON a.edition = e.id"          \
	" WHERE NOT EXISTS (SELECT 1 FROM read r WHERE r.article = a.id)"

bool kb_store_next_unread(struct kb_store *s, const char *id, int dir, char **next)
{
	*next = NULL;
	int64_t ed = 0;
	char *key = NULL;
	size_t ord = 0;
	bool from = id && kb_store_article_place(s, id, &ed, &key, &ord);
	const char *sql =
		!from ? (dir > 0 ? UNREAD_ROWS " ORDER BY e.rkey, e.id, a.ord LIMIT 1"
				 : UNREAD_ROWS " ORDER BY e.rkey DESC, e.id DESC, a.ord DESC LIMIT 1")
		: dir > 0
			? UNREAD_ROWS " AND (e.rkey, e.id) >= (?1, ?2)"
				      " AND ((e.rkey, e.id) > (?1, ?2) OR a.ord > ?3)"
				      " ORDER BY e.rkey, e.id, a.ord LIMIT 1"
			: UNREAD_ROWS " AND (e.rkey, e.id) <= (?1, ?2)"
				      " AND ((e.rkey, e.id) < (?1, ?2) OR a.ord < ?3)"
				      " ORDER BY e.rkey DESC, e.id DESC, a.ord DESC LIMIT 1";
	sqlite3_stmt *st = kb_store_prepare(s, sql);
	bool ok = st != NULL;
	if (st) {
		if (from) {
			sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
			sqlite3_bind_int64(st, 2, ed);
			sqlite3_bind_int64(st, 3, (sqlite3_int64)ord);
		}
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			*next = kb_column_dup(st, 0);
		else if (rc != SQLITE_DONE)
			ok = kb_store_fail(s, "%s: cannot read the library", s->path);
		sqlite3_finalize(st);
	}
	free(key);
	return ok;
}

bool kb_store_newest_unread(struct kb_store *s, char **id)
{
	*id = NULL;
	/* the newest day's articles (articles are numbered by their day: the
	 * last number is the newest day's, a step down the rowid b-tree, and
	 * that day's numbers one range of it), in reading order, the first
	 * unread; when all are read, the first of them */
	sqlite3_stmt *st = kb_store_prepare(s,
		"WITH d(lo) AS (SELECT (max(n) >> " KB_STR(KB_DAY_SHIFT) ") << " KB_STR(KB_DAY_SHIFT)
		" FROM article)"
		" SELECT a.id FROM d, article a JOIN edition e ON e.id = a.edition"
		" WHERE a.n >= d.lo AND a.n < d.lo + (1 << " KB_STR(KB_DAY_SHIFT) ")"
		" ORDER BY EXISTS (SELECT 1 FROM read r WHERE r.article = a.id), e.rkey, e.id,"
		" a.ord LIMIT 1");
	if (!st)
		return false;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = kb_column_dup(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ||
	       kb_store_fail(s, "%s: cannot read the library", s->path);
}
