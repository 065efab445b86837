/*
 * The left pane: editions by date and page, unfolding into their articles
 * (read from the store only when unfolded), or, while a search or tag
 * filter is active, its results. Both are windows of a few screens around
 * the cursor (window.c, results.c): the first screen of a 100,000-edition
 * library reads what it shows, and moving costs the same anywhere in it.
 * Rows show tag marks, read state and the title cut by columns.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool kb_list_init(struct app *a)
{
	return kb_window_init(a);
}

void kb_list_finish(struct app *a)
{
	kb_window_finish(a);
	kb_results_close(a);
	free(a->vis);
	a->vis = NULL;
	a->cap_vis = 0;
}

void kb_list_reload(struct app *a, const char *id)
{
	if (a->results) {
		/* the tree is read again when the results are left */
		kb_results_reload(a);
		return;
	}
	kb_window_reload(a, id);
}

static void push(struct app *a, size_t e, size_t art)
{
	void *v = a->vis;
	kb_xgrow(&v, &a->cap_vis, a->n_vis + 1, sizeof(struct row_ref));
	a->vis = v;
	a->vis[a->n_vis++] = (struct row_ref){e, art};
}

void kb_list_rebuild(struct app *a)
{
	a->n_vis = 0;
	if (a->results) {
		for (size_t i = 0; i < a->res.n; i++)
			push(a, SIZE_MAX, i);
	} else {
		for (size_t e = 0; e < a->n_eds; e++) {
			a->eds[e].row = a->n_vis;
			push(a, e, SIZE_MAX);
			if (!a->eds[e].open)
				continue;
			kb_window_load(a, e);
			for (size_t i = 0; i < a->eds[e].arts.n; i++)
				push(a, e, i);
		}
	}
	if (a->cur >= a->n_vis)
		a->cur = a->n_vis ? a->n_vis - 1 : 0;
}

void kb_list_ensure(struct app *a)
{
	if (a->results)
		kb_results_ensure(a);
	else
		kb_window_ensure(a);
}

bool kb_list_position(const struct app *a, size_t *pos, size_t *total, bool *more)
{
	*more = false;
	if (a->cur >= a->n_vis)
		return false;
	if (a->results) {
		if (a->res_from_end && !a->res_known)
			return false;
		size_t i = a->vis[a->cur].article;
		*pos = a->res_from_end ? a->res_total - a->res_off - a->res.n + i + 1 : a->res_off + i + 1;
		*total = a->res_known ? a->res_total : a->res_off + a->res.n;
		*more = !a->res_known;
		return true;
	}
	if (!a->ed_counted && !a->at_first)
		return false;
	*pos = a->ed_base + a->vis[a->cur].edition + 1;
	*total = a->ed_counted ? a->ed_total : a->n_eds; /* at least those held */
	*more = !a->ed_counted;
	return true;
}

void kb_list_locate(struct app *a)
{
	a->art_idx = a->art_n = 0;
	for (size_t e = 0; a->art && e < a->n_eds; e++) {
		const struct win_ed *w = &a->eds[e];
		if (strcmp(w->e.name, a->art->edition) != 0)
			continue;
		for (size_t i = 0; i < w->arts.n; i++)
			if (strcmp(w->arts.v[i].id, a->art->id) == 0) {
				a->art_idx = i + 1;
				a->art_n = w->e.n_articles > w->arts.n ? w->e.n_articles : w->arts.n;
				return;
			}
	}
}

static struct kb_row *row_at(struct app *a, size_t i)
{
	if (i >= a->n_vis)
		return NULL;
	struct row_ref r = a->vis[i];
	if (r.article == SIZE_MAX)
		return NULL;
	return a->results ? &a->res.v[r.article] : &a->eds[r.edition].arts.v[r.article];
}

const struct kb_row *kb_list_current(struct app *a)
{
	return row_at(a, a->cur);
}

/* A search's result: its hits marked in the article, n/N between them. */
static void mark_hits(struct app *a)
{
	if (a->results && a->res_q && a->art && !a->find)
		kb_article_find_words(a, a->res_q->words);
}

void kb_list_open_current(struct app *a)
{
	const struct kb_row *r = kb_list_current(a);
	if (r)
		kb_article_open(a, r->id);
	mark_hits(a);
}

