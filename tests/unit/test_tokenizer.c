/* SPDX-License-Identifier: MIT */
/*
 * The FTS5 tokenizer and query builder: the exact token stream for a Han
 * run, MATCH results for words, single characters, phrases, Latin and
 * numbers, highlight/snippet/bm25, and the key property that a one-piece
 * query finds exactly the documents a substring scan of the folded text
 * finds (no false positives, no misses).
 */
#include "tap.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "kanbao/fts.h"
#include "kanbao/util.h"

/* Tokens collected from one xTokenize call, as "tok@flag(start,end)" with
 * flag '+' for colocated, joined by spaces. */
struct collect {
	struct kb_buf out;
};

/* xToken callback for the direct tokenizer tests. */
static int collect_cb(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct collect *c = ctx;
	if (c->out.len)
		kb_buf_putc(&c->out, ' ');
	kb_buf_append(&c->out, tok, (size_t)n);
	kb_buf_printf(&c->out, "%s(%d,%d)", (flags & FTS5_TOKEN_COLOCATED) ? "+" : "", start, end);
	return SQLITE_OK;
}

/* Get the fts5_api of db (NULL without FTS5). */
static fts5_api *get_api(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

/* Tokenize text with kanbao in the given mode; returns the collected
 * stream (caller frees). */
static char *tokens(sqlite3 *db, const char *text, int n, int flags)
{
	fts5_api *api = get_api(db);
	void *ud = NULL;
	fts5_tokenizer tk;
	Fts5Tokenizer *inst = NULL;
	struct collect c;
	kb_buf_init(&c.out);
	if (!api || api->xFindTokenizer(api, KB_FTS_TOKENIZER, &ud, &tk) != SQLITE_OK)
		return kb_buf_steal(&c.out);
	if (tk.xCreate(ud, NULL, 0, &inst) != SQLITE_OK)
		return kb_buf_steal(&c.out);
	int rc = tk.xTokenize(inst, &c, flags, text, n, collect_cb);
	tk.xDelete(inst);
	if (rc != SQLITE_OK)
		kb_buf_printf(&c.out, " rc=%d", rc);
	return kb_buf_steal(&c.out);
}

/* Check the token stream of text (NUL-terminated) in one mode. */
static void expect_tokens(sqlite3 *db, const char *text, int flags, const char *want)
{
	char *got = tokens(db, text, (int)strlen(text), flags);
	CHECK_STR(got, want, "tokens of [%s] flags %d", text, flags);
	free(got);
}

static void direct_tests(sqlite3 *db)
{
	int doc = FTS5_TOKENIZE_DOCUMENT, q = FTS5_TOKENIZE_QUERY;
	expect_tokens(db, "郑州市", doc, "郑(0,3) 郑州+(0,6) 州(3,6) 州市+(3,9) 市(6,9)");
	expect_tokens(db, "郑州市", FTS5_TOKENIZE_AUX,
		      "郑(0,3) 郑州+(0,6) 州(3,6) 州市+(3,9) 市(6,9)");
	/* a query ending in a run needs only its pairs */
	expect_tokens(db, "郑州市", q, "郑州(0,6) 州市(3,9)");
	expect_tokens(db, "郑州市 ", q, "郑州(0,6) 州市(3,9)");
	expect_tokens(db, "郑州市5", q, "郑州(0,6) 州市(3,9) 市5(6,10)");
	expect_tokens(db, "郑州,市", q, "郑州(0,6) 州(3,6) 市(7,10)");
	expect_tokens(db, "州", q, "州(0,3)");
	expect_tokens(db, "州", doc, "州(0,3)");
	expect_tokens(db, "郑州", q | FTS5_TOKENIZE_PREFIX, "郑州(0,6)");
	expect_tokens(db, "郑州,市", doc, "郑(0,3) 郑州+(0,6) 州(3,6) 市(7,10)");
	expect_tokens(db, "ＧＤＰ增长5.2%，达1,000亿", doc,
		      "gdp(0,9) 增(9,12) 增长+(9,15) 长(12,15) 长5+(12,16) 5(15,16) 2(17,18) "
		      "达(22,25) 达1+(22,26) 1(25,26) 0(27,28) 00+(27,29) 0(28,29) 00+(28,30) "
		      "0(29,30) 0亿+(29,33) 亿(30,33)");
	expect_tokens(db, "５．２ v1.2. 3.", doc, "5(0,3) 2(6,9) v(10,11) 1(11,12) 2(13,14) 3(16,17)");
	expect_tokens(db, "Café ÉCOLE Straße", doc, "café(0,5) école(6,12) strasse(13,20)");
	expect_tokens(db, "5G网络", q, "5(0,1) g(1,2) 网络(2,8)");
	expect_tokens(db, "“新闻”——😀 ！", doc, "新(3,6) 新闻+(3,9) 闻(6,9)");
	expect_tokens(db, "ひらがなカタカナ・한국", q,
		      "ひら(0,6) らが(3,9) がな(6,12) なカ(9,15) カタ(12,18) タカ(15,21) "
		      "カナ(18,24) ナ(21,24) 한국(27,33)");
	/* Compatibility ideograph and Kangxi radical fold to the unified one. */
	expect_tokens(db, "\xEF\xA4\x8A\xE2\xBC\x80", q, "金一(0,6)");
	/* A variation selector and a zero-width space stay inside the run. */
	expect_tokens(db, "葛\xEF\xB8\x80\xE2\x80\x8B城", doc, "葛(0,9) 葛城+(0,12) 城(9,12)");
	/* Invalid UTF-8 separates and is skipped; truncation is safe. */
	expect_tokens(db, "郑\xFF州\xE5\xB7", doc, "郑(0,3) 州(4,7)");
	expect_tokens(db,
		      "ab\xC0\xAF"
		      "cd\xED\xA0\x80"
		      "e",
		      doc, "ab(0,2) cd(4,6) e(9,10)");
	expect_tokens(db, "", doc, "");
	expect_tokens(db, "，。！", doc, "");

	/* A long letter run goes to the heap and comes back whole. */
	size_t n = 5000;
	char *lng = malloc(n + 1);
	for (size_t i = 0; i < n; i++)
		lng[i] = (char)('A' + i % 26);
	lng[n] = '\0';
	char *got = tokens(db, lng, (int)n, doc);
	bool ok = strlen(got) == n + strlen("(0,5000)") && got[0] == 'a' && got[25] == 'z';
	CHECK(ok, "a 5000-byte letter run is one folded token");
	free(got);
	free(lng);
}

/* The test corpus: title, body. */
static const char *docs[][2] = {
	{ "郑州高新区发展", "郑州市高新技术产业开发区今年GDP增长5.2%。" },
	{ "州市联动", "各州市加强协作，推进四链一城建设。" },
	{ "四链建设", "四链融合，一城崛起：四链与一城分开说。" },
	{ "郑州,市民", "郑州,市民出行更方便。" },
	{ "新闻", "5G网络覆盖全省，网络5G版上线。" },
	{ "数据", "全年ＧＤＰ达到1,000亿元，比2018年翻番。" },
	{ "高新", "高新区企业数量增长。" },
	{ "郑州", "郑州。" },
	{ "州", "州" },
	{ "Latin", "The GDP of Henan grew; gdp2018 is a code." },
	{ "版面", "本报讯（记者 张三）河南省政府召开常务会议。" },
	{ "河南", "河南郑州、洛阳、开封三市联动。" },
	{ "科技", "科技创新是第一动力，创新驱动发展。" },
	{ "ｉＰｈｏｎｅ", "新款手机发布，价格5.2万元起。" },
	{ "经济", "经济运行稳中向好，稳中有进。" },
	{ "交通", "郑州东站、郑州站客流创新高。" },
	{ "文化", "“四链一城”写入报告。" },
	{ "农业", "粮食产量6,500万吨，小麦丰收。" },
	{ "教育", "郑州大学与高新区合作。" },
	{ "空", "   " },
};
#define N_DOCS (sizeof(docs) / sizeof(docs[0]))

/* Fold a string as the reference scan sees it: full-width ASCII to ASCII,
 * then ASCII lower case. Caller frees. */
static char *ref_fold(const char *s)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "");
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		/* U+FF01..U+FF5E is EF BC 81..EF BD 9E */
		if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2]) {
			unsigned cp = 0xF000 | ((unsigned)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				char c = (char)(cp - 0xFEE0);
				if (c >= 'A' && c <= 'Z')
					c = (char)(c + 32);
				kb_buf_putc(&b, c);
				p += 3;
				continue;
			}
		}
		char c = (char)*p++;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		kb_buf_putc(&b, c);
	}
	return kb_buf_steal(&b);
}

