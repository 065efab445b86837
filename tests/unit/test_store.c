/* SPDX-License-Identifier: MIT */
/*
 * The store: opening and migrating, refusing what it must refuse (a newer
 * schema, a damaged file), import and re-import, stable ids, annotations,
 * and above all that a re-import of an edited edition keeps every tag, note
 * and highlight: where its article went, or detached, never lost.
 */
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

#include "files.h"

static const char *root;

static char *ids(struct kb_store *s)
{
	struct kb_rows rows;
	struct kb_buf b;
	kb_buf_init(&b);
	if (kb_store_list(s, NULL, &rows)) {
		for (size_t i = 0; i < rows.n; i++)
			kb_buf_printf(&b, "%s%s", i ? " " : "", rows.v[i].id);
		kb_rows_finish(&rows);
	}
	return kb_buf_steal(&b);
}

/* The id of the article whose title contains t. */
static char *find_title(struct kb_store *s, const char *t)
{
	struct kb_rows rows;
	char *id = NULL;
	if (kb_store_list(s, NULL, &rows)) {
		for (size_t i = 0; i < rows.n && !id; i++)
			if (strstr(rows.v[i].title, t))
				id = strdup(rows.v[i].id);
		kb_rows_finish(&rows);
	}
	return id;
}

static void test_open(void)
{
	struct kb_store *s = open_db("deep/er/lib.db");
	CHECK(s != NULL, "open creates the database and its directories");
	kb_store_close(s);
	s = open_db("deep/er/lib.db");
	CHECK(s != NULL, "reopen an existing database");
	kb_store_close(s);

	sqlite3 *db;
	sqlite3_open(path("deep/er/lib.db"), &db);
	sqlite3_exec(db, "PRAGMA user_version=99", NULL, NULL, NULL);
	sqlite3_close(db);
	char err[512] = "";
	s = kb_store_open(path("deep/er/lib.db"), err, sizeof(err));
	CHECK(!s && strstr(err, "newer") && strstr(err, "lib.db"),
	      "a database of a newer kanbao is refused, naming the file: %s", err);
	kb_store_close(s);

	spit(path("garbage.db"), "this is not a database, just some text that is long enough "
				 "to fill a header page of an sqlite file................");
	s = kb_store_open(path("garbage.db"), err, sizeof(err));
	CHECK(!s && strstr(err, "garbage.db"), "a file that is not a database: clear error: %s", err);
	kb_store_close(s);

	setenv("KANBAO_DB", "/tmp/x/k.db", 1);
	char *p = kb_store_default_path();
	CHECK_STR(p, "/tmp/x/k.db", "KANBAO_DB chooses the database");
	free(p);
	unsetenv("KANBAO_DB");
	setenv("XDG_DATA_HOME", "/data", 1);
	p = kb_store_default_path();
	CHECK_STR(p, "/data/kanbao/kanbao.db", "XDG_DATA_HOME is honoured");
	free(p);
	unsetenv("XDG_DATA_HOME");
}

/* Libraries made by earlier kanbaos are brought up to date when opened:
 * tests/fixtures/store/library-v2.db (made by the kanbao of issue 9) gets
 * the reading order key, articles numbered by date and the index without
 * positions; library-v3.db (schema 3) the headline made when read and the
 * index of distinct tokens. Each holds two sample editions, a tag and a
 * note; the data and annotations are kept, the search finds what it did. */
