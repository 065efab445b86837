/* SPDX-License-Identifier: MIT */
/*
 * Tests of the layout module: widths and displayable characters, then the
 * wrapping properties over every text of every sample edition at every width
 * from 1 to 200, with and without first-line indent, then small cases for
 * each rule, then truncation.
 *
 * The properties checked for each wrapped text (an independent statement of
 * layout.h's contract, with its own punctuation lists from the brief):
 *   (a) every line's width is what kb_str_width says (plus the indent) and is
 *       at most the width; at width 1 a line may hold one two-column
 *       character (and zero-width ones); the indent is 4 on the first line with KB_WRAP_INDENT at
 *       widths >= 8 and 0 otherwise; no line is empty;
 *   (b) the spans are in order, do not overlap, and what lies between them
 *       (and before the first and after the last) is white space only; no
 *       span ends with white space and none but an unindented first line
 *       starts with it: nothing is lost, doubled or reordered;
 *   (c) no line starts with closing punctuation and none ends with opening
 *       punctuation;
 *   (d) —— and …… are never split across lines.
 * The exception to (c) and (d), when a break is unavoidable: a bad break is
 * excused when every grapheme boundary inside the line before it is bad as
 * well, that is, when no break respecting the rules existed within the room
 * of that line (a lone 中 then 。 at widths 2-3, a run of —— wider than the
 * line). Excused breaks are counted and must not occur at widths >= 8.
 */
#define _XOPEN_SOURCE 700

#include "tap.h"

#include <dirent.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>

#include "kanbao/edition.h"
#include "kanbao/layout.h"

/* Texts to wrap: every kicker, title, subtitle, block and extra. */
static const char **texts;
static size_t n_texts, cap_texts;

/* Violation counts for one (width, flags) over all texts. */
struct stats {
	size_t lines;
	size_t overflow; /* (a) */
	size_t text;     /* (b) */
	size_t punct;    /* (c) not excused */
	size_t split;    /* (d) not excused */
	size_t excused;  /* (c) or (d) excused as unavoidable */
};

/* White space that may vanish at a line break. */
static bool is_ws(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0x3000;
}

/* May not start a line (the brief's list). */
static bool test_no_start(uint32_t c)
{
	return c && ((c < 0x80 && strchr(",.;:!?)]}", (int)c)) ||
		     (c > 0x7F && u32_strchr(U"。，、；：？！）》」』】”’…％·／～—", c)));
}

/* May not end a line (the brief's list). */
static bool test_no_end(uint32_t c)
{
	return c && ((c < 0x80 && strchr("([{", (int)c)) || (c > 0x7F && u32_strchr(U"（《「『【“‘", c)));
}

/* The code point at byte i of s. */
static uint32_t cp_at(const char *s, size_t len, size_t i)
{
	ucs4_t c = 0;

	if (i < len)
		u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
	return c;
}

/* The byte offset of the character ending at byte e (e > 0). */
static size_t char_before(const char *s, size_t e)
{
	do
		e--;
	while (e > 0 && ((unsigned char)s[e] & 0xC0) == 0x80);
	return e;
}

/* Whether a break at byte g of s breaks a rule (white space skipped). */
static bool bad_at(const char *s, size_t len, size_t g)
{
	size_t a = g, b = g;

	while (a < len && is_ws(cp_at(s, len, a)))
		a += (size_t)u8_mblen((const uint8_t *)s + a, len - a);
	while (b > 0 && is_ws(cp_at(s, len, char_before(s, b))))
		b = char_before(s, b);
	return (a < len && test_no_start(cp_at(s, len, a))) ||
	       (b > 0 && test_no_end(cp_at(s, len, char_before(s, b))));
}

/* Whether bytes [a, b) are white space only. */
static bool all_ws(const char *s, size_t len, size_t a, size_t b)
{
	while (a < b) {
		if (!is_ws(cp_at(s, len, a)))
			return false;
		a += (size_t)u8_mblen((const uint8_t *)s + a, len - a);
	}
	return true;
}

