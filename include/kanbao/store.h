/* SPDX-License-Identifier: MIT */
/*
 * The library: an SQLite database of imported editions and their articles,
 * and of what the reader adds to them (tags, notes, highlights, read state).
 * The user's annotations are the one thing that cannot be re-imported, so
 * they are written each in its own synchronous transaction and never deleted
 * by an import: one whose article cannot be found again is kept detached.
 *
 * Articles are named by a stable id (12 base32 characters) computed from the
 * edition file's name and the article's headline and opening: the same
 * article of an unchanged file has the same id in every database.
 *
 * Every function that can fail returns false (or NULL) and leaves a message
 * in kb_store_error(). One kb_store is one connection; use it from one thread.
 */
#ifndef KANBAO_STORE_H
#define KANBAO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kanbao/decode.h"
#include "kanbao/edition.h"

struct kb_store;

/* The database path to use: $KANBAO_DB, else $XDG_DATA_HOME/kanbao/kanbao.db,
 * else ~/.local/share/kanbao/kanbao.db (the account's home when HOME is
 * unset). NULL when there is no home to put it in. Caller frees. */
char *kb_store_default_path(void);

/* Open the database at path, creating it (and its directory) if absent,
 * and bring its schema up to date. NULL on failure, with the reason (naming
 * the file) in err. A database newer than this program is refused, as are
 * "", ":memory:" and a 0-byte file (a lost library, not a new one). Where
 * the library cannot be written (read-only file, directory or disk) it is
 * opened read-only: reading and searching work, changes fail saying so. */
struct kb_store *kb_store_open(const char *path, char *err, size_t errlen);

/* Close the connection; accepts NULL. */
void kb_store_close(struct kb_store *s);

/* The message of the last failure; borrowed until the next call. */
const char *kb_store_error(const struct kb_store *s);

/* ---- import ---- */

enum kb_import_result {
	KB_IMPORT_NEW,       /* a new edition */
	KB_IMPORT_UPDATED,   /* a changed edition, annotations carried over */
	KB_IMPORT_UNCHANGED, /* same content as already imported: skipped */
	KB_IMPORT_FAILED,    /* not imported; kb_store_error() says why */
};

/* What an import did to the articles and annotations of one edition. */
struct kb_import_stats {
	size_t articles; /* articles in the edition as imported */
	size_t moved;    /* annotations carried to a re-identified article */
	size_t detached; /* annotations whose article could not be found */
	size_t warnings; /* decoder warnings */
	bool relocated;  /* UPDATED: the file is an edition moved or renamed from other */
	bool duplicate;  /* UNCHANGED: the file is a copy of the edition at other */
	char other[1024]; /* that edition's path (truncated), for moved/duplicate */
};

/* Import one edition file in one transaction. Warnings of the decoder go to
 * warn. A re-import of a changed file keeps every annotation: by article
 * id, then by headline, then by text; highlights are re-anchored by their
 * quote and context; the rest is detached, never deleted. */
enum kb_import_result kb_store_import_file(struct kb_store *s, const char *path,
					   kb_warn_fn warn, void *ctx,
					   struct kb_import_stats *st);

/* Group the imports that follow into shared transactions, committed at most
 * a quarter of a second apart (on) or commit what is pending and go back to
 * one transaction per edition (off). Each edition stays atomic either way
 * (its own savepoint): an import never leaves half an edition, and the
 * write lock is never held long enough to stall another process. A bulk
 * import of thousands of editions is several times faster so. */
bool kb_store_batch(struct kb_store *s, bool on);

/* How many editions whose import had returned NEW or UPDATED were rolled
 * back with the batch by the last failed kb_store_import_file or
 * kb_store_batch (a full disk, an I/O error): they are not in the library
 * and must be counted as failed. */
size_t kb_store_lost(const struct kb_store *s);

/* The paper of the editions imported next on s that name none themselves
 * (neither their header, nor their page header, nor their file name):
 * `kanbao import --paper`. NULL or "" for none; copied. An edition already
 * in the library is read again when this may change its paper, and keeps
 * its articles' ids and annotations (an id does not depend on the paper).
 * A paper an edition has is kept when a later import gives it none. */
void kb_store_set_default_paper(struct kb_store *s, const char *paper);

