/* SPDX-License-Identifier: MIT */
/* The subcommands of the kanbao command line, each a main-like function:
 * argv[0] is the subcommand's name, the result is the exit status (0 done,
 * 1 failed, 2 bad usage). g holds the global options given before the
 * subcommand. */
#ifndef KANBAO_CLI_COMMANDS_H
#define KANBAO_CLI_COMMANDS_H

/* The global options, given in any order before the subcommand. */
struct kb_cli_globals {
	const char *db;     /* --db PATH, or NULL: $KANBAO_DB, else the default */
	const char *config; /* --config FILE, or NULL: the default config file */
	const char *theme;  /* --theme NAME, or NULL: the config's theme */
};

/* kanbao parse [--json] [--name NAME] PATH...|-: print the loader's
 * reading of editions. */
int kb_cmd_parse(int argc, char **argv, const struct kb_cli_globals *g);

/* kanbao [--theme NAME] [--config PATH] [PATH...]: import PATHs, open the reader. */
int kb_cmd_read(int argc, char **argv, const struct kb_cli_globals *g);

/* kanbao import PATH...: import edition files into the library. */
int kb_cmd_import(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao list [FILTERS]: the library's articles in reading order. */
int kb_cmd_list(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao search QUERY... [FILTERS]: full-text search, best first. */
int kb_cmd_search(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao show ID: one article with its tags, note and highlights. */
int kb_cmd_show(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao tag ID... -- TAG...: add tags. */
int kb_cmd_tag(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao untag ID... -- TAG...: remove tags. */
int kb_cmd_untag(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao note ID [TEXT|-|--clear]: set, edit or remove an article's note. */
int kb_cmd_note(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao tags [rename OLD NEW|merge OLD NEW|delete TAG]: every tag with its
 * count; a tag renamed, merged or deleted across the library. */
int kb_cmd_tags(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao detached [attach OLD NEW]: annotations whose article is gone. */
int kb_cmd_detached(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao check: the database's integrity. */
int kb_cmd_check(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao editions: the editions of the library, missing files marked. */
int kb_cmd_editions(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao remove EDITION...: remove editions, keeping their annotations. */
int kb_cmd_remove(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao export [filters] [-o FILE|DIR [--split]] [--with-text] [--format md|json] */
int kb_cmd_export(int argc, char **argv, const struct kb_cli_globals *g);
/* kanbao restore FILE: bring a JSON backup's annotations into the library. */
int kb_cmd_restore(int argc, char **argv, const struct kb_cli_globals *g);

#endif
