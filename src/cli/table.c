/* SPDX-License-Identifier: MIT */
/*
 * Width-aware tables for list, search, tags and detached. Every column but
 * the last is as wide as its widest cell (within its cap); the last takes
 * what remains of the terminal's width, at least a few columns, so a narrow
 * terminal wraps rather than losing the titles altogether.
 */
#include "table.h"

#include <stdlib.h>

#include "term.h"

#define GAP 2       /* spaces between columns */
#define MIN_LAST 12 /* the last column never gets less than this */

struct kb_table {
	size_t ncols;
	char **cells; /* nrows * ncols sanitised strings, owned */
	size_t nrows, cap_cells; /* rows used, cells allocated */
	size_t *max;  /* per column: the cap, 0 for none */
};

struct kb_table *kb_table_create(size_t ncols, const char *const *header)
{
	struct kb_table *t = kb_xcalloc(1, sizeof(*t));
	t->ncols = ncols;
	t->max = kb_xcalloc(ncols, sizeof(size_t));
	if (header)
		kb_table_add(t, header);
	return t;
}

void kb_table_destroy(struct kb_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->max);
	free(t);
}

void kb_table_cap(struct kb_table *t, size_t col, size_t max)
{
	if (col < t->ncols)
		t->max[col] = max;
}

void kb_table_add(struct kb_table *t, const char *const *cells)
{
	kb_xgrow((void **)&t->cells, &t->cap_cells, (t->nrows + 1) * t->ncols, sizeof(char *));
	for (size_t c = 0; c < t->ncols; c++) {
		struct kb_buf b;
		kb_buf_init(&b);
		kb_term_put_safe(&b, cells[c] ? cells[c] : "", 0);
		t->cells[t->nrows * t->ncols + c] = kb_buf_steal(&b);
	}
	t->nrows++;
}

/* Append n spaces. */
static void pad(struct kb_buf *out, size_t n)
{
	while (n--)
		kb_buf_putc(out, ' ');
}

void kb_table_render(const struct kb_table *t, size_t width, struct kb_buf *out)
{
	size_t *w = kb_xcalloc(t->ncols, sizeof(size_t));
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			size_t cw = kb_term_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	size_t used = 0;
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->max[c] && w[c] > t->max[c])
			w[c] = t->max[c];
		if (c + 1 < t->ncols)
			used += w[c] + GAP;
	}
	size_t last = width > used + MIN_LAST ? width - used : MIN_LAST;
	if (t->ncols && w[t->ncols - 1] > last)
		w[t->ncols - 1] = last;
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			size_t got = kb_term_put_fit(out, t->cells[r * t->ncols + c], w[c]);
			if (c + 1 < t->ncols)
				pad(out, w[c] - got + GAP);
		}
		/* no trailing spaces when the last cells are empty */
		while (out->len && out->data[out->len - 1] == ' ')
			out->data[--out->len] = '\0';
		kb_buf_putc(out, '\n');
	}
	free(w);
}
