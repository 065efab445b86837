/* SPDX-License-Identifier: MIT */
/*
 * Internals shared by the store's files: the connection, error reporting,
 * prepared-statement helpers and transactions. SQL lives only in src/store/.
 */
#ifndef KANBAO_STORE_INT_H
#define KANBAO_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

/* Version of the loader's reading: editions parsed by an older loader are
 * parsed again on import even when their file is unchanged. 2: pages that
 * set a paragraph to a line; 3: paper, date and page from archive file
 * names and page headers. */
#define KB_PARSER_VERSION 3

/* The editions' reading order as one text key, indexed: paper (none
 * last), date (none last), page by number then name (none last), file
 * name; each part set off by U+001F. An SQL expression over the edition's
 * columns, used by the migration and by every import. */
#define KB_EDITION_SORTKEY                                                              \
	"(CASE WHEN paper IS NULL THEN '1' ELSE '0' || paper END) || char(31) ||"        \
	" (CASE WHEN date IS NULL THEN '1' ELSE '0' || date END) || char(31) ||"         \
	" (CASE WHEN page IS NULL THEN '1' ELSE '0' || printf('%010d',"                  \
	"  CAST(page AS INTEGER)) || page END) || char(31) || name"

/* The tree's order (the reader's list): paper, then issue (one date of
 * the paper) newest first, its editions without a date last as one
 * group, then page and name. An issue's key is the prefix of its
 * editions' keys; a paper's prefix is its issues' keys up to the first
 * char(31). A full date is stored as its complement (99999999 - YYYYMMDD)
 * so that the index, read forward, gives the newest first. */
#define KB_EDITION_ISSUE                                                                \
	"(CASE WHEN paper IS NULL THEN '1' ELSE '0' || paper END) || char(31) ||"        \
	" (CASE WHEN date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"             \
	"  THEN '0' || printf('%08d', 99999999 - CAST(replace(date, '-', '') AS INTEGER))" \
	"  WHEN date IS NULL THEN '2' ELSE '1' || date END)"
#define KB_EDITION_RKEY                                                                 \
	"issue || char(31) || (CASE WHEN page IS NULL THEN '1' ELSE '0' ||"             \
	" printf('%010d', CAST(page AS INTEGER)) || page END) || char(31) || name"

/* The columns of a struct kb_edition_row, its key from key_col. */
#define KB_EDITION_COLUMNS(key_col)                                                    \
	"SELECT e.id, e.name, e.date, e.page, e.paper, e.title, e.articles, e.source, "  \
	key_col ", (SELECT a.title FROM article a WHERE a.edition = e.id"                 \
	"  ORDER BY a.ord LIMIT 1), (SELECT count(*) FROM article a WHERE a.edition = e.id" \
	"  AND NOT EXISTS (SELECT 1 FROM read r WHERE r.article = a.id)) FROM edition e"

/* The day of an edition's date, for numbering its articles: days since
 * 1800-01-01, 0 for an edition without a (valid) date. */
#define KB_EDITION_DAY(col)                                                              \
	"coalesce(max(0, min(8388607, CAST(julianday(" col ") - 2378496.5 AS INTEGER))), 0)"

/* Articles of one day are numbered from day << KB_DAY_SHIFT. */
#define KB_DAY_SHIFT 20

/* Characters of an article's notes that the search index takes: a note may
 * be as long as its writer likes, but a 10 MB note of one repeated
 * character must not make every search over it crawl. */
#define KB_ANNOT_INDEXED "65536"

