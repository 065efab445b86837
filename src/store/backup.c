/* SPDX-License-Identifier: MIT */
/*
 * The lossless backup of the annotations (issue 5): every tag, note,
 * highlight and read mark as one JSON document keyed by the stable article
 * ids, and its restore into another library. The JSON is written and read
 * by SQLite's own JSON functions (json_object, json_group_array, json_each,
 * json_extract), never by hand. A restore validates the whole document
 * before it writes anything, then merges it in one transaction: what is
 * already there is left as it is, so restoring twice changes nothing.
 * Annotations of articles not in this library are kept on their ids,
 * detached, with the headline the backup gives; they attach by themselves
 * when the edition is imported, since annotations are keyed by id.
 */
#include "store_int.h"

#include "kanbao/sanitize.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BACKUP_FORMAT "kanbao-annotations"
#define BACKUP_VERSION 1

/* One JSON object per annotated article (attached or not), ordered by id;
 * its tags by name, its highlights by position (their row ids differ
 * between libraries, so they are not part of the backup), each with its
 * colour when it is not yellow. */
static const char backup_sql[] =
	"WITH ids(id) AS (SELECT article FROM tag UNION SELECT article FROM note"
	"  UNION SELECT article FROM highlight UNION SELECT article FROM read)"
	" SELECT json_object("
	"  'id', ids.id,"
	"  'title', coalesce(a.title, sn.title),"
	"  'edition', coalesce(e.name, sn.edition),"
	"  'tags', json((SELECT json_group_array(name) FROM"
	"    (SELECT name FROM tag WHERE article=ids.id ORDER BY name))),"
	"  'note', (SELECT text FROM note WHERE article=ids.id),"
	"  'read', json(CASE WHEN EXISTS(SELECT 1 FROM read WHERE article=ids.id)"
	"    THEN 'true' ELSE 'false' END),"
	"  'highlights', json((SELECT json_group_array(json(h)) FROM"
	"    (SELECT json_patch(json_object('quote', quote, 'prefix', prefix, 'suffix', suffix,"
	"      'start', start, 'end', \"end\", 'note', note,"
	"      'detached', json(CASE WHEN detached OR a.id IS NULL THEN 'true' ELSE 'false' END)),"
	/* a colour only when not yellow (a merge patch drops a null), so a
	 * backup without colours reads as before */
	"      json_object('color', color)) AS h"
	"     FROM highlight WHERE article=ids.id"
	"     ORDER BY start, \"end\", quote, prefix, suffix, note, id))))"
	" FROM ids LEFT JOIN article a ON a.id=ids.id"
	"  LEFT JOIN edition e ON e.id=a.edition"
	"  LEFT JOIN seen sn ON sn.article=ids.id"
	" ORDER BY ids.id";

char *kb_store_backup_json(struct kb_store *s)
{
	s->err[0] = '\0';
	if (!kb_store_batch_flush(s))
		return NULL;
	sqlite3_stmt *st = kb_store_prepare(s, backup_sql);
	if (!st)
		return NULL;
	/* the articles, joined as a JSON array; each element is SQLite's */
	struct kb_buf arr;
	kb_buf_init(&arr);
	kb_buf_putc(&arr, '[');
	int rc;
	size_t n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *obj = (const char *)sqlite3_column_text(st, 0);
		if (!obj)
			continue;
		if (n++)
			kb_buf_putc(&arr, ',');
		kb_buf_puts(&arr, obj);
	}
	sqlite3_finalize(st);
	kb_buf_putc(&arr, ']');
	char *list = kb_buf_steal(&arr);
	if (rc != SQLITE_DONE) {
		kb_store_fail(s, "%s: cannot read the annotations", s->path);
		free(list);
		return NULL;
	}
	st = kb_store_prepare(s,
		"SELECT json_object('format', ?1, 'version', ?2, 'exported', ?3, 'articles', json(?4))");
	char *out = NULL;
	if (st) {
		sqlite3_bind_text(st, 1, BACKUP_FORMAT, -1, SQLITE_STATIC);
		sqlite3_bind_int(st, 2, BACKUP_VERSION);
		sqlite3_bind_text(st, 3, kb_now(), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, list, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			out = kb_column_dup(st, 0);
		if (!out)
			kb_store_fail(s, "%s: cannot write the backup", s->path);
		sqlite3_finalize(st);
	}
	free(list);
	return out;
}