/* ---- reading ---- */

/* One article in a listing or in search results. */
struct kb_row {
	char *id;
	char *edition; /* the edition file's name */
	char *date;    /* YYYY-MM-DD, or NULL */
	char *page;    /* page number or name, or NULL */
	char *title;
	char *lead;    /* an untitled article's first words, else NULL */
	char **tags;
	size_t n_tags;
	bool read;
	char *snippet; /* search: text around the hits, hits in [ ] */
	double rank;   /* search: bm25 rank, smaller is better */
};

struct kb_rows {
	struct kb_row *v;
	size_t n;
};

/* What to call a row in a listing: its title; for an untitled article
 * (the rest of one cut off from its headline) "…" and its first words,
 * written into buf; "(no headline)" when there is nothing to show. */
const char *kb_row_label(const struct kb_row *r, char *buf, size_t n);

/* Free the rows; accepts an empty set. */
void kb_rows_finish(struct kb_rows *r);
/* Free one row's strings (a row held on its own) and zero it. */
void kb_row_clear(struct kb_row *r);

/* The order of search results. */
enum kb_sort {
	KB_SORT_NEWEST,    /* newest edition first (the default): stops at the limit */
	KB_SORT_OLDEST,    /* oldest first: stops at the limit too */
	KB_SORT_RELEVANCE, /* bm25, headlines weighted: scores every hit first */
};

/* Which articles to list. Zeroed means all. */
struct kb_filter {
	const char *const *tags; /* each must be on the article */
	size_t n_tags;
	const char *const *not_tags; /* none of these may be on the article */
	size_t n_not_tags;
	const char *edition;   /* edition file name (or a part of its path) */
	const char *page;      /* the edition's page: the same name, or the same
				* number ("2" is also "02") */
	const char *paper;     /* the edition's paper: its name or a part of it */
	const char *date_from; /* YYYY-MM-DD, inclusive */
	const char *date_to;   /* YYYY-MM-DD, inclusive */
	bool unread;
	size_t limit; /* 0: no limit */
	enum kb_sort sort; /* search only */
	bool bare;    /* search rows without snippets (they cost a scan of the text) */
};

/* A query as the user writes it, for the reader's list and for `kanbao
 * list` / `kanbao search`: terms separated by spaces, all of which must
 * hold (AND):
 *   word                 full text: every word must be in the article
 *   tag:X  -tag:X        with / without the tag X
 *   date:2021  date:2021-02  date:2021-02-27
 *   date:FROM..TO        any of those forms at either end; ..TO, FROM.. open
 *   page:2  paper:人民日报 (or a part of it)  edition:NAME
 *   unread               not marked read
 * A value in quotes ("" or “”) may hold spaces: tag:"两 会". The filter's
 * strings and arrays are owned by the query: it lives until
 * kb_query_finish. */
struct kb_query {
	struct kb_filter filter; /* what the terms narrow the library to */
	char *words;       /* the full-text words joined by spaces, or NULL:
			    * none (then the query is a listing) */
	char **tags;       /* owned; filter.tags points here */
	char **not_tags;   /* owned; filter.not_tags points here */
	size_t cap_tags, cap_not_tags;
	char *page, *paper, *edition; /* owned values of those terms, or NULL */
	char date_from[11], date_to[11]; /* YYYY-MM-DD, or "" */
};

/* Start an empty query (all articles, a listing). */
void kb_query_init(struct kb_query *q);
/* Free what the query holds and empty it; accepts NULL. */
void kb_query_finish(struct kb_query *q);
/* Initialise q and parse text into it. False for an unknown key:, a bad
 * date or an unclosed quote, with a message naming the term in err
 * ("date:2021-13: not a month"). Finish q whatever the result. */
bool kb_query_parse(const char *text, struct kb_query *q, char *err, size_t n);
/* Parse more terms into q (AND with what it holds); errors as above. */
bool kb_query_add(struct kb_query *q, const char *text, char *err, size_t n);
/* Add one term taken whole, its value spaces and all (a command-line
 * argument `tag:两 会` as the shell passed it); a term without a key is
 * words, as in kb_query_add. */
