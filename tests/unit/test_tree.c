/* SPDX-License-Identifier: MIT */
/*
 * The reader's tree (src/store/tree.c): papers in name order (none last),
 * each paper's issues newest first (its undated editions one group, last),
 * each issue's editions by page as a number, then name. A page of issues
 * after or before any issue is exactly the next or previous issues of the
 * whole order, a paper can be skipped whole, the counts are the articles'
 * and the read ones', and next/previous unread and a first start follow
 * the same order.
 */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

#include "files.h"

/* file name, header lines (paper/date/page), in the tree's order */
static const struct {
	const char *file, *head;
	int issue; /* the issue's index in the tree */
} eds[] = {
	{"p-a.txt", "paper: 人民日报\ndate: 2021-01-01\npage: 1\n", 0},
	{"p-b.txt", "paper: 人民日报\ndate: 2019-02-15\npage: 3\n", 1},
	{"p-c.txt", "paper: 人民日报\npage: 1\n", 2}, /* the paper's undated group */
	{"2021-03-01_p01.txt", NULL, 3},
	{"2021-03-01_p01b.txt", "date: 2021-03-01\npage: 1\n", 3},
	{"2021-02-27_p01.txt", NULL, 4},
	{"2021-02-27_p02.txt", NULL, 4},
	{"x-2021-02-27_p02.txt", "date: 2021-02-27\npage: 2\n", 4},
	{"2021-02-27_p10.txt", NULL, 4},
	{"2020-12-31_p03.txt", NULL, 5},
	{"undated-c.txt", "page: 2\n", 6}, /* a page before none */
	{"undated-a.txt", NULL, 6},
	{"undated-b.txt", NULL, 6},
};
enum { N = sizeof(eds) / sizeof(eds[0]), ISSUES = 7 };

/* Every issue, in the tree's order, through pages of one. */
static size_t all_issues(struct kb_store *s, struct kb_issue_row *out)
{
	size_t n = 0;
	char *from = NULL;
	for (;;) {
		struct kb_issue_row *page = NULL;
		size_t got = 0;
		if (!kb_store_issues_page(s, from, false, false, 1, &page, &got) || !got || n == ISSUES) {
			kb_issue_rows_free(page, got);
			break;
		}
		out[n++] = page[0];
		free(page);
		from = out[n - 1].key;
	}
	return n;
}

