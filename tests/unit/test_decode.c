/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the decoder (src/loader/decode.c): every class of input the
 * loader boundary must handle, checked byte for byte: encodings and BOMs, line
 * ends, the U+FFFD replacement of each kind of malformed UTF-8 (one U+FFFD per
 * maximal subpart), the warnings and their cap, GB18030 detection, refusals,
 * a large single line, and kb_decode_file on files, directories and FIFOs.
 */
#include "kanbao/decode.h"
#include "kanbao/util.h"

#include "tap.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define FFFD "\xEF\xBF\xBD"
#define MAX_SEEN 64

/* The warnings one decode produced. */
struct seen {
	size_t n;
	size_t line[MAX_SEEN];
	char msg[MAX_SEEN][256];
};

/* kb_warn_fn that records into a struct seen. */
static void record(void *ctx, size_t line, const char *msg)
{
	struct seen *s = ctx;

	if (s->n < MAX_SEEN) {
		s->line[s->n] = line;
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", msg);
	}
	s->n++;
}

/* Decode n bytes, check status KB_OK, the output text and the encoding. */
static void check_text(const char *name, const char *in, size_t n, const char *want,
		       const char *enc, size_t replaced)
{
	struct kb_text t;
	struct seen s = { 0 };
	enum kb_status st = kb_decode(in, n, &t, record, &s);

	CHECK(st == KB_OK, "%s: status ok (%s)", name, kb_status_message(st));
	CHECK_STR(t.data, want, "%s: text", name);
	CHECK(t.data && t.len == strlen(want), "%s: length %zu", name, t.len);
	CHECK_STR(t.encoding, enc, "%s: encoding", name);
	CHECK(t.replaced == replaced, "%s: %zu replaced (got %zu)", name, replaced, t.replaced);
	CHECK(s.n == (replaced ? 1u : 0u), "%s: %s warning (got %zu)", name,
	      replaced ? "one" : "no", s.n);
	kb_text_finish(&t);
}

/* check_text on a string literal, its length taken from the literal. */
#define CHECK_TEXT(name, lit, ...) check_text(name, lit, sizeof(lit) - 1, __VA_ARGS__)

/* Encodings, BOMs and line ends of well-formed input. */
static void test_well_formed(void)
{
	struct kb_text t;

	CHECK_TEXT("plain UTF-8", "郑州高新区\n记者 张三\n", "郑州高新区\n记者 张三\n", "UTF-8", 0);
	CHECK_TEXT("CRLF", "a\r\n中\r\n", "a\n中\n", "UTF-8", 0);
	CHECK_TEXT("lone CR", "a\r中\r", "a\n中\n", "UTF-8", 0);
	CHECK_TEXT("mixed line ends", "a\r\nb\rc\nd\r\r\ne\n\r", "a\nb\nc\nd\n\ne\n\n", "UTF-8", 0);

	kb_decode("\xEF\xBB\xBF"
		  "标题\r\n",
		  11, &t, NULL, NULL);
	CHECK_STR(t.data, "标题\n", "BOM: stripped, CRLF converted");
	CHECK(t.had_bom, "BOM: had_bom set");
	CHECK_STR(t.encoding, "UTF-8", "BOM: encoding UTF-8");
	kb_text_finish(&t);

	kb_decode("\xEF\xBB\xBF", 3, &t, NULL, NULL);
	CHECK(t.data && t.len == 0 && t.had_bom, "BOM only: empty text");
	kb_text_finish(&t);

	CHECK(kb_decode("", 0, &t, NULL, NULL) == KB_OK, "empty: KB_OK");
	CHECK(t.data && t.len == 0 && t.data[0] == '\0', "empty: len 0, \"\"");
	CHECK(!t.had_bom && t.replaced == 0, "empty: no BOM, nothing replaced");
	kb_text_finish(&t);
	kb_text_finish(&t); /* twice is harmless */
	kb_text_finish(NULL);
	CHECK(t.data == NULL, "finish: data cleared");

	/* Valid UTF-8 that is also valid GB18030 byte for byte stays UTF-8. */
	CHECK_TEXT("UTF-8 that is also GB18030", "中文报纸", "中文报纸", "UTF-8", 0);
	/* A U+FEFF inside the text is not a BOM; the screen strips it later. */
	CHECK_TEXT("inner U+FEFF kept",
		   "a\xEF\xBB\xBF"
		   "b",
		   "a\xEF\xBB\xBF"
		   "b",
		   "UTF-8", 0);
}

