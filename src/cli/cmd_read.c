/* SPDX-License-Identifier: MIT */
/*
 * `kanbao [--theme NAME] [--config PATH] [PATH...]`: the reader. It opens
 * on the library at once, with the config file's settings; the PATHs are
 * checked for new and changed editions in the background once the first
 * screen is shown (src/ui/check.c), so a directory already imported opens
 * as fast as the library alone. Problems in the config or theme are
 * printed with their line numbers before the screen is taken over, and
 * never stop the reader. Where the reader cannot run (no terminal, no
 * UTF-8 locale) the PATHs are imported as `kanbao import` does.
 */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/config.h"
#include "kanbao/store.h"
#include "kanbao/ui.h"

static void read_usage(FILE *f)
{
	fputs("usage: kanbao [--db PATH] [--theme NAME] [--config PATH] [PATH...]\n"
	      "\n"
	      "Open the reader on the library, and import the new or changed edition\n"
	      "files and directories at PATH in the background (the list shows them\n"
	      "when done). Keys (? in the reader shows them):\n", f);
	kb_ui_print_keys(f);
	fputs("\nThemes: default, light, mono, high-contrast (themes/README.md);\n"
	      "NO_COLOR turns colours off. Settings: $XDG_CONFIG_HOME/kanbao/config.\n", f);
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

int kb_cmd_read(int argc, char **argv, const char *db)
{
	kb_ui_mark_start();
	const char *theme_name = NULL, *config_path = NULL;
	char **paths = calloc((size_t)argc + 4, sizeof(char *));
	int np = 0;
	paths[np++] = "import";
	for (int i = 0; i < argc; i++) {
		if ((strcmp(argv[i], "--theme") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc) {
			if (argv[i][2] == 't')
				theme_name = argv[++i];
			else
				config_path = argv[++i];
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			read_usage(stdout);
			free(paths);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "kanbao: unknown option %s\n", argv[i]);
			read_usage(stderr);
			free(paths);
			return 2;
		} else {
			paths[np++] = argv[i];
		}
	}

	struct kb_config cfg;
	/* a file that cannot be read is reported through warn; one named with
	 * --config that does not exist is most likely a typing slip */
	struct problems probs = {.n = 0};
	if (kb_config_load(&cfg, config_path, warn, &probs) && config_path && !cfg.path)
		warn(&probs, config_path, 0, "no such config file; using the default settings");
	kb_layout_set_ambiwidth(cfg.ambiwidth);
	struct kb_theme theme;
	char err[512];
	const char *tn = theme_name ? theme_name : cfg.theme ? cfg.theme : "default";
	if (!kb_theme_load(&theme, tn, warn, &probs, err, sizeof(err))) {
		fprintf(stderr, "kanbao: %s; using the built-in theme\n", err);
		if (probs.n++ == 0)
			snprintf(probs.first, sizeof(probs.first), "%.300s; using the built-in theme", err);
		kb_theme_default(&theme);
	}
	char *path = db ? strdup(db) : kb_store_default_path();
	struct kb_store *s = kb_store_open(path, err, sizeof(err));
	int status = 1;
	char said[500] = "";
	if (probs.n == 1)
		snprintf(said, sizeof(said), "%s", probs.first);
	else if (probs.n > 1)
		snprintf(said, sizeof(said), "%.400s (and %zu more problems: kanbao 2>&1 | head)",
			 probs.first, probs.n - 1);
	struct kb_ui_paths check = {.db = path, .paths = (const char *const *)paths + 1,
				    .n = (size_t)np - 1, .problems = said[0] ? said : NULL};
	if (!s)
		fprintf(stderr, "kanbao: %s\n", err);
	else
		status = kb_ui_run(s, &cfg, &theme, &check);
	kb_store_close(s);
	if (status < 0) { /* no reader here: the PATHs are imported all the same */
		status = 1;
		if (np > 1)
			kb_cmd_import(np, paths, db);
	}
	free(paths);
	free(path);
	kb_theme_finish(&theme);
	kb_config_finish(&cfg);
	return status;
}
