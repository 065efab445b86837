/* SPDX-License-Identifier: MIT */
/*
 * Tags across the library, and changes of many articles at once: renaming,
 * merging and deleting a tag everywhere, tagging or marking read a whole
 * selection, and undoing any of these. Each is one BEGIN IMMEDIATE
 * transaction (synchronous=FULL, as every annotation write): a rename that
 * the reader said was done is done on every article, or on none after a
 * crash. Each records what it changed, article by article, with the time
 * of every tag or read mark it took away, so that kb_store_undo puts back
 * exactly what was there, and no more. Tags are not in the search index
 * (a tag: term reads the tag table), so nothing else needs to follow.
 */
#include "store_int.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kb_change_finish(struct kb_change *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].id);
		free(c->v[i].at);
	}
	free(c->v);
	free(c->tag);
	free(c->new_tag);
	memset(c, 0, sizeof(*c));
}

/* Append one changed article to c. */
static void add_item(struct kb_change *c, size_t *cap, const char *id, const char *at,
		     bool had_new)
{
	void *v = c->v;
	kb_xgrow(&v, cap, c->n + 1, sizeof(*c->v));
	c->v = v;
	c->v[c->n].id = kb_xstrdup(id);
	c->v[c->n].at = at ? kb_xstrdup(at) : NULL;
	c->v[c->n].had_new = had_new;
	c->n++;
}

/* Bind text to parameter i of st if st has it (the statements of one loop
 * take different subsets of the same parameters). */
static void bind_opt(sqlite3_stmt *st, int i, const char *v)
{
	if (i <= sqlite3_bind_parameter_count(st))
		kb_bind_text(st, i, v);
}

/* Step a write statement to its end; false (message recorded) on failure. */
static bool finish_write(struct kb_store *s, sqlite3_stmt *st)
{
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	return rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot save", s->path);
}

/* Remember the headline of every article c changed, as kb_store_remember
 * does, with one statement prepared once; a row already right is not
 * written again. */
static bool remember_all(struct kb_store *s, const struct kb_change *c)
{
	if (!c->n)
		return true;
	sqlite3_stmt *st = kb_store_prepare(s,
		"INSERT INTO seen(article, title, edition)"
		" SELECT a.id, a.title, e.name FROM article a JOIN edition e ON e.id = a.edition"
		" WHERE a.id = ?1 ON CONFLICT(article) DO UPDATE SET title = excluded.title,"
		" edition = excluded.edition WHERE title IS NOT excluded.title"
		" OR edition IS NOT excluded.edition");
	bool ok = st != NULL;
	for (size_t i = 0; ok && i < c->n; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, c->v[i].id, -1, SQLITE_STATIC);
		ok = finish_write(s, st);
	}
	sqlite3_finalize(st);
	return ok;
}

/* Does any article (in the library or detached) carry tag t? */
static bool tag_exists(struct kb_store *s, const char *t, bool *yes)
{
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT 1 FROM tag WHERE name=?1 LIMIT 1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, t, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	*yes = rc == SQLITE_ROW;
	return rc == SQLITE_ROW || rc == SQLITE_DONE ||
	       kb_store_fail(s, "%s: cannot read the tags", s->path);
}

/* The articles carrying tag a, by id, with when they were tagged and
 * whether they carry tag b too (b may be NULL), into c. */
static bool carriers(struct kb_store *s, const char *a, const char *b, struct kb_change *c)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT t.article, t.at, EXISTS(SELECT 1 FROM tag u WHERE u.article = t.article"
		"  AND u.name = ?2) FROM tag t WHERE t.name = ?1 ORDER BY t.article");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	kb_bind_text(st, 2, b);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		add_item(c, &cap, (const char *)sqlite3_column_text(st, 0),
			 (const char *)sqlite3_column_text(st, 1), sqlite3_column_int(st, 2) != 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot read the tags", s->path);
}

/* Run sql with the text parameters a and b (b may be unused). */
static bool run(struct kb_store *s, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = kb_store_prepare(s, sql);
	if (!st)
		return false;
	bind_opt(st, 1, a);
	bind_opt(st, 2, b);
	bool ok = finish_write(s, st);
	sqlite3_finalize(st);
	return ok;
}

