/* SPDX-License-Identifier: MIT */
/*
 * kanbao's command line: the global options (--db, --config, --theme, -h,
 * -V, --help-keys, in any order, read by getopt_long), then dispatch to the
 * subcommands from one table, which also gives the usage text and the
 * names a mistyped command is matched against. Without a subcommand, or
 * with a first word that is a file or directory (or holds a '/'), kanbao
 * opens the reader (importing the PATHs given first); a word that is
 * neither a command nor a path is an error naming the closest command.
 *
 * Every command's standard output is checked when it ends (the usage text
 * says so): a write error (full disk, /dev/full) gives a message and exit
 * status 1; a closed pipe ends kanbao quietly, by SIGPIPE as for cat and
 * grep, or with status 1 and no message when SIGPIPE is ignored.
 */
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "kanbao/i18n.h"
#include "kanbao/util.h"
#include "term.h"

#ifndef KB_VERSION
#error "KB_VERSION is meson.build's project version, passed by meson"
#endif

/* One subcommand: its name, entry point and one-line summary (translated
 * where it is printed). */
struct command {
	const char *name;
	int (*run)(int argc, char **argv, const struct kb_cli_globals *g);
	const char *summary;
};

static const struct command commands[] = {
	{ "parse", kb_cmd_parse, N_("print how the loader reads edition files (--json: the schema)") },
	{ "import", kb_cmd_import, N_("import edition files and directories into the library") },
	{ "list", kb_cmd_list, N_("list articles (--tag, --edition, --date, --unread, --json)") },
	{ "search", kb_cmd_search, N_("full-text search, best first, with snippets") },
	{ "show", kb_cmd_show, N_("show one article with its tags, note and highlights") },
	{ "tag", kb_cmd_tag, N_("tag articles: tag ID... -- TAG...") },
	{ "untag", kb_cmd_untag, N_("remove tags: untag ID... -- TAG...") },
	{ "note", kb_cmd_note, N_("set an article's note (TEXT, - for stdin, or $EDITOR)") },
	{ "tags", kb_cmd_tags, N_("every tag with its count; rename, merge or delete one") },
	{ "detached", kb_cmd_detached, N_("annotations whose article is gone; re-attach them") },
	{ "check", kb_cmd_check, N_("check the database's integrity (--repair the search index)") },
	{ "editions", kb_cmd_editions, N_("the editions of the library, files gone marked") },
	{ "remove", kb_cmd_remove, N_("remove editions (their annotations kept, detached)") },
	{ "export", kb_cmd_export, N_("notes, highlights and tags as Markdown, or a JSON backup") },
	{ "restore", kb_cmd_restore, N_("bring a JSON backup's annotations into the library") },
	{ "help", NULL, N_("help COMMAND: that command's --help") },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs(_("usage: kanbao [OPTIONS] [PATH...]\n"
		"       kanbao [OPTIONS] COMMAND [ARGS...]\n"
		"       kanbao help COMMAND\n"
		"       kanbao -V | --version | -h | --help | --help-keys\n"
		"\n"
		"kanbao (看报) reads newspaper editions: it splits each edition file into\n"
		"articles, rejoins paragraphs broken across columns, and keeps a library\n"
		"of them with your tags and notes. Without a command, kanbao imports the\n"
		"editions at PATH (new or changed files) and opens the reader.\n"
		"\n"
		"options (in any order, before the command):\n"
		"  --db PATH       the library (also after a command that uses it)\n"
		"  --config FILE   the settings file instead of the default one\n"
		"  --theme NAME    the reader's colours: a theme's name or a file's path\n"
		"  -h, --help      show this help (kanbao help COMMAND: a command's)\n"
		"  -V, --version   print kanbao's version\n"
		"  --help-keys     the reader's keys\n"
		"\n"
		"commands:\n"),
	      f);
	for (size_t i = 0; i < N_COMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, _(commands[i].summary));
	fputs(_("\n"
		"Each command has --help. A file or directory named like a command is\n"
		"opened as ./NAME. - stands for standard input or output where a file is\n"
		"read or written (parse -, import -, note ID -, restore -, export -o -).\n"
		"\n"
		"environment:\n"
		"  KANBAO_DB         the library when --db is not given; else\n"
		"                    $XDG_DATA_HOME/kanbao/kanbao.db\n"
		"                    (~/.local/share/kanbao/kanbao.db)\n"
		"  XDG_CONFIG_HOME   the settings are $XDG_CONFIG_HOME/kanbao/config\n"
		"                    (~/.config/kanbao/config), your themes\n"
		"                    $XDG_CONFIG_HOME/kanbao/themes/NAME.theme\n"
		"  KANBAO_THEMES     a folder of themes looked in before the installed\n"
		"                    ones (the source tree's themes/ to run a build\n"
		"                    uninstalled)\n"
		"  KANBAO_LOCALEDIR  where the translations are, instead of the\n"
		"                    installed ones (the build's po/)\n"
		"  PAGER             the pager of kanbao show on a terminal (default\n"
		"                    less; cat or an empty PAGER: none)\n"
		"  LESS              the options of less as the pager; FRX when not set\n"
		"  VISUAL, EDITOR    the editor of kanbao note ID (default vi)\n"
		"  NO_COLOR          the reader without colours\n"
		"\n"
		"Exit status: 0 on success, 1 on an error (a write error on standard\n"
		"output included: full disk, /dev/full), 2 for bad usage. A closed pipe\n"
		"ends kanbao quietly (SIGPIPE, or status 1 when SIGPIPE is ignored).\n"),
	      f);
}

