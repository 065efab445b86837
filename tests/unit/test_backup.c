/* SPDX-License-Identifier: MIT */
/*
 * The annotation backup (issue 5): a library's tags, notes, highlights and
 * read marks written as JSON and restored into other libraries. Restored
 * into one with the same editions, every annotation is equal (the two
 * backups are identical but for their time); restored twice, nothing more
 * is added; restored into an empty one, everything is kept detached with
 * its headline and attaches once the editions are imported; a merge keeps
 * both notes; and a document that is not a backup writes nothing.
 */
#include "tap.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

#include "files.h"

static const char *root;

static const char *const samples[] = {
	"000_0a7de6b0a5fb8a92", "001_aacf007eaa5a2604", "002_c5a4716e04ad5819",
	"003_f5e520663d73474f", "004_c52dc1dd292ef930",
};

/* The edited copy of an edition lives under this name in every library:
 * article ids depend on the file's name. */
#define COPY_NAME "2017-09-05_p03.txt"

/* Import the five samples and the copy as it is now; how many imported. */
static int import_all(struct kb_store *s)
{
	struct kb_import_stats st;
	char src[512];
	int n = 0;
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		snprintf(src, sizeof(src), "%s/sample-issues/%s.txt", root, samples[i]);
		n += kb_store_import_file(s, src, NULL, NULL, &st) != KB_IMPORT_FAILED;
	}
	n += kb_store_import_file(s, path("copy/" COPY_NAME), NULL, NULL, &st) != KB_IMPORT_FAILED;
	return n;
}

/* The id of the article whose title contains t, in the edition named ed
 * (or any, for NULL); caller frees. */
static char *find_title(struct kb_store *s, const char *t, const char *ed)
{
	struct kb_rows rows;
	char *id = NULL;
	if (kb_store_list(s, NULL, &rows)) {
		for (size_t i = 0; i < rows.n && !id; i++)
			if (strstr(rows.v[i].title, t) && (!ed || !strcmp(rows.v[i].edition, ed)))
				id = strdup(rows.v[i].id);
		kb_rows_finish(&rows);
	}
	return id;
}

/* The id of the n-th listed article of the samples (caller frees). */
static char *nth(struct kb_store *s, size_t n)
{
	struct kb_rows rows;
	char *id = NULL;
	if (kb_store_list(s, NULL, &rows)) {
		for (size_t i = 0; i < rows.n && !id; i++)
			if (strcmp(rows.v[i].edition, COPY_NAME) != 0 && n-- == 0)
				id = strdup(rows.v[i].id);
		kb_rows_finish(&rows);
	}
	return id;
}

/* Highlight chars characters of article id from about byte from, on
 * character boundaries, with note. */
static bool highlight(struct kb_store *s, const char *id, size_t from, size_t chars,
		      const char *note)
{
	struct kb_full *a = kb_store_get(s, id);
	if (!a)
		return false;
	const char *t = a->text;
	size_t len = strlen(t), b = from < len ? from : 0;
	while (b > 0 && ((unsigned char)t[b] & 0xC0) == 0x80)
		b--;
	size_t e = b;
	for (size_t k = 0; k < chars && e < len; k++) {
		e++;
		while (e < len && ((unsigned char)t[e] & 0xC0) == 0x80)
			e++;
	}
	kb_full_destroy(a);
	return kb_store_add_highlight(s, id, b, e, note, NULL);
}

/* The backup with its "exported" time replaced by a fixed one (caller
 * frees), so two backups can be compared. */
static char *normal(char *json)
{
	if (!json)
		return NULL;
	const char key[] = "\"exported\":\"";
	char *at = strstr(json, key);
	if (at) {
		at += strlen(key);
		char *q = strchr(at, '"');
		if (q)
			for (char *p = at; p < q; p++)
				*p = 'T';
	}
	return json;
}

/* The normalised backup of s. */
static char *backup(struct kb_store *s)
{
	char *j = kb_store_backup_json(s);
	if (!j)
		printf("# backup failed: %s\n", kb_store_error(s));
	return normal(j);
}

