/* SPDX-License-Identifier: MIT */
/* The subcommands of the kanbao command line, each a main-like function:
 * argv[0] is the subcommand's name, the result is the exit status. db is the
 * --db PATH given before the subcommand, or NULL. */
#ifndef KANBAO_CLI_COMMANDS_H
#define KANBAO_CLI_COMMANDS_H

/* kanbao parse [--json] PATH...: print the loader's reading of editions. */
int kb_cmd_parse(int argc, char **argv);

/* kanbao [--theme NAME] [--config PATH] [PATH...]: import PATHs, open the reader. */
int kb_cmd_read(int argc, char **argv, const char *db);

/* kanbao import PATH...: import edition files into the library. */
int kb_cmd_import(int argc, char **argv, const char *db);
/* kanbao list [FILTERS]: the library's articles in reading order. */
int kb_cmd_list(int argc, char **argv, const char *db);
/* kanbao search QUERY... [FILTERS]: full-text search, best first. */
int kb_cmd_search(int argc, char **argv, const char *db);
/* kanbao show ID: one article with its tags, note and highlights. */
int kb_cmd_show(int argc, char **argv, const char *db);
/* kanbao tag ID... -- TAG...: add tags. */
int kb_cmd_tag(int argc, char **argv, const char *db);
/* kanbao untag ID... -- TAG...: remove tags. */
int kb_cmd_untag(int argc, char **argv, const char *db);
/* kanbao note ID [TEXT|-|--clear]: set, edit or remove an article's note. */
int kb_cmd_note(int argc, char **argv, const char *db);
/* kanbao tags [rename OLD NEW|merge OLD NEW|delete TAG]: every tag with its
 * count; a tag renamed, merged or deleted across the library. */
int kb_cmd_tags(int argc, char **argv, const char *db);
/* kanbao detached [attach OLD NEW]: annotations whose article is gone. */
int kb_cmd_detached(int argc, char **argv, const char *db);
/* kanbao check: the database's integrity. */
int kb_cmd_check(int argc, char **argv, const char *db);
/* kanbao editions: the editions of the library, missing files marked. */
int kb_cmd_editions(int argc, char **argv, const char *db);
/* kanbao remove EDITION...: remove editions, keeping their annotations. */
int kb_cmd_remove(int argc, char **argv, const char *db);
/* kanbao export [filters] [-o FILE|DIR [--split]] [--with-text] [--format md|json] */
int kb_cmd_export(int argc, char **argv, const char *db);
/* kanbao restore FILE: bring a JSON backup's annotations into the library. */
int kb_cmd_restore(int argc, char **argv, const char *db);

#endif
