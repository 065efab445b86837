/* SPDX-License-Identifier: MIT */
/*
 * Reading the library: listings in reading order (date, page, position on
 * the page) with filters, full-text search ranked by bm25 with titles
 * weighted and snippets marking the hits, and one article with all that
 * was added to it.
 */
#include "store_int.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "kanbao/fts.h"


/* Append the filter's conditions to sql and remember what to bind. */
struct binds {
	const char *v[96];
	int n;
};

/* Is s a page number (digits only)? */
static bool page_number(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The edition's date within the filter's. */
static void add_dates(struct kb_buf *sql, struct binds *b, const struct kb_filter *f)
{
	if (f->date_from) {
		b->v[b->n++] = f->date_from;
		kb_buf_printf(sql, " AND e.date >= ?%d", b->n);
	}
	if (f->date_to) {
		b->v[b->n++] = f->date_to;
		kb_buf_printf(sql, " AND e.date <= ?%d", b->n);
	}
}

/* The conditions on the edition alone (the listing's outer loop tests
 * them once per edition, before reading its articles). */
static void add_edition_filter(struct kb_buf *sql, struct binds *b, const struct kb_filter *f)
{
	if (f->edition) {
		b->v[b->n++] = f->edition;
		kb_buf_printf(sql, " AND (e.name=?%d OR e.source=?%d OR instr(e.source, ?%d) > 0)",
			      b->n, b->n, b->n);
	}
	if (f->page) {
		/* "2" is page 2 however it is written ("02"); a name is itself */
		b->v[b->n++] = f->page;
		if (page_number(f->page))
			kb_buf_printf(sql, " AND (e.page = ?%d OR (e.page <> '' AND e.page NOT GLOB"
				      " '*[^0-9]*' AND CAST(e.page AS INTEGER) = CAST(?%d AS INTEGER)))",
				      b->n, b->n);
		else
			kb_buf_printf(sql, " AND e.page = ?%d", b->n);
	}
	if (f->paper) {
		b->v[b->n++] = f->paper;
		kb_buf_printf(sql, " AND instr(e.paper, ?%d) > 0", b->n);
	}
}

static void add_filter(struct kb_buf *sql, struct binds *b, const struct kb_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->n_tags && b->n < 80; i++) {
		b->v[b->n++] = f->tags[i];
		kb_buf_printf(sql, " AND EXISTS(SELECT 1 FROM tag t WHERE t.article=a.id AND t.name=?%d)",
			      b->n);
	}
	for (size_t i = 0; i < f->n_not_tags && b->n < 80; i++) {
		b->v[b->n++] = f->not_tags[i];
		kb_buf_printf(sql,
			      " AND NOT EXISTS(SELECT 1 FROM tag t WHERE t.article=a.id AND t.name=?%d)",
			      b->n);
	}
	add_edition_filter(sql, b, f);
	add_dates(sql, b, f);
	if (f->unread)
		kb_buf_puts(sql, " AND NOT EXISTS(SELECT 1 FROM read r WHERE r.article=a.id)");
}

/* Split a '\n'-joined list into a NULL-free array. */
static char **split_lines(const char *s, size_t *n)
{
	*n = 0;
	if (!s || !*s)
		return NULL;
	size_t count = 1;
	for (const char *p = s; *p; p++)
		count += *p == '\n';
	char **v = kb_xcalloc(count, sizeof(char *));
	const char *b = s;
	for (const char *p = s;; p++) {
		if (*p == '\n' || !*p) {
			v[(*n)++] = kb_xstrndup(b, (size_t)(p - b));
			if (!*p)
				break;
			b = p + 1;
		}
	}
	return v;
}

#define ROW_COLUMNS \
	"a.id, e.name, e.date, e.page, a.title," \
	" (SELECT group_concat(name, char(10)) FROM (SELECT name FROM tag WHERE article=a.id" \
	"  ORDER BY name)), EXISTS(SELECT 1 FROM read WHERE article=a.id)," \
	" CASE WHEN a.title = '' THEN substr(a.body, 1, 40) END"

