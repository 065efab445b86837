/* SPDX-License-Identifier: MIT */
/*
 * `kanbao list` and `kanbao search`: articles of the library, filtered, in
 * reading order or best first. JSON (an array of objects) with --json or
 * when stdout is not a terminal; otherwise a table fitted to the terminal.
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

#include "kanbao/fts.h"
#include "kanbao/i18n.h"

/* The help texts' common parts, each translated whole where it is
 * printed. */
static const char *const filter_help = N_(
	"  --tag TAG          only articles with this tag (repeat: all must match)\n"
	"  --edition ED       only the edition file ED (its name or part of its path)\n"
	"  --date FROM[..TO]  only editions of these dates (YYYY-MM-DD; one date is\n"
	"                     that day; FROM.. and ..TO leave an end open)\n"
	"  --unread           only articles not marked read\n"
	"  --limit N          at most N articles\n"
	"  --json             print JSON (the default when stdout is not a terminal)\n"
	"  --db PATH          the library (default: $KANBAO_DB, else\n"
	"                     $XDG_DATA_HOME/kanbao/kanbao.db)\n"
	"  --help             show this help\n");

static const char *const query_help = N_(
	"A QUERY is words and terms, all of which must hold:\n"
	"  WORD               the article holds the word (every word must match)\n"
	"  tag:T   -tag:T     with / without the tag T\n"
	"  date:2021  date:2021-02  date:2021-02-27\n"
	"  date:FROM..TO      FROM and TO in any of those forms; ..TO, FROM.. open\n"
	"  page:2             the page (2 is also 02; a name as written: A05)\n"
	"  paper:NAME         the paper's name, or a part of it\n"
	"  edition:ED         as --edition\n"
	"  unread             not marked read\n"
	"A value with spaces in quotes: 'tag:\"两 会\"', or one argument 'tag:两 会'.\n"
	"The options below narrow the query further.\n");

static void list_usage(FILE *f)
{
	fputs(_("usage: kanbao list [OPTIONS] [QUERY...]\n"
		"\n"
		"List the library's articles in reading order (paper, date, page,\n"
		"position). On a terminal: id, date, page, tags, read mark (✓) and title;\n"
		"otherwise a JSON array of {id, edition, title, date, page, tags, read},\n"
		"written as the rows are read (constant memory). Words in the query\n"
		"make it a search: the articles holding them, oldest edition first,\n"
		"listed the same way.\n"),
	      f);
	fprintf(f, "\n%s\n%s", _(query_help), _(filter_help));
}

static void search_usage(FILE *f)
{
	fputs(_("usage: kanbao search [OPTIONS] QUERY...\n"
		"\n"
		"Full-text search of titles, text, notes and highlights, newest edition\n"
		"first. The words of the query are joined by spaces; every word must\n"
		"match. A Chinese word of any length is found where its characters stand\n"
		"together (郑州, 州, 四链一城); Latin words and numbers ignore case and\n"
		"full width. On a terminal: number, id, title and a snippet with the hits\n"
		"in [ ]; otherwise a JSON array as `kanbao list` prints, with snippet and\n"
		"rank, written as the rows are found. A query of terms without words\n"
		"(tag:X date:2021) lists what they select as `kanbao list` does, in\n"
		"reading order; --count then counts it.\n"),
	      f);
	fprintf(f, "\n%s\n", _(query_help));
	fputs(_("  --sort ORDER       newest (the default) or oldest first: the first rows\n"
		"                     come at once however large the library; relevance:\n"
		"                     bm25 with titles weighted, which scores every hit\n"
		"                     before the first row (slow for common words in a\n"
		"                     large library)\n"
		"  --count            print only how many articles match (a word of one\n"
		"                     or two characters is counted from the index alone)\n"),
	      f);
	fputs(_(filter_help), f);
}