struct kb_store {
	sqlite3 *db;
	char *path;
	char err[512];
	bool readonly;     /* opened read-only: the library cannot be written */
	bool batch;        /* imports share transactions (kb_store_batch) */
	bool batch_open;   /* a shared import transaction is open */
	double batch_t0;   /* when it was opened (monotonic seconds) */
	size_t batch_editions; /* editions imported in the open batch */
	size_t lost;       /* editions of a batch the last failure rolled back */
	int64_t *pending;  /* articles of the open batch not yet in the search
			    * index: indexed at commit, outside any savepoint
			    * (an FTS5 savepoint flushes its pending terms) */
	size_t n_pending, cap_pending;
	sqlite3_stmt *st_annotated; /* "has article ?1 annotations", kept prepared */
	char *default_paper; /* for editions that name none (kb_store_set_default_paper) */
	struct {
		const char *sql; /* the statement's text: a string literal */
		sqlite3_stmt *st;
	} cache[40]; /* kb_store_cached */
	size_t n_cache;
};

/* A statement kept prepared for the connection's life, known by the
 * address of its text (a string literal): for the statements an import
 * runs for every edition and article, where preparing them again each
 * time was a tenth of the import. It comes reset, with no bindings; hand
 * it back with kb_store_done, never finalize it. NULL (with the error
 * recorded) when it cannot be prepared. */
sqlite3_stmt *kb_store_cached(struct kb_store *s, const char *sql);
/* Reset a cached statement (its read or write ends here) and drop its
 * bindings. */
void kb_store_done(sqlite3_stmt *st);

/* Is article row n waiting to be indexed? Removes it when drop is set. */
bool kb_store_pending(struct kb_store *s, int64_t n, bool drop);

/* Has SQLite rolled back the shared import transaction by itself (after a
 * full disk or an I/O error)? Then forget the batch and say so. */
bool kb_store_batch_lost(struct kb_store *s);
/* Commit the shared import transaction, if one is open. */
bool kb_store_batch_flush(struct kb_store *s);

/* Record a failure: printf-style message, with SQLite's own message added
 * when the connection has one. Always returns false. */
bool kb_store_fail(struct kb_store *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Step st (KB_EDITION_COLUMNS ...) to its end, collecting its rows, and
 * finalize it. */
bool kb_store_edition_rows(struct kb_store *s, sqlite3_stmt *st, struct kb_edition_row **out,
			   size_t *n);
/* Prepare sql (NULL on failure, error recorded). */
sqlite3_stmt *kb_store_prepare(struct kb_store *s, const char *sql);
/* Run SQL without results; false on failure (error recorded). */
bool kb_store_exec(struct kb_store *s, const char *sql);
/* Begin a write transaction (BEGIN IMMEDIATE, waiting on other writers). */
bool kb_store_begin(struct kb_store *s);
bool kb_store_commit(struct kb_store *s);
void kb_store_rollback(struct kb_store *s);
/* Bind text, or NULL when s is NULL. */
int kb_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A malloc'd copy of a text column, or NULL. */
char *kb_column_dup(sqlite3_stmt *st, int i);
/* The current time as an ISO 8601 UTC string (static buffer). */
const char *kb_now(void);
/* A tag as the user wrote it, trimmed of spaces and tabs (caller frees),
 * or NULL with the reason recorded: empty, or holding control characters.
 * Every function that takes a tag name cleans it so. */
char *kb_store_clean_tag(struct kb_store *s, const char *tag);
/* Remember the headline of an annotated article, so that an annotation
 * left detached can still say what it was made on. */
bool kb_store_remember(struct kb_store *s, const char *id);

/* Move every annotation of old_id to new_id (tags and read state merged,
 * notes appended); adds the number of moved rows to *moved. */
bool kb_store_move_annotations(struct kb_store *s, const char *old_id, const char *new_id,
				size_t *moved);
/* Re-anchor the highlights of article id in its text; those whose quote is
 * gone are marked detached (counted in *detached), never deleted. */
bool kb_store_reanchor(struct kb_store *s, const char *id, const char *text, size_t *detached);
/* Refresh the searchable annotation text of an article (its note and the
 * notes of its highlights) in the article row and the search index. */
bool kb_store_refresh_annot(struct kb_store *s, const char *id);

#endif
