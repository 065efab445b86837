/* SPDX-License-Identifier: MIT */
/*
 * Markdown export: an article's metadata as YAML front matter and its note,
 * highlights, tags (and optionally its text) as CommonMark, written so that
 * what a renderer shows is exactly the stored text.
 *
 * Format choices (the golden files in tests/golden/export/ show them):
 * - Every front-matter string is a double-quoted YAML scalar. An article's
 *   front matter holds what pandoc and CSL read (title, author: the names
 *   alone, date, issued, container-title: the paper, page), what note tools
 *   query (tags, aliases: the kicker) and kanbao's own (bylines: role and
 *   name as printed, kicker, subtitle, id, source: the edition's file name,
 *   never a path of this machine, exported); a missing value is left out
 *   (tags is `[]` when empty). An untitled article is titled by its first
 *   words (kb_export_title) in front matter, heading and file name.
 * - The paper's text is escaped rather than fenced: the characters
 *   CommonMark (and the common GFM extensions: tables, strikethrough, math)
 *   read as inline syntax are backslash-escaped everywhere; those that only
 *   start a block (+ - =, "1." "1)") are escaped at the start of a line;
 *   leading and trailing spaces and tabs of a line, and control
 *   characters, become numeric character references (&#32; &#9; &#13;),
 *   which render as themselves. So do C1 controls, bidi controls,
 *   zero-width characters and U+2028/9 (every code point
 *   kanbao/sanitize.h keeps off a terminal), so neither the .md file nor
 *   `kanbao export` on a terminal carries them raw, and a renderer still
 *   shows exactly the text. Bytes that are not UTF-8 become U+FFFD; all
 *   other text (CJK, emoji) is copied byte for byte.
 * - The user's own writing (notes, highlights' notes) is Markdown and
 *   passes through as written, only those code points made references and
 *   kanbao's keep-marker broken (md_user); `notes_as_text` escapes it as
 *   the paper's text instead.
 * - In the front matter, the same code points are \uXXXX escapes.
 * - A line break inside the paper's text is a hard break (backslash at the
 *   end of the line); a trailing line break cannot be shown by CommonMark
 *   and is dropped.
 * - A highlight is a block quote (`> ` on every line) followed by its note
 *   as a separate paragraph; a colour other than yellow (the default)
 *   follows the quote as ` *(red)*` (the quote's own asterisks are escaped,
 *   so the marker cannot be mistaken for quoted text); tags are a bullet
 *   list (a `#tag` at the start of a line would be a heading); with the
 *   text, highlighted spans are wrapped in raw inline HTML <mark>…</mark>
 *   (in the highlight's colour), closed and reopened at paragraph ends.
 * - A document (several articles) is titled by what was asked for
 *   (`subject`); its contents link each section's heading, the article's
 *   title: wiki links `[[#标题]]` (Obsidian, Logseq; the default) or
 *   CommonMark links to the id GitHub and pandoc's gfm give the heading.
 */
#include "kanbao/export.h"

#include "kanbao/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/sanitize.h"

#include <unictype.h>

/* How the escaper writes a text: what starts each new line, whether line
 * breaks are allowed, and whether it is at the start of a line. */
struct esc {
	const char *prefix; /* written after each line break ("> " in a quote) */
	bool oneline;       /* headings, list items, link text: no line breaks */
	bool bol;           /* at the start of a line */
	bool more;          /* the line goes on after this piece (a </mark>) */
};

/* Characters CommonMark or a common extension may read as inline syntax
 * anywhere in a line. */
static const char always[] = "\\`*_[]<>#!|~&$";

/* Whether s[i..n) is a run of spaces and tabs reaching a line end (or n,
 * unless more follows on the line), where CommonMark would strip it. */
static bool trailing_space(const char *s, size_t i, size_t n, bool more)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n ? !more : s[i] == '\n';
}

/* Append s[0..n) escaped per e; e->bol is carried across calls so a text may
 * be written in pieces (around <mark> tags). */