/* Does s start with the word w (ASCII letters compared without case)? */
static bool hit_at(const char *s, const char *w, size_t wn)
{
	for (size_t i = 0; i < wn; i++) {
		unsigned char a = (unsigned char)s[i], b = (unsigned char)w[i];
		if (!a)
			return false;
		if (a >= 'A' && a <= 'Z')
			a += 32;
		if (b >= 'A' && b <= 'Z')
			b += 32;
		if (a != b)
			return false;
	}
	return true;
}

/* The words of a query, to find and mark in the text. */
struct words {
	char *copy;
	char *w[32];
	size_t len[32];
	size_t n;
};

static void words_init(struct words *ws, const char *query)
{
	char *save = NULL;
	ws->n = 0;
	ws->copy = kb_xstrdup(query ? query : "");
	for (char *w = strtok_r(ws->copy, " \t\"", &save); w && ws->n < 32;
	     w = strtok_r(NULL, " \t\"", &save)) {
		ws->w[ws->n] = w;
		ws->len[ws->n++] = strlen(w);
	}
}

/* The longest word of the query that starts at p, or 0. */
static size_t word_at(const struct words *ws, const char *p)
{
	size_t best = 0;
	for (size_t i = 0; i < ws->n; i++)
		if (ws->len[i] > best && hit_at(p, ws->w[i], ws->len[i]))
			best = ws->len[i];
	return best;
}

/* The snippet with every occurrence of a word of the query put in [ ].
 * kanbao marks hits itself: FTS5 marks whole token positions, which for
 * overlapping character pairs stop one character short. Caller frees. */
static char *mark_hits(const char *snippet, const struct words *ws)
{
	if (!snippet)
		return NULL;
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "");
	for (const char *p = snippet; *p;) {
		size_t best = word_at(ws, p);
		if (best) {
			kb_buf_putc(&b, '[');
			kb_buf_append(&b, p, best);
			kb_buf_putc(&b, ']');
			p += best;
		} else {
			kb_buf_putc(&b, *p++);
		}
	}
	return kb_buf_steal(&b);
}

#define SNIPPET_BEFORE 10 /* characters before the first hit */
#define SNIPPET_CHARS 34  /* characters in all */

/* Step back n characters from p, not before s. */
static const char *back_chars(const char *s, const char *p, size_t n)
{
	while (n-- && p > s) {
		p--;
		while (p > s && ((unsigned char)*p & 0xC0) == 0x80)
			p--;
	}
	return p;
}

/* Step forward n characters from p, not past a NUL. */
static const char *fwd_chars(const char *p, size_t n)
{
	while (n-- && *p) {
		p++;
		while (((unsigned char)*p & 0xC0) == 0x80)
			p++;
	}
	return p;
}

/* A search result's snippet: a short window of the text around the first
 * hit of the query (in the body, else the notes, else the headline; the
 * body's start when the hit was only where the tokenizer folds what this
 * scan does not), hits marked. The work is bounded by where the first hit
 * stands, however long the article or however many its hits: FTS5's own
 * snippet() weighs every hit of the document, which took seconds on a
 * 500 KB article of one repeated phrase. */
static char *window_snippet(const char *body, const char *annot, const char *heads,
			    const struct words *ws)
{
	const char *texts[] = { body ? body : "", annot ? annot : "", heads ? heads : "" };
	const char *text = texts[0], *hit = NULL;
	for (size_t t = 0; t < 3 && !hit; t++)
		for (const char *p = texts[t]; *p && !hit; p++)
			if (word_at(ws, p)) {
				hit = p;
				text = texts[t];
			}
	if (!hit)
		hit = text;
	const char *b = back_chars(text, hit, SNIPPET_BEFORE);
	const char *e = fwd_chars(b, SNIPPET_CHARS);
	struct kb_buf out;
	kb_buf_init(&out);
	kb_buf_puts(&out, b > text ? "…" : "");
	for (const char *p = b; p < e; p++)
		kb_buf_putc(&out, *p == '\n' || *p == '\t' ? ' ' : *p);
	if (*e)
		kb_buf_puts(&out, "…");
	char *plain = kb_buf_steal(&out);
	char *marked = mark_hits(plain, ws);
	free(plain);
	return marked;
}

