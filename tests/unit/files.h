/* SPDX-License-Identifier: MIT */
/*
 * File helpers the store and export tests share: a scratch directory, paths
 * in it, reading and writing whole files, replacing text, opening a library.
 * Static inline so each test takes only what it uses.
 */
#ifndef KANBAO_TEST_FILES_H
#define KANBAO_TEST_FILES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

/* The test's scratch directory (made with mkdtemp by the test). */
static char dir[256];

/* dir/name in one of a few rotating static buffers. */
static inline char *path(const char *name)
{
	static char buf[8][1024];
	static int k;
	k = (k + 1) % 8;
	snprintf(buf[k], sizeof(buf[k]), "%s/%s", dir, name);
	return buf[k];
}

/* All that can be read from f (caller frees); *len (may be NULL) its size. */
static inline char *read_stream(FILE *f, size_t *len)
{
	struct kb_buf b;
	kb_buf_init(&b);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kb_buf_append(&b, chunk, got);
	if (len)
		*len = b.len;
	return kb_buf_steal(&b);
}

/* The whole file p (caller frees), or NULL; *len (may be NULL) its size. */
static inline char *slurp_n(const char *p, size_t *len)
{
	FILE *f = fopen(p, "rb");
	if (!f)
		return NULL;
	char *s = read_stream(f, len);
	fclose(f);
	return s;
}

static inline char *slurp(const char *p)
{
	return slurp_n(p, NULL);
}

/* Write n bytes of s to the file p. */
static inline void spit_n(const char *p, const char *s, size_t n)
{
	FILE *f = fopen(p, "wb");
	if (!f)
		return;
	fwrite(s, 1, n, f);
	fclose(f);
}

static inline void spit(const char *p, const char *s)
{
	spit_n(p, s, strlen(s));
}

/* s with the first occurrence of from replaced by to (caller frees). */
static inline char *replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	if (!at)
		return strdup(s);
	size_t a = (size_t)(at - s), fl = strlen(from), tl = strlen(to), n = strlen(s);
	char *r = malloc(n - fl + tl + 1);
	memcpy(r, s, a);
	memcpy(r + a, to, tl);
	memcpy(r + a + tl, at + fl, n - a - fl + 1);
	return r;
}

/* Open (creating) the library dir/name; NULL with the reason printed. */
static inline struct kb_store *open_db(const char *name)
{
	char err[512];
	struct kb_store *s = kb_store_open(path(name), err, sizeof(err));
	if (!s)
		printf("# %s\n", err);
	return s;
}

#endif
