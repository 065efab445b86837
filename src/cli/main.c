/* SPDX-License-Identifier: MIT */
/*
 * kanbao's command line: global options (--db PATH), then dispatch to the
 * subcommands from one table, which also gives the usage text. Without a
 * subcommand, kanbao opens the reader (importing the PATHs given first).
 *
 * Every command's standard output is checked when it ends (the usage text
 * says so): a write error (full disk, /dev/full) gives a message and exit
 * status 1; a closed pipe ends kanbao quietly, by SIGPIPE as for cat and
 * grep, or with status 1 and no message when SIGPIPE is ignored.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "kanbao/i18n.h"
#include "term.h"

/* One subcommand of the store: its name, entry point and one-line summary. */
struct command {
	const char *name;
	int (*run)(int argc, char **argv, const char *db);
	const char *summary;
};

static const struct command commands[] = {
	{ "import", kb_cmd_import, "import edition files and directories into the library" },
	{ "list", kb_cmd_list, "list articles (--tag, --edition, --date, --unread, --json)" },
	{ "search", kb_cmd_search, "full-text search, best first, with snippets" },
	{ "show", kb_cmd_show, "show one article with its tags, note and highlights" },
	{ "tag", kb_cmd_tag, "tag articles: tag ID... -- TAG..." },
	{ "untag", kb_cmd_untag, "remove tags: untag ID... -- TAG..." },
	{ "note", kb_cmd_note, "set an article's note (TEXT, - for stdin, or $EDITOR)" },
	{ "tags", kb_cmd_tags, "every tag with its count; rename, merge or delete one" },
	{ "detached", kb_cmd_detached, "annotations whose article is gone; re-attach them" },
	{ "check", kb_cmd_check, "check the database's integrity (--repair the search index)" },
	{ "editions", kb_cmd_editions, "the editions of the library, files gone marked" },
	{ "remove", kb_cmd_remove, "remove editions (their annotations kept, detached)" },
	{ "export", kb_cmd_export, "notes, highlights and tags as Markdown, or a JSON backup" },
	{ "restore", kb_cmd_restore, "bring a JSON backup's annotations into the library" },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs("usage: kanbao [--db PATH] [--theme NAME] [PATH...]\n"
	      "       kanbao [--db PATH] COMMAND [ARGS...]\n"
	      "       kanbao parse [--json] FILE|DIR...\n"
	      "       kanbao --version | --help\n"
	      "\n"
	      "kanbao (看报) reads newspaper editions: it splits each edition file into\n"
	      "articles, rejoins paragraphs broken across columns, and keeps a library\n"
	      "of them with your tags and notes.\n"
	      "\n"
	      "commands:\n"
	      "  parse     print how the loader reads edition files (--json: the schema)\n",
	      f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fputs("\n"
	      "Each command has --help. The library is --db PATH, else $KANBAO_DB, else\n"
	      "$XDG_DATA_HOME/kanbao/kanbao.db (~/.local/share/kanbao/kanbao.db).\n"
	      "Without a command, kanbao imports the editions at PATH and opens the\n"
	      "reader (kanbao --help-keys lists its keys).\n"
	      "\n"
	      "Exit status: 0 on success, 1 on an error (a write error on standard\n"
	      "output included: full disk, /dev/full), 2 for bad usage. A closed pipe\n"
	      "ends kanbao quietly (SIGPIPE, or status 1 when SIGPIPE is ignored).\n",
	      f);
}

/* Run the command line; the exit status before stdout is checked. */
static int dispatch(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	kb_i18n_init();
	const char *db = NULL;
	int i = 1;
	/* global options before the command */
	while (i < argc) {
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc) {
				fputs("kanbao: --db needs a value\n", stderr);
				return 2;
			}
			db = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			db = argv[i] + 5;
			i++;
		} else {
			break;
		}
	}
	if (i >= argc)
		return kb_cmd_read(0, argv + i, db);
	const char *cmd = argv[i];
	if (strcmp(cmd, "--help-keys") == 0) {
		char *h[] = {"--help"};
		return kb_cmd_read(1, h, db);
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		puts("kanbao 0.1.0");
		return 0;
	}
	if (strcmp(cmd, "parse") == 0)
		return kb_cmd_parse(argc - i, argv + i);
	for (size_t k = 0; k < N_COMMANDS; k++)
		if (strcmp(cmd, commands[k].name) == 0)
			return commands[k].run(argc - i, argv + i, db);
	if (cmd[0] == '-' && strcmp(cmd, "--theme") != 0 && strcmp(cmd, "--config") != 0) {
		kb_term_eprintf("kanbao: unknown option %s", cmd);
		usage(stderr);
		return 2;
	}
	return kb_cmd_read(argc - i, argv + i, db);
}

int main(int argc, char **argv)
{
	return kb_term_close_stdout(dispatch(argc, argv));
}