static void esc_text(struct kb_buf *b, const char *s, size_t n, struct esc *e)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n') {
			if (e->oneline) {
				kb_buf_puts(b, "&#10;");
				e->bol = false;
				continue;
			}
			kb_buf_puts(b, "\\\n");
			kb_buf_puts(b, e->prefix ? e->prefix : "");
			e->bol = true;
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (e->bol || trailing_space(s, i, n, e->more))
				kb_buf_puts(b, c == ' ' ? "&#32;" : "&#9;");
			else
				kb_buf_putc(b, (char)c);
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			kb_buf_printf(b, "&#%u;", c);
			e->bol = false;
			continue;
		}
		if (c >= 0x80) {
			uint32_t cp;
			size_t len = kb_utf8_next(s + i, n - i, &cp);
			if (cp == 0xFFFD && len == 1)
				kb_buf_puts(b, "\xEF\xBF\xBD"); /* not UTF-8 */
			else if (kb_char_class(cp) != KB_CHAR_TEXT)
				kb_buf_printf(b, "&#%u;", (unsigned)cp);
			else
				kb_buf_append(b, s + i, len);
			i += len - 1;
			e->bol = false;
			continue;
		}
		if (e->bol && (c == '+' || c == '-' || c == '=')) {
			kb_buf_putc(b, '\\');
			kb_buf_putc(b, (char)c);
			e->bol = false;
			continue;
		}
		if (e->bol && c >= '0' && c <= '9') {
			size_t j = i;
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			kb_buf_append(b, s + i, j - i);
			if (j < n && (s[j] == '.' || s[j] == ')')) {
				kb_buf_putc(b, '\\');
				kb_buf_putc(b, s[j]);
				j++;
			}
			i = j - 1;
			e->bol = false;
			continue;
		}
		if (strchr(always, (int)c))
			kb_buf_putc(b, '\\');
		kb_buf_putc(b, (char)c);
		e->bol = false;
	}
}

/* Append s escaped as the start of a block: prefix after each line break,
 * or on one line. Trailing line breaks are dropped (see the top comment). */
static void md_block_text(struct kb_buf *b, const char *s, const char *prefix, bool oneline)
{
	struct esc e = { prefix, oneline, true, false };
	size_t n = strlen(s);
	if (!oneline)
		while (n > 0 && s[n - 1] == '\n')
			n--;
	esc_text(b, s, n, &e);
}

void kb_md_text(struct kb_buf *b, const char *s)
{
	md_block_text(b, s ? s : "", NULL, false);
}

/* A double-quoted scalar is valid YAML 1.1 and 1.2 (PyYAML, libyaml, js-yaml)
 * when it escapes the quote, the backslash, the characters outside YAML's
 * printable set (C0, DEL, C1) and those YAML 1.1 reads as line breaks
 * (U+0085, U+2028, U+2029); bidi and zero-width controls are escaped too,
 * like everything kanbao/sanitize.h keeps off a terminal. Bytes that are
 * not UTF-8 become U+FFFD. */
void kb_yaml_string(struct kb_buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t n = strlen((const char *)p);
	kb_buf_putc(b, '"');
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kb_utf8_next((const char *)p + i, n - i, &c);
		if (c == 0xFFFD && len == 1) {
			kb_buf_puts(b, "\\uFFFD"); /* not UTF-8 */
			i++;
			continue;
		}
		if (c == '"')
			kb_buf_puts(b, "\\\"");
		else if (c == '\\')
			kb_buf_puts(b, "\\\\");
		else if (c == '\n')
			kb_buf_puts(b, "\\n");
		else if (c == '\t')
			kb_buf_puts(b, "\\t");
		else if (c == '\r')
			kb_buf_puts(b, "\\r");
		else if (kb_char_class(c) != KB_CHAR_TEXT)
			kb_buf_printf(b, "\\u%04X", (unsigned)c); /* all such are in the BMP */
		else
			kb_buf_append(b, (const char *)p + i, len);
		i += len;
	}
	kb_buf_putc(b, '"');
}

