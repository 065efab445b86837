/* SPDX-License-Identifier: MIT */
/*
 * The Markdown export: escaping checked against a real CommonMark parser
 * (`cmark`) and YAML quoting against a real YAML parser (PyYAML), so that
 * what they read back is exactly the text; golden files of annotated sample
 * articles (tests/golden/export/, rewritten with KB_UPDATE_GOLDEN=1 after
 * reading the difference); and safe, unique file names.
 * usage: test_export SOURCE_ROOT
 */
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanbao/export.h"
#include "kanbao/sanitize.h"
#include "kanbao/store.h"
#include "kanbao/util.h"

#include "files.h"

static const char *root;

/* The output of a shell command (caller frees). */
static char *run(const char *cmd, size_t *len)
{
	FILE *f = popen(cmd, "r");
	if (!f)
		return NULL;
	char *s = read_stream(f, len);
	pclose(f);
	return s;
}

/* The text of cmark's HTML for one paragraph: NULL unless the output is
 * exactly one <p> with text and <br /> only (no other element, so nothing
 * was read as syntax). Caller frees. */
static char *paragraph_text(const char *html)
{
	size_t n = strlen(html);
	if (n < 8 || strncmp(html, "<p>", 3) != 0 || strcmp(html + n - 5, "</p>\n") != 0)
		return NULL;
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "");
	static const struct {
		const char *from, *to;
	} map[] = { { "<br />\n", "\n" }, { "&lt;", "<" }, { "&gt;", ">" },
		    { "&amp;", "&" }, { "&quot;", "\"" } };
	for (size_t i = 3; i < n - 5;) {
		size_t k;
		for (k = 0; k < sizeof(map) / sizeof(map[0]); k++)
			if (strncmp(html + i, map[k].from, strlen(map[k].from)) == 0)
				break;
		if (k < sizeof(map) / sizeof(map[0])) {
			kb_buf_puts(&b, map[k].to);
			i += strlen(map[k].from);
		} else if (html[i] == '<' || html[i] == '&') {
			kb_buf_finish(&b);
			return NULL;
		} else {
			kb_buf_putc(&b, html[i++]);
		}
	}
	return kb_buf_steal(&b);
}