/* NUL bytes mean binary data unless a UTF-16 BOM explains them. */
static void test_binary(void)
{
	struct kb_text t;
	static const char bin[] = "PK\x03\x04\x00\x00\x08\x00标题";

	CHECK(kb_decode(bin, sizeof(bin) - 1, &t, NULL, NULL) == KB_BINARY, "NUL bytes: KB_BINARY");
	CHECK(t.data == NULL && t.len == 0, "NUL bytes: out left empty");
	kb_text_finish(&t);
	CHECK(kb_decode("abc\0", 4, &t, NULL, NULL) == KB_BINARY, "one trailing NUL: KB_BINARY");
	CHECK(kb_decode("\xEF\xBB\xBF\0", 4, &t, NULL, NULL) == KB_BINARY,
	      "UTF-8 BOM then NUL: KB_BINARY");
	CHECK(kb_decode("\xFF\xFE"
			"a\0\0\0b\0",
			8, &t, NULL, NULL) == KB_BINARY,
	      "UTF-16 text holding U+0000: KB_BINARY");
	CHECK(kb_decode("a\0b\0c\0", 6, &t, NULL, NULL) == KB_BINARY,
	      "UTF-16 without BOM: KB_BINARY");
}

/* UTF-16 with a BOM, both byte orders, pairs, broken units. */
static void test_utf16(void)
{
	struct kb_text t;
	struct seen s = { 0 };
	/* BOM, "a", CR LF, 中 (U+4E2D), U+1F600 as a pair, CR, "b" */
	static const char le[] = "\xFF\xFE"
				 "a\0\r\0\n\0\x2D\x4E\x3D\xD8\x00\xDE"
				 "\r\0b\0";
	static const char be[] = "\xFE\xFF"
				 "\0a\0\r\0\n\x4E\x2D\xD8\x3D\xDE\x00"
				 "\0\r\0b";
	/* BOM, "x", lone high surrogate, "y", lone low surrogate, odd byte */
	static const char bad[] = "\xFF\xFE"
				  "x\0\x3D\xD8y\0\x00\xDE\x41";

	CHECK(kb_decode(le, sizeof(le) - 1, &t, NULL, NULL) == KB_OK, "UTF-16LE: ok");
	CHECK_STR(t.data, "a\n中\xF0\x9F\x98\x80\nb", "UTF-16LE: text");
	CHECK_STR(t.encoding, "UTF-16LE", "UTF-16LE: encoding");
	CHECK(t.had_bom, "UTF-16LE: had_bom");
	kb_text_finish(&t);

	CHECK(kb_decode(be, sizeof(be) - 1, &t, NULL, NULL) == KB_OK, "UTF-16BE: ok");
	CHECK_STR(t.data, "a\n中\xF0\x9F\x98\x80\nb", "UTF-16BE: text");
	CHECK_STR(t.encoding, "UTF-16BE", "UTF-16BE: encoding");
	kb_text_finish(&t);

	CHECK(kb_decode(bad, sizeof(bad) - 1, &t, record, &s) == KB_OK, "UTF-16 broken: ok");
	CHECK_STR(t.data, "x" FFFD "y" FFFD FFFD, "UTF-16 broken: replaced");
	CHECK(t.replaced == 3, "UTF-16 broken: 3 replaced");
	CHECK(s.n == 1 && s.line[0] == 1 && strstr(s.msg[0], "UTF-16"),
	      "UTF-16 broken: one warning on line 1 naming UTF-16");
	kb_text_finish(&t);
}

/* Valid Chinese UTF-8 around a malformed sample: real files have it, and
 * without it a few stray bytes may well be GBK (see test_gb18030). */
#define CTX "郑州高新区召开会议，记者张三报道。"

/* Check that the malformed bytes in[0..n), inside CTX, decode to CTX want
 * CTX with replaced replacements and one warning naming line 1. */
static void check_bad(const char *name, const char *in, size_t n, const char *want, size_t replaced)
{
	struct kb_buf b, w;
	struct kb_text t;
	struct seen s = { 0 };

	kb_buf_init(&b);
	kb_buf_init(&w);
	kb_buf_puts(&b, CTX);
	kb_buf_append(&b, in, n);
	kb_buf_puts(&b, CTX);
	kb_buf_puts(&w, CTX);
	kb_buf_puts(&w, want);
	kb_buf_puts(&w, CTX);
	CHECK(kb_decode(b.data, b.len, &t, record, &s) == KB_OK, "%s: ok", name);
	CHECK_STR(t.data, w.data, "%s: text", name);
	CHECK_STR(t.encoding, "UTF-8", "%s: encoding", name);
	CHECK(t.replaced == replaced, "%s: %zu replaced (got %zu)", name, replaced, t.replaced);
	CHECK(s.n == 1 && s.line[0] == 1, "%s: one warning, line 1 (got %zu)", name, s.n);
	kb_text_finish(&t);
	kb_buf_finish(&b);
	kb_buf_finish(&w);
}

