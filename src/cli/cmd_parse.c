/* SPDX-License-Identifier: MIT */
/*
 * `kanbao parse`: the loader's reading of edition files, without the store.
 * With --json, the parse schema (one object for one file, an array for
 * several); otherwise a readable outline per article. Errors name the file
 * and make the exit status 1, but the other files are still parsed. File
 * names and loader messages reach stderr sanitised (a name may hold escape
 * sequences); once stdout fails (full disk, closed pipe) nothing more is
 * parsed, and main reports the error.
 */
#include "commands.h"
#include "json.h"
#include "term.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kanbao/edition.h"
#include "kanbao/walk.h"

struct run {
	bool json;
	size_t files, failed;
	struct kb_buf out;
	const char *path; /* the file being read, for warnings */
};

static void usage(FILE *f)
{
	fputs("usage: kanbao parse [--json] FILE|DIR...\n"
	      "\n"
	      "Read edition files and print how the loader splits them into articles:\n"
	      "title, authors, paragraph count and first characters of each article.\n"
	      "Directories are read recursively (*.txt files).\n"
	      "\n"
	      "  --json   print the parse schema (shared/PARSE-SCHEMA.md): one object\n"
	      "           for one file, an array of objects for several\n"
	      "  --help   show this help\n", f);
}

static void warn(void *ctx, size_t line, const char *msg)
{
	struct run *r = ctx;
	struct kb_buf where;
	kb_buf_init(&where);
	kb_buf_puts(&where, r->path);
	if (line)
		kb_buf_printf(&where, ":%zu", line);
	kb_term_errorf(where.data, "warning: %s", msg);
	kb_buf_finish(&where);
}

static void outline(struct kb_buf *b, const struct kb_edition *ed)
{
	kb_buf_puts(b, "== ");
	kb_term_put_safe(b, ed->source ? ed->source : "-", 0);
	kb_buf_printf(b, " (%s%s%s, %zu article%s)\n", ed->encoding,
		      ed->date ? ", " : "", ed->date ? ed->date : "", ed->n_articles,
		      ed->n_articles == 1 ? "" : "s");
	for (size_t i = 0; i < ed->n_articles; i++) {
		const struct kb_article *a = &ed->articles[i];
		size_t paras = 0, heads = 0;
		const char *first = NULL;
		for (size_t k = 0; k < a->n_blocks; k++) {
			if (a->blocks[k].type == KB_BLOCK_PARAGRAPH) {
				paras++;
				if (!first)
					first = a->blocks[k].text;
			} else {
				heads++;
			}
		}
		kb_buf_printf(b, "%3zu. ", i + 1);
		if (a->title[0])
			kb_term_put_safe(b, a->title, 60);
		else
			kb_buf_puts(b, "(no headline)");
		kb_buf_putc(b, '\n');
		if (a->kicker) {
			kb_buf_puts(b, "     kicker: ");
			kb_term_put_safe(b, a->kicker, 60);
			kb_buf_putc(b, '\n');
		}
		if (a->subtitle) {
			kb_buf_puts(b, "     subtitle: ");
			kb_term_put_safe(b, a->subtitle, 60);
			kb_buf_putc(b, '\n');
		}
		if (a->n_authors) {
			kb_buf_puts(b, "     by:");
			for (size_t k = 0; k < a->n_authors; k++) {
				kb_buf_putc(b, ' ');
				kb_term_put_safe(b, a->authors[k].role, 20);
				kb_buf_putc(b, ' ');
				kb_term_put_safe(b, a->authors[k].name, 20);
				if (k + 1 < a->n_authors)
					kb_buf_putc(b, ',');
			}
			kb_buf_putc(b, '\n');
		}
		kb_buf_printf(b, "     %zu paragraph%s", paras, paras == 1 ? "" : "s");
		if (heads)
			kb_buf_printf(b, ", %zu heading%s", heads, heads == 1 ? "" : "s");
		if (first) {
			kb_buf_puts(b, ": ");
			kb_term_put_safe(b, first, 30);
		}
		kb_buf_putc(b, '\n');
	}
	for (size_t i = 0; i < ed->n_extras; i++) {
		const struct kb_extra *x = &ed->extras[i];
		kb_buf_printf(b, "     [%s] ", kb_extra_type_name(x->type));
		kb_term_put_safe(b, x->text, 40);
		if (x->credit) {
			kb_buf_puts(b, " (");
			kb_term_put_safe(b, x->credit, 20);
			kb_buf_putc(b, ')');
		}
		kb_buf_putc(b, '\n');
	}
}

static void on_file(void *ctx, const char *path)
{
	struct run *r = ctx;
	struct kb_edition *ed = NULL;
	if (kb_term_out_failed())
		return; /* nobody can read the rest */
	r->path = path;
	errno = 0;
	enum kb_status st = kb_edition_load(path, &ed, warn, r);
	if (st != KB_OK) {
		if (st == KB_IO && errno)
			kb_term_errorf(path, "%s: %s", kb_status_message(st), strerror(errno));
		else
			kb_term_error(path, kb_status_message(st));
		r->failed++;
		return;
	}
	if (ed->n_articles == 0 && ed->n_extras == 0)
		warn(r, 0, "empty edition (no text)");
	if (r->json) {
		if (r->files)
			kb_buf_puts(&r->out, ",\n");
		kb_json_edition(&r->out, ed);
	} else {
		outline(&r->out, ed);
	}
	r->files++;
	kb_edition_destroy(ed);
	kb_term_out(r->out.data ? r->out.data : "", r->out.len);
	r->out.len = 0;
}

static bool is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static void on_error(void *ctx, const char *path, const char *msg)
{
	struct run *r = ctx;
	kb_term_error(path, msg);
	r->failed++;
}

int kb_cmd_parse(int argc, char **argv)
{
	struct run r;
	memset(&r, 0, sizeof(r));
	kb_buf_init(&r.out);
	const char **paths = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	size_t n = 0;
	bool opts = true;
	for (int i = 1; i < argc; i++) {
		if (opts && strcmp(argv[i], "--json") == 0) {
			r.json = true;
		} else if (opts && (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)) {
			usage(stdout);
			free(paths);
			return 0;
		} else if (opts && strcmp(argv[i], "--") == 0) {
			opts = false;
		} else if (opts && argv[i][0] == '-' && argv[i][1]) {
			kb_term_eprintf("kanbao parse: unknown option %s", argv[i]);
			usage(stderr);
			free(paths);
			return 2;
		} else {
			paths[n++] = argv[i];
		}
	}
	if (n == 0) {
		usage(stderr);
		free(paths);
		return 2;
	}
	/* one file gives one object; several, or a directory, an array */
	bool array = r.json && (n > 1 || is_dir(paths[0]));
	if (array)
		kb_term_out("[\n", 2);
	kb_walk(paths, n, on_file, on_error, &r);
	if (array)
		kb_term_out("\n]\n", 3);
	else if (r.json && r.files)
		kb_term_out("\n", 1);
	kb_buf_finish(&r.out);
	free(paths);
	return r.failed ? 1 : 0;
}