/* End the transaction a change opened: commit when ok, else roll back
 * (keeping the message). Hands c to undo, or frees it. */
static bool end_change(struct kb_store *s, bool ok, struct kb_change *c, size_t *n,
		       struct kb_change *undo)
{
	ok = ok && kb_store_commit(s);
	if (!ok) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		kb_store_rollback(s);
		memcpy(s->err, keep, sizeof(keep));
	}
	if (n)
		*n = ok ? c->n : 0;
	if (ok && undo)
		*undo = *c;
	else
		kb_change_finish(c);
	return ok;
}

/* Rename (merge: into an existing tag) old to new_name everywhere. */
static bool rename_tag(struct kb_store *s, const char *old, const char *new_name, bool merge,
		       size_t *n, struct kb_change *undo)
{
	s->err[0] = '\0';
	if (n)
		*n = 0;
	if (undo)
		memset(undo, 0, sizeof(*undo));
	struct kb_change c = { .kind = KB_CHANGE_TAG_RENAME };
	c.tag = kb_store_clean_tag(s, old);
	c.new_tag = c.tag ? kb_store_clean_tag(s, new_name) : NULL;
	if (!c.tag || !c.new_tag) {
		kb_change_finish(&c);
		return false;
	}
	if (strcmp(c.tag, c.new_tag) == 0) {
		kb_store_fail(s, "%s: the old and the new name are the same", c.tag);
		kb_change_finish(&c);
		return false;
	}
	if (!kb_store_begin(s)) {
		kb_change_finish(&c);
		return false;
	}
	bool exists = true;
	bool ok = !merge || tag_exists(s, c.new_tag, &exists);
	if (ok && !exists)
		ok = kb_store_fail(s, "%s: no article carries this tag, so there is nothing to merge"
				   " into (see `kanbao tags`; rename makes a new tag)", c.new_tag);
	ok = ok && carriers(s, c.tag, c.new_tag, &c);
	if (ok && c.n == 0)
		ok = kb_store_fail(s, "%s: no article carries this tag (see `kanbao tags`)", c.tag);
	/* those without the new tag have theirs renamed (keeping when they
	 * were tagged); the old tag of those with both is dropped */
	ok = ok && run(s, "UPDATE OR IGNORE tag SET name=?2 WHERE name=?1", c.tag, c.new_tag) &&
	     run(s, "DELETE FROM tag WHERE name=?1", c.tag, NULL) && remember_all(s, &c);
	return end_change(s, ok, &c, n, undo);
}

bool kb_store_tag_rename(struct kb_store *s, const char *old, const char *new_name, size_t *n,
			 struct kb_change *undo)
{
	return rename_tag(s, old, new_name, false, n, undo);
}

bool kb_store_tag_merge(struct kb_store *s, const char *old, const char *new_name, size_t *n,
			struct kb_change *undo)
{
	return rename_tag(s, old, new_name, true, n, undo);
}

bool kb_store_tag_delete(struct kb_store *s, const char *tag, size_t *n, struct kb_change *undo)
{
	s->err[0] = '\0';
	if (n)
		*n = 0;
	if (undo)
		memset(undo, 0, sizeof(*undo));
	struct kb_change c = { .kind = KB_CHANGE_TAG_DELETE };
	c.tag = kb_store_clean_tag(s, tag);
	if (!c.tag)
		return false;
	if (!kb_store_begin(s)) {
		kb_change_finish(&c);
		return false;
	}
	bool ok = carriers(s, c.tag, NULL, &c);
	if (ok && c.n == 0)
		ok = kb_store_fail(s, "%s: no article carries this tag (see `kanbao tags`)", c.tag);
	ok = ok && run(s, "DELETE FROM tag WHERE name=?1", c.tag, NULL) && remember_all(s, &c);
	return end_change(s, ok, &c, n, undo);
}

/* The statements of a change of many articles, by what it does: [read
 * marks][on]. Each takes ?1 the article, ?2 the tag, ?3 the time. Taking a
 * mark away reads when it was made (had_sql), then deletes it: a DELETE
 * ... RETURNING builds a temporary table on every run, a third of the
 * time of the whole call. */
