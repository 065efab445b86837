/* SPDX-License-Identifier: MIT */
/*
 * The one sanitiser (kanbao/sanitize.h): what each kind of code point
 * becomes on its way to a terminal, that CJK and other text is kept byte
 * for byte, that invalid UTF-8 never runs past the end and always comes out
 * as U+FFFD, and that the output of any input is valid UTF-8 holding
 * nothing a terminal acts on.
 */
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/sanitize.h"
#include "kanbao/util.h"

/* kb_sanitize of s[0..n) with flags, as a string; caller frees. */
static char *san(const char *s, size_t n, unsigned flags)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_sanitize(&b, s, n, flags);
	return kb_buf_steal(&b);
}

/* Whether s decodes as valid UTF-8 into text only (newline and tab allowed
 * when allow_ws). */
static bool clean(const char *s, bool allow_ws)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kb_utf8_next(s + i, n - i, &c);
		if (c == 0xFFFD && len == 1)
			return false; /* an invalid byte came through */
		enum kb_char_class k = kb_char_class(c);
		if (k != KB_CHAR_TEXT && !(allow_ws && (c == '\n' || c == '\t')))
			return false;
		i += len;
	}
	return true;
}

static void test_classes(void)
{
	static const struct {
		uint32_t c;
		enum kb_char_class want;
	} cases[] = {
		{ 'a', KB_CHAR_TEXT },
		{ 0x90D1, KB_CHAR_TEXT }, /* 郑 */
		{ 0x3000, KB_CHAR_TEXT },
		{ 0x1F600, KB_CHAR_TEXT }, /* ideographic space, emoji */
		{ 0xFFFD, KB_CHAR_TEXT },
		{ '\n', KB_CHAR_NEWLINE },
		{ 0x2028, KB_CHAR_NEWLINE },
		{ 0x2029, KB_CHAR_NEWLINE },
		{ '\t', KB_CHAR_TAB },
		{ 0x00, KB_CHAR_CONTROL },
		{ 0x07, KB_CHAR_CONTROL },
		{ 0x1B, KB_CHAR_CONTROL },
		{ '\r', KB_CHAR_CONTROL },
		{ 0x08, KB_CHAR_CONTROL },
		{ 0x7F, KB_CHAR_CONTROL },
		{ 0x80, KB_CHAR_CONTROL },
		{ 0x9B, KB_CHAR_CONTROL },
		{ 0x9D, KB_CHAR_CONTROL },
		{ 0x9F, KB_CHAR_CONTROL },
		{ 0xA0, KB_CHAR_TEXT },
		{ 0xD800, KB_CHAR_CONTROL },
		{ 0x110000, KB_CHAR_CONTROL },
		{ 0x00AD, KB_CHAR_INVISIBLE },
		{ 0x061C, KB_CHAR_INVISIBLE },
		{ 0x200B, KB_CHAR_INVISIBLE },
		{ 0x200E, KB_CHAR_INVISIBLE },
		{ 0x200F, KB_CHAR_INVISIBLE },
		{ 0x202A, KB_CHAR_INVISIBLE },
		{ 0x202E, KB_CHAR_INVISIBLE },
		{ 0x2066, KB_CHAR_INVISIBLE },
		{ 0x2069, KB_CHAR_INVISIBLE },
		{ 0xFEFF, KB_CHAR_INVISIBLE },
		{ 0x2010, KB_CHAR_TEXT },
		{ 0x2070, KB_CHAR_TEXT },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(kb_char_class(cases[i].c) == cases[i].want, "class of U+%04X",
		      (unsigned)cases[i].c);
}

static void test_decode(void)
{
	static const struct {
		const char *s;
		size_t n, len;
		uint32_t c;
	} cases[] = {
		{ "a", 1, 1, 'a' },
		{ "\xC3\xA9", 2, 2, 0xE9 },
		{ "郑", 3, 3, 0x90D1 },
		{ "\xF0\x9F\x98\x80", 4, 4, 0x1F600 },
		{ "\xC2\x9B", 2, 2, 0x9B },
		{ "\x9B", 1, 1, 0xFFFD },             /* a lone continuation byte */
		{ "\xC0\xAF", 2, 1, 0xFFFD },         /* overlong '/' */
		{ "\xE0\x80\xAF", 3, 1, 0xFFFD },     /* overlong */
		{ "\xED\xA0\x80", 3, 1, 0xFFFD },     /* a surrogate */
		{ "\xF4\x90\x80\x80", 4, 1, 0xFFFD }, /* past U+10FFFF */
		{ "\xE4\xB8", 2, 1, 0xFFFD },         /* cut at the end */
		{ "\xE4\xB8\xAD", 2, 1, 0xFFFD },     /* cut by n, not by NUL */
		{ "\xFF", 1, 1, 0xFFFD },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t c = 0;
		size_t len = kb_utf8_next(cases[i].s, cases[i].n, &c);
		CHECK(len == cases[i].len && c == cases[i].c, "decode case %zu: len %zu U+%04X", i,
		      len, (unsigned)c);
	}
}

static void test_sanitize(void)
{
	static const struct {
		const char *in;
		unsigned flags;
		const char *want;
	} cases[] = {
		{ "郑州新闻：高新区（２０２１）“引号”……😀", 0,
		  "郑州新闻：高新区（２０２１）“引号”……😀" },
		{ "title\x1b]0;PWNED\x07.txt", 0, "title\xEF\xBF\xBD]0;PWNED\xEF\xBF\xBD.txt" },
		{ "\x1b]52;c;cHduZWQ=\x07", 0, "\xEF\xBF\xBD]52;c;cHduZWQ=\xEF\xBF\xBD" },
		{ "\x1b[2J", 0, "\xEF\xBF\xBD[2J" },
		{ "raw\x9b"
		  "31m",
		  0,
		  "raw\xEF\xBF\xBD"
		  "31m" },
		{ "c1\xC2\x9B"
		  "31m\xC2\x9D"
		  "0;t\xC2\x9C",
		  0,
		  "c1\xEF\xBF\xBD"
		  "31m\xEF\xBF\xBD"
		  "0;t\xEF\xBF\xBD" },
		{ "rlo\xE2\x80\xAE"
		  "exe.txt",
		  0, "rloexe.txt" },
		{ "\xE2\x81\xA6"
		  "iso\xE2\x81\xA9 \xE2\x80\x8E\xE2\x80\x8F\xD8\x9C",
		  0, "iso " },
		{ "zw\xE2\x80\x8B\xE2\x80\x8D\xEF\xBB\xBF\xC2\xAD"
		  "end",
		  0, "zwend" },
		{ "del\x7F", 0, "del\xEF\xBF\xBD" },
		{ "cr\rbs\b", 0,
		  "cr\xEF\xBF\xBD"
		  "bs\xEF\xBF\xBD" },
		{ "a\nb\tc", 0, "a b c" },
		{ "a\nb\tc", KB_SANITIZE_NEWLINES, "a\nb c" },
		{ "a\nb\tc", KB_SANITIZE_NEWLINES | KB_SANITIZE_TABS, "a\nb\tc" },
		{ "ls\xE2\x80\xA8ps\xE2\x80\xA9", 0, "ls ps " },
		{ "ls\xE2\x80\xA8ps", KB_SANITIZE_NEWLINES, "ls\nps" },
		{ "bad\xC0\xAF\xED\xA0\x80\xFF", 0,
		  "bad\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" },
		{ "\xEF\xBF\xBD kept", 0, "\xEF\xBF\xBD kept" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = san(cases[i].in, strlen(cases[i].in), cases[i].flags);
		CHECK_STR(got, cases[i].want, "sanitise case %zu", i);
		free(got);
	}
	/* a cut multi-byte character at the end of the given length */
	char *got = san("中文", 4, 0);
	CHECK_STR(got, "中\xEF\xBF\xBD", "a character cut by the length becomes U+FFFD");
	free(got);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_sanitize_str(&b, NULL, 0);
	CHECK(b.len == 0, "NULL appends nothing");
	kb_buf_finish(&b);
}

/* Every byte string of up to 3 bytes from a set of troublesome bytes comes
 * out clean: valid UTF-8 without controls. */
static void test_exhaustive(void)
{
	static const unsigned char bytes[] = { 0x00, 0x07, 0x0A, 0x1B, 0x41, 0x7F, 0x80,
					       0x9B, 0xA0, 0xAE, 0xBF, 0xC0, 0xC2, 0xD8,
					       0xE2, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xFF };
	size_t nb = sizeof(bytes), bad = 0, total = 0;
	for (size_t i = 0; i < nb; i++)
		for (size_t j = 0; j < nb; j++)
			for (size_t k = 0; k < nb; k++) {
				char s[3] = { (char)bytes[i], (char)bytes[j], (char)bytes[k] };
				for (unsigned flags = 0; flags < 4; flags++) {
					char *got = san(s, 3, flags);
					if (!clean(got, flags != 0))
						bad++;
					total++;
					free(got);
				}
			}
	CHECK(bad == 0, "%zu of %zu three-byte strings come out clean", total - bad, total);
}

int main(void)
{
	test_classes();
	test_decode();
	test_sanitize();
	test_exhaustive();
	return tap_done();
}
