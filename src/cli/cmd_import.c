/* SPDX-License-Identifier: MIT */
/*
 * `kanbao import PATH...`: walk the paths once to collect the edition files
 * (so the progress bar knows the total), then import each into the library
 * in its own transaction. On a terminal, a progress line on stderr is
 * redrawn at most ten times a second; warnings are capped per file so an
 * import of thousands of files stays readable; a summary line ends it.
 * --paper NAME names the paper of the editions that name none themselves.
 *
 * "-" imports one edition read from standard input. The library refers to
 * an edition by its file (re-imports, `kanbao editions`, missing files), so
 * the text is first kept as a file of its own: editions/NAME beside the
 * library, NAME from --name or stdin-<the first 12 hex digits of its
 * SHA-256>.txt, and that file is imported.
 */
#include "commands.h"
#include "opts.h"
#include "term.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/export.h"
#include "kanbao/i18n.h"
#include "kanbao/sanitize.h"
#include "kanbao/sha256.h"
#include "kanbao/walk.h"

#define WARNINGS_SHOWN 3 /* per file; the rest are only counted */
#define REDRAW_NS 100000000LL
/* Standard input is read up to the loader's own limit (512 MiB). */
#define MAX_STDIN ((size_t)512 * 1024 * 1024)

/* One import run: the files found, the counts, and the progress line. */
struct run {
	char **paths;   /* files to import, owned */
	off_t *sizes;   /* their sizes when found */
	size_t n, cap_paths, cap_sizes;
	off_t total_bytes, done_bytes;
	size_t imported, updated, unchanged, failed, warnings;
	const char *current;      /* file being imported, for warnings */
	size_t file_warnings;     /* warnings of the current file */
	bool tty;                 /* stderr is a terminal: draw progress */
	bool drawn;               /* a progress line is on the screen */
	long long start_ns, last_draw_ns;
};

static void usage(FILE *f)
{
	fputs(_("usage: kanbao import [--db PATH] [--paper NAME] FILE|DIR...\n"
		"       kanbao import [--db PATH] [--paper NAME] [--name NAME] -\n"
		"\n"
		"Import edition files into the library. Directories are read recursively\n"
		"(their *.txt files); each edition is imported in one transaction. A file\n"
		"whose content is unchanged since its last import is skipped; a changed\n"
		"one is re-imported and keeps every tag, note and highlight (what cannot\n"
		"be matched to an article again is kept, see `kanbao detached`).\n"
		"\n"
		"An edition's paper, date and page come from its header (paper:, date:,\n"
		"page:), else from the page's header line (人民日报 2019年2月15日 第3版),\n"
		"else from the file's path (rmrb_20190215_p03.txt, 2019/02/15/03.txt,\n"
		"郑州日报_2021年02月27日_第2版.txt).\n"
		"\n"
		"- imports one edition read from standard input. It is kept as a file in\n"
		"the folder editions/ beside the library (the library refers to editions\n"
		"by their files), named NAME, or stdin-HASH.txt (the first 12 hex digits\n"
		"of its SHA-256) without --name; the path is printed. Importing again\n"
		"under the same NAME updates that edition as a changed file would.\n"
		"\n"
		"Ends with a summary on stderr; the exit status is 1 if any file failed.\n"
		"\n"
		"  --paper NAME  the paper of the editions that name none of their own\n"
		"                (editions already imported get it too; their notes,\n"
		"                tags and highlights stay). A paper once set is kept.\n"
		"  --name NAME   the file name of the edition read from standard input\n"
		"                (a name, not a path): its paper, date and page are\n"
		"                read from it as from a file's\n"
		"  --db PATH     the library (default: $KANBAO_DB, else\n"
		"                $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help        show this help\n"),
	      f);
}

/* Monotonic time in nanoseconds. */
static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Erase the progress line so that a message can be printed. */
static void clear_progress(struct run *r)
{
	if (r->drawn) {
		fputs("\r\033[K", stderr);
		r->drawn = false;
	}
}