bool kb_query_add_term(struct kb_query *q, const char *term, char *err, size_t n);
/* Narrow q by f too (the command line's --tag, --date ... with the query's
 * terms): tags added, dates intersected, unread kept; f's limit, sort and
 * bare taken. f's strings are copied. False (err) when both give a
 * different edition, page or paper. */
bool kb_query_narrow(struct kb_query *q, const struct kb_filter *f, char *err, size_t n);

/* Called with each row of a listing or search, in order; the row and its
 * strings are borrowed for the call. Return false to stop. */
typedef bool (*kb_row_fn)(void *ctx, const struct kb_row *r);

/* Articles in reading order (paper, date, page, position), filtered. Reads
 * only the rows it returns (an index in that order). */
bool kb_store_list(struct kb_store *s, const struct kb_filter *f, struct kb_rows *out);
/* The same, each row handed to fn as it is read: constant memory. */
bool kb_store_list_each(struct kb_store *s, const struct kb_filter *f, kb_row_fn fn, void *ctx);
/* How many articles the listing holds (f's limit aside): from the
 * editions' article counts when f holds no tag and no unread condition,
 * else by walking the rows without reading them. */
bool kb_store_list_count(struct kb_store *s, const struct kb_filter *f, size_t *n);

/* An edition in the library, for the reader's list. */
struct kb_edition_row {
	int64_t id;
	char *name;  /* file name */
	char *date;  /* or NULL */
	char *page;  /* or NULL */
	char *paper; /* or NULL */
	char *title; /* or NULL */
	size_t n_articles;
	char *source; /* the file's path when last imported */
	char *key;    /* its place in the reading order (kb_store_editions_page) */
	char *lead;   /* the headline of its first article, or NULL */
	size_t n_unread; /* its articles not marked read */
};

/* Every edition in reading order (date, page, name). */
bool kb_store_editions(struct kb_store *s, struct kb_edition_row **out, size_t *n);
void kb_edition_rows_free(struct kb_edition_row *r, size_t n);
/* Free one row's strings (a row held on its own) and zero it. */
void kb_edition_row_clear(struct kb_edition_row *r);

/* Up to n editions in reading order just after (or, backward, just before)
 * the edition from (its key and id), or from the start (the end, backward)
 * when from is NULL; backward pages come nearest first. Reads only those
 * rows: a screen of a 100,000-edition library costs what one of 1,000 does.
 * Free with kb_edition_rows_free. */
bool kb_store_editions_page(struct kb_store *s, const struct kb_edition_row *from,
			    bool backward, size_t n, struct kb_edition_row **out, size_t *n_out);
/* How many editions the library holds, and how many come before from in
 * the reading order (NULL pos: not asked). */
bool kb_store_edition_count(struct kb_store *s, const struct kb_edition_row *from,
			    size_t *total, size_t *pos);

/* ---- the reader's tree (tree.c): paper, issue newest first, page ----
 * An issue is one date of one paper; a paper's editions without a date
 * are one more, undated, group of it (date NULL), after its dated ones. */
struct kb_issue_row {
	char *paper; /* or NULL */
	char *date;  /* or NULL: the paper's editions without a date */
	char *key;   /* its place in the tree's order */
	size_t n_editions, n_articles, n_unread;
	bool first_of_paper; /* no issue of its paper comes before it */
};
void kb_issue_row_clear(struct kb_issue_row *r);
void kb_issue_rows_free(struct kb_issue_row *r, size_t n);
/* Up to n issues in the tree's order just after (backward: just before)
 * the issue with key from (with skip_paper: after, or before, every issue
 * of from's paper), or from the start (the end) when from is NULL;
 * backward pages come nearest first. Each issue is a seek on an index and
 * a count of its own editions: a page costs the same anywhere. */
bool kb_store_issues_page(struct kb_store *s, const char *from, bool backward, bool skip_paper,
			  size_t n, struct kb_issue_row **out, size_t *n_out);
/* The issue with key (its counts read again). */
bool kb_store_issue(struct kb_store *s, const char *key, struct kb_issue_row *out);
/* The editions of the issue with key, in page order; their key is the
 * tree's (free with kb_edition_rows_free). */
bool kb_store_issue_editions(struct kb_store *s, const char *key, struct kb_edition_row **out,
			     size_t *n);
