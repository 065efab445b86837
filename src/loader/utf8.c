/* SPDX-License-Identifier: MIT */
/*
 * Character classes the loader reasons with: Han characters, white space
 * (ASCII, ideographic, no-break), sentence-final and pause punctuation in
 * both the full-width and the ASCII forms newspapers mix, quotes and brackets.
 * Input is valid UTF-8 (the decoder guarantees it), so decoding is unchecked.
 */
#include "loader.h"

#include <string.h>

uint32_t kb_cp_before(const char *start, const char *end, int *len)
{
	const char *p = end - 1;
	while (p > start && ((unsigned char)*p & 0xC0) == 0x80 && end - p < 4)
		p--;
	uint32_t c = kb_cp_at(p, end, len);
	*len = (int)(end - p);
	return c;
}

bool kb_is_han(uint32_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x3FFFF) ||
	       c == 0x3007; /* 〇 */
}

bool kb_is_final(uint32_t c)
{
	switch (c) {
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case '!':
	case '?':
	case '.':
	case 0x2026: /* … */
	case 0xFF0E: /* ． */
		return true;
	default:
		return false;
	}
}

bool kb_is_closer(uint32_t c)
{
	switch (c) {
	case 0x201D: case 0x2019: case 0x300D: case 0x300F: case 0xFF09:
	case ')': case 0x3011: case 0x300B: case 0x3009: case '"': case '\'':
	case ']': case 0xFF3D:
		return true;
	default:
		return false;
	}
}

bool kb_is_opener(uint32_t c)
{
	switch (c) {
	case 0x201C: case 0x2018: case 0x300C: case 0x300E: case 0xFF08:
	case '(': case 0x3010: case 0x300A: case 0x3008: case '[': case 0xFF3B:
		return true;
	default:
		return false;
	}
}

bool kb_is_punct(uint32_t c)
{
	if (c < 0x80)
		return (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) ||
		       (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E);
	return (c >= 0x3000 && c <= 0x303F) || (c >= 0x2010 && c <= 0x205E) ||
	       (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
	       (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) ||
	       c == 0xB7 || kb_is_bullet(c);
}

bool kb_is_bullet(uint32_t c)
{
	switch (c) {
	case 0x25A0: case 0x25A1: case 0x25CF: case 0x25C6: case 0x25C7:
	case 0x2605: case 0x2606: case 0x25B2: case 0x25B3: case 0x25B6:
	case 0x25BA: case 0x203B: case 0x25CB: case 0x25CE:
		return true;
	default:
		return false;
	}
}

int kb_cn_digit(uint32_t c)
{
	static const uint32_t digits[] = {0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94,
					  0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341};
	for (int i = 0; i < 10; i++)
		if (digits[i] == c)
			return i + 1;
	return 0;
}

void kb_trim(const char **s, size_t *n)
{
	const char *b = *s, *e = *s + *n;
	int l;
	while (b < e && kb_is_space(kb_cp_at(b, e, &l)))
		b += l;
	while (e > b && kb_is_space(kb_cp_before(b, e, &l)))
		e -= l;
	*s = b;
	*n = (size_t)(e - b);
}

bool kb_starts(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);
	return pn <= n && memcmp(s, p, pn) == 0;
}

bool kb_ends(const char *s, size_t n, const char *p)
{
	size_t pn = strlen(p);
	return pn <= n && memcmp(s + n - pn, p, pn) == 0;
}

size_t kb_nchars(const char *s, size_t n)
{
	const char *e = s + n;
	size_t count = 0;
	int l;
	while (s < e) {
		uint32_t c = kb_cp_at(s, e, &l);
		if (!kb_is_space(c))
			count++;
		s += l;
	}
	return count;
}

bool kb_is_name(const char *s, size_t n)
{
	const char *e = s + n;
	size_t han = 0, part = 0, parts = 1;
	int l;
	while (s < e) {
		uint32_t c = kb_cp_at(s, e, &l);
		if (kb_is_han(c)) {
			han++;
			part++;
		} else if ((c == 0xB7 || c == 0x30FB || c == 0x2022) && part > 0) {
			part = 0;
			parts++;
		} else {
			return false;
		}
		s += l;
	}
	if (part == 0)
		return false;
	if (parts == 1)
		return han >= 2 && han <= 4;
	return han <= 12;
}

const char *kb_find(const char *s, size_t n, const char *w)
{
	size_t wn = strlen(w);
	if (wn > n)
		return NULL;
	for (size_t i = 0; i + wn <= n; i++)
		if (s[i] == w[0] && memcmp(s + i, w, wn) == 0)
			return s + i;
	return NULL;
}

bool kb_contains_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (kb_find(s, n, *words))
			return true;
	return false;
}

bool kb_ends_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (kb_ends(s, n, *words))
			return true;
	return false;
}