/* Characters that take columns in s[a, b). */
static size_t visible(const char *s, size_t a, size_t b)
{
	size_t n = 0;

	while (a < b) {
		n += kb_cp_width(cp_at(s, b, a)) > 0;
		a += (size_t)u8_mblen((const uint8_t *)s + a, b - a);
	}
	return n;
}

/* Print one offending line pair, for the first few violations only. */
static void show(const char *what, const char *s, const struct kb_lines *L, size_t l, int width)
{
	static int shown;

	if (shown++ >= 8)
		return;
	printf("# %s at width %d, line %zu: [%.*s] / [%.*s]\n", what, width, l,
	       l ? (int)(L->v[l - 1].end - L->v[l - 1].start) : 0,
	       l ? s + L->v[l - 1].start : "",
	       (int)(L->v[l].end - L->v[l].start), s + L->v[l].start);
}

/* Wrap s at width with flags and count violations of (a)-(d) into st. */
static void check_wrap(const char *s, int width, unsigned flags, struct stats *st)
{
	size_t len = strlen(s), pos = 0;
	struct kb_lines L = { 0 };
	char *gb = malloc(len + 1);

	u8_grapheme_breaks((const uint8_t *)s, len, gb);
	kb_layout_wrap(s, len, width, flags, &L);
	st->lines += L.n;
	for (size_t l = 0; l < L.n; l++) {
		const struct kb_line *ln = &L.v[l];
		int want_indent = l == 0 && (flags & KB_WRAP_INDENT) && width >= 8 ? 4 : 0;

		if (ln->start < pos || ln->end <= ln->start || ln->end > len) {
			st->text++;
			show("bad span", s, &L, l, width);
			break;
		}
		/* (a) */
		if (ln->indent != want_indent ||
		    ln->width != ln->indent + kb_str_width(s + ln->start, ln->end - ln->start) ||
		    (ln->width > width &&
		     !(width == 1 && ln->width == 2 && visible(s, ln->start, ln->end) == 1))) {
			st->overflow++;
			show("overflow", s, &L, l, width);
		}
		/* (b) */
		if (!all_ws(s, len, pos, ln->start) ||
		    is_ws(cp_at(s, len, char_before(s, ln->end))) ||
		    ((l > 0 || (flags & KB_WRAP_INDENT)) && is_ws(cp_at(s, len, ln->start)))) {
			st->text++;
			show("text", s, &L, l, width);
		}
		/* (c), (d) */
		if (l > 0 && bad_at(s, len, ln->start)) {
			const struct kb_line *pv = &L.v[l - 1];
			uint32_t a = cp_at(s, len, ln->start);
			uint32_t b = cp_at(s, len, char_before(s, pv->end));
			bool excused = true;

			for (size_t g = pv->start + 1; g < pv->end && excused; g++)
				if (gb[g] && !bad_at(s, len, g))
					excused = false;
			if (excused) {
				st->excused++;
			} else if (a == b && (a == 0x2014 || a == 0x2026)) {
				st->split++;
				show("split", s, &L, l, width);
			} else {
				st->punct++;
				show("punct", s, &L, l, width);
			}
		}
		pos = ln->end;
	}
	if (!all_ws(s, len, pos, len)) {
		st->text++;
		printf("# text lost at the end, width %d: [%s]\n", width, s + pos);
	}
	kb_lines_finish(&L);
	free(gb);
}

/* Keep t (owned by an edition that lives until the end) as a text to wrap. */
static void add_text(const char *t)
{
	if (!t || !*t)
		return;
	if (n_texts == cap_texts) {
		cap_texts = cap_texts ? cap_texts * 2 : 256;
		texts = realloc(texts, cap_texts * sizeof *texts);
	}
	texts[n_texts++] = t;
}