/* check_bad on a string literal. */
#define CHECK_BAD(name, lit, want, replaced) check_bad(name, lit, sizeof(lit) - 1, want, replaced)

/* Malformed UTF-8 of each kind: one U+FFFD per maximal subpart. */
static void test_malformed(void)
{
	CHECK_BAD("overlong C0 AF",
		  "a\xC0\xAF"
		  "b",
		  "a" FFFD FFFD "b", 2);
	CHECK_BAD("overlong E0 80 AF",
		  "a\xE0\x80\xAF"
		  "b",
		  "a" FFFD FFFD FFFD "b", 3);
	CHECK_BAD("overlong F0 80 80 AF", "\xF0\x80\x80\xAF", FFFD FFFD FFFD FFFD, 4);
	CHECK_BAD("overlong C1 BF", "\xC1\xBF", FFFD FFFD, 2);
	CHECK_BAD("surrogate ED A0 80",
		  "a\xED\xA0\x80"
		  "b",
		  "a" FFFD FFFD FFFD "b", 3);
	CHECK_BAD("surrogate pair ED A0 BD ED B2 A9", "\xED\xA0\xBD\xED\xB2\xA9",
		  FFFD FFFD FFFD FFFD FFFD FFFD, 6);
	CHECK_BAD("above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", FFFD FFFD FFFD FFFD, 4);
	CHECK_BAD("5-byte form F8 88 80 80 80", "\xF8\x88\x80\x80\x80", FFFD FFFD FFFD FFFD FFFD,
		  5);
	CHECK_BAD("6-byte form FC 84 80 80 80 80", "\xFC\x84\x80\x80\x80\x80",
		  FFFD FFFD FFFD FFFD FFFD FFFD, 6);
	CHECK_BAD("FE FF bytes", "a\xFE\xFF", "a" FFFD FFFD, 2);
	CHECK_BAD("truncated 3-byte before Han", "abc\xE4\xB8", "abc" FFFD, 1);
	CHECK_BAD("truncated 4-byte before Han", "abc\xF0\x9F\x98", "abc" FFFD, 1);
	CHECK_TEXT("truncated 3-byte at end of file", CTX "\xE4\xB8", CTX FFFD, "UTF-8", 1);
	CHECK_TEXT("truncated 4-byte at end of file", CTX "\xF0\x9F\x98", CTX FFFD, "UTF-8", 1);
	CHECK_BAD("truncated before ASCII",
		  "\xE4\xB8"
		  "a\xF0\x9F"
		  "b",
		  FFFD "a" FFFD "b", 2);
	CHECK_BAD("lone continuation bytes",
		  "a\x80\xBF"
		  "b\xAF",
		  "a" FFFD FFFD "b" FFFD, 3);
	CHECK_TEXT("boundaries kept",
		   "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF"
		   "\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF",
		   "\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"
		   "\xEF\xBF\xBF\xF0\x90\x80\x80\xF4\x8F\xBF\xBF",
		   "UTF-8", 0);
}

/* A Chinese UTF-8 text with one bad byte stays UTF-8; the warning and the
 * replacement are on the right line. */
static void test_one_bad_byte(void)
{
	static const char in[] = "郑州高新区召开会议\r\n"
				 "本报讯 会议强调，要加快建设国家中心城市。\r\n"
				 "高新区将持续\xFF深入践行市委部署。\r\n"
				 "记者 张三\r\n";
	struct kb_text t;
	struct seen s = { 0 };

	CHECK(kb_decode(in, sizeof(in) - 1, &t, record, &s) == KB_OK, "one bad byte: ok");
	CHECK_STR(t.encoding, "UTF-8", "one bad byte: still UTF-8");
	CHECK(t.replaced == 1, "one bad byte: 1 replaced");
	CHECK_STR(t.data,
		  "郑州高新区召开会议\n"
		  "本报讯 会议强调，要加快建设国家中心城市。\n"
		  "高新区将持续" FFFD "深入践行市委部署。\n"
		  "记者 张三\n",
		  "one bad byte: U+FFFD in place on line 3");
	CHECK(s.n == 1, "one bad byte: one warning (got %zu)", s.n);
	CHECK(s.n >= 1 && s.line[0] == 3, "one bad byte: warning names line 3");
	CHECK(s.n >= 1 && strstr(s.msg[0], "FF") && strstr(s.msg[0], "U+FFFD"),
	      "one bad byte: message names the byte: %s", s.n ? s.msg[0] : "");
	kb_text_finish(&t);
}

