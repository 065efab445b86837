/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the search: "a piece of an article's text is always
 * found". Arbitrary bytes go two ways:
 *
 *  1. as an edition file, imported into a fresh library (kb_store_import_
 *     file); pieces of 1 to 4 characters of each article's headlines and
 *     text are searched with kb_store_search (query builder, tokenizer,
 *     snippets and hit marking), and the article must be among the hits;
 *     the library must pass kb_store_check;
 *  2. as the raw text of one document (invalid UTF-8, NUL and control bytes
 *     included) in an FTS5 table with the kanbao tokenizer, searched the
 *     same way through kb_fts_query; FTS5's integrity check must pass.
 *
 * Which pieces: per the documented query syntax (src/store/tokenizer.c,
 * shared/CJK-NOTES.md), Han characters and digits are found anywhere, while
 * a run of letters is one token, found only whole. So a piece is searched
 * when it holds a Han character, a digit or a letter; a piece that starts
 * or ends with a letter only when the text has no letter (or anything this
 * target does not know to be a separator) just beyond it; and its first and
 * last characters must be ones whose tokenization this target knows (Han,
 * digits, ASCII and full-width letters, common ASCII and CJK punctuation).
 * Everything inside the piece may be anything: a query is tokenized as the
 * text is. Pieces are chosen from a generator seeded by the input, so a
 * saved input always replays the same searches. KANBAO_FUZZ_VERBOSE=1
 * prints every search on stderr.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/fts.h"
#include "kanbao/store.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARTICLES 16 /* articles whose pieces are searched */
#define PIECES 6        /* pieces searched per text of an article */
#define RAW_PIECES 32   /* pieces searched in the raw text */
#define BUDGET 48       /* searches per input in the library, at most */

/* KANBAO_FUZZ_VERBOSE set: every search is printed on stderr. */
static bool verbose;

/* What a character is, as far as the property goes. */
enum cls {
	C_HAN,     /* Han character or digit: a token wherever it stands */
	C_LETTER,  /* ASCII or full-width letter: part of a letter run */
	C_SEP,     /* punctuation or space: ends any run */
	C_INVALID, /* a byte that is not UTF-8: ends any run */
	C_NUL,     /* cannot be part of a query string */
	C_OTHER,   /* anything else: its effect on a run is not assumed */
};

/* One character (or invalid byte) of the text. */
struct unit {
	size_t off, len;
	enum cls cls;
};

/* Strict UTF-8 (as the tokenizer decodes): length of the character at
 * s[0..n) and its code point, or 0 for an invalid byte. */
static int decode(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint8_t b = s[0];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	int len;
	uint32_t c, min;
	if (b >= 0xC2 && b <= 0xDF)
		len = 2, c = b & 0x1F, min = 0x80;
	else if (b >= 0xE0 && b <= 0xEF)
		len = 3, c = b & 0x0F, min = 0x800;
	else if (b >= 0xF0 && b <= 0xF4)
		len = 4, c = b & 0x07, min = 0x10000;
	else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static enum cls classify(uint32_t c)
{
	if (c == 0)
		return C_NUL;
	if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF))
		return C_HAN;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xFF21 && c <= 0xFF3A) ||
	    (c >= 0xFF41 && c <= 0xFF5A))
		return C_LETTER;
	if (c < 0x80 || (c >= 0x3000 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
	    (c >= 0x3014 && c <= 0x301F) || (c >= 0xFF01 && c <= 0xFF0F) ||
	    (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	    (c >= 0xFF5B && c <= 0xFF65) || (c >= 0x2010 && c <= 0x2027) ||
	    (c >= 0x2030 && c <= 0x205E))
		return C_SEP;
	return C_OTHER;
}

/* Split s[0..n) into units; caller frees. */
static struct unit *units_of(const uint8_t *s, size_t n, size_t *count)
{
	struct unit *u = malloc((n + 1) * sizeof(*u));
	if (!u)
		abort();
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		int len = decode(s + i, n - i, &c);
		u[k].off = i;
		u[k].len = len ? (size_t)len : 1;
		u[k].cls = len ? classify(c) : C_INVALID;
		i += u[k++].len;
	}
	*count = k;
	return u;
}

/* Can units [a, b) be searched and must they be found? */
static bool searchable_piece(const struct unit *u, size_t n, size_t a, size_t b)
{
	bool any = false;
	for (size_t i = a; i < b; i++) {
		if (u[i].cls == C_NUL)
			return false;
		any |= u[i].cls == C_HAN || u[i].cls == C_LETTER;
	}
	if (!any)
		return false;
	if (u[a].cls == C_OTHER || u[b - 1].cls == C_OTHER)
		return false;
	if (u[a].cls == C_LETTER && a > 0 && u[a - 1].cls != C_HAN && u[a - 1].cls != C_SEP &&
	    u[a - 1].cls != C_INVALID && u[a - 1].cls != C_NUL)
		return false;
	if (u[b - 1].cls == C_LETTER && b < n && u[b].cls != C_HAN && u[b].cls != C_SEP &&
	    u[b].cls != C_INVALID && u[b].cls != C_NUL)
		return false;
	return true;
}

/* Up to want searchable pieces of text[0..n) (while *budget lasts), each
 * handed to found(); abort (with the piece) when it says no. */
