/* SPDX-License-Identifier: MIT */
/*
 * Annotation changes made from the reader. Each is written to the store the
 * moment it is made (so a crash or a closed terminal loses nothing), then
 * recorded for undo; undo applies the inverse change, redo the change again,
 * both through the store as well. A note typed in the box is never lost:
 * if its article went away meanwhile (another process re-imported the
 * edition) it follows the article, or is kept in a file.
 */
#include "ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "kanbao/export.h"

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static void change_free(struct change *c)
{
	kb_change_finish(&c->batch);
	free(c->id);
	free(c->tag);
	free(c->before);
	free(c->after);
	free(c->hl_note);
}

static void push(struct change **v, size_t *n, size_t *cap, struct change c)
{
	void *p = *v;
	kb_xgrow(&p, cap, *n + 1, sizeof(struct change));
	*v = p;
	(*v)[(*n)++] = c;
}

void kb_group_begin(struct app *a)
{
	a->group_seq++;
	a->in_group = true;
}

void kb_group_end(struct app *a)
{
	a->in_group = false;
}

/* A new change: recorded for undo, the redo stack dropped. */
static void record(struct app *a, struct change c)
{
	c.group = a->in_group ? a->group_seq : ++a->group_seq;
	push(&a->undo, &a->n_undo, &a->cap_undo, c);
	for (size_t i = 0; i < a->n_redo; i++)
		change_free(&a->redo[i]);
	a->n_redo = 0;
}

void kb_changes_free(struct app *a)
{
	for (size_t i = 0; i < a->n_undo; i++)
		change_free(&a->undo[i]);
	for (size_t i = 0; i < a->n_redo; i++)
		change_free(&a->redo[i]);
	free(a->undo);
	free(a->redo);
}

/* After a change to article id: reload what shows it. */
static void refresh_views(struct app *a, const char *id)
{
	char *keep = strdup(id); /* id may be the open article's, freed by the reload */
	if (a->art && strcmp(a->art->id, keep) == 0)
		kb_article_reload(a);
	kb_list_refresh_row(a, keep);
	free(keep);
}

static bool fail(struct app *a)
{
	kb_message(a, true, _("not saved: %s"), kb_store_error(a->store));
	return false;
}

bool kb_do_tag(struct app *a, const char *id, const char *tag, bool on, bool rec)
{
	if (!(on ? kb_store_tag(a->store, id, tag) : kb_store_untag(a->store, id, tag)))
		return fail(a);
	if (rec)
		record(a, (struct change){.kind = on ? CH_TAG : CH_UNTAG, .id = strdup(id),
					  .tag = strdup(tag)});
	refresh_views(a, id);
	char said[400];
	snprintf(said, sizeof(said), on ? _("tagged %s (saved)") : _("untagged %s (saved)"), tag);
	kb_message(a, false, "%s%s%s", said, rec ? " · " : "", rec ? _("u: undo") : "");
	return true;
}

bool kb_do_note(struct app *a, const char *id, const char *text, bool rec)
{
	struct kb_full *f = kb_store_get(a->store, id);
	char *before = f ? dup_or_null(f->note) : NULL;
	kb_full_destroy(f);
	if (!kb_store_set_note(a->store, id, text)) {
		free(before);
		return fail(a);
	}
	if (rec)
		record(a, (struct change){.kind = CH_NOTE, .id = strdup(id), .before = before,
					  .after = text && *text ? strdup(text) : NULL});
	else
		free(before);
	refresh_views(a, id);
	kb_message(a, false, "%s%s%s", text && *text ? _("note saved") : _("note removed"),
		   rec ? " · " : "", rec ? _("u: undo") : "");
	return true;
}

static bool same_text(const char *x, const char *y)
{
	return x && y ? strcmp(x, y) == 0 : x == y;
}

/* kb_row_fn: keep the ids of the rows of one edition (by file name). */
struct same_edition {
	const char *name;
	char **ids;
	size_t n, cap;
};

static bool keep_same_edition(void *ctx, const struct kb_row *r)
{
	struct same_edition *se = ctx;
	if (!r->edition || strcmp(r->edition, se->name) != 0)
		return true;
	void *v = se->ids;
	kb_xgrow(&v, &se->cap, se->n + 1, sizeof(char *));
	se->ids = v;
	se->ids[se->n++] = kb_xstrdup(r->id);
	return true;
}