/* At most 10 line warnings, then one summary on line 0. */
static void test_warning_cap(void)
{
	struct kb_buf b;
	struct kb_text t;
	struct seen s = { 0 };
	size_t i;
	bool lines_ok = true;

	kb_buf_init(&b);
	for (i = 0; i < 15; i++)
		kb_buf_puts(&b, "中文中文中文中文中文\xC0\n");
	kb_buf_puts(&b, "两处\xFF错误\xFE在同一行\n");
	kb_decode(b.data, b.len, &t, record, &s);
	CHECK_STR(t.encoding, "UTF-8", "cap: UTF-8");
	CHECK(t.replaced == 17, "cap: 17 replaced (got %zu)", t.replaced);
	CHECK(s.n == 11, "cap: 10 line warnings and a summary (got %zu)", s.n);
	for (i = 0; i < 10 && i < s.n; i++)
		if (s.line[i] != i + 1)
			lines_ok = false;
	CHECK(lines_ok, "cap: warnings for lines 1..10 in order");
	CHECK(s.n == 11 && s.line[10] == 0 && strstr(s.msg[10], "17") &&
		      strstr(s.msg[10], "16 lines"),
	      "cap: summary on line 0 with the totals: %s", s.n == 11 ? s.msg[10] : "");
	kb_text_finish(&t);

	/* Two replacements on one line make one warning that counts them. */
	static const char two[] = "两处\xFF错误\xFE在同一行，其他文字都正常。\n";
	s.n = 0;
	kb_decode(two, sizeof(two) - 1, &t, record, &s);
	CHECK(s.n == 1 && s.line[0] == 1 && strncmp(s.msg[0], "2 invalid", 9) == 0,
	      "two on a line: one warning counting 2: %s", s.n ? s.msg[0] : "");
	kb_text_finish(&t);
	kb_buf_finish(&b);
}

/* GBK and GB18030 input is detected and converted. */
static void test_gb18030(void)
{
	struct kb_text t;
	struct seen s = { 0 };
	/* 郑州高新区 CRLF 记者 张三 CRLF in GBK */
	static const char gbk[] = "\xD6\xA3\xD6\xDD\xB8\xDF\xD0\xC2\xC7\xF8\r\n"
				  "\xBC\xC7\xD5\xDF \xD5\xC5\xC8\xFD\r\n";
	/* é (2-byte in GB18030), U+0100 and U+1F600 (4-byte sequences) */
	static const char gb4[] = "\xD6\xD0\xCE\xC4 \xA8\xA6 \x81\x30\x8B\x38 "
				  "\x94\x39\xFC\x36\n";

	CHECK(kb_decode(gbk, sizeof(gbk) - 1, &t, record, &s) == KB_OK, "GBK: ok");
	CHECK_STR(t.data, "郑州高新区\n记者 张三\n", "GBK: converted, CRLF -> LF");
	CHECK_STR(t.encoding, "GB18030", "GBK: encoding GB18030");
	CHECK(t.replaced == 0 && s.n == 0, "GBK: no replacement, no warning");
	kb_text_finish(&t);

	CHECK(kb_decode(gb4, sizeof(gb4) - 1, &t, record, &s) == KB_OK, "GB18030 4-byte: ok");
	CHECK_STR(t.data, "中文 é Ā \xF0\x9F\x98\x80\n", "GB18030 4-byte: converted");
	CHECK_STR(t.encoding, "GB18030", "GB18030 4-byte: encoding");
	kb_text_finish(&t);

	/* Neither UTF-8 nor GB18030 (Latin-1): UTF-8 with replacements and a
	 * warning about the whole file first. */
	static const char latin1[] = "caf\xE9 cr\xE8me\n";
	s.n = 0;
	CHECK(kb_decode(latin1, sizeof(latin1) - 1, &t, record, &s) == KB_OK, "Latin-1: ok");
	CHECK_STR(t.data, "caf" FFFD " cr" FFFD "me\n", "Latin-1: replaced");
	CHECK_STR(t.encoding, "UTF-8", "Latin-1: encoding UTF-8");
	CHECK(s.n == 2 && s.line[0] == 0 && strstr(s.msg[0], "GB18030") && s.line[1] == 1,
	      "Latin-1: file warning, then line 1 warning");
	kb_text_finish(&t);
}

