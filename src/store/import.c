/* SPDX-License-Identifier: MIT */
/*
 * Importing an edition file: skip it when unchanged (same size and mtime, or
 * same content hash, and read by the current loader), otherwise parse it
 * and replace its articles in one transaction, carrying every annotation
 * over to the new articles: by stable id, then by headline, then by text
 * likeness; highlights re-anchored by quote and context. What cannot be
 * placed stays on its old id, detached, with its last known headline.
 */
#define _XOPEN_SOURCE 700 /* realpath */
#include "store_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/sha256.h"

#define SKETCH 128 /* hashes kept of a text's character pairs */

/* A bottom-k sketch of a text: the SKETCH smallest distinct hashes of its
 * character pairs, sorted. Two sketches estimate the overlap of the two
 * texts' pair sets in time independent of their length; making one is
 * O(n log n) in the text. (An exact Dice over sorted pair lists, built by
 * insertion sort, took 46 s on a 1.2 MB edition.) */
struct sketch {
	uint32_t v[SKETCH];
	size_t n;
	size_t pairs; /* distinct pairs in the whole text */
};

/* An article of the edition as it was before this import. */
struct old_art {
	int64_t n;
	char *id, *title, *body, *heads, *annot;
};

/* An article as it is being imported. */
struct new_art {
	char id[16];
	char *heads, *body, *kinds, *authors;
	const struct kb_article *a;
	bool claimed; /* an old article was matched to it */
	bool sketched;
	struct sketch sk; /* of its body, made when first compared */
};

/* Crockford's base32 of the first 60 bits of a digest: the article id. */
static void encode_id(const unsigned char d[32], char out[13])
{
	static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | d[i];
	for (int i = 0; i < 12; i++)
		out[i] = alphabet[(v >> (59 - 5 * i)) & 31];
	out[12] = '\0';
}

/* The stable id: from the edition file's name, the headline and the opening
 * of the text, so that it survives re-imports and other databases, and
 * changes neither when a later paragraph is corrected nor when an article
 * is inserted before it. dup tells apart identical openings. */
static void article_id(const char *name, const struct kb_article *a, const char *body,
		       int dup, char out[13])
{
	struct kb_sha256 c;
	unsigned char d[32];
	kb_sha256_init(&c);
	kb_sha256_update(&c, name, strlen(name) + 1);
	kb_sha256_update(&c, a->title, strlen(a->title) + 1);
	size_t n = strlen(body);
	if (n > 120) {
		n = 120;
		while (n > 0 && ((unsigned char)body[n] & 0xC0) == 0x80)
			n--;
	}
	kb_sha256_update(&c, body, n);
	if (dup)
		kb_sha256_update(&c, &dup, sizeof(dup));
	kb_sha256_final(&c, d);
	encode_id(d, out);
}

static void fill_new(struct new_art *na, const struct kb_article *a)
{
	struct kb_buf b;
	memset(na, 0, sizeof(*na));
	na->a = a;
	kb_buf_init(&b);
	if (a->kicker)
		kb_buf_printf(&b, "%s\n", a->kicker);
	kb_buf_puts(&b, a->title);
	if (a->subtitle)
		kb_buf_printf(&b, "\n%s", a->subtitle);
	na->heads = kb_buf_steal(&b);
	char *kinds = kb_xmalloc(a->n_blocks + 1);
	for (size_t i = 0; i < a->n_blocks; i++) {
		kb_buf_printf(&b, "%s%s", i ? "\n" : "", a->blocks[i].text);
		kinds[i] = a->blocks[i].type == KB_BLOCK_HEADING ? 'h' : 'p';
	}
	kinds[a->n_blocks] = '\0';
	na->kinds = kinds;
	na->body = kb_buf_steal(&b);
	for (size_t i = 0; i < a->n_authors; i++)
		kb_buf_printf(&b, "%s\t%s\n", a->authors[i].role, a->authors[i].name);
	na->authors = kb_buf_steal(&b);
}

/* ---- likeness of two texts, for matching a corrected article ---- */

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void sketch_of(const char *s, struct sketch *k)
{
	size_t len = strlen(s), n = 0;
	uint32_t *v = kb_xmalloc((len + 1) * sizeof(uint32_t));
	uint32_t prev = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		int l = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
		uint32_t c = 0;
		for (int i = 0; i < l && p[i]; i++)
			c = c << 8 | p[i];
		if (prev) {
			uint32_t h = (prev * 2654435761u) ^ (c * 2246822519u);
			h ^= h >> 15;
			v[n++] = h * 2654435761u;
		}
		prev = c;
		for (int i = 0; i < l && *p; i++)
			p++;
	}
	qsort(v, n, sizeof(uint32_t), cmp_u32);
	k->n = 0;
	k->pairs = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && v[i] == v[i - 1])
			continue;
		k->pairs++;
		if (k->n < SKETCH)
			k->v[k->n++] = v[i];
	}
	free(v);
}