char *kb_find_moved(struct app *a, const struct kb_full *was)
{
	char *exact = NULL, *head = NULL;
	size_t n_exact = 0, n_head = 0;
	if (!was)
		return NULL;
	/* the articles of the editions of that name (the listing's filter
	 * also takes a part of a path: the name is compared again) */
	struct same_edition se = {.name = was->edition};
	struct kb_filter filter = {.edition = was->edition};
	if (!kb_store_list_each(a->store, &filter, keep_same_edition, &se)) {
		for (size_t i = 0; i < se.n; i++)
			free(se.ids[i]);
		free(se.ids);
		return NULL;
	}
	for (size_t i = 0; i < se.n; i++) {
		struct kb_full *f = kb_store_get(a->store, se.ids[i]);
		if (!f)
			continue;
		/* the headline alone is not enough (简讯 and 图片新闻 recur on
		 * every page): the first paragraph must match too */
		if (same_text(f->text, was->text)) {
			n_exact++;
			free(exact);
			exact = strdup(f->id);
		} else if (was->title[0] && strcmp(f->title, was->title) == 0 &&
			   same_text(f->kicker, was->kicker) && f->n_blocks && was->n_blocks &&
			   strcmp(f->blocks[0].text, was->blocks[0].text) == 0) {
			n_head++;
			free(head);
			head = strdup(f->id);
		}
		kb_full_destroy(f);
	}
	for (size_t i = 0; i < se.n; i++)
		free(se.ids[i]);
	free(se.ids);
	char *found = n_exact == 1 ? exact : n_exact == 0 && n_head == 1 ? head : NULL;
	if (found != exact)
		free(exact);
	if (found != head)
		free(head);
	return found;
}

/* Keep a note the library would not take in a file of its own under
 * $XDG_DATA_HOME/kanbao/kept-notes/ (else ~/.local/share/...), written
 * durably; the status line names it. False when even that failed. */
static bool keep_note(struct app *a, const struct kb_full *was, const char *text, const char *why)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	char dir[1024], path[1200], err[512], when[32];
	if (xdg && xdg[0] == '/')
		snprintf(dir, sizeof(dir), "%s/kanbao/kept-notes", xdg);
	else if (home && home[0])
		snprintf(dir, sizeof(dir), "%s/.local/share/kanbao/kept-notes", home);
	else
		snprintf(dir, sizeof(dir), "%s/kanbao-kept-notes",
			 getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	for (char *p = dir + 1; *p; p++) /* mkdir -p */
		if (*p == '/') {
			*p = '\0';
			mkdir(dir, 0700);
			*p = '/';
		}
	mkdir(dir, 0700);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y%m%d-%H%M%S", &tm);
	snprintf(path, sizeof(path), "%s/note-%s-%s.txt", dir, was->id, when);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_printf(&b, "# a note kanbao could not save in the library (%s)\n"
			  "# article: %s\n# edition: %s\n# id: %s\n\n%s\n",
		      why, was->title, was->edition, was->id, text);
	bool ok = kb_write_atomic(path, b.data, b.len, err, sizeof(err));
	kb_buf_finish(&b);
	size_t hl = home ? strlen(home) : 0;
	if (ok && hl > 1 && strncmp(path, home, hl) == 0 && path[hl] == '/')
		kb_message(a, true, _("note kept in ~%s, not in the library: %s"), path + hl, why);
	else if (ok)
		kb_message(a, true, _("note kept in %s, not in the library: %s"), path, why);
	else
		kb_message(a, true, _("note NOT saved: %s; and not kept either: %s"), why, err);
	return ok;
}