/* ---- restore ---- */

/* A highlight as the backup gives it. */
struct r_hl {
	char *quote, *prefix, *suffix, *note;
	const char *color; /* one of kb_highlight_colors, NULL for yellow */
	int64_t start, end;
};

/* An article of the backup with its annotations. */
struct r_art {
	char *id, *title, *edition, *note;
	bool read;
	char **tags;
	size_t n_tags, cap_tags;
	struct r_hl *hl;
	size_t n_hl, cap_hl;
};

/* Free the parsed articles. */
static void free_arts(struct r_art *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(a[i].id);
		free(a[i].title);
		free(a[i].edition);
		free(a[i].note);
		for (size_t k = 0; k < a[i].n_tags; k++)
			free(a[i].tags[k]);
		free(a[i].tags);
		for (size_t k = 0; k < a[i].n_hl; k++) {
			free(a[i].hl[k].quote);
			free(a[i].hl[k].prefix);
			free(a[i].hl[k].suffix);
			free(a[i].hl[k].note);
		}
		free(a[i].hl);
	}
	free(a);
}

/* Is t the JSON type name of column i? (json_type gives NULL for absent.) */
static bool is_type(sqlite3_stmt *st, int i, const char *t)
{
	const char *got = (const char *)sqlite3_column_text(st, i);
	return got && strcmp(got, t) == 0;
}

/* Is column i absent or JSON null? */
static bool is_none(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL || is_type(st, i, "null");
}

/* A stable article id: 12 characters of Crockford's base32 (lower case). */
static bool valid_id(const char *id)
{
	static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
	if (!id || strlen(id) != 12)
		return false;
	for (const char *p = id; *p; p++)
		if (!strchr(alphabet, *p))
			return false;
	return true;
}

/* A tag as kb_store_tag takes it: non-empty, no control characters, no
 * surrounding blanks. */
static bool valid_tag(const char *t)
{
	size_t n = t ? strlen(t) : 0;
	if (n == 0 || t[0] == ' ' || t[0] == '\t' || t[n - 1] == ' ' || t[n - 1] == '\t')
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7F)
			return false;
	return true;
}

/* Read the tags of article object json (at position k) into a. */
/* A text column of a backup as valid UTF-8: a damaged backup may hold
 * bytes that are not (json_valid does not look inside strings) or a \u0000
 * escape that would cut a C string inside a character. Each bad byte and
 * each NUL becomes U+FFFD, as the loader does for editions: the text is
 * kept, never cut. Caller frees; NULL for SQL NULL. */
static char *clean_dup(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	size_t n = (size_t)sqlite3_column_bytes(st, i);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "");
	for (size_t k = 0; k < n;) {
		uint32_t c;
		size_t l = kb_utf8_next(t + k, n - k, &c);
		if (c == 0xFFFD || c == 0)
			kb_buf_puts(&b, "\xEF\xBF\xBD");
		else
			kb_buf_append(&b, t + k, l);
		k += l;
	}
	return kb_buf_steal(&b);
}

static bool parse_tags(struct kb_store *s, const char *json, size_t k, struct r_art *a)
{
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT type, value FROM json_each(?1, '$.tags')");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	bool ok = true;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 1);
		if (!is_type(st, 0, "text") || !valid_tag(t)) {
			ok = kb_store_fail(s, "backup: article %zu (%s): tag %zu is not a valid tag",
					   k + 1, a->id, a->n_tags + 1);
			break;
		}
		void *v = a->tags;
		kb_xgrow(&v, &a->cap_tags, a->n_tags + 1, sizeof(*a->tags));
		a->tags = v;
		a->tags[a->n_tags++] = clean_dup(st, 1);
	}
	sqlite3_finalize(st);
	return ok;
}

