/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the annotation backup's reader: arbitrary bytes restored
 * as a JSON backup (kb_store_restore_json) into a fresh library that holds
 * a small edition and a few annotations of each kind. What store.h and
 * src/store/backup.c promise is checked:
 *
 *  - a refused document writes nothing: the library's backup is the same
 *    before and after, the counts are zero, and the error says why;
 *  - a restored library passes kb_store_check (SQLite's integrity check and
 *    the search index against the articles);
 *  - every highlight the reader will draw lies inside its article's text,
 *    on character boundaries, and is its quote;
 *  - "of those added" detached: never more detached than added;
 *  - nothing is lost: every tag, note, read mark and highlight (with its
 *    note) of the backup is in the library afterwards (notes merged into
 *    the article's note; skipped for a document holding \u0000, which C
 *    strings cut);
 *  - restoring twice changes nothing (nothing added, the same backup);
 *  - the backup is lossless: the restored library's backup, restored into a
 *    library with the same edition and no annotations, gives the same
 *    backup (but for its time).
 *
 * A check can be switched off while searching past a known failure:
 * KANBAO_FUZZ_SKIP=roundtrip (or kept, twice, anchors, detached, check;
 * comma separated). The replay test never sets it.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/sanitize.h"
#include "kanbao/store.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The edition every library holds (its article ids depend on its name:
 * the corpus's backups use them). */
#define EDITION_NAME "fuzz-edition.txt"
static const char edition[] =
	"\n\n郑州发布2025年GDP数据\n\n全市经济稳中有进\n\n郑报全媒体记者 张昕\n\n"
	"本报讯 1月5日，市统计局发布数据：全市GDP增长5.2%，高新区、航空港实验区贡献突出。"
	"ＧＤＰ总量首次突破1.4万亿元。\n\n"
	"“枢纽+开放”路子越走越宽，AI与5G产业链加快集聚。\n\n"
	"短评\n\n读书的人多了\n\n"
	"城市书房里，年轻人捧着书；iPad和Kindle也在桌上。读书，是一座城市的气质。\n\n";

/* A detached annotation for the annotated library, on an article that is
 * not in it. */
static const char detached_backup[] =
	"{\"format\":\"kanbao-annotations\",\"version\":1,\"articles\":[{\"id\":\"zzzzzzzzzzzz\","
	"\"title\":\"别处的文章\",\"edition\":\"elsewhere.txt\",\"tags\":[\"旧\"],"
	"\"note\":\"别处的笔记\",\"read\":true,\"highlights\":[{\"quote\":\"一段话\","
	"\"prefix\":\"前\",\"suffix\":\"后\",\"start\":3,\"end\":12,\"note\":null}]}]}";

/* The two starting libraries, as file images. */
static char *annotated, *bare;
static size_t annotated_len, bare_len;
static char skip[256];

static bool skipped(const char *check)
{
	const char *p = skip;
	size_t n = strlen(check);
	while ((p = strstr(p, check))) {
		if ((p == skip || p[-1] == ',') && (p[n] == '\0' || p[n] == ','))
			return true;
		p += n;
	}
	return false;
}

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz_restore: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	abort();
}

/* Read a whole file into memory. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		die("cannot read", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *b = malloc(n > 0 ? (size_t)n : 1);
	if (!b || n < 0 || fread(b, 1, (size_t)n, f) != (size_t)n)
		die("cannot read", path);
	fclose(f);
	*len = (size_t)n;
	return b;
}

static struct kb_store *open_store(const char *path)
{
	char err[512];
	struct kb_store *s = kb_store_open(path, err, sizeof(err));
	if (!s)
		die("cannot open the library", err);
	return s;
}

/* Make the two starting libraries once: the edition imported, then (for
 * the annotated one) a tag, a note, a highlight and a read mark, and a
 * detached article's annotations. */
static void setup(void)
{
	char ed[600], db[600];
	fuzz_path(ed, sizeof(ed), EDITION_NAME);
	fuzz_write_file(ed, edition, sizeof(edition) - 1);
	fuzz_path(db, sizeof(db), "template.db");
	for (int annotate = 0; annotate < 2; annotate++) {
		fuzz_remove_db(db);
		struct kb_store *s = open_store(db);
		struct kb_import_stats ist;
		if (kb_store_import_file(s, ed, NULL, NULL, &ist) != KB_IMPORT_NEW)
			die("cannot import the edition", kb_store_error(s));
		struct kb_rows rows;
		if (!kb_store_list(s, NULL, &rows) || rows.n < 2)
			die("the edition has fewer than two articles", kb_store_error(s));
		if (annotate) {
			struct kb_full *a = kb_store_get(s, rows.v[0].id);
			const char *q = a ? strstr(a->text, "高新区") : NULL;
			size_t at = q ? (size_t)(q - a->text) : 0;
			struct kb_restore_stats rst;
			if (!q || !kb_store_tag(s, rows.v[0].id, "重要") ||
			    !kb_store_set_note(s, rows.v[0].id, "旧的笔记") ||
			    !kb_store_add_highlight(s, rows.v[0].id, at, at + strlen("高新区"),
						    "划线的笔记", NULL) ||
			    !kb_store_set_read(s, rows.v[1].id, true) ||
			    !kb_store_restore_json(s, detached_backup, &rst))
				die("cannot annotate", kb_store_error(s));
			kb_full_destroy(a);
		}
		kb_rows_finish(&rows);
		kb_store_close(s);
		if (annotate)
			annotated = slurp(db, &annotated_len);
		else
			bare = slurp(db, &bare_len);
	}
	fuzz_remove_db(db);
	const char *env = getenv("KANBAO_FUZZ_SKIP");
	snprintf(skip, sizeof(skip), "%s", env ? env : "");
}