static void test_migrate(void)
{
	static const char *const fixtures[] = {"library-v2.db", "library-v3.db"};
	for (size_t f = 0; f < 2; f++) {
		const char *fx = fixtures[f];
		char src[600], cmd[1400];
		snprintf(src, sizeof(src), "%s/tests/fixtures/store/%s", root, fx);
		snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", src, path("old.db"));
		CHECK(system(cmd) == 0, "migrate %s: copied", fx);
		struct kb_store *s = open_db("old.db");
		struct kb_edition_row *eds = NULL;
		size_t n = 0;
		CHECK(s && kb_store_editions(s, &eds, &n) && n == 2 && eds[0].n_articles == 5 &&
			      eds[0].key && eds[0].key[0],
		      "migrate %s: both editions, their counts and sort keys", fx);
		kb_edition_rows_free(eds, n);
		struct kb_full *a = s ? kb_store_get(s, "dnmer68nt767") : NULL;
		CHECK(a && a->n_tags == 1 && a->note && strcmp(a->note, "迁移前的笔记") == 0,
		      "migrate %s: the tag and the note are still there", fx);
		kb_full_destroy(a);
		struct kb_rows rows = {0};
		CHECK(s && kb_store_search(s, "高新区", NULL, &rows) && rows.n == 6,
		      "migrate %s: search finds the 6 articles it found before (%zu)", fx, rows.n);
		kb_rows_finish(&rows);
		CHECK(s && kb_store_search(s, "迁移前", NULL, &rows) && rows.n == 1,
		      "migrate %s: and the note (%zu)", fx, rows.n);
		kb_rows_finish(&rows);
		char *report = NULL;
		CHECK(s && kb_store_check(s, &report) && strcmp(report, "ok") == 0,
		      "migrate %s: check ok (%s)", fx, report ? report : "-");
		free(report);
		kb_store_close(s);
		snprintf(cmd, sizeof(cmd), "rm -f '%s' '%s-wal' '%s-shm'", path("old.db"),
			 path("old.db"), path("old.db"));
		if (system(cmd) != 0)
			printf("# could not remove old.db\n");
	}
}

/* Issue 12: a highlight's colour is set, read back, refused when unknown,
 * and a library of schema 6 (no colour column) keeps its highlights. */
static void test_hl_color(void)
{
	struct kb_store *s = open_db("a.db");
	char *id = find_title(s, "郑州部署今年");
	struct kb_full *a = id ? kb_store_get(s, id) : NULL;
	int64_t hid = 0;
	CHECK(a && kb_store_add_highlight(s, id, 0, 3, NULL, &hid), "a highlight to colour");
	kb_full_destroy(a);
	a = id ? kb_store_get(s, id) : NULL;
	size_t k = 0;
	while (a && k < a->n_highlights && a->highlights[k].id != hid)
		k++;
	CHECK(a && k < a->n_highlights && a->highlights[k].color == NULL, "a new highlight is yellow (NULL)");
	kb_full_destroy(a);
	CHECK(kb_store_set_highlight_color(s, hid, "red"), "set red");
	a = kb_store_get(s, id);
	CHECK(a && k < a->n_highlights && a->highlights[k].color &&
		      strcmp(a->highlights[k].color, "red") == 0, "read back red");
	kb_full_destroy(a);
	CHECK(!kb_store_set_highlight_color(s, hid, "pink") && strstr(kb_store_error(s), "pink") &&
		      strstr(kb_store_error(s), "purple"),
	      "an unknown colour is refused, naming the allowed ones (%s)", kb_store_error(s));
	CHECK(!kb_store_set_highlight_color(s, 999999, "blue"), "no such highlight: refused");
	a = kb_store_get(s, id);
	CHECK(a && k < a->n_highlights && a->highlights[k].color &&
		      strcmp(a->highlights[k].color, "red") == 0, "still red after the refusals");
	kb_full_destroy(a);
	CHECK(kb_store_set_highlight_color(s, hid, "yellow"), "set yellow");
	a = kb_store_get(s, id);
	CHECK(a && k < a->n_highlights && a->highlights[k].color == NULL, "yellow is stored as NULL");
	kb_full_destroy(a);
	CHECK(kb_store_set_highlight_color(s, hid, "purple"), "set purple again");
	kb_store_close(s);

	/* the library as schema 6 had it: no colour column */
	char cmd[1400];
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", path("a.db"), path("v6.db"));
	CHECK(system(cmd) == 0, "migrate 6: copied");
	sqlite3 *db;
	sqlite3_open(path("v6.db"), &db);
	CHECK(sqlite3_exec(db, "ALTER TABLE highlight DROP COLUMN color; PRAGMA user_version=6",
			   NULL, NULL, NULL) == SQLITE_OK,
	      "migrate 6: the colour column taken away, version 6");
	sqlite3_close(db);
	s = open_db("v6.db");
	a = s && id ? kb_store_get(s, id) : NULL;
	CHECK(a && k < a->n_highlights && a->highlights[k].id == hid && a->highlights[k].color == NULL,
	      "migrate 6: the highlight is still there, yellow");
	kb_full_destroy(a);
	CHECK(s && kb_store_set_highlight_color(s, hid, "green"), "migrate 6: and takes a colour");
	kb_store_close(s);
	s = open_db("a.db");
	CHECK(s && kb_store_delete_highlight(s, hid), "the test highlight removed");
	kb_store_close(s);
	free(id);
}

