/* SPDX-License-Identifier: MIT */
/*
 * The background check of `kanbao PATH...`: the PATHs are walked and their
 * edition files imported (new and changed ones; unchanged ones are skipped
 * by the store) in a thread of their own, after the first screen is shown,
 * so opening the reader on a directory already imported is as quick as
 * opening the library alone. The thread has its own connection to the
 * library (a kb_store is one connection, for one thread; SQLite's WAL lets
 * the reader's connection read meanwhile) and never touches curses: it
 * keeps its counts under a mutex and writes a byte to a pipe when there is
 * news, which the input loop waits for beside the terminal (app.c). The
 * problems it meets are kept (the first MAX_PROBLEMS) and printed on stderr
 * once the reader has given the terminal back.
 */
#include "ui.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/sanitize.h"
#include "kanbao/walk.h"

#define MAX_PROBLEMS 100   /* problems kept to print; the rest counted */
#define NEWS_NS 100000000LL /* progress news at most ten times a second */

struct kb_check {
	char *db;        /* the library's path */
	char **paths;    /* what to walk */
	size_t n_paths;
	pthread_t thread;
	bool running;       /* the thread was started (and not yet joined) */
	int pipe_r, pipe_w; /* news: the thread writes a byte, the UI reads */
	atomic_bool stop;   /* the UI asks the thread to stop at the next file */
	/* the thread's alone */
	char **files;
	size_t n_files, cap_files;
	const char *current; /* the file being imported, for warnings */
	long long last_news;
	/* shared, under lock */
	pthread_mutex_t lock;
	struct kb_check_report rep;
	char **problems;
	size_t n_problems, cap_problems, more_problems;
};

static long long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Tell the UI there is news (never blocks: a full pipe has news already). */
static void ring(struct kb_check *c)
{
	char x = 1;
	ssize_t w = write(c->pipe_w, &x, 1);
	(void)w;
	c->last_news = now_ns();
}

/* Keep a problem to print later: "path: message". */
static void problem(struct kb_check *c, const char *path, const char *msg)
{
	struct kb_buf b;
	kb_buf_init(&b);
	if (path) {
		kb_buf_puts(&b, path);
		kb_buf_puts(&b, ": ");
	}
	kb_buf_puts(&b, msg);
	pthread_mutex_lock(&c->lock);
	if (c->n_problems < MAX_PROBLEMS) {
		void *v = c->problems;
		kb_xgrow(&v, &c->cap_problems, c->n_problems + 1, sizeof(char *));
		c->problems = v;
		c->problems[c->n_problems++] = kb_buf_steal(&b);
	} else {
		c->more_problems++;
		kb_buf_finish(&b);
	}
	pthread_mutex_unlock(&c->lock);
}

static void on_file(void *ctx, const char *path)
{
	struct kb_check *c = ctx;
	if (atomic_load(&c->stop))
		return;
	void *v = c->files;
	kb_xgrow(&v, &c->cap_files, c->n_files + 1, sizeof(char *));
	c->files = v;
	c->files[c->n_files++] = kb_xstrdup(path);
}

static void on_walk_error(void *ctx, const char *path, const char *msg)
{
	struct kb_check *c = ctx;
	problem(c, path, msg);
	pthread_mutex_lock(&c->lock);
	c->rep.failed++;
	pthread_mutex_unlock(&c->lock);
}

static void on_warning(void *ctx, size_t line, const char *msg)
{
	struct kb_check *c = ctx;
	char where[64] = "";
	if (line)
		snprintf(where, sizeof(where), ":%zu", line);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_printf(&b, _("%s%s: warning: %s"), c->current, where, msg);
	problem(c, NULL, b.data);
	kb_buf_finish(&b);
	pthread_mutex_lock(&c->lock);
	c->rep.warnings++;
	pthread_mutex_unlock(&c->lock);
}

/* Editions counted as imported were rolled back with their batch (a full
 * disk): count them as failed, new ones first. */
static void lose(struct kb_check_report *r, size_t n)
{
	size_t k = n < r->added ? n : r->added;
	r->added -= k;
	n -= k;
	r->updated -= n < r->updated ? n : r->updated;
	r->failed += k + n;
}

/* Import file i and count the outcome. */
static void import_one(struct kb_check *c, struct kb_store *s, size_t i)
{
	struct kb_import_stats st;
	memset(&st, 0, sizeof(st));
	c->current = c->files[i];
	enum kb_import_result res = kb_store_import_file(s, c->files[i], on_warning, c, &st);
	if (res == KB_IMPORT_FAILED)
		problem(c, NULL, kb_store_error(s));
	if (st.relocated || st.duplicate) {
		struct kb_buf b;
		kb_buf_init(&b);
		kb_buf_printf(&b,
			      st.relocated ? _("the edition that was at %s (moved or renamed): its"
					       " articles and annotations follow it")
					   : _("a copy of %s, already in the library: skipped"),
			      st.other);
		problem(c, c->files[i], b.data);
		kb_buf_finish(&b);
	}
	if (res == KB_IMPORT_UPDATED && st.detached) {
		char msg[256];
		snprintf(msg, sizeof(msg),
			 ngettext("%zu annotation detached (see `kanbao detached`)",
				  "%zu annotations detached (see `kanbao detached`)", st.detached),
			 st.detached);
		problem(c, c->files[i], msg);
	}
	size_t lost = res == KB_IMPORT_FAILED ? kb_store_lost(s) : 0;
	pthread_mutex_lock(&c->lock);
	c->rep.done++;
	switch (res) {
	case KB_IMPORT_NEW:
		c->rep.added++;
		break;
	case KB_IMPORT_UPDATED:
		c->rep.updated++;
		break;
	case KB_IMPORT_UNCHANGED:
		c->rep.unchanged++;
		break;
	case KB_IMPORT_FAILED:
		c->rep.failed++;
		lose(&c->rep, lost);
		break;
	}
	pthread_mutex_unlock(&c->lock);
}

