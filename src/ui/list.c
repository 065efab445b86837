/* SPDX-License-Identifier: MIT */
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
	free(a->tree_place.key); /* (quitting from a listing) */
	memset(&a->tree_place, 0, sizeof(a->tree_place));
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

static void push(struct app *a, enum row_kind kind, size_t node, size_t e, size_t art)
{
	void *v = a->vis;
	kb_xgrow(&v, &a->cap_vis, a->n_vis + 1, sizeof(struct row_ref));
	a->vis = v;
	a->vis[a->n_vis++] = (struct row_ref){kind, node, e, art};
}

void kb_list_rebuild(struct app *a)
{
	a->n_vis = 0;
	if (a->results) {
		bool snippets = kb_results_per_row(a) == 2;
		for (size_t i = 0; i < a->res.n; i++) {
			push(a, R_RESULT, 0, 0, i);
			if (snippets)
				push(a, R_SNIPPET, 0, 0, i);
		}
	} else {
		/* the saved views first, at the library's start */
		for (size_t v = 0; a->at_first && a->cfg && v < a->cfg->n_views; v++)
			push(a, R_VIEW, 0, 0, v);
		for (size_t n = 0; n < a->n_nodes; n++) {
			struct win_node *w = &a->nodes[n];
			w->prow = SIZE_MAX;
			if (w->paper || (a->many_papers && w->is.first_of_paper)) {
				w->prow = a->n_vis;
				push(a, R_PAPER, n, 0, 0);
			}
			if (w->paper) {
				w->row = w->prow;
				continue;
			}
			w->row = a->n_vis;
			push(a, R_ISSUE, n, 0, 0);
			if (!w->open)
				continue;
			kb_window_load(a, n);
			for (size_t e = 0; e < w->n_eds; e++) {
				w->eds[e].row = a->n_vis;
				push(a, R_EDITION, n, e, 0);
				if (!w->eds[e].open)
					continue;
				kb_window_load_ed(a, n, e);
				for (size_t i = 0; i < w->eds[e].arts.n; i++)
					push(a, R_ARTICLE, n, e, i);
			}
		}
	}
	if (a->cur >= a->n_vis)
		a->cur = a->n_vis ? a->n_vis - 1 : 0;
	if (a->cur < a->n_vis && a->vis[a->cur].kind == R_SNIPPET)
		a->cur--;
}

void kb_list_ensure(struct app *a)
{
	if (a->results)
		kb_results_ensure(a);
	else
		kb_window_ensure(a);
}

/* The issues node stands for, as far as they are known. */
static size_t node_issues(const struct app *a, const struct win_node *n)
{
	if (!n->paper)
		return 1;
	for (size_t i = 0; i < a->n_papers; i++)
		if (kb_tree_same_paper(a->papers[i].key, n->is.key))
			return a->papers[i].n_issues;
	return 1;
}

bool kb_list_position(const struct app *a, size_t *pos, size_t *total, bool *more)
{
	*more = false;
	if (a->cur >= a->n_vis)
		return false;
	const struct row_ref *r = &a->vis[a->cur];
	if (a->results) {
		if (a->res_from_end && !a->res_known)
			return false;
		size_t i = r->article;
		*pos = a->res_from_end ? a->res_total - a->res_off - a->res.n + i + 1 : a->res_off + i + 1;
		*total = a->res_known ? a->res_total : a->res_off + a->res.n;
		*more = !a->res_known;
		return true;
	}
	if (r->kind == R_VIEW || (!a->is_counted && !a->at_first))
		return false;
	size_t p = a->node_base, held = 0;
	for (size_t i = 0; i < a->n_nodes; i++) {
		if (i < r->node)
			p += node_issues(a, &a->nodes[i]);
		held += node_issues(a, &a->nodes[i]);
	}
	*pos = p + 1;
	*total = a->is_counted ? a->is_total : a->node_base + held; /* at least those held */
	*more = !a->is_counted;
	return true;
}

void kb_list_locate(struct app *a)
{
	a->art_idx = a->art_n = 0;
	for (size_t n = 0; a->art && n < a->n_nodes; n++)
		for (size_t e = 0; e < a->nodes[n].n_eds; e++) {
			const struct win_ed *w = &a->nodes[n].eds[e];
			if (strcmp(w->e.name, a->art->edition) != 0)
				continue;
			for (size_t i = 0; i < w->arts.n; i++)
				if (strcmp(w->arts.v[i].id, a->art->id) == 0) {
					a->art_idx = i + 1;
					a->art_n = w->e.n_articles > w->arts.n ? w->e.n_articles
									       : w->arts.n;
					return;
				}
		}
}

