/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the Markdown writer: arbitrary text through the Markdown
 * and YAML escapers and a whole article export; the output must be valid
 * UTF-8 (when the input is) and a YAML scalar must never hold a raw control
 * character or line break.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "kanbao/decode.h"
#include "kanbao/export.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kb_text t;
	memset(&t, 0, sizeof(t));
	if (kb_decode((const char *)data, size, &t, NULL, NULL) != KB_OK)
		return 0;
	struct kb_buf b;
	kb_buf_init(&b);
	kb_md_text(&b, t.data);
	if (b.data && u8_check((const uint8_t *)b.data, b.len))
		abort();
	kb_buf_finish(&b);
	kb_yaml_string(&b, t.data);
	for (size_t i = 0; b.data && i < b.len; i++)
		if ((unsigned char)b.data[i] < 0x20)
			abort(); /* a raw control character inside a YAML scalar */
	kb_buf_finish(&b);
	/* a whole article: the text as title, note, tag and highlighted body */
	struct kb_full a;
	memset(&a, 0, sizeof(a));
	char *tags[1] = {t.data};
	struct kb_block blk = {KB_BLOCK_PARAGRAPH, t.data, 0};
	struct kb_highlight h = {1, t.data, "", "", 0, t.len, t.data, NULL};
	a.id = "fuzz00000000";
	a.edition = "fuzz.txt";
	a.title = t.data;
	a.note = t.data;
	a.text = t.data;
	a.blocks = &blk;
	a.n_blocks = 1;
	a.tags = tags;
	a.n_tags = 1;
	a.highlights = &h;
	a.n_highlights = t.len ? 1 : 0;
	struct kb_export_opts o = {.with_text = true, .exported = "2026-01-01T00:00:00Z"};
	char *md = kb_export_article_md(&a, &o);
	if (md && u8_check((const uint8_t *)md, strlen(md)))
		abort();
	free(md);
	struct kb_full *arts[1] = {&a};
	md = kb_export_document_md(arts, 1, &o);
	free(md);
	kb_text_finish(&t);
	return 0;
}
