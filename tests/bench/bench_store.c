/* SPDX-License-Identifier: MIT */
/*
 * Store benchmark (issue 3): on a library of generated editions, measures
 *  1. import: time and MB/s of importing every file into a fresh database,
 *     beside the time of a plain bulk insert of the same article texts into
 *     an FTS5 table with the same tokenizer, in the same run;
 *  2. re-import with nothing changed;
 *  3. latency of two-character searches (median and 90th percentile over
 *     200 words drawn from the texts, 20 results each, as a reader shows);
 *  4. database size relative to the raw text.
 * usage: bench_store CORPUS_DIR WORK_DIR
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "kanbao/fts.h"
#include "kanbao/store.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static long long file_size(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 ? (long long)sb.st_size : 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: bench_store CORPUS_DIR WORK_DIR\n", stderr);
		return 2;
	}
	DIR *d = opendir(argv[1]);
	if (!d) {
		perror(argv[1]);
		return 1;
	}
	char **files = NULL;
	size_t n = 0, cap = 0;
	long long bytes = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 4 || strcmp(e->d_name + l - 4, ".txt") != 0)
			continue;
		if (n == cap)
			files = realloc(files, (cap = cap ? cap * 2 : 1024) * sizeof(char *));
		files[n] = malloc(strlen(argv[1]) + l + 2);
		sprintf(files[n], "%s/%s", argv[1], e->d_name);
		bytes += file_size(files[n]);
		n++;
	}
	closedir(d);
	qsort(files, n, sizeof(char *), by_name);
	char db[4096], base[4096], err[512];
	snprintf(db, sizeof(db), "%s/bench.db", argv[2]);
	snprintf(base, sizeof(base), "%s/baseline.db", argv[2]);
	remove(db);
	remove(base);
	char wal0[4200];
	snprintf(wal0, sizeof(wal0), "%s-wal", db);
	remove(wal0);
	printf("editions: %zu, %.1f MB\n", n, (double)bytes / 1e6);

	/* 1. import */
	struct kb_store *s = kb_store_open(db, err, sizeof(err));
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	double t0 = now();
	size_t articles = 0, failed = 0;
	kb_store_batch(s, true); /* as `kanbao import` does */
	for (size_t i = 0; i < n; i++) {
		struct kb_import_stats st;
		if (kb_store_import_file(s, files[i], NULL, NULL, &st) == KB_IMPORT_FAILED)
			failed++;
		articles += st.articles;
	}
	kb_store_batch(s, false);
	double t_import = now() - t0;
	printf("import: %.2f s, %.1f MB/s, %zu articles, %zu failed\n", t_import,
	       (double)bytes / 1e6 / t_import, articles, failed);

	/* baseline: the same article texts bulk-inserted into a bare FTS5 table */
	sqlite3 *bdb;
	sqlite3_open(base, &bdb);
	kb_fts_register(bdb);
	sqlite3_exec(bdb, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
		     "CREATE VIRTUAL TABLE t USING fts5(heads, body, tokenize='kanbao');",
		     NULL, NULL, NULL);
	sqlite3_stmt *att;
	sqlite3_prepare_v2(bdb, "ATTACH ?1 AS lib", -1, &att, NULL);
	sqlite3_bind_text(att, 1, db, -1, SQLITE_STATIC);
	sqlite3_step(att);
	sqlite3_finalize(att);
	/* read the texts first so only the inserts are timed */
	sqlite3_stmt *rd;
	sqlite3_prepare_v2(bdb, "SELECT heads, body FROM lib.article", -1, &rd, NULL);
	char **heads = malloc(articles * sizeof(char *)), **bodies = malloc(articles * sizeof(char *));
	size_t na = 0;
	while (sqlite3_step(rd) == SQLITE_ROW && na < articles) {
		heads[na] = strdup((const char *)sqlite3_column_text(rd, 0));
		bodies[na] = strdup((const char *)sqlite3_column_text(rd, 1));
		na++;
	}
	sqlite3_finalize(rd);
	sqlite3_exec(bdb, "DETACH lib", NULL, NULL, NULL);
	sqlite3_stmt *ins;
	sqlite3_prepare_v2(bdb, "INSERT INTO t(heads, body) VALUES(?1, ?2)", -1, &ins, NULL);
	t0 = now();
	sqlite3_exec(bdb, "BEGIN", NULL, NULL, NULL);
	for (size_t i = 0; i < na; i++) {
		sqlite3_reset(ins);
		sqlite3_bind_text(ins, 1, heads[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, bodies[i], -1, SQLITE_STATIC);
		sqlite3_step(ins);
	}
	sqlite3_exec(bdb, "COMMIT", NULL, NULL, NULL);
	double t_base = now() - t0;
	sqlite3_finalize(ins);
	sqlite3_close(bdb);
	printf("baseline bulk insert into FTS5 (same tokenizer): %.2f s; kanbao import / baseline = %.2fx\n",
	       t_base, t_import / t_base);

	/* 2. re-import, nothing changed */
	kb_store_batch(s, true);
	t0 = now();
	size_t unchanged = 0;
	for (size_t i = 0; i < n; i++) {
		struct kb_import_stats st;
		unchanged += kb_store_import_file(s, files[i], NULL, NULL, &st) == KB_IMPORT_UNCHANGED;
	}
	kb_store_batch(s, false);
	printf("re-import, nothing changed: %.3f s (%zu of %zu unchanged)\n", now() - t0, unchanged, n);

	/* 3. two-character searches */
	double lat[200];
	size_t nq = 0, hits = 0;
	srand(42);
	for (size_t k = 0; nq < 200 && k < 2000; k++) {
		char *text = bodies[(size_t)rand() % na];
		size_t len = strlen(text), at = (size_t)rand() % (len > 6 ? len - 6 : 1);
		while (at < len && ((unsigned char)text[at] & 0xC0) == 0x80)
			at++;
		unsigned char c0 = (unsigned char)text[at];
		if (at + 6 > len || c0 < 0xE4 || c0 > 0xE9 || (unsigned char)text[at + 3] < 0xE4 ||
		    (unsigned char)text[at + 3] > 0xE9)
			continue; /* two Han characters */
		char q[7];
		memcpy(q, text + at, 6);
		q[6] = '\0';
		struct kb_filter f = {.limit = 20};
		struct kb_rows rows;
		double q0 = now();
		kb_store_search(s, q, &f, &rows);
		lat[nq++] = (now() - q0) * 1000.0;
		hits += rows.n;
		kb_rows_finish(&rows);
	}
	qsort(lat, nq, sizeof(double), by_double);
	printf("2-character search (%zu queries, at most 20 results, %zu in all): median %.2f ms,"
	       " p90 %.2f ms, max %.2f ms\n",
	       nq, hits, lat[nq / 2], lat[nq * 9 / 10], lat[nq - 1]);
	kb_store_close(s);

	/* 4. size */
	char wal[4200];
	snprintf(wal, sizeof(wal), "%s-wal", db);
	long long dbsize = file_size(db) + file_size(wal);
	printf("database: %.1f MB = %.2fx the raw text (baseline FTS5 table: %.1f MB)\n",
	       (double)dbsize / 1e6, (double)dbsize / (double)bytes, (double)file_size(base) / 1e6);
	for (size_t i = 0; i < na; i++) {
		free(heads[i]);
		free(bodies[i]);
	}
	free(heads);
	free(bodies);
	for (size_t i = 0; i < n; i++)
		free(files[i]);
	free(files);
	return 0;
}