/* Redraw the progress line: bar, done/total, MB/s, current file. */
static void draw_progress(struct run *r, size_t done, const char *path, bool force)
{
	if (!r->tty)
		return;
	long long t = now_ns();
	if (!force && r->drawn && t - r->last_draw_ns < REDRAW_NS)
		return;
	r->last_draw_ns = t;
	size_t cols = kb_term_columns(STDERR_FILENO, 80);
	double secs = (double)(t - r->start_ns) / 1e9;
	double rate = secs > 0 ? (double)r->done_bytes / 1e6 / secs : 0;
	enum { BAR = 20 };
	size_t fill = r->n ? done * BAR / r->n : BAR;
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "\r[");
	for (size_t i = 0; i < BAR; i++)
		kb_buf_puts(&b, i < fill ? "#" : ".");
	kb_buf_printf(&b, "] %zu/%zu %.1f MB/s ", done, r->n, rate);
	size_t used = kb_term_width(b.data + 1);
	if (path && cols > used + 4) {
		const char *base = strrchr(path, '/');
		kb_term_put_fit(&b, base ? base + 1 : path, cols - used - 1);
	}
	kb_buf_puts(&b, "\033[K");
	fputs(b.data, stderr);
	fflush(stderr);
	kb_buf_finish(&b);
	r->drawn = true;
}

/* The decoder's warnings: the first few of each file printed, all counted. */
static void on_warning(void *ctx, size_t line, const char *msg)
{
	struct run *r = ctx;
	r->warnings++;
	if (++r->file_warnings > WARNINGS_SHOWN)
		return;
	clear_progress(r);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "kanbao: ");
	kb_term_put_safe(&b, r->current, 0);
	if (line)
		kb_buf_printf(&b, ":%zu", line);
	kb_buf_puts(&b, ": warning: ");
	kb_term_put_safe(&b, msg, 0);
	kb_buf_putc(&b, '\n');
	fputs(b.data, stderr);
	kb_buf_finish(&b);
}

/* kb_walk: collect one file. */
static void on_file(void *ctx, const char *path)
{
	struct run *r = ctx;
	struct stat sb;
	kb_xgrow((void **)&r->paths, &r->cap_paths, r->n + 1, sizeof(char *));
	kb_xgrow((void **)&r->sizes, &r->cap_sizes, r->n + 1, sizeof(off_t));
	r->paths[r->n] = kb_xstrdup(path);
	r->sizes[r->n] = stat(path, &sb) == 0 ? sb.st_size : 0;
	r->total_bytes += r->sizes[r->n];
	r->n++;
}

/* kb_walk: a path that cannot be imported (loop, FIFO, unreadable). */
static void on_walk_error(void *ctx, const char *path, const char *msg)
{
	struct run *r = ctx;
	r->failed++;
	kb_term_error(path, msg);
}

/* Editions counted as imported were rolled back with their batch (a full
 * disk): count them as failed. Which of them were new and which updated is
 * not known; new ones are taken first. */
static void lose(struct run *r, size_t n)
{
	size_t k = n < r->imported ? n : r->imported;
	r->imported -= k;
	n -= k;
	r->updated -= n < r->updated ? n : r->updated;
	r->failed += k + n;
}

/* Import the i-th file and count the outcome. */
static void import_one(struct run *r, struct kb_store *s, size_t i)
{
	const char *path = r->paths[i];
	struct kb_import_stats st;
	memset(&st, 0, sizeof(st));
	r->current = path;
	r->file_warnings = 0;
	draw_progress(r, i, path, false);
	enum kb_import_result res = kb_store_import_file(s, path, on_warning, r, &st);
	if (r->file_warnings > WARNINGS_SHOWN) {
		clear_progress(r);
		struct kb_buf b;
		kb_buf_init(&b);
		size_t more = r->file_warnings - WARNINGS_SHOWN;
		kb_buf_printf(&b, ngettext("%zu more warning not shown", "%zu more warnings not shown",
					   more), more);
		kb_term_error(path, b.data);
		kb_buf_finish(&b);
	}
	switch (res) {
	case KB_IMPORT_NEW:
		r->imported++;
		break;
	case KB_IMPORT_UPDATED:
		r->updated++;
		break;
	case KB_IMPORT_UNCHANGED:
		r->unchanged++;
		break;
	case KB_IMPORT_FAILED:
		r->failed++;
		clear_progress(r);
		kb_term_error(path, kb_store_error(s));
		lose(r, kb_store_lost(s));
		break;
	}
	if (st.relocated || st.duplicate) {
		clear_progress(r);
		if (st.relocated)
			kb_term_errorf(path, _("the edition that was at %s (moved or renamed): its"
					       " articles and annotations follow it"),
				       st.other);
		else
			kb_term_errorf(path, _("a copy of %s, already in the library: skipped"),
				       st.other);
	}
	if (res == KB_IMPORT_UPDATED && st.detached) {
		clear_progress(r);
		kb_term_errorf(path,
			       ngettext("%zu annotation detached (see `kanbao detached`)",
					"%zu annotations detached (see `kanbao detached`)", st.detached),
			       st.detached);
	}
	r->done_bytes += r->sizes[i];
}

