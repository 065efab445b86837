/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the path walker (src/loader/walk.c) on a temporary tree:
 * strcmp order, recursion, the *.txt and hidden-entry filters, symlinks to
 * files, a symlink loop back to an ancestor, a self-referencing symlink, a
 * broken symlink, a FIFO and files and directories without permission. The
 * expected transcript of callbacks is compared whole, so order is checked too.
 *
 * Tests may run as root, where mode 000 does not stop reading: the expected
 * outcome for those entries is chosen by asking access() after the chmod, so
 * the same assertions hold (and say which case ran) either way.
 */
#include "kanbao/walk.h"
#include "kanbao/util.h"

#include "tap.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* kb_walk_file_fn: append "F path" to the transcript. */
static void on_file(void *ctx, const char *path)
{
	kb_buf_printf(ctx, "F %s\n", path);
}

/* kb_walk_error_fn: append "E path: msg" to the transcript. */
static void on_error(void *ctx, const char *path, const char *msg)
{
	kb_buf_printf(ctx, "E %s: %s\n", path, msg);
}

/* Create a file holding a short text; false on failure. */
static bool touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return false;
	fputs("标题\n", f);
	return fclose(f) == 0;
}

/* Build the test tree under the current directory; false on failure. */
static bool build_tree(void)
{
	static const char *const dirs[] = {
		"root",   "root/sub",        "root/sub/deeper",
		"root/z", "root/.hiddendir", "root/lockeddir",
	};
	static const char *const files[] = {
		"root/a.txt",           "root/b.txt",
		"root/B.txt",           "root/10.txt",
		"root/9.txt",           "root/notes.md",
		"root/.hidden.txt",     "root/.hiddendir/x.txt",
		"root/sub/c.txt",       "root/sub/deeper/d.txt",
		"root/z/e.txt",         "root/locked.txt",
		"root/lockeddir/x.txt",
	};
	size_t i;
	bool ok = true;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		ok = ok && mkdir(dirs[i], 0755) == 0;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		ok = ok && touch(files[i]);
	ok = ok && symlink("..", "root/sub/loop") == 0;
	ok = ok && symlink("a.txt", "root/link.txt") == 0;
	ok = ok && symlink("missing.txt", "root/broken.txt") == 0;
	ok = ok && symlink("self.txt", "root/self.txt") == 0;
	ok = ok && mkfifo("root/fifo.txt", 0600) == 0;
	ok = ok && mkfifo("root/pipe", 0600) == 0;
	ok = ok && chmod("root/locked.txt", 0) == 0;
	ok = ok && chmod("root/lockeddir", 0) == 0;
	return ok;
}

/* Walk n paths, compare the transcript with want and the error count. */
static void check_walk(const char *name, const char *const *paths, size_t n, const char *want,
		       size_t errors)
{
	struct kb_buf got;
	size_t e;

	kb_buf_init(&got);
	e = kb_walk(paths, n, on_file, on_error, &got);
	CHECK_STR(got.data ? got.data : "", want, "%s: transcript", name);
	CHECK(e == errors, "%s: %zu errors reported (got %zu)", name, errors, e);
	kb_buf_finish(&got);
}

/* The whole tree, in strcmp order, every kind of entry. */
static void test_tree(bool locked_readable)
{
	static const char *const root[] = { "root" };
	struct kb_buf want;

	kb_buf_init(&want);
	kb_buf_puts(&want, "F root/10.txt\n"
			   "F root/9.txt\n"
			   "F root/B.txt\n"
			   "F root/a.txt\n"
			   "F root/b.txt\n"
			   "E root/broken.txt: broken symlink (its target does not exist)\n"
			   "E root/fifo.txt: not a regular file (FIFO)\n"
			   "F root/link.txt\n");
	if (locked_readable)
		kb_buf_puts(&want, "F root/locked.txt\n"
				   "F root/lockeddir/x.txt\n");
	else
		kb_buf_printf(&want,
			      "E root/locked.txt: %s\n"
			      "E root/lockeddir: %s\n",
			      strerror(EACCES), strerror(EACCES));
	kb_buf_puts(&want, "E root/self.txt: symlink loop (too many levels of symbolic links)\n"
			   "F root/sub/c.txt\n"
			   "F root/sub/deeper/d.txt\n"
			   "E root/sub/loop: symlink loop (same directory as root)\n"
			   "F root/z/e.txt\n");
	check_walk("tree", root, 1, want.data, locked_readable ? 4 : 6);
	kb_buf_finish(&want);
}

