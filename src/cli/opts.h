/* SPDX-License-Identifier: MIT */
/*
 * Options shared by the store's subcommands: --db PATH (also accepted
 * before the subcommand, and $KANBAO_DB), --json, the filters of list and
 * search, and the positional arguments with where "--" stood.
 */
#ifndef KANBAO_CLI_OPTS_H
#define KANBAO_CLI_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "kanbao/store.h"

/* Which options a subcommand accepts besides --db and --help. */
enum {
	KB_OPT_JSON = 1,   /* --json */
	KB_OPT_FILTER = 2, /* --tag --edition --date --unread --limit; "-tag:X" is an
			      argument (a query term) */
	KB_OPT_CLEAR = 4,  /* --clear (note) */
	KB_OPT_REPAIR = 8, /* --repair (check) */
	KB_OPT_SORT = 16,  /* --sort newest|oldest|relevance, --count (search) */
};

/* What kb_opts_parse found. */
enum kb_opts_result {
	KB_OPTS_OK,
	KB_OPTS_HELP,  /* --help: print the usage to stdout, exit 0 */
	KB_OPTS_ERROR, /* a message was printed; print the usage, exit 2 */
};

struct kb_opts {
	const char *db;    /* --db, or the global one, or NULL: the default */
	bool json;         /* --json */
	bool clear;        /* --clear */
	bool repair;       /* --repair */
	bool count;        /* --count */
	struct kb_filter filter; /* its tags point into tags below */
	const char **tags; /* --tag values, borrowed from argv; owned array */
	const char **args; /* positional arguments, borrowed from argv; owned array */
	size_t n_args;
	size_t dashdash; /* index in args of the first argument after "--",
			    or SIZE_MAX without "--" */
};

/* Parse argv[1..argc) of subcommand cmd (argv[0]), accepting the options in
 * accept. db is the --db given before the subcommand (or NULL). Errors are
 * printed as "kanbao CMD: ...". Finish o afterwards, whatever the result. */
enum kb_opts_result kb_opts_parse(struct kb_opts *o, int argc, char **argv, unsigned accept,
				  const char *db);
void kb_opts_finish(struct kb_opts *o);

/* Open the store o names (--db, $KANBAO_DB or the default path); on failure
 * print the reason (naming the file) and return NULL. */
struct kb_store *kb_opts_open(const struct kb_opts *o);

/* Whether to print JSON: --json, or stdout is not a terminal. */
bool kb_opts_want_json(const struct kb_opts *o);

#endif
