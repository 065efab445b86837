/* SPDX-License-Identifier: MIT */
/*
 * Loader benchmark (not a test): how fast kb_decode + kb_edition_parse turn a
 * directory of edition files into articles. Every *.txt file in DIR is read
 * into memory first so only decoding and parsing are timed; the whole set is
 * parsed ROUNDS times and the best round is reported.
 *
 * usage: bench_parse DIR [ROUNDS]
 * tests/bench/run-parse.sh generates a corpus and runs this on it.
 */
#include "kanbao/decode.h"
#include "kanbao/edition.h"
#include "kanbao/status.h"
#include "kanbao/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/* One edition file held in memory. */
struct input {
	char *path;  /* DIR/NAME; owned */
	char *bytes; /* the file's raw contents; owned */
	size_t len;  /* bytes in bytes */
};

/* Whether name is a visible file name ending in ".txt". */
static bool is_edition_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] != '.' && n > 4 && strcmp(name + n - 4, ".txt") == 0;
}

/* Read the file at path into in (the path is copied). Returns false, with a
 * message on stderr, when it cannot be read or is not a regular file. */
static bool read_input(const char *path, struct input *in)
{
	struct stat st;
	size_t got = 0;
	int err;
	int fd = open(path, O_RDONLY | O_NONBLOCK); /* a FIFO must not block */

	if (fd < 0) {
		err = errno;
		goto fail;
	}
	if (fstat(fd, &st) != 0) {
		err = errno;
		goto fail_close;
	}
	if (!S_ISREG(st.st_mode)) {
		err = EINVAL;
		goto fail_close;
	}
	in->len = (size_t)st.st_size;
	in->bytes = kb_xmalloc(in->len + 1);
	while (got < in->len) {
		ssize_t r = read(fd, in->bytes + got, in->len - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			err = errno;
			goto fail_free;
		}
		if (r == 0)
			break; /* the file shrank while we read it */
		got += (size_t)r;
	}
	in->len = got;
	close(fd);
	in->path = kb_xstrdup(path);
	return true;

fail_free:
	free(in->bytes);
	in->bytes = NULL;
fail_close:
	close(fd);
fail:
	fprintf(stderr, "bench_parse: %s: %s\n", path,
		err == EINVAL ? "not a regular file, skipped" : strerror(err));
	return false;
}

/* Load every edition file in dir into *inputs (caller frees). Returns the
 * number loaded, or (size_t)-1 when dir cannot be opened. */
static size_t load_dir(const char *dir, struct input **inputs)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0, cap = 0;

	*inputs = NULL;
	if (!d) {
		fprintf(stderr, "bench_parse: %s: %s\n", dir, strerror(errno));
		return (size_t)-1;
	}
	while ((e = readdir(d)) != NULL) {
		struct input in = { 0 };
		size_t plen;
		char *path;

		if (!is_edition_name(e->d_name))
			continue;
		plen = strlen(dir) + 1 + strlen(e->d_name) + 1;
		path = kb_xmalloc(plen);
		snprintf(path, plen, "%s/%s", dir, e->d_name);
		if (read_input(path, &in)) {
			void *grown = *inputs;

			kb_xgrow(&grown, &cap, n + 1, sizeof(**inputs));
			*inputs = grown;
			(*inputs)[n++] = in;
		}
		free(path);
	}
	closedir(d);
	return n;
}

/* Seconds elapsed on the monotonic clock between a and b. */
static double elapsed(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

/* Decode and parse every input once. Adds the articles found to *articles and
 * the files the decoder refused to *failed (reporting the first refusal). */
static void parse_all(const struct input *inputs, size_t n, size_t *articles, size_t *failed)
{
	for (size_t i = 0; i < n; i++) {
		struct kb_text text = { 0 };
		struct kb_edition *ed;
		enum kb_status st = kb_decode(inputs[i].bytes, inputs[i].len, &text, NULL, NULL);

		if (st != KB_OK) {
			if (*failed == 0)
				fprintf(stderr, "bench_parse: %s: %s\n", inputs[i].path,
					kb_status_message(st));
			(*failed)++;
			continue;
		}
		ed = kb_edition_parse(text.data, text.len, inputs[i].path);
		*articles += ed->n_articles;
		kb_edition_destroy(ed);
		kb_text_finish(&text);
	}
}

int main(int argc, char **argv)
{
	struct input *inputs;
	size_t n, bytes = 0, articles = 0, failed = 0;
	long rounds = 3;
	double best = -1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: bench_parse DIR [ROUNDS]\n");
		return 2;
	}
	if (argc == 3) {
		char *end;

		rounds = strtol(argv[2], &end, 10);
		if (*end != '\0' || rounds < 1) {
			fprintf(stderr, "bench_parse: ROUNDS must be a positive number: %s\n",
				argv[2]);
			return 2;
		}
	}
	n = load_dir(argv[1], &inputs);
	if (n == (size_t)-1)
		return 1;
	if (n == 0) {
		fprintf(stderr, "bench_parse: no *.txt files in %s\n", argv[1]);
		return 1;
	}
	for (size_t i = 0; i < n; i++)
		bytes += inputs[i].len;

	for (long r = 0; r < rounds; r++) {
		struct timespec t0, t1;
		size_t round_articles = 0, round_failed = 0;
		double t;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		parse_all(inputs, n, &round_articles, &round_failed);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		t = elapsed(&t0, &t1);
		if (best < 0 || t < best)
			best = t;
		articles = round_articles; /* the same every round */
		failed = round_failed;
	}

	printf("files: %zu\n", n);
	printf("bytes: %zu\n", bytes);
	printf("rounds: %ld\n", rounds);
	printf("best: %.6f s\n", best);
	if (best > 0)
		printf("throughput: %.2f MB/s\n", (double)bytes / 1e6 / best);
	else
		printf("throughput: (too fast to time)\n");
	printf("articles per edition: %.2f\n", (double)articles / (double)n);
	if (failed)
		printf("refused by the decoder: %zu\n", failed);

	for (size_t i = 0; i < n; i++) {
		free(inputs[i].path);
		free(inputs[i].bytes);
	}
	free(inputs);
	return failed ? 1 : 0;
}