/* Evaluate one SQL expression over the document json with SQLite's JSON
 * functions (?1 is the document): its integer value, -1 on error. */
static long long json_int(const char *json, const char *expr)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long v = -1;
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT %s", expr);
	sqlite3_open(":memory:", &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			v = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/* Is the SQL expression over json (?1) and text (?2) 1? */
static bool json_has(const char *json, const char *expr, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	bool yes = false;
	char sql[512];
	snprintf(sql, sizeof(sql), "SELECT %s", expr);
	sqlite3_open(":memory:", &db);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, text, -1, SQLITE_STATIC);
		yes = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) == 1;
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return yes;
}

/* Are all the highlights of article id where their quotes are? */
static bool anchored(struct kb_store *s, const char *id, size_t want)
{
	struct kb_full *a = kb_store_get(s, id);
	bool ok = a && a->n_highlights == want;
	for (size_t i = 0; ok && i < a->n_highlights; i++)
		ok = strlen(a->highlights[i].quote) == a->highlights[i].end - a->highlights[i].start &&
		     strncmp(a->text + a->highlights[i].start, a->highlights[i].quote,
			     a->highlights[i].end - a->highlights[i].start) == 0;
	kb_full_destroy(a);
	return ok;
}

static const char *const the_note =
	"# 要点：创新驱动\n\n- *星号* 与 _下划线_ [链接](x) > 引用 `代码`\n"
	"key: \"value\" 'single' --- zebrafish\n\t缩进 & <html> \\反斜杠";

/* What library A holds, for the checks on B and C. */
static char *ids[4], *gone_id;

/* Library A: the samples annotated, and an article removed from the
 * edited copy whose annotations stay detached. */
