/* SPDX-License-Identifier: MIT */
/*
 * JSON output of the command line: strings escaped for any UTF-8 input, and
 * an edition in the parse schema of shared/PARSE-SCHEMA.md. The store's
 * subcommands build their objects from these in their own files.
 */
#ifndef KANBAO_CLI_JSON_H
#define KANBAO_CLI_JSON_H

#include "kanbao/edition.h"
#include "kanbao/sanitize.h"
#include "kanbao/util.h"

/* (kb_json_string is in kanbao/sanitize.h: the export writes JSON too) */

/* Append a valid JSON document written elsewhere (SQLite's json_object
 * leaves C1, bidi and zero-width characters raw) with those code points as
 * \uXXXX escapes and bytes that are not UTF-8 as \ufffd. Such code points
 * can only stand inside strings, so the document means the same. */
void kb_json_safe_document(struct kb_buf *b, const char *json);
/* Append the n strings of v as a JSON array of strings. */
void kb_json_strings(struct kb_buf *b, char *const *v, size_t n);
/* Append authors as an array of {role, name}. */
void kb_json_authors(struct kb_buf *b, const struct kb_author *au, size_t n);
/* Append blocks as an array of {type, text}, one per line after indent. */
void kb_json_blocks(struct kb_buf *b, const struct kb_block *bl, size_t n, const char *indent);
/* Append the edition as one JSON object (no trailing newline). */
void kb_json_edition(struct kb_buf *b, const struct kb_edition *ed);

#endif