bool kb_save_note(struct app *a, const struct kb_full *was, const char *text)
{
	if (kb_do_note(a, was->id, text, true))
		return true;
	char why[512];
	snprintf(why, sizeof(why), "%s", kb_store_error(a->store));
	struct kb_full *now = kb_store_get(a->store, was->id);
	bool gone = now == NULL;
	kb_full_destroy(now);
	char *moved = gone ? kb_find_moved(a, was) : NULL;
	if (moved) {
		/* only over the note the article had when the edit began (the
		 * re-import carried it along); any other note stays */
		struct kb_full *m = kb_store_get(a->store, moved);
		bool same = m && same_text(m->note, was->note);
		kb_full_destroy(m);
		if (same && kb_do_note(a, moved, text, true)) {
			kb_list_reload(a, moved);
			if (!a->art || strcmp(a->art->id, was->id) == 0) {
				kb_article_close(a);
				kb_article_open(a, moved);
			}
			kb_message(a, false, _("note saved to the article as re-imported (now %s)"), moved);
			free(moved);
			return true;
		}
		snprintf(why, sizeof(why), "%s", same ? kb_store_error(a->store)
				: _("the article, re-imported meanwhile, has another note now"));
	} else if (gone) {
		snprintf(why, sizeof(why), "%s", _("its article is gone (the edition was re-imported)"));
		kb_list_reload(a, NULL);
	}
	free(moved);
	if (text && *text)
		keep_note(a, was, text, why);
	else
		kb_message(a, true, _("note not removed: %s"), why);
	return false;
}

bool kb_do_read(struct app *a, const char *id, bool read, bool rec)
{
	if (!kb_store_set_read(a->store, id, read))
		return fail(a);
	if (rec)
		record(a, (struct change){.kind = CH_READ, .id = strdup(id), .read = read});
	if (a->art && strcmp(a->art->id, id) == 0)
		a->art->read = read;
	kb_list_refresh_row(a, id);
	return true;
}

void kb_record_batch(struct app *a, struct kb_change *c)
{
	record(a, (struct change){.kind = CH_BATCH, .id = strdup(""), .batch = *c});
	memset(c, 0, sizeof(*c));
	kb_list_reload(a, NULL); /* the rows' tag marks */
	kb_article_reload(a);
}

bool kb_do_many(struct app *a, char *const *ids, size_t n, const char *tag, bool on,
		size_t *changed)
{
	struct kb_change c = {0};
	*changed = 0;
	bool ok = tag ? kb_store_tag_many(a->store, (const char *const *)ids, n, tag, on, changed, &c)
		      : kb_store_read_many(a->store, (const char *const *)ids, n, on, changed, &c);
	if (!ok) {
		kb_change_finish(&c);
		return fail(a);
	}
	if (*changed)
		record(a, (struct change){.kind = CH_BATCH, .id = strdup(""), .batch = c});
	else
		kb_change_finish(&c);
	return true;
}

bool kb_do_highlight_note(struct app *a, int64_t hid, const char *text)
{
	const char *was = NULL;
	for (size_t i = 0; a->art && i < a->art->n_highlights; i++)
		if (a->art->highlights[i].id == hid)
			was = a->art->highlights[i].note;
	if (!a->art)
		return false;
	char *before = dup_or_null(was);
	if (!kb_store_set_highlight_note(a->store, hid, text)) {
		free(before);
		return fail(a);
	}
	record(a, (struct change){.kind = CH_HL_NOTE, .id = strdup(a->art->id), .hid = hid,
				  .before = before, .after = text && *text ? strdup(text) : NULL});
	char *keep = strdup(a->art->id);
	refresh_views(a, keep);
	free(keep);
	kb_message(a, false, "%s",
		   text && *text ? _("the highlight's note saved (saved) · u: undo")
				 : _("the highlight's note removed (saved) · u: undo"));
	return true;
}

const char *kb_highlight_color_name(const char *color)
{
	/* kb_highlight_colors' names, in its order */
	static const char *const names[KB_HL_COLORS] = {
		N_("yellow"), N_("red"), N_("green"), N_("blue"), N_("purple"),
	};
	if (!color)
		return _(names[0]);
	for (int k = 0; k < KB_HL_COLORS; k++)
		if (strcmp(color, kb_highlight_colors[k]) == 0)
			return _(names[k]);
	return color;
}

enum kb_style kb_highlight_style(const char *color)
{
	static const enum kb_style styles[KB_HL_COLORS] = {
		KB_STYLE_HIGHLIGHT, KB_STYLE_HL_RED, KB_STYLE_HL_GREEN, KB_STYLE_HL_BLUE,
		KB_STYLE_HL_PURPLE,
	};
	for (int k = 1; color && k < KB_HL_COLORS; k++)
		if (strcmp(color, kb_highlight_colors[k]) == 0)
			return styles[k];
	return KB_STYLE_HIGHLIGHT;
}