static char *make_a(void)
{
	char src[512];
	snprintf(src, sizeof(src), "%s/sample-issues/%s.txt", root, samples[0]);
	char *orig = slurp(src);
	mkdir(path("copy"), 0700);
	/* a page of its own, not a byte-for-byte copy (which import skips as
	 * the edition already in the library) */
	size_t ol = strlen(orig);
	char *own = malloc(ol + 64);
	memcpy(own, orig, ol);
	strcpy(own + ol, "\n本版另一份副本。\n");
	spit(path("copy/" COPY_NAME), own);
	free(own);
	struct kb_store *s = open_db("a.db");
	CHECK(s && import_all(s) == 6, "library A: the five samples and a copy imported");
	if (!s) {
		free(orig);
		return NULL;
	}
	for (size_t i = 0; i < 4; i++)
		ids[i] = nth(s, i * 4 + 1);
	CHECK(ids[0] && ids[1] && ids[2] && ids[3], "articles to annotate");
	CHECK(kb_store_tag(s, ids[0], "自创区") && kb_store_tag(s, ids[0], "访谈") &&
	      kb_store_tag(s, ids[0], "say \"when\": now") && kb_store_tag(s, ids[0], "a:b:c") &&
	      kb_store_tag(s, ids[0], "'single', #hash") && kb_store_set_note(s, ids[0], the_note) &&
	      kb_store_set_read(s, ids[0], true), "tags (Chinese, quotes, colons), a note, read");
	CHECK(highlight(s, ids[0], 0, 8, "开头：*重要*") && highlight(s, ids[0], 200, 12, NULL) &&
	      highlight(s, ids[0], 600, 5, "line one\nline two: \"quoted\""),
	      "three highlights, two with notes");
	CHECK(kb_store_tag(s, ids[1], "经济") && kb_store_set_read(s, ids[1], true) &&
	      kb_store_set_note(s, ids[1], "短评"), "a second article: tag, read, note");
	CHECK(highlight(s, ids[2], 30, 20, "第三篇"), "a third article: a highlight alone");
	{
		struct kb_full *a = ids[2] ? kb_store_get(s, ids[2]) : NULL;
		CHECK(a && a->n_highlights == 1 &&
			      kb_store_set_highlight_color(s, a->highlights[0].id, "red"),
		      "its highlight is red");
		kb_full_destroy(a);
	}
	CHECK(kb_store_set_read(s, ids[3], true), "a fourth article: read only");

	/* an article of the copy is annotated, then removed from the copy */
	gone_id = find_title(s, "王新亭带领高新区党政代表团", COPY_NAME);
	CHECK(gone_id && kb_store_tag(s, gone_id, "考察") &&
	      highlight(s, gone_id, 40, 10, "将被删除"), "the copy's fourth article annotated");
	const char *cut_from = strstr(orig, "取武汉、成都、苏州、合肥真经");
	const char *cut_to = cut_from ? strstr(cut_from, "对标先进找差距 借鉴经验谋发展") : NULL;
	CHECK(cut_from && cut_to, "the article to cut is found in the copy");
	if (cut_from && cut_to) {
		char *cut = malloc(strlen(orig) + 1);
		memcpy(cut, orig, (size_t)(cut_from - orig));
		strcpy(cut + (cut_from - orig), cut_to);
		spit(path("copy/" COPY_NAME), cut);
		free(cut);
	}
	struct kb_import_stats st;
	CHECK(kb_store_import_file(s, path("copy/" COPY_NAME), NULL, NULL, &st) ==
		      KB_IMPORT_UPDATED, "the copy re-imported without it (%zu detached)", st.detached);
	struct kb_detached *d;
	size_t nd = 0;
	bool listed = kb_store_detached(s, &d, &nd) && nd == 2;
	for (size_t i = 0; listed && i < nd; i++)
		listed = !strcmp(d[i].article_id, gone_id) && d[i].title &&
			 strstr(d[i].title, "代表团");
	CHECK(listed, "its tag and highlight are detached, with the headline (%zu)", nd);
	if (nd)
		kb_detached_free(d, nd);

	char *json = kb_store_backup_json(s);
	CHECK(json != NULL, "library A backed up");
	CHECK(json && json_int(json, "json_valid(?1)") == 1, "the backup is valid JSON");
	CHECK(json && json_int(json, "json_extract(?1, '$.format') = 'kanbao-annotations'") == 1 &&
	      json_int(json, "json_extract(?1, '$.version')") == 1 &&
	      json_int(json, "json_extract(?1, '$.exported') GLOB '2*T*Z'") == 1,
	      "format, version and time are there");
	CHECK(json && json_int(json, "json_array_length(?1, '$.articles')") == 5,
	      "five annotated articles, the detached one among them");
	CHECK(json && json_int(json, "(SELECT count(*) FROM json_each(?1, '$.articles') a,"
				     " json_each(a.value, '$.tags'))") == 7 &&
	      json_int(json, "(SELECT count(*) FROM json_each(?1, '$.articles') a,"
			     " json_each(a.value, '$.highlights'))") == 5,
	      "seven tags and five highlights");
	CHECK(json && json_has(json, "(SELECT count(*) FROM json_each(?1, '$.articles')"
				     " WHERE json_extract(value, '$.note') = ?2)", the_note),
	      "the note is there whole");
	CHECK(json && json_int(json, "(SELECT count(*) FROM json_each(?1, '$.articles') a,"
				     " json_each(a.value, '$.highlights') h"
				     " WHERE json_extract(h.value, '$.color') = 'red')") == 1 &&
		      json_int(json, "(SELECT count(*) FROM json_each(?1, '$.articles') a,"
				     " json_each(a.value, '$.highlights') h"
				     " WHERE json_type(h.value, '$.color') IS NULL)") == 4,
	      "the red highlight's colour is there, the yellow ones have none");
	CHECK(json && json_int(json, "(SELECT count(*) FROM json_each(?1, '$.articles') a,"
				     " json_each(a.value, '$.highlights') h"
				     " WHERE json_extract(h.value, '$.detached'))") == 1,
	      "the removed article's highlight is marked detached");
	{
		char q[512];
		snprintf(q, sizeof(q),
			 "(SELECT json_extract(value, '$.title') LIKE '%%代表团%%' AND"
			 " json_extract(value, '$.edition') = '%s' FROM json_each(?1, '$.articles')"
			 " WHERE json_extract(value, '$.id') = '%s')", COPY_NAME, gone_id ? gone_id : "");
		CHECK(json && json_int(json, q) == 1,
		      "the detached article keeps its headline and edition in the backup");
	}
	kb_store_close(s);
	free(orig);
	return json;
}

