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

/* The page from the file name: p02, P2, 第2版, 第二版, A05版 (as "2", "A05"). */
static const char *page_from_name(struct kb_arena *a, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	for (size_t i = 0; i < n; i++) {
		bool start = i == 0 || base[i - 1] == '_' || base[i - 1] == '-' ||
			     base[i - 1] == '.' || base[i - 1] == ' ';
		if (start && (base[i] == 'p' || base[i] == 'P') && i + 1 < n && base[i + 1] >= '0' &&
		    base[i + 1] <= '9') {
			size_t k = i + 1;
			while (k < n && base[k] >= '0' && base[k] <= '9')
				k++;
			if (k < n && base[k] != '_' && base[k] != '-' && base[k] != '.')
				continue;
			while (base[i + 1] == '0' && i + 2 < k)
				i++;
			return kb_arena_strndup(a, base + i + 1, k - i - 1);
		}
	}
	const char *di = strstr(base, "第"), *ban = di ? strstr(di, "版") : NULL;
	if (di && ban && ban - di <= 3 + 9) {
		di += strlen("第");
		return kb_arena_strndup(a, di, (size_t)(ban - di));
	}
	return NULL;
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
	ed->paper = ed->title = NULL; /* no closing ---: not a header */
	return 0;
}

struct kb_edition *kb_edition_parse(const char *text, size_t len, const char *source)
{
	struct kb_edition *ed = kb_xcalloc(1, sizeof(*ed));
	ed->arena = kb_arena_create();
	ed->encoding = "UTF-8";
	if (source) {
		ed->source = kb_arena_strndup(ed->arena, source, strlen(source));
		ed->date = date_from_name(ed->arena, source);
		ed->page = page_from_name(ed->arena, source);
	}
	size_t header_lines;
	const char *name_date = ed->date, *name_page = ed->page;
	size_t skip = read_header(ed, text, len, &header_lines);
	if (!skip) {
		ed->date = name_date;
		ed->page = name_page;
	} else {
		ed->date = ed->date ? ed->date : name_date;
		ed->page = ed->page ? ed->page : name_page;
	}
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
