/* SPDX-License-Identifier: MIT */
/*
 * The query syntax (kb_query_parse) and the filters it gives, against the
 * store. The parser: every term form, quoting, the errors and their
 * messages. The filters: a library of generated editions of two papers on
 * several dates and pages, with tags and read marks set through the store
 * API; for each query, the listing, its count, the search and the search's
 * count must equal a scan in C of every article under the same condition.
 */
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

/* Parse text; one check that it parses (or fails, want_ok false). */
static bool parse(const char *text, struct kb_query *q, bool want_ok, char *err, size_t n)
{
	bool ok = kb_query_parse(text, q, err, n);
	CHECK(ok == want_ok, "parse [%s] %s%s%s", text, want_ok ? "succeeds" : "fails",
	      ok ? "" : ": ", ok ? "" : err);
	return ok;
}

/* Does q parse to these dates (NULL: open)? */
static void check_dates(const char *text, const char *from, const char *to)
{
	struct kb_query q;
	char err[256];
	if (parse(text, &q, true, err, sizeof(err))) {
		CHECK_STR(q.filter.date_from, from, "[%s] from", text);
		CHECK_STR(q.filter.date_to, to, "[%s] to", text);
		CHECK(!q.words && !q.filter.n_tags, "[%s] no words, no tags", text);
	}
	kb_query_finish(&q);
}

/* Does text fail with this message? */
static void check_error(const char *text, const char *want)
{
	struct kb_query q;
	char err[256] = "";
	parse(text, &q, false, err, sizeof(err));
	CHECK(strstr(err, want) != NULL, "[%s] says \"%s\" (%s)", text, want, err);
	kb_query_finish(&q);
}

