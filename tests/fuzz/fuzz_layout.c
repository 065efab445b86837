/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the layout wrapper: arbitrary bytes (made valid UTF-8 by
 * the decoder, as edition text always is) wrapped at a width taken from the
 * first byte, with and without indent; the wrapper's promises are checked:
 * lines within the width (a lone wide character at width 1 aside), spans in
 * order inside the text, truncation within its width.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/decode.h"
#include "kanbao/layout.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		ready = 1;
	}
	if (size < 2)
		return 0;
	int width = 1 + data[0] % 120;
	kb_layout_set_ambiwidth(data[1] & 1 ? KB_AMBI_DOUBLE : KB_AMBI_SINGLE);
	struct kb_text t;
	memset(&t, 0, sizeof(t));
	if (kb_decode((const char *)data + 2, size - 2, &t, NULL, NULL) != KB_OK)
		return 0;
	for (unsigned flags = 0; flags <= KB_WRAP_INDENT; flags += KB_WRAP_INDENT) {
		struct kb_lines ls = {0};
		kb_layout_wrap(t.data, t.len, width, flags, &ls);
		size_t prev_end = 0;
		for (size_t i = 0; i < ls.n; i++) {
			const struct kb_line *l = &ls.v[i];
			if (l->start > l->end || l->end > t.len || l->start < prev_end)
				abort(); /* spans out of order or outside the text */
			int w = kb_str_width(t.data + l->start, l->end - l->start) + l->indent;
			if (w > width && !(width == 1 && w <= 2))
				abort(); /* a line wider than asked */
			prev_end = l->end;
		}
		kb_lines_finish(&ls);
	}
	int cols;
	bool ell;
	size_t k = kb_layout_truncate(t.data, t.len, width, &cols, &ell);
	if (k > t.len || cols > width)
		abort();
	kb_text_finish(&t);
	kb_layout_set_ambiwidth(KB_AMBI_SINGLE);
	return 0;
}