/* Truncated and bit-flipped copies of a real database: errors, no crash. */
static void test_damaged(void)
{
	struct kb_store *s = open_db("good.db");
	char src[512];
	snprintf(src, sizeof(src), "%s/sample-issues/002_c5a4716e04ad5819.txt", root);
	struct kb_import_stats st;
	kb_store_import_file(s, src, NULL, NULL, &st);
	kb_store_close(s);
	char *data;
	FILE *f = fopen(path("good.db"), "rb");
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)n);
	size_t got = fread(data, 1, (size_t)n, f);
	fclose(f);
	/* truncated to half */
	f = fopen(path("half.db"), "wb");
	fwrite(data, 1, got / 2, f);
	fclose(f);
	char err[512] = "";
	s = kb_store_open(path("half.db"), err, sizeof(err));
	char *report = NULL;
	bool ok = s && kb_store_check(s, &report);
	CHECK(!ok, "a truncated database is found damaged (open or check fails, no crash): %s",
	      s ? (report ? report : "") : err);
	free(report);
	kb_store_close(s);
	/* bytes flipped in the middle */
	for (long i = 4096; i < n; i += 97) /* past the header: every page hit */
		data[i] ^= 0x5A;
	f = fopen(path("flipped.db"), "wb");
	fwrite(data, 1, got, f);
	fclose(f);
	s = kb_store_open(path("flipped.db"), err, sizeof(err));
	report = NULL;
	ok = s && kb_store_check(s, &report);
	struct kb_rows rows;
	if (s)
		kb_store_list(s, NULL, &rows), kb_rows_finish(&rows);
	CHECK(!ok, "a bit-flipped database is found damaged, no crash");
	free(report);
	kb_store_close(s);
	free(data);
}

static void test_import(void)
{
	struct kb_store *a = open_db("a.db"), *b = open_db("b.db");
	char src[512];
	struct kb_import_stats st;
	int fresh = 0, unchanged = 0;
	for (int i = 0; i < 5; i++) {
		static const char *names[] = {"000_0a7de6b0a5fb8a92", "001_aacf007eaa5a2604",
					      "002_c5a4716e04ad5819", "003_f5e520663d73474f",
					      "004_c52dc1dd292ef930"};
		snprintf(src, sizeof(src), "%s/sample-issues/%s.txt", root, names[i]);
		fresh += kb_store_import_file(a, src, NULL, NULL, &st) == KB_IMPORT_NEW;
		unchanged += kb_store_import_file(a, src, NULL, NULL, &st) == KB_IMPORT_UNCHANGED;
		kb_store_import_file(b, src, NULL, NULL, &st);
	}
	CHECK(fresh == 5, "five sample editions imported");
	CHECK(unchanged == 5, "importing them again changes nothing");
	char *ia = ids(a), *ib = ids(b);
	CHECK(strlen(ia) > 0 && strcmp(ia, ib) == 0, "the same articles have the same ids in two databases");
	struct kb_rows rows;
	kb_store_list(a, NULL, &rows);
	CHECK(rows.n == 15, "15 articles listed (%zu)", rows.n);
	kb_rows_finish(&rows);
	snprintf(src, sizeof(src), "%s/nope.txt", dir);
	CHECK(kb_store_import_file(a, src, NULL, NULL, &st) == KB_IMPORT_FAILED &&
	      strstr(kb_store_error(a), "nope.txt"), "a missing file fails, naming it");
	free(ia);
	free(ib);
	kb_store_close(a);
	kb_store_close(b);
}

static size_t count(struct kb_store *s, const char *id, const char *what)
{
	struct kb_full *a = kb_store_get(s, id);
	size_t n = 0;
	if (a) {
		if (!strcmp(what, "tags"))
			n = a->n_tags;
		else if (!strcmp(what, "highlights"))
			n = a->n_highlights;
		else if (!strcmp(what, "note"))
			n = a->note != NULL;
		else if (!strcmp(what, "read"))
			n = a->read;
	}
	kb_full_destroy(a);
	return n;
}