static void pieces(const char *text, size_t n, uint64_t *seed, int want, int *budget,
		   bool (*found)(void *ctx, const char *piece), void *ctx, const char *what)
{
	size_t count;
	struct unit *u = units_of((const uint8_t *)text, n, &count);
	for (int tries = 0, made = 0; count && *budget > 0 && made < want && tries < 4 * want;
	     tries++) {
		size_t a = (size_t)(fuzz_rand(seed) % count);
		size_t len = 1 + (size_t)(fuzz_rand(seed) % 4);
		size_t b = a + len > count ? count : a + len;
		if (!searchable_piece(u, count, a, b))
			continue;
		made++;
		--*budget;
		size_t off = u[a].off, end = u[b - 1].off + u[b - 1].len;
		char *piece = malloc(end - off + 1);
		if (!piece)
			abort();
		memcpy(piece, text + off, end - off);
		piece[end - off] = '\0';
		if (verbose)
			fprintf(stderr, "fuzz_search: %s: search \"%s\"\n", what, piece);
		if (!found(ctx, piece)) {
			char *q = kb_fts_query(piece);
			fprintf(stderr,
				"fuzz_search: %s: \"%s\" (bytes %zu..%zu, query %s) not found\n",
				what, piece, off, end, q ? q : "(none)");
			free(q);
			abort();
		}
		free(piece);
	}
	free(u);
}

/* ---- 1. an edition in a library ---- */

struct in_store {
	struct kb_store *s;
	const char *id;
};

/* Is the article among the hits of the piece? */
static bool store_found(void *ctx, const char *piece)
{
	struct in_store *c = ctx;
	struct kb_rows rows;
	if (!kb_store_search(c->s, piece, NULL, &rows)) {
		fprintf(stderr, "fuzz_search: search failed: %s\n", kb_store_error(c->s));
		return false;
	}
	bool hit = false;
	for (size_t i = 0; i < rows.n; i++) {
		hit |= strcmp(rows.v[i].id, c->id) == 0;
		if (!rows.v[i].snippet)
			abort(); /* every hit has a snippet */
	}
	kb_rows_finish(&rows);
	return hit;
}

static void search_store(const uint8_t *data, size_t size, uint64_t *seed)
{
	char ed[600], db[600], err[512];
	fuzz_path(ed, sizeof(ed), "edition.txt");
	fuzz_path(db, sizeof(db), "search.db");
	fuzz_write_file(ed, data, size);
	fuzz_remove_db(db);
	struct kb_store *s = kb_store_open(db, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "fuzz_search: %s\n", err);
		abort();
	}
	struct kb_import_stats ist;
	enum kb_import_result r = kb_store_import_file(s, ed, NULL, NULL, &ist);
	if (r == KB_IMPORT_FAILED) {
		/* an edition the loader refuses: nothing to search */
		kb_store_close(s);
		return;
	}
	char *report = NULL;
	if (!kb_store_check(s, &report)) {
		fprintf(stderr, "fuzz_search: check after import: %s\n", report ? report : "?");
		abort();
	}
	free(report);
	struct kb_rows rows;
	if (!kb_store_list(s, NULL, &rows))
		abort();
	int budget = BUDGET;
	for (size_t i = 0; i < rows.n && i < MAX_ARTICLES; i++) {
		struct kb_full *a = kb_store_get(s, rows.v[i].id);
		if (!a)
			abort();
		struct in_store c = { s, a->id };
		const char *fields[] = { a->kicker, a->title, a->subtitle, a->text };
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			if (fields[k])
				pieces(fields[k], strlen(fields[k]), seed, PIECES, &budget,
				       store_found, &c, "an imported article");
		kb_full_destroy(a);
	}
	kb_rows_finish(&rows);
	kb_store_close(s);
}

/* ---- 2. raw text in an FTS5 table ---- */

static bool raw_found(void *ctx, const char *piece)
{
	sqlite3 *db = ctx;
	char *q = kb_fts_query(piece);
	if (!q)
		return false; /* a piece with a Han character or a letter is searchable */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM doc WHERE doc MATCH ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, q, -1, SQLITE_STATIC);
	bool hit = false;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		hit |= sqlite3_column_int64(st, 0) == 1;
	if (rc != SQLITE_DONE)
		fprintf(stderr, "fuzz_search: MATCH %s: %s\n", q, sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(q);
	return hit && rc == SQLITE_DONE;
}

static void search_raw(const uint8_t *data, size_t size, uint64_t *seed)
{
	static sqlite3 *db;
	if (!db) {
		if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
		    kb_fts_register(db) != SQLITE_OK ||
		    sqlite3_exec(db, "CREATE VIRTUAL TABLE doc USING fts5(x, tokenize='kanbao')",
				 NULL, NULL, NULL) != SQLITE_OK)
			abort();
	}
	sqlite3_exec(db, "DELETE FROM doc", NULL, NULL, NULL);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO doc(rowid, x) VALUES(1, ?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		abort();
	sqlite3_bind_text(st, 1, (const char *)data, (int)size, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE) {
		fprintf(stderr, "fuzz_search: insert: %s\n", sqlite3_errmsg(db));
		abort();
	}
	sqlite3_finalize(st);
	if (sqlite3_exec(db, "INSERT INTO doc(doc, rank) VALUES('integrity-check', 1)", NULL, NULL,
			 NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_search: integrity-check: %s\n", sqlite3_errmsg(db));
		abort();
	}
	int budget = RAW_PIECES;
	pieces((const char *)data, size, seed, RAW_PIECES, &budget, raw_found, db, "raw text");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	static bool ready;
	if (!ready) {
		verbose = getenv("KANBAO_FUZZ_VERBOSE") != NULL;
		ready = true;
	}
	uint64_t seed = fuzz_hash(data, size);
	search_raw(data, size, &seed);
	search_store(data, size, &seed);
	return 0;
}