/* Free the strings of one row (not the row itself). */
void kb_row_clear(struct kb_row *x)
{
	free(x->id);
	free(x->edition);
	free(x->date);
	free(x->page);
	free(x->title);
	free(x->lead);
	for (size_t k = 0; k < x->n_tags; k++)
		free(x->tags[k]);
	free(x->tags);
	free(x->snippet);
	memset(x, 0, sizeof(*x));
}

/* How a listing or search runs: its statement's parameters, whether it
 * searches (snippets, and confirming candidates), and where rows go. */
struct run {
	const struct binds *b;
	const char *match;        /* the MATCH expression, or NULL */
	const char *query;        /* the user's search text, or NULL */
	const struct words *words; /* its words, for snippets */
	bool verify;              /* candidates must be confirmed (fts_match.c) */
	bool ranked;              /* column 11 is bm25's rank */
	bool bare;                /* no snippets */
	size_t limit;             /* 0: no limit */
	kb_row_fn fn;
	void *ctx;
};

/* Run a listing or search statement and hand its rows to r->fn, one at a
 * time, stopping at the limit: constant memory however many rows. */
static bool stream(struct kb_store *s, const char *sql, const struct run *r)
{
	sqlite3_stmt *st = kb_store_prepare(s, sql);
	if (!st)
		return false;
	for (int i = 0; i < r->b->n; i++)
		sqlite3_bind_text(st, i + 1, r->b->v[i], -1, SQLITE_STATIC);
	int next = r->b->n + 1;
	if (r->match)
		sqlite3_bind_text(st, next++, r->match, -1, SQLITE_STATIC);
	/* with candidates to confirm, the limit counts confirmed rows */
	sqlite3_bind_int64(st, next, r->limit && !r->verify ? (sqlite3_int64)r->limit : -1);
	size_t n = 0;
	int rc;
	bool go = true;
	while (go && (!r->limit || n < r->limit) && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (r->verify) {
			const char *cols[3] = { (const char *)sqlite3_column_text(st, 10),
						(const char *)sqlite3_column_text(st, 8),
						(const char *)sqlite3_column_text(st, 9) };
			if (!kb_fts_verify(r->query, cols, 3))
				continue;
		}
		struct kb_row row;
		memset(&row, 0, sizeof(row));
		row.id = kb_column_dup(st, 0);
		row.edition = kb_column_dup(st, 1);
		row.date = kb_column_dup(st, 2);
		row.page = kb_column_dup(st, 3);
		row.title = kb_column_dup(st, 4);
		row.tags = split_lines((const char *)sqlite3_column_text(st, 5), &row.n_tags);
		row.read = sqlite3_column_int(st, 6) != 0;
		row.lead = kb_column_dup(st, 7);
		if (r->words && !r->bare) {
			row.snippet = window_snippet((const char *)sqlite3_column_text(st, 8),
						     (const char *)sqlite3_column_text(st, 9),
						     (const char *)sqlite3_column_text(st, 10), r->words);
			row.rank = r->ranked ? sqlite3_column_double(st, 11) : 0.0;
		}
		n++;
		go = r->fn(r->ctx, &row);
		kb_row_clear(&row);
	}
	if (!go || (r->limit && n >= r->limit))
		rc = SQLITE_DONE;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return kb_store_fail(s, "%s: cannot read the library", s->path);
	return true;
}

/* kb_row_fn that keeps every row in a kb_rows (it takes the strings). */
struct keep {
	struct kb_rows *out;
	size_t cap;
};