/* `key: "value"` or `key: null`, at the given indentation. */
static void yaml_field(struct kb_buf *b, const char *indent, const char *key, const char *v)
{
	kb_buf_printf(b, "%s%s: ", indent, key);
	if (v)
		kb_yaml_string(b, v);
	else
		kb_buf_puts(b, "null");
	kb_buf_putc(b, '\n');
}

/* `key:` and a block list of quoted strings, or `key: []`. */
static void yaml_list(struct kb_buf *b, const char *indent, const char *key,
		      const char *const *v, size_t n)
{
	kb_buf_printf(b, "%s%s:%s\n", indent, key, n ? "" : " []");
	for (size_t i = 0; i < n; i++) {
		kb_buf_printf(b, "%s  - ", indent);
		kb_yaml_string(b, v[i]);
		kb_buf_putc(b, '\n');
	}
}

/* An author as one string: "role name", or the name alone (a byline).
 * Caller frees. */
static char *author_string(const struct kb_author *au)
{
	struct kb_buf s;
	kb_buf_init(&s);
	if (au->role && au->role[0]) {
		kb_buf_puts(&s, au->role);
		kb_buf_putc(&s, ' ');
	}
	kb_buf_puts(&s, au->name ? au->name : "");
	return kb_buf_steal(&s);
}

/* The bylines as strings (see author_string); free with free_strings. */
static char **author_strings(const struct kb_full *a)
{
	char **v = kb_xcalloc(a->n_authors + 1, sizeof(*v));
	for (size_t i = 0; i < a->n_authors; i++)
		v[i] = author_string(&a->authors[i]);
	return v;
}

/* The authors' names alone, each once (a name may come with two roles);
 * the strings are a's. Caller frees the array; *n gets the count. */
static const char **author_names(const struct kb_full *a, size_t *n)
{
	const char **v = kb_xcalloc(a->n_authors + 1, sizeof(*v));
	*n = 0;
	for (size_t i = 0; i < a->n_authors; i++) {
		const char *name = a->authors[i].name;
		bool seen = !name || !name[0];
		for (size_t k = 0; k < *n && !seen; k++)
			seen = strcmp(v[k], name) == 0;
		if (!seen)
			v[(*n)++] = name;
	}
	return v;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The non-empty string, or NULL (a missing value). */
static const char *opt(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* `key: "value"`, nothing when the value is missing. */
static void yaml_opt(struct kb_buf *b, const char *key, const char *v)
{
	if (opt(v))
		yaml_field(b, "", key, v);
}

/* The front matter of one article, between `---` lines: the fields pandoc
 * and CSL read (title, author, date, issued, container-title, page), what
 * note tools query (tags, aliases), and kanbao's own (id, source,
 * bylines, kicker, subtitle, exported). */
static void article_front_matter(struct kb_buf *b, const struct kb_full *a,
				 const struct kb_export_opts *o)
{
	kb_buf_puts(b, "---\n");
	char *title = kb_export_title(a);
	yaml_field(b, "", "title", title);
	free(title);
	if (opt(a->kicker)) {
		const char *alias = a->kicker;
		yaml_list(b, "", "aliases", &alias, 1);
	}
	yaml_opt(b, "subtitle", a->subtitle);
	size_t nn;
	const char **names = author_names(a, &nn);
	yaml_list(b, "", "author", names, nn);
	free(names);
	char **by = author_strings(a);
	if (a->n_authors)
		yaml_list(b, "", "bylines", (const char *const *)by, a->n_authors);
	free_strings(by, a->n_authors);
	yaml_opt(b, "date", a->date);
	yaml_opt(b, "issued", a->date);
	yaml_opt(b, "container-title", a->paper);
	yaml_opt(b, "page", a->page);
	yaml_opt(b, "kicker", a->kicker);
	yaml_list(b, "", "tags", (const char *const *)a->tags, a->n_tags);
	yaml_field(b, "", "id", a->id);
	yaml_opt(b, "source", a->edition);
	yaml_field(b, "", "exported", o ? o->exported : NULL);
	kb_buf_puts(b, "---\n");
}

/* A heading of the given level, its text on one line. */
static void md_heading(struct kb_buf *b, int level, const char *text)
{
	kb_buf_printf(b, "\n%.*s ", level, "######");
	md_block_text(b, text ? text : "", NULL, true);
	kb_buf_putc(b, '\n');
}

/* A heading whose text is ours (never escaped). */
static void md_label(struct kb_buf *b, int level, const char *text)
{
	kb_buf_printf(b, "\n%.*s %s\n", level, "######", text);
}

/* The marker after which a file's own text is kept on re-export; a note
 * that holds it has it broken (its "<" as &lt;), or a re-export would
 * take the note's rest for the user's text. */
static const char marker_start[] = "<!-- kanbao:";

static void md_paragraphs(struct kb_buf *b, const char *s);

/* The user's own writing (a note, a highlight's note) as Markdown: passed
 * through, after a blank line, with what must never reach a file raw made
 * harmless (control, bidi and zero-width characters as numeric
 * references, as everywhere; CR LF as LF; bytes that are not UTF-8 as
 * U+FFFD; kanbao's marker broken). */
static void md_user(struct kb_buf *b, const char *s)
{
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	size_t i = 0;
	while (i < n && (s[i] == '\n' || s[i] == '\r'))
		i++;
	if (i == n)
		return;
	kb_buf_putc(b, '\n');
	while (i < n) {
		if (strncmp(s + i, marker_start, sizeof(marker_start) - 1) == 0) {
			kb_buf_puts(b, "&lt;");
			i++;
			continue;
		}
		uint32_t c;
		size_t len = kb_utf8_next(s + i, n - i, &c);
		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n') {
				i++;
				continue;
			}
			kb_buf_putc(b, '\n');
		} else if (c == 0xFFFD && len == 1) {
			kb_buf_puts(b, "\xEF\xBF\xBD");
		} else if (c == '\n' || c == '\t' || kb_char_class(c) == KB_CHAR_TEXT) {
			kb_buf_append(b, s + i, len);
		} else {
			kb_buf_printf(b, "&#%u;", (unsigned)c);
		}
		i += len;
	}
	kb_buf_putc(b, '\n');
}