/* Is s[i] (in folded text of length n) part of a letter token? Digits are
 * indexed like Han characters, so any run of them is a substring match. */
static bool ref_word(const char *s, size_t n, size_t i)
{
	(void)n;
	return s[i] >= 'a' && s[i] <= 'z';
}

/* Does folded text contain folded query q as a substring whose letter and
 * digit ends fall on token boundaries (gdp is not in gdp2018)? */
static bool ref_contains(const char *text, const char *q)
{
	size_t n = strlen(text), m = strlen(q);
	for (const char *hit = strstr(text, q); hit; hit = strstr(hit + 1, q)) {
		size_t at = (size_t)(hit - text);
		if (ref_word(q, m, 0) && at > 0 && ref_word(text, n, at - 1))
			continue;
		if (ref_word(q, m, m - 1) && at + m < n && ref_word(text, n, at + m))
			continue;
		return true;
	}
	return false;
}

/* Run MATCH q (already an FTS5 expression) and return the matching rowids
 * as a bit set; -1 on an SQL error. */
static long long match_set(sqlite3 *db, const char *expr)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?1", -1, &st, NULL))
		return -1;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	long long set = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		set |= 1LL << sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? set : -1;
}

/* Rowids whose title or body contains q per the reference scan. */
static long long ref_set(const char *q)
{
	char *fq = ref_fold(q);
	long long set = 0;
	for (size_t i = 0; i < N_DOCS; i++)
		for (int col = 0; col < 2; col++) {
			char *ft = ref_fold(docs[i][col]);
			if (ref_contains(ft, fq))
				set |= 1LL << (i + 1);
			free(ft);
		}
	free(fq);
	return set;
}

