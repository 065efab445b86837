/* SPDX-License-Identifier: MIT */
/*
 * The one sanitiser for untrusted text (edition text, notes, tags, file
 * names) on its way to a terminal, and the one classification of the code
 * points that must not reach one raw (shared/RELIABILITY.md): C0 controls,
 * DEL and C1 (U+0080-U+009F) are shown as U+FFFD; bidi controls, zero-width
 * and other invisible format characters are dropped; bytes that are not
 * UTF-8 become U+FFFD. The escapers of the JSON and Markdown/YAML writers
 * use the same classification to escape (not drop) the same code points,
 * so their output is safe to print and still exact. No curses, no locale.
 */
#ifndef KANBAO_SANITIZE_H
#define KANBAO_SANITIZE_H

#include <stddef.h>
#include <stdint.h>

#include "kanbao/util.h"

/* What a code point is, for anything that prints untrusted text. */
enum kb_char_class {
	KB_CHAR_TEXT,      /* printable: written as is */
	KB_CHAR_NEWLINE,   /* '\n', U+2028 LINE and U+2029 PARAGRAPH SEPARATOR */
	KB_CHAR_TAB,       /* '\t' */
	KB_CHAR_CONTROL,   /* other C0, DEL, C1: act on a terminal; shown as U+FFFD */
	KB_CHAR_INVISIBLE, /* bidi controls, zero-width characters, soft hyphen,
			    * BOM: reorder or hide text; dropped (as mutt does) */
};

/* The class of code point c (any value; surrogates and values past
 * U+10FFFF are KB_CHAR_CONTROL: they never come out of kb_utf8_next). */
enum kb_char_class kb_char_class(uint32_t c);

/* Decode the UTF-8 character at s (n > 0 bytes left) into *c and return its
 * length. A byte that does not start a valid, shortest-form character
 * (overlong forms, surrogates, a cut sequence) gives U+FFFD and length 1,
 * so decoding never stops and never runs past s + n. */
size_t kb_utf8_next(const char *s, size_t n, uint32_t *c);

/* Flags for kb_sanitize. */
enum {
	KB_SANITIZE_NEWLINES = 1, /* keep '\n' (U+2028/9 become '\n'); else a space */
	KB_SANITIZE_TABS = 2,     /* keep '\t'; else a space */
};

/* Append s[0..n) to b made safe for a terminal: KB_CHAR_CONTROL and invalid
 * UTF-8 as U+FFFD, KB_CHAR_INVISIBLE dropped, line breaks and tabs as the
 * flags say. CJK and every other printable character are kept exactly. */
void kb_sanitize(struct kb_buf *b, const char *s, size_t n, unsigned flags);

/* kb_sanitize of a NUL-terminated string (NULL appends nothing). */
void kb_sanitize_str(struct kb_buf *b, const char *s, unsigned flags);

/* Append s as a JSON string (NULL: null): quotes and backslashes escaped,
 * bytes that are not UTF-8 as \ufffd, every code point that is not
 * KB_CHAR_TEXT as \uXXXX: exact once parsed, safe on a terminal. Used by
 * the command line's JSON and the CSL-JSON export. */
void kb_json_string(struct kb_buf *b, const char *s);

#endif
