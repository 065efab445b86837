/* SPDX-License-Identifier: MIT */
/*
 * Text layout for the terminal, without curses: display widths measured the
 * way ncurses will draw (glibc wcwidth, with an ambiguous-width setting),
 * the characters that must never reach the terminal raw, line breaking with
 * Chinese rules on top of libunistring's break opportunities, and truncation
 * by columns. Lines come back as byte spans with their display widths; only
 * src/ui/ turns them into cells.
 */
#ifndef KANBAO_LAYOUT_H
#define KANBAO_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How East Asian Ambiguous characters (“ ” ‘ ’ — … ·) are drawn: one column
 * (glibc, most terminals, the default) or two (terminals set to CJK width). */
enum kb_ambiwidth {
	KB_AMBI_SINGLE,
	KB_AMBI_DOUBLE,
};

/* Set the process-wide ambiguous width (from the config). */
void kb_layout_set_ambiwidth(enum kb_ambiwidth a);
enum kb_ambiwidth kb_layout_ambiwidth(void);

/* Is c East Asian Ambiguous (“ ” ‘ ’ — … · and the like)? */
bool kb_is_ambiguous(uint32_t c);

/* What is drawn for code point c: c itself, a replacement (U+FFFD for C0/C1
 * controls and DEL; U+3013 〓 for characters the terminal cannot draw), or 0
 * when it is dropped (bidi controls, zero-width and format characters,
 * U+00AD, U+FEFF). Tab and newline are the caller's business (0 here). */
uint32_t kb_display_cp(uint32_t c);

/* Columns the drawn form of c takes: 0, 1 or 2. */
int kb_cp_width(uint32_t c);

/* Columns s[0..n) takes when drawn (invalid UTF-8 bytes count as U+FFFD). */
int kb_str_width(const char *s, size_t n);

/* One line of a wrapped paragraph: bytes [start, end) of the text, drawn
 * after indent blank columns, taking width columns in all (indent included).
 * Leading white space of a continuation line is not part of the span. */
struct kb_line {
	size_t start, end;
	int width;
	int indent;
};

struct kb_lines {
	struct kb_line *v;
	size_t n, cap;
};

enum {
	KB_WRAP_INDENT = 1, /* body paragraph: two ideographic spaces (4 columns)
			     * of first-line indent, the source's own indent removed */
};

/* Break text[0..len) into lines of at most width columns (width >= 1),
 * appending them to out. No line starts with closing punctuation or ends
 * with opening punctuation (GB/T 15834, clreq), —— and …… stay whole,
 * Latin words and numbers are not split unless longer than a line, a break
 * before an opening quote after Han text is allowed, an over-long run gets
 * an emergency break at a grapheme boundary. At width 1 a two-column
 * character still gets a line of its own (width 2: the UI shows a
 * placeholder). Nothing is lost, doubled or reordered: the spans cover the
 * text in order, skipping only white space at line breaks. */
void kb_layout_wrap(const char *text, size_t len, int width, unsigned flags,
		    struct kb_lines *out);

/* Free what out holds; accepts an empty set. */
void kb_lines_finish(struct kb_lines *out);

/* The longest prefix of s[0..n) that fits in width columns, leaving room
 * for "…" when the whole does not fit. Returns its byte length; *cols gets
 * its width; *ellipsis tells whether the caller must draw "…" after it. */
size_t kb_layout_truncate(const char *s, size_t n, int width, int *cols, bool *ellipsis);

#endif