static bool keep_row(void *ctx, const struct kb_row *r)
{
	struct keep *k = ctx;
	void *v = k->out->v;
	kb_xgrow(&v, &k->cap, k->out->n + 1, sizeof(struct kb_row));
	k->out->v = v;
	k->out->v[k->out->n++] = *r;
	memset((struct kb_row *)r, 0, sizeof(*r)); /* the strings are kept */
	return true;
}

/* The rows of a listing in reading order: editions by their sort key (an
 * index, read as far as the rows shown), each edition's articles by
 * position (another). */
#define LIST_ORDER " ORDER BY e.sortkey, e.id, a.ord"

bool kb_store_list_each(struct kb_store *s, const struct kb_filter *f, kb_row_fn fn, void *ctx)
{
	struct kb_buf sql;
	struct binds b = {.n = 0};
	kb_buf_init(&sql);
	if (f && f->n_tags) {
		/* the articles of a tag, from the tag's index, then sorted: few */
		b.v[b.n++] = f->tags[0];
		kb_buf_puts(&sql, "SELECT " ROW_COLUMNS " FROM tag t0 JOIN article a ON a.id = t0.article"
			    " JOIN edition e ON e.id = a.edition WHERE t0.name = ?1");
		struct kb_filter rest = *f;
		rest.tags++;
		rest.n_tags--;
		add_filter(&sql, &b, &rest);
	} else {
		/* editions in key order (edition_sort), each edition's articles in
		 * page order (article_place): no sort, the first rows first */
		kb_buf_puts(&sql, "SELECT " ROW_COLUMNS
			    " FROM edition e CROSS JOIN article a ON a.edition = e.id WHERE 1");
		add_filter(&sql, &b, f);
	}
	kb_buf_printf(&sql, LIST_ORDER " LIMIT ?%d", b.n + 1);
	struct run r = {.b = &b, .limit = f ? f->limit : 0, .fn = fn, .ctx = ctx};
	bool ok = stream(s, sql.data, &r);
	kb_buf_finish(&sql);
	return ok;
}

bool kb_store_list_count(struct kb_store *s, const struct kb_filter *f, size_t *n)
{
	*n = 0;
	struct kb_buf sql;
	struct binds b = {.n = 0};
	kb_buf_init(&sql);
	if (f && (f->n_tags || f->n_not_tags || f->unread)) {
		/* conditions on the articles: count the rows, reading none */
		if (f->n_tags) {
			b.v[b.n++] = f->tags[0];
			kb_buf_puts(&sql, "SELECT count(*) FROM tag t0 JOIN article a ON a.id = t0.article"
				    " JOIN edition e ON e.id = a.edition WHERE t0.name = ?1");
			struct kb_filter rest = *f;
			rest.tags++;
			rest.n_tags--;
			add_filter(&sql, &b, &rest);
		} else {
			kb_buf_puts(&sql, "SELECT count(*) FROM edition e CROSS JOIN article a"
				    " ON a.edition = e.id WHERE 1");
			add_filter(&sql, &b, f);
		}
	} else {
		/* the editions' own counts: no article is read */
		kb_buf_puts(&sql, "SELECT coalesce(sum(e.articles), 0) FROM edition e WHERE 1");
		if (f) {
			add_edition_filter(&sql, &b, f);
			add_dates(&sql, &b, f);
		}
	}
	sqlite3_stmt *st = kb_store_prepare(s, sql.data);
	kb_buf_finish(&sql);
	if (!st)
		return false;
	for (int i = 0; i < b.n; i++)
		sqlite3_bind_text(st, i + 1, b.v[i], -1, SQLITE_STATIC);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok)
		*n = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return ok || kb_store_fail(s, "%s: cannot count the articles", s->path);
}