static void test_reimport(void)
{
	char src[512];
	snprintf(src, sizeof(src), "%s/sample-issues/000_0a7de6b0a5fb8a92.txt", root);
	char *orig = slurp(src);
	char *ed = path("2017-09-05_p03.txt");
	spit(ed, orig);
	struct kb_store *s = open_db("re.db");
	struct kb_import_stats st;
	CHECK(kb_store_import_file(s, ed, NULL, NULL, &st) == KB_IMPORT_NEW, "edition imported");
	char *second = find_title(s, "提供创新驱动引擎");
	char *fourth = find_title(s, "王新亭带领高新区党政代表团");
	CHECK(second && fourth, "the articles to annotate are there");
	if (!second || !fourth)
		return;
	/* annotate: tags, a note, read state, two highlights on the second */
	struct kb_full *a = kb_store_get(s, second);
	const char *q1 = "借鉴经验谋发展", *q2 = "以优异成绩迎接党的十九大胜利召开";
	size_t s1 = (size_t)(strstr(a->text, q1) - a->text), s2 = (size_t)(strstr(a->text, q2) - a->text);
	CHECK(kb_store_tag(s, second, "自创区") && kb_store_tag(s, second, "访谈") &&
	      kb_store_set_note(s, second, "王新亭的专访，*要点*：创新驱动") &&
	      kb_store_set_read(s, second, true) &&
	      kb_store_add_highlight(s, second, s1, s1 + strlen(q1), "对标", NULL) &&
	      kb_store_add_highlight(s, second, s2, s2 + strlen(q2), NULL, NULL),
	      "annotations written on the second article");
	kb_full_destroy(a);
	CHECK(kb_store_tag(s, fourth, "考察"), "a tag on the fourth article");
	CHECK(!kb_store_tag(s, "zzzzzzzzzzzz", "x") && strstr(kb_store_error(s), "zzzzzzzzzzzz"),
	      "tagging an unknown id fails, naming it");

	/* the edition is corrected: a paragraph of the second article changes,
	 * an article is inserted before it, the fourth article's title is fixed */
	char *e1 = replace(orig, "王新亭要求,为进一步深入贯彻", "王新亭强调,为更加深入地贯彻");
	char *e2 = replace(e1, "为郑州建设国家中心城市提供创新驱动引擎\n",
			   "新增的一篇报道\n\n本报讯 这是一篇插在前面的新文章,讲述另一件事。\n\n记者 张三\n\n"
			   "为郑州建设国家中心城市提供创新驱动引擎\n");
	char *e3 = replace(e2, "王新亭带领高新区党政代表团 赴武汉、成都学习考察",
			   "王新亭率高新区党政代表团赴武汉成都考察学习");
	spit(ed, e3);
	CHECK(kb_store_import_file(s, ed, NULL, NULL, &st) == KB_IMPORT_UPDATED,
	      "the corrected edition is re-imported (%zu moved, %zu detached)", st.moved, st.detached);
	char *second2 = find_title(s, "提供创新驱动引擎");
	char *fourth2 = find_title(s, "王新亭率高新区党政代表团");
	CHECK(second2 && strcmp(second2, second) == 0, "the second article kept its id");
	CHECK(second2 && count(s, second2, "tags") == 2 && count(s, second2, "note") == 1 &&
	      count(s, second2, "read") == 1, "its tags, note and read state are all there");
	CHECK(second2 && count(s, second2, "highlights") == 2, "both highlights still anchored");
	a = second2 ? kb_store_get(s, second2) : NULL;
	bool anchored = a && a->n_highlights == 2;
	for (size_t i = 0; anchored && i < a->n_highlights; i++)
		anchored = strncmp(a->text + a->highlights[i].start, a->highlights[i].quote,
				   a->highlights[i].end - a->highlights[i].start) == 0;
	CHECK(anchored, "each highlight points at its quote in the new text");
	kb_full_destroy(a);
	CHECK(fourth2 && strcmp(fourth2, fourth) != 0 && count(s, fourth2, "tags") == 1,
	      "the retitled article has a new id and its tag moved with it");
	struct kb_detached *d;
	size_t nd;
	kb_store_detached(s, &d, &nd);
	CHECK(nd == 0, "nothing detached (%zu)", nd);
	kb_detached_free(d, nd);

	/* a destructive edit: the highlighted sentence is cut, the fourth
	 * article is removed from the page */
	char *e4 = replace(e3, "以优异成绩迎接党的十九大胜利召开", "迎接党的十九大");
	const char *cut_from = strstr(e4, "取武汉、成都、苏州、合肥真经");
	const char *cut_to = strstr(cut_from, "对标先进找差距 借鉴经验谋发展 李金勇");
	char *e5 = malloc(strlen(e4) + 1);
	memcpy(e5, e4, (size_t)(cut_from - e4));
	strcpy(e5 + (cut_from - e4), cut_to);
	spit(ed, e5);
	kb_store_import_file(s, ed, NULL, NULL, &st);
	kb_store_detached(s, &d, &nd);
	bool tag_kept = false, hl_kept = false;
	for (size_t i = 0; i < nd; i++) {
		tag_kept |= !strcmp(d[i].kind, "tag") && !strcmp(d[i].text, "考察") && d[i].title &&
			    strstr(d[i].title, "代表团");
		hl_kept |= !strcmp(d[i].kind, "highlight") && strstr(d[i].text, "以优异成绩");
	}
	CHECK(tag_kept, "the removed article's tag is kept detached, with its old headline");
	CHECK(hl_kept, "the highlight whose quote was cut is kept detached, with its quote");
	kb_detached_free(d, nd);
	CHECK(second2 && count(s, second2, "highlights") == 1 && count(s, second2, "tags") == 2,
	      "the second article keeps its other highlight and its tags");
	/* re-attach the detached tag to another article */
	char *other = find_title(s, "对标先进找差距");
	CHECK(other && kb_store_reattach(s, fourth2, other) && count(s, other, "tags") == 1,
	      "a detached annotation can be re-attached");
	kb_store_detached(s, &d, &nd);
	CHECK(nd == 1, "only the cut highlight stays detached (%zu)", nd);
	kb_detached_free(d, nd);
	/* the loader improved: a changed parser version re-parses unchanged files */
	kb_store_close(s);
	sqlite3 *db;
	sqlite3_open(path("re.db"), &db);
	sqlite3_exec(db, "UPDATE edition SET parser=0", NULL, NULL, NULL);
	sqlite3_close(db);
	s = open_db("re.db");
	CHECK(kb_store_import_file(s, ed, NULL, NULL, &st) == KB_IMPORT_UPDATED,
	      "an edition read by an older loader is parsed again");
	CHECK(second2 && count(s, second2, "tags") == 2 && count(s, second2, "note") == 1,
	      "annotations survive the re-parse");
	char *report = NULL;
	CHECK(kb_store_check(s, &report), "integrity check after all that: %s", report);
	free(report);
	kb_store_close(s);
	free(orig);
	free(e1);
	free(e2);
	free(e3);
	free(e4);
	free(e5);
	free(second);
	free(fourth);
	free(second2);
	free(fourth2);
	free(other);
}