/* Likeness of two texts, 0..1: the Dice coefficient of their pair sets,
 * from the Jaccard index estimated on the union's SKETCH smallest hashes
 * (exact when both texts have fewer distinct pairs). */
static double likeness(const struct sketch *a, const struct sketch *b)
{
	size_t i = 0, j = 0, taken = 0, both = 0;
	while (taken < SKETCH && (i < a->n || j < b->n)) {
		if (j >= b->n || (i < a->n && a->v[i] < b->v[j])) {
			i++;
		} else if (i >= a->n || b->v[j] < a->v[i]) {
			j++;
		} else {
			both++;
			i++;
			j++;
		}
		taken++;
	}
	if (!taken)
		return 0.0;
	double jac = (double)both / (double)taken;
	return 2.0 * jac / (1.0 + jac);
}

/* ---- annotations ---- */

/* Does the article id carry any annotation? */
static bool annotated(struct kb_store *s, const char *id)
{
	/* asked for every article of every import: prepared once */
	if (!s->st_annotated)
		s->st_annotated = kb_store_prepare(s,
			"SELECT EXISTS(SELECT 1 FROM tag WHERE article=?1)"
			" OR EXISTS(SELECT 1 FROM note WHERE article=?1)"
			" OR EXISTS(SELECT 1 FROM highlight WHERE article=?1)"
			" OR EXISTS(SELECT 1 FROM read WHERE article=?1)");
	sqlite3_stmt *st = s->st_annotated;
	if (!st)
		return false;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
	bool yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return yes;
}