/* A note: the user's Markdown, or escaped as text (export-notes-as text). */
static void md_note(struct kb_buf *b, const char *s, const struct kb_export_opts *o)
{
	if (o && o->notes_as_text)
		md_paragraphs(b, s);
	else
		md_user(b, s);
}

/* The paragraphs of s (separated by blank lines), each after a blank line,
 * with line breaks inside a paragraph as hard breaks. */
static void md_paragraphs(struct kb_buf *b, const char *s)
{
	const char *p = s;
	while (*p) {
		while (*p == '\n')
			p++;
		if (!*p)
			break;
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		char *para = kb_xstrndup(p, n);
		kb_buf_putc(b, '\n');
		md_block_text(b, para, NULL, false);
		kb_buf_putc(b, '\n');
		free(para);
		p += n;
	}
}

/* A highlight's byte range, clipped to the text, and its colour (NULL:
 * yellow). */
struct range {
	size_t start, end;
	const char *color;
};

static int range_cmp(const void *x, const void *y)
{
	const struct range *a = x, *b = y;
	return a->start < b->start ? -1 : a->start > b->start ? 1 : 0;
}

static bool same_color(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The highlighted ranges of a's text, sorted and merged where they overlap
 * (one <mark> each, in the first one's colour) or touch in one colour.
 * Caller frees. */
static struct range *merged_ranges(const struct kb_full *a, size_t *n)
{
	size_t len = a->text ? strlen(a->text) : 0, k = 0;
	struct range *r = kb_xcalloc(a->n_highlights + 1, sizeof(*r));
	for (size_t i = 0; i < a->n_highlights; i++) {
		size_t s = a->highlights[i].start, e = a->highlights[i].end;
		const char *c = a->highlights[i].color;
		if (c && strcmp(c, kb_highlight_colors[0]) == 0)
			c = NULL;
		if (e > len)
			e = len;
		if (s < e)
			r[k++] = (struct range){ s, e, c };
	}
	qsort(r, k, sizeof(*r), range_cmp);
	size_t m = 0;
	for (size_t i = 0; i < k; i++) {
		if (m > 0 && (r[i].start < r[m - 1].end ||
			      (r[i].start == r[m - 1].end && same_color(r[i].color, r[m - 1].color)))) {
			if (r[i].end > r[m - 1].end)
				r[m - 1].end = r[i].end;
		} else {
			r[m++] = r[i];
		}
	}
	*n = m;
	return r;
}

/* The opening tag of a mark in colour c: plain <mark> for yellow (every
 * renderer's default); else a class to style and the colour inline, as
 * Obsidian and most Markdown previews draw it (Zotero's palette, half
 * transparent so that the text stays legible). */
static void mark_open(struct kb_buf *b, const char *c)
{
	static const struct {
		const char *name, *rgb;
	} palette[] = {
		{"red", "#ff6666"}, {"green", "#5fb236"}, {"blue", "#2ea8e5"}, {"purple", "#a28ae5"},
	};
	for (size_t i = 0; c && i < sizeof(palette) / sizeof(palette[0]); i++)
		if (strcmp(c, palette[i].name) == 0) {
			kb_buf_printf(b, "<mark class=\"kb-%s\" style=\"background: %s80\">",
				      palette[i].name, palette[i].rgb);
			return;
		}
	kb_buf_puts(b, "<mark>");
}

/* One block of the text (at byte off of a->text, len bytes) with the parts
 * inside the ranges wrapped in <mark>. */
static void marked_block(struct kb_buf *b, const char *s, size_t off, size_t len,
			 const struct range *r, size_t nr, bool oneline)
{
	struct esc e = { NULL, oneline, true, true };
	size_t pos = off, end = off + len;
	for (size_t i = 0; i < nr && pos < end; i++) {
		if (r[i].end <= pos || r[i].start >= end)
			continue;
		size_t ms = r[i].start > pos ? r[i].start : pos;
		size_t me = r[i].end < end ? r[i].end : end;
		esc_text(b, s + pos, ms - pos, &e);
		mark_open(b, r[i].color);
		esc_text(b, s + ms, me - ms, &e);
		kb_buf_puts(b, "</mark>");
		pos = me;
	}
	e.more = false;
	esc_text(b, s + pos, end - pos, &e);
}

/* The article's text: paragraphs and headings (at heading_level), with the
 * highlights marked. The blocks are a->text split at '\n'. */
static void md_text_section(struct kb_buf *b, const struct kb_full *a, int heading_level)
{
	size_t nr;
	struct range *r = merged_ranges(a, &nr);
	const char *s = a->text ? a->text : "";
	size_t off = 0, total = strlen(s);
	for (size_t k = 0; k < a->n_blocks && off <= total; k++) {
		const char *nl = strchr(s + off, '\n');
		size_t len = nl ? (size_t)(nl - (s + off)) : total - off;
		if (len > 0) {
			bool heading = a->blocks[k].type == KB_BLOCK_HEADING;
			if (heading)
				kb_buf_printf(b, "\n%.*s ", heading_level, "######");
			else
				kb_buf_putc(b, '\n');
			marked_block(b, s, off, len, r, nr, heading);
			kb_buf_putc(b, '\n');
		}
		off += len + 1;
	}
	free(r);
}

/* Note, highlights, (tags), (text) of an article, headings at level. */
static void article_body(struct kb_buf *b, const struct kb_full *a,
			 const struct kb_export_opts *o, int level, bool tags)
{
	if (a->note && a->note[0]) {
		md_label(b, level, _("Note"));
		md_note(b, a->note, o);
	}
	if (a->n_highlights) {
		md_label(b, level, _("Highlights"));
		for (size_t i = 0; i < a->n_highlights; i++) {
			const struct kb_highlight *h = &a->highlights[i];
			kb_buf_puts(b, "\n> ");
			md_block_text(b, h->quote ? h->quote : "", "> ", false);
			if (h->color && strcmp(h->color, "yellow") != 0) {
				kb_buf_puts(b, " *(");
				md_block_text(b, h->color, NULL, true);
				kb_buf_puts(b, ")*");
			}
			kb_buf_putc(b, '\n');
			if (h->note && h->note[0])
				md_note(b, h->note, o);
		}
	}
	if (tags && a->n_tags) {
		md_label(b, level, _("Tags"));
		kb_buf_putc(b, '\n');
		for (size_t i = 0; i < a->n_tags; i++) {
			kb_buf_puts(b, "- ");
			md_block_text(b, a->tags[i], NULL, true);
			kb_buf_putc(b, '\n');
		}
	}
	if (o && o->with_text) {
		md_label(b, level, _("Text"));
		md_text_section(b, a, level + 1);
	}
}

char *kb_export_article_md(const struct kb_full *a, const struct kb_export_opts *o)
{
	struct kb_buf b;
	kb_buf_init(&b);
	article_front_matter(&b, a, o);
	char *title = kb_export_title(a);
	md_heading(&b, 1, title);
	free(title);
	if (opt(a->subtitle))
		md_paragraphs(&b, a->subtitle);
	article_body(&b, a, o, 2, true);
	return kb_buf_steal(&b);
}

/* One item of an article's metadata list; nothing when v is missing. */
static void meta_item(struct kb_buf *b, const char *label, const char *v)
{
	if (!opt(v))
		return;
	kb_buf_printf(b, "- %s: ", label);
	struct esc e = { NULL, true, false, false };
	esc_text(b, v, strlen(v), &e);
	kb_buf_putc(b, '\n');
}

/* A metadata item listing strings, joined by sep. */
static void meta_list(struct kb_buf *b, const char *label, char *const *v, size_t n,
		      const char *sep)
{
	if (!n)
		return;
	struct kb_buf s;
	kb_buf_init(&s);
	for (size_t i = 0; i < n; i++) {
		if (i)
			kb_buf_puts(&s, sep);
		kb_buf_puts(&s, v[i]);
	}
	meta_item(b, label, s.data);
	kb_buf_finish(&s);
}

/* The id GitHub (and pandoc's gfm_auto_identifiers, and most previews)
 * gives a heading: its text lowercased, every character but letters,
 * digits, marks, spaces, '-' and '_' dropped, spaces as '-'; the second
 * heading of the same text gets "-1", the third "-2" (ids seen so far in
 * seen[0..*n_seen)). */
static void heading_id(struct kb_buf *b, const char *text, char ***seen, size_t *n_seen)
{
	struct kb_buf id;
	kb_buf_init(&id);
	size_t n = strlen(text);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kb_utf8_next(text + i, n - i, &c);
		if (c >= 'A' && c <= 'Z')
			kb_buf_putc(&id, (char)(c - 'A' + 'a'));
		else if (c == ' ')
			kb_buf_putc(&id, '-');
		else if (c == '-' || c == '_' ||
			 uc_is_general_category(c, UC_LETTER) || uc_is_general_category(c, UC_MARK) ||
			 uc_is_general_category(c, UC_NUMBER))
			kb_buf_append(&id, text + i, len);
		i += len;
	}
	const char *base = id.data ? id.data : "";
	size_t dup = 0;
	for (size_t k = 0; k < *n_seen; k++)
		if (strcmp((*seen)[k], base) == 0)
			dup++;
	*seen = kb_xrealloc(*seen, (*n_seen + 1) * sizeof(**seen));
	(*seen)[(*n_seen)++] = kb_xstrdup(base);
	kb_buf_puts(b, base);
	if (dup)
		kb_buf_printf(b, "-%zu", dup);
	kb_buf_finish(&id);
}

/* One line of the contents: a link to the section headed title. Wiki
 * links take the heading's text as it is, without the characters that
 * end or split a wiki link ([ ] | # ^ and line breaks). */
static void contents_item(struct kb_buf *b, const char *title, const struct kb_export_opts *o,
			  char ***seen, size_t *n_seen)
{
	if (o && o->links == KB_LINKS_MARKDOWN) {
		kb_buf_puts(b, "- [");
		struct esc e = { NULL, true, false, false };
		esc_text(b, title, strlen(title), &e);
		kb_buf_puts(b, "](#");
		heading_id(b, title, seen, n_seen);
		kb_buf_puts(b, ")\n");
		return;
	}
	kb_buf_puts(b, "- [[#");
	size_t n = strlen(title);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kb_utf8_next(title + i, n - i, &c);
		if (c == '[' || c == ']' || c == '|' || c == '#' || c == '^' ||
		    kb_char_class(c) != KB_CHAR_TEXT || (c == 0xFFFD && len == 1))
			kb_buf_putc(b, ' ');
		else
			kb_buf_append(b, title + i, len);
		i += len;
	}
	kb_buf_puts(b, "]]\n");
}