/* Is name fit to be a paper's: printable UTF-8 (no control, line break or
 * invisible character), 1 to 200 bytes? */
static bool paper_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 200)
		return false;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += kb_utf8_next(name + i, n - i, &c);
		if (c == 0xFFFD || kb_char_class(c) != KB_CHAR_TEXT)
			return false;
	}
	return true;
}

/* Is name fit to be the file name of an edition read from stdin: a
 * name, not a path (no '/', not starting with '.'), printable, 1 to 200
 * bytes? */
static bool name_ok(const char *name)
{
	return paper_ok(name) && !strchr(name, '/') && name[0] != '.';
}

/* Copy argv into av without the options of import alone standing before
 * "--" (the options every store command shares do not hold them):
 * --paper NAME and --name NAME (or --OPTION=NAME). *paper and *name get
 * the last NAME given (borrowed from argv), or stay NULL. False, the
 * error said, when a NAME is missing or unfit. */
static bool take_own(int argc, char **argv, char **av, int *ac, const char **paper,
		     const char **name)
{
	bool opts = true;
	*ac = 0;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		bool is_name = false;
		if (i > 0 && opts && strcmp(a, "--") == 0)
			opts = false;
		if (i > 0 && opts && (strcmp(a, "--paper") == 0 || strcmp(a, "--name") == 0)) {
			is_name = a[2] == 'n';
			v = i + 1 < argc ? argv[++i] : "";
		} else if (i > 0 && opts && (strncmp(a, "--paper=", 8) == 0 ||
					     strncmp(a, "--name=", 7) == 0)) {
			is_name = a[2] == 'n';
			v = strchr(a, '=') + 1;
		}
		if (!v) {
			av[(*ac)++] = argv[i];
			continue;
		}
		if (is_name && !name_ok(v)) {
			kb_term_eprintf(_("kanbao import: --name wants a file name (no /, not"
					  " starting with a dot, printable, at most 200 bytes)%s"),
					*v ? _(", not this one") : "");
			return false;
		}
		if (!is_name && !paper_ok(v)) {
			kb_term_eprintf(_("kanbao import: --paper wants a paper's name (printable, at"
					  " most 200 bytes)%s"),
					*v ? _(", not this one") : "");
			return false;
		}
		*(is_name ? name : paper) = v;
	}
	av[*ac] = NULL;
	return true;
}

/* Keep the edition on standard input as a file in editions/ beside the
 * library at db (NULL: the default library), named name or after its
 * hash. The file's path (caller frees), or NULL after saying why not. */
