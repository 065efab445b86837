/* SPDX-License-Identifier: MIT */
/*
 * Search must equal the truth: on the sample editions, every article whose
 * text (kicker, title, subtitle, paragraphs, headings) contains the query is
 * returned, and no other. Checked against a plain substring scan for queries
 * of 1, 2, 3 and more characters taken from the texts themselves, plus
 * strings that occur nowhere, plus several-word queries; for each order
 * (newest, oldest, relevance), with and without a limit.
 */
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

struct art {
	char *id;
	char *fields[4]; /* kicker, title, subtitle, body */
};

static struct art arts[64];
static size_t n_arts;

/* Does any field of article a contain word? */
static bool has(const struct art *a, const char *word)
{
	for (int f = 0; f < 4; f++)
		if (a->fields[f] && strstr(a->fields[f], word))
			return true;
	return false;
}

/* Compare the search for query (space-separated words, all must match)
 * with the scan; one check. */
static void compare(struct kb_store *s, const char *query)
{
	char *words[8];
	int nw = 0;
	char *copy = strdup(query), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w && nw < 8; w = strtok_r(NULL, " ", &save))
		words[nw++] = w;
	bool want[64] = {false};
	size_t n_want = 0;
	for (size_t i = 0; i < n_arts; i++) {
		bool all = true;
		for (int k = 0; k < nw && all; k++)
			all = has(&arts[i], words[k]);
		want[i] = all;
		n_want += all;
	}
	static const char *const sorts[] = {"newest", "oldest", "relevance"};
	for (int sort = KB_SORT_NEWEST; sort <= KB_SORT_RELEVANCE; sort++) {
		struct kb_filter f = {.sort = (enum kb_sort)sort};
		struct kb_rows rows;
		bool ok = kb_store_search(s, query, &f, &rows);
		size_t wrong = 0;
		for (size_t r = 0; ok && r < rows.n; r++) {
			size_t i;
			for (i = 0; i < n_arts && strcmp(arts[i].id, rows.v[r].id) != 0; i++)
				;
			if (i == n_arts || !want[i])
				wrong++;
		}
		/* a limit gives the first rows of the same order */
		struct kb_rows first = {0};
		f.limit = 2;
		bool got_first = ok && kb_store_search(s, query, &f, &first);
		bool same = got_first && first.n == (rows.n < 2 ? rows.n : 2);
		for (size_t r = 0; same && r < first.n; r++)
			same = strcmp(first.v[r].id, rows.v[r].id) == 0;
		CHECK(ok && wrong == 0 && rows.n == n_want && same,
		      "search \"%s\" (%s): %zu found, %zu expected, %zu wrong%s", query, sorts[sort],
		      ok ? rows.n : 0, n_want, wrong, same ? "" : ", the limit changed the order");
		if (ok)
			kb_rows_finish(&rows);
		if (got_first)
			kb_rows_finish(&first);
	}
	/* the count, exact; a quick count exact or not given */
	size_t n = 0, quick = 0;
	CHECK(kb_store_search_count(s, query, NULL, false, &n) && n == n_want &&
		      kb_store_search_count(s, query, NULL, true, &quick) &&
		      (quick == n_want || quick == SIZE_MAX),
	      "count \"%s\": %zu, %zu expected (quick: %zu)", query, n, n_want, quick);
	free(copy);
}

/* The n characters of text starting at character k (caller frees), or NULL
 * when they are not all Han, letters or digits. */
static char *take(const char *text, size_t k, size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = 0; i < k && *p; i++)
		p += *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++) {
		if (!*p)
			return NULL;
		if (*p < 0x80) {
			if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') ||
			      (*p >= 'A' && *p <= 'Z')))
				return NULL;
			p++;
			continue;
		}
		if (*p != 0xE4 && *p != 0xE5 && *p != 0xE6 && *p != 0xE7 && *p != 0xE8 && *p != 0xE9)
			return NULL; /* not in the main Han block */
		p += 3;
	}
	return strndup((const char *)b, (size_t)(p - b));
}

/* Newest first and oldest first follow the editions' dates, whatever order
 * they were imported in; a date range keeps to it. */