/* One row as a JSON object. */
static void json_row(struct kb_buf *b, const struct kb_row *r, bool search)
{
	kb_buf_puts(b, "{\"id\": ");
	kb_json_string(b, r->id);
	kb_buf_puts(b, ", \"edition\": ");
	kb_json_string(b, r->edition);
	kb_buf_puts(b, ", \"title\": ");
	kb_json_string(b, r->title);
	kb_buf_puts(b, ", \"date\": ");
	kb_json_string(b, r->date);
	kb_buf_puts(b, ", \"page\": ");
	kb_json_string(b, r->page);
	kb_buf_puts(b, ", \"tags\": ");
	kb_json_strings(b, r->tags, r->n_tags);
	kb_buf_printf(b, ", \"read\": %s", r->read ? "true" : "false");
	if (search) {
		kb_buf_puts(b, ", \"snippet\": ");
		kb_json_string(b, r->snippet);
		kb_buf_printf(b, ", \"rank\": %.6g", r->rank);
	}
	kb_buf_putc(b, '}');
}

/* Rows written as a JSON array as they come, one object a line, in
 * chunks: constant memory however many rows. */
struct json_out {
	struct kb_buf b;
	size_t n;
	bool search;
	bool failed; /* stdout could not be written: stop */
};

#define JSON_CHUNK 65536

static bool json_row_out(void *ctx, const struct kb_row *r)
{
	struct json_out *j = ctx;
	kb_buf_puts(&j->b, j->n++ ? ",\n  " : "[\n  ");
	json_row(&j->b, r, j->search);
	if (j->b.len >= JSON_CHUNK) {
		j->failed = !kb_term_out(j->b.data, j->b.len);
		j->b.len = 0;
	}
	return !j->failed;
}

static void json_end(struct json_out *j)
{
	kb_buf_puts(&j->b, j->n ? "\n]\n" : "[]\n");
	if (!j->failed)
		kb_term_out(j->b.data, j->b.len);
	kb_buf_finish(&j->b);
}

/* The tags joined by commas; caller frees. */
static char *join_tags(const struct kb_row *r)
{
	struct kb_buf b;
	kb_buf_init(&b);
	for (size_t i = 0; i < r->n_tags; i++) {
		if (i)
			kb_buf_putc(&b, ',');
		kb_buf_puts(&b, r->tags[i]);
	}
	return kb_buf_steal(&b);
}

/* The listing as a table: id, date, page, tags, read mark, title. */
static void table_list(struct kb_buf *out, const struct kb_rows *rows, size_t width)
{
	const char *const head[] = { _("ID"), _("DATE"), _("PAGE"), _("TAGS"), _("R"),
				     _("TITLE") };
	struct kb_table *t = kb_table_create(6, head);
	kb_table_cap(t, 3, 24);
	for (size_t i = 0; i < rows->n; i++) {
		const struct kb_row *r = &rows->v[i];
		char *tags = join_tags(r), label[128];
		const char *cells[] = { r->id, r->date ? r->date : "-", r->page ? r->page : "-",
					tags, r->read ? "✓" : "", kb_row_label(r, label, sizeof(label)) };
		kb_table_add(t, cells);
		free(tags);
	}
	kb_table_render(t, width, out);
	kb_table_destroy(t);
}

/* Search results as a table: rank order, id, title, snippet. */
static void table_search(struct kb_buf *out, const struct kb_rows *rows, size_t width)
{
	const char *const head[] = { "#", _("ID"), _("TITLE"), _("SNIPPET") };
	struct kb_table *t = kb_table_create(4, head);
	kb_table_cap(t, 2, width / 3 > 16 ? width / 3 : 16);
	for (size_t i = 0; i < rows->n; i++) {
		const struct kb_row *r = &rows->v[i];
		char num[24], label[128];
		snprintf(num, sizeof(num), "%zu", i + 1);
		const char *cells[] = { num, r->id, kb_row_label(r, label, sizeof(label)),
					r->snippet };
		kb_table_add(t, cells);
	}
	kb_table_render(t, width, out);
	kb_table_destroy(t);
}