/* Load every sample edition under root/sample-issues; returns how many. */
static size_t load_samples(const char *root, struct kb_edition **eds, size_t max)
{
	char dir[4096], path[8192];
	struct dirent *de;
	size_t n = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/sample-issues", root);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		size_t nl = strlen(de->d_name);
		struct kb_edition *ed;

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (kb_edition_load(path, &ed, NULL, NULL) != KB_OK)
			continue;
		eds[n++] = ed;
		for (size_t i = 0; i < ed->n_articles; i++) {
			const struct kb_article *a = &ed->articles[i];

			add_text(a->kicker);
			add_text(a->title);
			add_text(a->subtitle);
			for (size_t k = 0; k < a->n_blocks; k++)
				add_text(a->blocks[k].text);
		}
		for (size_t i = 0; i < ed->n_extras; i++)
			add_text(ed->extras[i].text);
	}
	closedir(d);
	return n;
}

/* Widths and what is drawn. */
static void widths(void)
{
	CHECK(kb_cp_width('A') == 1, "width: ASCII 1");
	CHECK(kb_cp_width(0x4E2D) == 2, "width: 中 2");
	CHECK(kb_cp_width(0x3000) == 2, "width: ideographic space 2");
	CHECK(kb_cp_width(0xFF0C) == 2, "width: ， 2");
	CHECK(kb_cp_width(0x201C) == 1 && kb_cp_width(0x201D) == 1, "width: “” 1 (single)");
	CHECK(kb_cp_width(0x2014) == 1 && kb_cp_width(0x2026) == 1, "width: — … 1 (single)");
	CHECK(kb_display_cp(0x1B) == 0xFFFD && kb_cp_width(0x1B) == 1, "ESC -> U+FFFD, 1");
	CHECK(kb_display_cp(0x07) == 0xFFFD && kb_display_cp(0x0D) == 0xFFFD &&
	      kb_display_cp(0x08) == 0xFFFD, "BEL, CR, BS -> U+FFFD");
	CHECK(kb_display_cp(0x7F) == 0xFFFD && kb_display_cp(0x9B) == 0xFFFD &&
	      kb_display_cp(0x80) == 0xFFFD, "DEL, C1 -> U+FFFD");
	CHECK(kb_display_cp('\t') == 0 && kb_display_cp('\n') == 0 && kb_cp_width('\t') == 0,
	      "tab, newline: 0 (the caller's business)");
	CHECK(kb_display_cp(0x202E) == 0 && kb_cp_width(0x202E) == 0, "RLO dropped");
	CHECK(kb_display_cp(0x061C) == 0 && kb_display_cp(0x200E) == 0 &&
	      kb_display_cp(0x200F) == 0 && kb_display_cp(0x202A) == 0 &&
	      kb_display_cp(0x2066) == 0 && kb_display_cp(0x2069) == 0, "bidi controls dropped");
	CHECK(kb_display_cp(0x200B) == 0 && kb_display_cp(0x200D) == 0 &&
	      kb_display_cp(0x2060) == 0 && kb_display_cp(0x00AD) == 0 &&
	      kb_display_cp(0xFEFF) == 0, "zero-width, soft hyphen, BOM dropped");
	CHECK(kb_cp_width(0x0301) == 0 && kb_display_cp(0x0301) == 0x0301,
	      "combining acute: kept, 0 columns");
	CHECK(kb_display_cp(0x31350) == 0x3013 && kb_cp_width(0x31350) == 2,
	      "U+31350 (wcwidth -1) -> 〓, 2");
	CHECK(kb_display_cp(0x4E2D) == 0x4E2D && kb_display_cp('a') == 'a', "ordinary kept");
	CHECK(kb_cp_width(0x1F600) == 2, "emoji 2");
	CHECK(kb_display_cp(0xD800) == 0xFFFD && kb_display_cp(0x110000) == 0xFFFD,
	      "surrogate, out of range -> U+FFFD");
	CHECK(kb_str_width("中文ab", strlen("中文ab")) == 6, "str width: 中文ab 6");
	CHECK(kb_str_width("a\x1b]0;x\x07", 6) == 6, "str width: OSC counts its placeholders");
	CHECK(kb_str_width("\xff\xfe", 2) == 2, "str width: invalid bytes as U+FFFD");
	CHECK(kb_str_width("", 0) == 0, "str width: empty");

	kb_layout_set_ambiwidth(KB_AMBI_DOUBLE);
	CHECK(kb_layout_ambiwidth() == KB_AMBI_DOUBLE, "ambiwidth set to double");
	CHECK(kb_cp_width(0x201C) == 2 && kb_cp_width(0x2019) == 2, "double: “’ 2");
	CHECK(kb_cp_width(0x2014) == 2 && kb_cp_width(0x2026) == 2 && kb_cp_width(0x00B7) == 2,
	      "double: — … · 2");
	CHECK(kb_cp_width('A') == 1 && kb_cp_width(0x4E2D) == 2 && kb_cp_width(0x0300) == 0,
	      "double: ASCII 1, 中 2, combining grave (ambiguous) still 0");
	CHECK(kb_cp_width(0x00AD) == 0, "double: soft hyphen still dropped");
	CHECK(kb_str_width("“中”", strlen("“中”")) == 6, "double: “中” 6");
	kb_layout_set_ambiwidth(KB_AMBI_SINGLE);
	CHECK(kb_str_width("“中”", strlen("“中”")) == 4, "single again: “中” 4");
}