/* A fresh library at path from a file image. */
static struct kb_store *fresh(const char *path, const char *image, size_t len)
{
	fuzz_remove_db(path);
	fuzz_write_file(path, image, len);
	return open_store(path);
}

/* The library's backup from its list of articles on (the time before it
 * differs between calls). Caller frees. */
static char *backup(struct kb_store *s)
{
	char *json = kb_store_backup_json(s);
	if (!json)
		die("cannot back up", kb_store_error(s));
	char *arts = strstr(json, "\"articles\":");
	if (!arts)
		die("a backup without articles", json);
	memmove(json, arts, strlen(arts) + 1);
	return json;
}

/* The library passes its own check. */
static void check(struct kb_store *s, const char *when)
{
	if (skipped("check"))
		return;
	char *report = NULL;
	if (!kb_store_check(s, &report)) {
		fprintf(stderr, "fuzz_restore: check %s: %s\n", when, report ? report : "?");
		abort();
	}
	free(report);
}

/* Every highlight of every article of the edition is where it says. */
static void check_anchors(struct kb_store *s)
{
	if (skipped("anchors"))
		return;
	struct kb_rows rows;
	if (!kb_store_list(s, NULL, &rows))
		die("cannot list", kb_store_error(s));
	for (size_t i = 0; i < rows.n; i++) {
		struct kb_full *a = kb_store_get(s, rows.v[i].id);
		if (!a)
			die("cannot read an article", kb_store_error(s));
		size_t tl = strlen(a->text);
		for (size_t k = 0; k < a->n_highlights; k++) {
			const struct kb_highlight *h = &a->highlights[k];
			if (h->start > h->end || h->end > tl)
				die("a highlight outside its article's text", h->quote);
			if (((unsigned char)a->text[h->start] & 0xC0) == 0x80 ||
			    (h->end < tl && ((unsigned char)a->text[h->end] & 0xC0) == 0x80))
				die("a highlight that cuts a character", h->quote);
			if (h->end - h->start != strlen(h->quote) ||
			    memcmp(a->text + h->start, h->quote, h->end - h->start) != 0)
				die("a highlight that is not its quote", h->quote);
		}
		kb_full_destroy(a);
	}
	kb_rows_finish(&rows);
}

/* What of the backup in (its annotations, one row each: article, kind,
 * text, note) is missing from the library's backup out. SQLite's JSON
 * functions on a private connection read both. Notes are searched as bytes:
 * instr() on text misses a match in invalid UTF-8. */
static const char missing_sql[] =
	"WITH i(id, a) AS (SELECT a.value->>'id', a.value FROM json_each(?1, '$.articles') a),"
	" o(id, a) AS (SELECT a.value->>'id', a.value FROM json_each(?2, '$.articles') a)"
	" SELECT i.id, 'tag', t.value, NULL FROM i, json_each(i.a, '$.tags') t"
	"  WHERE NOT EXISTS(SELECT 1 FROM o, json_each(o.a, '$.tags') u"
	"   WHERE o.id = i.id AND u.value = t.value)"
	" UNION ALL SELECT i.id, 'note', i.a->>'note', NULL FROM i"
	"  WHERE coalesce(i.a->>'note', '') <> '' AND NOT EXISTS(SELECT 1 FROM o"
	"   WHERE o.id = i.id"
	"    AND instr(CAST(o.a->>'note' AS BLOB), CAST(i.a->>'note' AS BLOB)) > 0)"
	" UNION ALL SELECT i.id, 'read', NULL, NULL FROM i"
	"  WHERE i.a->>'read' = 1 AND NOT EXISTS(SELECT 1 FROM o"
	"   WHERE o.id = i.id AND o.a->>'read' = 1)"
	" UNION ALL SELECT i.id, 'highlight', h.value->>'quote', h.value->>'note'"
	"  FROM i, json_each(i.a, '$.highlights') h"
	"  WHERE NOT EXISTS(SELECT 1 FROM o, json_each(o.a, '$.highlights') g"
	"   WHERE o.id = i.id AND g.value->>'quote' = h.value->>'quote'"
	"    AND coalesce(g.value->>'note', '') = coalesce(h.value->>'note', ''))";

