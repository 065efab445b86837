/* SPDX-License-Identifier: MIT */
/*
 * Small helpers every layer uses: allocation that aborts cleanly on exhaustion
 * (after htop's XUtils), a growable byte buffer and an arena for objects that
 * live and die together (a parsed edition owns all its strings in one arena).
 */
#ifndef KANBAO_UTIL_H
#define KANBAO_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* malloc/calloc/realloc/strdup that never return NULL: on exhaustion they
 * call the fatal hook (which restores the terminal) and abort. */
void *kb_xmalloc(size_t n);
void *kb_xcalloc(size_t count, size_t size);
void *kb_xrealloc(void *p, size_t n);
char *kb_xstrdup(const char *s);
char *kb_xstrndup(const char *s, size_t n);
/* Grow *p (holding *cap elements of size) to hold at least need elements. */
void kb_xgrow(void **p, size_t *cap, size_t need, size_t size);

/* Called once before aborting on a fatal error; the UI sets it to restore
 * the terminal. NULL by default. */
extern void (*kb_fatal_hook)(void);

/* A growable, always NUL-terminated byte buffer. Caller memory: init/finish. */
struct kb_buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len; /* bytes used, excluding the NUL */
	size_t cap; /* bytes allocated */
};

void kb_buf_init(struct kb_buf *b);
void kb_buf_finish(struct kb_buf *b);
void kb_buf_append(struct kb_buf *b, const char *s, size_t n);
void kb_buf_puts(struct kb_buf *b, const char *s);
void kb_buf_putc(struct kb_buf *b, char c);
void kb_buf_printf(struct kb_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Take the buffer's string (caller frees; never NULL) and reset the buffer. */
char *kb_buf_steal(struct kb_buf *b);

/* A bump allocator: everything allocated from it is freed by one
 * kb_arena_destroy. */
struct kb_arena;

struct kb_arena *kb_arena_create(void);
void kb_arena_destroy(struct kb_arena *a);
/* size bytes aligned for any type, zeroed; owned by the arena. */
void *kb_arena_alloc(struct kb_arena *a, size_t size);
/* A NUL-terminated copy of s[0..n) owned by the arena. */
char *kb_arena_strndup(struct kb_arena *a, const char *s, size_t n);

/* The one of names[0..n) a mistyped word most likely meant (NULL
 * entries skipped), or NULL when none is close (src/util/closest.c). */
const char *kb_closest(const char *word, const char *const *names, size_t n);

#endif
