/* SPDX-License-Identifier: MIT */
/*
 * What the reader adds: tags, the article note, highlights, read state. Each
 * change is one BEGIN IMMEDIATE transaction on a connection with
 * synchronous=FULL, so a change the caller was told about survives a crash
 * or a power cut, and two processes writing at once wait for each other
 * instead of failing. The headline of every annotated article is
 * remembered, so a detached annotation can still say what it was made on.
 */
#include "store_int.h"

#include <stdlib.h>
#include <string.h>

/* Fail unless article id is in the library. */
static bool need_article(struct kb_store *s, const char *id)
{
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT 1 FROM article WHERE id=?1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found || kb_store_fail(s, "%s: no article with this id (see `kanbao list`)", id);
}

/* Run one statement with up to two text parameters; false on failure. */
static bool run2(struct kb_store *s, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = kb_store_prepare(s, sql);
	if (!st)
		return false;
	kb_bind_text(st, 1, a);
	kb_bind_text(st, 2, b);
	sqlite3_bind_text(st, 3, kb_now(), -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot save", s->path);
}

/* One durable change to the annotations of article id: begin, run the
 * statement, remember the headline, commit. */
static bool change(struct kb_store *s, const char *id, const char *sql, const char *arg,
		   bool refresh)
{
	s->err[0] = '\0';
	if (!kb_store_begin(s))
		return false;
	bool ok = need_article(s, id) && run2(s, sql, id, arg) && kb_store_remember(s, id) &&
		  (!refresh || kb_store_refresh_annot(s, id)) && kb_store_commit(s);
	if (!ok)
		kb_store_rollback(s);
	return ok;
}

char *kb_store_clean_tag(struct kb_store *s, const char *tag)
{
	while (*tag == ' ' || *tag == '\t')
		tag++;
	size_t n = strlen(tag);
	while (n && (tag[n - 1] == ' ' || tag[n - 1] == '\t'))
		n--;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)tag[i] < 0x20 || tag[i] == 0x7F) {
			kb_store_fail(s, "a tag cannot hold control characters");
			return NULL;
		}
	if (n == 0) {
		kb_store_fail(s, "an empty tag");
		return NULL;
	}
	return kb_xstrndup(tag, n);
}

bool kb_store_tag(struct kb_store *s, const char *id, const char *tag)
{
	char *t = kb_store_clean_tag(s, tag);
	bool ok = t && change(s, id, "INSERT OR IGNORE INTO tag(article, name, at) VALUES(?1, ?2, ?3)",
			      t, false);
	free(t);
	return ok;
}