/* The properties over every sample text at every width. */
static void property(void)
{
	for (int f = 0; f < 2; f++) {
		unsigned flags = f ? KB_WRAP_INDENT : 0;

		for (int w = 1; w <= 200; w++) {
			struct stats st = { 0 };

			for (size_t i = 0; i < n_texts; i++)
				check_wrap(texts[i], w, flags, &st);
			CHECK(st.overflow == 0 && st.text == 0 && st.punct == 0 && st.split == 0 &&
			      (w < 8 || st.excused == 0),
			      "wrap samples w=%d%s: %zu texts, %zu lines; overflow %zu, text %zu, "
			      "punct %zu, split %zu, excused %zu", w, f ? " indent" : "", n_texts,
			      st.lines, st.overflow, st.text, st.punct, st.split, st.excused);
		}
	}
}

/* Wrap s at width with flags into "line|line|..." (caller frees). */
static char *wrapped(const char *s, int width, unsigned flags)
{
	struct kb_lines L = { 0 };
	size_t len = strlen(s), n = 0;
	char *r = malloc(len * 2 + 2);

	kb_layout_wrap(s, len, width, flags, &L);
	for (size_t l = 0; l < L.n; l++) {
		if (l)
			r[n++] = '|';
		memcpy(r + n, s + L.v[l].start, L.v[l].end - L.v[l].start);
		n += L.v[l].end - L.v[l].start;
	}
	r[n] = 0;
	kb_lines_finish(&L);
	return r;
}

/* Compare the wrapped form of s with want, as one check. */
static void expect(const char *s, int width, unsigned flags, const char *want, const char *name)
{
	char *got = wrapped(s, width, flags);

	CHECK_STR(got, want, "%s (width %d)", name, width);
	free(got);
}

/* Whether all properties hold for s at every width 1..max, both flag sets. */
static bool props_hold(const char *s, int max)
{
	struct stats st = { 0 };

	for (int w = 1; w <= max; w++) {
		check_wrap(s, w, 0, &st);
		check_wrap(s, w, KB_WRAP_INDENT, &st);
	}
	return st.overflow == 0 && st.text == 0 && st.punct == 0 && st.split == 0;
}

