/*
 * `kanbao import PATH...`: walk the paths once to collect the edition files
 * (so the progress bar knows the total), then import each into the library
 * in its own transaction. On a terminal, a progress line on stderr is
 * redrawn at most ten times a second; warnings are capped per file so an
 * import of thousands of files stays readable; a summary line ends it.
 */
#include "commands.h"
#include "opts.h"
#include "term.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/walk.h"

#define WARNINGS_SHOWN 3 /* per file; the rest are only counted */
#define REDRAW_NS 100000000LL

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
	fputs("usage: kanbao import [--db PATH] FILE|DIR...\n"
	      "\n"
	      "Import edition files into the library. Directories are read recursively\n"
	      "(their *.txt files); each edition is imported in one transaction. A file\n"
	      "whose content is unchanged since its last import is skipped; a changed\n"
	      "one is re-imported and keeps every tag, note and highlight (what cannot\n"
	      "be matched to an article again is kept, see `kanbao detached`).\n"
	      "\n"
	      "Ends with a summary on stderr; the exit status is 1 if any file failed.\n"
	      "\n"
	      "  --db PATH   the library (default: $KANBAO_DB, else\n"
	      "              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
	      "  --help      show this help\n",
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
		kb_buf_printf(&b, "%zu more warnings not shown", r->file_warnings - WARNINGS_SHOWN);
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
		struct kb_buf b;
		kb_buf_init(&b);
		kb_buf_puts(&b, st.relocated ? "the edition that was at " : "a copy of ");
		kb_term_put_safe(&b, st.other, 0);
		kb_buf_puts(&b, st.relocated ? " (moved or renamed): its articles and annotations"
					       " follow it"
					     : ", already in the library: skipped");
		kb_term_error(path, b.data);
		kb_buf_finish(&b);
	}
	if (res == KB_IMPORT_UPDATED && st.detached) {
		clear_progress(r);
		struct kb_buf b;
		kb_buf_init(&b);
		kb_buf_printf(&b, "%zu annotation%s detached (see `kanbao detached`)", st.detached,
			      st.detached == 1 ? "" : "s");
		kb_term_error(path, b.data);
		kb_buf_finish(&b);
	}
	r->done_bytes += r->sizes[i];
}

int kb_cmd_import(int argc, char **argv, const char *db)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, 0, db);
	if (pr != KB_OPTS_OK || o.n_args == 0) {
		usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	struct run r;
	memset(&r, 0, sizeof(r));
	r.tty = isatty(STDERR_FILENO);
	r.start_ns = now_ns();
	kb_walk(o.args, o.n_args, on_file, on_walk_error, &r);
	struct kb_store *s = kb_opts_open(&o);
	if (s) {
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
			"imported %zu, updated %zu, unchanged %zu, failed %zu, warnings %zu"
			" (%.1f MB in %.1f s)\n",
			r.imported, r.updated, r.unchanged, r.failed, r.warnings,
			(double)r.done_bytes / 1e6, secs);
	int status = !s || r.failed ? 1 : 0;
	kb_store_close(s);
	for (size_t i = 0; i < r.n; i++)
		free(r.paths[i]);
	free(r.paths);
	free(r.sizes);
	kb_opts_finish(&o);
	return status;
}