static const char *const many_sql[2][2] = {
	{ "DELETE FROM tag WHERE article=?1 AND name=?2",
	  "INSERT OR IGNORE INTO tag(article, name, at) VALUES(?1, ?2, ?3)" },
	{ "DELETE FROM read WHERE article=?1",
	  "INSERT OR IGNORE INTO read(article, at) VALUES(?1, ?3)" },
};
static const char *const had_sql[2] = {
	"SELECT at FROM tag WHERE article=?1 AND name=?2",
	"SELECT at FROM read WHERE article=?1",
};

/* Tag (read_marks: mark read) or undo so each of ids, in one transaction. */
static bool many(struct kb_store *s, const char *const *ids, size_t n, const char *tag,
		 bool read_marks, bool on, size_t *changed, struct kb_change *undo)
{
	s->err[0] = '\0';
	if (changed)
		*changed = 0;
	if (undo)
		memset(undo, 0, sizeof(*undo));
	struct kb_change c = { .kind = read_marks ? KB_CHANGE_READ_MANY : KB_CHANGE_TAG_MANY,
			       .on = on };
	if (!read_marks && !(c.tag = kb_store_clean_tag(s, tag)))
		return false;
	if (!kb_store_begin(s)) {
		kb_change_finish(&c);
		return false;
	}
	char now[40];
	snprintf(now, sizeof(now), "%s", kb_now());
	/* prepared once for the whole selection: 5,000 articles are 10,000
	 * steps of two statements, not 10,000 preparations */
	sqlite3_stmt *known = kb_store_prepare(s, "SELECT 1 FROM article WHERE id=?1");
	sqlite3_stmt *had = known && !on ? kb_store_prepare(s, had_sql[read_marks]) : NULL;
	sqlite3_stmt *put = known && (on || had) ? kb_store_prepare(s, many_sql[read_marks][on])
						 : NULL;
	bool ok = put != NULL;
	size_t cap = 0;
	for (size_t i = 0; ok && i < n; i++) {
		sqlite3_reset(known);
		sqlite3_bind_text(known, 1, ids[i], -1, SQLITE_STATIC);
		if (sqlite3_step(known) != SQLITE_ROW) {
			ok = kb_store_fail(s, "%s: no article with this id (see `kanbao list`);"
					   " nothing was changed", ids[i]);
			break;
		}
		if (had) { /* a mark to take away: keep its time, or skip the article */
			sqlite3_reset(had);
			sqlite3_bind_text(had, 1, ids[i], -1, SQLITE_STATIC);
			bind_opt(had, 2, c.tag);
			int rc = sqlite3_step(had);
			if (rc == SQLITE_DONE)
				continue;
			if (rc != SQLITE_ROW) {
				ok = kb_store_fail(s, "%s: cannot read the annotations", s->path);
				break;
			}
			add_item(&c, &cap, ids[i], (const char *)sqlite3_column_text(had, 0), false);
		}
		sqlite3_reset(put);
		sqlite3_bind_text(put, 1, ids[i], -1, SQLITE_STATIC);
		bind_opt(put, 2, c.tag);
		bind_opt(put, 3, now);
		ok = finish_write(s, put);
		if (ok && on && sqlite3_changes(s->db) > 0)
			add_item(&c, &cap, ids[i], NULL, false);
	}
	sqlite3_finalize(had);
	sqlite3_finalize(known);
	sqlite3_finalize(put);
	ok = ok && remember_all(s, &c);
	return end_change(s, ok, &c, changed, undo);
}

bool kb_store_tag_many(struct kb_store *s, const char *const *ids, size_t n, const char *tag,
		       bool on, size_t *changed, struct kb_change *undo)
{
	return many(s, ids, n, tag, false, on, changed, undo);
}

bool kb_store_read_many(struct kb_store *s, const char *const *ids, size_t n, bool read,
			size_t *changed, struct kb_change *undo)
{
	return many(s, ids, n, NULL, true, read, changed, undo);
}

