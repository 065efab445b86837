/* SPDX-License-Identifier: MIT */
/*
 * Allocation wrappers that end the process cleanly instead of returning NULL:
 * an out-of-memory state is not something any caller of kanbao can repair.
 */
#include "kanbao/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void (*kb_fatal_hook)(void);

static void die_nomem(size_t n)
{
	if (kb_fatal_hook)
		kb_fatal_hook();
	fprintf(stderr, "kanbao: out of memory (asked for %zu bytes)\n", n);
	abort();
}

void *kb_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die_nomem(n);
	return p;
}

void *kb_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		die_nomem(count * size);
	return p;
}

void *kb_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		die_nomem(n);
	return q;
}

char *kb_xstrdup(const char *s)
{
	return kb_xstrndup(s, strlen(s));
}

char *kb_xstrndup(const char *s, size_t n)
{
	char *p = kb_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void kb_xgrow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return;
	size_t ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / size)
			die_nomem(SIZE_MAX);
		ncap *= 2;
	}
	*p = kb_xrealloc(*p, ncap * size);
	*cap = ncap;
}
