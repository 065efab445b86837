/* SPDX-License-Identifier: MIT */
/* The growable byte buffer of util.h. */
#include "kanbao/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void kb_buf_init(struct kb_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void kb_buf_finish(struct kb_buf *b)
{
	if (!b)
		return;
	free(b->data);
	kb_buf_init(b);
}

static void reserve(struct kb_buf *b, size_t extra)
{
	void *p = b->data;
	kb_xgrow(&p, &b->cap, b->len + extra + 1, 1);
	b->data = p;
}

void kb_buf_append(struct kb_buf *b, const char *s, size_t n)
{
	reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void kb_buf_puts(struct kb_buf *b, const char *s)
{
	kb_buf_append(b, s, strlen(s));
}

void kb_buf_putc(struct kb_buf *b, char c)
{
	kb_buf_append(b, &c, 1);
}

void kb_buf_printf(struct kb_buf *b, const char *fmt, ...)
{
	va_list ap;
	char probe[1];
	va_start(ap, fmt);
	int n = vsnprintf(probe, sizeof(probe), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *kb_buf_steal(struct kb_buf *b)
{
	char *s = b->data ? b->data : kb_xstrdup("");
	kb_buf_init(b);
	return s;
}