static void test_parser(void)
{
	struct kb_query q;
	char err[256];

	if (parse("郑州 高新", &q, true, err, sizeof(err))) {
		CHECK_STR(q.words, "郑州 高新", "words are the full-text query");
		CHECK(!q.filter.n_tags && !q.filter.date_from && !q.filter.unread && !q.filter.page,
		      "words alone set no filter");
	}
	kb_query_finish(&q);
	if (parse("", &q, true, err, sizeof(err)))
		CHECK(!q.words, "an empty query: no words (a listing of everything)");
	kb_query_finish(&q);

	if (parse("tag:重要 -tag:旧闻 tag:两会", &q, true, err, sizeof(err))) {
		CHECK(q.filter.n_tags == 2 && q.filter.n_not_tags == 1, "two tags, one excluded");
		CHECK_STR(q.filter.tags[0], "重要", "first tag");
		CHECK_STR(q.filter.tags[1], "两会", "second tag");
		CHECK_STR(q.filter.not_tags[0], "旧闻", "excluded tag");
		CHECK(!q.words, "tags are no words");
	}
	kb_query_finish(&q);

	check_dates("date:2021-02", "2021-02-01", "2021-02-28");
	check_dates("date:2020-02", "2020-02-01", "2020-02-29");
	check_dates("date:2021", "2021-01-01", "2021-12-31");
	check_dates("date:2021-02-27", "2021-02-27", "2021-02-27");
	check_dates("date:2021-2-7", "2021-02-07", "2021-02-07");
	check_dates("date:2021-01-01..2021-03-31", "2021-01-01", "2021-03-31");
	check_dates("date:..2021-03-31", NULL, "2021-03-31");
	check_dates("date:2021-01-01..", "2021-01-01", NULL);
	check_dates("date:2021-01..2021-03", "2021-01-01", "2021-03-31");
	check_dates("date:2020..2021-02", "2020-01-01", "2021-02-28");
	check_dates("date:2021 date:..2021-06", "2021-01-01", "2021-06-30");
	check_dates("DATE:2021", "2021-01-01", "2021-12-31");

	if (parse("page:2 paper:人民日报 edition:p02.txt unread", &q, true, err, sizeof(err))) {
		CHECK_STR(q.filter.page, "2", "page:");
		CHECK_STR(q.filter.paper, "人民日报", "paper:");
		CHECK_STR(q.filter.edition, "p02.txt", "edition:");
		CHECK(q.filter.unread && !q.words, "unread");
	}
	kb_query_finish(&q);

	if (parse("tag:\"两 会\" 郑州 tag:“全国 两会” \"高新 区\"", &q, true, err, sizeof(err))) {
		CHECK(q.filter.n_tags == 2, "quoted tag values");
		CHECK_STR(q.filter.tags[0], "两 会", "\"\" keeps the space");
		CHECK_STR(q.filter.tags[1], "全国 两会", "“” keeps the space");
		CHECK_STR(q.words, "郑州 高新 区", "a quoted phrase is its words");
	}
	kb_query_finish(&q);

	if (parse("郑州\xe3\x80\x80tag:甲\t 10:30", &q, true, err, sizeof(err))) {
		CHECK(q.filter.n_tags == 1, "an ideographic space separates terms");
		CHECK_STR(q.words, "郑州 10:30", "a colon after digits is a word");
	}
	kb_query_finish(&q);

	if (parse("黄河 -tag:x date:2021 page:A05 paper:日报 unread tag:y", &q, true, err,
		  sizeof(err)))
		CHECK(q.words && !strcmp(q.words, "黄河") && q.filter.n_tags == 1 &&
			      q.filter.n_not_tags == 1 && q.filter.date_from && q.filter.date_to &&
			      !strcmp(q.filter.page, "A05") && !strcmp(q.filter.paper, "日报") &&
			      q.filter.unread,
		      "every kind of term at once");
	kb_query_finish(&q);

	check_error("date:2021-13", "date:2021-13: not a month");
	check_error("date:2021-00", "date:2021-00: not a month");
	check_error("date:2021-02-29", "date:2021-02-29: not a day of that month");
	check_error("date:21-02", "date:21-02: not a date");
	check_error("date:2021-02-03-04", "not a date");
	check_error("date:yesterday", "date:yesterday: not a date");
	check_error("date:..", "a range needs a date");
	check_error("date:2021-03..2021-01", "the range ends before it starts");
	check_error("date:2021-01..2021-14", "2021-14 is not a month");
	check_error("郑州 color:red", "color:red: unknown key color:");
	check_error("tag:", "tag:: tag: needs a value");
	check_error("-date:2021", "-date:2021: only a tag can be excluded");
	check_error("tag:\"两 会", "the quote is not closed");
	check_error("page:2 page:3", "page:3: a second page:");
	check_error("paper:人民日报 paper:郑州日报", "a second paper:");
	if (parse("page:2 page:2", &q, true, err, sizeof(err)))
		CHECK_STR(q.filter.page, "2", "the same page twice is one");
	kb_query_finish(&q);

	/* one command-line argument as one term */
	kb_query_init(&q);
	CHECK(kb_query_add_term(&q, "tag:两 会", err, sizeof(err)) &&
		      kb_query_add_term(&q, "郑州 高新", err, sizeof(err)) &&
		      kb_query_add_term(&q, "-tag:旧 闻 ", err, sizeof(err)) &&
		      kb_query_add_term(&q, "unread", err, sizeof(err)),
	      "arguments as terms");
	CHECK(q.filter.n_tags == 1 && !strcmp(q.filter.tags[0], "两 会") &&
		      q.filter.n_not_tags == 1 && !strcmp(q.filter.not_tags[0], "旧 闻") &&
		      q.filter.unread && q.words && !strcmp(q.words, "郑州 高新"),
	      "an argument's value keeps its spaces; an argument of words is its words");
	CHECK(!kb_query_add_term(&q, "date:2021-13", err, sizeof(err)) &&
		      strstr(err, "date:2021-13: not a month"),
	      "an argument's error names it (%s)", err);
	kb_query_finish(&q);

	/* options narrow a query */
	const char *tags[] = { "乙", "甲" };
	struct kb_filter f = { .tags = tags,
			       .n_tags = 2,
			       .date_from = "2021-03-01",
			       .unread = true,
			       .limit = 5,
			       .sort = KB_SORT_OLDEST };
	if (parse("tag:甲 date:2021", &q, true, err, sizeof(err))) {
		CHECK(kb_query_narrow(&q, &f, err, sizeof(err)), "narrow by options");
		CHECK(q.filter.n_tags == 2 && !strcmp(q.filter.tags[1], "乙"),
		      "the options' tags join (once each)");
		CHECK_STR(q.filter.date_from, "2021-03-01", "dates intersect (from)");
		CHECK_STR(q.filter.date_to, "2021-12-31", "dates intersect (to)");
		CHECK(q.filter.unread && q.filter.limit == 5 && q.filter.sort == KB_SORT_OLDEST,
		      "unread, limit and sort taken");
		struct kb_filter g = { .edition = "a.txt" };
		CHECK(kb_query_narrow(&q, &g, err, sizeof(err)) &&
			      !strcmp(q.filter.edition, "a.txt"),
		      "an edition option");
		g.edition = "b.txt";
		CHECK(!kb_query_narrow(&q, &g, err, sizeof(err)) && strstr(err, "edition"),
		      "two different editions are an error (%s)", err);
	}
	kb_query_finish(&q);
	kb_query_finish(NULL);
}