/* Escape each string, render it with cmark, and compare the text. */
static void test_md_text(void)
{
	static const char *corpus[] = {
		"# not a heading", "## two", "> not a quote", "- not a list", "+ not a list",
		"* not a list", "1. not a list", "1) not a list", "2024.5 年", "*em*", "_em_",
		"**strong**", "__strong__", "[link](x)", "[ref]: http://x", "![img](y)",
		"<html>", "<b>bold</b>", "<http://autolink>", "&amp;", "&#32;", "&copy;",
		"`code`", "``code``", "```", "~~~", "| table |", "|---|---|", "~~strike~~",
		"$math$", "---", "***", "___", "===", "- - -", "a\n===", "a\n---",
		"    code?", " one space", "\tindented by a tab", "trailing  ", "trailing\t",
		"a\\", "\\", "\\*", "back\\slash", "line one\nline two", "a\n\nb", "\nlead",
		"a\n# b", "a\n> b", "a\n- b", "a\n1. b", "a\n    b", "a\n  b  \nc",
		"key: value # comment", "'single' \"double\"", "{a: b} [c]", "%@^(){}:;,./?",
		"中文全角标点：＃标题＊强调＊【括号】「引号」", "“引号”‘单引’——破折号……",
		"emoji 😀🇨🇳 👍🏽", "\xe3\x80\x80" "全角空格开头", "control\x01" "char\x1f" " and \x7f",
		"carriage\rreturn", "<!-- comment -->", "<?php ?>", "<div>", "a <mark>b</mark>",
		"\\\nx", "x\\\ny", "1.", "12)", "+", "-", "=", "#", ">", "!", "[", "]", "<", "&",
		"|", "~", "$", "`", "*", "_", "\\",
		/* issue 9: C1 controls, bidi and zero-width characters (escaped) */
		"c1 \xc2\x9b" "31m \xc2\x9d" "0;title\xc2\x9c", "rlo \xe2\x80\xae" "evil",
		"\xe2\x81\xa6" "isolate\xe2\x81\xa9 \xe2\x80\x8e\xe2\x80\x8f\xd8\x9c",
		"zw\xe2\x80\x8b\xe2\x80\x8d\xef\xbb\xbf\xc2\xad" "end", "ls\xe2\x80\xa8" "ps\xe2\x80\xa9" "x",
		"\xe2\x80\xae" "1. at the start", "郑州\xc2\x9d新闻\xe2\x80\xae标题",
	};
	/* also every ASCII punctuation character alone, at a line start and
	 * in the middle of a line */
	char extra[32 * 3][8];
	size_t ne = 0;
	for (int c = 0x21; c < 0x7f; c++) {
		if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
			continue;
		snprintf(extra[ne++], 8, "%c", c);
		snprintf(extra[ne++], 8, "%cx", c);
		snprintf(extra[ne++], 8, "x%cy", c);
	}
	size_t total = sizeof(corpus) / sizeof(corpus[0]) + ne;
	for (size_t i = 0; i < total; i++) {
		const char *s = i < ne ? extra[i] : corpus[i - ne];
		struct kb_buf md;
		kb_buf_init(&md);
		kb_md_text(&md, s);
		kb_buf_putc(&md, '\n');
		spit_n(path("t.md"), md.data, md.len);
		char cmd[1200];
		snprintf(cmd, sizeof(cmd), "cmark --to html '%s'", path("t.md"));
		char *html = run(cmd, NULL);
		char *got = html ? paragraph_text(html) : NULL;
		CHECK(got && strcmp(got, s) == 0, "md text %zu reads back", i);
		if (!got || strcmp(got, s) != 0)
			printf("#   text [%s]\n#   md   [%s]\n#   html [%s]\n", s, md.data,
			       html ? html : "(none)");
		free(got);
		free(html);
		kb_buf_finish(&md);
	}
}

/* Quote each string as YAML, load them all with PyYAML, compare. */
static void test_yaml(void)
{
	static const char *corpus[] = {
		"plain", "", " leading space", "trailing ", "key: value", "# comment", "- item",
		"'single'", "\"double\"", "[flow]", "{map: 1}", "*alias", "&anchor", "!tag",
		"| literal", "> folded", "%directive", "@at", "`tick`", "null", "~", "true",
		"no", "123", "0x1f", "1e3", "2024-01-05", "a\nb", "a\n\nb", "\ttab", "back\\slash",
		"\\n not a newline", "ctl\x01\x1f\x7f", "c1 \xc2\x85 \xc2\x9f", "ls \xe2\x80\xa8 ps \xe2\x80\xa9",
		"bom \xef\xbb\xbf", "中文：冒号，＃井号「」", "emoji 😀", "---", "...", "? q",
		"a # b", "a: b: c", "\r\n", "\"\\\"",
		/* issue 9: C1 controls, bidi and zero-width characters (escaped) */
		"c1 \xc2\x9b" "31m \xc2\x9d" "0;title\xc2\x9c", "rlo \xe2\x80\xae" "evil",
		"\xe2\x81\xa6" "iso\xe2\x81\xa9 \xe2\x80\x8b\xd8\x9c\xc2\xad", "郑州\xc2\x9d新闻\xe2\x80\xae标题",
	};
	size_t n = sizeof(corpus) / sizeof(corpus[0]);
	struct kb_buf y;
	kb_buf_init(&y);
	for (size_t i = 0; i < n; i++) {
		kb_buf_puts(&y, "- ");
		kb_yaml_string(&y, corpus[i]);
		kb_buf_putc(&y, '\n');
	}
	spit_n(path("t.yaml"), y.data, y.len);
	char cmd[1200];
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import sys, yaml; d = yaml.safe_load(open(sys.argv[1], encoding=\"utf-8\"));"
		 " sys.stdout.buffer.write(\"\\0\".join(d).encode() + b\"\\0\")' '%s'",
		 path("t.yaml"));
	size_t len;
	char *out = run(cmd, &len);
	size_t off = 0;
	for (size_t i = 0; i < n; i++) {
		const char *got = off < len ? out + off : NULL;
		CHECK_STR(got, corpus[i], "yaml string %zu reads back", i);
		if (got)
			off += strlen(got) + 1;
	}
	free(out);
	kb_buf_finish(&y);
}

/* Whether s holds a byte sequence that acts on or reorders a terminal: a
 * C0 control but newline, DEL, a C1 control, a bidi, zero-width or other
 * invisible character (kanbao/sanitize.h's classes), or invalid UTF-8. */
static bool raw_controls(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t c;
		size_t len = kb_utf8_next(s + i, n - i, &c);
		if ((c == 0xFFFD && len == 1) ||
		    (kb_char_class(c) != KB_CHAR_TEXT && c != '\n'))
			return true;
		i += len;
	}
	return false;
}

