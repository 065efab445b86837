/* SPDX-License-Identifier: MIT */
/*
 * The tag view (#): every tag of the library with the number of articles
 * carrying it, over the whole screen as the help is. Enter lists the
 * tag's articles; R renames a tag (into an existing one: a merge), D
 * deletes it from every article; each across the library in one
 * transaction, and one u undoes it (a CH_BATCH change).
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void load(struct app *a)
{
	kb_tag_counts_free(a->tv, a->tv_n);
	a->tv = NULL;
	a->tv_n = 0;
	if (!kb_store_tags(a->store, &a->tv, &a->tv_n))
		kb_message(a, true, "%s", kb_store_error(a->store));
	if (a->tv_cur >= a->tv_n)
		a->tv_cur = a->tv_n ? a->tv_n - 1 : 0;
}

void kb_tagview_open(struct app *a)
{
	a->tagview = true;
	a->tv_cur = a->tv_top = 0;
	load(a);
	kb_message(a, false, "%s",
		   _("tags: Enter lists a tag's articles, R renames or merges, D deletes, q closes"));
}

void kb_tagview_close(struct app *a)
{
	a->tagview = false;
	kb_tag_counts_free(a->tv, a->tv_n);
	a->tv = NULL;
	a->tv_n = 0;
}

void kb_tagview_paint(struct app *a)
{
	int w = a->cols, rows = a->rows - 1;
	for (int y = 0; y < rows; y++)
		kb_draw_fill(y, 0, w, KB_STYLE_NORMAL);
	char title[300];
	snprintf(title, sizeof(title), _("Tags (%zu)  Enter: list  R: rename/merge  D: delete  q: close"),
		 a->tv_n);
	kb_draw_text(0, 1, w, title, strlen(title), KB_STYLE_TITLE);
	size_t shown = rows > 2 ? (size_t)rows - 2 : 1;
	if (a->tv_cur < a->tv_top)
		a->tv_top = a->tv_cur;
	if (a->tv_cur >= a->tv_top + shown)
		a->tv_top = a->tv_cur - shown + 1;
	if (!a->tv_n) {
		const char *none = _("no tags yet: t tags the article under the cursor");
		kb_draw_text(2, 1, w, none, strlen(none), KB_STYLE_META);
	}
	for (size_t i = a->tv_top; i < a->tv_n && i < a->tv_top + shown; i++) {
		int y = 2 + (int)(i - a->tv_top);
		bool cur = i == a->tv_cur;
		enum kb_style st = cur ? KB_STYLE_CURSOR : KB_STYLE_TAG;
		kb_draw_fill(y, 0, w, cur ? st : KB_STYLE_NORMAL);
		char count[32];
		snprintf(count, sizeof(count), "%6zu  ", a->tv[i].count);
		int x = kb_draw_text(y, 1, w, count, strlen(count), cur ? st : KB_STYLE_META);
		bool el;
		int cols;
		size_t k = kb_layout_truncate(a->tv[i].name, strlen(a->tv[i].name), w - x - 1, &cols, &el);
		x = kb_draw_text(y, x, w, a->tv[i].name, k, st);
		if (el)
			kb_draw_text(y, x, w, "…", strlen("…"), st);
	}
}

/* Rename (or merge) or delete the tag under the cursor, recorded as one
 * change. */
static void change_tag(struct app *a, bool rename)
{
	if (a->tv_cur >= a->tv_n)
		return;
	char *tag = kb_xstrdup(a->tv[a->tv_cur].name);
	struct kb_change c = {0};
	size_t n = 0;
	bool ok = false;
	char said[600];
	if (rename) {
		char label[300];
		snprintf(label, sizeof(label), _("rename %s to (an existing tag: merge): "), tag);
		a->in_prompt = true;
		char *to = kb_prompt(a, label, tag, &kb_complete_tags);
		a->in_prompt = false;
		if (to && *to && strcmp(to, tag) != 0) {
			bool exists = false;
			for (size_t i = 0; i < a->tv_n; i++)
				exists |= strcmp(a->tv[i].name, to) == 0;
			ok = kb_store_tag_rename(a->store, tag, to, &n, &c);
			snprintf(said, sizeof(said),
				 exists ? ngettext("merged %s into %s on %zu article (saved) · u: undo",
						   "merged %s into %s on %zu articles (saved) · u: undo", n)
					: ngettext("renamed %s to %s on %zu article (saved) · u: undo",
						   "renamed %s to %s on %zu articles (saved) · u: undo", n),
				 tag, to, n);
		}
		free(to);
		if (!ok && !c.kind && kb_store_error(a->store)[0] == '\0') {
			free(tag);
			return; /* cancelled, or the same name */
		}
	} else {
		char label[300];
		snprintf(label, sizeof(label),
			 ngettext("delete %s from its %zu article? (y/n) ",
				  "delete %s from its %zu articles? (y/n) ", a->tv[a->tv_cur].count),
			 tag, a->tv[a->tv_cur].count);
		a->in_prompt = true;
		char *yes = kb_prompt(a, label, NULL, NULL);
		a->in_prompt = false;
		bool go = yes && (yes[0] == 'y' || yes[0] == 'Y');
		free(yes);
		if (!go) {
			kb_message(a, false, "%s", _("nothing deleted"));
			free(tag);
			return;
		}
		ok = kb_store_tag_delete(a->store, tag, &n, &c);
		snprintf(said, sizeof(said),
			 ngettext("deleted %s from %zu article (saved) · u: undo",
				  "deleted %s from %zu articles (saved) · u: undo", n),
			 tag, n);
	}
	free(tag);
	if (!ok) {
		kb_change_finish(&c);
		kb_message(a, true, "%s", kb_store_error(a->store));
		return;
	}
	kb_record_batch(a, &c);
	load(a);
	kb_message(a, false, "%s", said);
}

void kb_tagview_key(struct app *a, int key)
{
	enum action act = kb_keys_action(key, NULL);
	if (key == 'R' || key == 'D') {
		change_tag(a, key == 'R');
		return;
	}
	switch (act) {
	case ACT_MOVE_DOWN:
	case ACT_CARET_DOWN:
		if (a->tv_cur + 1 < a->tv_n)
			a->tv_cur++;
		break;
	case ACT_MOVE_UP:
	case ACT_CARET_UP:
		if (a->tv_cur > 0)
			a->tv_cur--;
		break;
	case ACT_TOP:
		a->tv_cur = 0;
		break;
	case ACT_BOTTOM:
		a->tv_cur = a->tv_n ? a->tv_n - 1 : 0;
		break;
	case ACT_UNDO:
	case ACT_REDO:
		kb_undo(a, act == ACT_REDO);
		load(a);
		break;
	case ACT_OPEN:
		if (a->tv_cur < a->tv_n) {
			/* its articles, as f tag:X lists them (quoted: a tag may hold spaces) */
			char q[600];
			snprintf(q, sizeof(q), "tag:\"%s\"", a->tv[a->tv_cur].name);
			kb_tagview_close(a);
			a->focus = P_LIST;
			kb_geometry(a);
			if (kb_list_show_results(a, NULL, q))
				kb_list_preview(a);
		}
		break;
	case ACT_QUIT:
	case ACT_QUIT_NOW:
	case ACT_TAGS:
		kb_tagview_close(a);
		break;
	default:
		if (key == 27)
			kb_tagview_close(a);
		break;
	}
}