/* Search as the store does: MATCH the user text through kb_fts_query (its
 * tokens ANDed), then keep the candidates kb_fts_verify confirms; bit set
 * of rowids, -1 on error, 0 when the query is NULL. */
static long long search(sqlite3 *db, const char *user)
{
	char *expr = kb_fts_query(user);
	if (!expr)
		return 0;
	long long set = match_set(db, expr);
	free(expr);
	if (set <= 0 || !kb_fts_needs_verify(user))
		return set;
	for (size_t i = 0; i < N_DOCS; i++) {
		if (!(set & (1LL << (i + 1))))
			continue;
		const char *cols[2] = { docs[i][0], docs[i][1] };
		if (!kb_fts_verify(user, cols, 2))
			set &= ~(1LL << (i + 1));
	}
	return set;
}

/* The bit set of the given 1-based rowids, ended by 0. */
static long long rows(int first, ...)
{
	long long set = 0;
	va_list ap;
	va_start(ap, first);
	for (int r = first; r; r = va_arg(ap, int))
		set |= 1LL << r;
	va_end(ap);
	return set;
}

/* Check that user text finds exactly the given rows. */
static void expect_rows(sqlite3 *db, const char *user, long long want)
{
	long long got = search(db, user);
	CHECK(got == want, "search [%s] finds rows %llx (got %llx)", user, (unsigned long long)want,
	      (unsigned long long)got);
}

