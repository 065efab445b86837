/* SPDX-License-Identifier: MIT */
/*
 * The name a mistyped word most likely meant: the fewest single-byte edits
 * (insert, delete, replace, swap two neighbours), within a third of the
 * word's length (at least 2), so that "lsit" finds "list" and "tgas"
 * finds "tags", but "export" is not offered for "x".
 */
#include "kanbao/util.h"

#include <stdlib.h>
#include <string.h>

/* Optimal string alignment distance of a and b, or more than limit. */
static size_t distance(const char *a, const char *b, size_t limit)
{
	size_t la = strlen(a), lb = strlen(b);
	if ((la > lb ? la - lb : lb - la) > limit)
		return limit + 1;
	size_t *d = kb_xmalloc((la + 1) * (lb + 1) * sizeof(*d));
#define D(i, j) d[(i) * (lb + 1) + (j)]
	for (size_t i = 0; i <= la; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= lb; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= la; i++)
		for (size_t j = 1; j <= lb; j++) {
			size_t best = D(i - 1, j - 1) + (a[i - 1] != b[j - 1]);
			if (D(i - 1, j) + 1 < best)
				best = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < best)
				best = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    D(i - 2, j - 2) + 1 < best)
				best = D(i - 2, j - 2) + 1;
			D(i, j) = best;
		}
	size_t r = D(la, lb);
#undef D
	free(d);
	return r;
}

const char *kb_closest(const char *word, const char *const *names, size_t n)
{
	size_t limit = strlen(word) / 3;
	if (limit < 2)
		limit = 2;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!names[i])
			continue;
		size_t d = distance(word, names[i], limit);
		/* a name the word begins or is the start of counts as close */
		size_t lw = strlen(word), ln = strlen(names[i]);
		if (lw >= 2 && (strncmp(names[i], word, lw) == 0 || strncmp(word, names[i], ln) == 0) &&
		    d > 1)
			d = 1;
		if (d < best_d) {
			best_d = d;
			best = names[i];
		}
	}
	return best;
}