/* Read one highlight object json (number h of article k) into a. */
static bool parse_highlight(struct kb_store *s, const char *json, size_t k, struct r_art *a)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT json_type(?1), json_type(?1, '$.quote'), json_extract(?1, '$.quote'),"
		" json_type(?1, '$.prefix'), json_extract(?1, '$.prefix'),"
		" json_type(?1, '$.suffix'), json_extract(?1, '$.suffix'),"
		" json_type(?1, '$.start'), json_extract(?1, '$.start'),"
		" json_type(?1, '$.end'), json_extract(?1, '$.end'),"
		" json_type(?1, '$.note'), json_extract(?1, '$.note'),"
		" json_type(?1, '$.color'), json_extract(?1, '$.color')");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	size_t h = a->n_hl + 1;
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	const char *why = NULL;
	if (!ok)
		why = "cannot be read";
	else if (!is_type(st, 0, "object"))
		why = "is not an object";
	else if (!is_type(st, 1, "text") || !sqlite3_column_bytes(st, 2))
		why = "has no quote";
	else if ((!is_none(st, 3) && !is_type(st, 3, "text")) ||
		 (!is_none(st, 5) && !is_type(st, 5, "text")))
		why = "has a prefix or suffix that is not text";
	else if (!is_type(st, 7, "integer") || !is_type(st, 9, "integer") ||
		 sqlite3_column_int64(st, 8) < 0 ||
		 sqlite3_column_int64(st, 10) < sqlite3_column_int64(st, 8))
		why = "has no valid start and end";
	else if (!is_none(st, 11) && !is_type(st, 11, "text"))
		why = "has a note that is not text";
	/* a backup older than colours has none: yellow */
	int color = 0;
	if (!why && !is_none(st, 13)) {
		const char *c = is_type(st, 13, "text") ? (const char *)sqlite3_column_text(st, 14) : "";
		while (color < KB_HL_COLORS && strcmp(c, kb_highlight_colors[color]) != 0)
			color++;
		if (color == KB_HL_COLORS)
			why = "has a colour other than yellow, red, green, blue or purple";
	}
	if (why) {
		sqlite3_finalize(st);
		return kb_store_fail(s, "backup: article %zu (%s): highlight %zu %s", k + 1, a->id, h,
				     why);
	}
	void *v = a->hl;
	kb_xgrow(&v, &a->cap_hl, a->n_hl + 1, sizeof(*a->hl));
	a->hl = v;
	struct r_hl *x = &a->hl[a->n_hl++];
	x->quote = clean_dup(st, 2);
	x->prefix = is_none(st, 3) ? kb_xstrdup("") : clean_dup(st, 4);
	x->suffix = is_none(st, 5) ? kb_xstrdup("") : clean_dup(st, 6);
	x->start = sqlite3_column_int64(st, 8);
	x->end = sqlite3_column_int64(st, 10);
	x->note = is_none(st, 11) || !sqlite3_column_bytes(st, 12) ? NULL : clean_dup(st, 12);
	x->color = color > 0 ? kb_highlight_colors[color] : NULL;
	sqlite3_finalize(st);
	return true;
}

/* Read the highlights of article object json (at position k) into a. */
static bool parse_highlights(struct kb_store *s, const char *json, size_t k, struct r_art *a)
{
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT value FROM json_each(?1, '$.highlights')");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	bool ok = true;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		const char *h = (const char *)sqlite3_column_text(st, 0);
		ok = parse_highlight(s, h ? h : "null", k, a);
	}
	sqlite3_finalize(st);
	return ok;
}

