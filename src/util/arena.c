/* SPDX-License-Identifier: MIT */
/*
 * A bump allocator. A parsed edition allocates hundreds of small strings that
 * all die together; one arena makes that cheap and makes destroy trivial.
 */
#include "kanbao/util.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_MIN (64 * 1024)

struct chunk {
	struct chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char mem[];
};

struct kb_arena {
	struct chunk *head;
};

struct kb_arena *kb_arena_create(void)
{
	return kb_xcalloc(1, sizeof(struct kb_arena));
}

void kb_arena_destroy(struct kb_arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void *kb_arena_alloc(struct kb_arena *a, size_t size)
{
	size_t al = alignof(max_align_t);
	size = (size + al - 1) / al * al;
	struct chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t csize = size > CHUNK_MIN ? size : CHUNK_MIN;
		c = kb_xmalloc(sizeof(*c) + csize);
		c->size = csize;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	void *p = c->mem + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *kb_arena_strndup(struct kb_arena *a, const char *s, size_t n)
{
	char *p = kb_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