/* The thread: walk, then import file by file until done or stopped. */
static void *work(void *arg)
{
	struct kb_check *c = arg;
	long long t0 = now_ns();
	kb_walk((const char *const *)c->paths, c->n_paths, on_file, on_walk_error, c);
	pthread_mutex_lock(&c->lock);
	c->rep.found = c->n_files;
	c->rep.walking = false;
	pthread_mutex_unlock(&c->lock);
	ring(c);
	char err[512];
	struct kb_store *s = c->n_files ? kb_store_open(c->db, err, sizeof(err)) : NULL;
	if (c->n_files && !s)
		problem(c, NULL, err);
	if (s) {
		kb_store_batch(s, true); /* editions stay atomic; commits grouped */
		for (size_t i = 0; i < c->n_files && !atomic_load(&c->stop); i++) {
			import_one(c, s, i);
			if (now_ns() - c->last_news > NEWS_NS)
				ring(c);
		}
		if (!kb_store_batch(s, false)) {
			problem(c, NULL, kb_store_error(s));
			pthread_mutex_lock(&c->lock);
			lose(&c->rep, kb_store_lost(s));
			pthread_mutex_unlock(&c->lock);
		}
		kb_store_close(s);
	}
	pthread_mutex_lock(&c->lock);
	c->rep.finished = true;
	c->rep.stopped = c->rep.done < c->rep.found;
	c->rep.ms = (double)(now_ns() - t0) / 1e6;
	pthread_mutex_unlock(&c->lock);
	ring(c);
	return NULL;
}

struct kb_check *kb_check_start(const char *db, const char *const *paths, size_t n, char *err,
				size_t errlen)
{
	struct kb_check *c = kb_xcalloc(1, sizeof(*c));
	int fds[2];
	if (pipe(fds) != 0) {
		snprintf(err, errlen, _("cannot make a pipe: %s"), strerror(errno));
		free(c);
		return NULL;
	}
	c->pipe_r = fds[0];
	c->pipe_w = fds[1];
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC); /* not for the editor */
	}
	c->db = kb_xstrdup(db);
	c->paths = kb_xcalloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		c->paths[i] = kb_xstrdup(paths[i]);
	c->n_paths = n;
	atomic_init(&c->stop, false);
	pthread_mutex_init(&c->lock, NULL);
	c->rep.walking = true;
	int rc = pthread_create(&c->thread, NULL, work, c);
	if (rc != 0) {
		snprintf(err, errlen, _("cannot start a thread: %s"), strerror(rc));
		kb_check_finish(c, NULL);
		return NULL;
	}
	c->running = true;
	return c;
}

int kb_check_fd(const struct kb_check *c)
{
	return c->pipe_r;
}

bool kb_check_poll(struct kb_check *c, struct kb_check_report *r)
{
	char buf[64];
	while (read(c->pipe_r, buf, sizeof(buf)) > 0)
		;
	pthread_mutex_lock(&c->lock);
	*r = c->rep;
	pthread_mutex_unlock(&c->lock);
	return r->finished;
}

void kb_check_finish(struct kb_check *c, FILE *f)
{
	if (!c)
		return;
	atomic_store(&c->stop, true);
	if (c->running)
		pthread_join(c->thread, NULL);
	struct kb_check_report *r = &c->rep;
	for (size_t i = 0; f && i < c->n_problems; i++) {
		struct kb_buf b;
		kb_buf_init(&b);
		kb_buf_puts(&b, "kanbao: ");
		kb_sanitize_str(&b, c->problems[i], 0);
		fprintf(f, "%s\n", b.data);
		kb_buf_finish(&b);
	}
	if (f && c->more_problems)
		fprintf(f,
			ngettext("kanbao: %zu more problem not shown\n",
				 "kanbao: %zu more problems not shown\n", c->more_problems),
			c->more_problems);
	if (f && (r->added || r->updated || r->failed || r->stopped))
		fprintf(f,
			ngettext("kanbao: checked %zu of %zu file: imported %zu, updated %zu,"
				 " unchanged %zu, failed %zu%s\n",
				 "kanbao: checked %zu of %zu files: imported %zu, updated %zu,"
				 " unchanged %zu, failed %zu%s\n",
				 r->found),
			r->done, r->found, r->added, r->updated, r->unchanged, r->failed,
			r->stopped ? _(" (stopped when the reader quit: kanbao import PATH checks the"
				       " rest)")
				   : "");
	for (size_t i = 0; i < c->n_problems; i++)
		free(c->problems[i]);
	free(c->problems);
	for (size_t i = 0; i < c->n_files; i++)
		free(c->files[i]);
	free(c->files);
	for (size_t i = 0; i < c->n_paths; i++)
		free(c->paths[i]);
	free(c->paths);
	free(c->db);
	close(c->pipe_r);
	close(c->pipe_w);
	pthread_mutex_destroy(&c->lock);
	free(c);
}
