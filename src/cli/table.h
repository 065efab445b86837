/* SPDX-License-Identifier: MIT */
/*
 * Tables for the terminal: rows of cells laid out in columns aligned by
 * display width (a Han character takes 2 columns), the last column cut with
 * "…" to fit the terminal. Cells are sanitised for the terminal when added.
 */
#ifndef KANBAO_CLI_TABLE_H
#define KANBAO_CLI_TABLE_H

#include <stddef.h>

#include "kanbao/util.h"

struct kb_table;

/* A table of ncols columns whose first row is the header (may be NULL for
 * none). Caller destroys. */
struct kb_table *kb_table_create(size_t ncols, const char *const *header);
void kb_table_destroy(struct kb_table *t);

/* Never make column col wider than max display columns (0: no cap). */
void kb_table_cap(struct kb_table *t, size_t col, size_t max);

/* Add a row of ncols cells (copied; NULL is an empty cell). */
void kb_table_add(struct kb_table *t, const char *const *cells);

/* Lay the table out within width columns and append it to out, one line
 * per row; columns are separated by two spaces and the last is cut. */
void kb_table_render(const struct kb_table *t, size_t width, struct kb_buf *out);

#endif
