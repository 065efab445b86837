/* SPDX-License-Identifier: MIT */
/*
 * `kanbao editions` and `kanbao remove`: the editions of the library as
 * files. An edition is known by its content as well as its path (a moved or
 * renamed file is the same edition when imported again), so a file that is
 * gone is marked, not forgotten; removing an edition takes its articles out
 * of the library and keeps every annotation made on them, detached.
 */
#include "commands.h"
#include "json.h"
#include "opts.h"
#include "table.h"
#include "term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanbao/i18n.h"

static void editions_usage(FILE *f)
{
	fputs(_("usage: kanbao editions [--json] [--db PATH]\n"
		"\n"
		"Every edition in the library in reading order: its number, paper, date,\n"
		"page, articles and file. A file that is no longer where it was imported\n"
		"from is marked \"missing\" (import it from its new place: its articles and\n"
		"annotations follow it; or `kanbao remove` it). On a terminal a table;\n"
		"otherwise (or with --json) a JSON array of {id, name, source, paper, date,\n"
		"page, title, articles, missing} (title: the page's name, as 要闻).\n"
		"\n"
		"  --json      print JSON\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

static void remove_usage(FILE *f)
{
	fputs(_("usage: kanbao remove [--db PATH] EDITION...\n"
		"\n"
		"Remove editions from the library: EDITION is its number or path (as\n"
		"`kanbao editions` shows them) or its file name when only one edition has\n"
		"it. Its articles leave the library and the search index; every tag, note\n"
		"and highlight made on them is kept, detached (`kanbao detached`), and comes\n"
		"back if the edition is imported again. The file itself is not touched.\n"
		"\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

static bool missing(const char *path)
{
	struct stat sb;
	return !path || stat(path, &sb) != 0;
}

/* The editions as a JSON array. */
static void editions_json(struct kb_buf *b, const struct kb_edition_row *e, size_t n)
{
	kb_buf_puts(b, n ? "[\n" : "[]\n");
	for (size_t i = 0; i < n; i++) {
		kb_buf_printf(b, "  {\"id\": %lld, \"name\": ", (long long)e[i].id);
		kb_json_string(b, e[i].name);
		kb_buf_puts(b, ", \"source\": ");
		kb_json_string(b, e[i].source);
		kb_buf_puts(b, ", \"paper\": ");
		kb_json_string(b, e[i].paper);
		kb_buf_puts(b, ", \"date\": ");
		kb_json_string(b, e[i].date);
		kb_buf_puts(b, ", \"page\": ");
		kb_json_string(b, e[i].page);
		kb_buf_puts(b, ", \"title\": ");
		kb_json_string(b, e[i].title);
		kb_buf_printf(b, ", \"articles\": %zu, \"missing\": %s}%s", e[i].n_articles,
			      missing(e[i].source) ? "true" : "false", i + 1 < n ? ",\n" : "\n]\n");
	}
}

/* The editions as a table for a terminal. */
static void editions_table(struct kb_buf *b, const struct kb_edition_row *e, size_t n)
{
	const char *const head[] = { _("NO"), _("PAPER"), _("DATE"), _("PAGE"), _("ARTICLES"),
				     _("FILE") };
	struct kb_table *tab = kb_table_create(6, head);
	for (size_t i = 0; i < n; i++) {
		char no[24], arts[24];
		snprintf(no, sizeof(no), "%lld", (long long)e[i].id);
		snprintf(arts, sizeof(arts), "%zu", e[i].n_articles);
		struct kb_buf file;
		kb_buf_init(&file);
		kb_buf_puts(&file, e[i].source ? e[i].source : e[i].name);
		if (missing(e[i].source))
			kb_buf_printf(&file, "  %s", _("(missing)"));
		const char *cells[] = { no,
					e[i].paper ? e[i].paper : "-",
					e[i].date ? e[i].date : "-",
					e[i].page ? e[i].page : "-",
					arts,
					file.data };
		kb_table_add(tab, cells);
		kb_buf_finish(&file);
	}
	kb_table_render(tab, kb_term_columns(STDOUT_FILENO, 100), b);
	kb_table_destroy(tab);
}

int kb_cmd_editions(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	int status = 1;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, KB_OPT_JSON, g->db);
	if (pr != KB_OPTS_OK || o.n_args) {
		editions_usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	struct kb_store *s = kb_opts_open(&o);
	struct kb_edition_row *e = NULL;
	size_t n = 0;
	if (s && !kb_store_editions(s, &e, &n)) {
		kb_term_error(NULL, kb_store_error(s));
	} else if (s) {
		struct kb_buf b;
		kb_buf_init(&b);
		if (kb_opts_want_json(&o))
			editions_json(&b, e, n);
		else if (n == 0)
			fputs(_("no editions: `kanbao import FILE|DIR` reads some in\n"), stderr);
		else
			editions_table(&b, e, n);
		if (b.len)
			fwrite(b.data, 1, b.len, stdout);
		kb_buf_finish(&b);
		status = 0;
	}
	kb_edition_rows_free(e, n);
	kb_store_close(s);
	kb_opts_finish(&o);
	return status;
}

int kb_cmd_remove(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, 0, g->db);
	if (pr != KB_OPTS_OK || o.n_args == 0) {
		remove_usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	int status = 1;
	struct kb_store *s = kb_opts_open(&o);
	if (s) {
		status = 0;
		for (size_t i = 0; i < o.n_args; i++) {
			char *name = NULL;
			size_t detached = 0;
			if (!kb_store_remove_edition(s, o.args[i], &name, &detached)) {
				kb_term_error(NULL, kb_store_error(s));
				status = 1;
				continue;
			}
			struct kb_buf b;
			kb_buf_init(&b);
			kb_buf_puts(&b, "removed ");
			kb_term_put_safe(&b, name, 0);
			/* an acknowledgment on stdout, as tagged and noted: not
			 * translated, scripts read it */
			if (detached)
				kb_buf_printf(&b, "; %zu annotation%s kept detached (see `kanbao detached`)",
					      detached, detached == 1 ? "" : "s");
			kb_buf_putc(&b, '\n');
			fputs(b.data, stdout);
			kb_buf_finish(&b);
			free(name);
		}
	}
	kb_store_close(s);
	kb_opts_finish(&o);
	return status;
}
