/*
 * Markdown export: an article's metadata as YAML front matter and its note,
 * highlights, tags (and optionally its text) as CommonMark, written so that
 * what a renderer shows is exactly the stored text.
 *
 * Format choices (the golden files in tests/golden/export/ show them):
 * - Every front-matter string is a double-quoted YAML scalar; a missing value
 *   is `null`; `tags` and `authors` are block lists (`tags: []` when empty);
 *   an author is one string "role name" (the name alone when there is no
 *   role), which note tools (Obsidian, Dataview) show and query as text.
 * - Text is escaped rather than fenced: the characters CommonMark (and the
 *   common GFM extensions: tables, strikethrough, math) read as inline syntax
 *   are backslash-escaped everywhere; those that only start a block (+ - =,
 *   "1." "1)") are escaped at the start of a line; leading and trailing
 *   spaces and tabs of a line, and control characters, become numeric
 *   character references (&#32; &#9; &#13;), which render as themselves.
 *   So do C1 controls, bidi controls, zero-width characters and U+2028/9
 *   (every code point kanbao/sanitize.h keeps off a terminal), so neither
 *   the .md file nor `kanbao export` on a terminal carries them raw, and a
 *   renderer still shows exactly the text. Bytes that are not UTF-8 become
 *   U+FFFD; all other text (CJK, emoji) is copied byte for byte.
 * - In the front matter, the same code points are \uXXXX escapes.
 * - A line break inside a text is a hard break (backslash at the end of the
 *   line); a trailing line break cannot be shown by CommonMark and is dropped.
 *   A note is split into paragraphs at blank lines.
 * - A highlight is a block quote (`> ` on every line) followed by its note as
 *   a separate paragraph; a colour other than yellow (the default) follows
 *   the quote as ` *(red)*` (the quote's own asterisks are escaped, so the
 *   marker cannot be mistaken for quoted text); tags are a bullet list (a `#tag` at the start of a
 *   line would be a heading); with the text, highlighted spans are wrapped
 *   in raw inline HTML <mark>…</mark>, closed and reopened at paragraph ends.
 * - A document links its contents to explicit anchors `<a id="kb-ID"></a>`
 *   placed before each section heading (generated anchors of CJK headings
 *   differ between renderers).
 */
#include "kanbao/export.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/sanitize.h"

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
static void yaml_list(struct kb_buf *b, const char *indent, const char *key, char *const *v,
		      size_t n)
{
	kb_buf_printf(b, "%s%s:%s\n", indent, key, n ? "" : " []");
	for (size_t i = 0; i < n; i++) {
		kb_buf_printf(b, "%s  - ", indent);
		kb_yaml_string(b, v[i]);
		kb_buf_putc(b, '\n');
	}
}

/* An author as one string: "role name", or the name alone. Caller frees. */
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

/* The authors as strings (see author_string); free with free_strings. */
static char **author_strings(const struct kb_full *a)
{
	char **v = kb_xcalloc(a->n_authors + 1, sizeof(*v));
	for (size_t i = 0; i < a->n_authors; i++)
		v[i] = author_string(&a->authors[i]);
	return v;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* The edition as the front matter names it: its source path, else its file
 * name. */
static const char *edition_of(const struct kb_full *a)
{
	return a->source && a->source[0] ? a->source : a->edition;
}

/* The non-empty string, or NULL (a missing value). */
static const char *opt(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* The front matter of one article, between `---` lines. */
static void article_front_matter(struct kb_buf *b, const struct kb_full *a,
				 const struct kb_export_opts *o)
{
	kb_buf_puts(b, "---\n");
	yaml_field(b, "", "title", a->title ? a->title : "");
	yaml_field(b, "", "kicker", opt(a->kicker));
	yaml_field(b, "", "subtitle", opt(a->subtitle));
	char **au = author_strings(a);
	yaml_list(b, "", "authors", au, a->n_authors);
	free_strings(au, a->n_authors);
	yaml_field(b, "", "paper", opt(a->paper));
	yaml_field(b, "", "date", opt(a->date));
	yaml_field(b, "", "page", opt(a->page));
	yaml_field(b, "", "edition", opt(edition_of(a)));
	yaml_list(b, "", "tags", a->tags, a->n_tags);
	yaml_field(b, "", "id", a->id);
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
		md_label(b, level, "Note");
		md_paragraphs(b, a->note);
	}
	if (a->n_highlights) {
		md_label(b, level, "Highlights");
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
				md_paragraphs(b, h->note);
		}
	}
	if (tags && a->n_tags) {
		md_label(b, level, "Tags");
		kb_buf_putc(b, '\n');
		for (size_t i = 0; i < a->n_tags; i++) {
			kb_buf_puts(b, "- ");
			md_block_text(b, a->tags[i], NULL, true);
			kb_buf_putc(b, '\n');
		}
	}
	if (o && o->with_text) {
		md_label(b, level, "Text");
		md_text_section(b, a, level + 1);
	}
}