/* Move the annotations of old_id to new_id; counts moved rows in *moved. */
bool kb_store_move_annotations(struct kb_store *s, const char *old_id, const char *new_id,
				size_t *moved)
{
	static const char *const sql[] = {
		"INSERT OR IGNORE INTO tag(article, name, at) SELECT ?2, name, at FROM tag WHERE article=?1",
		"DELETE FROM tag WHERE article=?1",
		/* a note already on the new article is kept, the old one appended */
		("INSERT INTO note(article, text, at) SELECT ?2, text, at FROM note WHERE article=?1"
		 " ON CONFLICT(article) DO UPDATE SET text = note.text || char(10) || char(10) || excluded.text"),
		"DELETE FROM note WHERE article=?1",
		"INSERT OR IGNORE INTO read(article, at) SELECT ?2, at FROM read WHERE article=?1",
		"DELETE FROM read WHERE article=?1",
		"UPDATE highlight SET article=?2 WHERE article=?1",
	};
	for (size_t i = 0; i < sizeof(sql) / sizeof(sql[0]); i++) {
		sqlite3_stmt *st = kb_store_prepare(s, sql[i]);
		if (!st)
			return false;
		sqlite3_bind_text(st, 1, old_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, new_id, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return kb_store_fail(s, "cannot move the annotations of %s", old_id);
		if (i % 2 == 0 || i == 6)
			*moved += (size_t)sqlite3_changes(s->db);
	}
	return true;
}

/* Where does quote stand in text now? The occurrence whose surroundings
 * best match prefix and suffix; -1 when the quote is gone. */
static long find_anchor(const char *text, const char *quote, const char *prefix,
			const char *suffix)
{
	size_t ql = strlen(quote), pl = strlen(prefix), sl = strlen(suffix);
	long best = -1;
	size_t best_score = 0, count = 0;
	if (ql == 0)
		return -1;
	for (const char *p = strstr(text, quote); p; p = strstr(p + 1, quote))
		count++;
	/* a short quote, or one found more than once, must agree with its
	 * context on two characters or more (6 bytes): any occurrence of
	 * "发展" is not the passage */
	size_t need = count == 1 && ql >= 12 ? 1 : 1 + 6;
	for (const char *p = strstr(text, quote); p; p = strstr(p + 1, quote)) {
		/* a quote that is not valid UTF-8 (from a damaged backup) may
		 * match inside a character: such a place is no anchor */
		if (((unsigned char)*p & 0xC0) == 0x80 || ((unsigned char)p[ql] & 0xC0) == 0x80)
			continue;
		size_t score = 1, k;
		for (k = 0; k < pl && (size_t)(p - text) > k && p[-1 - (long)k] == prefix[pl - 1 - k]; k++)
			;
		score += k;
		for (k = 0; k < sl && p[ql + k] && p[ql + k] == suffix[k]; k++)
			;
		score += k;
		if (score > best_score) {
			best_score = score;
			best = (long)(p - text);
		}
	}
	return best_score >= need ? best : -1;
}

/* Re-anchor the highlights of article id in its (new) text; a highlight
 * whose quote is gone is marked detached, never deleted. */
bool kb_store_reanchor(struct kb_store *s, const char *id, const char *text, size_t *detached)
{
	sqlite3_stmt *q = kb_store_prepare(s,
		"SELECT id, quote, prefix, suffix, start, end FROM highlight"
		" WHERE article=?1 AND detached=0");
	sqlite3_stmt *u = kb_store_prepare(s,
		"UPDATE highlight SET start=?2, end=?3, detached=?4 WHERE id=?1");
	if (!q || !u) {
		sqlite3_finalize(q);
		sqlite3_finalize(u);
		return false;
	}
	sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
	size_t tl = strlen(text);
	bool ok = true;
	while (ok && sqlite3_step(q) == SQLITE_ROW) {
		const char *quote = (const char *)sqlite3_column_text(q, 1);
		int64_t start = sqlite3_column_int64(q, 4), end = sqlite3_column_int64(q, 5);
		size_t ql = strlen(quote);
		if (ql >= 12 && start >= 0 && (size_t)end <= tl && (size_t)(end - start) == ql &&
		    memcmp(text + start, quote, ql) == 0 &&
		    ((unsigned char)text[start] & 0xC0) != 0x80 &&
		    ((unsigned char)text[end] & 0xC0) != 0x80)
			continue; /* still where it was (a short quote is checked by its context) */
		long at = find_anchor(text, quote, (const char *)sqlite3_column_text(q, 2),
				      (const char *)sqlite3_column_text(q, 3));
		sqlite3_reset(u);
		sqlite3_bind_int64(u, 1, sqlite3_column_int64(q, 0));
		sqlite3_bind_int64(u, 2, at < 0 ? start : at);
		sqlite3_bind_int64(u, 3, at < 0 ? end : at + (long)ql);
		sqlite3_bind_int(u, 4, at < 0);
		ok = sqlite3_step(u) == SQLITE_DONE ||
		     kb_store_fail(s, "cannot re-anchor a highlight of %s", id);
		if (at < 0)
			(*detached)++;
	}
	sqlite3_finalize(q);
	sqlite3_finalize(u);
	return ok;
}

/* ---- the import ---- */

/* Read the whole file; errno kept on failure. */
static enum kb_status slurp(const char *path, char **data, size_t *len, struct stat *sb)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return KB_IO;
	if (fstat(fd, sb) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return KB_IO;
	}
	if (!S_ISREG(sb->st_mode)) {
		close(fd);
		return KB_NOT_REGULAR;
	}
	if (sb->st_size > (off_t)512 * 1024 * 1024) {
		close(fd);
		return KB_TOO_LARGE;
	}
	size_t cap = (size_t)sb->st_size + 1, n = 0;
	char *buf = kb_xmalloc(cap);
	for (;;) {
		if (n == cap)
			buf = kb_xrealloc(buf, cap *= 2);
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return KB_IO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = n;
	return KB_OK;
}

/* The stored state of an edition source, if any. */
struct known_ed {
	int64_t id;
	int64_t size, mtime;
	int parser;
	char *hash;
	char *paper; /* as the library has it, or NULL */
};

static void known_finish(struct known_ed *k)
{
	free(k->hash);
	free(k->paper);
	k->hash = k->paper = NULL;
}

static bool lookup_edition(struct kb_store *s, const char *source, struct known_ed *k)
{
	sqlite3_stmt *st = kb_store_cached(s,
		"SELECT id, size, mtime, parser, hash, paper FROM edition WHERE source=?1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		k->id = sqlite3_column_int64(st, 0);
		k->size = sqlite3_column_int64(st, 1);
		k->mtime = sqlite3_column_int64(st, 2);
		k->parser = sqlite3_column_int(st, 3);
		k->hash = kb_column_dup(st, 4);
		k->paper = kb_column_dup(st, 5);
	}
	kb_store_done(st);
	return found;
}

static bool lookup_edition_id(struct kb_store *s, int64_t id, struct known_ed *k)
{
	sqlite3_stmt *st = kb_store_cached(s,
		"SELECT id, size, mtime, parser, hash, paper FROM edition WHERE id=?1");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	bool found = sqlite3_step(st) == SQLITE_ROW;
	if (found) {
		k->id = sqlite3_column_int64(st, 0);
		k->size = sqlite3_column_int64(st, 1);
		k->mtime = sqlite3_column_int64(st, 2);
		k->parser = sqlite3_column_int(st, 3);
		known_finish(k);
		k->hash = kb_column_dup(st, 4);
		k->paper = kb_column_dup(st, 5);
	}
	kb_store_done(st);
	return found;
}

enum same_content {
	CONTENT_NEW,   /* no edition of the library has these bytes */
	CONTENT_MOVED, /* one has, and its file is gone: moved or renamed */
	CONTENT_COPY,  /* one has, and its file is still there: a copy */
};

/* Is there an edition with the content hash already? other gets its path
 * (truncated to n), *id its row. An edition whose file is gone is preferred:
 * that is the one a moved file was. */
static enum same_content find_same_content(struct kb_store *s, const char *hash, char *other,
					   size_t n, int64_t *id)
{
	sqlite3_stmt *st = kb_store_cached(s, "SELECT id, source FROM edition WHERE hash=?1");
	enum same_content res = CONTENT_NEW;
	if (!st)
		return res;
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	while (res != CONTENT_MOVED && sqlite3_step(st) == SQLITE_ROW) {
		const char *src = (const char *)sqlite3_column_text(st, 1);
		struct stat sb;
		bool gone = src && stat(src, &sb) != 0 && errno == ENOENT;
		if (gone || res == CONTENT_NEW) {
			res = gone ? CONTENT_MOVED : CONTENT_COPY;
			*id = sqlite3_column_int64(st, 0);
			snprintf(other, n, "%s", src ? src : "");
		}
	}
	kb_store_done(st);
	return res;
}

/* The edition row id now lives at source (a moved or renamed file). */
static bool move_edition(struct kb_store *s, int64_t id, const char *source)
{
	sqlite3_stmt *st = kb_store_prepare(s, "UPDATE edition SET source=?2 WHERE id=?1");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot record the edition's new place",
						  source);
}