/* The statement that undoes item it of c: ?1 the article, ?2 the tag,
 * ?3 the time it had, ?4 the new name of a rename. */
static const char *undo_sql(const struct kb_change *c, const struct kb_change_item *it)
{
	switch (c->kind) {
	case KB_CHANGE_TAG_RENAME:
		if (it->had_new)
			return "INSERT OR IGNORE INTO tag(article, name, at) VALUES(?1, ?2, ?3)";
		/* replace: an old tag given to it again since is the same tag */
		return "UPDATE OR REPLACE tag SET name=?2 WHERE article=?1 AND name=?4";
	case KB_CHANGE_TAG_DELETE:
		return "INSERT OR IGNORE INTO tag(article, name, at) VALUES(?1, ?2, ?3)";
	case KB_CHANGE_TAG_MANY:
		return c->on ? "DELETE FROM tag WHERE article=?1 AND name=?2"
			     : "INSERT OR IGNORE INTO tag(article, name, at) VALUES(?1, ?2, ?3)";
	case KB_CHANGE_READ_MANY:
		return c->on ? "DELETE FROM read WHERE article=?1"
			     : "INSERT OR IGNORE INTO read(article, at) VALUES(?1, ?3)";
	case KB_CHANGE_NONE:
		break;
	}
	return NULL;
}

bool kb_store_undo(struct kb_store *s, const struct kb_change *c, size_t *n)
{
	s->err[0] = '\0';
	if (n)
		*n = 0;
	if (!c || c->kind == KB_CHANGE_NONE || c->n == 0)
		return true;
	if (c->kind != KB_CHANGE_READ_MANY && !c->tag)
		return kb_store_fail(s, "an undo without its tag");
	if (c->kind == KB_CHANGE_TAG_RENAME && !c->new_tag)
		return kb_store_fail(s, "the undo of a rename without the new name");
	if (!kb_store_begin(s))
		return false;
	char now[40];
	snprintf(now, sizeof(now), "%s", kb_now());
	/* at most two statements in one undo (a rename's two kinds of article),
	 * each prepared once */
	const char *sql[2] = { NULL, NULL };
	sqlite3_stmt *st[2] = { NULL, NULL };
	bool ok = true;
	size_t done = 0;
	for (size_t i = 0; ok && i < c->n; i++) {
		const struct kb_change_item *it = &c->v[i];
		const char *want = undo_sql(c, it);
		if (!want) {
			ok = kb_store_fail(s, "an undo of an unknown kind of change (%d)", (int)c->kind);
			break;
		}
		size_t k = sql[0] == NULL || sql[0] == want ? 0 : 1;
		if (!st[k]) {
			sql[k] = want;
			st[k] = kb_store_prepare(s, want);
			if (!st[k]) {
				ok = false;
				break;
			}
		}
		sqlite3_reset(st[k]);
		bind_opt(st[k], 1, it->id);
		bind_opt(st[k], 2, c->tag);
		bind_opt(st[k], 3, it->at ? it->at : now);
		bind_opt(st[k], 4, c->new_tag);
		ok = finish_write(s, st[k]);
		done += (size_t)sqlite3_changes(s->db);
	}
	sqlite3_finalize(st[0]);
	sqlite3_finalize(st[1]);
	ok = ok && remember_all(s, c);
	ok = ok && kb_store_commit(s);
	if (!ok) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		kb_store_rollback(s);
		memcpy(s->err, keep, sizeof(keep));
	} else if (n) {
		*n = done;
	}
	return ok;
}

bool kb_store_tags_most_used(struct kb_store *s, size_t max, struct kb_tag_count **out,
			     size_t *n)
{
	*out = NULL;
	*n = 0;
	if (max == 0)
		return true;
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT name, count(*) AS uses FROM tag GROUP BY name ORDER BY uses DESC, name"
		" LIMIT ?1");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, max > INT64_MAX ? INT64_MAX : (sqlite3_int64)max);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *v = *out;
		kb_xgrow(&v, &cap, *n + 1, sizeof(**out));
		*out = v;
		(*out)[*n].name = kb_column_dup(st, 0);
		(*out)[*n].count = (size_t)sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot read the tags", s->path);
}