/* How many issues there are, and how many come before the issue key
 * before (NULL pos: not asked). Walks the issues' index: after a screen. */
bool kb_store_issue_count(struct kb_store *s, const char *before, size_t *total, size_t *pos);
/* A paper of the tree and its counts. */
struct kb_paper_row {
	char *paper; /* or NULL: the editions no paper is known for */
	char *key;   /* its prefix of the tree's keys */
	size_t n_issues, n_articles, n_unread;
};
/* The counts of the paper of the issue (or edition) key. */
bool kb_store_paper_stats(struct kb_store *s, const char *key, struct kb_paper_row *out);
void kb_paper_row_clear(struct kb_paper_row *r);
/* Does the library hold more than one paper (two seeks)? */
bool kb_store_many_papers(struct kb_store *s, bool *many);
/* The issue's key of an edition's tree key (caller frees; NULL for NULL). */
char *kb_tree_issue_key(const char *edition_key);
/* Are keys a and b (of issues or editions) of the same paper? */
bool kb_tree_same_paper(const char *a, const char *b);

/* Where article id stands: its edition (number and key in the tree's order,
 * caller frees *key) and its position in it. False when there is no such
 * article. */
bool kb_store_article_place(struct kb_store *s, const char *id, int64_t *edition, char **key,
			    size_t *ord);
/* The next (dir > 0) or previous unread article in reading order from
 * article id (NULL: from the library's start, or its end), in *next
 * (caller frees; NULL when there is none). */
bool kb_store_next_unread(struct kb_store *s, const char *id, int dir, char **next);
/* Where a reader starts who has never opened the library: the first
 * unread article of the newest issue (the newest date; editions without
 * one when none has a date), or its first article when all are read. NULL
 * when the library is empty. */
bool kb_store_newest_unread(struct kb_store *s, char **id);

/* Remove one edition from the library: which is its number (kb_edition_row
 * .id), its path or its file name (when only one edition has that name).
 * Its articles leave the library and the search index; every annotation
 * made on them is kept, detached, with its headline (`kanbao detached`),
 * never deleted. *name gets the removed edition's path (caller frees),
 * *detached the number of annotations now detached. */
bool kb_store_remove_edition(struct kb_store *s, const char *which, char **name,
			     size_t *detached);

/* The articles of one edition (by kb_edition_row.id) in page order. */
bool kb_store_edition_articles(struct kb_store *s, int64_t edition, struct kb_rows *out);

/* Full-text search, filtered, in f->sort order (newest first by default).
 * Exactly the articles holding every word of the query as the tokenizer
 * reads it (a substring search of the folded text), each with a snippet. */
bool kb_store_search(struct kb_store *s, const char *query, const struct kb_filter *f,
		     struct kb_rows *out);
/* The same, each row handed to fn as it is found: the first rows come
 * before the later ones are looked for, in constant memory. */
bool kb_store_search_each(struct kb_store *s, const char *query, const struct kb_filter *f,
			  kb_row_fn fn, void *ctx);
/* How many articles the search finds (f's limit and sort aside). A query
 * whose candidates the index alone proves (each piece one token: a word of
 * one or two characters, a number, a Latin word) and no filter is counted
 * from the index; any other is counted by confirming every
 * candidate against its text, unless quick, which then sets *n to
 * SIZE_MAX (not counted). */
bool kb_store_search_count(struct kb_store *s, const char *query, const struct kb_filter *f,
			   bool quick, size_t *n);

struct kb_highlight {
	int64_t id;
	char *quote;  /* the passage as it stood when highlighted */
	char *prefix; /* text just before it, for re-anchoring */
	char *suffix; /* text just after it */
	size_t start; /* byte offsets of the quote in the article text */
	size_t end;
	char *note;   /* or NULL */
	char *color;  /* one of kb_highlight_colors; NULL for yellow */
};

/* The colours a highlight can have (Zotero's set), in the order the reader
 * cycles them; the first, yellow, is the default and stored as NULL. */
#define KB_HL_COLORS 5
extern const char *const kb_highlight_colors[KB_HL_COLORS];