static int64_t mtime_ns(const struct stat *sb)
{
	return (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* Load the articles the edition has now, and take them out of the article
 * table and the search index. */
static bool take_old(struct kb_store *s, int64_t ed, struct old_art **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT n, id, title, body, heads, annot FROM article WHERE edition=?1 ORDER BY ord");
	if (!st)
		return false;
	sqlite3_bind_int64(st, 1, ed);
	size_t cap = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		void *v = *out;
		kb_xgrow(&v, &cap, *n + 1, sizeof(struct old_art));
		*out = v;
		struct old_art *o = &(*out)[(*n)++];
		o->n = sqlite3_column_int64(st, 0);
		o->id = kb_column_dup(st, 1);
		o->title = kb_column_dup(st, 2);
		o->body = kb_column_dup(st, 3);
		o->heads = kb_column_dup(st, 4);
		o->annot = kb_column_dup(st, 5);
	}
	sqlite3_finalize(st);
	sqlite3_stmt *del = kb_store_prepare(s,
		"INSERT INTO search(search, rowid, heads, body, annot) VALUES('delete', ?1, ?2, ?3, ?4)");
	sqlite3_stmt *rm = kb_store_prepare(s, "DELETE FROM article WHERE n=?1");
	bool ok = del && rm;
	for (size_t i = 0; ok && i < *n; i++) {
		struct old_art *o = &(*out)[i];
		if (annotated(s, o->id))
			ok = kb_store_remember(s, o->id);
		sqlite3_reset(rm);
		sqlite3_bind_int64(rm, 1, o->n);
		if (kb_store_pending(s, o->n, true)) { /* never indexed */
			ok = ok && sqlite3_step(rm) == SQLITE_DONE;
			continue;
		}
		sqlite3_reset(del);
		sqlite3_bind_int64(del, 1, o->n);
		sqlite3_bind_text(del, 2, o->heads, -1, SQLITE_STATIC);
		sqlite3_bind_text(del, 3, o->body, -1, SQLITE_STATIC);
		sqlite3_bind_text(del, 4, o->annot, -1, SQLITE_STATIC);
		ok = ok && sqlite3_step(del) == SQLITE_DONE && sqlite3_step(rm) == SQLITE_DONE;
	}
	if (!ok && !s->err[0])
		kb_store_fail(s, "cannot replace the articles of an edition");
	sqlite3_finalize(del);
	sqlite3_finalize(rm);
	return ok;
}

static void free_old(struct old_art *o, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(o[i].id);
		free(o[i].title);
		free(o[i].body);
		free(o[i].heads);
		free(o[i].annot);
	}
	free(o);
}

/* How often each base id (dup 0) has been seen in this edition: an open
 * addressing table, grown at half full, so numbering 100,000 identical
 * articles stays linear. */
struct id_count {
	struct id_slot {
		char id[13];
		int count;
	} *slots;
	size_t cap, used;
};

static size_t id_slot_of(const struct id_count *m, const char *id)
{
	uint64_t h = 1469598103934665603u;
	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].id[0] && strcmp(m->slots[i].id, id) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

/* The number of times id was seen before (0 the first time). */
static int id_count_next(struct id_count *m, const char *id)
{
	if (2 * (m->used + 1) > m->cap) {
		struct id_count bigger = {kb_xcalloc(m->cap ? 2 * m->cap : 64, sizeof(struct id_slot)),
					  m->cap ? 2 * m->cap : 64, m->used};
		for (size_t i = 0; i < m->cap; i++)
			if (m->slots[i].id[0])
				bigger.slots[id_slot_of(&bigger, m->slots[i].id)] = m->slots[i];
		free(m->slots);
		*m = bigger;
	}
	size_t i = id_slot_of(m, id);
	if (!m->slots[i].id[0]) {
		memcpy(m->slots[i].id, id, 13);
		m->used++;
	}
	return m->slots[i].count++;
}


