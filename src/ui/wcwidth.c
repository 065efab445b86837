/* SPDX-License-Identifier: MIT */
/*
 * ambiwidth=double for curses. ncurses measures every character with the C
 * library's wcwidth(), which gives East Asian Ambiguous characters (“ ” …
 * —) one column; on a terminal set to draw them wide, every line with a
 * quote would then be off by a column per quote. So the reader defines
 * wcwidth() itself: the dynamic linker binds ncurses' calls to this
 * definition in the executable (as the wcwidth-cjk preload libraries do),
 * which asks the C library's own function (RTLD_NEXT) and answers 2 for
 * ambiguous characters when the setting is double. The layout module
 * measures through the same function, so layout and drawing agree.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <wchar.h>

#include "kanbao/layout.h"

/* The C library's wcwidth, found on first use. */
static int (*libc_wcwidth)(wchar_t);

int wcwidth(wchar_t c)
{
	if (!libc_wcwidth) {
		libc_wcwidth = (int (*)(wchar_t))dlsym(RTLD_NEXT, "wcwidth");
		if (!libc_wcwidth)
			return c < 0x20 || c == 0x7F ? -1 : 1;
	}
	int w = libc_wcwidth(c);
	if (w == 1 && kb_layout_ambiwidth() == KB_AMBI_DOUBLE && kb_is_ambiguous((uint32_t)c))
		return 2;
	return w;
}

int wcswidth(const wchar_t *s, size_t n)
{
	int total = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		int w = wcwidth(s[i]);
		if (w < 0)
			return -1;
		total += w;
	}
	return total;
}