bool kb_do_highlight_color(struct app *a, int64_t hid)
{
	const struct kb_highlight *h = NULL;
	for (size_t i = 0; a->art && i < a->art->n_highlights; i++)
		if (a->art->highlights[i].id == hid)
			h = &a->art->highlights[i];
	if (!h)
		return false;
	int k = 0;
	while (h->color && k < KB_HL_COLORS && strcmp(h->color, kb_highlight_colors[k]) != 0)
		k++;
	const char *next = kb_highlight_colors[(k + 1) % KB_HL_COLORS];
	char *before = dup_or_null(h->color);
	if (!kb_store_set_highlight_color(a->store, hid, next)) {
		free(before);
		return fail(a);
	}
	record(a, (struct change){.kind = CH_HL_COLOR, .id = strdup(a->art->id), .hid = hid,
				  .before = before,
				  .after = strcmp(next, "yellow") ? strdup(next) : NULL});
	char *keep = strdup(a->art->id);
	refresh_views(a, keep);
	free(keep);
	kb_message(a, false, _("the highlight is %s now (saved) · u: undo"),
		   kb_highlight_color_name(next));
	return true;
}

bool kb_do_highlight(struct app *a, size_t start, size_t end, const char *note, const char *color)
{
	int64_t hid;
	const char *id = a->art->id;
	if (color && strcmp(color, kb_highlight_colors[0]) == 0)
		color = NULL; /* yellow: the default, stored as none */
	if (!kb_store_add_highlight(a->store, id, start, end, note, &hid))
		return fail(a);
	/* (before: its colour, for a redo to make it as it was) */
	record(a, (struct change){.kind = CH_HL_ADD, .id = strdup(id), .start = start, .end = end,
				  .hl_note = dup_or_null(note), .hid = hid,
				  .before = dup_or_null(color)});
	bool ok = !color || kb_store_set_highlight_color(a->store, hid, color);
	char *keep = strdup(id);
	refresh_views(a, keep);
	free(keep);
	if (!ok)
		return fail(a);
	if (color)
		kb_message(a, false, _("highlight saved, %s · u: undo"), kb_highlight_color_name(color));
	else
		kb_message(a, false, "%s", _("highlight saved · u: undo"));
	return true;
}

bool kb_do_delete_highlight(struct app *a, int64_t hid)
{
	struct kb_highlight *h = NULL;
	for (size_t i = 0; a->art && i < a->art->n_highlights; i++)
		if (a->art->highlights[i].id == hid)
			h = &a->art->highlights[i];
	if (!h)
		return false;
	/* (its colour kept in before, for an undo to bring it back as it was) */
	struct change c = {.kind = CH_HL_DEL, .id = strdup(a->art->id), .start = h->start,
			   .end = h->end, .hl_note = dup_or_null(h->note), .hid = hid,
			   .before = dup_or_null(h->color)};
	if (!kb_store_delete_highlight(a->store, hid)) {
		change_free(&c);
		return fail(a);
	}
	record(a, c);
	refresh_views(a, c.id);
	kb_message(a, false, "%s", _("highlight deleted (u: undo)"));
	return true;
}