/* An article with everything the reader added to it. */
struct kb_full {
	char *id, *edition, *source, *date, *page, *paper;
	char *kicker, *title, *subtitle; /* kicker and subtitle may be NULL */
	struct kb_author *authors;       /* role and name strings owned here */
	size_t n_authors;
	struct kb_block *blocks; /* text owned here */
	size_t n_blocks;
	char *text; /* the blocks joined by '\n': what highlights point into */
	char **tags;
	size_t n_tags;
	char *note; /* or NULL */
	struct kb_highlight *highlights;
	size_t n_highlights;
	bool read;
};

/* The article named id; NULL if there is none (kb_store_error says so).
 * Caller destroys. */
struct kb_full *kb_store_get(struct kb_store *s, const char *id);
void kb_full_destroy(struct kb_full *a);

/* ---- annotations: each call one durable transaction ---- */

bool kb_store_tag(struct kb_store *s, const char *id, const char *tag);
/* Remove a tag; false (and a message) when the article does not carry it. */
bool kb_store_untag(struct kb_store *s, const char *id, const char *tag);
/* Set the article's note; NULL or "" removes it. */
bool kb_store_set_note(struct kb_store *s, const char *id, const char *text);
bool kb_store_set_read(struct kb_store *s, const char *id, bool read);
/* Highlight text[start..end) of the article (byte offsets into kb_full.text,
 * on character boundaries) with an optional note; *hid gets its id. */
bool kb_store_add_highlight(struct kb_store *s, const char *id, size_t start, size_t end,
			    const char *note, int64_t *hid);
bool kb_store_delete_highlight(struct kb_store *s, int64_t hid);
/* Set (NULL or "": remove) the note of highlight hid; it is searched with
 * the article's notes. */
bool kb_store_set_highlight_note(struct kb_store *s, int64_t hid, const char *note);
/* Set the colour of highlight hid to one of kb_highlight_colors; NULL or
 * "yellow" stores the default (NULL). An unknown name fails, and the
 * message names the allowed ones. */
bool kb_store_set_highlight_color(struct kb_store *s, int64_t hid, const char *color);

struct kb_tag_count {
	char *name;
	size_t count;
};

/* Every tag with the number of articles carrying it, by name. */
bool kb_store_tags(struct kb_store *s, struct kb_tag_count **out, size_t *n);
void kb_tag_counts_free(struct kb_tag_count *t, size_t n);

/* ---- tags across the library, and changes of many articles (tags.c) ----
 * Each call below is one durable transaction: all of it is saved or none.
 * Tag names are cleaned as kb_store_tag cleans them (trimmed; empty or
 * holding control characters refused). A tag left on an article that is no
 * longer in the library (detached) is renamed and deleted with the others.
 * Each fills an optional struct kb_change with what it did, so that the
 * reader can undo exactly that with kb_store_undo. */

/* The up to max tags carried by the most articles, most used first, ties
 * by name (the reader's quick tags when none are configured). Free with
 * kb_tag_counts_free. */
bool kb_store_tags_most_used(struct kb_store *s, size_t max, struct kb_tag_count **out,
			     size_t *n);

/* What a change of many articles was. */
enum kb_change_kind {
	KB_CHANGE_NONE,       /* nothing recorded (a zeroed or finished change) */
	KB_CHANGE_TAG_RENAME, /* tag renamed or merged into new_tag */
	KB_CHANGE_TAG_DELETE, /* tag removed from every article */
	KB_CHANGE_TAG_MANY,   /* tag added to (on) or removed from the articles */
	KB_CHANGE_READ_MANY,  /* the articles marked read (on) or unread */
};

/* One article a change changed. */
struct kb_change_item {
	char *id;     /* the article's id */
	char *at;     /* when the tag or read mark it lost was made, or NULL
		       * (it gained one) */
	bool had_new; /* rename: it carried new_tag already, so its old tag
		       * was dropped rather than renamed */
};

/* What a change did, exactly, for an undo: the articles it changed (and
 * only those: one already tagged, or already read, is not among them).
 * Filled by the calls below; the caller owns it and finishes it. */
struct kb_change {
	enum kb_change_kind kind;
	char *tag;     /* the tag (rename: its old name); NULL for read marks */
	char *new_tag; /* rename: the new name; else NULL */
	bool on;       /* many: tag added / marked read (true), or removed */
	struct kb_change_item *v; /* the articles changed: by id (rename, delete),
				   * in the order given (many) */
	size_t n;
};

