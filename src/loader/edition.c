/* SPDX-License-Identifier: MIT */
/*
 * The loader's entry points: parse decoded text into an edition (split,
 * classify, join, group), load a file through the decoder, and the edition's
 * metadata: from its header, else from the page's own header line, else
 * from the file's path (filename.c, pagehead.c).
 */
#include "loader.h"

#include <stdlib.h>
#include <string.h>

const char *kb_block_type_name(enum kb_block_type t)
{
	return t == KB_BLOCK_HEADING ? "heading" : "paragraph";
}

const char *kb_extra_type_name(enum kb_extra_type t)
{
	switch (t) {
	case KB_EXTRA_CAPTION:
		return "caption";
	case KB_EXTRA_MEDIA_NOTE:
		return "media-note";
	case KB_EXTRA_PAGE_HEADER:
		return "page-header";
	case KB_EXTRA_JUMP:
		return "jump";
	}
	return "unknown";
}

/* Read an edition header (see edition.h) at the start of text; returns the
 * number of bytes it takes (0 when there is none) and sets *lines to the
 * lines it spans. */
static size_t read_header(struct kb_edition *ed, const char *text, size_t len, size_t *lines)
{
	const char *s = text, *e = text + len;
	size_t n = 0;
	*lines = 0;
	while (s < e && (*s == '\n'))
		s++, n++;
	if (e - s < 4 || memcmp(s, "---\n", 4) != 0)
		return 0;
	const char *q = s + 4;
	size_t count = n + 1;
	for (int guard = 0; q < e && guard < 30; guard++) {
		const char *le = memchr(q, '\n', (size_t)(e - q));
		if (!le)
			le = e;
		count++;
		if (le - q == 3 && memcmp(q, "---", 3) == 0) {
			*lines = count;
			return (size_t)(le - text) + (le < e);
		}
		const char *colon = memchr(q, ':', (size_t)(le - q));
		if (colon) {
			const char *v = colon + 1;
			size_t vn = (size_t)(le - v), kn = (size_t)(colon - q);
			while (vn && (*v == ' ' || *v == '\t'))
				v++, vn--;
			while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t' || v[vn - 1] == '\r'))
				vn--;
			const char *val = vn ? kb_arena_strndup(ed->arena, v, vn) : NULL;
			if (kn == 5 && memcmp(q, "paper", 5) == 0)
				ed->paper = val;
			else if (kn == 4 && memcmp(q, "date", 4) == 0)
				ed->date = val;
			else if (kn == 4 && memcmp(q, "page", 4) == 0)
				ed->page = val;
			else if (kn == 5 && memcmp(q, "title", 5) == 0)
				ed->title = val;
		}
		q = le + 1;
	}
	ed->paper = ed->title = ed->date = ed->page = NULL; /* no closing ---: not a header */
	return 0;
}

/* Fill what the edition header left unsaid from m. */
static void fill(struct kb_edition *ed, const struct kb_meta *m)
{
	ed->paper = ed->paper ? ed->paper : m->paper;
	ed->date = ed->date ? ed->date : m->date;
	ed->page = ed->page ? ed->page : m->page;
	ed->title = ed->title ? ed->title : m->title;
}

struct kb_edition *kb_edition_parse(const char *text, size_t len, const char *source)
{
	struct kb_edition *ed = kb_xcalloc(1, sizeof(*ed));
	ed->arena = kb_arena_create();
	ed->encoding = "UTF-8";
	if (source)
		ed->source = kb_arena_strndup(ed->arena, source, strlen(source));
	size_t header_lines;
	size_t skip = read_header(ed, text, len, &header_lines);
	struct parse p;
	memset(&p, 0, sizeof(p));
	p.arena = ed->arena;
	p.first_line = header_lines + 1;
	kb_split_units(&p, text + skip, len - skip);
	if (p.line_paras)
		kb_read_line_paragraphs(&p); /* nothing to rejoin */
	else {
		kb_mark_masthead(&p);
		kb_join_units(&p);
	}
	kb_group_units(&p, ed);
	free(p.units);
	/* the edition header first, then the page's header, then the path */
	struct kb_meta m;
	kb_meta_from_page_header(ed->arena, ed, &m);
	fill(ed, &m);
	if (source) {
		kb_meta_from_path(ed->arena, source, &m);
		m.title = NULL; /* a file name is no page's name */
		fill(ed, &m);
	}
	return ed;
}

enum kb_status kb_edition_load(const char *path, struct kb_edition **out,
			       kb_warn_fn warn, void *ctx)
{
	struct kb_text t;
	memset(&t, 0, sizeof(t));
	enum kb_status st = kb_decode_file(path, &t, warn, ctx);
	if (st != KB_OK)
		return st;
	*out = kb_edition_parse(t.data, t.len, path);
	(*out)->encoding = t.encoding;
	kb_text_finish(&t);
	return KB_OK;
}

void kb_edition_destroy(struct kb_edition *ed)
{
	if (!ed)
		return;
	kb_arena_destroy(ed->arena);
	free(ed);
}