int main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "/tmp/kanbao-test-tree-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	struct kb_store *s = open_db("tree.db");
	struct kb_import_stats st;
	/* imported in reverse, so the order cannot come from the import's;
	 * article i of each edition is "第<edition>-<i>篇" */
	for (int i = N - 1; i >= 0; i--) {
		char text[1024];
		snprintf(text, sizeof(text),
			 "%s%s%s第%d-1篇的标题\n\n本报讯 第%d篇文章的正文。\n\n"
			 "第%d-2篇的标题\n\n本报讯 又一篇文章的正文，第%d篇。\n",
			 eds[i].head ? "---\n" : "", eds[i].head ? eds[i].head : "",
			 eds[i].head ? "---\n" : "", i, i, i, i);
		char *f = path(eds[i].file);
		spit(f, text);
		kb_store_import_file(s, f, NULL, NULL, &st);
	}

	/* the issues, one page at a time */
	struct kb_issue_row is[ISSUES + 1];
	memset(is, 0, sizeof(is));
	size_t n = all_issues(s, is);
	CHECK(n == ISSUES, "tree: %d issues (%zu)", ISSUES, n);
	static const char *const want[][2] = {
		{"人民日报", "2021-01-01"}, {"人民日报", "2019-02-15"}, {"人民日报", NULL},
		{NULL, "2021-03-01"},       {NULL, "2021-02-27"},       {NULL, "2020-12-31"},
		{NULL, NULL},
	};
	bool order = n == ISSUES;
	for (size_t i = 0; order && i < n; i++)
		order = (want[i][0] ? is[i].paper && strcmp(is[i].paper, want[i][0]) == 0 : !is[i].paper) &&
			(want[i][1] ? is[i].date && strcmp(is[i].date, want[i][1]) == 0 : !is[i].date);
	CHECK(order, "tree: paper (none last), issues newest first, the undated group last");
	for (size_t i = 0; !order && i < n; i++)
		printf("#   %zu %s %s\n", i, is[i].paper ? is[i].paper : "-", is[i].date ? is[i].date : "-");
	size_t counts_ok = 0;
	for (size_t i = 0; i < n; i++) {
		size_t eds_in = 0;
		for (size_t e = 0; e < N; e++)
			eds_in += eds[e].issue == (int)i;
		counts_ok += is[i].n_editions == eds_in && is[i].n_articles == 2 * eds_in &&
			     is[i].n_unread == 2 * eds_in;
	}
	CHECK(counts_ok == ISSUES, "tree: each issue counts its editions, articles and unread ones");
	CHECK(n == ISSUES && is[0].first_of_paper && !is[1].first_of_paper && !is[2].first_of_paper &&
		      is[3].first_of_paper && !is[4].first_of_paper && !is[6].first_of_paper,
	      "tree: the first issue of each paper says so");

	/* every page of 1-3 after or before any issue */
	size_t bad_fw = 0, bad_bw = 0, bad_pos = 0;
	for (size_t k = 1; k <= 3; k++)
		for (size_t i = 0; i <= n; i++) { /* i == n: from NULL */
			const char *from = i < n ? is[i].key : NULL;
			struct kb_issue_row *page = NULL;
			size_t got = 0, first = from ? i + 1 : 0;
			size_t w = first + k <= n ? k : n - first;
			if (!kb_store_issues_page(s, from, false, false, k, &page, &got) || got != w)
				bad_fw++;
			for (size_t j = 0; j < got && j < w; j++)
				bad_fw += strcmp(page[j].key, is[first + j].key) != 0;
			kb_issue_rows_free(page, got);
			size_t last = from ? i : n;
			w = last >= k ? k : last;
			page = NULL;
			if (!kb_store_issues_page(s, from, true, false, k, &page, &got) || got != w)
				bad_bw++;
			for (size_t j = 0; j < got && j < w; j++)
				bad_bw += strcmp(page[j].key, is[last - 1 - j].key) != 0;
			kb_issue_rows_free(page, got);
			size_t total = 0, pos = 0;
			if (!kb_store_issue_count(s, from, &total, &pos) || total != n ||
			    pos != (from ? i : 0))
				bad_pos++;
		}
	CHECK(bad_fw == 0, "tree: every forward page is the next issues (%zu wrong)", bad_fw);
	CHECK(bad_bw == 0, "tree: every backward page is the previous ones, nearest first (%zu wrong)",
	      bad_bw);
	CHECK(bad_pos == 0, "tree: the count places every issue (%zu wrong)", bad_pos);

	/* a folded paper: skipped whole, both ways */
	struct kb_issue_row *page = NULL;
	size_t got = 0;
	CHECK(n == ISSUES && kb_store_issues_page(s, is[1].key, false, true, 2, &page, &got) &&
		      got == 2 && strcmp(page[0].key, is[3].key) == 0,
	      "tree: past a paper, from any of its issues, the next paper's first issue");
	kb_issue_rows_free(page, got);
	page = NULL;
	CHECK(n == ISSUES && kb_store_issues_page(s, is[5].key, true, true, 2, &page, &got) &&
		      got == 2 && strcmp(page[0].key, is[2].key) == 0,
	      "tree: back past a paper, the previous paper's last issue");
	kb_issue_rows_free(page, got);
	bool many = false;
	CHECK(kb_store_many_papers(s, &many) && many, "tree: two papers (one of them unknown) are many");

	/* an issue's editions in page order: 1, 2 (two, by name), 10 */
	struct kb_edition_row *er = NULL;
	size_t ne = 0;
	CHECK(n == ISSUES && kb_store_issue_editions(s, is[4].key, &er, &ne) && ne == 4 &&
		      strcmp(er[0].name, "2021-02-27_p01.txt") == 0 &&
		      strcmp(er[1].name, "2021-02-27_p02.txt") == 0 &&
		      strcmp(er[2].name, "x-2021-02-27_p02.txt") == 0 &&
		      strcmp(er[3].name, "2021-02-27_p10.txt") == 0,
	      "tree: an issue's editions by page as a number, then name");
	char *ik = ne ? kb_tree_issue_key(er[0].key) : NULL;
	CHECK(ik && strcmp(ik, is[4].key) == 0, "tree: an edition's key begins with its issue's");
	free(ik);
	/* its articles read: the issue's and the paper's counts follow */
	struct kb_rows arts = {0};
	if (ne)
		kb_store_edition_articles(s, er[0].id, &arts);
	for (size_t i = 0; i < arts.n; i++)
		kb_store_set_read(s, arts.v[i].id, true);
	kb_rows_finish(&arts);
	kb_edition_rows_free(er, ne);
	struct kb_issue_row one;
	CHECK(n == ISSUES && kb_store_issue(s, is[4].key, &one) && one.n_articles == 8 &&
		      one.n_unread == 6,
	      "tree: an issue's unread count leaves out what was read");
	kb_issue_row_clear(&one);
	struct kb_paper_row pr;
	CHECK(n == ISSUES && kb_store_paper_stats(s, is[4].key, &pr) && !pr.paper &&
		      pr.n_issues == 4 && pr.n_articles == 20 && pr.n_unread == 18,
	      "tree: a paper's issues, articles and unread ones");
	kb_paper_row_clear(&pr);
	CHECK(n == ISSUES && kb_store_paper_stats(s, is[0].key, &pr) && pr.paper &&
		      strcmp(pr.paper, "人民日报") == 0 && pr.n_issues == 3 && pr.n_articles == 6 &&
		      pr.n_unread == 6,
	      "tree: the other paper's, apart");
	kb_paper_row_clear(&pr);

	/* next and previous unread walk the tree's order */
	char *order_ids[2 * N];
	size_t na = 0;
	for (size_t i = 0; i < n; i++) {
		struct kb_edition_row *r = NULL;
		size_t k = 0;
		kb_store_issue_editions(s, is[i].key, &r, &k);
		for (size_t e = 0; e < k; e++) {
			struct kb_rows a = {0};
			kb_store_edition_articles(s, r[e].id, &a);
			for (size_t j = 0; j < a.n && na < 2 * N; j++)
				order_ids[na++] = strdup(a.v[j].id);
			kb_rows_finish(&a);
		}
		kb_edition_rows_free(r, k);
	}
	CHECK(na == 2 * N, "tree: %d articles in the tree (%zu)", 2 * N, na);
	/* read: those of 2021-02-27_p01 (order 10, 11) */
	bool walk = na == 2 * N;
	for (size_t i = 0; walk && i + 1 < na; i++) {
		if (i == 10 || i == 11)
			continue;
		size_t w = i + 1 == 10 ? 12 : i + 1;
		char *next = NULL;
		walk = kb_store_next_unread(s, order_ids[i], 1, &next) && next &&
		       strcmp(next, order_ids[w]) == 0;
		free(next);
	}
	CHECK(walk, "tree: the next unread of each article is the next in the tree, the read skipped");
	char *next = NULL;
	CHECK(na == 2 * N && kb_store_next_unread(s, order_ids[12], -1, &next) && next &&
		      strcmp(next, order_ids[9]) == 0,
	      "tree: the previous unread skips the read ones backward");
	free(next);
	next = NULL;
	CHECK(na == 2 * N && kb_store_next_unread(s, NULL, 1, &next) && next &&
		      strcmp(next, order_ids[0]) == 0,
	      "tree: from nowhere, the first unread of the tree");
	free(next);
	/* a first start: the newest day (2021-03-01), its first article */
	char *id = NULL;
	CHECK(na == 2 * N && kb_store_newest_unread(s, &id) && id && strcmp(id, order_ids[6]) == 0,
	      "tree: a first start shows the newest issue's first article (%s)", id ? id : "-");
	free(id);
	for (size_t i = 0; i < na; i++)
		free(order_ids[i]);
	for (size_t i = 0; i < n; i++)
		kb_issue_row_clear(&is[i]);
	kb_store_close(s);
	char cmd[400];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