/* A 20 MB single line decodes (time is measured by the integration test). */
static void test_large(void)
{
	size_t n = 20u * 1024 * 1024, i;
	char *big = kb_xmalloc(n + 1);
	struct kb_text t;
	struct seen s = { 0 };

	for (i = 0; i + 3 <= n; i += 3)
		memcpy(big + i, "中", 3);
	for (; i < n; i++)
		big[i] = 'a';
	CHECK(kb_decode(big, n, &t, record, &s) == KB_OK && t.len == n &&
		      memcmp(t.data, big, n) == 0,
	      "20 MB line: decoded unchanged");
	kb_text_finish(&t);

	memcpy(big + n / 2 / 3 * 3,
	       "\xFF"
	       "ab",
	       3);
	big[n - 1] = '\r';
	CHECK(kb_decode(big, n, &t, record, &s) == KB_OK && t.replaced == 1 &&
		      t.data[t.len - 1] == '\n' && s.n == 1 && s.line[0] == 1,
	      "20 MB line with a bad byte: one replacement");
	kb_text_finish(&t);
	free(big);
}

/* Write n bytes to path; false on failure. */
static bool write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	bool ok;

	if (!f)
		return false;
	ok = fwrite(s, 1, n, f) == n;
	return fclose(f) == 0 && ok;
}

/* write_file of a string literal, NULs included. */
#define WRITE_LIT(path, lit) write_file(path, lit, sizeof(lit) - 1)

/* kb_decode_file: regular files, missing files, directories, FIFOs. */
static void test_file(void)
{
	char dir[] = "/tmp/kb_test_decode_XXXXXX", path[256];
	struct kb_text t;
	struct seen s = { 0 };

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof(path), "%s/bom.txt", dir);
	WRITE_LIT(path, "\xEF\xBB\xBF"
			"标题\r\n正文\r");
	CHECK(kb_decode_file(path, &t, record, &s) == KB_OK, "file: ok");
	CHECK_STR(t.data, "标题\n正文\n", "file: BOM stripped, line ends");
	CHECK(t.had_bom, "file: had_bom");
	kb_text_finish(&t);

	WRITE_LIT(path, "正文\n" CTX "\xE0\x80\xAF\n");
	CHECK(kb_decode_file(path, &t, record, &s) == KB_OK && t.replaced == 3 &&
		      strcmp(t.data, "正文\n" CTX FFFD FFFD FFFD "\n") == 0 && s.n == 1 &&
		      s.line[0] == 2,
	      "file: replacement on line 2");
	kb_text_finish(&t);

	write_file(path, "", 0);
	CHECK(kb_decode_file(path, &t, NULL, NULL) == KB_OK && t.len == 0 && t.data && !t.data[0],
	      "file: empty file");
	kb_text_finish(&t);

	WRITE_LIT(path, "x\0y");
	CHECK(kb_decode_file(path, &t, NULL, NULL) == KB_BINARY, "file: binary");

	/* A sparse file just over the limit: refused before anything is read. */
	if (truncate(path, (off_t)512 * 1024 * 1024 + 1) == 0) {
		CHECK(kb_decode_file(path, &t, NULL, NULL) == KB_TOO_LARGE,
		      "file: 512 MiB + 1 byte is KB_TOO_LARGE");
		CHECK(t.data == NULL, "file: too large leaves out empty");
	} else {
		printf("ok %d - # SKIP truncate: %s\n", ++tap_n, strerror(errno));
	}
	unlink(path);

	errno = 0;
	CHECK(kb_decode_file(path, &t, NULL, NULL) == KB_IO && errno == ENOENT,
	      "file: missing file is KB_IO with errno ENOENT");
	CHECK(kb_decode_file(dir, &t, NULL, NULL) == KB_NOT_REGULAR,
	      "file: directory is KB_NOT_REGULAR");

	snprintf(path, sizeof(path), "%s/fifo.txt", dir);
	if (mkfifo(path, 0600) == 0) {
		CHECK(kb_decode_file(path, &t, NULL, NULL) == KB_NOT_REGULAR,
		      "file: FIFO is KB_NOT_REGULAR, without waiting");
		unlink(path);
	} else {
		printf("ok %d - # SKIP mkfifo: %s\n", ++tap_n, strerror(errno));
	}
	rmdir(dir);
}

int main(void)
{
	test_well_formed();
	test_binary();
	test_utf16();
	test_malformed();
	test_one_bad_byte();
	test_warning_cap();
	test_gb18030();
	test_large();
	test_file();
	return tap_done();
}