static void test_annotations(void)
{
	struct kb_store *s = open_db("a.db");
	char *id = find_title(s, "郑州部署今年");
	CHECK(id != NULL, "an article to annotate");
	if (!id)
		return;
	CHECK(kb_store_tag(s, id, "  党建  ") && count(s, id, "tags") == 1, "tag (trimmed)");
	CHECK(kb_store_tag(s, id, "党建") && count(s, id, "tags") == 1, "tagging twice is one tag");
	CHECK(!kb_store_tag(s, id, "   "), "an empty tag is refused");
	struct kb_tag_count *tc;
	size_t ntc;
	kb_store_tags(s, &tc, &ntc);
	CHECK(ntc == 1 && !strcmp(tc[0].name, "党建") && tc[0].count == 1, "tags with counts");
	kb_tag_counts_free(tc, ntc);
	struct kb_filter f = {0};
	const char *want[] = {"党建"};
	f.tags = want;
	f.n_tags = 1;
	struct kb_rows rows;
	kb_store_list(s, &f, &rows);
	CHECK(rows.n == 1 && !strcmp(rows.v[0].id, id), "list --tag finds it");
	kb_rows_finish(&rows);
	CHECK(kb_store_untag(s, id, "党建") && count(s, id, "tags") == 0, "untag");
	CHECK(kb_store_set_note(s, id, "机关党建的笔记") && count(s, id, "note") == 1, "note set");
	CHECK(kb_store_search(s, "笔记", NULL, &rows) && rows.n == 1 && !strcmp(rows.v[0].id, id),
	      "the note is searchable");
	kb_rows_finish(&rows);
	CHECK(kb_store_set_note(s, id, NULL) && count(s, id, "note") == 0, "note removed");
	CHECK(kb_store_search(s, "笔记", NULL, &rows) && rows.n == 0, "and no longer found");
	kb_rows_finish(&rows);
	f.n_tags = 0;
	f.unread = true;
	kb_store_list(s, &f, &rows);
	size_t unread = rows.n;
	kb_rows_finish(&rows);
	CHECK(kb_store_set_read(s, id, true), "mark read");
	kb_store_list(s, &f, &rows);
	CHECK(rows.n == unread - 1, "--unread leaves it out");
	kb_rows_finish(&rows);
	struct kb_full *a = kb_store_get(s, id);
	int64_t hid = 0;
	CHECK(a && !kb_store_add_highlight(s, id, 1, 2, NULL, &hid),
	      "a highlight inside a character is refused");
	CHECK(a && kb_store_add_highlight(s, id, 0, 3, "第一个字", &hid) && count(s, id, "highlights") == 1,
	      "a highlight with a note");
	CHECK(kb_store_delete_highlight(s, hid) && count(s, id, "highlights") == 0, "highlight deleted");
	kb_full_destroy(a);
	f.unread = false;
	f.date_from = "2021-01-01";
	kb_store_list(s, &f, &rows);
	CHECK(rows.n == 0, "samples have no date: a date filter finds none");
	kb_rows_finish(&rows);
	free(id);
	kb_store_close(s);
}