/* Does article id carry tag t? */
static bool has_tag(struct kb_store *s, const char *id, const char *t)
{
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT 1 FROM tag WHERE article=?1 AND name=?2");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, t, -1, SQLITE_STATIC);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

bool kb_store_untag(struct kb_store *s, const char *id, const char *tag)
{
	char *t = kb_store_clean_tag(s, tag);
	bool ok = t != NULL;
	if (ok && !has_tag(s, id, t))
		ok = need_article(s, id) && kb_store_fail(s, "%s: the article has no tag \"%s\"", id, t);
	ok = ok && change(s, id, "DELETE FROM tag WHERE article=?1 AND name=?2", t, false);
	free(t);
	return ok;
}

bool kb_store_set_note(struct kb_store *s, const char *id, const char *text)
{
	if (!text || !*text)
		return change(s, id, "DELETE FROM note WHERE article=?1 AND ?2 IS NULL", NULL, true);
	return change(s, id,
		      "INSERT INTO note(article, text, at) VALUES(?1, ?2, ?3)"
		      " ON CONFLICT(article) DO UPDATE SET text=excluded.text, at=excluded.at",
		      text, true);
}

bool kb_store_set_read(struct kb_store *s, const char *id, bool read)
{
	if (read)
		return change(s, id, "INSERT OR IGNORE INTO read(article, at) VALUES(?1, ?3)"
			      " -- ?2", NULL, false);
	return change(s, id, "DELETE FROM read WHERE article=?1 AND ?2 IS NULL", NULL, false);
}

/* s[0..n) cut to at most max characters from its end (from_end) or start. */
static char *context(const char *text, size_t from, size_t to, size_t max, bool from_end)
{
	const char *b = text + from, *e = text + to;
	size_t count = 0;
	if (from_end) {
		const char *p = e;
		while (p > b && count < max) {
			p--;
			while (p > b && ((unsigned char)*p & 0xC0) == 0x80)
				p--;
			count++;
		}
		b = p;
	} else {
		const char *p = b;
		while (p < e && count < max) {
			p++;
			while (p < e && ((unsigned char)*p & 0xC0) == 0x80)
				p++;
			count++;
		}
		e = p;
	}
	return kb_xstrndup(b, (size_t)(e - b));
}

bool kb_store_add_highlight(struct kb_store *s, const char *id, size_t start, size_t end,
			    const char *note, int64_t *hid)
{
	s->err[0] = '\0';
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT body FROM article WHERE id=?1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return kb_store_fail(s, "%s: no article with this id (see `kanbao list`)", id);
	}
	char *text = kb_column_dup(st, 0);
	sqlite3_finalize(st);
	size_t len = strlen(text);
	if (start >= end || end > len || ((unsigned char)text[start] & 0xC0) == 0x80 ||
	    (end < len && ((unsigned char)text[end] & 0xC0) == 0x80)) {
		free(text);
		return kb_store_fail(s, "%s: the passage %zu..%zu is not in the article's text",
				     id, start, end);
	}
	char *quote = kb_xstrndup(text + start, end - start);
	char *prefix = context(text, 0, start, 30, true);
	char *suffix = context(text, end, len, 30, false);
	free(text);
	bool ok = kb_store_begin(s);
	st = ok ? kb_store_prepare(s,
		"INSERT INTO highlight(article, quote, prefix, suffix, start, end, note, at)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)") : NULL;
	if (st) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, quote, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, prefix, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, suffix, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 5, (sqlite3_int64)start);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)end);
		kb_bind_text(st, 7, note && *note ? note : NULL);
		sqlite3_bind_text(st, 8, kb_now(), -1, SQLITE_TRANSIENT);
		ok = sqlite3_step(st) == SQLITE_DONE || kb_store_fail(s, "%s: cannot save", s->path);
		sqlite3_finalize(st);
	} else {
		ok = false;
	}
	if (ok && hid)
		*hid = sqlite3_last_insert_rowid(s->db);
	ok = ok && kb_store_remember(s, id) && kb_store_refresh_annot(s, id) && kb_store_commit(s);
	if (!ok)
		kb_store_rollback(s);
	free(quote);
	free(prefix);
	free(suffix);
	return ok;
}

/* Change highlight hid with sql (?1 the highlight, ?2 text; RETURNING
 * its article) in one transaction; when reindex, its article's searched
 * annotations follow (a highlight's note is searched, its colour not). */
static bool highlight_change(struct kb_store *s, int64_t hid, const char *sql, const char *text,
			     bool reindex)
{
	if (!kb_store_begin(s))
		return false;
	sqlite3_stmt *st = kb_store_prepare(s, sql);
	char *id = NULL;
	if (st) {
		sqlite3_bind_int64(st, 1, hid);
		kb_bind_text(st, 2, text);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = kb_column_dup(st, 0);
		sqlite3_finalize(st);
	}
	bool ok = id ? (!reindex || kb_store_refresh_annot(s, id)) && kb_store_commit(s)
		     : kb_store_fail(s, "no highlight %lld", (long long)hid);
	if (!ok)
		kb_store_rollback(s);
	free(id);
	return ok;
}

bool kb_store_delete_highlight(struct kb_store *s, int64_t hid)
{
	s->err[0] = '\0';
	return highlight_change(s, hid, "DELETE FROM highlight WHERE id=?1 AND ?2 IS NULL RETURNING article",
				NULL, true);
}

