/*
 * The left pane: editions by date and page, unfolding into their articles
 * (loaded from the store only when unfolded, so the first screen of a large
 * library comes at once), or, while a search or tag filter is active, its
 * results. Rows show tag marks, read state and the title cut by columns.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool kb_list_init(struct app *a)
{
	if (!kb_store_editions(a->store, &a->eds, &a->n_eds))
		return false;
	a->arts = calloc(a->n_eds + 1, sizeof(struct kb_rows));
	a->loaded = calloc(a->n_eds + 1, sizeof(bool));
	a->open = calloc(a->n_eds + 1, sizeof(bool));
	if (a->n_eds)
		a->open[0] = true; /* the first edition unfolded */
	kb_list_rebuild(a);
	return true;
}

void kb_list_finish(struct app *a)
{
	for (size_t i = 0; i < a->n_eds; i++)
		kb_rows_finish(&a->arts[i]);
	free(a->arts);
	free(a->loaded);
	free(a->open);
	kb_edition_rows_free(a->eds, a->n_eds);
	free(a->vis);
	kb_rows_finish(&a->res);
	free(a->res_label);
}

void kb_list_reload(struct app *a, const char *id)
{
	struct kb_edition_row *eds;
	size_t n;
	if (!kb_store_editions(a->store, &eds, &n))
		return; /* the old rows stay */
	bool *open = calloc(n + 1, sizeof(bool));
	for (size_t e = 0; e < n; e++)
		for (size_t k = 0; k < a->n_eds; k++)
			if (a->open[k] && eds[e].id == a->eds[k].id)
				open[e] = true;
	for (size_t i = 0; i < a->n_eds; i++)
		kb_rows_finish(&a->arts[i]);
	free(a->arts);
	free(a->loaded);
	free(a->open);
	kb_edition_rows_free(a->eds, a->n_eds);
	a->eds = eds;
	a->n_eds = n;
	a->arts = calloc(n + 1, sizeof(struct kb_rows));
	a->loaded = calloc(n + 1, sizeof(bool));
	a->open = open;
	kb_list_rebuild(a);
	for (size_t i = 0; id && !a->results && i < a->n_vis; i++) {
		struct row_ref ref = a->vis[i];
		if (ref.article != SIZE_MAX && strcmp(a->arts[ref.edition].v[ref.article].id, id) == 0) {
			a->cur = i;
			break;
		}
	}
}

static void load(struct app *a, size_t e)
{
	if (a->loaded[e])
		return;
	a->loaded[e] = true;
	kb_store_edition_articles(a->store, a->eds[e].id, &a->arts[e]);
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
			push(a, e, SIZE_MAX);
			if (!a->open[e])
				continue;
			load(a, e);
			for (size_t i = 0; i < a->arts[e].n; i++)
				push(a, e, i);
		}
	}
	if (a->cur >= a->n_vis)
		a->cur = a->n_vis ? a->n_vis - 1 : 0;
}

static struct kb_row *row_at(struct app *a, size_t i)
{
	if (i >= a->n_vis)
		return NULL;
	struct row_ref r = a->vis[i];
	if (r.article == SIZE_MAX)
		return NULL;
	return a->results ? &a->res.v[r.article] : &a->arts[r.edition].v[r.article];
}

const struct kb_row *kb_list_current(struct app *a)
{
	return row_at(a, a->cur);
}

void kb_list_open_current(struct app *a)
{
	const struct kb_row *r = kb_list_current(a);
	if (r)
		kb_article_open(a, r->id);
}

void kb_list_step_article(struct app *a, int dir)
{
	size_t i = a->cur;
	for (;;) {
		if (dir > 0 ? i + 1 >= a->n_vis : i == 0)
			break;
		i += dir > 0 ? 1 : (size_t)-1;
		struct row_ref r = a->vis[i];
		if (r.article == SIZE_MAX && !a->results && !a->open[r.edition] && dir > 0) {
			a->open[r.edition] = true; /* J walks into the next edition */
			kb_list_rebuild(a);
		}
		if (row_at(a, i)) {
			a->cur = i;
			kb_list_open_current(a);
			return;
		}
	}
	kb_message(a, false, dir > 0 ? "last article" : "first article");
}