/* ---- the filters against the store ---- */

struct art {
	char *id, *edition, *source, *date, *page, *paper, *title, *text;
	char **tags;
	size_t n_tags;
	bool read;
};

static struct art arts[256];
static size_t n_arts;

static const char *const papers[] = { "人民日报", "郑州日报" };
static const char *const dates[] = { "2020-12-31", "2021-01-15", "2021-02-27",
				     "2021-02-28", "2021-03-31", "2021-04-01" };
static const char *const pages[] = { "1", "02", "A05" };

/* Write the editions of the test library into dir and import them. */
static void make_library(struct kb_store *s, const char *dir)
{
	int k = 0;
	for (int p = 0; p < 2; p++)
		for (int d = 0; d < 6; d++)
			for (int g = 0; g < 3; g++, k++) {
				char path[600];
				snprintf(path, sizeof(path), "%s/ed_%02d.txt", dir, k);
				FILE *f = fopen(path, "w");
				if (!f)
					continue;
				fprintf(f, "---\npaper: %s\ndate: %s\npage: %s\n---\n", papers[p],
					dates[d], pages[g]);
				fprintf(f, "第%d号%s新闻标题\n\n", k, k % 2 ? "秋天" : "春天");
				fprintf(f,
					"　　本报讯 "
					"这是第%d号版面的一篇报道，讲述了%s里城市的新变化。"
					"记者走访了%s的街道和社区。\n",
					k, k % 2 ? "秋天" : "春天", k % 3 ? "河南" : "北京");
				fclose(f);
				struct kb_import_stats st;
				kb_store_import_file(s, path, NULL, NULL, &st);
			}
}

/* Read every article back, with its edition's facts, tagging and marking
 * some on the way. */
static void load_articles(struct kb_store *s)
{
	struct kb_rows rows;
	if (!kb_store_list(s, NULL, &rows))
		return;
	for (size_t i = 0; i < rows.n && n_arts < 256; i++) {
		const char *id = rows.v[i].id;
		if (i % 2)
			kb_store_tag(s, id, "甲");
		if (i % 3 == 0)
			kb_store_tag(s, id, "乙");
		if (i % 5 == 0)
			kb_store_tag(s, id, "两 会");
		if (i % 4 == 0)
			kb_store_set_read(s, id, true);
		struct kb_full *a = kb_store_get(s, id);
		if (!a)
			continue;
		struct art *x = &arts[n_arts++];
		x->id = kb_xstrdup(a->id);
		x->edition = kb_xstrdup(a->edition);
		x->source = kb_xstrdup(a->source);
		x->date = a->date ? kb_xstrdup(a->date) : NULL;
		x->page = a->page ? kb_xstrdup(a->page) : NULL;
		x->paper = a->paper ? kb_xstrdup(a->paper) : NULL;
		x->title = kb_xstrdup(a->title);
		x->text = kb_xstrdup(a->text);
		x->tags = kb_xcalloc(a->n_tags + 1, sizeof(char *));
		for (size_t t = 0; t < a->n_tags; t++)
			x->tags[t] = kb_xstrdup(a->tags[t]);
		x->n_tags = a->n_tags;
		x->read = a->read;
		kb_full_destroy(a);
	}
	kb_rows_finish(&rows);
}