/* The command named name, or NULL. */
static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < N_COMMANDS; i++)
		if (strcmp(name, commands[i].name) == 0)
			return &commands[i];
	return NULL;
}

/* Say that word is not a command, naming the closest one if any; the
 * exit status (2). after_help: the word came after `kanbao help`, so it
 * cannot have been meant as a file. */
static int not_a_command(const char *word, bool after_help)
{
	const char *names[N_COMMANDS];
	for (size_t i = 0; i < N_COMMANDS; i++)
		names[i] = commands[i].name;
	const char *near = kb_closest(word, names, N_COMMANDS);
	if (near)
		kb_term_eprintf(_("kanbao: '%s' is not a kanbao command; did you mean '%s'?"), word,
				near);
	else if (after_help)
		kb_term_eprintf(_("kanbao: '%s' is not a kanbao command (kanbao --help lists them)"),
				word);
	else
		kb_term_eprintf(_("kanbao: '%s' is neither a kanbao command nor a file or directory"
				  " (kanbao --help lists the commands)"),
				word);
	return 2;
}

/* kanbao help [COMMAND]: the top-level help, or COMMAND's --help. */
static int help(int argc, char **argv, const struct kb_cli_globals *g)
{
	if (argc > 2) {
		kb_term_eprintf(_("kanbao help: give one command's name, as in kanbao help list"));
		return 2;
	}
	const struct command *c = argc == 2 ? find_command(argv[1]) : NULL;
	if (argc == 2 && !c)
		return not_a_command(argv[1], true);
	if (!c || !c->run) {
		usage(stdout);
		return 0;
	}
	char *av[] = { (char *)c->name, "--help", NULL };
	return c->run(2, av, g);
}

/* Is word a path the reader should open: one with a '/', or one that
 * exists? */
static bool is_path(const char *word)
{
	struct stat sb;
	return strchr(word, '/') || lstat(word, &sb) == 0;
}

/* Run the command line; the exit status before stdout is checked. */
static int dispatch(int argc, char **argv)
{
	setlocale(LC_ALL, "");
	kb_i18n_init();
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "theme", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "help-keys", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 },
	};
	struct kb_cli_globals g = { NULL, NULL, NULL };
	bool keys = false;
	opterr = 0; /* the messages are ours: sanitised and translated */
	int c;
	/* "+": stop at the first word that is not an option (the command or
	 * the first PATH); ":": a missing value returns ':' */
	while ((c = getopt_long(argc, argv, "+:hV", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			g.db = optarg;
			break;
		case 'c':
			g.config = optarg;
			break;
		case 't':
			g.theme = optarg;
			break;
		case 'k':
			keys = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("kanbao %s\n", KB_VERSION);
			return 0;
		case ':':
			kb_term_eprintf(_("kanbao: %s needs a value"), argv[optind - 1]);
			return 2;
		default:
			if (optopt && !(argv[optind - 1][0] == '-' && argv[optind - 1][1] == '-'))
				kb_term_eprintf(_("kanbao: unknown option -%c (kanbao --help lists"
						  " the options)"),
						optopt);
			else
				kb_term_eprintf(_("kanbao: unknown option %s (kanbao --help lists the"
						  " options)"),
						argv[optind - 1]);
			return 2;
		}
	}
	char *name = "kanbao";
	if (keys) {
		char *h[] = { name, "--help", NULL };
		return kb_cmd_read(2, h, &g);
	}
	if (optind >= argc) {
		char *none[] = { name, NULL };
		return kb_cmd_read(1, none, &g);
	}
	const char *word = argv[optind];
	/* after "--" every word is a PATH */
	bool paths_only = strcmp(argv[optind - 1], "--") == 0 && optind > 1;
	const struct command *cmd = paths_only ? NULL : find_command(word);
	if (cmd && !cmd->run)
		return help(argc - optind, argv + optind, &g);
	if (cmd)
		return cmd->run(argc - optind, argv + optind, &g);
	if (strcmp(word, "-") == 0) {
		kb_term_eprintf(_("kanbao: the reader reads files; an edition on standard input"
				  " is for kanbao import - (or parse -)"));
		return 2;
	}
	if (!paths_only && !is_path(word))
		return not_a_command(word, false);
	/* the reader's argv: its name, "--" again if it was given, the rest */
	char **av = kb_xcalloc((size_t)argc + 2, sizeof(char *));
	int ac = 0;
	av[ac++] = name;
	if (paths_only)
		av[ac++] = "--";
	for (int i = optind; i < argc; i++)
		av[ac++] = argv[i];
	int status = kb_cmd_read(ac, av, &g);
	free(av);
	return status;
}

int main(int argc, char **argv)
{
	return kb_term_close_stdout(dispatch(argc, argv));
}
