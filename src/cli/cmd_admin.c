/* SPDX-License-Identifier: MIT */
/*
 * `kanbao detached` and `check`: the library as a whole. The annotations
 * an import could not place again (and re-attaching them), and the
 * integrity check. (`kanbao tags` is cmd_tags.c.)
 */
#include "commands.h"
#include "json.h"
#include "opts.h"
#include "table.h"
#include "term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kanbao/i18n.h"

static const char *const db_help = N_("  --db PATH   the library (default: $KANBAO_DB, else\n"
				  "              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
				  "  --help      show this help\n");

static void detached_usage(FILE *f)
{
	fputs(_("usage: kanbao detached [--json] [--db PATH]\n"
		"       kanbao detached [--db PATH] attach OLD_ID NEW_ID\n"
		"\n"
		"List the annotations (tags, notes, highlights, read marks) whose article\n"
		"was not found again when its edition was re-imported: kind, the id they\n"
		"were made on, that article's headline, the edition and the text. They are\n"
		"never deleted. `attach OLD_ID NEW_ID` moves all of OLD_ID's to the article\n"
		"NEW_ID. JSON is printed with --json or when stdout is not a terminal.\n"
		"\n"
		"  --json      print JSON\n"),
	      f);
	fputs(_(db_help), f);
}

static void check_usage(FILE *f)
{
	fputs(_("usage: kanbao check [--repair] [--db PATH]\n"
		"\n"
		"Run SQLite's integrity check and the library's own consistency checks\n"
		"(every article has its row in the search index, and no more); print\n"
		"\"ok\" or the problems found. Exit status 0 when ok, else 1.\n"
		"\n"
		"  --repair    when the search index is out of step with the articles\n"
		"              (after a full disk or a crash), rebuild it from them, say so,\n"
		"              and check again; tags, notes and highlights are not touched\n"),
	      f);
	fputs(_(db_help), f);
}

/* Parse the options of an admin command; on help or error print the usage
 * and set *status. */
static bool parse(struct kb_opts *o, int argc, char **argv, const char *db, unsigned accept,
		  void (*usage)(FILE *), size_t min_args, size_t max_args, int *status)
{
	enum kb_opts_result pr = kb_opts_parse(o, argc, argv, accept, db);
	if (pr == KB_OPTS_OK && o->n_args >= min_args && o->n_args <= max_args)
		return true;
	usage(pr == KB_OPTS_HELP ? stdout : stderr);
	*status = pr == KB_OPTS_HELP ? 0 : 2;
	return false;
}

/* Write out and free b. */
static void flush_buf(struct kb_buf *b)
{
	if (b->len)
		fwrite(b->data, 1, b->len, stdout);
	kb_buf_finish(b);
}

/* The detached annotations as JSON or a table. */
static void print_detached(const struct kb_opts *o, const struct kb_detached *d, size_t n)
{
	struct kb_buf b;
	kb_buf_init(&b);
	if (kb_opts_want_json(o)) {
		kb_buf_puts(&b, n ? "[\n" : "[]\n");
		for (size_t i = 0; i < n; i++) {
			kb_buf_puts(&b, "  {\"kind\": ");
			kb_json_string(&b, d[i].kind);
			kb_buf_puts(&b, ", \"article_id\": ");
			kb_json_string(&b, d[i].article_id);
			kb_buf_puts(&b, ", \"title\": ");
			kb_json_string(&b, d[i].title);
			kb_buf_puts(&b, ", \"edition\": ");
			kb_json_string(&b, d[i].edition);
			kb_buf_puts(&b, ", \"text\": ");
			kb_json_string(&b, d[i].text);
			if (strcmp(d[i].kind, "highlight") == 0)
				kb_buf_printf(&b, ", \"highlight\": %lld", (long long)d[i].hid);
			kb_buf_puts(&b, i + 1 < n ? "},\n" : "}\n]\n");
		}
	} else if (n == 0) {
		fputs(_("no detached annotations\n"), stderr);
	} else {
		const char *const head[] = { _("KIND"), _("OLD ID"), _("OLD HEADLINE"), _("EDITION"),
					     _("TEXT") };
		struct kb_table *t = kb_table_create(5, head);
		kb_table_cap(t, 2, 30);
		kb_table_cap(t, 3, 24);
		for (size_t i = 0; i < n; i++) {
			const char *cells[] = { d[i].kind, d[i].article_id, d[i].title,
						d[i].edition, d[i].text };
			kb_table_add(t, cells);
		}
		kb_table_render(t, kb_term_columns(STDOUT_FILENO, 100), &b);
		kb_table_destroy(t);
	}
	flush_buf(&b);
}

int kb_cmd_detached(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	int status = 1;
	if (!parse(&o, argc, argv, g->db, KB_OPT_JSON, detached_usage, 0, 3, &status))
		goto out;
	bool attach = o.n_args > 0;
	if (attach && (o.n_args != 3 || strcmp(o.args[0], "attach") != 0)) {
		detached_usage(stderr);
		status = 2;
		goto out;
	}
	struct kb_store *s = kb_opts_open(&o);
	if (s && attach) {
		if (kb_store_reattach(s, o.args[1], o.args[2])) {
			struct kb_buf b;
			kb_buf_init(&b);
			kb_buf_puts(&b, "reattached ");
			kb_term_put_safe(&b, o.args[1], 0);
			kb_buf_puts(&b, " to ");
			kb_term_put_safe(&b, o.args[2], 0);
			kb_buf_putc(&b, '\n');
			kb_term_out(b.data, b.len);
			kb_buf_finish(&b);
			status = 0;
		} else {
			kb_term_error(o.args[1], kb_store_error(s));
		}
	} else if (s) {
		struct kb_detached *d = NULL;
		size_t n = 0;
		if (kb_store_detached(s, &d, &n)) {
			print_detached(&o, d, n);
			status = 0;
		} else {
			kb_term_error(NULL, kb_store_error(s));
		}
		kb_detached_free(d, n);
	}
	kb_store_close(s);
out:
	kb_opts_finish(&o);
	return status;
}

int kb_cmd_check(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	int status = 1;
	if (!parse(&o, argc, argv, g->db, KB_OPT_REPAIR, check_usage, 0, 0, &status))
		goto out;
	struct kb_store *s = kb_opts_open(&o);
	if (s) {
		char *report = NULL;
		bool ok = kb_store_check(s, &report);
		if (!ok && o.repair && report && strstr(report, "search index")) {
			free(report);
			report = NULL;
			if (!kb_store_repair(s, &report)) {
				kb_term_error(NULL, kb_store_error(s));
			} else {
				kb_term_error(NULL, report);
				free(report);
				report = NULL;
				ok = kb_store_check(s, &report);
			}
		}
		if (report) {
			/* line by line: put_safe would join the lines */
			struct kb_buf b;
			kb_buf_init(&b);
			for (char *line = strtok(report, "\n"); line; line = strtok(NULL, "\n")) {
				kb_term_put_safe(&b, line, 0);
				kb_buf_putc(&b, '\n');
			}
			flush_buf(&b);
		} else {
			kb_term_error(NULL, kb_store_error(s));
		}
		free(report);
		status = ok ? 0 : 1;
	}
	kb_store_close(s);
out:
	kb_opts_finish(&o);
	return status;
}