static char *keep_stdin(const char *db, const char *name)
{
	struct kb_buf raw;
	kb_buf_init(&raw);
	char chunk[65536];
	size_t got;
	while (raw.len <= MAX_STDIN && (got = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		kb_buf_append(&raw, chunk, got);
	char *lib = db ? kb_xstrdup(db) : kb_store_default_path();
	char *path = NULL;
	char err[2048];
	struct kb_buf dir;
	kb_buf_init(&dir);
	if (ferror(stdin)) {
		kb_term_errorf("-", _("cannot read standard input: %s"), strerror(errno));
		goto out;
	}
	if (raw.len > MAX_STDIN) {
		kb_term_error("-", kb_status_message(KB_TOO_LARGE));
		goto out;
	}
	if (!lib) {
		kb_term_error(NULL, _("no database path: set HOME or KANBAO_DB, or give --db PATH"));
		goto out;
	}
	const char *slash = strrchr(lib, '/');
	if (slash)
		kb_buf_append(&dir, lib, (size_t)(slash - lib) + 1);
	kb_buf_puts(&dir, "editions");
	if (!kb_mkdirs(dir.data, err, sizeof(err))) {
		kb_term_error(NULL, err);
		goto out;
	}
	struct kb_buf p;
	kb_buf_init(&p);
	if (name) {
		kb_buf_printf(&p, "%s/%s", dir.data, name);
	} else {
		char hash[65];
		kb_sha256_hex(raw.data ? raw.data : "", raw.len, hash);
		kb_buf_printf(&p, "%s/stdin-%.12s.txt", dir.data, hash);
	}
	if (kb_write_atomic(p.data, raw.data ? raw.data : "", raw.len, err, sizeof(err)))
		path = kb_buf_steal(&p);
	else
		kb_term_error(NULL, err);
	kb_buf_finish(&p);
out:
	kb_buf_finish(&dir);
	kb_buf_finish(&raw);
	free(lib);
	return path;
}

int kb_cmd_import(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	const char *paper = NULL, *name = NULL;
	char **av = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	int ac = 0;
	if (!take_own(argc, argv, av, &ac, &paper, &name)) {
		usage(stderr);
		free(av);
		return 2;
	}
	enum kb_opts_result pr = kb_opts_parse(&o, ac, av, 0, g->db);
	size_t dash = SIZE_MAX, dashes = 0;
	for (size_t i = 0; pr == KB_OPTS_OK && i < o.n_args; i++)
		if (strcmp(o.args[i], "-") == 0) {
			dash = i;
			dashes++;
		}
	if (dashes > 1)
		kb_term_eprintf(_("kanbao import: - (standard input) can be read only once"));
	else if (name && dashes == 0 && pr == KB_OPTS_OK)
		kb_term_eprintf(_("kanbao import: --name names the edition read from standard"
				  " input (-)"));
	if (pr != KB_OPTS_OK || o.n_args == 0 || dashes > 1 || (name && dashes == 0)) {
		usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		free(av);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	char *kept = NULL;
	if (dash != SIZE_MAX) {
		kept = keep_stdin(o.db, name);
		if (!kept) {
			kb_opts_finish(&o);
			free(av);
			return 1;
		}
		o.args[dash] = kept;
		kb_term_print_path(kept);
	}
	struct run r;
	memset(&r, 0, sizeof(r));
	r.tty = isatty(STDERR_FILENO);
	r.start_ns = now_ns();
	kb_walk(o.args, o.n_args, on_file, on_walk_error, &r);
	struct kb_store *s = kb_opts_open(&o);
	if (s) {
		kb_store_set_default_paper(s, paper);
		kb_store_batch(s, true); /* editions stay atomic; commits grouped */
		for (size_t i = 0; i < r.n; i++)
			import_one(&r, s, i);
		if (!kb_store_batch(s, false)) {
			kb_term_error(NULL, kb_store_error(s));
			lose(&r, kb_store_lost(s));
		}
		draw_progress(&r, r.n, NULL, true);
		clear_progress(&r);
	}
	double secs = (double)(now_ns() - r.start_ns) / 1e9;
	if (s)
		fprintf(stderr,
			_("imported %zu, updated %zu, unchanged %zu, failed %zu, warnings %zu"
			  " (%.1f MB in %.1f s)\n"),
			r.imported, r.updated, r.unchanged, r.failed, r.warnings,
			(double)r.done_bytes / 1e6, secs);
	int status = !s || r.failed ? 1 : 0;
	kb_store_close(s);
	for (size_t i = 0; i < r.n; i++)
		free(r.paths[i]);
	free(r.paths);
	free(r.sizes);
	kb_opts_finish(&o);
	free(av);
	free(kept);
	return status;
}
