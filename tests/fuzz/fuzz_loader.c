/*
 * Fuzz target for the loader's boundary: arbitrary bytes through the decoder
 * and the parser, as an edition file would arrive. Built two ways: with
 * libFuzzer (clang -fsanitize=fuzzer, see tests/fuzz/run.sh) to search, and
 * with replay.c as a normal test that runs every saved input (tests/fuzz/
 * corpus/loader/), as SQLite's fuzzcheck does, so a crash found once stays
 * fixed.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "kanbao/decode.h"
#include "kanbao/edition.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb_text t;
	memset(&t, 0, sizeof(t));
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