bool kb_store_list(struct kb_store *s, const struct kb_filter *f, struct kb_rows *out)
{
	out->v = NULL;
	out->n = 0;
	struct keep k = {out, 0};
	if (kb_store_list_each(s, f, keep_row, &k))
		return true;
	kb_rows_finish(out);
	return false;
}

/* A date filter as a range of rowids (articles are numbered by day), so
 * the index itself skips the days outside it. */
static void add_day_range(struct kb_buf *sql, struct binds *b, const struct kb_filter *f)
{
	if (f && f->date_from) {
		b->v[b->n++] = f->date_from;
		kb_buf_printf(sql, " AND search.rowid >= (" KB_EDITION_DAY("?%d") " << %d)", b->n,
			      KB_DAY_SHIFT);
	}
	if (f && f->date_to) {
		b->v[b->n++] = f->date_to;
		kb_buf_printf(sql, " AND search.rowid < ((" KB_EDITION_DAY("?%d") " + 1) << %d)",
			      b->n, KB_DAY_SHIFT);
	}
}

bool kb_store_search_each(struct kb_store *s, const char *query, const struct kb_filter *f,
			  kb_row_fn fn, void *ctx)
{
	char *match = kb_fts_query(query);
	if (!match)
		return kb_store_fail(s, "nothing to search for in \"%s\"", query);
	enum kb_sort sort = f ? f->sort : KB_SORT_NEWEST;
	struct kb_buf sql;
	struct binds b = {.n = 0};
	kb_buf_init(&sql);
	/* the index returns its rows in rowid order, which is date order: newest
	 * or oldest first stops at the limit; relevance (bm25) scores every
	 * candidate before the first row comes */
	kb_buf_printf(&sql, "SELECT " ROW_COLUMNS ", a.body, a.annot, a.heads%s"
		      " FROM search JOIN article a ON a.n = search.rowid"
		      " JOIN edition e ON e.id = a.edition WHERE 1",
		      sort == KB_SORT_RELEVANCE ? ", search.rank" : "");
	add_filter(&sql, &b, f);
	add_day_range(&sql, &b, f);
	kb_buf_printf(&sql, " AND search MATCH ?%d ORDER BY %s LIMIT ?%d", b.n + 1,
		      sort == KB_SORT_RELEVANCE ? "search.rank"
		      : sort == KB_SORT_OLDEST  ? "search.rowid"
						: "search.rowid DESC",
		      b.n + 2);
	struct words ws;
	words_init(&ws, query);
	struct run r = {
		.b = &b,
		.match = match,
		.query = query,
		.words = &ws,
		.verify = kb_fts_needs_verify(query),
		.ranked = sort == KB_SORT_RELEVANCE,
		.bare = f && f->bare,
		.limit = f ? f->limit : 0,
		.fn = fn,
		.ctx = ctx,
	};
	bool ok = stream(s, sql.data, &r);
	free(ws.copy);
	kb_buf_finish(&sql);
	free(match);
	return ok;
}

/* Does f narrow the articles at all (its limit, sort and bare aside)? */
static bool narrowed(const struct kb_filter *f)
{
	return f && (f->n_tags || f->n_not_tags || f->edition || f->page || f->paper ||
		     f->unread || f->date_from || f->date_to);
}

static bool count_one(void *ctx, const struct kb_row *r)
{
	(void)r;
	(*(size_t *)ctx)++;
	return true;
}