/* Read article object json (number k of the backup) into a. */
static bool parse_article(struct kb_store *s, const char *json, size_t k, struct r_art *a)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT json_type(?1), json_type(?1, '$.id'), json_extract(?1, '$.id'),"
		" json_type(?1, '$.title'), json_extract(?1, '$.title'),"
		" json_type(?1, '$.edition'), json_extract(?1, '$.edition'),"
		" json_type(?1, '$.note'), json_extract(?1, '$.note'),"
		" json_type(?1, '$.read'), json_type(?1, '$.tags'), json_type(?1, '$.highlights')");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	const char *why = NULL;
	if (sqlite3_step(st) != SQLITE_ROW)
		why = "cannot be read";
	else if (!is_type(st, 0, "object"))
		why = "is not an object";
	else if (!is_type(st, 1, "text") || !valid_id((const char *)sqlite3_column_text(st, 2)))
		why = "has no valid article id";
	else if ((!is_none(st, 3) && !is_type(st, 3, "text")) ||
		 (!is_none(st, 5) && !is_type(st, 5, "text")))
		why = "has a title or edition that is not text";
	else if (!is_none(st, 7) && !is_type(st, 7, "text"))
		why = "has a note that is not text";
	else if (!is_none(st, 9) && !is_type(st, 9, "true") && !is_type(st, 9, "false"))
		why = "has a read state that is not true or false";
	else if ((!is_none(st, 10) && !is_type(st, 10, "array")) ||
		 (!is_none(st, 11) && !is_type(st, 11, "array")))
		why = "has tags or highlights that are not lists";
	if (why) {
		sqlite3_finalize(st);
		return kb_store_fail(s, "backup: article %zu %s", k + 1, why);
	}
	a->id = clean_dup(st, 2);
	a->title = is_none(st, 3) ? NULL : clean_dup(st, 4);
	a->edition = is_none(st, 5) ? NULL : clean_dup(st, 6);
	a->note = is_none(st, 7) || !sqlite3_column_bytes(st, 8) ? NULL : clean_dup(st, 8);
	a->read = is_type(st, 9, "true");
	sqlite3_finalize(st);
	return parse_tags(s, json, k, a) && parse_highlights(s, json, k, a);
}

/* Validate the whole document and read its articles; false (error set)
 * when it is not a kanbao backup this program can restore. */
static bool parse_backup(struct kb_store *s, const char *json, struct r_art **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!json)
		return kb_store_fail(s, "not a kanbao annotation backup: no document");
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT json_valid(?1)");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	bool valid = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!valid)
		return kb_store_fail(s, "not a kanbao annotation backup: not valid JSON");
	st = kb_store_prepare(s,
		"SELECT json_type(?1), json_type(?1, '$.format'), json_extract(?1, '$.format'),"
		" json_type(?1, '$.version'), json_extract(?1, '$.version'), json_type(?1, '$.articles')");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (!ok || !is_type(st, 0, "object") || !is_type(st, 1, "text") ||
	    strcmp((const char *)sqlite3_column_text(st, 2), BACKUP_FORMAT) != 0)
		ok = kb_store_fail(s, "not a kanbao annotation backup (no \"format\": \"%s\")",
				   BACKUP_FORMAT);
	else if (!is_type(st, 3, "integer") || sqlite3_column_int64(st, 4) < 1)
		ok = kb_store_fail(s, "a kanbao annotation backup without a valid version");
	else if (sqlite3_column_int64(st, 4) > BACKUP_VERSION)
		ok = kb_store_fail(s, "backup version %lld is newer than this kanbao knows (%d):"
				   " upgrade kanbao to restore it",
				   (long long)sqlite3_column_int64(st, 4), BACKUP_VERSION);
	else if (!is_type(st, 5, "array"))
		ok = kb_store_fail(s, "a kanbao annotation backup without its list of articles");
	sqlite3_finalize(st);
	if (!ok)
		return false;
	st = kb_store_prepare(s, "SELECT value FROM json_each(?1, '$.articles')");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	size_t cap = 0;
	while (ok && sqlite3_step(st) == SQLITE_ROW) {
		void *v = *out;
		kb_xgrow(&v, &cap, *n + 1, sizeof(**out));
		*out = v;
		struct r_art *a = &(*out)[(*n)++];
		memset(a, 0, sizeof(*a));
		const char *obj = (const char *)sqlite3_column_text(st, 0);
		ok = parse_article(s, obj ? obj : "null", *n - 1, a);
	}
	sqlite3_finalize(st);
	if (!ok) {
		free_arts(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return ok;
}

/* The statements of a restore, prepared once. */
struct restorer {
	struct kb_store *s;
	struct kb_restore_stats *st;
	const char *now;
	sqlite3_stmt *body, *seen, *tag, *note_get, *note_put, *read, *hl_same, *hl_put;
};

/* Count one annotation: written (on an article here or not) or not. */
static void count(struct restorer *r, bool written, bool here)
{
	if (!written) {
		r->st->unchanged++;
		return;
	}
	r->st->added++;
	if (!here)
		r->st->detached++;
}

/* Step a writing statement once; false (error set) unless it finished. */
static bool done(struct restorer *r, sqlite3_stmt *st, const char *id)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ||
	       kb_store_fail(r->s, "%s: cannot restore the annotations of %s", r->s->path, id);
}

