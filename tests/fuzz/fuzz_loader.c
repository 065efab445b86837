/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the loader's boundary: arbitrary bytes through the decoder
 * and the parser, as an edition file would arrive. Built two ways: with
 * libFuzzer (clang -fsanitize=fuzzer, see tests/fuzz/run.sh) to search, and
 * with replay.c as a normal test that runs every saved input (tests/fuzz/
 * corpus/loader/), as SQLite's fuzzcheck does, so a crash found once stays
 * fixed. The same bytes are also read as a file's path: what a path says
 * of its edition (filename.c) must be well formed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "kanbao/decode.h"
#include "kanbao/edition.h"
#include "loader.h"

/* Is s NULL or a YYYY-MM-DD calendar date? */
static int date_ok(const char *s)
{
	if (!s)
		return 1;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return kb_calendar_date(atoi(s), atoi(s + 5), atoi(s + 8));
}

/* Is s NULL or a page: digits without a leading zero, or a letter and
 * digits? */
static int page_ok(const char *s)
{
	if (!s)
		return 1;
	size_t n = strlen(s), i = s[0] >= 'A' && s[0] <= 'Z';
	if (n == i || n >= KB_PAGE_MAX || (!i && s[0] == '0'))
		return 0;
	for (; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

/* The bytes as a path: paper, date and page well formed. */
static void path_meta(const uint8_t *data, size_t size)
{
	char path[4097];
	size_t n = size < 4096 ? size : 4096;
	memcpy(path, data, n);
	path[n] = '\0';
	struct kb_arena *a = kb_arena_create();
	struct kb_meta m;
	kb_meta_from_path(a, path, &m);
	if (!date_ok(m.date) || !page_ok(m.page) || m.title ||
	    (m.paper && u8_check((const uint8_t *)m.paper, strlen(m.paper))))
		abort(); /* a path made a malformed date, page or paper */
	kb_arena_destroy(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb_text t;
	memset(&t, 0, sizeof(t));
	path_meta(data, size);
	if (kb_decode((const char *)data, size, &t, NULL, NULL) != KB_OK)
		return 0;
	struct kb_edition *ed = kb_edition_parse(t.data, t.len, "fuzz.txt");
	/* every string the parse hands out must be readable */
	size_t total = 0;
	for (size_t i = 0; i < ed->n_articles; i++) {
		const struct kb_article *a = &ed->articles[i];
		total += strlen(a->title);
		for (size_t k = 0; k < a->n_blocks; k++)
			total += strlen(a->blocks[k].text);
		for (size_t k = 0; k < a->n_authors; k++)
			total += strlen(a->authors[k].name) + strlen(a->authors[k].role);
	}
	for (size_t i = 0; i < ed->n_extras; i++)
		total += strlen(ed->extras[i].text);
	kb_edition_destroy(ed);
	kb_text_finish(&t);
	return total == (size_t)-1; /* never: keeps total used */
}
