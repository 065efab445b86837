/* SPDX-License-Identifier: MIT */
/*
 * Search latency inside one process (issue 10): the time of the store's
 * search for the first N results (newest first, as the reader and `kanbao
 * search --limit N` ask), without the cost of starting a process and
 * opening the library, which the command line adds to every query. Each
 * query is run ROUNDS times after one warm-up; prints the median, p90, p99
 * and maximum over all runs, and the same for the count of each query.
 * usage: bench_search DB N ROUNDS QUERY...
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kanbao/store.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, size_t n)
{
	qsort(t, n, sizeof(double), cmp);
	printf("%s: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (%zu runs)\n", what,
	       t[n / 2], t[n * 9 / 10], t[n * 99 / 100], t[n - 1], n);
}

static bool count_row(void *ctx, const struct kb_row *r)
{
	(void)r;
	(*(size_t *)ctx)++;
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: bench_search DB N ROUNDS QUERY...\n");
		return 2;
	}
	char err[600];
	struct kb_store *s = kb_store_open(argv[1], err, sizeof(err));
	if (!s) {
		fprintf(stderr, "bench_search: %s\n", err);
		return 1;
	}
	size_t limit = (size_t)atol(argv[2]), rounds = (size_t)atol(argv[3]);
	size_t nq = (size_t)(argc - 4), n = 0;
	double *t = calloc(nq * rounds, sizeof(double)), *c = calloc(nq * rounds, sizeof(double));
	struct kb_filter f = {.limit = limit};
	for (size_t q = 0; q < nq; q++) {
		size_t got = 0, total = 0;
		kb_store_search_each(s, argv[4 + q], &f, count_row, &got); /* warm-up */
		for (size_t r = 0; r < rounds; r++, n++) {
			got = 0;
			double t0 = now_ms();
			if (!kb_store_search_each(s, argv[4 + q], &f, count_row, &got)) {
				fprintf(stderr, "bench_search: %s\n", kb_store_error(s));
				return 1;
			}
			t[n] = now_ms() - t0;
			t0 = now_ms();
			kb_store_search_count(s, argv[4 + q], NULL, true, &total);
			c[n] = now_ms() - t0;
		}
	}
	char what[64];
	snprintf(what, sizeof(what), "first %zu results", limit);
	report(what, t, n);
	report("quick count", c, n);
	kb_store_close(s);
	free(t);
	free(c);
	return 0;
}
