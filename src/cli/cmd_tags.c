/* SPDX-License-Identifier: MIT */
/*
 * `kanbao tags`: every tag with the number of its articles, and the tag
 * managed across the library: rename, merge into an existing tag, delete.
 * Each change is one transaction of the store (done on every article or on
 * none); its line, naming the tags as the store cleaned them and how many
 * articles changed, is printed once it is on disk. Nothing is asked: a
 * script can run it, and the reader offers the undo.
 */
#include "commands.h"
#include "json.h"
#include "opts.h"
#include "table.h"
#include "term.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

#include "kanbao/i18n.h"

static void tags_usage(FILE *f)
{
	fputs(_("usage: kanbao tags [--json] [--db PATH]\n"
		"       kanbao tags [--db PATH] rename OLD NEW\n"
		"       kanbao tags [--db PATH] merge OLD NEW\n"
		"       kanbao tags [--db PATH] delete TAG\n"
		"\n"
		"Every tag with the number of articles carrying it, by name. On a terminal\n"
		"a table; otherwise (or with --json) a JSON array of {name, count}.\n"
		"\n"
		"  rename OLD NEW  every article tagged OLD is tagged NEW instead; one that\n"
		"                  carries both keeps NEW once. NEW may be new or existing\n"
		"  merge OLD NEW   the same, into a tag NEW that must exist already (a typo\n"
		"                  does not make a new tag)\n"
		"  delete TAG      remove TAG from every article; nothing is asked\n"
		"\n"
		"Each change is one transaction: made on every article, or on none. A line\n"
		"says how many articles changed (`deleted TAG from 12 articles`); tags on\n"
		"articles whose edition was removed (`kanbao detached`) change and count\n"
		"too. A tag that starts with - goes after --. Exit status 1 when no\n"
		"article carries OLD (or TAG), or, for merge, NEW.\n"
		"\n"
		"  --json      print JSON (the list of tags)\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

/* The list of tags as JSON or a table, into b. */
static void print_tags(const struct kb_opts *o, const struct kb_tag_count *t, size_t n,
		       struct kb_buf *b)
{
	if (kb_opts_want_json(o)) {
		kb_buf_puts(b, n ? "[\n" : "[]\n");
		for (size_t i = 0; i < n; i++) {
			kb_buf_puts(b, "  {\"name\": ");
			kb_json_string(b, t[i].name);
			kb_buf_printf(b, ", \"count\": %zu}%s", t[i].count, i + 1 < n ? ",\n" : "\n]\n");
		}
	} else if (n == 0) {
		fputs(_("no tags\n"), stderr);
	} else {
		const char *const head[] = { _("COUNT"), _("TAG") };
		struct kb_table *tab = kb_table_create(2, head);
		for (size_t i = 0; i < n; i++) {
			char num[24];
			snprintf(num, sizeof(num), "%5zu", t[i].count);
			const char *cells[] = { num, t[i].name };
			kb_table_add(tab, cells);
		}
		kb_table_render(tab, kb_term_columns(STDOUT_FILENO, 100), b);
		kb_table_destroy(tab);
	}
}

/* `kanbao tags`: the list. */
static int list_tags(const struct kb_opts *o)
{
	struct kb_store *s = kb_opts_open(o);
	if (!s)
		return 1;
	struct kb_tag_count *t = NULL;
	size_t n = 0;
	int status = 1;
	if (kb_store_tags(s, &t, &n)) {
		struct kb_buf b;
		kb_buf_init(&b);
		print_tags(o, t, n, &b);
		if (b.len)
			kb_term_out(b.data, b.len);
		kb_buf_finish(&b);
		status = 0;
	} else {
		kb_term_error(NULL, kb_store_error(s));
	}
	kb_tag_counts_free(t, n);
	kb_store_close(s);
	return status;
}

/* The actions of `kanbao tags`: name, arguments after it, past tense and
 * the word between the two tags of the line it prints. */
static const struct action {
	const char *name;
	size_t n_args;
	const char *done, *to;
} actions[] = {
	{ "rename", 2, "renamed", "to" },
	{ "merge", 2, "merged", "into" },
	{ "delete", 1, "deleted", NULL },
};

/* Run action a on the tags args[1..]: one transaction, then its line. */
static int run_action(const struct kb_opts *o, const struct action *a)
{
	struct kb_store *s = kb_opts_open(o);
	if (!s)
		return 1;
	struct kb_change c = {0};
	size_t n = 0;
	bool ok;
	if (strcmp(a->name, "rename") == 0)
		ok = kb_store_tag_rename(s, o->args[1], o->args[2], &n, &c);
	else if (strcmp(a->name, "merge") == 0)
		ok = kb_store_tag_merge(s, o->args[1], o->args[2], &n, &c);
	else
		ok = kb_store_tag_delete(s, o->args[1], &n, &c);
	if (ok) {
		/* the names as saved (trimmed); an acknowledgment on stdout, as
		 * tagged and noted: not translated, scripts read it */
		struct kb_buf b;
		kb_buf_init(&b);
		kb_buf_printf(&b, "%s ", a->done);
		kb_term_put_safe(&b, c.tag, 0);
		if (a->to) {
			kb_buf_printf(&b, " %s ", a->to);
			kb_term_put_safe(&b, c.new_tag, 0);
		}
		kb_buf_printf(&b, " %s %zu article%s\n", a->to ? "on" : "from", n, n == 1 ? "" : "s");
		kb_term_out(b.data, b.len);
		kb_buf_finish(&b);
	} else {
		kb_term_error(NULL, kb_store_error(s));
	}
	kb_change_finish(&c);
	kb_store_close(s);
	return ok ? 0 : 1;
}

int kb_cmd_tags(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, KB_OPT_JSON, g->db);
	int status = 2;
	if (pr != KB_OPTS_OK) {
		tags_usage(pr == KB_OPTS_HELP ? stdout : stderr);
		status = pr == KB_OPTS_HELP ? 0 : 2;
		goto out;
	}
	if (o.n_args == 0) {
		status = list_tags(&o);
		goto out;
	}
	const struct action *a = NULL;
	for (size_t i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(o.args[0], actions[i].name) == 0)
			a = &actions[i];
	if (!a) {
		kb_term_eprintf(_("kanbao tags: unknown action %s (rename, merge or delete)"),
				o.args[0]);
	} else if (o.n_args != a->n_args + 1) {
		kb_term_eprintf(a->n_args == 2 ? _("kanbao tags: %s takes two tags: OLD NEW")
					       : _("kanbao tags: %s takes one tag: TAG"),
				a->name);
	} else if (o.json) {
		kb_term_eprintf(_("kanbao tags: --json is for the list of tags, not %s"), a->name);
	} else {
		for (size_t i = 1; i < o.n_args; i++)
			if (u8_check((const uint8_t *)o.args[i], strlen(o.args[i]))) {
				fputs(_("kanbao tags: the tag is not valid UTF-8\n"), stderr);
				goto out;
			}
		status = run_action(&o, a);
		goto out;
	}
	tags_usage(stderr);
out:
	kb_opts_finish(&o);
	return status;
}