/* Issue 12: a highlight's colour follows its quote when it is not yellow. */
static void test_hl_color(void)
{
	struct kb_block blocks[] = { { KB_BLOCK_PARAGRAPH, "甲乙丙丁戊己", 18 } };
	struct kb_highlight hl[] = { { 1, "甲乙", NULL, NULL, 0, 6, NULL, NULL },
				     { 2, "丙丁", NULL, NULL, 6, 12, "笔记", "red" },
				     { 3, "戊*己", NULL, NULL, 12, 18, NULL, "yellow" } };
	struct kb_full a = { 0 };
	a.id = "ID";
	a.title = "标题";
	a.date = "2021-02-27";
	a.text = "甲乙丙丁戊己";
	a.blocks = blocks;
	a.n_blocks = 1;
	a.highlights = hl;
	a.n_highlights = 3;
	char *md = kb_export_article_md(&a, NULL);
	CHECK(md && strstr(md, "\n> 甲乙\n") && strstr(md, "\n> 丙丁 *(red)*\n\n笔记\n") &&
		      strstr(md, "\n> 戊\\*己\n") && !strstr(md, "yellow"),
	      "a red highlight is marked after its quote, a yellow one is not");
	free(md);
}

/* Issue 9, failure 7: the Markdown and the front matter of an export never
 * carry C1 controls or bidi overrides raw, whatever the article holds
 * (readback of the same strings: test_md_text and test_yaml). */
static void test_md_controls(void)
{
	static const char *hostile[] = {
		"\xc2\x9d" "0;pwned\xc2\x9c", "\xc2\x9b" "2J", "\xc2\x85" "nel", "rlo\xe2\x80\xae" "txt",
		"\xe2\x81\xa6" "iso\xe2\x81\xa9", "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", "\xe2\x80\x8b\xef\xbb\xbf",
		"\x1b]0;t\x07", "ls\xe2\x80\xa8", "bad\xff\xc2",
	};
	struct kb_block blocks[] = { { KB_BLOCK_PARAGRAPH, NULL, 1 } };
	char *tags[2];
	struct kb_highlight hl[] = { { 1, NULL, NULL, NULL, 0, 3, NULL, NULL } };
	struct kb_author au[] = { { NULL, NULL } };
	for (size_t i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		char text[256], title[256];
		snprintf(text, sizeof(text), "正文%s内容", hostile[i]);
		snprintf(title, sizeof(title), "标题%s", hostile[i]);
		tags[0] = title;
		tags[1] = text;
		blocks[0].text = text;
		hl[0].quote = text;
		hl[0].note = text;
		au[0].role = title;
		au[0].name = text;
		struct kb_full a = { 0 };
		a.id = "ID";
		a.title = title;
		a.kicker = text;
		a.subtitle = text;
		a.paper = text;
		a.source = title;
		a.date = "2021-02-27";
		a.note = text;
		a.text = text;
		a.blocks = blocks;
		a.n_blocks = 1;
		a.tags = tags;
		a.n_tags = 2;
		a.highlights = hl;
		a.n_highlights = 1;
		a.authors = au;
		a.n_authors = 1;
		struct kb_export_opts o = {.with_text = true, .exported = "T"};
		char *md = kb_export_article_md(&a, &o);
		CHECK(!raw_controls(md), "article export of hostile text %zu: nothing raw", i);
		free(md);
		struct kb_full *both[] = { &a, &a };
		md = kb_export_document_md(both, 2, &o);
		CHECK(!raw_controls(md), "document export of hostile text %zu: nothing raw", i);
		free(md);
		char *name = kb_export_filename(&a, NULL);
		CHECK(!raw_controls(name), "file name of hostile title %zu: nothing raw", i);
		free(name);
	}
	/* CJK is kept byte for byte, the controls as references */
	struct kb_buf b;
	kb_buf_init(&b);
	kb_md_text(&b, "郑州\xc2\x9d新闻\xe2\x80\xae标题");
	CHECK_STR(b.data, "郑州&#157;新闻&#8238;标题", "md: C1 and RLO as character references");
	kb_buf_finish(&b);
	kb_buf_init(&b);
	kb_yaml_string(&b, "郑州\xc2\x9d新闻\xe2\x80\xae标题");
	CHECK_STR(b.data, "\"郑州\\u009D新闻\\u202E标题\"", "yaml: C1 and RLO as \\u escapes");
	kb_buf_finish(&b);
}