static bool insert_articles(struct kb_store *s, int64_t ed, const char *name,
			    const struct kb_edition *e, struct new_art *na)
{
	sqlite3_stmt *ins = kb_store_cached(s,
		"INSERT INTO article(id, edition, ord, kicker, title, subtitle, authors, kinds,"
		" body, n) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?11)");
	/* the articles take the next numbers of their day: rowids in date
	 * order, which the search walks newest first */
	int64_t next = 0, hi = 0;
	sqlite3_stmt *day = kb_store_cached(s,
		"SELECT " KB_EDITION_DAY("?1") " << 20");
	int64_t lo = 0;
	if (day) {
		kb_bind_text(day, 1, e->date);
		if (sqlite3_step(day) == SQLITE_ROW)
			lo = sqlite3_column_int64(day, 0);
		kb_store_done(day);
	}
	hi = lo + ((int64_t)1 << KB_DAY_SHIFT);
	next = lo;
	/* the last number taken that day: one step down the rowid b-tree */
	day = kb_store_cached(s, "SELECT max(n) FROM article WHERE n >= ?1 AND n < ?2");
	if (day) {
		sqlite3_bind_int64(day, 1, lo);
		sqlite3_bind_int64(day, 2, hi);
		if (sqlite3_step(day) == SQLITE_ROW && sqlite3_column_type(day, 0) != SQLITE_NULL)
			next = sqlite3_column_int64(day, 0) + 1;
		kb_store_done(day);
	}
	sqlite3_stmt *fts = kb_store_cached(s,
		"INSERT INTO search(rowid, heads, body, annot) VALUES(?1, ?2, ?3, '')");
	bool ok = ins && fts;
	struct id_count seen = {0};
	for (size_t i = 0; ok && i < e->n_articles; i++) {
		const struct kb_article *a = &e->articles[i];
		fill_new(&na[i], a);
		/* identical articles of the edition (the same headline and
		 * opening) are numbered in page order; an id another edition
		 * happens to hold moves on to the next number */
		article_id(name, a, na[i].body, 0, na[i].id);
		int dup = id_count_next(&seen, na[i].id);
		if (dup)
			article_id(name, a, na[i].body, dup, na[i].id);
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, na[i].id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 2, ed);
		sqlite3_bind_int64(ins, 3, (sqlite3_int64)i);
		kb_bind_text(ins, 4, a->kicker);
		sqlite3_bind_text(ins, 5, a->title, -1, SQLITE_STATIC);
		kb_bind_text(ins, 6, a->subtitle);
		sqlite3_bind_text(ins, 7, na[i].authors, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 8, na[i].kinds, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 9, na[i].body, -1, SQLITE_STATIC);
		if (next < hi) /* a million articles a day, else the next free number */
			sqlite3_bind_int64(ins, 11, next++);
		else
			sqlite3_bind_null(ins, 11);
		int rc = sqlite3_step(ins);
		/* an id another edition happens to hold: the next number (rare,
		 * so asked of the UNIQUE index only when it says so) */
		while (rc == SQLITE_CONSTRAINT_UNIQUE && dup < 100000) {
			sqlite3_reset(ins);
			article_id(name, a, na[i].body, ++dup, na[i].id);
			rc = sqlite3_step(ins);
		}
		if (rc != SQLITE_DONE) {
			ok = kb_store_fail(s, "cannot store article %zu", i + 1);
			break;
		}
		int64_t row = sqlite3_last_insert_rowid(s->db);
		if (s->batch_open) { /* indexed when the batch commits */
			void *v = s->pending;
			kb_xgrow(&v, &s->cap_pending, s->n_pending + 1, sizeof(int64_t));
			s->pending = v;
			s->pending[s->n_pending++] = row;
			continue;
		}
		sqlite3_reset(fts);
		sqlite3_bind_int64(fts, 1, row);
		sqlite3_bind_text(fts, 2, na[i].heads, -1, SQLITE_STATIC);
		sqlite3_bind_text(fts, 3, na[i].body, -1, SQLITE_STATIC);
		if (sqlite3_step(fts) != SQLITE_DONE)
			ok = kb_store_fail(s, "cannot index article %zu", i + 1);
	}
	kb_store_done(ins);
	kb_store_done(fts);
	free(seen.slots);
	return ok;
}

/* How alike must the text of an annotated article and its candidate be to
 * carry the annotations over: with the same headline (a corrected text),
 * and without it (a new headline over the same story). A headline alone is
 * never enough: 简讯, 图片新闻, 短评 head a different story every day, and a
 * page replaced by another day's must not hand its notes to that one. */
#define LIKE_SAME_TITLE 0.30
#define LIKE_OTHER_TITLE 0.50

/* How many annotations (tags, note, highlights, read mark) article id
 * carries. */
static size_t count_annotations(struct kb_store *s, const char *id)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT (SELECT count(*) FROM tag WHERE article=?1)"
		" + (SELECT count(*) FROM note WHERE article=?1)"
		" + (SELECT count(*) FROM highlight WHERE article=?1 AND detached=0)"
		" + (SELECT count(*) FROM read WHERE article=?1)");
	if (!st)
		return 1;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	size_t n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 1;
	sqlite3_finalize(st);
	return n;
}

/* The sketch of new article i's body, made once. */
static const struct sketch *new_sketch(struct new_art *na)
{
	if (!na->sketched) {
		sketch_of(na->body, &na->sk);
		na->sketched = true;
	}
	return &na->sk;
}

