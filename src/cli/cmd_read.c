/* SPDX-License-Identifier: MIT */
/*
 * `kanbao [--theme NAME] [--config PATH] [PATH...]`: the reader. It opens
 * on the library at once, with the config file's settings; the PATHs are
 * checked for new and changed editions in the background once the first
 * screen is shown (src/ui/check.c), so a directory already imported opens
 * as fast as the library alone. Problems in the config or theme are
 * printed with their line numbers before the screen is taken over, and
 * never stop the reader. Where the reader cannot run (no terminal, no
 * UTF-8 locale) the PATHs are imported as `kanbao import` does. The
 * options may stand before the PATHs (main.c reads them there) or among
 * them (read here by getopt_long), "--" ending them.
 */
#include "commands.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/config.h"
#include "kanbao/i18n.h"
#include "kanbao/store.h"
#include "kanbao/ui.h"
#include "term.h"

static void read_usage(FILE *f)
{
	fputs(_("usage: kanbao [--db PATH] [--theme NAME] [--config FILE] [PATH...]\n"
		"\n"
		"Open the reader on the library, and import the new or changed edition\n"
		"files and directories at PATH in the background (the list shows them\n"
		"when done). Keys (? in the reader shows them):\n"), f);
	kb_ui_print_keys(f);
	fputs(_("\nThemes: default, light, mono, high-contrast (themes/README.md), looked\n"
		"for in $XDG_CONFIG_HOME/kanbao/themes, $KANBAO_THEMES, then the\n"
		"installed ones; NO_COLOR turns colours off. Settings:\n"
		"$XDG_CONFIG_HOME/kanbao/config.\n"), f);
}

/* The problems of the config and the theme found at start: printed on
 * stderr at once, and the first of them (with how many there were) shown
 * again in the reader, where stderr is hidden by the screen. */
struct problems {
	char first[400];
	size_t n;
};

static void warn(void *ctx, const char *path, size_t line, const char *msg)
{
	struct problems *p = ctx;
	if (line)
		fprintf(stderr, "kanbao: %s:%zu: %s\n", path, line, msg);
	else
		fprintf(stderr, "kanbao: %s: %s\n", path, msg);
	if (p && p->n++ == 0) {
		if (line)
			snprintf(p->first, sizeof(p->first), "%s:%zu: %s", path, line, msg);
		else
			snprintf(p->first, sizeof(p->first), "%s: %s", path, msg);
	}
}

int kb_cmd_read(int argc, char **argv, const struct kb_cli_globals *g)
{
	kb_ui_mark_start();
	const char *theme_name = g->theme, *config_path = g->config, *db = g->db;
	static const struct option options[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "config", required_argument, NULL, 'c' },
		{ "theme", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	opterr = 0;
	optind = 0; /* glibc: start afresh (main.c's getopt_long ran before) */
	int c;
	while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (c) {
		case 'd':
			db = optarg;
			break;
		case 'c':
			config_path = optarg;
			break;
		case 't':
			theme_name = optarg;
			break;
		case 'h':
			read_usage(stdout);
			return 0;
		case ':':
			kb_term_eprintf(_("kanbao: %s needs a value"), argv[optind - 1]);
			read_usage(stderr);
			return 2;
		default:
			if (optopt && argv[optind - 1][1] != '-')
				kb_term_eprintf(_("kanbao: unknown option -%c"), optopt);
			else
				kb_term_eprintf(_("kanbao: unknown option %s"), argv[optind - 1]);
			read_usage(stderr);
			return 2;
		}
	}
	/* the PATHs, after "import" for kb_cmd_import when there is no reader */
	char **paths = kb_xcalloc((size_t)argc + 2, sizeof(char *));
	int np = 0;
	paths[np++] = "import";
	if (optind < argc)
		paths[np++] = "--"; /* a PATH may start with - */
	for (int i = optind; i < argc; i++)
		paths[np++] = argv[i];
	int first = np > 1 ? 2 : 1; /* paths[first..np): the PATHs */

	struct kb_config cfg;
	/* a file that cannot be read is reported through warn; one named with
	 * --config that does not exist is most likely a typing slip */
	struct problems probs = {.n = 0};
	if (kb_config_load(&cfg, config_path, warn, &probs) && config_path && !cfg.path)
		warn(&probs, config_path, 0, _("no such config file; using the default settings"));
	kb_layout_set_ambiwidth(cfg.ambiwidth);
	struct kb_theme theme;
	char err[512];
	const char *tn = theme_name ? theme_name : cfg.theme ? cfg.theme : "default";
	if (!kb_theme_load(&theme, tn, warn, &probs, err, sizeof(err))) {
		kb_term_eprintf(_("kanbao: %s; using the built-in theme"), err);
		if (probs.n++ == 0)
			snprintf(probs.first, sizeof(probs.first), _("%.300s; using the built-in theme"),
				 err);
		/* (kb_theme_load left the built-in default in theme) */
	}
	char *path = db ? strdup(db) : kb_store_default_path();
	struct kb_store *s = kb_store_open(path, err, sizeof(err));
	int status = 1;
	char said[500] = "";
	if (probs.n == 1)
		snprintf(said, sizeof(said), "%s", probs.first);
	else if (probs.n > 1)
		snprintf(said, sizeof(said), _("%.400s (and %zu more problems: kanbao 2>&1 | head)"),
			 probs.first, probs.n - 1);
	struct kb_ui_paths check = {.db = path, .paths = (const char *const *)paths + first,
				    .n = (size_t)(np - first), .problems = said[0] ? said : NULL};
	if (!s)
		kb_term_error(NULL, err);
	else
		status = kb_ui_run(s, &cfg, &theme, &check);
	kb_store_close(s);
	if (status < 0) { /* no reader here: the PATHs are imported all the same */
		status = 1;
		struct kb_cli_globals ig = { db, config_path, theme_name };
		if (np > 1)
			kb_cmd_import(np, paths, &ig);
	}
	free(paths);
	free(path);
	kb_theme_finish(&theme);
	kb_config_finish(&cfg);
	return status;
}