/* Compare text with the golden file (or write it with KB_UPDATE_GOLDEN). */
static void golden(const char *name, const char *text)
{
	char p[1024];
	snprintf(p, sizeof(p), "%s/tests/golden/export/%s", root, name);
	if (getenv("KB_UPDATE_GOLDEN"))
		spit_n(p, text, strlen(text));
	char *want = slurp(p);
	bool same = want && strcmp(want, text) == 0;
	CHECK(same, "golden %s", name);
	if (!same && want) {
		size_t i = 0, line = 1, bol = 0;
		for (; want[i] && want[i] == text[i]; i++)
			if (want[i] == '\n')
				line++, bol = i + 1;
		printf("#   first difference at line %zu\n#   want: %.*s\n#   got:  %.*s\n", line,
		       (int)strcspn(want + bol, "\n"), want + bol, (int)strcspn(text + bol, "\n"),
		       text + bol);
	} else if (!want) {
		printf("#   %s missing\n", p);
	}
	free(want);
}

/* Highlight the first occurrence of quote in the article. */
static bool highlight(struct kb_store *s, const char *id, const char *quote, const char *note)
{
	struct kb_full *a = kb_store_get(s, id);
	const char *at = a ? strstr(a->text, quote) : NULL;
	int64_t hid;
	bool ok = at && kb_store_add_highlight(s, id, (size_t)(at - a->text),
					       (size_t)(at - a->text) + strlen(quote), note, &hid);
	kb_full_destroy(a);
	return ok;
}

/* Import the samples, annotate two articles with syntax-laden text, and
 * compare their exports with the golden files. */