bool kb_store_search_count(struct kb_store *s, const char *query, const struct kb_filter *f,
			   bool quick, size_t *n)
{
	*n = 0;
	bool from_index = !kb_fts_needs_verify(query) && !narrowed(f);
	if (!from_index) {
		if (quick) {
			*n = SIZE_MAX;
			return true;
		}
		struct kb_filter all = f ? *f : (struct kb_filter){0};
		all.limit = 0;
		all.sort = KB_SORT_NEWEST;
		all.bare = true;
		return kb_store_search_each(s, query, &all, count_one, n);
	}
	char *match = kb_fts_query(query);
	if (!match)
		return kb_store_fail(s, "nothing to search for in \"%s\"", query);
	/* every row of the index is an article's (the check proves it) */
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT count(*) FROM search WHERE search MATCH ?1");
	bool ok = st != NULL;
	if (st) {
		sqlite3_bind_text(st, 1, match, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			*n = (size_t)sqlite3_column_int64(st, 0);
		else
			ok = kb_store_fail(s, "%s: cannot read the library", s->path);
		sqlite3_finalize(st);
	}
	free(match);
	return ok;
}

bool kb_store_search(struct kb_store *s, const char *query, const struct kb_filter *f,
		     struct kb_rows *out)
{
	out->v = NULL;
	out->n = 0;
	struct keep k = {out, 0};
	if (kb_store_search_each(s, query, f, keep_row, &k))
		return true;
	kb_rows_finish(out);
	return false;
}

void kb_rows_finish(struct kb_rows *r)
{
	for (size_t i = 0; i < r->n; i++)
		kb_row_clear(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

/* Authors stored as "role TAB name" lines. */
static void read_authors(struct kb_full *a, const char *s)
{
	size_t n;
	char **lines = split_lines(s, &n);
	a->authors = kb_xcalloc(n + 1, sizeof(struct kb_author));
	for (size_t i = 0; i < n; i++) {
		char *tab = strchr(lines[i], '\t');
		if (!lines[i][0])
			continue;
		struct kb_author *au = &a->authors[a->n_authors++];
		if (tab) {
			au->role = kb_xstrndup(lines[i], (size_t)(tab - lines[i]));
			au->name = kb_xstrdup(tab + 1);
		} else {
			au->role = kb_xstrdup("");
			au->name = kb_xstrdup(lines[i]);
		}
		free(lines[i]);
	}
	for (size_t i = a->n_authors; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void read_blocks(struct kb_full *a, const char *kinds, const char *body)
{
	size_t n;
	char **lines = split_lines(body, &n);
	a->blocks = kb_xcalloc(n + 1, sizeof(struct kb_block));
	for (size_t i = 0; i < n; i++) {
		a->blocks[i].type = kinds && kinds[i] == 'h' ? KB_BLOCK_HEADING : KB_BLOCK_PARAGRAPH;
		a->blocks[i].text = lines[i];
	}
	a->n_blocks = n;
	free(lines);
}

struct kb_full *kb_store_get(struct kb_store *s, const char *id)
{
	s->err[0] = '\0';
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT a.id, e.name, e.source, e.date, e.page, e.paper, a.kicker, a.title,"
		" a.subtitle, a.authors, a.kinds, a.body,"
		" (SELECT group_concat(name, char(10)) FROM (SELECT name FROM tag WHERE article=a.id"
		"  ORDER BY name)), (SELECT text FROM note WHERE article=a.id),"
		" EXISTS(SELECT 1 FROM read WHERE article=a.id)"
		" FROM article a JOIN edition e ON e.id = a.edition WHERE a.id=?1");
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		kb_store_fail(s, "%s: no article with this id (see `kanbao list`)", id);
		return NULL;
	}
	struct kb_full *a = kb_xcalloc(1, sizeof(*a));
	a->id = kb_column_dup(st, 0);
	a->edition = kb_column_dup(st, 1);
	a->source = kb_column_dup(st, 2);
	a->date = kb_column_dup(st, 3);
	a->page = kb_column_dup(st, 4);
	a->paper = kb_column_dup(st, 5);
	a->kicker = kb_column_dup(st, 6);
	a->title = kb_column_dup(st, 7);
	a->subtitle = kb_column_dup(st, 8);
	read_authors(a, (const char *)sqlite3_column_text(st, 9));
	a->text = kb_column_dup(st, 11);
	read_blocks(a, (const char *)sqlite3_column_text(st, 10), a->text);
	a->tags = split_lines((const char *)sqlite3_column_text(st, 12), &a->n_tags);
	a->note = kb_column_dup(st, 13);
	a->read = sqlite3_column_int(st, 14) != 0;
	sqlite3_finalize(st);
	st = kb_store_prepare(s,
		"SELECT id, quote, prefix, suffix, start, end, note, color FROM highlight"
		" WHERE article=?1 AND detached=0 ORDER BY start, id");
	if (st) {
		sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
		size_t cap = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			void *v = a->highlights;
			kb_xgrow(&v, &cap, a->n_highlights + 1, sizeof(struct kb_highlight));
			a->highlights = v;
			struct kb_highlight *h = &a->highlights[a->n_highlights++];
			h->id = sqlite3_column_int64(st, 0);
			h->quote = kb_column_dup(st, 1);
			h->prefix = kb_column_dup(st, 2);
			h->suffix = kb_column_dup(st, 3);
			h->start = (size_t)sqlite3_column_int64(st, 4);
			h->end = (size_t)sqlite3_column_int64(st, 5);
			h->note = kb_column_dup(st, 6);
			h->color = kb_column_dup(st, 7);
		}
		sqlite3_finalize(st);
	}
	return a;
}

void kb_full_destroy(struct kb_full *a)
{
	if (!a)
		return;
	free(a->id);
	free(a->edition);
	free(a->source);
	free(a->date);
	free(a->page);
	free(a->paper);
	free(a->kicker);
	free(a->title);
	free(a->subtitle);
	for (size_t i = 0; i < a->n_authors; i++) {
		free((char *)a->authors[i].role);
		free((char *)a->authors[i].name);
	}
	free(a->authors);
	for (size_t i = 0; i < a->n_blocks; i++)
		free((char *)a->blocks[i].text);
	free(a->blocks);
	free(a->text);
	for (size_t i = 0; i < a->n_tags; i++)
		free(a->tags[i]);
	free(a->tags);
	free(a->note);
	for (size_t i = 0; i < a->n_highlights; i++) {
		free(a->highlights[i].quote);
		free(a->highlights[i].prefix);
		free(a->highlights[i].suffix);
		free(a->highlights[i].note);
		free(a->highlights[i].color);
	}
	free(a->highlights);
	free(a);
}

#define EDITION_COLUMNS KB_EDITION_COLUMNS("e.sortkey")

bool kb_store_edition_rows(struct kb_store *s, sqlite3_stmt *st, struct kb_edition_row **out,
			   size_t *n)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *v = *out;
		kb_xgrow(&v, &cap, *n + 1, sizeof(**out));
		*out = v;
		struct kb_edition_row *r = &(*out)[(*n)++];
		r->id = sqlite3_column_int64(st, 0);
		r->name = kb_column_dup(st, 1);
		r->date = kb_column_dup(st, 2);
		r->page = kb_column_dup(st, 3);
		r->paper = kb_column_dup(st, 4);
		r->title = kb_column_dup(st, 5);
		r->n_articles = (size_t)sqlite3_column_int64(st, 6);
		r->source = kb_column_dup(st, 7);
		r->key = kb_column_dup(st, 8);
		r->lead = kb_column_dup(st, 9);
		r->n_unread = (size_t)sqlite3_column_int64(st, 10);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return true;
	kb_edition_rows_free(*out, *n);
	*out = NULL;
	*n = 0;
	return kb_store_fail(s, "%s: cannot read the editions", s->path);
}

bool kb_store_editions(struct kb_store *s, struct kb_edition_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st = kb_store_prepare(s, EDITION_COLUMNS " ORDER BY e.sortkey, e.id");
	return st && kb_store_edition_rows(s, st, out, n);
}

bool kb_store_editions_page(struct kb_store *s, const struct kb_edition_row *from,
			    bool backward, size_t n, struct kb_edition_row **out, size_t *n_out)
{
	*out = NULL;
	*n_out = 0;
	/* a row value comparison on (sortkey, id): the index edition_sort,
	 * read forward or backward from the key */
	const char *sql = from ? (backward ? EDITION_COLUMNS " WHERE (e.sortkey, e.id) < (?1, ?2)"
					     " ORDER BY e.sortkey DESC, e.id DESC LIMIT ?3"
					   : EDITION_COLUMNS " WHERE (e.sortkey, e.id) > (?1, ?2)"
					     " ORDER BY e.sortkey, e.id LIMIT ?3")
			       : (backward ? EDITION_COLUMNS " WHERE ?1 IS NULL AND ?2 IS NULL"
					     " ORDER BY e.sortkey DESC, e.id DESC LIMIT ?3"
					   : EDITION_COLUMNS " WHERE ?1 IS NULL AND ?2 IS NULL"
					     " ORDER BY e.sortkey, e.id LIMIT ?3");
	sqlite3_stmt *st = kb_store_prepare(s, sql);
	if (!st)
		return false;
	if (from) {
		sqlite3_bind_text(st, 1, from->key ? from->key : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, from->id);
	}
	sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
	return kb_store_edition_rows(s, st, out, n_out);
}

bool kb_store_edition_count(struct kb_store *s, const struct kb_edition_row *from,
			    size_t *total, size_t *pos)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT (SELECT count(*) FROM edition),"
		" (SELECT count(*) FROM edition e WHERE ?3 AND (e.sortkey, e.id) < (?1, ?2))");
	if (!st)
		return false;
	if (from) {
		sqlite3_bind_text(st, 1, from->key ? from->key : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 2, from->id);
	}
	sqlite3_bind_int(st, 3, from && pos);
	bool ok = sqlite3_step(st) == SQLITE_ROW;
	if (ok) {
		*total = (size_t)sqlite3_column_int64(st, 0);
		if (pos)
			*pos = (size_t)sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	return ok || kb_store_fail(s, "%s: cannot count the editions", s->path);
}