/* Imports grouped in a batch: the index matches the articles, edits are
 * searchable, annotations carried over as without batching. */
static void test_batch(void)
{
	char src[512];
	snprintf(src, sizeof(src), "%s/sample-issues/003_f5e520663d73474f.txt", root);
	char *orig = slurp(src);
	char *ed = path("2021-02-27_p01.txt");
	spit(ed, orig);
	struct kb_store *s = open_db("batch.db");
	struct kb_import_stats st;
	CHECK(kb_store_batch(s, true) && kb_store_import_file(s, ed, NULL, NULL, &st) == KB_IMPORT_NEW,
	      "batch: import");
	char *id = find_title(s, "郑州部署今年");
	CHECK(id && kb_store_set_note(s, id, "批量导入后的笔记"), "batch: a note inside a batch commits it");
	char *e1 = replace(orig, "周富强出席会议并讲话", "周富强出席会议并作重要讲话");
	spit(ed, e1);
	CHECK(kb_store_batch(s, true) && kb_store_import_file(s, ed, NULL, NULL, &st) == KB_IMPORT_UPDATED &&
	      kb_store_batch(s, false), "batch: re-import the edited edition");
	struct kb_rows rows;
	CHECK(kb_store_search(s, "作重要讲话", NULL, &rows) && rows.n == 1, "batch: the new text is found");
	kb_rows_finish(&rows);
	CHECK(kb_store_search(s, "笔记", NULL, &rows) && rows.n == 1, "batch: the note is still found");
	kb_rows_finish(&rows);
	char *report = NULL;
	CHECK(kb_store_check(s, &report), "batch: index and articles agree: %s", report);
	free(report);
	kb_store_close(s);
	free(id);
	free(orig);
	free(e1);
}

/* A short quote whose surroundings were rewritten is not pinned on some
 * other occurrence of the same characters: it is detached. A long unique
 * quote whose surroundings changed is found again. */