void kb_list_preview(struct app *a)
{
	if (a->cfg && !a->cfg->preview)
		return;
	const struct kb_row *r = kb_list_current(a);
	if (!r || (a->art && strcmp(a->art->id, r->id) == 0))
		return;
	a->previewing = true;
	kb_article_open(a, r->id);
	a->previewing = false;
	mark_hits(a);
}

bool kb_list_goto_article(struct app *a, const char *id, bool preview)
{
	int64_t ed = 0;
	char *key = NULL;
	size_t ord = 0;
	if (!kb_store_article_place(a->store, id, &ed, &key, &ord)) {
		free(key);
		return false;
	}
	if (a->results)
		kb_list_show_results(a, NULL, NULL);
	kb_window_unfold_id(a, ed);
	/* the edition's row a third down the screen, the cursor on the article */
	size_t third = a->body_rows > 3 ? (size_t)a->body_rows / 3 : 0;
	struct place p = {.key = key, .id = ed, .in_ed = 0, .on_screen = third, .set = true};
	kb_window_goto(a, &p, id); /* frees the key */
	const struct kb_row *r = kb_list_current(a);
	if (!r || strcmp(r->id, id) != 0)
		return false;
	a->previewing = preview;
	kb_article_open(a, id);
	a->previewing = false;
	if (a->art && !preview && !a->art->read && !a->read_pending) { /* it was previewed */
		a->read_pending = true;
		a->opened_ms = kb_now_ms();
	}
	return a->art != NULL;
}

void kb_list_step_article(struct app *a, int dir)
{
	struct place back;
	kb_window_place(a, &back);
	size_t i = a->cur;
	bool moved = false; /* the window was moved along */
	for (;;) {
		if (dir > 0 ? i + 1 >= a->n_vis : i == 0) {
			/* the edge of what is held: read on from there */
			a->cur = i;
			moved = true;
			kb_list_ensure(a);
			i = a->cur;
			if (dir > 0 ? i + 1 >= a->n_vis : i == 0)
				break;
		}
		i += dir > 0 ? 1 : (size_t)-1;
		struct row_ref r = a->vis[i];
		if (r.article == SIZE_MAX && !a->results && !a->eds[r.edition].open && dir > 0)
			kb_window_set_open(a, r.edition, true); /* J walks into the next edition */
		if (row_at(a, i)) {
			free(back.key);
			a->cur = i;
			kb_list_ensure(a);
			kb_list_open_current(a);
			return;
		}
	}
	if (moved && back.set) /* none: back to where the cursor was */
		kb_window_goto(a, &back, NULL);
	free(back.key);
	kb_message(a, false, dir > 0 ? "last article" : "first article");
}

/* Set row r's tags and read state to those of f. */
static void set_row(struct kb_row *r, const struct kb_full *f)
{
	for (size_t k = 0; k < r->n_tags; k++)
		free(r->tags[k]);
	free(r->tags);
	r->tags = kb_xcalloc(f->n_tags + 1, sizeof(char *));
	r->n_tags = f->n_tags;
	for (size_t k = 0; k < f->n_tags; k++)
		r->tags[k] = kb_xstrdup(f->tags[k]);
	r->read = f->read;
}

void kb_list_refresh_row(struct app *a, const char *id)
{
	struct kb_full *f = kb_store_get(a->store, id);
	if (!f)
		return;
	for (size_t i = 0; i < a->res.n; i++)
		if (strcmp(a->res.v[i].id, id) == 0)
			set_row(&a->res.v[i], f);
	/* the same article may also be in the tree while results show; its
	 * edition's unread count follows */
	for (size_t e = 0; e < a->n_eds; e++)
		for (size_t i = 0; i < a->eds[e].arts.n; i++)
			if (strcmp(a->eds[e].arts.v[i].id, id) == 0) {
				struct kb_edition_row *er = &a->eds[e].e;
				bool was = a->eds[e].arts.v[i].read;
				set_row(&a->eds[e].arts.v[i], f);
				if (was && !f->read)
					er->n_unread++;
				else if (!was && f->read && er->n_unread)
					er->n_unread--;
			}
	kb_full_destroy(f);
}