/* Library B: the same editions; the restore makes an identical backup, and
 * a second restore adds nothing. */
static void test_same_editions(const char *json_a)
{
	struct kb_store *s = open_db("b.db");
	CHECK(s && import_all(s) == 6, "library B: the same editions imported");
	if (!s)
		return;
	struct kb_restore_stats st;
	bool ok = kb_store_restore_json(s, json_a, &st);
	CHECK(ok, "restored into B: %s", ok ? "" : kb_store_error(s));
	CHECK(st.added == 17 && st.unchanged == 0 && st.detached == 2,
	      "17 annotations added, the removed article's 2 detached (%zu, %zu, %zu)",
	      st.added, st.unchanged, st.detached);
	char *a = normal(strdup(json_a)), *b = backup(s);
	CHECK_STR(b, a, "B's backup is A's: every annotation equal");
	free(b);
	CHECK(anchored(s, ids[0], 3) && anchored(s, ids[2], 1), "the highlights are anchored");
	{
		struct kb_full *x = kb_store_get(s, ids[2]), *y = kb_store_get(s, ids[0]);
		CHECK(x && x->n_highlights == 1 && x->highlights[0].color &&
			      !strcmp(x->highlights[0].color, "red") && y && y->n_highlights == 3 &&
			      !y->highlights[0].color && !y->highlights[1].color &&
			      !y->highlights[2].color,
		      "the red highlight came back red, those without a colour yellow");
		kb_full_destroy(x);
		kb_full_destroy(y);
	}
	struct kb_rows rows;
	CHECK(kb_store_search(s, "zebrafish", NULL, &rows) && rows.n == 1 &&
	      !strcmp(rows.v[0].id, ids[0]), "the restored note is searchable");
	kb_rows_finish(&rows);

	ok = kb_store_restore_json(s, json_a, &st);
	CHECK(ok && st.added == 0 && st.unchanged == 17 && st.detached == 0,
	      "restored again: nothing added (%zu added, %zu unchanged)", st.added, st.unchanged);
	b = backup(s);
	CHECK_STR(b, a, "and the backup is unchanged");
	free(b);
	char *report = NULL;
	CHECK(kb_store_check(s, &report), "the database and its search index are consistent: %s",
	      report);
	free(report);
	free(a);
	kb_store_close(s);
}

/* Library C: nothing imported; all detached with headlines, attached once
 * the editions are imported. */