/* Carry the annotations of the old articles over to the new ones: by id
 * (unchanged headline and opening), else to the most alike unclaimed new
 * article, a same-headline one needing less likeness than another. The
 * work is linear in the texts: each is sketched once. */
static bool reconcile(struct kb_store *s, struct old_art *old, size_t n_old, struct new_art *na,
		      size_t n_new, bool same_content, struct kb_import_stats *st)
{
	for (size_t i = 0; i < n_new; i++)
		for (size_t k = 0; k < n_old; k++)
			if (strcmp(old[k].id, na[i].id) == 0)
				na[i].claimed = true;
	for (size_t k = 0; k < n_old; k++) {
		bool still = false;
		for (size_t i = 0; i < n_new && !still; i++)
			still = strcmp(old[k].id, na[i].id) == 0;
		if (still || !annotated(s, old[k].id))
			continue;
		long match = -1;
		/* the same file under another name or place: the same articles
		 * in the same order */
		if (same_content && n_old == n_new && !na[k].claimed &&
		    strcmp(old[k].title, na[k].a->title) == 0)
			match = (long)k;
		struct sketch ok_sk;
		bool search = match < 0;
		if (search)
			sketch_of(old[k].body, &ok_sk);
		double best = 0.0;
		for (size_t i = 0; i < n_new && search; i++) {
			if (na[i].claimed)
				continue;
			bool same_title = old[k].title[0] && strcmp(old[k].title, na[i].a->title) == 0;
			double l = likeness(&ok_sk, new_sketch(&na[i]));
			double need = same_title ? LIKE_SAME_TITLE : LIKE_OTHER_TITLE;
			if (l >= need && l + (same_title ? 0.25 : 0.0) > best) {
				best = l + (same_title ? 0.25 : 0.0);
				match = (long)i;
			}
		}
		if (match < 0) {
			st->detached += count_annotations(s, old[k].id);
			continue;
		}
		na[match].claimed = true;
		if (!kb_store_move_annotations(s, old[k].id, na[match].id, &st->moved))
			return false;
	}
	for (size_t i = 0; i < n_new; i++) {
		if (!annotated(s, na[i].id))
			continue;
		if (!kb_store_reanchor(s, na[i].id, na[i].body, &st->detached) ||
		    !kb_store_refresh_annot(s, na[i].id) || !kb_store_remember(s, na[i].id))
			return false;
	}
	return true;
}

static bool upsert_edition(struct kb_store *s, const char *source, const char *name,
			   const char *hash, const struct stat *sb, const struct kb_edition *e,
			   int64_t *id)
{
	sqlite3_stmt *st = kb_store_cached(s,
		"INSERT INTO edition(source, name, hash, size, mtime, encoding, paper, date, page,"
		" title, parser, imported_at, articles)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
		" ON CONFLICT(source) DO UPDATE SET name=excluded.name, hash=excluded.hash,"
		" articles=excluded.articles,"
		" size=excluded.size, mtime=excluded.mtime, encoding=excluded.encoding,"
		" paper=coalesce(excluded.paper, edition.paper), date=excluded.date,"
		" page=excluded.page, title=excluded.title,"
		" parser=excluded.parser, imported_at=excluded.imported_at RETURNING id");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)sb->st_size);
	sqlite3_bind_int64(st, 5, mtime_ns(sb));
	kb_bind_text(st, 6, e->encoding);
	kb_bind_text(st, 7, e->paper);
	kb_bind_text(st, 8, e->date);
	kb_bind_text(st, 9, e->page);
	kb_bind_text(st, 10, e->title);
	sqlite3_bind_int(st, 11, KB_PARSER_VERSION);
	sqlite3_bind_text(st, 12, kb_now(), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 13, (sqlite3_int64)e->n_articles);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*id = sqlite3_column_int64(st, 0);
	kb_store_done(st);
	if (ok) {
		st = kb_store_cached(s, "UPDATE edition SET sortkey = " KB_EDITION_SORTKEY
				      " WHERE id=?1");
		ok = st != NULL;
		if (st) {
			sqlite3_bind_int64(st, 1, *id);
			ok = sqlite3_step(st) == SQLITE_DONE;
			kb_store_done(st);
		}
	}
	return ok || kb_store_fail(s, "%s: cannot record the edition", source);
}

/* Mark an unchanged edition's file metadata, so the next run skips it by
 * stat alone. */
static void touch_edition(struct kb_store *s, int64_t id, const struct stat *sb)
{
	sqlite3_stmt *st = kb_store_cached(s, "UPDATE edition SET size=?2, mtime=?3 WHERE id=?1");
	if (!st)
		return;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)sb->st_size);
	sqlite3_bind_int64(st, 3, mtime_ns(sb));
	sqlite3_step(st);
	kb_store_done(st);
}

static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Open the transaction an import writes in: the shared batch one (opened
 * if need be) or its own. */
static bool open_transaction(struct kb_store *s)
{
	if (s->batch && s->batch_open && !kb_store_batch_lost(s))
		return true;
	if (!kb_store_exec(s, "PRAGMA synchronous=NORMAL") || !kb_store_begin(s))
		return false;
	if (s->batch) {
		s->batch_open = true;
		s->batch_t0 = mono();
	}
	return true;
}

