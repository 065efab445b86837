/* SPDX-License-Identifier: MIT */
/*
 * Citations for reference managers: the chosen articles as CSL-JSON (what
 * Zotero, citeproc and pandoc read; each item a newspaper article) and as
 * BibTeX (@article, entrysubtype newspaper, as biblatex and pandoc read it).
 * Only what the paper printed and what the reader added goes in: headline
 * (kb_export_title: an untitled article's first words), authors' names
 * (their role words left out, a Chinese name kept whole as a literal),
 * paper, page, date, note and tags; a field the article lacks is left out.
 *
 * Every value reads back as exactly the store's text. JSON strings escape
 * quotes, backslashes and every code point the sanitiser keeps off a
 * terminal, so the file is also safe to print. BibTeX has no such escapes:
 * its special characters are written as commands, and what LaTeX readers
 * turn into typography (-- into a dash, ' and ` into curly quotes, runs of
 * spaces into one, a title's capitals into lower case) is protected.
 * What BibTeX cannot carry exactly is made safe as on a terminal: control
 * characters become U+FFFD, invisible ones are dropped, a tab is a space.
 */
#include "kanbao/export.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/sanitize.h"

/* A set string: not NULL and not empty. */
static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

/* Split date "YYYY", "YYYY-MM" or "YYYY-MM-DD" into parts; their number,
 * or 0 when date is not one of those forms. */
static int date_parts(const char *date, int part[3])
{
	static const size_t width[3] = { 4, 2, 2 };
	const char *p = date;
	int n = 0;
	for (; n < 3; n++) {
		if (n && *p++ != '-')
			return 0;
		int v = 0;
		for (size_t i = 0; i < width[n]; i++, p++) {
			if (*p < '0' || *p > '9')
				return 0;
			v = v * 10 + (*p - '0');
		}
		part[n] = v;
		if (!*p)
			return n + 1;
	}
	return 0;
}

/* ---- CSL-JSON ---- */

/* Append ",\n    \"key\": " and s as a JSON string. */
static void json_field(struct kb_buf *b, const char *key, const char *s)
{
	kb_buf_printf(b, ",\n    \"%s\": ", key);
	kb_json_string(b, s);
}

static void csl_item(struct kb_buf *b, const struct kb_full *a)
{
	kb_buf_puts(b, "  {\n    \"id\": ");
	kb_json_string(b, a->id);
	kb_buf_puts(b, ",\n    \"type\": \"article-newspaper\"");
	char *title = kb_export_title(a);
	json_field(b, "title", title);
	free(title);
	bool any = false;
	for (size_t i = 0; i < a->n_authors; i++) {
		if (!opt(a->authors[i].name))
			continue;
		kb_buf_puts(b, any ? ", {\"literal\": " : ",\n    \"author\": [{\"literal\": ");
		kb_json_string(b, a->authors[i].name);
		kb_buf_putc(b, '}');
		any = true;
	}
	if (any)
		kb_buf_putc(b, ']');
	if (opt(a->paper))
		json_field(b, "container-title", a->paper);
	if (opt(a->page))
		json_field(b, "page", a->page);
	int part[3];
	int np = opt(a->date) ? date_parts(a->date, part) : 0;
	if (np) {
		kb_buf_puts(b, ",\n    \"issued\": {\"date-parts\": [[");
		for (int i = 0; i < np; i++)
			kb_buf_printf(b, "%s%d", i ? ", " : "", part[i]);
		kb_buf_puts(b, "]]}");
	} else if (opt(a->date)) { /* not a date of the store's form: kept as written */
		kb_buf_puts(b, ",\n    \"issued\": {\"literal\": ");
		kb_json_string(b, a->date);
		kb_buf_putc(b, '}');
	}
	if (opt(a->note))
		json_field(b, "note", a->note);
	if (a->n_tags) {
		struct kb_buf k;
		kb_buf_init(&k);
		for (size_t i = 0; i < a->n_tags; i++) {
			if (i)
				kb_buf_puts(&k, ", ");
			kb_buf_puts(&k, a->tags[i]);
		}
		json_field(b, "keyword", k.data ? k.data : "");
		kb_buf_finish(&k);
	}
	kb_buf_puts(b, "\n  }");
}

char *kb_export_csl_json(struct kb_full *const *arts, size_t n)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, n ? "[\n" : "[");
	for (size_t i = 0; i < n; i++) {
		csl_item(&b, arts[i]);
		kb_buf_puts(&b, i + 1 < n ? ",\n" : "\n");
	}
	kb_buf_puts(&b, "]\n");
	return kb_buf_steal(&b);
}

/* ---- BibTeX ---- */

/* Does the text at s (n bytes left) start with a line break or a space
 * (invisible characters, which are dropped, skipped), or end, so that a
 * LaTeX reader would drop or merge a space before it? */
static bool spacing(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint32_t c;
		i += kb_utf8_next(s + i, n - i, &c);
		enum kb_char_class k = kb_char_class(c);
		if (k != KB_CHAR_INVISIBLE)
			return c == ' ' || c == '\r' || k == KB_CHAR_NEWLINE || k == KB_CHAR_TAB;
	}
	return true;
}