/* Small cases, one rule each. */
static void cases(void)
{
	struct kb_lines L = { 0 };
	char run[400];

	expect("我们使用Linux系统", 10, 0, "我们使用|Linux系统", "Latin word kept whole");
	expect("hello world foo", 8, 0, "hello|world|foo", "spaces vanish at the break only");
	expect("同比增长5.2%左右", 10, 0, "同比增长|5.2%左右", "5.2% kept whole");
	expect("同比增长5.2%左右", 11, 0, "同比增长|5.2%左右", "5.2% kept whole");
	expect("三四五六“七八”九十", 10, 0, "三四五六|“七八”九十", "break before “ after Han");
	expect("三“七八”九十", 8, 0, "三“七八”|九十", "break after ” before Han");
	expect("他说,“好”", 6, 0, "他说,|“好”", "break before “ after a comma");
	expect("一二三四五。六七", 10, 0, "一二三四|五。六七", "。 does not start a line");
	expect("一二三（四五）", 8, 0, "一二三|（四五）", "（ does not end a line");
	expect("一二三——四五", 7, 0, "一二|三——四|五", "—— not split, not at a line start");
	expect("一二三……四五", 7, 0, "一二|三……四|五", "…… not split");
	expect("一二三四五六七八九十甲", 10, 0, "一二三四五|六七八九|十甲",
	       "孤字: one character pulled down");
	expect("一二三四五六七八九十。", 10, 0, "一二三四五|六七八|九十。",
	       "孤字 with its full stop: one more character pulled down");
	expect("一二三四五六七八九十甲", 4, 0, "一二|三四|五六|七八|九十|甲",
	       "孤字 left alone below width 8");
	expect("　　本报讯 记者", 16, KB_WRAP_INDENT, "本报讯 记者", "indent: source indent removed");
	kb_layout_wrap("　　本报讯 记者", strlen("　　本报讯 记者"), 16, KB_WRAP_INDENT, &L);
	CHECK(L.n == 1 && L.v[0].indent == 4 && L.v[0].width == 15, "indent: 4 columns, counted");
	kb_lines_finish(&L);
	kb_layout_wrap("本报讯", strlen("本报讯"), 7, KB_WRAP_INDENT, &L);
	CHECK(L.n == 1 && L.v[0].indent == 0 && L.v[0].width == 6, "indent: none below width 8");
	kb_lines_finish(&L);
	expect("  ab", 10, 0, "  ab", "no indent flag: leading spaces kept");

	memset(run, 'x', 300);
	run[300] = 0;
	kb_layout_wrap(run, 300, 80, 0, &L);
	CHECK(L.n == 4 && L.v[0].end == 80 && L.v[1].end == 160 && L.v[3].end == 300 &&
	      L.v[3].width == 60, "emergency: 300-character run at 80 -> 80+80+80+60");
	kb_lines_finish(&L);
	CHECK(props_hold(run, 40), "emergency: properties hold at widths 1-40");
	memcpy(run, "中文", 6);
	CHECK(props_hold(run, 40), "emergency after Han: properties hold");
	expect("甲abcde)fghij", 5, 0, "甲|abcd|e)fgh|ij",
	       "emergency moved back so ) does not start a line");

	expect("中文", 1, 0, "中|文", "width 1: one wide character per line");
	expect("中文", 2, 0, "中|文", "width 2");
	expect("中，", 2, 0, "中|，", "width 2: unavoidable ， at a line start");
	expect("中，", 3, 0, "中|，", "width 3: unavoidable ， at a line start");
	expect("中，", 4, 0, "中，", "width 4: fits");
	expect("a中b", 1, 0, "a|中|b", "width 1: mixed");
	CHECK(props_hold("中，“文”。——好……吗？（是）", 30), "punctuation mix: properties hold");
	CHECK(props_hold("e\xcc\x81\xcc\x81x中\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9", 12),
	      "combining marks and ZWJ emoji: properties hold");

	expect("ab\ncd", 10, 0, "ab|cd", "newline: a mandatory break");
	CHECK(props_hold("a\x1b]0;title\x07b\xe2\x80\xae中文\tc\xc2\x9b[2J\xe4\xb8\xad", 20),
	      "controls, RLO, tab: widths agree with kb_str_width, properties hold");
	{
		/* regression: an emergency break moving back through a long run
		 * of spaces rescanned it from every position (quadratic) */
		size_t big = 200000;
		char *sp = malloc(big + 3);

		sp[0] = 'a';
		memset(sp + 1, ' ', big);
		sp[big + 1] = ')';
		sp[big + 2] = 0;
		kb_layout_wrap(sp, big + 2, 10, 0, &L);
		CHECK(L.n == 2 && L.v[0].end == 1 && L.v[1].start == big + 1,
		      "200,000 spaces before ): a | ) in linear time");
		kb_lines_finish(&L);
		free(sp);
	}

	kb_layout_wrap("", 0, 10, 0, &L);
	CHECK(L.n == 0, "empty text: no lines");
	kb_layout_wrap("     ", 5, 3, 0, &L);
	CHECK(L.n == 0, "only spaces: no lines");
	kb_layout_wrap("　　 ", strlen("　　 "), 10, KB_WRAP_INDENT, &L);
	CHECK(L.n == 0, "only ideographic spaces, indent: no lines");
	kb_lines_finish(&L);
	CHECK(L.v == NULL && L.n == 0, "lines finished");
	kb_lines_finish(NULL);

	kb_layout_set_ambiwidth(KB_AMBI_DOUBLE);
	kb_layout_wrap("“中”“中”", strlen("“中”“中”"), 7, 0, &L);
	CHECK(L.n == 2 && L.v[0].width == 6 && L.v[1].width == 6, "double: quotes 2 columns");
	kb_lines_finish(&L);
	CHECK(props_hold("他说：“这是——真的……”（完）", 30), "double: properties hold");
	kb_layout_set_ambiwidth(KB_AMBI_SINGLE);
}