/* Apply change c forward (redo) or backward (undo); false on failure. */
static bool apply(struct app *a, struct change *c, bool forward)
{
	bool ok = true;
	switch (c->kind) {
	case CH_TAG:
	case CH_UNTAG: {
		bool on = (c->kind == CH_TAG) == forward;
		ok = on ? kb_store_tag(a->store, c->id, c->tag) : kb_store_untag(a->store, c->id, c->tag);
		break;
	}
	case CH_NOTE:
		ok = kb_store_set_note(a->store, c->id, forward ? c->after : c->before);
		break;
	case CH_READ:
		ok = kb_store_set_read(a->store, c->id, forward ? c->read : !c->read);
		break;
	case CH_HL_NOTE:
		ok = kb_store_set_highlight_note(a->store, c->hid, forward ? c->after : c->before);
		break;
	case CH_HL_COLOR:
		ok = kb_store_set_highlight_color(a->store, c->hid, forward ? c->after : c->before);
		break;
	case CH_BATCH:
		if (!forward) {
			ok = kb_store_undo(a->store, &c->batch, NULL);
		} else { /* done again: what it does now is what an undo takes back */
			struct kb_change again = {0};
			const struct kb_change *b = &c->batch;
			const char **ids = kb_xcalloc(b->n + 1, sizeof(char *));
			for (size_t i = 0; i < b->n; i++)
				ids[i] = b->v[i].id;
			switch (b->kind) {
			case KB_CHANGE_TAG_MANY:
				ok = kb_store_tag_many(a->store, ids, b->n, b->tag, b->on, NULL, &again);
				break;
			case KB_CHANGE_READ_MANY:
				ok = kb_store_read_many(a->store, ids, b->n, b->on, NULL, &again);
				break;
			case KB_CHANGE_TAG_RENAME:
				ok = kb_store_tag_rename(a->store, b->tag, b->new_tag, NULL, &again);
				break;
			case KB_CHANGE_TAG_DELETE:
				ok = kb_store_tag_delete(a->store, b->tag, NULL, &again);
				break;
			default:
				break;
			}
			free(ids);
			if (ok) {
				kb_change_finish(&c->batch);
				c->batch = again;
			} else {
				kb_change_finish(&again);
			}
		}
		break;
	case CH_HL_ADD:
	case CH_HL_DEL: {
		bool add = (c->kind == CH_HL_ADD) == forward;
		if (add) {
			ok = kb_store_add_highlight(a->store, c->id, c->start, c->end, c->hl_note, &c->hid);
			if (ok && c->before) /* back (or again) in its colour */
				ok = kb_store_set_highlight_color(a->store, c->hid, c->before);
		} else
			ok = kb_store_delete_highlight(a->store, c->hid);
		break;
	}
	}
	return ok;
}

/* Undo (or redo) the change on top of from; false when the store failed. */
static bool undo_one(struct app *a, bool redo, struct change *c)
{
	int64_t old_hid = c->hid;
	if (!apply(a, c, redo))
		return false;
	/* a highlight added back has a new id: the other records that name
	 * it must follow, or undoing them later would miss it */
	if (c->hid != old_hid) {
		for (size_t i = 0; i < a->n_undo; i++)
			if ((a->undo[i].kind == CH_HL_ADD || a->undo[i].kind == CH_HL_DEL ||
			     a->undo[i].kind == CH_HL_NOTE || a->undo[i].kind == CH_HL_COLOR) &&
			    a->undo[i].hid == old_hid)
				a->undo[i].hid = c->hid;
		for (size_t i = 0; i < a->n_redo; i++)
			if ((a->redo[i].kind == CH_HL_ADD || a->redo[i].kind == CH_HL_DEL ||
			     a->redo[i].kind == CH_HL_NOTE || a->redo[i].kind == CH_HL_COLOR) &&
			    a->redo[i].hid == old_hid)
				a->redo[i].hid = c->hid;
	}
	return true;
}

/* A change of kind k, said alone ("tag") or counted ("2 tags"), into buf. */
static void kind_said(char *buf, size_t n, int k, size_t count, bool alone)
{
	/* in the order of enum change's kinds */
	static const char *const names[] = {
		N_("tag"), N_("untag"), N_("note"), N_("highlight"), N_("highlight deletion"),
		N_("read mark"), N_("change"), N_("highlight's note"), N_("highlight's colour"),
	};
	const char *f = NULL;
	if (alone) {
		snprintf(buf, n, "%s", _(names[k]));
		return;
	}
	switch (k) {
	case CH_TAG:
		f = ngettext("%zu tag", "%zu tags", count);
		break;
	case CH_UNTAG:
		f = ngettext("%zu untag", "%zu untags", count);
		break;
	case CH_NOTE:
		f = ngettext("%zu note", "%zu notes", count);
		break;
	case CH_HL_ADD:
		f = ngettext("%zu highlight", "%zu highlights", count);
		break;
	case CH_HL_DEL:
		f = ngettext("%zu highlight deletion", "%zu highlight deletions", count);
		break;
	case CH_READ:
		f = ngettext("%zu read mark", "%zu read marks", count);
		break;
	case CH_BATCH:
		f = ngettext("%zu change", "%zu changes", count);
		break;
	case CH_HL_NOTE:
		f = ngettext("%zu highlight's note", "%zu highlight's notes", count);
		break;
	case CH_HL_COLOR:
		f = ngettext("%zu highlight's colour", "%zu highlight's colours", count);
		break;
	}
	snprintf(buf, n, f ? f : "%zu", count);
}