static bool has_tag(const struct art *a, const char *t)
{
	for (size_t i = 0; i < a->n_tags; i++)
		if (!strcmp(a->tags[i], t))
			return true;
	return false;
}

static bool digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* The condition of q, in C. */
static bool matches(const struct art *a, const struct kb_query *q)
{
	const struct kb_filter *f = &q->filter;
	for (size_t i = 0; i < f->n_tags; i++)
		if (!has_tag(a, f->tags[i]))
			return false;
	for (size_t i = 0; i < f->n_not_tags; i++)
		if (has_tag(a, f->not_tags[i]))
			return false;
	if (f->edition && strcmp(a->edition, f->edition) && !strstr(a->source, f->edition))
		return false;
	if (f->page &&
	    (!a->page || (strcmp(a->page, f->page) &&
			  !(digits(a->page) && digits(f->page) && atol(a->page) == atol(f->page)))))
		return false;
	if (f->paper && (!a->paper || !strstr(a->paper, f->paper)))
		return false;
	if (f->date_from && (!a->date || strcmp(a->date, f->date_from) < 0))
		return false;
	if (f->date_to && (!a->date || strcmp(a->date, f->date_to) > 0))
		return false;
	if (f->unread && a->read)
		return false;
	if (q->words) {
		char *copy = kb_xstrdup(q->words), *save = NULL;
		bool all = true;
		for (char *w = strtok_r(copy, " ", &save); w && all; w = strtok_r(NULL, " ", &save))
			all = strstr(a->title, w) || strstr(a->text, w);
		free(copy);
		if (!all)
			return false;
	}
	return true;
}

/* The rows' ids equal the scan's (as sets; in the listing's order when
 * ordered, the scan being in reading order). */
static bool same(const struct kb_rows *rows, const struct kb_query *q, bool ordered, size_t *want)
{
	size_t k = 0, n = 0;
	bool ok = true;
	for (size_t i = 0; i < n_arts; i++) {
		if (!matches(&arts[i], q))
			continue;
		n++;
		if (ordered) {
			ok &= k < rows->n && !strcmp(rows->v[k].id, arts[i].id);
			k++;
		} else {
			bool found = false;
			for (size_t r = 0; r < rows->n && !found; r++)
				found = !strcmp(rows->v[r].id, arts[i].id);
			ok &= found;
		}
	}
	*want = n;
	return ok && rows->n == n;
}

/* Listing, count, search and search count of text against the scan. */
static void compare(struct kb_store *s, const char *text)
{
	struct kb_query q;
	char err[256];
	if (!kb_query_parse(text, &q, err, sizeof(err))) {
		CHECK(false, "[%s] parses: %s", text, err);
		kb_query_finish(&q);
		return;
	}
	struct kb_rows rows;
	size_t want = 0, n = 0;
	if (!q.words) {
		bool ok = kb_store_list(s, &q.filter, &rows);
		CHECK(ok && same(&rows, &q, true, &want), "list [%s]: %zu rows, %zu expected", text,
		      ok ? rows.n : 0, want);
		if (ok)
			kb_rows_finish(&rows);
		CHECK(kb_store_list_count(s, &q.filter, &n) && n == want,
		      "list count [%s]: %zu, %zu expected", text, n, want);
		/* a limit gives the first rows */
		q.filter.limit = 2;
		ok = kb_store_list(s, &q.filter, &rows);
		CHECK(ok && rows.n == (want < 2 ? want : 2), "list [%s] --limit 2: %zu rows", text,
		      ok ? rows.n : 0);
		if (ok)
			kb_rows_finish(&rows);
	} else {
		for (int sort = KB_SORT_NEWEST; sort <= KB_SORT_RELEVANCE; sort++) {
			q.filter.sort = (enum kb_sort)sort;
			bool ok = kb_store_search(s, q.words, &q.filter, &rows);
			CHECK(ok && same(&rows, &q, false, &want),
			      "search [%s] (sort %d): %zu, %zu expected", text, sort,
			      ok ? rows.n : 0, want);
			if (ok)
				kb_rows_finish(&rows);
		}
		size_t quick = 0;
		CHECK(kb_store_search_count(s, q.words, &q.filter, false, &n) && n == want &&
			      kb_store_search_count(s, q.words, &q.filter, true, &quick) &&
			      (quick == want || quick == SIZE_MAX),
		      "search count [%s]: %zu, quick %zu, %zu expected", text, n, quick, want);
	}
	kb_query_finish(&q);
}