bool kb_list_show_results(struct app *a, const char *query, const char *tag)
{
	if (!query && !tag) {
		if (!a->results)
			return true;
		kb_results_close(a);
		kb_window_goto(a, &a->tree_place, NULL); /* back where the cursor was */
		return true;
	}
	if (!a->results)
		kb_window_place(a, &a->tree_place);
	if (!kb_results_open(a, query, tag))
		return false;
	a->cur = 0;
	a->top = 0;
	kb_list_ensure(a);
	return true;
}

static void draw(struct app *a, int x, int w)
{
	int rows = a->body_rows; /* the results' label is the pane's title */
	int y0 = 0;
	if (rows <= 0)
		return;
	if (a->cur < a->top)
		a->top = a->cur;
	if (a->cur >= a->top + (size_t)rows)
		a->top = a->cur - (size_t)rows + 1;
	for (int y = 0; y < rows; y++) {
		size_t i = a->top + (size_t)y;
		int sy = y0 + y;
		bool cur = i == a->cur;
		if (i >= a->n_vis) {
			kb_draw_fill(sy, x, x + w, KB_STYLE_NORMAL);
			continue;
		}
		struct row_ref r = a->vis[i];
		struct kb_row *ar = row_at(a, i);
		enum kb_style st;
		char head[64];
		const char *text;
		if (!ar) {
			const struct kb_edition_row *e = &a->eds[r.edition].e;
			st = KB_STYLE_EDITION;
			snprintf(head, sizeof(head), "%s ", a->eds[r.edition].open ? "-" : "+");
			/* the date and page, then the edition's title or its first
			 * headline: what a reader knows it by, not its file name */
			/* the page's name (要闻) when the edition has one, then its
			 * first headline */
			text = e->lead ? e->lead : "（无文章）";
			char place[256], label[512];
			kb_edition_place(NULL, e->date, e->page, place, sizeof(place));
			snprintf(label, sizeof(label), "%s%s%s%s%s", place, place[0] ? " " : "",
				 e->title ? e->title : "", e->title ? " " : "", text);
			if (cur && a->focus == P_LIST)
				st = KB_STYLE_CURSOR;
			kb_draw_fill(sy, x, x + w, st);
			int cx = kb_draw_text(sy, x, x + w, head,
					      strlen(head), st);
			/* unread of all its articles, on the right */
			char count[48] = "";
			if (e->n_articles)
				snprintf(count, sizeof(count), " %zu/%zu", e->n_unread, e->n_articles);
			int cw = (int)strlen(count);
			int end = x + w - cw > cx + 4 ? x + w - cw : x + w;
			bool el;
			int cols;
			size_t k = kb_layout_truncate(label, strlen(label), end - cx, &cols, &el);
			cx = kb_draw_text(sy, cx, end, label, k, st);
			if (el)
				cx = kb_draw_text(sy, cx, end, "…", strlen("…"), st);
			if (end < x + w)
				kb_draw_text(sy, end, x + w, count, strlen(count),
					     cur && a->focus == P_LIST ? st
					     : e->n_unread  ? KB_STYLE_UNREAD
							    : KB_STYLE_META);
			continue;
		}
		st = ar->read ? KB_STYLE_NORMAL : KB_STYLE_UNREAD;
		if (cur)
			st = a->focus == P_LIST ? KB_STYLE_CURSOR : KB_STYLE_SELECTION;
		kb_draw_fill(sy, x, x + w, st);
		int cx = x + (a->results ? 0 : 2);
		cx = kb_draw_text(sy, cx, x + w, ar->read ? " " : "*", 1, st);
		cx = kb_draw_text(sy, cx, x + w, ar->n_tags ? "#" : " ", 1, cur ? st : KB_STYLE_TAG);
		cx++;
		char label[160];
		text = kb_row_label(ar, label, sizeof(label));
		if (a->results) {
			/* a result stands alone: its date and page before it, dim */
			char place[96];
			kb_edition_place(NULL, ar->date, ar->page, place, sizeof(place));
			if (place[0]) {
				cx = kb_draw_text(sy, cx, x + w, place, strlen(place),
						  cur ? st : KB_STYLE_META);
				cx++;
			}
		}
		bool el;
		int cols;
		size_t k = kb_layout_truncate(text, strlen(text), x + w - cx, &cols, &el);
		cx = kb_draw_text(sy, cx, x + w, text, k, st);
		if (el)
			kb_draw_text(sy, cx, x + w, "…", strlen("…"), st);
	}
}

