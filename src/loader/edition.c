/*
 * The loader's entry points: parse decoded text into an edition (split,
 * classify, join, group), load a file through the decoder, and the edition's
 * metadata that the file name carries (a YYYY-MM-DD date).
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

static bool digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The first YYYY-MM-DD in the file's base name, as a plausible date. */
static const char *date_from_name(struct kb_arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	for (size_t i = 0; i + 10 <= n; i++) {
		const char *s = base + i;
		if (!digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' ||
		    !digits(s + 8, 2) || (i + 10 < n && s[10] >= '0' && s[10] <= '9') ||
		    (i > 0 && s[-1] >= '0' && s[-1] <= '9'))
			continue;
		int mon = (s[5] - '0') * 10 + (s[6] - '0');
		int day = (s[8] - '0') * 10 + (s[9] - '0');
		if (mon >= 1 && mon <= 12 && day >= 1 && day <= 31)
			return kb_arena_strndup(a, s, 10);
	}
	return NULL;
}

struct kb_edition *kb_edition_parse(const char *text, size_t len, const char *source)
{
	struct kb_edition *ed = kb_xcalloc(1, sizeof(*ed));
	ed->arena = kb_arena_create();
	ed->encoding = "UTF-8";
	if (source) {
		ed->source = kb_arena_strndup(ed->arena, source, strlen(source));
		ed->date = date_from_name(ed->arena, source);
	}
	struct parse p;
	memset(&p, 0, sizeof(p));
	p.arena = ed->arena;
	kb_split_units(&p, text, len);
	kb_join_units(&p);
	kb_group_units(&p, ed);
	free(p.units);
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