/* Free what c holds and zero it; accepts NULL. */
void kb_change_finish(struct kb_change *c);

/* Every article carrying the tag old carries new_name instead, keeping when
 * it was tagged; one carrying both ends with new_name once. new_name may
 * already exist (then this is a merge). *n (may be NULL) gets the number of
 * articles changed; undo (may be NULL) what was done. False (and a message)
 * when no article carries old, or the names are the same. */
bool kb_store_tag_rename(struct kb_store *s, const char *old, const char *new_name, size_t *n,
			 struct kb_change *undo);
/* kb_store_tag_rename into a tag that must exist: false (and a message
 * saying so) when no article carries new_name, so that a typo does not make
 * a new tag. */
bool kb_store_tag_merge(struct kb_store *s, const char *old, const char *new_name, size_t *n,
			struct kb_change *undo);
/* Remove tag from every article; *n (may be NULL) gets how many carried
 * it. False (and a message) when none did. */
bool kb_store_tag_delete(struct kb_store *s, const char *tag, size_t *n, struct kb_change *undo);

/* Add the tag to (on) or remove it from each of the n articles ids, in one
 * transaction, whatever n. *changed (may be NULL) gets how many really
 * changed: an article already tagged (on) or not tagged (off) is not
 * counted, nor an id given twice. An id that names no article fails the
 * whole call (nothing saved), the message naming it. */
bool kb_store_tag_many(struct kb_store *s, const char *const *ids, size_t n, const char *tag,
		       bool on, size_t *changed, struct kb_change *undo);
/* Mark the n articles ids read (read) or unread, as kb_store_tag_many. */
bool kb_store_read_many(struct kb_store *s, const char *const *ids, size_t n, bool read,
			size_t *changed, struct kb_change *undo);

/* Reverse what c recorded, in one transaction: a rename's articles get
 * their old tag back (and lose the new one where they had not carried it),
 * deleted or removed tags and read marks come back with their times, added
 * ones go. Articles changed since keep those later changes where they do
 * not conflict. *n (may be NULL) gets the number of tags and read marks
 * written. c is not changed: undoing twice changes nothing more. */
bool kb_store_undo(struct kb_store *s, const struct kb_change *c, size_t *n);

/* An annotation whose article is no longer in the library. */
struct kb_detached {
	char *kind;       /* "tag", "note", "highlight", "read" */
	char *article_id; /* the id it was made on */
	char *title;      /* that article's headline when last seen */
	char *edition;
	char *text;       /* the tag, the note, or the highlight's quote */
	int64_t hid;      /* highlight id, for kind "highlight" */
};

bool kb_store_detached(struct kb_store *s, struct kb_detached **out, size_t *n);
void kb_detached_free(struct kb_detached *d, size_t n);

/* Move every annotation made on old_id (detached) to the article new_id. */
bool kb_store_reattach(struct kb_store *s, const char *old_id, const char *new_id);

/* ---- backup ---- */

/* Every annotation as one JSON document (caller frees): format
 * "kanbao-annotations", version 1, and per annotated article its id,
 * headline, edition file name, and its tags, note, read state and
 * highlights (quote, prefix, suffix, start, end, note, detached). */
char *kb_store_backup_json(struct kb_store *s);

struct kb_restore_stats {
	size_t added;     /* annotations written */
	size_t unchanged; /* annotations already there */
	size_t detached;  /* of those added, on articles not in this library */
};

/* Bring the annotations of a backup into this library, in one transaction:
 * attached to the same articles where their editions are imported here,
 * detached (with their headline) otherwise. Restoring twice changes
 * nothing. False (and an error naming what is wrong) for a document that
 * is not a kanbao backup. */
bool kb_store_restore_json(struct kb_store *s, const char *json, struct kb_restore_stats *st);

/* PRAGMA integrity_check and the store's own consistency checks; *report
 * gets "ok" or the problems found (caller frees). False when not ok. */
bool kb_store_check(struct kb_store *s, char **report);

/* Rebuild the search index from the articles (after a check found it out
 * of step); *report gets what was done (caller frees). Annotations are not
 * touched. */
bool kb_store_repair(struct kb_store *s, char **report);

#endif