void kb_undo(struct app *a, bool redo)
{
	struct change **from = redo ? &a->redo : &a->undo;
	size_t *nf = redo ? &a->n_redo : &a->n_undo;
	if (*nf == 0) {
		kb_message(a, false, "%s", redo ? _("nothing to redo") : _("nothing to undo"));
		return;
	}
	/* the whole action: every change of its group */
	enum { N_KINDS = CH_HL_COLOR + 1 };
	/* TRANSLATORS: between the items of a list on the status line */
	const char *comma = _(", ");
	unsigned group = (*from)[*nf - 1].group;
	size_t done = 0, kinds[N_KINDS] = {0};
	char batch[200] = ""; /* what a batch was: said whole */
	while (*nf && (*from)[*nf - 1].group == group) {
		struct change c = (*from)[--*nf];
		if (!undo_one(a, redo, &c)) {
			(*nf)++;
			fail(a);
			break;
		}
		if (redo)
			push(&a->undo, &a->n_undo, &a->cap_undo, c);
		else
			push(&a->redo, &a->n_redo, &a->cap_redo, c);
		if (c.kind == CH_BATCH) {
			const struct kb_change *b = &c.batch;
			size_t l = strlen(batch);
			snprintf(batch + l, sizeof(batch) - l, "%s", l ? comma : "");
			l = strlen(batch);
			if (b->kind == KB_CHANGE_TAG_MANY)
				snprintf(batch + l, sizeof(batch) - l,
					 b->on ? ngettext("tagging %zu article with %s",
							  "tagging %zu articles with %s", b->n)
					       : ngettext("untagging %zu article of %s",
							  "untagging %zu articles of %s", b->n),
					 b->n, b->tag);
			else if (b->kind == KB_CHANGE_READ_MANY)
				snprintf(batch + l, sizeof(batch) - l,
					 ngettext("%zu read mark", "%zu read marks", b->n), b->n);
			else if (b->kind == KB_CHANGE_TAG_RENAME)
				snprintf(batch + l, sizeof(batch) - l, "%s → %s", b->tag, b->new_tag);
			else
				snprintf(batch + l, sizeof(batch) - l, _("deleting %s"), b->tag);
			done += 51; /* the list read again */
			continue;
		}
		if (done < 50) /* (a batch's rows are read again at its end) */
			refresh_views(a, c.id);
		done++;
		kinds[c.kind]++;
	}
	/* many rows, or read marks whose counts the tree holds (of pages
	 * folded, not held): the list read again */
	if (done > 50 || kinds[CH_READ] > 1) {
		const struct kb_row *r = kb_list_current(a);
		char *keep = r ? strdup(r->id) : NULL;
		kb_list_reload(a, keep);
		free(keep);
	}
	if (!done)
		return;
	char what[400] = "";
	snprintf(what, sizeof(what), "%s", batch);
	for (int k = 0; k < N_KINDS && !batch[0]; k++)
		if (kinds[k] && done == 1)
			kind_said(what, sizeof(what), k, 1, true);
		else if (kinds[k]) {
			size_t l = strlen(what);
			snprintf(what + l, sizeof(what) - l, "%s", l ? comma : "");
			l = strlen(what);
			kind_said(what + l, sizeof(what) - l, k, kinds[k], false);
		}
	kb_message(a, false, redo ? _("redid %s (saved) · u: undo") : _("undid %s (saved) · C-r: redo"),
		   what);
}

char **kb_tag_completions(struct app *a, const char *word, size_t *n)
{
	struct kb_tag_count *tc;
	size_t nt;
	*n = 0;
	/* the most used first, each with its count after a tab (the prompt
	 * shows it while typing and inserts the name) */
	if (!kb_store_tags_most_used(a->store, SIZE_MAX, &tc, &nt))
		return NULL;
	char **out = calloc(nt + 1, sizeof(char *));
	size_t wl = strlen(word);
	for (size_t i = 0; i < nt; i++)
		if (strncmp(tc[i].name, word, wl) == 0) {
			char *e = malloc(strlen(tc[i].name) + 24);
			sprintf(e, "%s\t%zu", tc[i].name, tc[i].count);
			out[(*n)++] = e;
		}
	kb_tag_counts_free(tc, nt);
	return out;
}

const struct kb_completer kb_complete_tags = {
	.fn = kb_tag_completions,
	.fresh = N_("(a new tag)"),
	.none = N_("no tag starts with \"%s\""),
};