static void test_anchor_context(void)
{
	const char *v1 = "短引文测试\n\n本报讯 会议指出，发展是第一要务。会议要求，发展要稳。\n\n记者 甲乙\n";
	const char *v2 = "短引文测试\n\n本报讯 会议强调，创新是第一动力。会议要求，发展要稳。\n\n记者 甲乙\n";
	char *ed = path("2020-02-02_p01.txt");
	spit(ed, v1);
	struct kb_store *s = open_db("anchor.db");
	struct kb_import_stats st;
	kb_store_import_file(s, ed, NULL, NULL, &st);
	char *id = find_title(s, "短引文测试");
	struct kb_full *a = id ? kb_store_get(s, id) : NULL;
	const char *q = "发展", *longq = "会议要求，发展要稳";
	size_t at = a ? (size_t)(strstr(a->text, q) - a->text) : 0;
	size_t lat = a ? (size_t)(strstr(a->text, longq) - a->text) : 0;
	CHECK(a && kb_store_add_highlight(s, id, at, at + strlen(q), NULL, NULL) &&
	      kb_store_add_highlight(s, id, lat, lat + strlen(longq), NULL, NULL),
	      "anchor: a short and a long highlight");
	kb_full_destroy(a);
	spit(ed, v2);
	kb_store_import_file(s, ed, NULL, NULL, &st);
	free(id); /* the opening changed: a new id, the annotations moved to it */
	id = find_title(s, "短引文测试");
	a = id ? kb_store_get(s, id) : NULL;
	CHECK(a && a->n_highlights == 1 && strcmp(a->highlights[0].quote, longq) == 0,
	      "anchor: the long quote is found again, the short one is not pinned elsewhere");
	kb_full_destroy(a);
	struct kb_detached *d;
	size_t nd;
	kb_store_detached(s, &d, &nd);
	CHECK(nd == 1 && strcmp(d[0].text, q) == 0, "anchor: the short quote is kept detached");
	kb_detached_free(d, nd);
	free(id);
	kb_store_close(s);
}

/* Does s hold whole UTF-8 characters only (no sequence cut short)? */
static bool whole_chars(const char *s)
{
	for (const unsigned char *q = (const unsigned char *)s; *q;) {
		int n = *q < 0x80 ? 1 : *q >= 0xF0 ? 4 : *q >= 0xE0 ? 3 : 2;
		for (int k = 1; k < n; k++)
			if ((q[k] & 0xC0) != 0x80)
				return false;
		q += n;
	}
	return true;
}

/* An untitled article (the rest of one cut off from its headline) is
 * listed by its first words, not as one more "(no headline)". */
static void test_untitled_label(void)
{
	struct kb_store *s = open_db("untitled.db");
	spit(path("untitled.txt"),
	     "城市书房开进社区\n\n本报讯 第十二家城市书房正式开放。\n\n记者 刘洋\n\n"
	     "较去年同期增长了62%，创新创业氛围日益浓厚，成效明显。\n\n"
	     "今年还将继续扩大规模，争取更多企业入驻园区。\n\n记者 张海涛\n");
	struct kb_import_stats st;
	kb_store_import_file(s, path("untitled.txt"), NULL, NULL, &st);
	struct kb_rows rows;
	kb_store_list(s, NULL, &rows);
	CHECK(rows.n == 2, "untitled: two articles (%zu)", rows.n);
	char buf[64];
	if (rows.n == 2) {
		CHECK_STR(kb_row_label(&rows.v[0], buf, sizeof(buf)), "城市书房开进社区",
			  "untitled: a titled article is listed by its title");
		CHECK(rows.v[0].lead == NULL, "untitled: no lead for a titled article");
		const char *l = kb_row_label(&rows.v[1], buf, sizeof(buf));
		CHECK(!strncmp(l, "…较去年同期增长了62%，创新创业", strlen("…较去年同期增长了62%，创新创业")) &&
		      !strchr(l, '\n'), "untitled: listed by its first words, on one line (%s)", l);
		struct kb_row bare = {.title = ""};
		CHECK_STR(kb_row_label(&bare, buf, sizeof(buf)), "(no headline)",
			  "untitled: nothing to show says so");
		char tiny[12];
		l = kb_row_label(&rows.v[1], tiny, sizeof(tiny));
		CHECK(strlen(l) < sizeof(tiny) && whole_chars(l),
		      "untitled: a short buffer cuts on a whole character");
	}
	kb_rows_finish(&rows);
	kb_store_close(s);
}

/* The list's pages (kb_store_editions_page) walk the reading order: paper
 * (none last), date (none last), page as a number, then name; a page after
 * or before any edition is exactly the next or previous editions of the
 * whole order, and the count places each edition. */