bool kb_store_set_highlight_note(struct kb_store *s, int64_t hid, const char *note)
{
	s->err[0] = '\0';
	return highlight_change(s, hid,
				"UPDATE highlight SET note = nullif(?2, '') WHERE id=?1 RETURNING article",
				note, true);
}

const char *const kb_highlight_colors[KB_HL_COLORS] = {
	"yellow", "red", "green", "blue", "purple",
};

bool kb_store_set_highlight_color(struct kb_store *s, int64_t hid, const char *color)
{
	s->err[0] = '\0';
	int k = 0;
	if (color) {
		while (k < KB_HL_COLORS && strcmp(color, kb_highlight_colors[k]) != 0)
			k++;
		if (k == KB_HL_COLORS)
			return kb_store_fail(s,
					     "%s: no such highlight colour (yellow, red, green, blue or purple)",
					     color);
	}
	/* yellow is stored as none */
	return highlight_change(s, hid, "UPDATE highlight SET color=?2 WHERE id=?1 RETURNING article",
				k > 0 ? kb_highlight_colors[k] : NULL, false);
}

bool kb_store_refresh_annot(struct kb_store *s, const char *id)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT a.n, a.heads, a.body, a.annot,"
		" substr(coalesce((SELECT text FROM note WHERE article=a.id), '') || coalesce((SELECT"
		"  group_concat(note, char(10)) FROM highlight WHERE article=a.id AND note IS NOT NULL),"
		"  ''), 1, " KB_ANNOT_INDEXED ") FROM article a WHERE a.id=?1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return true; /* not in the library: nothing to index */
	}
	const char *now = (const char *)sqlite3_column_text(st, 3);
	const char *want = (const char *)sqlite3_column_text(st, 4);
	bool ok = true;
	if (strcmp(now ? now : "", want ? want : "") != 0 &&
	    kb_store_pending(s, sqlite3_column_int64(st, 0), false)) {
		/* not in the index yet: it is indexed from the row at commit */
		sqlite3_stmt *w = kb_store_prepare(s, "UPDATE article SET annot=?2 WHERE n=?1");
		ok = w != NULL;
		if (w) {
			sqlite3_bind_value(w, 1, sqlite3_column_value(st, 0));
			sqlite3_bind_value(w, 2, sqlite3_column_value(st, 4));
			ok = sqlite3_step(w) == SQLITE_DONE || kb_store_fail(s, "%s: cannot save", id);
			sqlite3_finalize(w);
		}
	} else if (strcmp(now ? now : "", want ? want : "") != 0) {
		static const char *const sql[] = {
			"INSERT INTO search(search, rowid, heads, body, annot) VALUES('delete', ?1, ?2, ?3, ?4)",
			"UPDATE article SET annot=?5 WHERE n=?1",
			"INSERT INTO search(rowid, heads, body, annot) VALUES(?1, ?2, ?3, ?5)",
		};
		for (size_t i = 0; ok && i < 3; i++) {
			sqlite3_stmt *w = kb_store_prepare(s, sql[i]);
			if (!w) {
				ok = false;
				break;
			}
			for (int c = 0; c < 5; c++)
				sqlite3_bind_value(w, c + 1, sqlite3_column_value(st, c));
			ok = sqlite3_step(w) == SQLITE_DONE ||
			     kb_store_fail(s, "%s: cannot index the notes", id);
			sqlite3_finalize(w);
		}
	}
	sqlite3_finalize(st);
	return ok;
}

bool kb_store_tags(struct kb_store *s, struct kb_tag_count **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT name, count(*) FROM tag GROUP BY name ORDER BY name");
	if (!st)
		return false;
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		void *v = *out;
		kb_xgrow(&v, &cap, *n + 1, sizeof(**out));
		*out = v;
		(*out)[*n].name = kb_column_dup(st, 0);
		(*out)[*n].count = (size_t)sqlite3_column_int64(st, 1);
		(*n)++;
	}
	sqlite3_finalize(st);
	return true;
}