/* The article's note merged with the backup's: set when it has none,
 * appended after a blank line when it differs and does not hold it yet. */
static bool restore_note(struct restorer *r, const struct r_art *a, bool here)
{
	sqlite3_reset(r->note_get);
	sqlite3_bind_text(r->note_get, 1, a->id, -1, SQLITE_STATIC);
	char *old = sqlite3_step(r->note_get) == SQLITE_ROW ? kb_column_dup(r->note_get, 0) : NULL;
	sqlite3_reset(r->note_get);
	if (old && strstr(old, a->note)) {
		free(old);
		count(r, false, here);
		return true;
	}
	struct kb_buf b;
	kb_buf_init(&b);
	if (old)
		kb_buf_printf(&b, "%s\n\n", old);
	kb_buf_puts(&b, a->note);
	char *text = kb_buf_steal(&b);
	sqlite3_bind_text(r->note_put, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->note_put, 2, text, -1, SQLITE_STATIC);
	sqlite3_bind_text(r->note_put, 3, r->now, -1, SQLITE_STATIC);
	bool ok = done(r, r->note_put, a->id);
	if (ok)
		count(r, true, here);
	free(text);
	free(old);
	return ok;
}

/* A highlight unless the article has the same one (same quote at the same
 * start, or same quote in the same context). */
/* Are two highlights of a backup the same one, as the library tells them
 * apart: the same quote and note, at the same place or in the same context?
 * A note that differs is another annotation, never dropped as a copy. */
static bool same_highlight(const struct r_hl *x, const struct r_hl *y)
{
	return strcmp(x->quote, y->quote) == 0 &&
	       strcmp(x->note ? x->note : "", y->note ? y->note : "") == 0 &&
	       (x->start == y->start ||
		(strcmp(x->prefix, y->prefix) == 0 && strcmp(x->suffix, y->suffix) == 0));
}

/* Restore highlight k of article a. The library may hold the same passage
 * highlighted twice (two notes on it): the highlight is there already when
 * the library has more such highlights than came before it in the backup,
 * so a restore brings every copy and restoring twice adds none. */
