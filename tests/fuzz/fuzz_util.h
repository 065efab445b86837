/* SPDX-License-Identifier: MIT */
/*
 * Helpers shared by the fuzz targets that need files (the store reads an
 * edition from a path and keeps its library in a file; the config parsers
 * read a path): one private temporary directory per process, on a tmpfs
 * when there is one (/dev/shm), so that the store's fsyncs cost little;
 * removed with what it holds when the process exits normally. Everything
 * here is static: each target includes it once.
 */
#ifndef KANBAO_FUZZ_UTIL_H
#define KANBAO_FUZZ_UTIL_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char fuzz_dir[512];

/* Remove the files of the temporary directory, then the directory. */
static inline void fuzz_tmp_cleanup(void)
{
	if (!fuzz_dir[0])
		return;
	DIR *d = opendir(fuzz_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char p[1024];
			snprintf(p, sizeof(p), "%s/%s", fuzz_dir, e->d_name);
			unlink(p);
		}
		closedir(d);
	}
	rmdir(fuzz_dir);
	fuzz_dir[0] = '\0';
}

/* The process's temporary directory, made on first use ($TMPDIR, else
 * /dev/shm, else /tmp). Aborts when none can be made: a target that
 * cannot run must not pass. */
static inline const char *fuzz_tmpdir(void)
{
	if (fuzz_dir[0])
		return fuzz_dir;
	const char *base = getenv("TMPDIR");
	struct stat sb;
	if (!base || !*base) {
		base = "/tmp";
		if (stat("/dev/shm", &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    access("/dev/shm", W_OK) == 0)
			base = "/dev/shm";
	}
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/kanbao-fuzz-XXXXXX", base);
	if (!mkdtemp(fuzz_dir)) {
		perror(fuzz_dir);
		abort();
	}
	atexit(fuzz_tmp_cleanup);
	return fuzz_dir;
}

/* The path of name in the temporary directory, in buf. */
static inline const char *fuzz_path(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "%s/%s", fuzz_tmpdir(), name);
	return buf;
}

/* Write data[0..size) to the file path (replacing it); aborts on failure. */
static inline void fuzz_write_file(const char *path, const void *data, size_t size)
{
	FILE *f = fopen(path, "wb");
	if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(path);
		abort();
	}
}

/* Remove an SQLite database and the files beside it. */
static inline void fuzz_remove_db(const char *path)
{
	char p[1100];
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-journal", path);
	unlink(p);
}

/* A 64-bit FNV-1a hash: a deterministic seed from the input. */
static inline uint64_t fuzz_hash(const uint8_t *data, size_t size)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < size; i++) {
		h ^= data[i];
		h *= 1099511628211ull;
	}
	return h;
}

/* xorshift64*: the next pseudo-random number of state *x (never 0). */
static inline uint64_t fuzz_rand(uint64_t *x)
{
	if (!*x)
		*x = 88172645463325252ull;
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ull;
}

#endif
