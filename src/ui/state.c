/*
 * Where the reader left off, per library: the article open and the first
 * line shown, kept in $XDG_STATE_HOME/kanbao/places (else
 * ~/.local/state/kanbao/places) as lines "LIBRARY<TAB>ARTICLE<TAB>LINE",
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

bool kb_state_load(const char *db, char *id, size_t n, size_t *line)
{
	char *text = read_places();
	bool found = false;
	size_t dl = strlen(db);
	for (char *p = text, *nl; p && *p && !found; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		char *t1 = strchr(p, '\t'), *t2 = t1 ? strchr(t1 + 1, '\t') : NULL;
		if (!t2 || (size_t)(t1 - p) != dl || memcmp(p, db, dl) != 0)
			continue;
		size_t il = (size_t)(t2 - t1 - 1);
		if (il == 0 || il >= n)
			continue;
		memcpy(id, t1 + 1, il);
		id[il] = '\0';
		*line = (size_t)strtoull(t2 + 1, NULL, 10);
		found = true;
	}
	free(text);
	return found;
}

void kb_state_save(const char *db, const char *id, size_t line)
{
	char path[1100], err[300];
	if (!db || !id || strchr(db, '\n') || strchr(db, '\t') || !places_path(path, sizeof(path), true))
		return;
	char *old = read_places();
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_printf(&b, "%s\t%s\t%zu\n", db, id, line);
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