/* Commit the import's own transaction, or the batch one once it is a
 * quarter of a second old. */
static bool close_transaction(struct kb_store *s)
{
	if (s->batch_open) {
		if (mono() - s->batch_t0 < 0.25)
			return true;
		size_t editions = s->batch_editions;
		if (kb_store_batch_flush(s))
			return true;
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		snprintf(s->err, sizeof(s->err), "%.380s (the last %zu editions of this import were"
			 " not saved: import again)", keep, editions);
		return false;
	}
	if (sqlite3_get_autocommit(s->db))
		return false; /* BEGIN itself failed: its error is the one to keep */
	bool ok = kb_store_commit(s);
	kb_store_exec(s, "PRAGMA synchronous=FULL");
	return ok;
}

/* Are a and b the same text (or both NULL)? */
static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* May the default paper change the paper of the edition the library has
 * as k? Then its file must be read again even when it is unchanged: only
 * its reading tells whether it names a paper of its own. */
static bool paper_may_change(const struct kb_store *s, const struct known_ed *k)
{
	return s->default_paper && !same_text(s->default_paper, k->paper);
}

void kb_store_set_default_paper(struct kb_store *s, const char *paper)
{
	free(s->default_paper);
	s->default_paper = paper && *paper ? kb_xstrdup(paper) : NULL;
}

struct warn_count {
	kb_warn_fn warn;
	void *ctx;
	size_t n;
};

static void count_warning(void *ctx, size_t line, const char *msg)
{
	struct warn_count *w = ctx;
	w->n++;
	if (w->warn)
		w->warn(w->ctx, line, msg);
}

enum kb_import_result kb_store_import_file(struct kb_store *s, const char *path,
					   kb_warn_fn warn, void *ctx,
					   struct kb_import_stats *st)
{
	memset(st, 0, sizeof(*st));
	s->err[0] = '\0';
	s->lost = 0;
	char real[PATH_MAX];
	const char *source = realpath(path, real) ? real : path;
	const char *name = strrchr(source, '/') ? strrchr(source, '/') + 1 : source;
	struct stat sb;
	char *raw = NULL;
	size_t raw_len = 0;
	struct known_ed known = {0};
	bool have = lookup_edition(s, source, &known);
	bool moved = false;
	/* unchanged by size and time: skipped without reading a byte (unless
	 * the default paper may be this edition's) */
	if (have && known.parser == KB_PARSER_VERSION && !paper_may_change(s, &known) &&
	    stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && known.size == (int64_t)sb.st_size &&
	    known.mtime == mtime_ns(&sb)) {
		known_finish(&known);
		return KB_IMPORT_UNCHANGED;
	}
	enum kb_status rs = slurp(path, &raw, &raw_len, &sb);
	if (rs != KB_OK) {
		if (rs == KB_IO)
			kb_store_fail(s, "%s: %s", path, strerror(errno));
		else
			kb_store_fail(s, "%s: %s", path, kb_status_message(rs));
		known_finish(&known);
		return KB_IMPORT_FAILED;
	}
	char hash[65];
	kb_sha256_hex(raw, raw_len, hash);
	/* a file not seen here before may be an edition that was moved or
	 * renamed (its old file gone): it is that edition, articles and
	 * annotations follow it; or a copy of one still in place: skipped */
	if (!have) {
		int64_t other = 0;
		enum same_content sc = find_same_content(s, hash, st->other, sizeof(st->other), &other);
		if (sc == CONTENT_COPY) {
			st->duplicate = true;
			free(raw);
			return KB_IMPORT_UNCHANGED;
		}
		if (sc == CONTENT_MOVED && (have = lookup_edition_id(s, other, &known)))
			moved = st->relocated = true;
	}
	bool same_content = have && strcmp(known.hash, hash) == 0;
	bool same_reading = have && !moved && known.parser == KB_PARSER_VERSION && same_content;
	if (same_reading && !paper_may_change(s, &known)) {
		touch_edition(s, known.id, &sb);
		known_finish(&known);
		free(raw);
		return KB_IMPORT_UNCHANGED;
	}
	struct warn_count wc = {warn, ctx, 0};
	struct kb_text text = {0};
	enum kb_status ds = kb_decode(raw, raw_len, &text, count_warning, &wc);
	free(raw);
	st->warnings = wc.n;
	if (ds != KB_OK) {
		kb_store_fail(s, "%s: %s", path, kb_status_message(ds));
		known_finish(&known);
		return KB_IMPORT_FAILED;
	}
	struct kb_edition *e = kb_edition_parse(text.data, text.len, source);
	e->encoding = text.encoding;
	kb_text_finish(&text);
	if (!e->paper)
		e->paper = s->default_paper; /* borrowed: e goes first */
	/* read again for the default paper only, and it names its own or
	 * already has this one: nothing changed */
	if (same_reading && same_text(e->paper, known.paper)) {
		touch_edition(s, known.id, &sb);
		known_finish(&known);
		kb_edition_destroy(e);
		return KB_IMPORT_UNCHANGED;
	}
	known_finish(&known);