void kb_edition_row_clear(struct kb_edition_row *r)
{
	free(r->name);
	free(r->date);
	free(r->page);
	free(r->paper);
	free(r->title);
	free(r->source);
	free(r->key);
	free(r->lead);
	memset(r, 0, sizeof(*r));
}

void kb_edition_rows_free(struct kb_edition_row *r, size_t n)
{
	for (size_t i = 0; i < n; i++)
		kb_edition_row_clear(&r[i]);
	free(r);
}

bool kb_store_edition_articles(struct kb_store *s, int64_t edition, struct kb_rows *out)
{
	char id[32];
	snprintf(id, sizeof(id), "%lld", (long long)edition);
	struct binds b = {.n = 1, .v = {id}};
	out->v = NULL;
	out->n = 0;
	struct keep k = {out, 0};
	struct run r = {.b = &b, .fn = keep_row, .ctx = &k};
	if (stream(s, "SELECT " ROW_COLUMNS " FROM article a JOIN edition e ON e.id = a.edition"
		   " WHERE a.edition = CAST(?1 AS INTEGER) ORDER BY a.ord LIMIT ?2", &r))
		return true;
	kb_rows_finish(out);
	return false;
}

const char *kb_row_label(const struct kb_row *r, char *buf, size_t n)
{
	if (r->title && r->title[0])
		return r->title;
	if (!r->lead || !r->lead[0] || n < 8)
		return "(no headline)";
	/* "…" then the first words, line breaks as spaces, cut on a whole
	 * character */
	size_t k = snprintf(buf, n, "…%s", r->lead);
	if (k >= n) { /* cut short: drop a character left incomplete */
		k = n - 1;
		size_t i = k;
		while (i > 0 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
			i--;
		if (i > 0) {
			unsigned char c = (unsigned char)buf[i - 1];
			size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
			if (i - 1 + len > k)
				buf[i - 1] = 0;
		}
	}
	for (char *q = buf; *q; q++)
		if (*q == '\n' || *q == '\t')
			*q = ' ';
	return buf;
}