static void test_dates(const char *root, const char *dir)
{
	static const char *const days[] = {"2021-03-05", "2019-11-20", "2021-03-04", "2020-01-01",
					   "2019-11-21"};
	static const char *names[] = {"000_0a7de6b0a5fb8a92", "001_aacf007eaa5a2604",
				      "002_c5a4716e04ad5819", "003_f5e520663d73474f",
				      "004_c52dc1dd292ef930"};
	char db[700], src[700], dst[700], err[512];
	snprintf(db, sizeof(db), "%s/dated.db", dir);
	struct kb_store *s = kb_store_open(db, err, sizeof(err));
	for (int i = 0; s && i < 5; i++) {
		snprintf(src, sizeof(src), "%s/sample-issues/%s.txt", root, names[i]);
		snprintf(dst, sizeof(dst), "%s/%s_p01.txt", dir, days[i]);
		FILE *in = fopen(src, "rb"), *out = fopen(dst, "wb");
		char buf[8192];
		size_t n;
		while (in && out && (n = fread(buf, 1, sizeof(buf), in)) > 0)
			fwrite(buf, 1, n, out);
		if (in)
			fclose(in);
		if (out)
			fclose(out);
		struct kb_import_stats st;
		kb_store_import_file(s, dst, NULL, NULL, &st);
	}
	for (int sort = KB_SORT_NEWEST; s && sort <= KB_SORT_OLDEST; sort++) {
		struct kb_filter f = {.sort = (enum kb_sort)sort};
		struct kb_rows rows;
		bool ok = kb_store_search(s, "的", &f, &rows), ordered = ok && rows.n > 5;
		for (size_t r = 1; ordered && r < rows.n; r++) {
			int c = strcmp(rows.v[r - 1].date, rows.v[r].date);
			ordered = sort == KB_SORT_NEWEST ? c >= 0 : c <= 0;
		}
		CHECK(ordered, "dates: %s first over %zu results", sort == KB_SORT_NEWEST ? "newest" : "oldest",
		      ok ? rows.n : 0);
		if (ok)
			kb_rows_finish(&rows);
	}
	struct kb_filter f = {.date_from = "2019-11-21", .date_to = "2021-03-04"};
	struct kb_rows rows;
	bool ok = s && kb_store_search(s, "的", &f, &rows), inside = ok && rows.n > 0;
	for (size_t r = 0; inside && r < rows.n; r++)
		inside = strcmp(rows.v[r].date, "2019-11-21") >= 0 && strcmp(rows.v[r].date, "2021-03-04") <= 0;
	CHECK(inside, "dates: a range keeps to its days (%zu results)", ok ? rows.n : 0);
	if (ok)
		kb_rows_finish(&rows);
	kb_store_close(s);
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	char dir[] = "/tmp/kanbao-test-search-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char db[600], src[600], err[512];
	snprintf(db, sizeof(db), "%s/s.db", dir);
	struct kb_store *s = kb_store_open(db, err, sizeof(err));
	CHECK(s != NULL, "open a fresh library");
	static const char *names[] = {"000_0a7de6b0a5fb8a92", "001_aacf007eaa5a2604",
				      "002_c5a4716e04ad5819", "003_f5e520663d73474f",
				      "004_c52dc1dd292ef930"};
	for (int i = 0; i < 5; i++) {
		struct kb_import_stats st;
		snprintf(src, sizeof(src), "%s/sample-issues/%s.txt", root, names[i]);
		kb_store_import_file(s, src, NULL, NULL, &st);
	}
	struct kb_rows rows;
	kb_store_list(s, NULL, &rows);
	for (size_t i = 0; i < rows.n && n_arts < 64; i++) {
		struct kb_full *a = kb_store_get(s, rows.v[i].id);
		arts[n_arts].id = strdup(a->id);
		arts[n_arts].fields[0] = a->kicker ? strdup(a->kicker) : NULL;
		arts[n_arts].fields[1] = strdup(a->title);
		arts[n_arts].fields[2] = a->subtitle ? strdup(a->subtitle) : NULL;
		arts[n_arts].fields[3] = strdup(a->text);
		n_arts++;
		kb_full_destroy(a);
	}
	kb_rows_finish(&rows);
	CHECK(n_arts == 15, "15 sample articles in the library");

	/* queries of 1 to 6 characters from the texts, spread over them */
	size_t made = 0;
	for (size_t len = 1; len <= 6; len++) {
		for (size_t i = 0, k = 7 * len; i < n_arts && made < 16 * len; i++, k += 37) {
			const char *text = arts[(i * 7 + len) % n_arts].fields[3];
			char *q = take(text, k % 400, len);
			if (!q)
				continue;
			compare(s, q);
			free(q);
			made++;
		}
	}
	/* fixed cases: common words, single characters, absent strings, titles,
	 * several words, Latin and digits */
	static const char *fixed[] = {
		"郑州", "州", "高新区", "国家中心城市", "四链一城", "本报讯", "的", "记者",
		"王新亭", "徐立毅", "黄河", "创新驱动引擎", "2017", "2018年", "32", "100",
		"郑州 高新", "黄河 文化 郑州", "中原科技城 建设", "北京", "上海浦东",
		"不存在的词语组合", "龘", "讯 郑", "大学堂", "相关新闻", "踊跃发言", "誓师",
		NULL};
	for (size_t i = 0; fixed[i]; i++)
		compare(s, fixed[i]);
	CHECK(!kb_store_search(s, "，。！", NULL, &rows), "a query of punctuation alone is an error");
	CHECK(kb_store_search(s, "\"郑州\"", NULL, &rows), "quotes in a query are no syntax error");
	kb_rows_finish(&rows);
	CHECK(kb_store_search(s, "郑州", NULL, &rows) && rows.n > 0 && rows.v[0].snippet &&
	      strstr(rows.v[0].snippet, "[郑州]"), "snippets mark the hits");
	bool ranked = true;
	for (size_t i = 1; i < rows.n; i++)
		ranked &= rows.v[i - 1].rank <= rows.v[i].rank;
	CHECK(ranked, "results ranked best first");
	kb_rows_finish(&rows);
	/* title weighting: by relevance, an article with the word in its title
	 * comes first */
	struct kb_filter rel = {.sort = KB_SORT_RELEVANCE};
	CHECK(kb_store_search(s, "誓师", &rel, &rows) && rows.n >= 1 &&
	      strstr(rows.v[0].title, "誓师"), "by relevance a title hit ranks first");
	kb_rows_finish(&rows);
	kb_store_close(s);
	test_dates(root, dir);
	for (size_t i = 0; i < n_arts; i++) {
		free(arts[i].id);
		for (int f = 0; f < 4; f++)
			free(arts[i].fields[f]);
	}
	char cmd[700];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