void kb_list_refresh_row(struct app *a, const char *id)
{
	struct kb_full *f = kb_store_get(a->store, id);
	if (!f)
		return;
	for (size_t i = 0; i < a->n_vis; i++) {
		struct kb_row *r = row_at(a, i);
		if (!r || strcmp(r->id, id) != 0)
			continue;
		for (size_t k = 0; k < r->n_tags; k++)
			free(r->tags[k]);
		free(r->tags);
		r->tags = calloc(f->n_tags + 1, sizeof(char *));
		r->n_tags = f->n_tags;
		for (size_t k = 0; k < f->n_tags; k++)
			r->tags[k] = strdup(f->tags[k]);
		r->read = f->read;
	}
	/* the same article may also be in the tree while results show */
	for (size_t e = 0; e < a->n_eds; e++)
		for (size_t i = 0; a->loaded[e] && i < a->arts[e].n; i++) {
			struct kb_row *r = &a->arts[e].v[i];
			if (strcmp(r->id, id) != 0 || (a->results && false))
				continue;
			r->read = f->read;
			for (size_t k = 0; k < r->n_tags; k++)
				free(r->tags[k]);
			free(r->tags);
			r->tags = calloc(f->n_tags + 1, sizeof(char *));
			r->n_tags = f->n_tags;
			for (size_t k = 0; k < f->n_tags; k++)
				r->tags[k] = strdup(f->tags[k]);
		}
	kb_full_destroy(f);
}

void kb_list_show_results(struct app *a, struct kb_rows *rows, const char *label)
{
	kb_rows_finish(&a->res);
	free(a->res_label);
	a->res = *rows;
	a->res_label = label ? strdup(label) : NULL;
	a->results = label != NULL;
	a->cur = 0;
	a->top = 0;
	kb_list_rebuild(a);
}

static void draw(struct app *a, int x, int w)
{
	int rows = a->body_rows;
	int y0 = 0;
	if (a->results && a->res_label) {
		kb_draw_fill(0, x, x + w, KB_STYLE_META);
		kb_draw_text(0, x, x + w, a->res_label, strlen(a->res_label), KB_STYLE_META);
		y0 = 1;
		rows--;
	}
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
			const struct kb_edition_row *e = &a->eds[r.edition];
			st = KB_STYLE_EDITION;
			snprintf(head, sizeof(head), "%s ", a->open[r.edition] ? "-" : "+");
			text = e->title ? e->title : e->name;
			char label[512];
			snprintf(label, sizeof(label), "%s%s%s%s%s", e->date ? e->date : "",
				 e->page ? " p" : "", e->page ? e->page : "", e->date || e->page ? " " : "",
				 text);
			if (cur && a->focus == P_LIST)
				st = KB_STYLE_CURSOR;
			kb_draw_fill(sy, x, x + w, st);
			int cx = kb_draw_text(sy, x, x + w, head,
					      strlen(head), st);
			bool el;
			int cols;
			size_t k = kb_layout_truncate(label, strlen(label), x + w - cx, &cols, &el);
			cx = kb_draw_text(sy, cx, x + w, label, k, st);
			if (el)
				kb_draw_text(sy, cx, x + w, "…", strlen("…"), st);
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
		return F_REDRAW;
	case ACT_MOVE_UP:
		if (a->cur > 0)
			a->cur--;
		return F_REDRAW;
	case ACT_PAGE_DOWN:
		a->cur = a->cur + page < a->n_vis ? a->cur + page : (a->n_vis ? a->n_vis - 1 : 0);
		return F_REDRAW;
	case ACT_PAGE_UP:
		a->cur = a->cur > page ? a->cur - page : 0;
		return F_REDRAW;
	case ACT_TOP:
		a->cur = 0;
		return F_REDRAW;
	case ACT_BOTTOM:
		a->cur = a->n_vis ? a->n_vis - 1 : 0;
		return F_REDRAW;
	case ACT_OPEN:
		if (a->cur < a->n_vis && a->vis[a->cur].article == SIZE_MAX && !a->results) {
			size_t e = a->vis[a->cur].edition;
			a->open[e] = !a->open[e];
			kb_list_rebuild(a);
		} else {
			kb_list_open_current(a);
			if (a->art) {
				a->focus = P_ARTICLE; /* in one pane: the article replaces the list */
				kb_geometry(a);
			}
		}
		return F_REDRAW;
	default:
		return -1;
	}
}

static void click(struct app *a, int y, int x)
{
	(void)x;
	int y0 = a->results && a->res_label ? 1 : 0;
	size_t i = a->top + (size_t)(y - y0);
	if (y < y0 || i >= a->n_vis)
		return;
	a->cur = i;
	if (a->vis[i].article == SIZE_MAX && !a->results) {
		a->open[a->vis[i].edition] = !a->open[a->vis[i].edition];
		kb_list_rebuild(a);
	} else {
		kb_list_open_current(a);
	}
}

static void wheel(struct app *a, int lines)
{
	if (lines > 0)
		a->cur = a->cur + (size_t)lines < a->n_vis ? a->cur + (size_t)lines : (a->n_vis ? a->n_vis - 1 : 0);
	else
		a->cur = a->cur > (size_t)-lines ? a->cur - (size_t)-lines : 0;
}

const struct pane_ops kb_list_pane = {"list", draw, action, click, wheel};
