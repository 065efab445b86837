/* SPDX-License-Identifier: MIT */
/*
 * Exporting again into a folder of notes (an Obsidian, Logseq or Zettlr
 * vault) updates instead of copying. An article's file is found by the id
 * in its front matter wherever it is under the folder and whatever the
 * user renamed it to; it is rewritten in place (atomically, write.c), and
 * what the user wrote below the keep-marker line stays as it was.
 *
 * The scan reads only the front matter (the first 8 KiB) of each regular
 * *.md file, skipping hidden folders (.obsidian, .git, .trash) and never
 * following a symlink, so a vault of thousands of notes costs one pass.
 */
#include "kanbao/export.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { HEAD_BYTES = 8192, MAX_DEPTH = 16 };

struct kb_vault {
	char **ids, **paths;
	size_t n, cap;
};

static void vault_add(struct kb_vault *v, const char *id, const char *path)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		v->ids = kb_xrealloc(v->ids, v->cap * sizeof(*v->ids));
		v->paths = kb_xrealloc(v->paths, v->cap * sizeof(*v->paths));
	}
	v->ids[v->n] = kb_xstrdup(id);
	v->paths[v->n++] = kb_xstrdup(path);
}

/* The id of a front matter's `id:` line ("id: \"abc\"" or "id: abc"), or
 * NULL. Caller frees. */
static char *front_id(const char *head)
{
	if (strncmp(head, "---\n", 4) != 0 && strncmp(head, "---\r\n", 5) != 0)
		return NULL;
	for (const char *l = strchr(head, '\n') + 1; *l; l = strchr(l, '\n') + 1) {
		size_t len = strcspn(l, "\r\n");
		if (len == 3 && strncmp(l, "---", 3) == 0)
			return NULL; /* the front matter ended */
		if (strncmp(l, "id:", 3) == 0) {
			const char *v = l + 3;
			while (*v == ' ')
				v++;
			size_t vl = (size_t)(l + len - v);
			while (vl && v[vl - 1] == ' ')
				vl--;
			if (vl >= 2 && ((v[0] == '"' && v[vl - 1] == '"') || (v[0] == '\'' && v[vl - 1] == '\''))) {
				v++;
				vl -= 2;
			}
			return vl ? kb_xstrndup(v, vl) : NULL;
		}
		if (!l[len])
			return NULL;
	}
	return NULL;
}

static bool ends_md(const char *name)
{
	size_t n = strlen(name);
	return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static void scan(struct kb_vault *v, const char *dir, int depth)
{
	/* in name order, so that of two files with one id the first is found
	 * on every run */
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		if (name[0] == '.') {
			free(list[i]);
			continue;
		}
		struct kb_buf p;
		kb_buf_init(&p);
		kb_buf_printf(&p, "%s/%s", dir, name);
		struct stat st;
		if (lstat(p.data, &st) == 0) {
			if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
				scan(v, p.data, depth + 1);
			} else if (S_ISREG(st.st_mode) && ends_md(name)) {
				int fd = open(p.data, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
				char head[HEAD_BYTES + 1];
				ssize_t got = fd >= 0 ? read(fd, head, HEAD_BYTES) : -1;
				if (fd >= 0)
					close(fd);
				if (got > 0) {
					head[got] = '\0';
					char *id = front_id(head);
					if (id && !kb_vault_find(v, id))
						vault_add(v, id, p.data);
					free(id);
				}
			}
		}
		kb_buf_finish(&p);
		free(list[i]);
	}
	free(n > 0 ? list : NULL);
}

struct kb_vault *kb_vault_scan(const char *dir)
{
	struct kb_vault *v = kb_xcalloc(1, sizeof(*v));
	if (dir)
		scan(v, dir, 0);
	return v;
}

const char *kb_vault_find(const struct kb_vault *v, const char *id)
{
	for (size_t i = 0; v && id && i < v->n; i++)
		if (strcmp(v->ids[i], id) == 0)
			return v->paths[i];
	return NULL;
}

