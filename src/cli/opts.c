/* SPDX-License-Identifier: MIT */
/*
 * Option parsing for the store's subcommands. Options may stand anywhere
 * before "--"; "--db PATH" and "--db=PATH" (same for every option taking a
 * value) are both accepted. A single "-" is an argument (note ID - reads
 * stdin), and so, where filters are accepted, is a query term that starts
 * with one ("-tag:X").
 *
 * It stays written by hand rather than with getopt_long: getopt would take
 * a query term such as "-tag:X" for the options -t -a -g, and "-" and the
 * place of "--" (tag ID... -- TAG...) are arguments here.
 */
#include "opts.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kanbao/i18n.h"
#include "term.h"

/* Whether s is a calendar date written YYYY-MM-DD. */
static bool is_date(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	int day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* --date FROM[..TO]: either end may be left out (..TO, FROM..), a single
 * date is that day. */
static bool parse_date(struct kb_opts *o, char *v, const char *cmd)
{
	char *dots = strstr(v, "..");
	if (!dots) {
		if (!is_date(v))
			goto bad;
		o->filter.date_from = v;
		o->filter.date_to = v;
		return true;
	}
	*dots = '\0';
	const char *to = dots + 2;
	if ((*v && !is_date(v)) || (*to && !is_date(to)) || (!*v && !*to)) {
		*dots = '.';
		goto bad;
	}
	o->filter.date_from = *v ? v : NULL;
	o->filter.date_to = *to ? to : NULL;
	return true;
bad:
	kb_term_eprintf(_("kanbao %s: --date wants YYYY-MM-DD or FROM..TO (YYYY-MM-DD), not %s"),
			cmd, v);
	return false;
}

/* Is a a query term that excludes (-tag:X), not an option? */
static bool excluding(const char *a)
{
	size_t i = 1;
	while ((a[i] >= 'a' && a[i] <= 'z') || (a[i] >= 'A' && a[i] <= 'Z'))
		i++;
	return i > 1 && a[i] == ':';
}

/* If argv[*i] is option name (alone or as name=VALUE), set *value and move
 * *i past it. False if it is not this option; an error when the value is
 * missing. */
static bool take(int argc, char **argv, int *i, const char *name, char **value, bool *missing)
{
	size_t n = strlen(name);
	const char *a = argv[*i];
	if (strncmp(a, name, n) != 0)
		return false;
	if (a[n] == '=') {
		*value = argv[*i] + n + 1;
		return true;
	}
	if (a[n] != '\0')
		return false;
	if (*i + 1 >= argc) {
		*missing = true;
		return true;
	}
	*value = argv[++*i];
	return true;
}

enum kb_opts_result kb_opts_parse(struct kb_opts *o, int argc, char **argv, unsigned accept,
				  const char *db)
{
	memset(o, 0, sizeof(*o));
	o->db = db;
	o->dashdash = SIZE_MAX;
	o->args = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	o->tags = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	const char *cmd = argv[0];
	bool opts = true;
	size_t n_tags = 0;
	for (int i = 1; i < argc; i++) {
		char *a = argv[i], *v = NULL;
		bool missing = false;
		if (!opts || a[0] != '-' || a[1] == '\0' ||
		    ((accept & KB_OPT_FILTER) && excluding(a))) {
			o->args[o->n_args++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			opts = false;
			o->dashdash = o->n_args;
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			return KB_OPTS_HELP;
		} else if (take(argc, argv, &i, "--db", &v, &missing)) {
			o->db = v;
		} else if ((accept & KB_OPT_JSON) && strcmp(a, "--json") == 0) {
			o->json = true;
		} else if ((accept & KB_OPT_CLEAR) && strcmp(a, "--clear") == 0) {
			o->clear = true;
		} else if ((accept & KB_OPT_REPAIR) && strcmp(a, "--repair") == 0) {
			o->repair = true;
		} else if ((accept & KB_OPT_SORT) && strcmp(a, "--count") == 0) {
			o->count = true;
		} else if ((accept & KB_OPT_FILTER) && strcmp(a, "--unread") == 0) {
			o->filter.unread = true;
		} else if ((accept & KB_OPT_FILTER) && take(argc, argv, &i, "--tag", &v, &missing)) {
			if (v)
				o->tags[n_tags++] = v;
		} else if ((accept & KB_OPT_FILTER) &&
			   take(argc, argv, &i, "--edition", &v, &missing)) {
			o->filter.edition = v;
		} else if ((accept & KB_OPT_FILTER) && take(argc, argv, &i, "--date", &v, &missing)) {
			if (v && !parse_date(o, v, cmd))
				return KB_OPTS_ERROR;
		} else if ((accept & KB_OPT_SORT) && take(argc, argv, &i, "--sort", &v, &missing)) {
			if (v && strcmp(v, "newest") == 0)
				o->filter.sort = KB_SORT_NEWEST;
			else if (v && strcmp(v, "oldest") == 0)
				o->filter.sort = KB_SORT_OLDEST;
			else if (v && strcmp(v, "relevance") == 0)
				o->filter.sort = KB_SORT_RELEVANCE;
			else if (v) {
				kb_term_eprintf(_("kanbao %s: --sort wants newest, oldest or"
						  " relevance, not %s"),
						cmd, v);
				return KB_OPTS_ERROR;
			}
		} else if ((accept & KB_OPT_FILTER) && take(argc, argv, &i, "--limit", &v, &missing)) {
			char *end = NULL;
			long long n = v ? strtoll(v, &end, 10) : 0;
			if (v && (end == v || *end || n <= 0)) {
				kb_term_eprintf(_("kanbao %s: --limit wants a positive number"), cmd);
				return KB_OPTS_ERROR;
			}
			o->filter.limit = (size_t)n;
		} else {
			kb_term_eprintf(_("kanbao %s: unknown option %s"), cmd, a);
			return KB_OPTS_ERROR;
		}
		if (missing) {
			kb_term_eprintf(_("kanbao %s: %s needs a value"), cmd, a);
			return KB_OPTS_ERROR;
		}
	}
	o->filter.tags = o->tags;
	o->filter.n_tags = n_tags;
	return KB_OPTS_OK;
}

void kb_opts_finish(struct kb_opts *o)
{
	if (!o)
		return;
	free(o->args);
	free(o->tags);
	o->args = NULL;
	o->tags = NULL;
}

struct kb_store *kb_opts_open(const struct kb_opts *o)
{
	char *path = o->db ? kb_xstrdup(o->db) : kb_store_default_path();
	if (!path) {
		kb_term_error(NULL, _("no database path: set HOME or KANBAO_DB, or give --db PATH"));
		return NULL;
	}
	char err[1024];
	err[0] = '\0';
	struct kb_store *s = kb_store_open(path, err, sizeof(err));
	if (!s)
		kb_term_error(path, err[0] ? err : _("cannot open the database"));
	free(path);
	return s;
}

bool kb_opts_want_json(const struct kb_opts *o)
{
	return o->json || !isatty(STDOUT_FILENO);
}
