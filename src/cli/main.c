/*
 * kanbao's command line: dispatch to the subcommands. Until the reader panes
 * exist, `kanbao PATH...` without a subcommand prints the outline of the
 * parse, as `kanbao parse` does.
 */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"

static void usage(FILE *f)
{
	fputs("usage: kanbao [PATH...]\n"
	      "       kanbao parse [--json] FILE|DIR...\n"
	      "       kanbao --version | --help\n"
	      "\n"
	      "kanbao (看报) reads newspaper editions: it splits each edition file into\n"
	      "articles and rejoins paragraphs broken across columns.\n"
	      "\n"
	      "commands:\n"
	      "  parse   print how the loader reads edition files (--json: the schema)\n"
	      "\n"
	      "Without a command, kanbao prints the outline of the editions at PATH.\n", f);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		puts("kanbao 0.1.0");
		return 0;
	}
	if (strcmp(cmd, "parse") == 0)
		return kb_cmd_parse(argc - 1, argv + 1);
	if (cmd[0] == '-') {
		fprintf(stderr, "kanbao: unknown option %s\n", cmd);
		usage(stderr);
		return 2;
	}
	return kb_cmd_parse(argc, argv);
}