static int action(struct app *a, enum action act, int slot)
{
	(void)slot;
	size_t page = a->body_rows > 2 ? (size_t)a->body_rows - 1 : 1;
	switch (act) {
	case ACT_MOVE_DOWN:
		if (a->cur + 1 < a->n_vis)
			a->cur++;
		break;
	case ACT_MOVE_UP:
		if (a->cur > 0)
			a->cur--;
		break;
	case ACT_PAGE_DOWN:
		a->cur = a->cur + page < a->n_vis ? a->cur + page : (a->n_vis ? a->n_vis - 1 : 0);
		break;
	case ACT_PAGE_UP:
		a->cur = a->cur > page ? a->cur - page : 0;
		break;
	case ACT_TOP:
	case ACT_BOTTOM:
		if (a->results)
			kb_results_jump(a, act == ACT_BOTTOM);
		else
			kb_window_jump(a, act == ACT_BOTTOM);
		return F_REDRAW;
	case ACT_UNFOLD:
	case ACT_FOLD:
		if (a->results || a->cur >= a->n_vis)
			return F_REDRAW;
		{
			size_t e = a->vis[a->cur].edition;
			bool open = act == ACT_UNFOLD;
			if (a->eds[e].open != open)
				kb_window_set_open(a, e, open);
			if (!open)
				a->cur = a->eds[e].row; /* out of the folded articles */
		}
		break;
	case ACT_FOLD_ALL:
		if (!a->results)
			kb_window_fold_all(a);
		return F_REDRAW;
	case ACT_TOGGLE_READ:
		if (a->results || a->cur >= a->n_vis || a->vis[a->cur].article != SIZE_MAX)
			return -1; /* an article's: the global action */
		{
			/* an edition row: all its articles read, or unread when all are */
			size_t e = a->vis[a->cur].edition;
			struct kb_rows arts;
			if (!kb_store_edition_articles(a->store, a->eds[e].e.id, &arts))
				return F_REDRAW;
			bool all_read = true;
			for (size_t i = 0; i < arts.n; i++)
				all_read = all_read && arts.v[i].read;
			size_t n = 0;
			for (size_t i = 0; i < arts.n; i++)
				if (arts.v[i].read == all_read && kb_do_read(a, arts.v[i].id, !all_read, true))
					n++;
			a->eds[e].e.n_unread = all_read ? arts.n : 0;
			kb_rows_finish(&arts);
			kb_message(a, false, "%zu articles marked %s (u: undo one at a time)", n,
				   all_read ? "unread" : "read");
		}
		return F_REDRAW;
	case ACT_OPEN:
		if (a->cur < a->n_vis && a->vis[a->cur].article == SIZE_MAX && !a->results) {
			size_t e = a->vis[a->cur].edition;
			kb_window_set_open(a, e, !a->eds[e].open);
		} else {
			kb_list_open_current(a);
			if (a->art) {
				/* opened for reading (a preview was not): read once
				 * seen to its end (kb_article_seen) */
				if (!a->art->read && !a->read_pending) {
					a->read_pending = true;
					a->opened_ms = kb_now_ms();
				}
				a->focus = P_ARTICLE; /* in one pane: the article replaces the list */
				kb_geometry(a);
			}
		}
		kb_list_ensure(a);
		return F_REDRAW;
	default:
		return -1;
	}
	kb_list_ensure(a);
	kb_list_preview(a);
	return F_REDRAW;
}

static void click(struct app *a, int y, int x)
{
	(void)x;
	size_t i = a->top + (size_t)y;
	if (y < 0 || i >= a->n_vis)
		return;
	a->cur = i;
	if (a->vis[i].article == SIZE_MAX && !a->results) {
		size_t e = a->vis[i].edition;
		kb_window_set_open(a, e, !a->eds[e].open);
	} else {
		kb_list_open_current(a);
	}
	kb_list_ensure(a);
}

static void wheel(struct app *a, int lines)
{
	if (lines > 0)
		a->cur = a->cur + (size_t)lines < a->n_vis ? a->cur + (size_t)lines : (a->n_vis ? a->n_vis - 1 : 0);
	else
		a->cur = a->cur > (size_t)-lines ? a->cur - (size_t)-lines : 0;
	kb_list_ensure(a);
	kb_list_preview(a);
}

const struct pane_ops kb_list_pane = {"list", draw, action, click, wheel};
