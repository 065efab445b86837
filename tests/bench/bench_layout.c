/* SPDX-License-Identifier: MIT */
/*
 * Layout benchmark (not a test): wraps one 50,000-character paragraph, made
 * of the sample editions' paragraphs repeated, at widths 40, 80 and 120, and
 * prints the best of 5 runs per width in milliseconds and MB/s. A single
 * huge paragraph is the worst case for a wrapper that rescans: the time must
 * grow linearly with the text.
 *
 * usage: bench_layout [SOURCE_ROOT] [CHARS]
 */
#include "kanbao/edition.h"
#include "kanbao/layout.h"
#include "kanbao/util.h"

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

/* A growing byte buffer. */
struct text {
	char *s;
	size_t len, cap, chars;
};

/* Append the paragraph p to t. */
static void append(struct text *t, const char *p)
{
	size_t n = strlen(p);

	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = kb_xrealloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, p, n + 1);
	t->len += n;
	t->chars += u8_mbsnlen((const uint8_t *)p, n);
}

/* The paragraphs of every sample edition under root, appended to t once. */
static void add_samples(const char *root, struct text *t)
{
	char dir[4096], path[8192];
	struct dirent *de;
	DIR *d;

	snprintf(dir, sizeof dir, "%s/sample-issues", root);
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		size_t nl = strlen(de->d_name);
		struct kb_edition *ed;

		if (nl < 5 || strcmp(de->d_name + nl - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		if (kb_edition_load(path, &ed, NULL, NULL) != KB_OK)
			continue;
		for (size_t i = 0; i < ed->n_articles; i++)
			for (size_t k = 0; k < ed->articles[i].n_blocks; k++)
				append(t, ed->articles[i].blocks[k].text);
		kb_edition_destroy(ed);
	}
	closedir(d);
}

/* Seconds since an arbitrary point. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Build the paragraph, wrap it at each width, print the best times. */
int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	size_t want = argc > 2 ? (size_t)strtoul(argv[2], NULL, 10) : 50000;
	struct text samples = { 0 }, t = { 0 };
	static const int widths[] = { 40, 80, 120 };

	setlocale(LC_ALL, "C.UTF-8");
	add_samples(root, &samples);
	if (samples.len == 0) {
		fprintf(stderr, "bench_layout: no paragraphs in %s/sample-issues\n", root);
		return 1;
	}
	/* whole sample paragraphs, then characters of the next one up to want */
	while (t.chars < want) {
		const uint8_t *p = (const uint8_t *)samples.s;
		size_t i = 0;

		while (i < samples.len && t.chars < want) {
			int k = u8_mblen(p + i, samples.len - i);

			k = k > 0 ? k : 1;
			if (t.len + (size_t)k + 1 > t.cap) {
				t.cap = t.cap ? t.cap * 2 : 4096;
				t.s = kb_xrealloc(t.s, t.cap);
			}
			memcpy(t.s + t.len, p + i, (size_t)k);
			t.len += (size_t)k;
			t.chars++;
			i += (size_t)k;
		}
	}
	t.s[t.len] = 0;
	printf("paragraph: %zu characters, %zu bytes\n", t.chars, t.len);
	for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++) {
		double best = 1e9;
		size_t lines = 0;

		for (int r = 0; r < 5; r++) {
			struct kb_lines L = { 0 };
			double t0 = now(), dt;

			kb_layout_wrap(t.s, t.len, widths[w], KB_WRAP_INDENT, &L);
			dt = now() - t0;
			if (dt < best)
				best = dt;
			lines = L.n;
			kb_lines_finish(&L);
		}
		printf("width %3d: %6zu lines, %8.3f ms, %7.1f MB/s\n", widths[w], lines,
		       best * 1e3, (double)t.len / best / 1e6);
	}
	free(samples.s);
	free(t.s);
	return 0;
}
