/*
 * Writing an exported file so that a failure never leaves a half-written
 * one: the data goes to a temporary file in the target's own directory
 * (mkstemp), is flushed to disk (fsync), renamed over the target, and the
 * directory is flushed so the rename itself is durable — what git's lock
 * files and PostgreSQL's durable rename do. Any failure removes the
 * temporary file and leaves the old file as it was.
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

bool kb_write_atomic(const char *path, const char *data, size_t n, char *err, size_t errlen)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	if (!*dir) {
		free(dir);
		dir = strdup("/");
	}
	const char *base = slash ? slash + 1 : path;
	size_t tl = strlen(dir) + strlen(base) + 16;
	char *tmp = malloc(tl);
	snprintf(tmp, tl, "%s/.%.200s.XXXXXX", dir, base);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot create a file in %s: %s", path, dir, strerror(errno));
		free(tmp);
		free(dir);
		return false;
	}
	mode_t mask = umask(0);
	umask(mask);
	fchmod(fd, 0666 & ~mask);
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
		ok = rename(tmp, path) == 0;
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