/* Does the JSON text hold a \\uD800-\\uDFFF escape (half of a surrogate
 * pair, or a lone one, whose bytes the restore replaces)? */
static bool lone_surrogate_escape(const char *json)
{
	for (const char *p = strstr(json, "\\u"); p; p = strstr(p + 2, "\\u"))
		if ((p[2] == 'd' || p[2] == 'D') && strchr("89abcdefABCDEF", p[3]) && p[3])
			return true;
	return false;
}

/* Every annotation of the backup json is in the library's backup after
 * (its articles part). */
static void check_kept(const char *raw, const char *after)
{
	static sqlite3 *db;
	if (skipped("kept") || strstr(raw, "\\u0000") || lone_surrogate_escape(raw))
		return;
	/* the restore keeps text as valid UTF-8, each bad byte a U+FFFD:
	 * compare with the backup as it reads so */
	struct kb_buf clean;
	kb_buf_init(&clean);
	kb_buf_puts(&clean, "");
	for (size_t k = 0, rn = strlen(raw); k < rn;) {
		uint32_t c;
		size_t l = kb_utf8_next(raw + k, rn - k, &c);
		if (c == 0xFFFD)
			kb_buf_puts(&clean, "\xEF\xBF\xBD");
		else
			kb_buf_append(&clean, raw + k, l);
		k += l;
	}
	const char *json = clean.data;
	if (!db && sqlite3_open(":memory:", &db) != SQLITE_OK)
		die("cannot open an in-memory database", NULL);
	size_t n = strlen(after);
	char *out = malloc(n + 2);
	if (!out)
		abort();
	out[0] = '{';
	memcpy(out + 1, after, n + 1);
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, missing_sql, -1, &st, NULL) != SQLITE_OK)
		die("cannot prepare", sqlite3_errmsg(db));
	sqlite3_bind_text(st, 1, json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, out, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		fprintf(stderr, "fuzz_restore: article %s: %s \"%s\" (note \"%s\") not restored\n",
			sqlite3_column_text(st, 0), sqlite3_column_text(st, 1),
			sqlite3_column_text(st, 2), sqlite3_column_text(st, 3));
		die("a restore lost an annotation", NULL);
	}
	if (rc != SQLITE_DONE)
		die("cannot compare the backups", sqlite3_errmsg(db));
	sqlite3_finalize(st);
	free(out);
	kb_buf_finish(&clean);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!annotated)
		setup();
	char *json = malloc(size + 1);
	if (!json)
		abort();
	memcpy(json, data, size);
	json[size] = '\0';

	char db[600], db2[600];
	fuzz_path(db, sizeof(db), "a.db");
	fuzz_path(db2, sizeof(db2), "b.db");
	struct kb_store *s = fresh(db, annotated, annotated_len);
	char *before = backup(s);
	struct kb_restore_stats st;
	memset(&st, 0xA5, sizeof(st));
	bool ok = kb_store_restore_json(s, json, &st);
	char why[512];
	snprintf(why, sizeof(why), "%s", kb_store_error(s));
	char *after = backup(s);
	if (!ok) {
		if (!why[0])
			die("a refused restore without a message", NULL);
		if (st.added || st.unchanged || st.detached)
			die("a refused restore that counts annotations", why);
		if (strcmp(before, after) != 0)
			die("a refused restore changed the library", why);
		check(s, "after a refused restore");
		goto out;
	}
	if (st.detached > st.added && !skipped("detached"))
		die("more annotations detached than added", NULL);
	check(s, "after a restore");
	check_anchors(s);
	check_kept(json, after);

	/* restoring twice changes nothing */
	if (!skipped("twice")) {
		struct kb_restore_stats st2;
		if (!kb_store_restore_json(s, json, &st2))
			die("a second restore failed", kb_store_error(s));
		char *again = backup(s);
		if (st2.added || strcmp(again, after) != 0) {
			fprintf(stderr, "added %zu\nfirst: %s\nsecond: %s\n", st2.added, after,
				again);
			die("a second restore changed the library", NULL);
		}
		free(again);
	}

	/* the library's backup, restored into one with the same edition, is
	 * the same backup */
	if (!skipped("roundtrip")) {
		char *full = kb_store_backup_json(s);
		if (!full)
			die("cannot back up", kb_store_error(s));
		struct kb_store *t = fresh(db2, bare, bare_len);
		struct kb_restore_stats st3;
		if (!kb_store_restore_json(t, full, &st3))
			die("a backup that cannot be restored", kb_store_error(t));
		char *copy = backup(t);
		if (strcmp(copy, after) != 0) {
			fprintf(stderr, "backup: %s\nrestored: %s\n", after, copy);
			die("a backup restored into the same edition is not the same", NULL);
		}
		check(t, "after restoring a backup");
		free(copy);
		free(full);
		kb_store_close(t);
	}
out:
	free(before);
	free(after);
	kb_store_close(s);
	free(json);
	return 0;
}
