/* SPDX-License-Identifier: MIT */
/*
 * `kanbao parse`: the loader's reading of edition files, without the store.
 * With --json, the parse schema (one object for one file, an array for
 * several); otherwise a readable outline per article. Errors name the file
 * and make the exit status 1, but the other files are still parsed. File
 * names and loader messages reach stderr sanitised (a name may hold escape
 * sequences); once stdout fails (full disk, closed pipe) nothing more is
 * parsed, and main reports the error. "-" reads one edition from standard
 * input, named "-" or by --name NAME (its file name: the paper, date and
 * page are read from it as from a file's).
 */
#include "commands.h"
#include "json.h"
#include "term.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kanbao/decode.h"
#include "kanbao/edition.h"
#include "kanbao/i18n.h"
#include "kanbao/walk.h"

/* Standard input is read up to the loader's own limit (512 MiB), and one
 * byte more to know it was over. */
#define MAX_STDIN ((size_t)512 * 1024 * 1024)

struct run {
	bool json;
	size_t files, failed;
	struct kb_buf out;
	const char *path; /* the file being read, for warnings */
};

static void usage(FILE *f)
{
	fputs(_("usage: kanbao parse [--json] [--name NAME] FILE|DIR|-...\n"
		"\n"
		"Read edition files and print how the loader splits them into articles:\n"
		"title, authors, paragraph count and first characters of each article.\n"
		"Directories are read recursively (*.txt files); - reads one edition\n"
		"from standard input.\n"
		"\n"
		"  --json       print the parse schema: one object for one file, an\n"
		"               array of objects for several\n"
		"  --name NAME  the file name of the edition read from standard input\n"
		"               (default -): its paper, date and page are read from it\n"
		"               as from a file's (rmrb_20190215_p03.txt)\n"
		"  --help       show this help\n"), f);
}

static void warn(void *ctx, size_t line, const char *msg)
{
	struct run *r = ctx;
	struct kb_buf where;
	kb_buf_init(&where);
	kb_buf_puts(&where, r->path);
	if (line)
		kb_buf_printf(&where, ":%zu", line);
	kb_term_errorf(where.data, _("warning: %s"), msg);
	kb_buf_finish(&where);
}

static void outline(struct kb_buf *b, const struct kb_edition *ed)
{
	kb_buf_puts(b, "== ");
	kb_term_put_safe(b, ed->source ? ed->source : "-", 0);
	kb_buf_printf(b, " (%s%s%s, ", ed->encoding, ed->date ? ", " : "",
		      ed->date ? ed->date : "");
	kb_buf_printf(b, ngettext("%zu article", "%zu articles", ed->n_articles),
		      ed->n_articles);
	kb_buf_puts(b, ")\n");
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
			kb_buf_puts(b, _("(no headline)"));
		kb_buf_putc(b, '\n');
		if (a->kicker) {
			kb_buf_printf(b, "     %s ", _("kicker:"));
			kb_term_put_safe(b, a->kicker, 60);
			kb_buf_putc(b, '\n');
		}
		if (a->subtitle) {
			kb_buf_printf(b, "     %s ", _("subtitle:"));
			kb_term_put_safe(b, a->subtitle, 60);
			kb_buf_putc(b, '\n');
		}
		if (a->n_authors) {
			kb_buf_printf(b, "     %s", _("by:"));
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
		kb_buf_puts(b, "     ");
		kb_buf_printf(b, ngettext("%zu paragraph", "%zu paragraphs", paras), paras);
		if (heads) {
			kb_buf_puts(b, ", ");
			kb_buf_printf(b, ngettext("%zu heading", "%zu headings", heads), heads);
		}
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

/* Print the edition ed (destroyed here) as JSON or an outline. */
static void print_edition(struct run *r, struct kb_edition *ed)
{
	if (ed->n_articles == 0 && ed->n_extras == 0)
		warn(r, 0, _("empty edition (no text)"));
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
	print_edition(r, ed);
}

/* Read the edition on standard input, named name. */
static void parse_stdin(struct run *r, const char *name)
{
	if (kb_term_out_failed())
		return;
	r->path = name;
	struct kb_buf raw;
	kb_buf_init(&raw);
	char chunk[65536];
	size_t got;
	while (raw.len <= MAX_STDIN && (got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		kb_buf_append(&raw, chunk, got);
	enum kb_status st = KB_OK;
	struct kb_text text;
	memset(&text, 0, sizeof(text));
	if (ferror(stdin)) {
		kb_term_errorf(name, _("cannot read standard input: %s"), strerror(errno));
		r->failed++;
		kb_buf_finish(&raw);
		return;
	}
	if (raw.len > MAX_STDIN)
		st = KB_TOO_LARGE;
	else
		st = kb_decode(raw.data ? raw.data : "", raw.len, &text, warn, r);
	kb_buf_finish(&raw);
	if (st != KB_OK) {
		kb_term_error(name, kb_status_message(st));
		r->failed++;
		return;
	}
	struct kb_edition *ed = kb_edition_parse(text.data, text.len, name);
	ed->encoding = text.encoding;
	kb_text_finish(&text);
	print_edition(r, ed);
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

int kb_cmd_parse(int argc, char **argv, const struct kb_cli_globals *g)
{
	(void)g;
	struct run r;
	memset(&r, 0, sizeof(r));
	kb_buf_init(&r.out);
	const char **paths = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	const char *name = "-";
	size_t n = 0, dashes = 0;
	bool opts = true;
	int status = 2;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (opts && strcmp(a, "--json") == 0) {
			r.json = true;
		} else if (opts && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			usage(stdout);
			status = 0;
			goto out;
		} else if (opts && strcmp(a, "--") == 0) {
			opts = false;
		} else if (opts && (strcmp(a, "--name") == 0 || strncmp(a, "--name=", 7) == 0)) {
			if (a[6] == '=') {
				name = a + 7;
			} else if (i + 1 < argc) {
				name = argv[++i];
			} else {
				kb_term_eprintf(_("kanbao parse: %s needs a value"), a);
				usage(stderr);
				goto out;
			}
		} else if (opts && a[0] == '-' && a[1]) {
			kb_term_eprintf(_("kanbao parse: unknown option %s"), a);
			usage(stderr);
			goto out;
		} else {
			dashes += strcmp(a, "-") == 0;
			paths[n++] = a;
		}
	}
	if (dashes > 1) {
		kb_term_eprintf(_("kanbao parse: - (standard input) can be read only once"));
		goto out;
	}
	if (n == 0 || !*name) {
		usage(stderr);
		goto out;
	}
	/* one file gives one object; several, or a directory, an array */
	bool array = r.json && (n > 1 || (dashes == 0 && is_dir(paths[0])));
	if (array)
		kb_term_out("[\n", 2);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(paths[i], "-") == 0)
			parse_stdin(&r, name);
		else
			kb_walk(paths + i, 1, on_file, on_error, &r);
	}
	if (array)
		kb_term_out("\n]\n", 3);
	else if (r.json && r.files)
		kb_term_out("\n", 1);
	status = r.failed ? 1 : 0;
out:
	kb_buf_finish(&r.out);
	free(paths);
	return status;
}
