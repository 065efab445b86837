/* SPDX-License-Identifier: MIT */
/*
 * kanbao's FTS5 tokenizer for Chinese newspaper text. Documents index every
 * pair of adjacent Han characters as a token with each single character
 * colocated at the same position, so that a one-character query (州), a
 * two-character word (郑州) and any longer phrase ("四链一城", a chain of
 * pairs at consecutive positions) are all found exactly where the text
 * contains them. Latin letters and digits form one token per run, NFKC and
 * case folded (ＧＤＰ = gdp). See shared/CJK-NOTES.md.
 */
#ifndef KANBAO_FTS_H
#define KANBAO_FTS_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

/* Name under which the tokenizer is registered: tokenize='kanbao'. */
#define KB_FTS_TOKENIZER "kanbao"

/* Register the tokenizer on db (needed on every connection before the FTS
 * table is used). Returns an SQLite result code. */
int kb_fts_register(sqlite3 *db);

/* Turn a user's search text into an FTS5 MATCH expression for an index
 * without positions (detail=none): every token of every white-space
 * separated piece (its character pairs, a single character, a letter run)
 * becomes a quoted string of its own, all ANDed. Exact for pieces of one
 * token (one character, two, a word); for longer pieces the rows it finds
 * are candidates that kb_fts_verify confirms. Returns a malloc'd string
 * (caller frees), or NULL when the text holds nothing searchable. */
char *kb_fts_query(const char *text);

/* Does the search text need kb_fts_verify: has it a piece of more than one
 * token (三个字, 网络5G), which the index alone cannot place? */
bool kb_fts_needs_verify(const char *text);

/* Does the row (its columns' texts, NULL for an empty one) match the search
 * text as a phrase index would: every piece of the query, as its sequence
 * of tokens at consecutive positions, within one column? The same tokens
 * the index holds, so the result equals a substring search by the
 * tokenizer's rules. */
bool kb_fts_verify(const char *text, const char *const *cols, size_t n_cols);

/* The tokenizer itself: text[0..n) as a document (query false: single
 * characters with their pairs colocated) or a query (pairs), each token to
 * emit(ctx, flags, token, len, start, end) as FTS5's xToken. */
int kb_fts_tokenize(const char *text, size_t n, bool query,
		    int (*emit)(void *, int, const char *, int, int, int), void *ctx);

#endif