static void test_paging(void)
{
	/* file name, header lines (paper/date/page), in the order expected */
	static const struct {
		const char *file, *head;
	} eds[] = {
		{"p-b.txt", "paper: 人民日报\ndate: 2019-02-15\npage: 3\n"},
		{"p-a.txt", "paper: 人民日报\ndate: 2021-01-01\npage: 1\n"},
		{"2020-12-31_p03.txt", NULL},
		{"2021-02-27_p01.txt", NULL},
		{"2021-02-27_p02.txt", NULL},
		{"x-2021-02-27_p02.txt", "date: 2021-02-27\npage: 2\n"},
		{"2021-02-27_p10.txt", NULL},
		{"2021-03-01_p01.txt", NULL},
		{"2021-03-01_p01b.txt", "date: 2021-03-01\npage: 1\n"},
		{"undated-c.txt", "page: 2\n"}, /* a page before none */
		{"undated-a.txt", NULL},
		{"undated-b.txt", NULL},
	};
	enum { N = sizeof(eds) / sizeof(eds[0]) };
	struct kb_store *s = open_db("paging.db");
	struct kb_import_stats st;
	/* imported in reverse, so the order cannot come from the import's */
	for (int i = N - 1; i >= 0; i--) {
		char text[512];
		snprintf(text, sizeof(text), "%s%s%s第%d篇的标题\n\n本报讯 第%d篇文章的正文。\n",
			 eds[i].head ? "---\n" : "", eds[i].head ? eds[i].head : "",
			 eds[i].head ? "---\n" : "", i, i);
		char *f = path(eds[i].file);
		spit(f, text);
		kb_store_import_file(s, f, NULL, NULL, &st);
	}
	struct kb_edition_row *all = NULL;
	size_t n = 0;
	CHECK(kb_store_editions(s, &all, &n) && n == N, "paging: %d editions (%zu)", N, n);
	bool order = n == N;
	for (size_t i = 0; order && i < n; i++)
		order = strcmp(all[i].name, eds[i].file) == 0;
	CHECK(order, "paging: reading order is paper, date, page as a number, name");
	for (size_t i = 0; !order && i < n; i++)
		printf("#   %zu %s\n", i, all[i].name);
	size_t bad_fw = 0, bad_bw = 0, bad_pos = 0;
	for (size_t k = 1; k <= 4; k++) {
		for (size_t i = 0; i <= n; i++) { /* i == n: from NULL */
			const struct kb_edition_row *from = i < n ? &all[i] : NULL;
			struct kb_edition_row *page = NULL;
			size_t got = 0;
			/* forward: the k after from (from the start for NULL) */
			size_t first = from ? i + 1 : 0, want = first + k <= n ? k : n - first;
			if (!kb_store_editions_page(s, from, false, k, &page, &got) || got != want)
				bad_fw++;
			for (size_t j = 0; j < got && j < want; j++)
				bad_fw += page[j].id != all[first + j].id;
			kb_edition_rows_free(page, got);
			/* backward: the k before from, nearest first */
			size_t last = from ? i : n; /* exclusive */
			want = last >= k ? k : last;
			page = NULL;
			if (!kb_store_editions_page(s, from, true, k, &page, &got) || got != want)
				bad_bw++;
			for (size_t j = 0; j < got && j < want; j++)
				bad_bw += page[j].id != all[last - 1 - j].id;
			kb_edition_rows_free(page, got);
			size_t total = 0, pos = 0;
			if (from && (!kb_store_edition_count(s, from, &total, &pos) || total != n ||
				     pos != i))
				bad_pos++;
		}
	}
	CHECK(bad_fw == 0, "paging: every forward page of 1-4 is the next editions (%zu wrong)",
	      bad_fw);
	CHECK(bad_bw == 0, "paging: every backward page is the previous ones, nearest first (%zu wrong)",
	      bad_bw);
	CHECK(bad_pos == 0, "paging: the count places every edition (%zu wrong)", bad_pos);

	kb_edition_rows_free(all, n);
	kb_store_close(s);
}

int main(int argc, char **argv)
{
	root = argc > 1 ? argv[1] : ".";
	snprintf(dir, sizeof(dir), "/tmp/kanbao-test-store-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	test_open();
	test_migrate();
	test_damaged();
	test_import();
	test_annotations();
	test_hl_color();
	test_reimport();
	test_batch();
	test_anchor_context();
	test_untitled_label();
	test_paging();
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