/* One article's section of a document. */
static void document_section(struct kb_buf *b, const struct kb_full *a,
			     const struct kb_export_opts *o)
{
	char *title = kb_export_title(a);
	kb_buf_puts(b, "\n## ");
	md_block_text(b, title, NULL, true);
	kb_buf_putc(b, '\n');
	free(title);
	if (opt(a->subtitle))
		md_paragraphs(b, a->subtitle);
	kb_buf_putc(b, '\n');
	/* (the labels are read, not parsed: in the reader's language) */
	meta_item(b, _("kicker"), a->kicker);
	meta_item(b, _("date"), a->date);
	meta_item(b, _("page"), a->page);
	meta_item(b, _("paper"), a->paper);
	meta_item(b, _("source"), a->edition);
	char **au = author_strings(a);
	meta_list(b, _("bylines"), au, a->n_authors, "、");
	free_strings(au, a->n_authors);
	meta_list(b, _("tags"), a->tags, a->n_tags, ", ");
	meta_item(b, "id", a->id);
	article_body(b, a, o, 3, false);
}

char *kb_export_document_md(struct kb_full *const *arts, size_t n, const struct kb_export_opts *o)
{
	struct kb_buf b;
	kb_buf_init(&b);
	const char *subject = o && opt(o->subject) ? o->subject : "kanbao export";
	kb_buf_puts(&b, "---\n");
	yaml_field(&b, "", "title", subject);
	yaml_field(&b, "", "exported", o ? o->exported : NULL);
	kb_buf_printf(&b, "count: %zu\n", n);
	kb_buf_printf(&b, "articles:%s\n", n ? "" : " []");
	for (size_t i = 0; i < n; i++) {
		const struct kb_full *a = arts[i];
		kb_buf_puts(&b, "  - id: ");
		kb_yaml_string(&b, a->id ? a->id : "");
		kb_buf_putc(&b, '\n');
		char *title = kb_export_title(a);
		yaml_field(&b, "    ", "title", title);
		free(title);
		yaml_field(&b, "    ", "date", opt(a->date));
		yaml_list(&b, "    ", "tags", (const char *const *)a->tags, a->n_tags);
	}
	kb_buf_puts(&b, "---\n");
	md_heading(&b, 1, subject);
	if (n) {
		md_label(&b, 2, _("Contents"));
		kb_buf_putc(&b, '\n');
		/* the ids a renderer gives: the document's title and the
		 * Contents heading come first */
		char **seen = NULL;
		size_t n_seen = 0;
		struct kb_buf skip;
		kb_buf_init(&skip);
		heading_id(&skip, subject, &seen, &n_seen);
		heading_id(&skip, _("Contents"), &seen, &n_seen);
		kb_buf_finish(&skip);
		for (size_t i = 0; i < n; i++) {
			char *title = kb_export_title(arts[i]);
			contents_item(&b, title, o, &seen, &n_seen);
			free(title);
		}
		free_strings(seen, n_seen);
	}
	for (size_t i = 0; i < n; i++)
		document_section(&b, arts[i], o);
	return kb_buf_steal(&b);
}