	struct old_art *old = NULL;
	size_t n_old = 0;
	struct new_art *na = kb_xcalloc(e->n_articles + 1, sizeof(*na));
	int64_t ed_id = 0;
	/* the edition is one savepoint: inside a shared batch transaction, or
	 * alone in its own (imports are replayable: synchronous=NORMAL) */
	/* the rows waiting to be indexed, as they were before this edition:
	 * put back whole if its savepoint is rolled back */
	int64_t *pending_before = s->n_pending ? kb_xmalloc(s->n_pending * sizeof(int64_t)) : NULL;
	size_t n_pending_before = s->n_pending;
	if (n_pending_before)
		memcpy(pending_before, s->pending, n_pending_before * sizeof(int64_t));
	bool ok = open_transaction(s) && kb_store_exec(s, "SAVEPOINT edition") &&
		  (!moved || move_edition(s, known.id, source)) &&
		  upsert_edition(s, source, name, hash, &sb, e, &ed_id) &&
		  take_old(s, ed_id, &old, &n_old) && insert_articles(s, ed_id, name, e, na) &&
		  reconcile(s, old, n_old, na, e->n_articles, same_content, st) &&
		  kb_store_exec(s, "RELEASE edition");
	if (!ok) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		size_t editions = s->batch_editions;
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "ROLLBACK TO edition; RELEASE edition", NULL, NULL, NULL);
		if (n_pending_before)
			memcpy(s->pending, pending_before, n_pending_before * sizeof(int64_t));
		s->n_pending = n_pending_before;
		memcpy(s->err, keep, sizeof(keep));
		/* SQLite may have rolled back the whole transaction (a full
		 * disk, I/O error): then the batch is gone with this edition */
		if (kb_store_batch_lost(s) && editions) {
			s->lost = editions;
			size_t used = strlen(s->err);
			snprintf(s->err + used, sizeof(s->err) - used,
				 " (the %zu editions imported before it in this batch were not saved"
				 " either: import again)", editions);
		}
	} else if (s->batch_open) {
		s->batch_editions++;
	}
	free(pending_before);
	if (!close_transaction(s) && ok) {
		ok = false;
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		snprintf(s->err, sizeof(s->err), "%.200s: cannot commit the import: %.280s", path, keep);
	}
	st->articles = e->n_articles;
	for (size_t i = 0; i < e->n_articles; i++) {
		free(na[i].heads);
		free(na[i].body);
		free(na[i].kinds);
		free(na[i].authors);
	}
	free(na);
	free_old(old, n_old);
	kb_edition_destroy(e);
	if (!ok)
		return KB_IMPORT_FAILED;
	return have ? KB_IMPORT_UPDATED : KB_IMPORT_NEW;
}

/* Find the edition which names: its number, its path or its file name. */
static bool find_edition(struct kb_store *s, const char *which, int64_t *id, char **source)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT id, source FROM edition WHERE CAST(id AS TEXT)=?1 OR source=?1 OR name=?1"
		" LIMIT 2");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, which, -1, SQLITE_STATIC);
	int found = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (found++ == 0) {
			*id = sqlite3_column_int64(st, 0);
			*source = kb_column_dup(st, 1);
		}
	}
	sqlite3_finalize(st);
	if (found == 1)
		return true;
	free(*source);
	*source = NULL;
	if (found == 0)
		return kb_store_fail(s, "%s: no such edition in the library (see `kanbao editions`)",
				     which);
	return kb_store_fail(s, "%s: more than one edition has this name; give its number or"
			     " path (see `kanbao editions`)", which);
}

bool kb_store_remove_edition(struct kb_store *s, const char *which, char **name,
			     size_t *detached)
{
	*name = NULL;
	*detached = 0;
	s->err[0] = '\0';
	int64_t id = 0;
	if (!kb_store_begin(s))
		return false;
	struct old_art *old = NULL;
	size_t n_old = 0;
	bool ok = find_edition(s, which, &id, name) && take_old(s, id, &old, &n_old);
	for (size_t k = 0; ok && k < n_old; k++)
		if (annotated(s, old[k].id))
			*detached += count_annotations(s, old[k].id);
	if (ok) {
		sqlite3_stmt *st = kb_store_prepare(s, "DELETE FROM edition WHERE id=?1");
		ok = st != NULL;
		if (st) {
			sqlite3_bind_int64(st, 1, id);
			ok = sqlite3_step(st) == SQLITE_DONE ||
			     kb_store_fail(s, "%s: cannot remove the edition", which);
			sqlite3_finalize(st);
		}
	}
	ok = ok && kb_store_commit(s);
	if (!ok) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		kb_store_rollback(s);
		memcpy(s->err, keep, sizeof(keep));
		free(*name);
		*name = NULL;
		*detached = 0;
	}
	free_old(old, n_old);
	return ok;
}
