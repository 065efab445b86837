/* SPDX-License-Identifier: MIT */
/*
 * Cells on the screen: text drawn through the layout module's displayable
 * form of each character (controls shown as U+FFFD, bidi and zero-width
 * characters dropped: edition text never reaches the terminal raw), clipped
 * by columns so that no wide character is ever cut, in the theme's styles.
 */
#include "ui.h"

#include <string.h>

static attr_t attrs[KB_STYLE_COUNT];
static short pairs[KB_STYLE_COUNT];
static int y_origin; /* rows above the panes' row 0 (their title line) */

void kb_draw_origin(int y)
{
	y_origin = y;
}

void kb_draw_theme(const struct kb_theme *t)
{
	bool color = has_colors();
	for (int i = 0; i < KB_STYLE_COUNT; i++) {
		const struct kb_color_style *st = &t->style[i];
		attr_t a = A_NORMAL;
		if (st->attrs & KB_ATTR_BOLD)
			a |= A_BOLD;
		if (st->attrs & KB_ATTR_UNDERLINE)
			a |= A_UNDERLINE;
		if (st->attrs & KB_ATTR_REVERSE)
			a |= A_REVERSE;
		if (st->attrs & KB_ATTR_DIM)
			a |= A_DIM;
		if (st->attrs & KB_ATTR_ITALIC)
			a |= A_ITALIC;
		if (st->attrs & KB_ATTR_STANDOUT)
			a |= A_STANDOUT;
		attrs[i] = a;
		pairs[i] = 0;
		if (color && (st->fg >= 0 || st->bg >= 0) && i + 1 < COLOR_PAIRS) {
			int fg = st->fg < COLORS ? st->fg : -1, bg = st->bg < COLORS ? st->bg : -1;
			init_pair((short)(i + 1), (short)fg, (short)bg);
			pairs[i] = (short)(i + 1);
		}
	}
}

attr_t kb_draw_attr(enum kb_style style, short *pair)
{
	*pair = pairs[style];
	return attrs[style];
}

/* Decode one UTF-8 character (invalid bytes: U+FFFD, one byte). */
static uint32_t next_cp(const char *s, size_t n, size_t *len)
{
	const unsigned char *p = (const unsigned char *)s;
	if (p[0] < 0x80) {
		*len = 1;
		return p[0];
	}
	size_t l = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC0 ? 2 : 0;
	if (l == 0 || l > n) {
		*len = 1;
		return 0xFFFD;
	}
	uint32_t c = p[0] & (0x7F >> l);
	for (size_t i = 1; i < l; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*len = 1;
			return 0xFFFD;
		}
		c = c << 6 | (p[i] & 0x3F);
	}
	*len = l;
	return c;
}

static void put_cell(int y, int x, uint32_t c, attr_t at, short pair)
{
	wchar_t wc[2] = {(wchar_t)c, 0};
	cchar_t cc;
	setcchar(&cc, wc, at, pair, NULL);
	mvadd_wch(y + y_origin, x, &cc);
}

int kb_draw_text(int y, int x, int x_end, const char *s, size_t n, enum kb_style style)
{
	short pair;
	attr_t at = kb_draw_attr(style, &pair);
	size_t i = 0;
	while (i < n && x < x_end) {
		size_t len;
		uint32_t c = next_cp(s + i, n - i, &len);
		i += len;
		if (c == '\t' || c == '\n' || c == '\r')
			c = ' ';
		uint32_t d = kb_display_cp(c);
		if (!d)
			continue;
		int w = kb_cp_width(d);
		if (w <= 0)
			continue; /* combining marks are not drawn apart */
		if (x + w > x_end) {
			put_cell(y, x, ' ', at, pair); /* never half a wide character */
			x++;
			break;
		}
		put_cell(y, x, d, at, pair);
		x += w;
	}
	return x;
}

void kb_draw_fill(int y, int x, int x_end, enum kb_style style)
{
	short pair;
	attr_t at = kb_draw_attr(style, &pair);
	for (; x < x_end; x++)
		put_cell(y, x, ' ', at, pair);
}
