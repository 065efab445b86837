/* SPDX-License-Identifier: MIT */
/*
 * Where the reader left off, per library: the article open, the first
 * line shown and the listing (a search's or a filter's query, a saved
 * view's name), kept in $XDG_STATE_HOME/kanbao/places (else
 * ~/.local/state/kanbao/places) as lines
 * "LIBRARY<TAB>ARTICLE<TAB>LINE[<TAB>search|filter<TAB>QUERY<TAB>VIEW]",
 * the library's path as given, the most recent first, at most 100. The
 * file is replaced whole (a temporary file renamed over it) when the
 * reader quits; a file that cannot be read or written is no reason not to
 * read, so failures are silent.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kanbao/export.h"

#define MAX_PLACES 100

static bool places_path(char *buf, size_t n, bool make_dir)
{
	const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char dir[1024];
	if (xdg && xdg[0] == '/')
		snprintf(dir, sizeof(dir), "%s/kanbao", xdg);
	else if (home && home[0] == '/')
		snprintf(dir, sizeof(dir), "%s/.local/state/kanbao", home);
	else
		return false;
	if (make_dir)
		for (char *p = dir + 1;; p++)
			if (*p == '/' || !*p) {
				char c = *p;
				*p = '\0';
				mkdir(dir, 0700);
				*p = c;
				if (!c)
					break;
			}
	snprintf(buf, n, "%s/places", dir);
	return true;
}

/* The file's text (caller frees), or NULL. */
static char *read_places(void)
{
	char path[1100];
	if (!places_path(path, sizeof(path), false))
		return NULL;
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	struct kb_buf b;
	kb_buf_init(&b);
	char chunk[4096];
	size_t got;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0 && b.len < (1u << 20))
		kb_buf_append(&b, chunk, got);
	fclose(f);
	return kb_buf_steal(&b);
}

/* Field k (0-based) of a line of fields split by tabs into out (n bytes):
 * false when it is not there or does not fit. */
static bool field(const char *line, int k, char *out, size_t n)
{
	const char *p = line;
	for (int i = 0; i < k && p; i++) {
		p = strchr(p, '\t');
		if (p)
			p++;
	}
	if (!p)
		return false;
	size_t len = strcspn(p, "\t");
	if (len >= n)
		return false;
	memcpy(out, p, len);
	out[len] = '\0';
	return true;
}

bool kb_state_load(const char *db, struct kb_saved *out)
{
	memset(out, 0, sizeof(*out));
	char *text = read_places();
	bool found = false;
	size_t dl = strlen(db);
	for (char *p = text, *nl; p && *p && !found; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		char num[32], kind[16];
		if (strlen(p) <= dl || p[dl] != '\t' || memcmp(p, db, dl) != 0 ||
		    !field(p, 1, out->id, sizeof(out->id)) || !out->id[0] ||
		    !field(p, 2, num, sizeof(num)))
			continue;
		out->line = (size_t)strtoull(num, NULL, 10);
		if (field(p, 3, kind, sizeof(kind)) && field(p, 4, out->query, sizeof(out->query)) &&
		    out->query[0] && (strcmp(kind, "search") == 0 || strcmp(kind, "filter") == 0)) {
			out->search = strcmp(kind, "search") == 0;
			out->listing = true;
			field(p, 5, out->view, sizeof(out->view));
		} else {
			out->query[0] = '\0';
		}
		found = true;
	}
	free(text);
	return found;
}

/* s with tabs and line ends made spaces, into b. */
static void put_clean(struct kb_buf *b, const char *s)
{
	for (; s && *s; s++)
		kb_buf_putc(b, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

void kb_state_save(const char *db, const struct kb_saved *at)
{
	char path[1100], err[300];
	if (!db || !at->id[0] || strchr(db, '\n') || strchr(db, '\t') ||
	    !places_path(path, sizeof(path), true))
		return;
	char *old = read_places();
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_printf(&b, "%s\t%s\t%zu", db, at->id, at->line);
	if (at->listing && at->query[0]) {
		kb_buf_puts(&b, at->search ? "\tsearch\t" : "\tfilter\t");
		put_clean(&b, at->query);
		kb_buf_putc(&b, '\t');
		put_clean(&b, at->view);
	}
	kb_buf_putc(&b, '\n');
	size_t kept = 1, dl = strlen(db);
	for (char *p = old, *nl; p && *p && kept < MAX_PLACES; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len > dl && p[dl] == '\t' && memcmp(p, db, dl) == 0)
			continue; /* this library's old place */
		if (!memchr(p, '\t', len))
			continue;
		kb_buf_append(&b, p, len);
		kb_buf_putc(&b, '\n');
		kept++;
	}
	free(old);
	kb_write_atomic(path, b.data, b.len, err, sizeof(err));
	kb_buf_finish(&b);
}
