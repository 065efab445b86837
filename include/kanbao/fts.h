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

#include <sqlite3.h>

/* Name under which the tokenizer is registered: tokenize='kanbao'. */
#define KB_FTS_TOKENIZER "kanbao"

/* Register the tokenizer on db (needed on every connection before the FTS
 * table is used). Returns an SQLite result code. */
int kb_fts_register(sqlite3 *db);

/* Turn a user's search text into an FTS5 MATCH expression: each white-space
 * separated piece becomes a quoted phrase (inner quotes doubled), pieces are
 * ANDed. Returns a malloc'd string (caller frees), or NULL when the text
 * holds nothing searchable. */
char *kb_fts_query(const char *text);

#endif