/* Append s as the text of a braced BibTeX value, so that a reader (pandoc,
 * biber) gets exactly s: { } \ % & $ # _ ^ ~ as commands; ' and ` as
 * accents on nothing (pandoc reads those back as the plain marks, where a
 * bare one would become a curly quote); curly quotes each in braces (else
 * pandoc reads a pair as a quotation and writes ‘ ’ back as “ ”); a hyphen
 * before another one followed by {} (-- and --- are dashes); a line break
 * as \\ (a [ after it braced: no optional argument) and a space where
 * LaTeX would drop or merge it (at either end, next to another space or a
 * line break) as { }. */
static void bib_text(struct kb_buf *b, const char *s)
{
	size_t n = strlen(s), i = 0;
	bool after_space = true; /* the start of the value counts as a space */
	bool after_break = false;
	while (i < n) {
		uint32_t c;
		size_t k = kb_utf8_next(s + i, n - i, &c);
		enum kb_char_class cls = kb_char_class(c);
		bool space = false, brk = false;
		if (c == '\r' && i + k < n && s[i + k] == '\n') {
			/* the \n that follows is the line break */
		} else if (c == '\r' || cls == KB_CHAR_NEWLINE) {
			/* the space ends \\ (pandoc would read \\{ as \ and \{) and
			 * is dropped by the reader */
			kb_buf_puts(b, "\\\\ ");
			space = brk = true;
		} else if (c == ' ' || cls == KB_CHAR_TAB) {
			if (after_space || spacing(s + i + k, n - i - k))
				kb_buf_puts(b, "{ }");
			else
				kb_buf_putc(b, ' ');
			space = true;
		} else if ((c == 0xFFFD && k == 1) || cls == KB_CHAR_CONTROL) {
			kb_buf_puts(b, "\xEF\xBF\xBD"); /* a control, or a byte not UTF-8 */
		} else if (cls == KB_CHAR_INVISIBLE) {
			i += k; /* dropped, as on a terminal; the space before stays one */
			continue;
		} else if (c && c < 0x80 && strchr("{}%&$#_", (int)c)) {
			kb_buf_printf(b, "\\%c", (char)c);
		} else if (c == '\\') {
			kb_buf_puts(b, "\\textbackslash{}");
		} else if (c == '^') {
			kb_buf_puts(b, "\\textasciicircum{}");
		} else if (c == '~') {
			kb_buf_puts(b, "\\textasciitilde{}");
		} else if (c == '\'' || c == '`') {
			kb_buf_printf(b, "\\%c{}", (char)c);
		} else if (c == '[' && after_break) {
			kb_buf_puts(b, "{[}"); /* not \\'s optional argument */
		} else if (c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D) {
			kb_buf_putc(b, '{'); /* alone: never paired into a quotation */
			kb_buf_append(b, s + i, k);
			kb_buf_putc(b, '}');
		} else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
			kb_buf_puts(b, "-{}");
		} else {
			kb_buf_append(b, s + i, k);
		}
		after_space = space;
		after_break = brk;
		i += k;
	}
}

/* Append "  key = {" value "},\n". */
static void bib_field(struct kb_buf *b, const char *key, const char *value)
{
	kb_buf_printf(b, "  %s = {", key);
	bib_text(b, value);
	kb_buf_puts(b, "},\n");
}

static void bib_entry(struct kb_buf *b, const struct kb_full *a)
{
	/* the key is the id: [0-9a-z] in the store; anything else made safe */
	kb_buf_puts(b, "@article{");
	for (const char *p = a->id; *p; p++) {
		char c = *p;
		bool ok =
			(c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		kb_buf_putc(b, ok ? c : '_');
	}
	kb_buf_puts(b, ",\n  entrysubtype = {newspaper},\n");
	char *title = kb_export_title(a);
	kb_buf_puts(b, "  title = {{"); /* braced twice: kept, not put in sentence case */
	bib_text(b, title);
	kb_buf_puts(b, "}},\n");
	free(title);
	bool any = false;
	for (size_t i = 0; i < a->n_authors; i++) {
		if (!opt(a->authors[i].name))
			continue;
		/* each name braced: one literal name, never split into family
		 * and given names, an " and " in it no separator */
		kb_buf_puts(b, any ? "} and {" : "  author = {{");
		bib_text(b, a->authors[i].name);
		any = true;
	}
	if (any)
		kb_buf_puts(b, "}},\n");
	if (opt(a->paper))
		bib_field(b, "journal", a->paper);
	int part[3];
	int np = opt(a->date) ? date_parts(a->date, part) : 0;
	if (np) {
		bib_field(b, "date", a->date);
		kb_buf_printf(b, "  year = {%04d},\n", part[0]);
		if (np > 1)
			kb_buf_printf(b, "  month = {%d},\n", part[1]);
	} else if (opt(a->date)) {
		bib_field(b, "date", a->date);
	}
	if (opt(a->page))
		bib_field(b, "pages", a->page);
	if (a->n_tags) {
		kb_buf_puts(b, "  keywords = {");
		for (size_t i = 0; i < a->n_tags; i++) {
			if (i)
				kb_buf_puts(b, ", ");
			bib_text(b, a->tags[i]);
		}
		kb_buf_puts(b, "},\n");
	}
	if (opt(a->note))
		bib_field(b, "note", a->note);
	kb_buf_puts(b, "}\n");
}

char *kb_export_bibtex(struct kb_full *const *arts, size_t n)
{
	struct kb_buf b;
	kb_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			kb_buf_putc(&b, '\n');
		bib_entry(&b, arts[i]);
	}
	return kb_buf_steal(&b);
}