void kb_vault_free(struct kb_vault *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		free(v->ids[i]);
		free(v->paths[i]);
	}
	free(v->ids);
	free(v->paths);
	free(v);
}

bool kb_mkdirs(const char *dir, char *err, size_t errlen)
{
	char *p = kb_xstrdup(dir);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		bool last = !*s;
		if (*s != '/' && !last)
			continue;
		*s = '\0';
		struct stat st;
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			snprintf(err, errlen, "%s: cannot create the folder %s: %s", dir, p, strerror(errno));
			ok = false;
		} else if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s: cannot create the folder: %s is not a folder", dir, p);
			ok = false;
		}
		if (last)
			break;
		*s = '/';
	}
	free(p);
	return ok;
}

/* What the file at path holds below its keep-marker line (NULL: no file,
 * or no marker in it); *existed whether a file is there. False when it
 * cannot be read (its text must not be lost by writing over it). */
static bool kept_text(const char *path, char **kept, bool *existed, char *err, size_t errlen)
{
	*kept = NULL;
	*existed = false;
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return true; /* a FIFO, a device, a folder: write.c refuses it
			      * (opening a FIFO would wait for a writer) */
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return true;
		snprintf(err, errlen, "%s: cannot read it to keep your text: %s", path, strerror(errno));
		return false;
	}
	*existed = true;
	struct kb_buf b;
	kb_buf_init(&b);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		kb_buf_append(&b, buf, got);
	bool bad = ferror(f);
	fclose(f);
	if (bad) {
		kb_buf_finish(&b);
		snprintf(err, errlen, "%s: cannot read it to keep your text", path);
		return false;
	}
	/* the first marker on a line of its own (what kanbao writes above it
	 * never holds one: notes have it broken, the paper's text is escaped;
	 * the user's text below may quote it) */
	const char *s = b.data ? b.data : "", *at = NULL;
	size_t ml = strlen(KB_EXPORT_MARKER);
	for (const char *p = strstr(s, KB_EXPORT_MARKER); p; p = strstr(p + 1, KB_EXPORT_MARKER))
		if ((p == s || p[-1] == '\n') && (p[ml] == '\n' || p[ml] == '\r' || !p[ml])) {
			at = p;
			break;
		}
	if (at) {
		const char *rest = at + ml;
		if (*rest == '\r')
			rest++;
		if (*rest == '\n')
			rest++;
		*kept = kb_xstrdup(rest);
	}
	kb_buf_finish(&b);
	return true;
}

bool kb_export_write_keeping(const char *path, const char *md, bool *existed, char *err,
			     size_t errlen)
{
	char *kept;
	bool was;
	if (!kept_text(path, &kept, &was, err, errlen))
		return false;
	if (existed)
		*existed = was;
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, md);
	if (b.len && b.data[b.len - 1] != '\n')
		kb_buf_putc(&b, '\n');
	kb_buf_puts(&b, "\n" KB_EXPORT_MARKER "\n");
	if (kept)
		kb_buf_puts(&b, kept);
	bool ok = kb_write_atomic(path, b.data, b.len, err, errlen);
	kb_buf_finish(&b);
	free(kept);
	return ok;
}

bool kb_export_article_into(const char *dir, struct kb_vault *v, const struct kb_full *a,
			    const struct kb_export_opts *o, char **path, bool *updated, char *err,
			    size_t errlen)
{
	*path = NULL;
	const char *found = kb_vault_find(v, a->id);
	char *p;
	if (found) {
		p = kb_xstrdup(found);
	} else {
		char *name = kb_export_filename(a, dir);
		struct kb_buf b;
		kb_buf_init(&b);
		size_t dl = strlen(dir);
		kb_buf_printf(&b, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
		free(name);
		p = kb_buf_steal(&b);
	}
	char *md = kb_export_article_md(a, o);
	bool ok = kb_export_write_keeping(p, md, updated, err, errlen);
	free(md);
	if (!ok) {
		free(p);
		return false;
	}
	if (!found)
		vault_add(v, a->id, p);
	*path = p;
	return true;
}
