/* SPDX-License-Identifier: MIT */
/*
 * Writing an exported file so that a failure never leaves a half-written
 * one: the data goes to a temporary file in the target's own directory
 * (mkstemp), is flushed to disk (fsync), renamed over the target, and the
 * directory is flushed so the rename itself is durable — what git's lock
 * files and PostgreSQL's durable rename do. Any failure removes the
 * temporary file and leaves the old file as it was.
 *
 * A symlink at the target is written through: the file it points to (after
 * every hop) is replaced, in its own directory, and the link stays a link
 * (a dangling link creates its target). A FIFO, a device, a socket or a
 * directory at the target is refused with a message naming it: replacing
 * /dev/null or a named pipe with a regular file is never what was meant.
 * A replaced file keeps its permission bits.
 *
 * For tests, KANBAO_FAIL_WRITE_AFTER=N makes the write fail with ENOSPC
 * once N bytes are written, as a full disk would.
 */
#include "kanbao/export.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* write(2) all of data; false with errno set on failure. */
static bool write_all(int fd, const char *data, size_t n)
{
	const char *fail_env = getenv("KANBAO_FAIL_WRITE_AFTER");
	size_t limit = fail_env && *fail_env ? (size_t)strtoull(fail_env, NULL, 10) : (size_t)-1;
	size_t done = 0;
	while (done < n) {
		size_t chunk = n - done;
		if (done + chunk > limit) {
			if (done >= limit) {
				errno = ENOSPC;
				return false;
			}
			chunk = limit - done;
		}
		ssize_t w = write(fd, data + done, chunk);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return false;
		done += (size_t)w;
	}
	return true;
}

/* What a file of this mode is, for a refusal. */
static const char *kind(mode_t m)
{
	if (S_ISDIR(m))
		return "a directory";
	if (S_ISFIFO(m))
		return "a FIFO (named pipe)";
	if (S_ISCHR(m))
		return "a character device";
	if (S_ISBLK(m))
		return "a block device";
	if (S_ISSOCK(m))
		return "a socket";
	return "not a regular file";
}

#define MAX_HOPS 40 /* symlinks followed, as Linux's ELOOP limit */

/* The file a write to path should replace: path itself, or where its chain
 * of symlinks ends (which may not exist yet). *mode gets the permission
 * bits of an existing file, else -1. NULL with err set when the target is
 * not a regular file or cannot be examined. Caller frees. */
static char *resolve_target(const char *path, int *mode, char *err, size_t errlen)
{
	char *cur = kb_xstrdup(path);
	*mode = -1;
	for (int hop = 0; hop <= MAX_HOPS; hop++) {
		struct stat st;
		if (lstat(cur, &st) != 0) {
			if (errno == ENOENT)
				return cur; /* a new file; a missing directory fails at mkstemp */
			snprintf(err, errlen, "%s: cannot examine %s: %s", path, cur,
				 strerror(errno));
			free(cur);
			return NULL;
		}
		if (S_ISREG(st.st_mode)) {
			*mode = (int)(st.st_mode & 07777);
			return cur;
		}
		if (!S_ISLNK(st.st_mode)) {
			if (strcmp(cur, path) == 0)
				snprintf(err, errlen,
					 "%s is %s, not a regular file: not writing to it", path,
					 kind(st.st_mode));
			else
				snprintf(err, errlen,
					 "%s: the link points to %s, which is %s, not a "
					 "regular file: not writing to it",
					 path, cur, kind(st.st_mode));
			free(cur);
			return NULL;
		}
		size_t cap = (size_t)st.st_size + 2;
		char *link = kb_xmalloc(cap);
		ssize_t got = readlink(cur, link, cap - 1);
		if (got < 0 || (size_t)got >= cap - 1) { /* changed under us: say so */
			snprintf(err, errlen, "%s: cannot read the link %s: %s", path, cur,
				 got < 0 ? strerror(errno) : "it changed while being read");
			free(link);
			free(cur);
			return NULL;
		}
		link[got] = '\0';
		const char *slash = strrchr(cur, '/');
		char *next;
		if (link[0] == '/' || !slash) {
			next = kb_xstrdup(link);
		} else { /* relative to the link's own directory */
			struct kb_buf b;
			kb_buf_init(&b);
			kb_buf_append(&b, cur, (size_t)(slash - cur) + 1);
			kb_buf_puts(&b, link);
			next = kb_buf_steal(&b);
		}
		free(link);
		free(cur);
		cur = next;
	}
	snprintf(err, errlen, "%s: %s", path, strerror(ELOOP));
	free(cur);
	return NULL;
}

/* Write data to target (path resolved, see resolve_target) through a
 * temporary file in target's directory; messages name path, what the user
 * gave. mode: the replaced file's permission bits, or -1 for a new file. */
static bool write_file(const char *path, const char *target, int mode, const char *data, size_t n,
		       char *err, size_t errlen)
{
	const char *slash = strrchr(target, '/');
	char *dir = slash ? kb_xstrndup(target, (size_t)(slash - target)) : kb_xstrdup(".");
	if (!*dir) {
		free(dir);
		dir = kb_xstrdup("/");
	}
	const char *base = slash ? slash + 1 : target;
	size_t tl = strlen(dir) + strlen(base) + 16;
	char *tmp = kb_xmalloc(tl);
	snprintf(tmp, tl, "%s/.%.200s.XXXXXX", dir, base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create a file in %s: %s", path, dir,
			 strerror(errno));
		free(tmp);
		free(dir);
		return false;
	}
	if (mode < 0) { /* a new file: what open(2) would give it */
		mode_t mask = umask(0);
		umask(mask);
		mode = (int)(0666 & ~mask);
	}
	fchmod(fd, (mode_t)mode);
	const char *step = "write";
	bool ok = write_all(fd, data, n);
	if (ok) {
		step = "flush";
		ok = fsync(fd) == 0;
	}
	int saved = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		saved = errno;
		step = "close";
	}
	if (ok) {
		step = "rename";
		ok = rename(tmp, target) == 0;
		saved = errno;
	}
	if (!ok) {
		unlink(tmp);
		snprintf(err, errlen, "%s: cannot %s: %s (any old file is unchanged)", path, step,
			 strerror(saved));
	} else {
		int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (dfd >= 0) {
			fsync(dfd); /* the rename is durable once the directory is */
			close(dfd);
		}
	}
	free(tmp);
	free(dir);
	return ok;
}

bool kb_write_atomic(const char *path, const char *data, size_t n, char *err, size_t errlen)
{
	int old_mode;
	char *target = resolve_target(path, &old_mode, err, errlen);
	if (!target)
		return false;
	bool ok = write_file(path, target, old_mode, data, n, err, errlen);
	free(target);
	return ok;
}