/* Truncation. */
static void truncation(void)
{
	int cols;
	bool ell;
	const char *s = "中文abc";
	size_t n = strlen(s);

	CHECK(kb_layout_truncate(s, n, 10, &cols, &ell) == n && cols == 7 && !ell,
	      "truncate: fits whole");
	CHECK(kb_layout_truncate(s, n, 7, &cols, &ell) == n && cols == 7 && !ell,
	      "truncate: fits exactly");
	CHECK(kb_layout_truncate(s, n, 6, &cols, &ell) == 7 && cols == 5 && ell,
	      "truncate: 中文a + …");
	CHECK(kb_layout_truncate(s, n, 5, &cols, &ell) == 6 && cols == 4 && ell,
	      "truncate: 中文 + …");
	CHECK(kb_layout_truncate(s, n, 4, &cols, &ell) == 3 && cols == 2 && ell,
	      "truncate: wide 文 at the boundary dropped, true columns 2");
	CHECK(kb_layout_truncate(s, n, 1, &cols, &ell) == 0 && cols == 0 && ell,
	      "truncate: width 1 -> only …");
	CHECK(kb_layout_truncate(s, n, 0, &cols, &ell) == 0 && cols == 0 && !ell,
	      "truncate: width 0 -> nothing");
	CHECK(kb_layout_truncate("", 0, 5, &cols, &ell) == 0 && cols == 0 && !ell,
	      "truncate: empty");
	CHECK(kb_layout_truncate("abcd", 4, 3, &cols, &ell) == 2 && cols == 2 && ell,
	      "truncate: ab + …");
	CHECK(kb_layout_truncate("e\xcc\x81x", 4, 2, &cols, &ell) == 4 && cols == 2 && !ell,
	      "truncate: combining mark takes no column");
	CHECK(kb_layout_truncate("ab\xe2\x80\xaeZ", 6, 3, &cols, &ell) == 6 && cols == 3 && !ell,
	      "truncate: RLO takes no column");
	kb_layout_set_ambiwidth(KB_AMBI_DOUBLE);
	CHECK(kb_layout_truncate("“abc”", strlen("“abc”"), 4, &cols, &ell) == 3 && cols == 2 &&
	      ell, "truncate double: room for a 2-column …");
	CHECK(kb_layout_truncate("abc", 3, 1, &cols, &ell) == 1 && cols == 1 && !ell,
	      "truncate double: no room for … at width 1");
	kb_layout_set_ambiwidth(KB_AMBI_SINGLE);
}

/* argv[1]: the source root, where sample-issues/ is. */
int main(int argc, char **argv)
{
	struct kb_edition *eds[64];
	size_t n_eds;

	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("Bail out! no C.UTF-8 locale\n");
		return 1;
	}
	widths();
	n_eds = load_samples(argc > 1 ? argv[1] : ".", eds, 64);
	CHECK(n_eds >= 5 && n_texts > 100, "samples: %zu editions, %zu texts", n_eds, n_texts);
	property();
	cases();
	truncation();
	for (size_t i = 0; i < n_eds; i++)
		kb_edition_destroy(eds[i]);
	free(texts);
	return tap_done();
}
