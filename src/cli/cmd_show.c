/* SPDX-License-Identifier: MIT */
/*
 * `kanbao show ID`: one article with everything the reader added to it. As
 * text: the headline block, authors, date/page/edition, the paragraphs one a
 * line (headings marked), then tags, note, highlights and read state, all
 * sanitised for the terminal. With --json: one object.
 */
#include "commands.h"
#include "json.h"
#include "opts.h"
#include "pager.h"
#include "term.h"

#include <stdio.h>
#include <string.h>

#include "kanbao/i18n.h"

static void usage(FILE *f)
{
	fputs(_("usage: kanbao show [--json] [--db PATH] ID\n"
		"\n"
		"Show the article ID (see `kanbao list`): headlines, authors, date, page\n"
		"and edition, its paragraphs (one a line, headings marked ##), then its\n"
		"tags, note, highlights and whether it is read. On a terminal it goes\n"
		"through $PAGER (default less, with LESS=FRX when LESS is not set;\n"
		"PAGER=cat or an empty PAGER for none).\n"
		"\n"
		"  --json      one JSON object: id, edition, source, date, page, paper,\n"
		"              kicker, title, subtitle, authors [{role, name}], blocks\n"
		"              [{type, text}], tags, note, highlights [{id, quote, note,\n"
		"              color, start, end}] (color: yellow, red, green, blue or\n"
		"              purple), read\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

/* Append "key": string for the object being written. */
static void field(struct kb_buf *b, const char *key, const char *value)
{
	kb_buf_printf(b, ",\n  \"%s\": ", key);
	kb_json_string(b, value);
}

/* The article as one JSON object. */
static void show_json(struct kb_buf *b, const struct kb_full *a)
{
	kb_buf_puts(b, "{\n  \"id\": ");
	kb_json_string(b, a->id);
	field(b, "edition", a->edition);
	field(b, "source", a->source);
	field(b, "date", a->date);
	field(b, "page", a->page);
	field(b, "paper", a->paper);
	field(b, "kicker", a->kicker);
	field(b, "title", a->title);
	field(b, "subtitle", a->subtitle);
	kb_buf_puts(b, ",\n  \"authors\": ");
	kb_json_authors(b, a->authors, a->n_authors);
	kb_buf_puts(b, ",\n  \"blocks\": ");
	kb_json_blocks(b, a->blocks, a->n_blocks, "  ");
	kb_buf_puts(b, ",\n  \"tags\": ");
	kb_json_strings(b, a->tags, a->n_tags);
	field(b, "note", a->note);
	kb_buf_puts(b, ",\n  \"highlights\": [");
	for (size_t i = 0; i < a->n_highlights; i++) {
		const struct kb_highlight *h = &a->highlights[i];
		kb_buf_printf(b, "%s{\"id\": %lld, \"quote\": ", i ? ",\n    " : "\n    ",
			      (long long)h->id);
		kb_json_string(b, h->quote);
		kb_buf_puts(b, ", \"note\": ");
		kb_json_string(b, h->note);
		kb_buf_puts(b, ", \"color\": ");
		kb_json_string(b, h->color ? h->color : kb_highlight_colors[0]);
		kb_buf_printf(b, ", \"start\": %zu, \"end\": %zu}", h->start, h->end);
	}
	kb_buf_puts(b, a->n_highlights ? "\n  ]" : "]");
	kb_buf_printf(b, ",\n  \"read\": %s\n}\n", a->read ? "true" : "false");
}

/* Append indent, label (when not NULL) and a space, then text sanitised
 * and a line break, if text is set. */
static void line(struct kb_buf *b, const char *indent, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	kb_buf_puts(b, indent);
	if (label) {
		kb_buf_puts(b, label);
		kb_buf_putc(b, ' ');
	}
	kb_term_put_safe(b, text, 0);
	kb_buf_putc(b, '\n');
}

/* The article as readable text. */
static void show_text(struct kb_buf *b, const struct kb_full *a)
{
	line(b, "", NULL, a->kicker);
	line(b, "", NULL, a->title[0] ? a->title : _("(no headline)"));
	line(b, "", NULL, a->subtitle);
	if (a->n_authors) {
		kb_buf_printf(b, "%s ", _("by"));
		for (size_t i = 0; i < a->n_authors; i++) {
			if (i)
				kb_buf_puts(b, ", ");
			if (a->authors[i].role && a->authors[i].role[0]) {
				kb_term_put_safe(b, a->authors[i].role, 0);
				kb_buf_putc(b, ' ');
			}
			kb_term_put_safe(b, a->authors[i].name, 0);
		}
		kb_buf_putc(b, '\n');
	}
	kb_term_put_safe(b, a->date ? a->date : _("(no date)"), 0);
	if (a->page) {
		kb_buf_printf(b, " · %s ", _("page"));
		kb_term_put_safe(b, a->page, 0);
	}
	if (a->paper) {
		kb_buf_puts(b, " · ");
		kb_term_put_safe(b, a->paper, 0);
	}
	kb_buf_puts(b, " · ");
	kb_term_put_safe(b, a->edition, 0);
	kb_buf_printf(b, " · %s ", _("id"));
	kb_term_put_safe(b, a->id, 0);
	kb_buf_puts(b, "\n\n");
	for (size_t i = 0; i < a->n_blocks; i++) {
		if (a->blocks[i].type == KB_BLOCK_HEADING)
			kb_buf_puts(b, "## ");
		kb_term_put_safe(b, a->blocks[i].text, 0);
		kb_buf_putc(b, '\n');
	}
	kb_buf_putc(b, '\n');
	if (a->n_tags) {
		kb_buf_printf(b, "%s ", _("tags:"));
		for (size_t i = 0; i < a->n_tags; i++) {
			if (i)
				kb_buf_puts(b, ", ");
			kb_term_put_safe(b, a->tags[i], 0);
		}
		kb_buf_putc(b, '\n');
	}
	line(b, "", _("note:"), a->note);
	if (a->n_highlights)
		kb_buf_printf(b, "%s\n", _("highlights:"));
	for (size_t i = 0; i < a->n_highlights; i++) {
		kb_buf_printf(b, "  [%lld] «", (long long)a->highlights[i].id);
		kb_term_put_safe(b, a->highlights[i].quote, 0);
		kb_buf_puts(b, "»\n");
		line(b, "       ", _("colour:"), a->highlights[i].color);
		line(b, "       ", _("note:"), a->highlights[i].note);
	}
	kb_buf_printf(b, "%s\n", a->read ? _("read") : _("unread"));
}

int kb_cmd_show(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, KB_OPT_JSON, g->db);
	if (pr != KB_OPTS_OK || o.n_args != 1) {
		usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	struct kb_store *s = kb_opts_open(&o);
	int status = 1;
	struct kb_full *a = s ? kb_store_get(s, o.args[0]) : NULL;
	if (s && !a) {
		kb_term_error(o.args[0], kb_store_error(s));
	} else if (a) {
		struct kb_buf b;
		kb_buf_init(&b);
		if (o.json)
			show_json(&b, a);
		else
			show_text(&b, a);
		kb_pager_out(b.data, b.len);
		kb_buf_finish(&b);
		status = 0;
	}
	kb_full_destroy(a);
	kb_store_close(s);
	kb_opts_finish(&o);
	return status;
}