static void match_tests(sqlite3 *db)
{
	expect_rows(db, "郑州", rows(1, 4, 8, 12, 16, 19, 0));
	expect_rows(db, "州", rows(1, 2, 4, 8, 9, 12, 16, 19, 0));
	expect_rows(db, "四链一城", rows(2, 17, 0));
	expect_rows(db, "州市", rows(1, 2, 0)); /* not 郑州,市 */
	expect_rows(db, "GDP", rows(1, 6, 10, 0));
	expect_rows(db, "gdp", rows(1, 6, 10, 0));
	expect_rows(db, "ＧＤＰ", rows(1, 6, 10, 0));
	expect_rows(db, "2018", rows(6, 10, 0)); /* digits match inside gdp2018 too */
	expect_rows(db, "5.2", rows(1, 14, 0));
	expect_rows(db, "1,000", rows(6, 0));
	expect_rows(db, "5G网络", rows(5, 0));
	expect_rows(db, "网络5G", rows(5, 0));
	expect_rows(db, "郑州 高新", rows(1, 19, 0));
	expect_rows(db, "郑州　高新区", rows(1, 19, 0));
	expect_rows(db, "iphone", rows(14, 0));
	expect_rows(db, "Henan", rows(10, 0));
	expect_rows(db, "郑州,市", rows(1, 4, 0)); /* punctuation is not indexed */

	/* The key property: one-piece queries agree with the substring scan. */
	static const char *qs[] = {
		"郑州",
		"州",
		"郑",
		"市",
		"州市",
		"郑州市",
		"四链",
		"一城",
		"四链一城",
		"链一",
		"高新",
		"高新区",
		"新区",
		"gdp",
		"GDP",
		"ＧＤＰ",
		"5.2",
		"2018",
		"1,000",
		"5g",
		"5G网络",
		"网络",
		"网络5G",
		"创新",
		"新高",
		"稳中",
		"中有进",
		"联动",
		"三市联动",
		"河南郑州",
		"the",
		"henan",
		"6,500",
		"万吨",
		"记者",
		"张三",
		"发展",
		"城",
		"报",
		"新闻",
		"高新技术产业开发区",
		"郑州大学",
		"洛阳开封",
		"州州",
		"iphone",
	};
	int agree = 0, total = (int)(sizeof(qs) / sizeof(qs[0]));
	for (int i = 0; i < total; i++) {
		long long got = search(db, qs[i]), want = ref_set(qs[i]);
		CHECK(got == want, "[%s] matches the substring scan (fts %llx, scan %llx)", qs[i],
		      (unsigned long long)got, (unsigned long long)want);
		agree += got == want;
	}
	CHECK(agree == total, "%d of %d queries agree with the substring scan", agree, total);
}

/* The first row of a one-column query with expr bound to ?1 (caller frees). */
/* The tokenizer's offsets through FTS5's highlight() and snippet(): the
 * user text as one phrase per piece, on a table with positions (kanbao's
 * own index keeps none and marks hits itself). */