static bool restore_highlight(struct restorer *r, const struct r_art *a, size_t k, bool here)
{
	const struct r_hl *h = &a->hl[k];
	int64_t before = 0;
	for (size_t i = 0; i < k; i++)
		before += same_highlight(&a->hl[i], h);
	sqlite3_stmt *q = r->hl_same;
	sqlite3_reset(q);
	sqlite3_bind_text(q, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, h->quote, -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 3, h->start);
	sqlite3_bind_text(q, 4, h->prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, h->suffix, -1, SQLITE_STATIC);
	kb_bind_text(q, 6, h->note);
	bool same = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int64(q, 0) > before;
	sqlite3_reset(q);
	if (same) {
		count(r, false, here);
		return true;
	}
	sqlite3_stmt *w = r->hl_put;
	sqlite3_bind_text(w, 1, a->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(w, 2, h->quote, -1, SQLITE_STATIC);
	sqlite3_bind_text(w, 3, h->prefix, -1, SQLITE_STATIC);
	sqlite3_bind_text(w, 4, h->suffix, -1, SQLITE_STATIC);
	sqlite3_bind_int64(w, 5, h->start);
	sqlite3_bind_int64(w, 6, h->end);
	kb_bind_text(w, 7, h->note);
	sqlite3_bind_text(w, 8, r->now, -1, SQLITE_STATIC);
	kb_bind_text(w, 9, h->color);
	if (!done(r, w, a->id))
		return false;
	count(r, true, here);
	return true;
}

/* Merge the annotations of one article of the backup. */
static bool restore_article(struct restorer *r, const struct r_art *a)
{
	struct kb_store *s = r->s;
	sqlite3_reset(r->body);
	sqlite3_bind_text(r->body, 1, a->id, -1, SQLITE_STATIC);
	char *body = sqlite3_step(r->body) == SQLITE_ROW ? kb_column_dup(r->body, 0) : NULL;
	sqlite3_reset(r->body);
	bool here = body != NULL, ok = true;
	if (!here && a->title) {
		/* not in this library: keep its headline for the detached list */
		sqlite3_bind_text(r->seen, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->seen, 2, a->title, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->seen, 3, a->edition ? a->edition : "", -1, SQLITE_STATIC);
		ok = done(r, r->seen, a->id);
	}
	for (size_t i = 0; ok && i < a->n_tags; i++) {
		sqlite3_bind_text(r->tag, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->tag, 2, a->tags[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(r->tag, 3, r->now, -1, SQLITE_STATIC);
		ok = done(r, r->tag, a->id);
		if (ok)
			count(r, sqlite3_changes(s->db) > 0, here);
	}
	if (ok && a->note)
		ok = restore_note(r, a, here);
	if (ok && a->read) {
		sqlite3_bind_text(r->read, 1, a->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(r->read, 2, r->now, -1, SQLITE_STATIC);
		ok = done(r, r->read, a->id);
		if (ok)
			count(r, sqlite3_changes(s->db) > 0, here);
	}
	for (size_t i = 0; ok && i < a->n_hl; i++)
		ok = restore_highlight(r, a, i, here);
	/* in this library: anchor the highlights in its text, index the notes */
	if (ok && here)
		ok = kb_store_reanchor(s, a->id, body, &r->st->detached) &&
		     kb_store_refresh_annot(s, a->id) && kb_store_remember(s, a->id);
	free(body);
	return ok;
}

bool kb_store_restore_json(struct kb_store *s, const char *json, struct kb_restore_stats *st)
{
	struct kb_restore_stats dummy;
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof(*st));
	s->err[0] = '\0';
	struct r_art *arts;
	size_t n;
	if (!parse_backup(s, json, &arts, &n))
		return false;
	if (!kb_store_begin(s)) {
		free_arts(arts, n);
		return false;
	}
	char now[32];
	snprintf(now, sizeof(now), "%s", kb_now());
	struct restorer r = {
		.s = s,
		.st = st,
		.now = now,
		.body = kb_store_prepare(s, "SELECT body FROM article WHERE id=?1"),
		.seen = kb_store_prepare(s,
			"INSERT OR IGNORE INTO seen(article, title, edition) VALUES(?1, ?2, ?3)"),
		.tag = kb_store_prepare(s,
			"INSERT OR IGNORE INTO tag(article, name, at) VALUES(?1, ?2, ?3)"),
		.note_get = kb_store_prepare(s, "SELECT text FROM note WHERE article=?1"),
		.note_put = kb_store_prepare(s,
			"INSERT INTO note(article, text, at) VALUES(?1, ?2, ?3)"
			" ON CONFLICT(article) DO UPDATE SET text=excluded.text, at=excluded.at"),
		.read = kb_store_prepare(s,
			"INSERT OR IGNORE INTO read(article, at) VALUES(?1, ?2)"),
		.hl_same = kb_store_prepare(s,
			"SELECT count(*) FROM highlight WHERE article=?1 AND quote=?2"
			" AND coalesce(note, '') = coalesce(?6, '')"
			" AND (start=?3 OR (prefix=?4 AND suffix=?5))"),
		.hl_put = kb_store_prepare(s,
			"INSERT INTO highlight(article, quote, prefix, suffix, start, end, note, at,"
			" color) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
	};
	sqlite3_stmt *all[] = { r.body, r.seen, r.tag, r.note_get, r.note_put, r.read,
				r.hl_same, r.hl_put };
	size_t n_all = sizeof(all) / sizeof(all[0]);
	bool ok = true;
	for (size_t i = 0; i < n_all; i++)
		ok = ok && all[i];
	for (size_t i = 0; ok && i < n; i++)
		ok = restore_article(&r, &arts[i]);
	for (size_t i = 0; i < n_all; i++)
		sqlite3_finalize(all[i]);
	ok = ok && kb_store_commit(s);
	if (!ok) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		kb_store_rollback(s);
		memcpy(s->err, keep, sizeof(keep));
		memset(st, 0, sizeof(*st));
	}
	free_arts(arts, n);
	return ok;
}