static void test_golden(void)
{
	char err[512], p[1024];
	struct kb_store *s = kb_store_open(path("export.db"), err, sizeof(err));
	CHECK(s != NULL, "open a store: %s", s ? "" : err);
	if (!s)
		return;
	static const char *files[] = { "000_0a7de6b0a5fb8a92.txt", "001_aacf007eaa5a2604.txt" };
	for (size_t i = 0; i < 2; i++) {
		struct kb_import_stats st;
		snprintf(p, sizeof(p), "%s/sample-issues/%s", root, files[i]);
		CHECK(kb_store_import_file(s, p, NULL, NULL, &st) == KB_IMPORT_NEW, "import %s",
		      files[i]);
	}
	struct kb_rows rows;
	CHECK(kb_store_list(s, NULL, &rows) && rows.n >= 2, "articles listed");
	if (rows.n < 2) {
		kb_store_close(s);
		return;
	}
	const char *A = rows.v[0].id, *B = rows.v[1].id;
	static const char *tags[] = { "重点:关注", "#话题", "[存疑]", "- 列表", "a*b_c" };
	bool ok = true;
	for (size_t i = 0; i < 5; i++)
		ok = ok && kb_store_tag(s, A, tags[i]);
	ok = ok && kb_store_tag(s, B, "#话题");
	ok = ok && kb_store_set_note(s, A,
		"# 不是标题\n> 不是引用：引号“”与‘’\n- 不是列表, key: value\n1. 不是编号\n"
		"*强调* _下划线_ `代码` [链接](x) <b>html</b> &amp; | 表格 | ~~删除~~\n"
		"\"双引号\" '单引号' 反斜杠\\ 百分号%\n\n第二段：  两个空格\n    四个空格开头");
	ok = ok && kb_store_set_note(s, B, "第二篇的笔记：---");
	ok = ok && highlight(s, A, "市委十一届四次全会胜利召开", "要点：*会议* # 时间");
	ok = ok && highlight(s, A, "这是一次具有里程碑意义的重要会议", NULL);
	ok = ok && highlight(s, B, "高新区党工委书记", "[人物] > 引述");
	CHECK(ok, "annotate two articles");
	struct kb_full *a = kb_store_get(s, A), *b = kb_store_get(s, B);
	CHECK(a && b, "get the articles");
	if (a && b) {
		/* the golden files must not depend on where the tree is */
		for (size_t i = 0; i < 2; i++) {
			struct kb_full *x = i ? b : a;
			char *slash = x->source ? strrchr(x->source, '/') : NULL;
			char *rel = kb_xstrdup(slash ? slash + 1 : "");
			snprintf(p, sizeof(p), "sample-issues/%s", rel);
			free(rel);
			free(x->source);
			x->source = kb_xstrdup(p);
		}
		struct kb_export_opts o = {.with_text = false, .exported = "2026-01-02T03:04:05+08:00"};
		char *md = kb_export_article_md(a, &o);
		golden("article.md", md);
		free(md);
		o.with_text = true;
		md = kb_export_article_md(a, &o);
		golden("with-text.md", md);
		free(md);
		o.with_text = false;
		struct kb_full *both[] = { a, b };
		md = kb_export_document_md(both, 2, &o);
		golden("document.md", md);
		free(md);
	}
	kb_full_destroy(a);
	kb_full_destroy(b);
	kb_rows_finish(&rows);
	kb_store_close(s);
}

/* The name for an article with this date, title and id in the test dir. */
static char *name_for(const char *date, const char *title, const char *id, const char *in)
{
	struct kb_full a = { 0 };
	a.date = (char *)date;
	a.title = (char *)title;
	a.id = (char *)id;
	return kb_export_filename(&a, in);
}

/* Whether s is valid UTF-8. */
static bool valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		size_t n = *p < 0x80 ? 1 : (*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 :
			   (*p & 0xf8) == 0xf0 ? 4 : 0;
		if (!n)
			return false;
		for (size_t i = 1; i < n; i++)
			if ((p[i] & 0xc0) != 0x80)
				return false;
		p += n;
	}
	return true;
}