static void test_empty_library(const char *json_a)
{
	struct kb_store *s = open_db("c.db");
	if (!s)
		return;
	struct kb_restore_stats st;
	bool ok = kb_store_restore_json(s, json_a, &st);
	CHECK(ok && st.added == 17 && st.detached == 17,
	      "restored into an empty library: all 17 detached (%zu, %zu)", st.added, st.detached);
	struct kb_detached *d;
	size_t nd = 0;
	bool titled = kb_store_detached(s, &d, &nd) && nd == 17;
	for (size_t i = 0; titled && i < nd; i++)
		titled = d[i].title && d[i].title[0] && d[i].edition && d[i].edition[0];
	CHECK(titled, "each listed detached with its headline and edition (%zu)", nd);
	if (nd)
		kb_detached_free(d, nd);
	ok = kb_store_restore_json(s, json_a, &st);
	CHECK(ok && st.added == 0 && st.unchanged == 17, "restored again: nothing added (%zu)",
	      st.added);

	CHECK(import_all(s) == 6, "then the editions are imported");
	struct kb_full *f = ids[0] ? kb_store_get(s, ids[0]) : NULL;
	CHECK(f && f->n_tags == 5 && f->note && !strcmp(f->note, the_note) && f->read &&
	      f->n_highlights == 3, "the first article has its tags, note, read mark, highlights");
	kb_full_destroy(f);
	CHECK(anchored(s, ids[0], 3) && anchored(s, ids[2], 1), "the highlights are anchored");
	{
		struct kb_full *x = kb_store_get(s, ids[2]), *y = kb_store_get(s, ids[0]);
		CHECK(x && x->n_highlights == 1 && x->highlights[0].color &&
			      !strcmp(x->highlights[0].color, "red") && y && y->n_highlights == 3 &&
			      !y->highlights[0].color && !y->highlights[1].color &&
			      !y->highlights[2].color,
		      "the red highlight came back red, those without a colour yellow");
		kb_full_destroy(x);
		kb_full_destroy(y);
	}
	titled = kb_store_detached(s, &d, &nd) && nd == 2;
	for (size_t i = 0; titled && i < nd; i++)
		titled = gone_id && !strcmp(d[i].article_id, gone_id) && d[i].title &&
			 strstr(d[i].title, "代表团");
	CHECK(titled, "only the removed article's two stay detached, with its headline (%zu)", nd);
	if (nd)
		kb_detached_free(d, nd);
	char *a = normal(strdup(json_a)), *c = backup(s);
	CHECK_STR(c, a, "C's backup is then A's");
	free(a);
	free(c);
	kb_store_close(s);
}

/* Library D: annotations of its own merge with the backup's. */
static void test_merge(const char *json_a)
{
	struct kb_store *s = open_db("d.db");
	CHECK(s && import_all(s) == 6, "library D: the editions imported");
	if (!s || !ids[0] || !ids[1])
		return;
	CHECK(kb_store_set_note(s, ids[0], "我的笔记") && kb_store_set_note(s, ids[1], "前言：短评。") &&
	      kb_store_tag(s, ids[0], "自创区") && highlight(s, ids[0], 0, 8, "D's own"),
	      "D has notes, a tag and a highlight of its own");
	struct kb_restore_stats st;
	bool ok = kb_store_restore_json(s, json_a, &st);
	/* the backup's highlight of the passage D highlighted too carries
	 * another note: it is another annotation, added beside D's (it was
	 * taken for the same one and its note lost, found by fuzz_restore) */
	CHECK(ok && st.added == 15 && st.unchanged == 2,
	      "restored: the same tag and the contained note unchanged, the same passage with"
	      " another note added (%zu added, %zu unchanged)", st.added, st.unchanged);
	struct kb_full *f = kb_store_get(s, ids[0]);
	char want[1024];
	snprintf(want, sizeof(want), "我的笔记\n\n%s", the_note);
	CHECK(f && f->note && !strcmp(f->note, want), "a different note: both kept");
	CHECK(f && f->n_highlights == 4 && f->n_tags == 5,
	      "no duplicate highlight or tag: D's own and the backup's three");
	bool own = false;
	for (size_t i = 0; f && i < f->n_highlights; i++)
		own |= f->highlights[i].note && !strcmp(f->highlights[i].note, "D's own");
	CHECK(own, "D's own highlight keeps its note");
	kb_full_destroy(f);
	f = kb_store_get(s, ids[1]);
	CHECK(f && f->note && !strcmp(f->note, "前言：短评。"), "a note that holds the backup's: kept");
	kb_full_destroy(f);
	char *before = backup(s);
	ok = kb_store_restore_json(s, json_a, &st);
	char *after = backup(s);
	CHECK(ok && st.added == 0, "restored again: nothing added (%zu)", st.added);
	CHECK_STR(after, before, "and nothing changed");
	free(before);
	free(after);
	kb_store_close(s);
}

