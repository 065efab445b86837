/* SPDX-License-Identifier: MIT */
/*
 * Expanding the paths a user names into edition files (walk.h). Directories
 * are read whole, their entries sorted with strcmp and closed before any
 * recursion, so a deep tree holds one directory descriptor at a time and the
 * order never depends on the file system. Symlinks are followed (stat, not
 * lstat); a loop is caught by keeping the (st_dev, st_ino) of every directory
 * on the current path, so a link back to an ancestor is reported once and
 * skipped. Nothing here is fatal: each problem goes to on_error with the path
 * and a message, and the walk goes on.
 */
#include "kanbao/walk.h"
#include "kanbao/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A directory on the current path, for loop detection. */
struct ancestor {
	dev_t dev;
	ino_t ino;
	const char *path; /* borrowed from the walk's frames */
};

/* The state of one kb_walk call. */
struct walk {
	kb_walk_file_fn on_file;
	kb_walk_error_fn on_error;
	void *ctx;
	size_t errors;          /* paths reported to on_error */
	struct ancestor *stack; /* directories from the top path down */
	size_t depth, cap;
};

/* Report path as skipped, with msg. */
static void report(struct walk *w, const char *path, const char *msg)
{
	w->errors++;
	if (w->on_error)
		w->on_error(w->ctx, path, msg);
}

/* Why a file of this type is not read: "not a regular file (FIFO)" ... */
static const char *kind_message(mode_t mode)
{
	if (S_ISFIFO(mode))
		return "not a regular file (FIFO)";
	if (S_ISSOCK(mode))
		return "not a regular file (socket)";
	if (S_ISCHR(mode))
		return "not a regular file (character device)";
	if (S_ISBLK(mode))
		return "not a regular file (block device)";
	return "not a regular file";
}

/* Whether name ends in ".txt" and has something before it. */
static bool is_txt(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* qsort comparator for an array of char *: byte order (strcmp). */
static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the names in dir, hidden ones left out, sorted. Returns the count and
 * sets *names (caller frees each and the array); on failure reports dir and
 * returns 0 with *names NULL. */
static size_t read_names(struct walk *w, const char *path, char ***names)
{
	DIR *dir;
	struct dirent *de;
	char **v = NULL;
	size_t n = 0, cap = 0;

	*names = NULL;
	dir = opendir(path);
	if (!dir) {
		report(w, path, strerror(errno));
		return 0;
	}
	for (;;) {
		errno = 0;
		de = readdir(dir);
		if (!de)
			break;
		if (de->d_name[0] == '.')
			continue;
		kb_xgrow((void **)&v, &cap, n + 1, sizeof(*v));
		v[n++] = kb_xstrdup(de->d_name);
	}
	if (errno)
		report(w, path, strerror(errno));
	closedir(dir);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_names);
	*names = v;
	return n;
}

/* Report a regular file to on_file if it can be opened for reading, else
 * report why not. Opening it is the only reliable test (ACLs, root, read-only
 * mounts); O_NONBLOCK because it might have become a FIFO since stat. */
static void visit_file(struct walk *w, const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		report(w, path, strerror(errno));
		return;
	}
	close(fd);
	if (w->on_file)
		w->on_file(w->ctx, path);
}

/* Report why stat(path) failed with err, naming the symlink cases that
 * strerror words obscurely. */
static void report_stat_error(struct walk *w, const char *path, int err)
{
	struct stat lsb;

	if (err == ELOOP)
		report(w, path, "symlink loop (too many levels of symbolic links)");
	else if (err == ENOENT && lstat(path, &lsb) == 0 && S_ISLNK(lsb.st_mode))
		report(w, path, "broken symlink (its target does not exist)");
	else
		report(w, path, strerror(err));
}

static void visit(struct walk *w, const char *path, bool top);

/* Walk the directory at path (already stat'ed as sb), unless it is one of
 * the directories being walked: then it is reached through a symlink loop. */
static void visit_dir(struct walk *w, const char *path, const struct stat *sb)
{
	struct kb_buf child;
	char **names;
	size_t i, n, plen;

	for (i = 0; i < w->depth; i++) {
		if (w->stack[i].dev == sb->st_dev && w->stack[i].ino == sb->st_ino) {
			struct kb_buf msg;
			kb_buf_init(&msg);
			kb_buf_printf(&msg, "symlink loop (same directory as %s)",
				      w->stack[i].path);
			report(w, path, msg.data);
			kb_buf_finish(&msg);
			return;
		}
	}
	kb_xgrow((void **)&w->stack, &w->cap, w->depth + 1, sizeof(*w->stack));
	w->stack[w->depth].dev = sb->st_dev;
	w->stack[w->depth].ino = sb->st_ino;
	w->stack[w->depth].path = path;
	w->depth++;

	n = read_names(w, path, &names);
	kb_buf_init(&child);
	plen = strlen(path);
	for (i = 0; i < n; i++) {
		child.len = 0;
		kb_buf_append(&child, path, plen);
		if (plen == 0 || path[plen - 1] != '/')
			kb_buf_putc(&child, '/');
		kb_buf_puts(&child, names[i]);
		visit(w, child.data, false);
		free(names[i]);
	}
	kb_buf_finish(&child);
	free(names);
	w->depth--;
}

/* Visit one path: a path the user named (top) or an entry of a directory,
 * where only directories and *.txt names are taken. */
static void visit(struct walk *w, const char *path, bool top)
{
	struct stat sb;
	const char *base;

	if (stat(path, &sb) < 0) {
		report_stat_error(w, path, errno);
		return;
	}
	if (S_ISDIR(sb.st_mode)) {
		visit_dir(w, path, &sb);
		return;
	}
	if (!top) {
		base = strrchr(path, '/');
		if (!is_txt(base ? base + 1 : path))
			return;
	}
	if (S_ISREG(sb.st_mode))
		visit_file(w, path);
	else
		report(w, path, kind_message(sb.st_mode));
}

size_t kb_walk(const char *const *paths, size_t n, kb_walk_file_fn on_file,
	       kb_walk_error_fn on_error, void *ctx)
{
	struct walk w = {
		.on_file = on_file,
		.on_error = on_error,
		.ctx = ctx,
	};
	size_t i;

	for (i = 0; i < n; i++)
		visit(&w, paths[i], true);
	free(w.stack);
	return w.errors;
}