static char *first_text(sqlite3 *db, const char *sql, const char *user)
{
	struct kb_buf e;
	kb_buf_init(&e);
	char *copy = kb_xstrdup(user), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save))
		kb_buf_printf(&e, "%s\"%s\"", e.len ? " " : "", w);
	free(copy);
	char *expr = kb_buf_steal(&e);
	sqlite3_stmt *st;
	char *out = NULL;
	if (expr && sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
			out = kb_xstrdup((const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	free(expr);
	return out;
}

static void aux_tests(sqlite3 *db)
{
	const char *hl = "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 1";
	char *s = first_text(db, hl, "郑州");
	/* FTS5 marks from the first position of a hit to its last; a query
	 * ending in pairs ends one character early (kanbao marks hits itself) */
	CHECK_STR(s, "[郑]州市高新技术产业开发区今年GDP增长5.2%。", "highlight 郑州 starts at the hit");
	free(s);
	s = first_text(db, hl, "州");
	CHECK_STR(s, "郑[州]市高新技术产业开发区今年GDP增长5.2%。", "highlight 州 inside a run");
	free(s);
	s = first_text(db, hl, "四链一城");
	CHECK_STR(s, NULL, "row 1 has no 四链一城");
	free(s);
	s = first_text(db, "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 2",
		       "四链一城");
	CHECK_STR(s, "各州市加强协作，推进[四链一]城建设。", "highlight a 4-character phrase starts at the hit");
	free(s);
	s = first_text(db, "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 1",
		       "gdp 5.2");
	CHECK_STR(s, "郑州市高新技术产业开发区今年[GDP]增长[5.2]%。", "highlight Latin and number");
	free(s);
	s = first_text(db, "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 9",
		       "州");
	CHECK_STR(s, "[州]", "highlight a one-character document");
	free(s);
	s = first_text(db,
		       "SELECT highlight(t, 1, '[', ']') FROM t WHERE t MATCH ?1 AND rowid = 16",
		       "郑州");
	CHECK_STR(s, "[郑]州东站、[郑]州站客流创新高。", "highlight every occurrence (from its start)");
	free(s);
	s = first_text(
		db, "SELECT snippet(t, 1, '[', ']', '…', 6) FROM t WHERE t MATCH ?1 AND rowid = 1",
		"开发区");
	CHECK(s && strstr(s, "[开发]区") != NULL, "snippet shows and marks the match: %s", s ? s : "(null)");
	free(s);

	/* bm25 with the title weighted 10: the title hit ranks first. */
	s = first_text(db, "SELECT title FROM t WHERE t MATCH ?1 ORDER BY bm25(t, 10.0, 1.0)",
		       "高新");
	CHECK_STR(s, "高新", "bm25 puts the title match first");
	free(s);
	s = first_text(db, "SELECT title FROM t WHERE t MATCH ?1 ORDER BY bm25(t, 10.0, 1.0)",
		       "创新");
	CHECK_STR(s, "科技", "bm25: more body hits when no title has the word");
	free(s);
}

static void query_tests(sqlite3 *db)
{
	char *q = kb_fts_query("郑州 高新");
	CHECK_STR(q, "\"郑州\" \"高新\"", "two pieces quoted");
	free(q);
	q = kb_fts_query("  郑州\t\n　高新　 ");
	CHECK_STR(q, "\"郑州\" \"高新\"", "ASCII and ideographic spaces split");
	free(q);
	q = kb_fts_query("say\"hi\"");
	CHECK_STR(q, "\"say\" \"hi\"", "a quote separates words");
	free(q);
	q = kb_fts_query("高新区");
	CHECK_STR(q, "\"高新\" \"新区\"", "a phrase becomes its pairs, ANDed");
	free(q);
	CHECK(kb_fts_needs_verify("高新区") && !kb_fts_needs_verify("郑州 州 gdp"),
	      "only pieces of several tokens need confirming");
	q = kb_fts_query("，。 !! “”");
	CHECK_STR(q, NULL, "punctuation-only query is NULL");
	q = kb_fts_query("郑州 ，");
	CHECK_STR(q, "\"郑州\"", "punctuation-only piece dropped");
	free(q);
	CHECK_STR(kb_fts_query(""), NULL, "empty query is NULL");
	CHECK_STR(kb_fts_query(" 　 "), NULL, "white-space query is NULL");
	CHECK_STR(kb_fts_query(NULL), NULL, "NULL query is NULL");
	q = kb_fts_query("5.2% AND OR NEAR(");
	CHECK_STR(q, "\"5\" \"2\" \"and\" \"or\" \"near\"", "operators are quoted words");
	free(q);

	CHECK(search(db, "\"郑州\" \"") >= 0, "quotes in the query are no syntax error");
	CHECK(search(db, "\"郑\"州\"") == search(db, "郑州"), "quote inside a word is skipped");
	CHECK(search(db, "GDP\" OR \"州") == 0,
	      "an injected OR is a searched word, not an operator");
	CHECK(search(db, "5.2% (") == rows(1, 14, 0), "query with %% and ( is no syntax error");
	CHECK(search(db, "AND") == 0, "the word AND is searched, not parsed");
}

/* Create the table and insert the corpus; false on failure. */
static bool setup(sqlite3 *db)
{
	if (sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='kanbao')",
			 NULL, NULL, NULL) != SQLITE_OK)
		return false;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, body) VALUES (?1, ?2, ?3)", -1, &st,
			       NULL) != SQLITE_OK)
		return false;
	for (size_t i = 0; i < N_DOCS; i++) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)(i + 1));
		sqlite3_bind_text(st, 2, docs[i][0], -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, docs[i][1], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return false;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return true;
}

int main(void)
{
	sqlite3 *db;
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK, "open in-memory database");
	CHECK(kb_fts_register(db) == SQLITE_OK, "register the tokenizer");
	CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE bad USING fts5(x, tokenize='kanbao x')", NULL,
			   NULL, NULL) != SQLITE_OK,
	      "tokenizer arguments are refused");
	direct_tests(db);
	CHECK(setup(db), "create and fill the table: %s", sqlite3_errmsg(db));
	match_tests(db);
	aux_tests(db);
	query_tests(db);
	sqlite3_close(db);
	return tap_done();
}