/* Documents that are not backups: a clear error, nothing written. */
static void test_garbage(const char *json_a)
{
	struct kb_store *s = open_db("e.db");
	if (!s)
		return;
	char *before = backup(s);
	static const struct {
		const char *doc, *says, *what;
	} bad[] = {
		{"this is not JSON {", "not a kanbao annotation backup", "not JSON"},
		{"", "not a kanbao annotation backup", "an empty document"},
		{"[1, 2, 3]", "not a kanbao annotation backup", "a JSON array"},
		{"{\"format\": \"calibre\", \"version\": 1, \"articles\": []}",
		 "not a kanbao annotation backup", "another format"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 2, \"articles\": []}",
		 "backup version 2 is newer than this kanbao knows", "a newer version"},
		{"{\"format\": \"kanbao-annotations\", \"version\": \"1\", \"articles\": []}",
		 "version", "a version that is not a number"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": {}}",
		 "articles", "articles that are not a list"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": ["
		 "{\"id\": \"0123456789ab\", \"tags\": [\"ok\"]}, {\"id\": \"../../etc\"}]}",
		 "article 2", "a bad article id after a good article"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": ["
		 "{\"id\": \"0123456789ab\", \"tags\": [\"ok\", \"bad\\u0001tag\"]}]}",
		 "tag 2", "a tag with a control character"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": ["
		 "{\"id\": \"0123456789ab\", \"highlights\": [{\"quote\": \"x\", \"start\": 5,"
		 " \"end\": 2}]}]}", "highlight 1", "a highlight ending before it starts"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": ["
		 "{\"id\": \"0123456789ab\", \"highlights\": [{\"start\": 0, \"end\": 2}]}]}",
		 "quote", "a highlight without a quote"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": ["
		 "{\"id\": \"0123456789ab\", \"highlights\": [{\"quote\": \"x\", \"start\": 0,"
		 " \"end\": 1, \"color\": \"pink\"}]}]}", "colour", "a highlight of an unknown colour"},
		{"{\"format\": \"kanbao-annotations\", \"version\": 1, \"articles\": ["
		 "{\"id\": \"0123456789ab\", \"highlights\": [{\"quote\": \"x\", \"start\": 0,"
		 " \"end\": 1, \"color\": 3}]}]}", "colour", "a highlight colour that is not text"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct kb_restore_stats st = {1, 1, 1};
		bool ok = kb_store_restore_json(s, bad[i].doc, &st);
		CHECK(!ok && strstr(kb_store_error(s), bad[i].says) && st.added == 0,
		      "%s: refused: %s", bad[i].what, kb_store_error(s));
	}
	CHECK(!kb_store_restore_json(s, NULL, NULL), "no document: refused");
	char *after = backup(s);
	CHECK_STR(after, before, "nothing was written");
	free(after);
	free(before);
	/* a truncated real backup */
	size_t n = strlen(json_a);
	char *half = strndup(json_a, n / 2);
	CHECK(!kb_store_restore_json(s, half, NULL) &&
	      strstr(kb_store_error(s), "not a kanbao annotation backup"),
	      "a truncated backup: refused: %s", kb_store_error(s));
	free(half);
	/* an empty library's backup is valid and restores to nothing */
	char *empty = kb_store_backup_json(s);
	struct kb_restore_stats st;
	CHECK(empty && json_int(empty, "json_array_length(?1, '$.articles')") == 0 &&
	      kb_store_restore_json(s, empty, &st) && st.added == 0,
	      "an empty library's backup restores to nothing");
	free(empty);
	kb_store_close(s);
}

int main(int argc, char **argv)
{
	root = argc > 1 ? argv[1] : ".";
	snprintf(dir, sizeof(dir), "/tmp/kanbao-test-backup-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	char *json = make_a();
	if (json) {
		test_same_editions(json);
		test_empty_library(json);
		test_merge(json);
		test_garbage(json);
	}
	free(json);
	for (size_t i = 0; i < 4; i++)
		free(ids[i]);
	free(gone_id);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", dir);
	return tap_done();
}