void kb_tag_counts_free(struct kb_tag_count *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(t[i].name);
	free(t);
}

bool kb_store_detached(struct kb_store *s, struct kb_detached **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = kb_store_prepare(s,
		"WITH gone(article) AS (SELECT article FROM tag UNION SELECT article FROM note"
		"  UNION SELECT article FROM highlight UNION SELECT article FROM read"
		"  EXCEPT SELECT id FROM article)"
		" SELECT 'tag', t.article, t.name, 0 FROM tag t JOIN gone USING(article)"
		" UNION ALL SELECT 'note', n.article, n.text, 0 FROM note n JOIN gone USING(article)"
		" UNION ALL SELECT 'read', r.article, '', 0 FROM read r JOIN gone USING(article)"
		" UNION ALL SELECT 'highlight', h.article, h.quote, h.id FROM highlight h"
		"  WHERE h.detached OR h.article IN gone"
		" ORDER BY 2, 1");
	sqlite3_stmt *seen = kb_store_prepare(s, "SELECT title, edition FROM seen WHERE article=?1");
	if (!st || !seen) {
		sqlite3_finalize(st);
		sqlite3_finalize(seen);
		return false;
	}
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		void *v = *out;
		kb_xgrow(&v, &cap, *n + 1, sizeof(**out));
		*out = v;
		struct kb_detached *d = &(*out)[(*n)++];
		d->kind = kb_column_dup(st, 0);
		d->article_id = kb_column_dup(st, 1);
		d->text = kb_column_dup(st, 2);
		d->hid = sqlite3_column_int64(st, 3);
		sqlite3_reset(seen);
		sqlite3_bind_text(seen, 1, d->article_id, -1, SQLITE_TRANSIENT);
		bool known = sqlite3_step(seen) == SQLITE_ROW;
		d->title = known ? kb_column_dup(seen, 0) : NULL;
		d->edition = known ? kb_column_dup(seen, 1) : NULL;
	}
	sqlite3_finalize(st);
	sqlite3_finalize(seen);
	return true;
}

void kb_detached_free(struct kb_detached *d, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(d[i].kind);
		free(d[i].article_id);
		free(d[i].title);
		free(d[i].edition);
		free(d[i].text);
	}
	free(d);
}

bool kb_store_reattach(struct kb_store *s, const char *old_id, const char *new_id)
{
	s->err[0] = '\0';
	if (!kb_store_begin(s))
		return false;
	bool ok = need_article(s, new_id);
	sqlite3_stmt *st = ok ? kb_store_prepare(s, "SELECT body FROM article WHERE id=?1") : NULL;
	char *text = NULL;
	bool old_exists = false;
	if (st) {
		sqlite3_bind_text(st, 1, old_id, -1, SQLITE_STATIC);
		old_exists = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, new_id, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			text = kb_column_dup(st, 0);
		sqlite3_finalize(st);
	}
	size_t moved = 0, still = 0;
	if (ok && old_exists) {
		/* the article is there: only its detached highlights move */
		ok = run2(s, "UPDATE highlight SET article=?2, detached=0 WHERE article=?1 AND detached"
			  " -- ?3", old_id, new_id);
		moved = (size_t)sqlite3_changes(s->db);
	} else if (ok) {
		ok = kb_store_move_annotations(s, old_id, new_id, &moved) &&
		     run2(s, "UPDATE highlight SET detached=0 WHERE article=?2 AND ?1 IS NOT NULL"
			  " -- ?3", old_id, new_id);
	}
	ok = ok && (moved > 0 || kb_store_fail(s, "%s: no detached annotations to move", old_id));
	ok = ok && kb_store_reanchor(s, new_id, text ? text : "", &still) &&
	     kb_store_refresh_annot(s, new_id) && kb_store_refresh_annot(s, old_id) &&
	     kb_store_remember(s, new_id) && kb_store_commit(s);
	if (!ok)
		kb_store_rollback(s);
	free(text);
	return ok;
}