static void test_filters(const char *dir)
{
	char db[600], err[512];
	snprintf(db, sizeof(db), "%s/q.db", dir);
	struct kb_store *s = kb_store_open(db, err, sizeof(err));
	CHECK(s != NULL, "open a fresh library");
	if (!s)
		return;
	make_library(s, dir);
	load_articles(s);
	CHECK(n_arts >= 36, "the generated library holds %zu articles (36 editions)", n_arts);
	static const char *const queries[] = {
		"",
		"tag:甲",
		"-tag:甲",
		"tag:甲 tag:乙",
		"tag:甲 -tag:乙",
		"-tag:甲 -tag:乙",
		"tag:\"两 会\"",
		"-tag:\"两 会\" unread",
		"tag:无此标签",
		"-tag:无此标签",
		"date:2021",
		"date:2020",
		"date:2021-02",
		"date:2021-02-28",
		"date:2021-03-31..",
		"date:..2021-01-15",
		"date:2021-01-15..2021-03-31",
		"date:2021-02..2021-03",
		"date:2022",
		"page:1",
		"page:2",
		"page:02",
		"page:002",
		"page:A05",
		"page:a05",
		"page:5",
		"paper:人民日报",
		"paper:郑州",
		"paper:日报",
		"paper:新华",
		"unread",
		"edition:ed_07.txt",
		"edition:ed_0",
		"tag:乙 date:2021 page:2 paper:郑州 unread",
		"-tag:甲 date:2021-02 paper:人民",
		"tag:甲 page:A05 -tag:乙",
		/* with words: a search under the same filter */
		"春天",
		"秋天 tag:甲",
		"城市 -tag:甲",
		"北京 date:2021-02",
		"河南 page:2",
		"新闻 paper:郑州日报",
		"城市 unread",
		"春天 北京 -tag:乙 date:2021",
		"报道 tag:\"两 会\"",
		"新变化 page:A05 paper:人民",
		"第7号 date:2021-01..",
		"不存在 tag:甲",
		"城市",
		NULL,
	};
	for (size_t i = 0; queries[i]; i++)
		compare(s, queries[i]);
	/* the count of a search from the index is only taken without a filter */
	const char *ex[] = { "甲" };
	struct kb_filter only_not = { .not_tags = ex, .n_not_tags = 1 };
	size_t n = 0, all = 0;
	CHECK(kb_store_search_count(s, "城市", &only_not, true, &n) && n == SIZE_MAX &&
		      kb_store_search_count(s, "城市", NULL, true, &all) && all != SIZE_MAX,
	      "a quick count with an excluded tag is not taken from the index");
	kb_store_close(s);
}

int main(void)
{
	test_parser();
	char dir[] = "/tmp/kanbao-test-query-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	test_filters(dir);
	for (size_t i = 0; i < n_arts; i++) {
		struct art *a = &arts[i];
		free(a->id);
		free(a->edition);
		free(a->source);
		free(a->date);
		free(a->page);
		free(a->paper);
		free(a->title);
		free(a->text);
		for (size_t t = 0; t < a->n_tags; t++)
			free(a->tags[t]);
		free(a->tags);
	}
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