/* Paths named by the user: any regular file, whatever its name; a FIFO and
 * a missing path reported; a trailing slash; entering through the loop. */
static void test_named_paths(bool locked_readable)
{
	static const char *const named[] = {
		"root/notes.md",
		"root/pipe",
		"root/nope.txt",
		"root/z/",
	};
	static const char *const via_loop[] = { "root/sub/loop/z" };
	static const char *const into_loop[] = { "root/sub/loop/sub" };
	char msg[128];

	snprintf(msg, sizeof(msg), "E root/nope.txt: %s\n", strerror(ENOENT));
	{
		struct kb_buf want;
		kb_buf_init(&want);
		kb_buf_puts(&want, "F root/notes.md\n"
				   "E root/pipe: not a regular file (FIFO)\n");
		kb_buf_puts(&want, msg);
		kb_buf_puts(&want, "F root/z/e.txt\n");
		check_walk("named paths", named, 4, want.data, 2);
		kb_buf_finish(&want);
	}
	check_walk("through a symlink", via_loop, 1, "F root/sub/loop/z/e.txt\n", 0);
	/* Started below the loop's target, the walk reaches root once through
	 * the link, and the loop shows up one level further down. */
	{
		struct kb_buf want;
		kb_buf_init(&want);
		kb_buf_puts(&want, "F root/sub/loop/sub/c.txt\n"
				   "F root/sub/loop/sub/deeper/d.txt\n"
				   "F root/sub/loop/sub/loop/10.txt\n"
				   "F root/sub/loop/sub/loop/9.txt\n"
				   "F root/sub/loop/sub/loop/B.txt\n"
				   "F root/sub/loop/sub/loop/a.txt\n"
				   "F root/sub/loop/sub/loop/b.txt\n"
				   "E root/sub/loop/sub/loop/broken.txt: broken symlink (its "
				   "target does not exist)\n"
				   "E root/sub/loop/sub/loop/fifo.txt: not a regular file (FIFO)\n"
				   "F root/sub/loop/sub/loop/link.txt\n");
		if (locked_readable)
			kb_buf_puts(&want, "F root/sub/loop/sub/loop/locked.txt\n"
					   "F root/sub/loop/sub/loop/lockeddir/x.txt\n");
		else
			kb_buf_printf(&want,
				      "E root/sub/loop/sub/loop/locked.txt: %s\n"
				      "E root/sub/loop/sub/loop/lockeddir: %s\n",
				      strerror(EACCES), strerror(EACCES));
		kb_buf_puts(&want, "E root/sub/loop/sub/loop/self.txt: symlink loop (too many "
				   "levels of symbolic links)\n"
				   "E root/sub/loop/sub/loop/sub: symlink loop (same directory as "
				   "root/sub/loop/sub)\n"
				   "F root/sub/loop/sub/loop/z/e.txt\n");
		check_walk("starting inside the loop", into_loop, 1, want.data,
			   locked_readable ? 4 : 6);
		kb_buf_finish(&want);
	}
	check_walk("nothing to walk", NULL, 0, "", 0);
}

/* The callbacks may be NULL; the count still comes back. */
static void test_null_callbacks(void)
{
	static const char *const root[] = { "root" };
	size_t e = kb_walk(root, 1, NULL, NULL, NULL);

	CHECK(e >= 4, "NULL callbacks: errors still counted (%zu)", e);
}

int main(void)
{
	char dir[] = "/tmp/kb_test_walk_XXXXXX", cmd[128], cwd[4096];
	bool locked_readable;

	if (!getcwd(cwd, sizeof(cwd)) || !mkdtemp(dir) || chdir(dir) != 0) {
		CHECK(0, "set up a temporary directory: %s", strerror(errno));
		return tap_done();
	}
	if (!build_tree()) {
		CHECK(0, "build the test tree: %s", strerror(errno));
	} else {
		/* Root reads mode 000 files: expect what access() says. */
		locked_readable = access("root/locked.txt", R_OK) == 0;
		printf("# mode 000 entries are %s here (euid %ld)\n",
		       locked_readable ? "readable" : "unreadable", (long)geteuid());
		test_tree(locked_readable);
		test_named_paths(locked_readable);
		test_null_callbacks();
	}
	if (chdir(cwd) != 0)
		perror("chdir");
	snprintf(cmd, sizeof(cmd), "chmod -R u+rwx %s && rm -rf %s", dir, dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