struct kb_row *kb_list_row(struct app *a, size_t i)
{
	if (i >= a->n_vis)
		return NULL;
	struct row_ref r = a->vis[i];
	if (r.kind == R_RESULT || r.kind == R_SNIPPET)
		return &a->res.v[r.article];
	if (r.kind == R_ARTICLE)
		return &a->nodes[r.node].eds[r.edition].arts.v[r.article];
	return NULL;
}

const struct kb_row *kb_list_current(struct app *a)
{
	return kb_list_row(a, a->cur);
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
	char *issue = kb_tree_issue_key(key);
	free(key);
	kb_window_unfold_issue(a, issue);
	kb_window_unfold_id(a, ed);
	/* the issue's row a third down the screen, the cursor on the article */
	size_t third = a->body_rows > 3 ? (size_t)a->body_rows / 3 : 0;
	struct place p = {.key = issue, .in_node = 0, .on_screen = third, .set = true};
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

bool kb_list_resume(struct app *a, const struct kb_saved *at)
{
	if (!at->listing)
		return kb_list_goto_article(a, at->id, true);
	/* the listing again, the cursor on the article when it is among the
	 * first results, else the article shown on its own */
	if (!kb_list_show_results(a, at->search ? at->query : NULL, at->search ? NULL : at->query))
		return kb_list_goto_article(a, at->id, true);
	if (at->view[0])
		a->res_name = kb_xstrdup(at->view);
	for (size_t i = 0; i < a->n_vis; i++) {
		const struct kb_row *r = kb_list_row(a, i);
		if (r && a->vis[i].kind == R_RESULT && strcmp(r->id, at->id) == 0) {
			a->cur = i;
			break;
		}
	}
	a->previewing = true;
	kb_article_open(a, at->id);
	a->previewing = false;
	mark_hits(a);
	return a->art != NULL;
}

void kb_list_start(struct app *a)
{
	char *first = NULL;
	if (kb_store_newest_unread(a->store, &first) && first) {
		kb_list_goto_article(a, first, true);
		/* the cursor on its edition's row: the reader starts there */
		while (a->cur > 0 && a->vis[a->cur].kind == R_ARTICLE)
			a->cur--;
	} else {
		kb_window_reload(a, NULL);
	}
	free(first);
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
		/* J walks into the next issue and its pages */
		if (dir > 0 && r.kind == R_ISSUE && !a->nodes[r.node].open)
			kb_window_set_open(a, r.node, SIZE_MAX, true);
		else if (dir > 0 && r.kind == R_EDITION && !a->nodes[r.node].eds[r.edition].open)
			kb_window_set_open(a, r.node, r.edition, true);
		if (kb_list_row(a, i) && r.kind != R_SNIPPET) {
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
	kb_message(a, false, "%s", dir > 0 ? _("last article") : _("first article"));
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
	int delta = 0; /* the unread counts' change, once known */
	bool known = false;
	for (size_t i = 0; i < a->res.n; i++)
		if (strcmp(a->res.v[i].id, id) == 0) {
			if (!known && a->res.v[i].read != f->read) {
				delta = f->read ? -1 : 1;
				known = true;
			}
			set_row(&a->res.v[i], f);
		}
	/* the same article may also be in the tree while results show; the
	 * counts of its edition, issue and paper follow */
	const char *issue = NULL;
	int64_t edition = 0;
	for (size_t n = 0; n < a->n_nodes; n++)
		for (size_t e = 0; e < a->nodes[n].n_eds; e++)
			for (size_t i = 0; i < a->nodes[n].eds[e].arts.n; i++) {
				struct kb_row *r = &a->nodes[n].eds[e].arts.v[i];
				if (strcmp(r->id, id) != 0)
					continue;
				if (!known && r->read != f->read) {
					delta = f->read ? -1 : 1;
					known = true;
				}
				issue = a->nodes[n].is.key;
				edition = a->nodes[n].eds[e].e.id;
				set_row(r, f);
			}
	if (delta && issue) {
		char *k = kb_xstrdup(issue);
		kb_window_count_read(a, k, k, edition, delta);
		free(k);
	} else if (delta) {
		/* not in the tree's window: its issue's key from the store */
		char *key = NULL;
		size_t ord;
		if (kb_store_article_place(a->store, id, &edition, &key, &ord)) {
			char *is = kb_tree_issue_key(key);
			kb_window_count_read(a, key, is, edition, delta);
			free(is);
		}
		free(key);
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

/* Mark every article of the editions eds[0..n) read, or unread when all
 * are read, in one transaction and one change (one u undoes it);
 * *changed gets how many changed. */
static bool mark_editions(struct app *a, const struct win_ed *eds, size_t n, size_t *changed)
{
	struct kb_rows arts = {0};
	char **ids = NULL;
	size_t n_ids = 0, cap = 0;
	bool all_read = true, ok = true;
	for (size_t e = 0; e < n && ok; e++) {
		ok = kb_store_edition_articles(a->store, eds[e].e.id, &arts);
		for (size_t i = 0; ok && i < arts.n; i++) {
			all_read = all_read && arts.v[i].read;
			void *v = ids;
			kb_xgrow(&v, &cap, n_ids + 1, sizeof(char *));
			ids = v;
			ids[n_ids++] = kb_xstrdup(arts.v[i].id);
		}
		kb_rows_finish(&arts);
	}
	*changed = 0;
	if (ok)
		ok = kb_do_many(a, ids, n_ids, NULL, !all_read, changed);
	else
		kb_message(a, true, "%s", kb_store_error(a->store));
	for (size_t i = 0; i < n_ids; i++)
		free(ids[i]);
	free(ids);
	if (ok && all_read)
		kb_message(a, false,
			   ngettext("%zu article marked unread (saved) · u: undo",
				    "%zu articles marked unread (saved) · u: undo", *changed),
			   *changed);
	else if (ok)
		kb_message(a, false,
			   ngettext("%zu article marked read (saved) · u: undo",
				    "%zu articles marked read (saved) · u: undo", *changed),
			   *changed);
	return ok;
}

/* The saved view of row r opened: its query as a filter, or a search when
 * it has words. */
static void open_view(struct app *a, const struct row_ref *r)
{
	const struct kb_view *v = &a->cfg->views[r->article];
	struct kb_query q;
	char err[300];
	if (!kb_query_parse(v->query, &q, err, sizeof(err))) {
		kb_message(a, true, _("the config's view %s (line %zu): %s"), v->name, v->line, err);
		return;
	}
	bool words = q.words != NULL;
	kb_query_finish(&q);
	if (kb_list_show_results(a, words ? v->query : NULL, words ? NULL : v->query)) {
		a->res_name = kb_xstrdup(v->name);
		kb_list_preview(a);
	}
}

/* A tree row: indent, fold mark, label, and its unread/total on the
 * right (hidden when total is 0), in style st. */
static void draw_node(struct app *a, int sy, int x, int w, int indent, const char *mark,
		      const char *label, const char *dim, size_t unread, size_t total, bool cur)
{
	enum kb_style st = cur && a->focus == P_LIST ? KB_STYLE_CURSOR : KB_STYLE_EDITION;
	kb_draw_fill(sy, x, x + w, st);
	int cx = x + indent;
	cx = kb_draw_text(sy, cx, x + w, mark, strlen(mark), st);
	char count[48] = "";
	if (unread == SIZE_MAX && total != SIZE_MAX) /* a count alone */
		snprintf(count, sizeof(count), " %zu", total);
	else if (total && total != SIZE_MAX)
		snprintf(count, sizeof(count), " %zu/%zu", unread, total);
	int cw = (int)strlen(count);
	int end = x + w - cw > cx + 4 ? x + w - cw : x + w;
	bool el;
	int cols;
	size_t k = kb_layout_truncate(label, strlen(label), end - cx, &cols, &el);
	cx = kb_draw_text(sy, cx, end, label, k, st);
	if (el)
		cx = kb_draw_text(sy, cx, end, "…", strlen("…"), st);
	if (dim && *dim && !el && cx + 1 < end) {
		k = kb_layout_truncate(dim, strlen(dim), end - cx - 1, &cols, &el);
		cx = kb_draw_text(sy, cx + 1, end, dim, k, cur && a->focus == P_LIST ? st : KB_STYLE_META);
	}
	if (end < x + w)
		kb_draw_text(sy, end, x + w, count, strlen(count),
			     cur && a->focus == P_LIST ? st
			     : unread && unread != SIZE_MAX ? KB_STYLE_UNREAD
						       : KB_STYLE_META);
}

/* The snippet of result r: its text with the hits (in [ ] from the store)
 * in the match style. */
static void draw_snippet(int sy, int x, int w, const char *sn, enum kb_style base)
{
	kb_draw_fill(sy, x, x + w, base);
	int cx = x + 4, end = x + w;
	bool hit = false;
	const char *p = sn ? sn : "";
	/* the pane is narrow: the text before the first hit cut to a third of
	 * it, so that the hit is seen */
	const char *h = strchr(p, '[');
	if (h && end - cx > 6) {
		int lead = (end - cx) / 3, cols;
		bool el;
		size_t all = kb_layout_truncate(p, (size_t)(h - p), 1 << 20, &cols, &el);
		(void)all;
		if (cols > lead) {
			size_t skip = kb_layout_truncate(p, (size_t)(h - p), cols - lead + 1, &cols, &el);
			p += skip;
			cx = kb_draw_text(sy, cx, end, "…", strlen("…"), base);
		}
	}
	while (*p && cx < end) {
		if (*p == '[' || *p == ']') {
			hit = *p == '[';
			p++;
			continue;
		}
		size_t n = strcspn(p, "[]\n");
		bool el;
		int cols;
		size_t k = kb_layout_truncate(p, n, end - cx, &cols, &el);
		cx = kb_draw_text(sy, cx, end, p, k, hit ? KB_STYLE_MATCH : base);
		if (k < n)
			break;
		p += n;
		if (*p == '\n') {
			cx = kb_draw_text(sy, cx, end, " ", 1, base);
			p++;
		}
	}
}

static void draw(struct app *a, int x, int w)
{
	int rows = a->body_rows; /* the results' label is the pane's title */
	if (rows <= 0)
		return;
	if (a->cur < a->top)
		a->top = a->cur;
	if (a->cur >= a->top + (size_t)rows)
		a->top = a->cur - (size_t)rows + 1;
	int depth0 = a->many_papers ? 2 : 0; /* the issues' indent */
	for (int y = 0; y < rows; y++) {
		size_t i = a->top + (size_t)y;
		int sy = y;
		bool cur = i == a->cur;
		if (i >= a->n_vis) {
			kb_draw_fill(sy, x, x + w, KB_STYLE_NORMAL);
			continue;
		}
		struct row_ref r = a->vis[i];
		char label[512], dim[128];
		switch (r.kind) {
		case R_VIEW: {
			const struct kb_view *v = &a->cfg->views[r.article];
			snprintf(label, sizeof(label), "%s", v->name);
			size_t n = a->view_count && a->views_counted ? a->view_count[r.article] : SIZE_MAX;
			draw_node(a, sy, x, w, 0, "» ", label, v->query, SIZE_MAX, n, cur);
			continue;
		}
		case R_PAPER: {
			const struct win_node *nd = &a->nodes[r.node];
			const struct kb_paper_row *p = NULL;
			for (size_t k = 0; k < a->n_papers; k++)
				if (kb_tree_same_paper(a->papers[k].key, nd->is.key))
					p = &a->papers[k];
			snprintf(label, sizeof(label), "%s",
				 nd->is.paper ? nd->is.paper : _("(paper unknown)"));
			dim[0] = '\0';
			if (p)
				snprintf(dim, sizeof(dim),
					 ngettext("%zu issue", "%zu issues", p->n_issues), p->n_issues);
			draw_node(a, sy, x, w, 0, nd->paper ? "+ " : "- ", label, dim,
				  p ? p->n_unread : 0, p ? p->n_articles : 0, cur);
			continue;
		}
		case R_ISSUE: {
			const struct win_node *nd = &a->nodes[r.node];
			if (nd->is.date) {
				snprintf(label, sizeof(label), "%s %s", nd->is.date, kb_weekday(nd->is.date));
				snprintf(dim, sizeof(dim), "%zu版", nd->is.n_editions);
			} else {
				snprintf(label, sizeof(label), "%s", _("(no date)"));
				snprintf(dim, sizeof(dim),
					 ngettext("%zu edition", "%zu editions", nd->is.n_editions),
					 nd->is.n_editions);
			}
			draw_node(a, sy, x, w, depth0, nd->open ? "- " : "+ ", label, dim,
				  nd->is.n_unread, nd->is.n_articles, cur);
			continue;
		}
		case R_EDITION: {
			const struct win_ed *we = &a->nodes[r.node].eds[r.edition];
			const struct kb_edition_row *e = &we->e;
			/* the page and its name, then its first headline: what a
			 * reader knows it by, not its file name */
			char pg[64];
			kb_page_label(e->page, pg, sizeof(pg));
			const char *text = e->lead ? e->lead : "（无文章）";
			snprintf(label, sizeof(label), "%s%s%s%s%s", pg, pg[0] ? " " : "",
				 e->title ? e->title : "", e->title ? " " : "", text);
			draw_node(a, sy, x, w, depth0 + 2, we->open ? "- " : "+ ", label, NULL,
				  e->n_unread, e->n_articles, cur);
			continue;
		}
		case R_SNIPPET: {
			bool on = i > 0 && a->cur == i - 1;
			enum kb_style st = on ? (a->focus == P_LIST ? KB_STYLE_CURSOR : KB_STYLE_SELECTION)
					      : KB_STYLE_META;
			draw_snippet(sy, x, w, a->res.v[r.article].snippet, st);
			continue;
		}
		case R_ARTICLE:
		case R_RESULT:
			break;
		}
		struct kb_row *ar = kb_list_row(a, i);
		enum kb_style st = ar->read ? KB_STYLE_NORMAL : KB_STYLE_UNREAD;
		if (cur)
			st = a->focus == P_LIST ? KB_STYLE_CURSOR : KB_STYLE_SELECTION;
		kb_draw_fill(sy, x, x + w, st);
		int cx = x + (a->results ? 0 : depth0 + 4);
		cx = kb_draw_text(sy, cx, x + w, ar->read ? " " : "*", 1, st);
		cx = kb_draw_text(sy, cx, x + w, ar->n_tags ? "#" : " ", 1, cur ? st : KB_STYLE_TAG);
		cx++;
		char lb[160];
		const char *text = kb_row_label(ar, lb, sizeof(lb));
		if (!(ar->title && ar->title[0]) && !(ar->lead && ar->lead[0]))
			text = _("(no headline)"); /* the store's label, in English */
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

/* Off a snippet row: onto its result (moving up) or the next (down). */
static void skip_snippet(struct app *a, bool down)
{
	if (a->cur >= a->n_vis || a->vis[a->cur].kind != R_SNIPPET)
		return;
	if (down && a->cur + 1 < a->n_vis)
		a->cur++;
	else
		a->cur--;
}

/* Fold or unfold the node or edition of row i (Enter, a click). */
static void toggle(struct app *a, size_t i)
{
	struct row_ref r = a->vis[i];
	if (r.kind == R_PAPER)
		kb_window_fold_paper(a, r.node, !a->nodes[r.node].paper);
	else if (r.kind == R_ISSUE)
		kb_window_set_open(a, r.node, SIZE_MAX, !a->nodes[r.node].open);
	else if (r.kind == R_EDITION)
		kb_window_set_open(a, r.node, r.edition, !a->nodes[r.node].eds[r.edition].open);
}

/* ← : fold the row's node, or, folded (or an article), the one above it,
 * the cursor on its row. */
static void fold(struct app *a)
{
	struct row_ref r = a->vis[a->cur];
	struct win_node *n = &a->nodes[r.node];
	switch (r.kind) {
	case R_ARTICLE:
		kb_window_set_open(a, r.node, r.edition, false);
		a->cur = n->eds[r.edition].row;
		break;
	case R_EDITION:
		if (n->eds[r.edition].open) {
			kb_window_set_open(a, r.node, r.edition, false);
		} else {
			kb_window_set_open(a, r.node, SIZE_MAX, false);
			a->cur = a->nodes[r.node].row;
		}
		break;
	case R_ISSUE:
		if (n->open)
			kb_window_set_open(a, r.node, SIZE_MAX, false);
		else if (a->many_papers)
			kb_window_fold_paper(a, r.node, true);
		break;
	case R_PAPER:
		if (!n->paper)
			kb_window_fold_paper(a, r.node, true);
		break;
	default:
		break;
	}
}

/* → : unfold the row's node, or, unfolded, step into it. */
static void unfold(struct app *a)
{
	struct row_ref r = a->vis[a->cur];
	struct win_node *n = &a->nodes[r.node];
	bool open = r.kind == R_PAPER	? !n->paper
		    : r.kind == R_ISSUE	? n->open
		    : r.kind == R_EDITION ? n->eds[r.edition].open
					  : true;
	if (!open && r.kind != R_ARTICLE)
		toggle(a, a->cur);
	else if (r.kind != R_ARTICLE && a->cur + 1 < a->n_vis)
		a->cur++;
}

static int action(struct app *a, enum action act, int slot)
{
	(void)slot;
	size_t page = a->body_rows > 2 ? (size_t)a->body_rows - 1 : 1;
	bool down = true;
	switch (act) {
	case ACT_MOVE_DOWN:
		if (a->cur + 1 < a->n_vis)
			a->cur++;
		break;
	case ACT_MOVE_UP:
		if (a->cur > 0)
			a->cur--;
		down = false;
		break;
	case ACT_PAGE_DOWN:
		a->cur = a->cur + page < a->n_vis ? a->cur + page : (a->n_vis ? a->n_vis - 1 : 0);
		break;
	case ACT_PAGE_UP:
		a->cur = a->cur > page ? a->cur - page : 0;
		down = false;
		break;
	case ACT_TOP:
	case ACT_BOTTOM:
		if (a->results)
			kb_results_jump(a, act == ACT_BOTTOM);
		else
			kb_window_jump(a, act == ACT_BOTTOM);
		skip_snippet(a, false);
		return F_REDRAW;
	case ACT_UNFOLD:
	case ACT_FOLD:
		if (a->results || a->cur >= a->n_vis || a->vis[a->cur].kind == R_VIEW)
			return F_REDRAW;
		if (act == ACT_UNFOLD)
			unfold(a);
		else
			fold(a);
		break;
	case ACT_FOLD_ALL:
		if (!a->results)
			kb_window_fold_all(a);
		return F_REDRAW;
	case ACT_TOGGLE_READ:
		if (a->results || a->cur >= a->n_vis || a->vis[a->cur].kind == R_ARTICLE)
			return -1; /* an article's: the global action */
		{
			struct row_ref r = a->vis[a->cur];
			size_t changed;
			if (r.kind == R_EDITION) {
				mark_editions(a, &a->nodes[r.node].eds[r.edition], 1, &changed);
				kb_window_refresh_node(a, r.node);
				kb_article_reload(a);
			} else if (r.kind == R_ISSUE) {
				kb_window_load(a, r.node); /* its pages, unfolded or not */
				mark_editions(a, a->nodes[r.node].eds, a->nodes[r.node].n_eds, &changed);
				kb_window_refresh_node(a, r.node);
				kb_article_reload(a); /* its read mark */
			} else {
				kb_message(a, false, "%s", _("r marks an issue, a page or an article read"));
			}
		}
		return F_REDRAW;
	case ACT_OPEN:
		if (a->cur < a->n_vis && a->vis[a->cur].kind == R_VIEW) {
			open_view(a, &a->vis[a->cur]);
		} else if (a->cur < a->n_vis && !kb_list_current(a)) {
			toggle(a, a->cur);
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
	skip_snippet(a, down);
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
	skip_snippet(a, false);
	if (a->vis[a->cur].kind == R_VIEW)
		open_view(a, &a->vis[a->cur]);
	else if (!kb_list_current(a))
		toggle(a, a->cur);
	else
		kb_list_open_current(a);
	kb_list_ensure(a);
}

static void wheel(struct app *a, int lines)
{
	if (lines > 0)
		a->cur = a->cur + (size_t)lines < a->n_vis ? a->cur + (size_t)lines : (a->n_vis ? a->n_vis - 1 : 0);
	else
		a->cur = a->cur > (size_t)-lines ? a->cur - (size_t)-lines : 0;
	skip_snippet(a, lines > 0);
	kb_list_ensure(a);
	kb_list_preview(a);
}

const struct pane_ops kb_list_pane = {N_("list"), draw, action, click, wheel};