char *kb_export_article_md(const struct kb_full *a, const struct kb_export_opts *o)
{
	struct kb_buf b;
	kb_buf_init(&b);
	article_front_matter(&b, a, o);
	md_heading(&b, 1, a->title);
	if (opt(a->subtitle))
		md_paragraphs(&b, a->subtitle);
	article_body(&b, a, o, 2, true);
	return kb_buf_steal(&b);
}

/* The article's anchor: "kb-" and the id's letters and digits. */
static void anchor(struct kb_buf *b, const char *id)
{
	kb_buf_puts(b, "kb-");
	for (const char *p = id ? id : ""; *p; p++)
		if ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			kb_buf_putc(b, *p);
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

/* One article's section of a document. */
static void document_section(struct kb_buf *b, const struct kb_full *a,
			     const struct kb_export_opts *o)
{
	kb_buf_puts(b, "\n<a id=\"");
	anchor(b, a->id);
	kb_buf_puts(b, "\"></a>\n");
	kb_buf_puts(b, "\n## ");
	md_block_text(b, a->title ? a->title : "", NULL, true);
	kb_buf_putc(b, '\n');
	if (opt(a->subtitle))
		md_paragraphs(b, a->subtitle);
	kb_buf_putc(b, '\n');
	meta_item(b, "kicker", a->kicker);
	meta_item(b, "date", a->date);
	meta_item(b, "page", a->page);
	meta_item(b, "paper", a->paper);
	meta_item(b, "edition", edition_of(a));
	char **au = author_strings(a);
	meta_list(b, "authors", au, a->n_authors, "、");
	free_strings(au, a->n_authors);
	meta_list(b, "tags", a->tags, a->n_tags, ", ");
	meta_item(b, "id", a->id);
	article_body(b, a, o, 3, false);
}

char *kb_export_document_md(struct kb_full *const *arts, size_t n, const struct kb_export_opts *o)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "---\n");
	yaml_field(&b, "", "title", "kanbao export");
	yaml_field(&b, "", "exported", o ? o->exported : NULL);
	kb_buf_printf(&b, "count: %zu\n", n);
	kb_buf_printf(&b, "articles:%s\n", n ? "" : " []");
	for (size_t i = 0; i < n; i++) {
		const struct kb_full *a = arts[i];
		kb_buf_puts(&b, "  - id: ");
		kb_yaml_string(&b, a->id ? a->id : "");
		kb_buf_putc(&b, '\n');
		yaml_field(&b, "    ", "title", a->title ? a->title : "");
		yaml_field(&b, "    ", "date", opt(a->date));
		yaml_list(&b, "    ", "tags", a->tags, a->n_tags);
	}
	kb_buf_puts(&b, "---\n");
	md_label(&b, 1, "kanbao export");
	if (n) {
		md_label(&b, 2, "Contents");
		kb_buf_putc(&b, '\n');
		for (size_t i = 0; i < n; i++) {
			kb_buf_printf(&b, "%zu. [", i + 1);
			struct esc e = { NULL, true, false, false };
			const char *t = arts[i]->title ? arts[i]->title : "";
			esc_text(&b, t, strlen(t), &e);
			kb_buf_puts(&b, "](#");
			anchor(&b, arts[i]->id);
			kb_buf_puts(&b, ")\n");
		}
	}
	for (size_t i = 0; i < n; i++)
		document_section(&b, arts[i], o);
	return kb_buf_steal(&b);
}
