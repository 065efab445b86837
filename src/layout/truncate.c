/* SPDX-License-Identifier: MIT */
/*
 * Truncation by columns, for headlines and list rows: the longest prefix
 * that fits, leaving room for the "…" the caller draws when the whole does
 * not fit. A wide character that would straddle the limit is dropped, never
 * cut in half (ncurses would blank its other half, shared/CJK-NOTES.md), so
 * the columns reported are the ones really used.
 */
#include "kanbao/layout.h"

#include <unistr.h>

/* The prefix of s[0..n) taking at most width columns, and its columns. */
static size_t fit_prefix(const uint8_t *s, size_t n, int width, int *cols)
{
	size_t i = 0;
	int w = 0;

	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, s + i, n - i);
		int cw = kb_cp_width(c);

		if (w + cw > width)
			break;
		w += cw;
		i += (size_t)(k > 0 ? k : 1);
	}
	*cols = w;
	return i;
}

/* The longest prefix of s[0..n) that fits (see layout.h). When width is too
 * narrow for even the ellipsis (0, or 1 with ambiwidth=double), the prefix
 * fills width and no ellipsis is asked for. */
size_t kb_layout_truncate(const char *s, size_t n, int width, int *cols, bool *ellipsis)
{
	const uint8_t *p = (const uint8_t *)s;
	int ell = kb_cp_width(0x2026), w;
	size_t len;

	if (width < 0)
		width = 0;
	*ellipsis = false;
	len = fit_prefix(p, n, width, &w);
	if (len == n || width < ell) {
		*cols = w;
		return len;
	}
	*ellipsis = true;
	return fit_prefix(p, n, width - ell, cols);
}