static void test_filenames(void)
{
	static const struct {
		const char *date, *title, *id, *want;
	} cases[] = {
		{ "2021-01-05", "市委全会召开", "ABC", "2021-01-05 市委全会召开.md" },
		{ NULL, "市委全会召开", "ABC", "市委全会召开.md" },
		{ NULL, NULL, "ABC123", "ABC123.md" },
		{ "", "", "ABC123", "ABC123.md" },
		{ "2021-01-05", "", "ABC", "2021-01-05 ABC.md" },
		{ NULL, "中美/合作\\共赢", "X", "中美／合作＼共赢.md" },
		{ NULL, "问：何为“好”? <a|b> *c* \"d\"", "X", "问：何为“好”？ ＜a｜b＞ ＊c＊ ＂d＂.md" },
		{ NULL, "-rf 标题", "X", "rf 标题.md" },
		{ NULL, "--- .. 标题", "X", "标题.md" },
		{ NULL, ".hidden", "X", "hidden.md" },
		{ NULL, "../../etc/passwd", "X", "／.／etc／passwd.md" },
		{ NULL, "a..b...c", "X", "a.b.c.md" },
		{ NULL, "标题.", "X", "标题.md" },
		{ NULL, "tab\there\nnew\x01line\x7f\xc2\x85", "X", "tabherenewline.md" },
		{ NULL, "bidi\xe2\x80\xae" "evil\xe2\x80\xac", "X", "bidievil.md" },
		{ NULL, "bad\xff\xfe" "bytes", "X", "badbytes.md" },
		{ NULL, "\x01\x02", "ID9", "ID9.md" },
		{ NULL, "", "", "article.md" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *got = name_for(cases[i].date, cases[i].title, cases[i].id, NULL);
		CHECK_STR(got, cases[i].want, "file name %zu", i);
		free(got);
	}
	/* a 300-byte title: cut to 255 bytes on a character boundary */
	char longt[400] = "";
	for (int i = 0; i < 100; i++)
		strcat(longt, "长");
	char *got = name_for("2021-01-05", longt, "X", NULL);
	size_t n = strlen(got);
	CHECK(n <= 255 && n > 240, "long title cut to %zu bytes", n);
	CHECK(valid_utf8(got) && strcmp(got + n - 3, ".md") == 0, "cut on a character boundary");
	free(got);
	/* ASCII: exactly 255 */
	memset(longt, 'x', 300);
	longt[300] = '\0';
	got = name_for(NULL, longt, "X", NULL);
	CHECK(strlen(got) == 255, "ASCII title cut to 255 bytes exactly (%zu)", strlen(got));
	free(got);
	/* uniqueness against files in dir */
	char sub[512];
	snprintf(sub, sizeof(sub), "%s/names", dir);
	mkdir(sub, 0700);
	const char *expect[] = { "2021-01-05 标题.md", "2021-01-05 标题 (2).md",
				 "2021-01-05 标题 (3).md" };
	for (size_t i = 0; i < 3; i++) {
		got = name_for("2021-01-05", "标题", "X", sub);
		CHECK_STR(got, expect[i], "unique name %zu", i);
		char f[1024];
		snprintf(f, sizeof(f), "%s/%s", sub, got);
		spit_n(f, "x", 1);
		free(got);
	}
	/* a long title made unique still fits */
	for (int k = 0; k < 2; k++) {
		got = name_for(NULL, longt, "X", sub);
		char f[1024];
		snprintf(f, sizeof(f), "%s/%s", sub, got);
		CHECK(strlen(got) <= 255, "unique long name %d fits (%zu bytes)", k, strlen(got));
		spit_n(f, "x", 1);
		if (k == 1)
			CHECK(strstr(got, " (2).md") != NULL, "the second long name is numbered");
		free(got);
	}
}

/* Highlights that overlap and span paragraphs are marked per block; a text
 * ends without its trailing line breaks, which CommonMark cannot show. */
static void test_marks(void)
{
	struct kb_block blocks[] = { { KB_BLOCK_PARAGRAPH, "- 甲乙*丙", 1 },
				     { KB_BLOCK_HEADING, "# 丁", 2 },
				     { KB_BLOCK_PARAGRAPH, "戊己", 3 } };
	struct kb_highlight hl[] = { { 1, "", NULL, NULL, 2, 8, NULL, NULL },
				     { 2, "", NULL, NULL, 5, 18, NULL, NULL },
				     { 3, "", NULL, NULL, 22, 99, NULL, NULL } };
	struct kb_full a = { 0 };
	a.id = "ID";
	a.title = "t";
	a.text = "- 甲乙*丙\n# 丁\n戊己";
	a.blocks = blocks;
	a.n_blocks = 3;
	a.highlights = hl;
	a.n_highlights = 3;
	struct kb_export_opts o = {.with_text = true, .exported = "T"};
	char *md = kb_export_article_md(&a, &o);
	const char *want = "## Text\n\n\\- <mark>甲乙\\*丙</mark>\n\n### <mark>\\# 丁</mark>\n\n"
			   "戊<mark>己</mark>\n";
	const char *at = strstr(md, "## Text");
	CHECK_STR(at, want, "overlapping highlights across blocks");
	free(md);
	/* colours: a mark in its colour; two that touch in one colour are one
	 * mark, in two colours two; an overlap takes the first one's */
	struct kb_block one[] = { { KB_BLOCK_PARAGRAPH, "甲乙丙丁戊己庚", 1 } };
	struct kb_highlight ch[] = { { 1, "", NULL, NULL, 0, 3, NULL, "red" },
				     { 2, "", NULL, NULL, 3, 6, NULL, "red" },
				     { 3, "", NULL, NULL, 6, 9, NULL, "blue" },
				     { 4, "", NULL, NULL, 12, 18, NULL, "yellow" },
				     { 5, "", NULL, NULL, 15, 21, NULL, "green" } };
	a.text = "甲乙丙丁戊己庚";
	a.blocks = one;
	a.n_blocks = 1;
	a.highlights = ch;
	a.n_highlights = 5;
	md = kb_export_article_md(&a, &o);
	want = "## Text\n\n<mark class=\"kb-red\" style=\"background: #ff666680\">甲乙</mark>"
	       "<mark class=\"kb-blue\" style=\"background: #2ea8e580\">丙</mark>丁"
	       "<mark>戊己庚</mark>\n";
	at = strstr(md, "## Text");
	CHECK_STR(at, want, "highlights marked in their colours in the text");
	free(md);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_md_text(&b, "a\n\n");
	CHECK_STR(b.data, "a", "trailing line breaks dropped");
	kb_buf_finish(&b);
}

/* An untitled article is named by its first words: the first sentence,
 * at most 20 characters, "…" where cut; the same in front matter, heading,
 * file name and a document's contents. */
static void test_untitled(void)
{
	struct kb_block b1[] = { { KB_BLOCK_PARAGRAPH, "图为市民在公园赏花。第二句在此。", 1 } };
	struct kb_full a = { 0 };
	a.id = "u1";
	a.date = "2021-02-27";
	a.text = "图为市民在公园赏花。第二句在此。";
	a.blocks = b1;
	a.n_blocks = 1;
	char *t = kb_export_title(&a);
	CHECK_STR(t, "图为市民在公园赏花。", "untitled: the first sentence");
	free(t);
	struct kb_export_opts o = {.exported = "T"};
	char *md = kb_export_article_md(&a, &o);
	CHECK(strstr(md, "\ntitle: \"图为市民在公园赏花。\"\n") != NULL, "untitled: front matter title");
	CHECK(strstr(md, "\n# 图为市民在公园赏花。\n") != NULL, "untitled: the heading");
	free(md);
	char *name = kb_export_filename(&a, NULL);
	CHECK_STR(name, "2021-02-27 图为市民在公园赏花。.md", "untitled: the file name");
	free(name);
	a.title = "  ";
	a.text = "  本报讯 8月14日，市委十一届四次全会胜利召开，全会审议通过。";
	t = kb_export_title(&a);
	CHECK_STR(t, "本报讯 8月14日，市委十一届四次全会胜…", "untitled: cut at 20 characters, blanks first skipped");
	free(t);
	a.text = "";
	t = kb_export_title(&a);
	CHECK_STR(t, "u1", "untitled and no text: the id");
	free(t);
	a.title = "标题";
	t = kb_export_title(&a);
	CHECK_STR(t, "标题", "a headline is the title");
	free(t);
	char *sj = kb_export_subject(NULL, "tag:郑州 date:2021-02 tag:\"a b\" unread");
	CHECK_STR(sj, "tag 郑州 2021-02 tag a b unread", "a filter's subject");
	free(sj);
	sj = kb_export_subject("黄河", NULL);
	CHECK_STR(sj, "search 黄河", "a search's subject");
	free(sj);
	name = kb_export_subject_filename("tag 郑州/开封: 2021");
	CHECK_STR(name, "tag 郑州／开封： 2021.md", "a document's file name from its subject");
	free(name);
}

int main(int argc, char **argv)
{
	root = argc > 1 ? argv[1] : ".";
	snprintf(dir, sizeof(dir), "/tmp/kb-export-XXXXXX");
	if (!mkdtemp(dir)) {
		printf("Bail out! cannot create a temporary directory\n");
		return 1;
	}
	test_md_text();
	test_yaml();
	test_golden();
	test_filenames();
	test_marks();
	test_md_controls();
	test_hl_color();
	test_untitled();
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