/* Print the rows as a table; a table of nothing says so on stderr. */
static void print_rows(const struct kb_rows *rows, bool search)
{
	struct kb_buf out;
	kb_buf_init(&out);
	if (rows->n == 0) {
		fputs(search ? _("no article matches\n") : _("no articles\n"), stderr);
	} else {
		size_t width = kb_term_columns(STDOUT_FILENO, 100);
		if (search)
			table_search(&out, rows, width);
		else
			table_list(&out, rows, width);
	}
	if (out.len)
		kb_term_out(out.data, out.len);
	kb_buf_finish(&out);
}

/* The positional arguments as one query, narrowed by the options; false
 * (a message printed) for a bad term. */
static bool build_query(struct kb_query *q, const struct kb_opts *o, const char *cmd)
{
	char err[512];
	kb_query_init(q);
	for (size_t i = 0; i < o->n_args; i++)
		if (!kb_query_add_term(q, o->args[i], err, sizeof(err)))
			goto bad;
	if (kb_query_narrow(q, &o->filter, err, sizeof(err)))
		return true;
bad:
	kb_term_eprintf("kanbao %s: %s", cmd, err);
	return false;
}

/* list and search: parse, query, print. Words in the query make it a
 * search (list prints its rows as a listing, oldest first); a query of
 * filters alone is a listing, for search too. */
static int run(int argc, char **argv, const struct kb_cli_globals *g, bool search)
{
	struct kb_opts o;
	void (*usage)(FILE *) = search ? search_usage : list_usage;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv,
					       KB_OPT_JSON | KB_OPT_FILTER | (search ? KB_OPT_SORT : 0),
					       g->db);
	if (pr != KB_OPTS_OK || (search && o.n_args == 0)) {
		usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	struct kb_query q;
	if (!build_query(&q, &o, argv[0])) {
		kb_query_finish(&q);
		kb_opts_finish(&o);
		return 2;
	}
	const char *words = q.words;
	if (words) {
		char *match = kb_fts_query(words);
		if (!match) {
			kb_term_eprintf(_("kanbao %s: nothing to search for: the query holds no"
					  " letters, digits or Han characters"),
					argv[0]);
			kb_query_finish(&q);
			kb_opts_finish(&o);
			return 2;
		}
		free(match);
		if (!search)
			q.filter.sort = KB_SORT_OLDEST;
	}
	/* the rows' shape: search results (snippet, rank) only for words */
	bool shape = search && words;
	q.filter.bare = !shape;
	int status = 0;
	struct kb_store *s = kb_opts_open(&o);
	struct kb_rows rows = { NULL, 0 };
	size_t count = 0;
	if (!s) {
		status = 1;
	} else if (search && o.count) {
		if (words ? kb_store_search_count(s, words, &q.filter, false, &count)
			  : kb_store_list_count(s, &q.filter, &count)) {
			if (q.filter.limit && count > q.filter.limit)
				count = q.filter.limit;
			printf("%zu\n", count);
		} else {
			kb_term_error(NULL, kb_store_error(s));
			status = 1;
		}
	} else if (kb_opts_want_json(&o)) {
		/* written as read: the first rows out before the last are found */
		struct json_out j = {.search = shape};
		kb_buf_init(&j.b);
		bool ok = words ? kb_store_search_each(s, words, &q.filter, json_row_out, &j)
				: kb_store_list_each(s, &q.filter, json_row_out, &j);
		if (!ok) {
			kb_buf_finish(&j.b);
			kb_term_error(NULL, kb_store_error(s));
			status = 1;
		} else {
			json_end(&j);
		}
	} else if (words ? !kb_store_search(s, words, &q.filter, &rows)
			 : !kb_store_list(s, &q.filter, &rows)) {
		kb_term_error(NULL, kb_store_error(s));
		status = 1;
	} else {
		print_rows(&rows, shape);
	}
	kb_rows_finish(&rows);
	kb_store_close(s);
	kb_query_finish(&q);
	kb_opts_finish(&o);
	return status;
}

int kb_cmd_list(int argc, char **argv, const struct kb_cli_globals *g)
{
	return run(argc, argv, g, false);
}

int kb_cmd_search(int argc, char **argv, const struct kb_cli_globals *g)
{
	return run(argc, argv, g, true);
}
