/* SPDX-License-Identifier: MIT */
/*
 * The list pane's window over the tree: paper → issue (newest first) →
 * page → articles. A library may hold 100,000 editions; the window holds a
 * few screens of issues around the cursor, read a screen at a time with
 * kb_store_issues_page (a keyset on the issues' index, so a page at the
 * end costs what one at the start does), and drops those far from the
 * cursor. An issue's editions are read when it is unfolded, an edition's
 * articles when it is. A folded paper is one node of the window standing
 * for all its issues: the window reads on past it with one seek.
 *
 * Which issues and editions are unfolded and which papers folded is kept
 * by key and id, so a node scrolled out of the window and back keeps its
 * state. After every change the visible rows are rebuilt (kb_list_rebuild)
 * and the cursor kept on its row. The count of issues (for "3/340") is the
 * store's, after the first screen; the position of the window's first node
 * (node_base) is kept up to date as nodes come and go.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

/* Issues read at a time: a screen (the first screen reads what it shows). */
static size_t chunk(const struct app *a)
{
	return a->body_rows > 0 ? (size_t)a->body_rows + 2 : 26;
}

/* At most this many nodes stay in the window. */
static size_t max_nodes(const struct app *a)
{
	return 6 * chunk(a);
}

/* ---- what is unfolded: kept by id and key, in or out of the window ---- */

static bool ed_unfolded(const struct app *a, int64_t id)
{
	for (size_t i = 0; i < a->n_unfolded; i++)
		if (a->unfolded[i] == id)
			return true;
	return false;
}

static void remember_ed(struct app *a, int64_t id, bool open)
{
	for (size_t i = 0; i < a->n_unfolded; i++)
		if (a->unfolded[i] == id) {
			if (!open)
				a->unfolded[i] = a->unfolded[--a->n_unfolded];
			return;
		}
	if (!open)
		return;
	void *v = a->unfolded;
	kb_xgrow(&v, &a->cap_unfolded, a->n_unfolded + 1, sizeof(int64_t));
	a->unfolded = v;
	a->unfolded[a->n_unfolded++] = id;
}

/* A set of keys; same_paper compares them by paper. */
static size_t key_find(const struct key_set *s, const char *key, bool same_paper)
{
	for (size_t i = 0; i < s->n; i++)
		if (same_paper ? kb_tree_same_paper(s->v[i], key) : strcmp(s->v[i], key) == 0)
			return i;
	return SIZE_MAX;
}

static void key_put(struct key_set *s, const char *key, bool same_paper, bool on)
{
	size_t i = key_find(s, key, same_paper);
	if (!on && i != SIZE_MAX) {
		free(s->v[i]);
		s->v[i] = s->v[--s->n];
	} else if (on && i == SIZE_MAX) {
		void *v = s->v;
		kb_xgrow(&v, &s->cap, s->n + 1, sizeof(char *));
		s->v = v;
		s->v[s->n++] = kb_xstrdup(key);
	}
}

static void key_clear(struct key_set *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	s->n = 0;
}

static bool paper_folded(const struct app *a, const char *key)
{
	return key_find(&a->folded_papers, key, true) != SIZE_MAX;
}

static bool issue_open(const struct app *a, const char *key)
{
	return key_find(&a->open_issues, key, false) != SIZE_MAX;
}

/* ---- the papers' counts ---- */

struct kb_paper_row *kb_window_paper(struct app *a, const char *key, bool read)
{
	for (size_t i = 0; i < a->n_papers; i++)
		if (kb_tree_same_paper(a->papers[i].key, key))
			return &a->papers[i];
	if (!read)
		return NULL;
	struct kb_paper_row r;
	if (!kb_store_paper_stats(a->store, key, &r))
		return NULL;
	void *v = a->papers;
	kb_xgrow(&v, &a->cap_papers, a->n_papers + 1, sizeof(*a->papers));
	a->papers = v;
	a->papers[a->n_papers] = r;
	return &a->papers[a->n_papers++];
}

static void forget_papers(struct app *a)
{
	for (size_t i = 0; i < a->n_papers; i++)
		kb_paper_row_clear(&a->papers[i]);
	a->n_papers = 0;
}

/* The issues a node stands for. */
static size_t issues_in(struct app *a, const struct win_node *n)
{
	if (!n->paper)
		return 1;
	const struct kb_paper_row *p = kb_window_paper(a, n->is.key, true);
	return p ? p->n_issues : 1;
}

/* ---- the window's nodes ---- */

static void ed_clear(struct win_ed *w)
{
	kb_edition_row_clear(&w->e);
	kb_rows_finish(&w->arts);
	memset(w, 0, sizeof(*w));
}

static void node_clear(struct win_node *n)
{
	kb_issue_row_clear(&n->is);
	for (size_t i = 0; i < n->n_eds; i++)
		ed_clear(&n->eds[i]);
	free(n->eds);
	memset(n, 0, sizeof(*n));
}

/* Drop nodes [from, from + n) of the window. */
static void drop(struct app *a, size_t from, size_t n)
{
	for (size_t i = from; i < from + n; i++)
		node_clear(&a->nodes[i]);
	if (n && a->n_nodes > from + n) /* (never with an empty window: nodes may be NULL) */
		memmove(a->nodes + from, a->nodes + from + n,
			(a->n_nodes - from - n) * sizeof(*a->nodes));
	a->n_nodes -= n;
}

static void empty(struct app *a)
{
	drop(a, 0, a->n_nodes);
	a->n_vis = 0;
	a->cur = a->top = 0;
}

void kb_window_finish(struct app *a)
{
	empty(a);
	free(a->nodes);
	free(a->unfolded);
	key_clear(&a->open_issues);
	key_clear(&a->folded_papers);
	free(a->open_issues.v);
	free(a->folded_papers.v);
	forget_papers(a);
	free(a->papers);
	free(a->view_count);
	a->view_count = NULL;
	a->nodes = NULL;
	a->unfolded = NULL;
	a->papers = NULL;
	memset(&a->open_issues, 0, sizeof(a->open_issues));
	memset(&a->folded_papers, 0, sizeof(a->folded_papers));
	a->cap_nodes = a->n_unfolded = a->cap_unfolded = a->cap_papers = 0;
}

void kb_window_load(struct app *a, size_t node)
{
	struct win_node *n = &a->nodes[node];
	if (n->loaded || n->paper)
		return;
	n->loaded = true;
	struct kb_edition_row *rows = NULL;
	size_t k = 0;
	if (!kb_store_issue_editions(a->store, n->is.key, &rows, &k)) {
		kb_message(a, true, "%s", kb_store_error(a->store));
		return;
	}
	n->eds = kb_xcalloc(k ? k : 1, sizeof(*n->eds));
	for (size_t i = 0; i < k; i++) {
		n->eds[i].e = rows[i];
		n->eds[i].open = ed_unfolded(a, rows[i].id);
	}
	n->n_eds = k;
	free(rows); /* the strings now belong to the window */
}

void kb_window_load_ed(struct app *a, size_t node, size_t e)
{
	struct win_ed *w = &a->nodes[node].eds[e];
	if (w->loaded)
		return;
	w->loaded = true;
	kb_store_edition_articles(a->store, w->e.id, &w->arts);
}

/* A new node at i of the window (zeroed). */
static struct win_node *insert(struct app *a, size_t i)
{
	void *v = a->nodes;
	kb_xgrow(&v, &a->cap_nodes, a->n_nodes + 1, sizeof(*a->nodes));
	a->nodes = v;
	if (i < a->n_nodes)
		memmove(a->nodes + i + 1, a->nodes + i, (a->n_nodes - i) * sizeof(*a->nodes));
	a->n_nodes++;
	memset(&a->nodes[i], 0, sizeof(a->nodes[i]));
	return &a->nodes[i];
}

/* Read a screen of issues after the key from (backward: before it; with
 * skip_paper past all of from's paper; NULL: from the library's start, or
 * its end) into the window's end (its start). A folded paper's issues
 * become one node. The rows are not rebuilt. Returns the nodes added;
 * sets at_last (at_first) when the library has no more. */
static size_t fetch_from(struct app *a, const char *from, bool skip_paper, bool backward,
			 size_t k)
{
	size_t n = 0, added = 0;
	struct kb_issue_row *rows = NULL;
	if (!kb_store_issues_page(a->store, from, backward, skip_paper, k, &rows, &n)) {
		kb_message(a, true, "%s", kb_store_error(a->store));
		return 0;
	}
	if (n < k) {
		if (backward)
			a->at_first = true;
		else
			a->at_last = true;
	}
	for (size_t i = 0; i < n; i++) {
		bool folded = paper_folded(a, rows[i].key);
		const struct win_node *edge =
			a->n_nodes ? &a->nodes[backward ? 0 : a->n_nodes - 1] : NULL;
		if (folded && edge && edge->paper && kb_tree_same_paper(edge->is.key, rows[i].key)) {
			kb_issue_row_clear(&rows[i]); /* its paper's node is there */
			continue;
		}
		struct win_node *w = insert(a, backward ? 0 : a->n_nodes);
		w->is = rows[i];
		w->paper = folded;
		w->open = !folded && issue_open(a, w->is.key);
		added++;
		if (backward && !a->at_first) {
			size_t k2 = issues_in(a, &a->nodes[0]);
			a->node_base = a->node_base > k2 ? a->node_base - k2 : 0;
		}
	}
	free(rows); /* the strings now belong to the window */
	if (backward && a->at_first)
		a->node_base = 0;
	if (a->at_first && a->at_last) {
		size_t t = 0; /* the whole library is held: counted for free */
		for (size_t i = 0; i < a->n_nodes; i++)
			t += issues_in(a, &a->nodes[i]);
		a->is_total = t;
		a->is_counted = true;
	}
	return added;
}

/* The same, on from the window's end (start). */
static size_t fetch(struct app *a, bool backward)
{
	if (!a->n_nodes)
		return fetch_from(a, NULL, false, backward, chunk(a));
	const struct win_node *edge = &a->nodes[backward ? 0 : a->n_nodes - 1];
	char *from = kb_xstrdup(edge->is.key);
	size_t n = fetch_from(a, from, edge->paper, backward, chunk(a));
	free(from);
	return n;
}

/* The key the issues before the window's first node are counted to. */
static const char *first_key(struct app *a)
{
	if (!a->n_nodes || a->at_first)
		return NULL;
	if (a->nodes[0].paper) {
		const struct kb_paper_row *p = kb_window_paper(a, a->nodes[0].is.key, true);
		return p ? p->key : a->nodes[0].is.key;
	}
	return a->nodes[0].is.key;
}

/* Count the issues, and the window's place among them. */
static void count(struct app *a)
{
	size_t total = 0, pos = 0;
	const char *first = first_key(a);
	if (!kb_store_issue_count(a->store, first, &total, first ? &pos : NULL))
		return;
	a->is_total = total;
	a->is_counted = true;
	a->node_base = pos;
}

bool kb_window_init(struct app *a)
{
	empty(a);
	a->at_first = true;
	a->at_last = false;
	a->node_base = 0;
	a->is_counted = false;
	if (!kb_store_many_papers(a->store, &a->many_papers))
		return false;
	/* one issue: the reader goes to where it left off next, and reads
	 * what the screen shows there; the rest comes after the first screen
	 * (kb_window_ensure) */
	if (!fetch_from(a, NULL, false, false, 1) && !a->at_last)
		return false; /* the store failed */
	a->at_last = false;
	/* the count (a walk of the issues' index) comes after the first
	 * screen: kb_window_count */
	kb_list_rebuild(a);
	return true;
}

bool kb_window_count(struct app *a)
{
	if (a->results)
		return false;
	bool news = false;
	/* the papers' counts for their rows on the screen */
	for (size_t i = 0; i < a->n_vis; i++) {
		const struct row_ref *r = &a->vis[i];
		if (r->kind == R_PAPER && !kb_window_paper(a, a->nodes[r->node].is.key, false)) {
			kb_window_paper(a, a->nodes[r->node].is.key, true);
			news = true;
		}
	}
	if (!a->is_counted) {
		count(a);
		news = news || a->is_counted;
	}
	/* the saved views' articles, when the store counts them cheaply (a
	 * search of a word of one or two characters, a listing) */
	if (!a->views_counted && a->cfg && a->cfg->n_views && a->at_first) {
		a->views_counted = true;
		free(a->view_count);
		a->view_count = kb_xcalloc(a->cfg->n_views, sizeof(size_t));
		for (size_t v = 0; v < a->cfg->n_views; v++) {
			struct kb_query q;
			char err[300];
			size_t n = SIZE_MAX;
			if (kb_query_parse(a->cfg->views[v].query, &q, err, sizeof(err))) {
				bool ok = q.words ? kb_store_search_count(a->store, q.words, &q.filter, true, &n)
						  : kb_store_list_count(a->store, &q.filter, &n);
				if (!ok)
					n = SIZE_MAX;
				kb_query_finish(&q);
			}
			a->view_count[v] = n;
		}
		news = true;
	}
	return news;
}

/* ---- the rows ---- */

size_t kb_window_node_row(const struct app *a, size_t node)
{
	const struct win_node *n = &a->nodes[node];
	return n->prow != SIZE_MAX ? n->prow : n->row;
}

/* The cursor on the row it was on, as many rows down the screen as
 * before, once the rows were rebuilt with row now standing for it. */
static void keep_cursor(struct app *a, size_t row)
{
	size_t on_screen = a->cur >= a->top ? a->cur - a->top : 0;
	a->cur = row < a->n_vis ? row : (a->n_vis ? a->n_vis - 1 : 0);
	a->top = a->cur > on_screen ? a->cur - on_screen : 0;
}

void kb_window_fold_all(struct app *a)
{
	if (!a->n_nodes)
		return;
	size_t node = a->cur < a->n_vis ? a->vis[a->cur].node : 0;
	bool was_paper = a->cur < a->n_vis && a->vis[a->cur].kind == R_PAPER;
	/* everything folded to the issues; when they were, the papers */
	bool any = a->open_issues.n > 0 || a->n_unfolded > 0;
	if (any || !a->many_papers) {
		key_clear(&a->open_issues);
		a->n_unfolded = 0;
		for (size_t i = 0; i < a->n_nodes; i++) {
			a->nodes[i].open = false;
			for (size_t e = 0; e < a->nodes[i].n_eds; e++)
				a->nodes[i].eds[e].open = false;
		}
		kb_list_rebuild(a);
		keep_cursor(a, was_paper ? kb_window_node_row(a, node) : a->nodes[node].row);
		kb_window_ensure(a);
		kb_message(a, false, "%s",
			   a->many_papers ? _("all issues folded (z again: the papers)")
					  : _("all issues folded"));
		return;
	}
	for (size_t i = 0; i < a->n_nodes; i++)
		key_put(&a->folded_papers, a->nodes[i].is.key, true, true);
	struct place p;
	kb_window_place(a, &p);
	p.on_paper = true;
	p.in_node = 0;
	kb_window_goto(a, &p, NULL);
	kb_message(a, false, "%s", _("all papers folded"));
}

void kb_window_unfold_issue(struct app *a, const char *key)
{
	key_put(&a->open_issues, key, false, true);
	key_put(&a->folded_papers, key, true, false);
}

void kb_window_unfold_id(struct app *a, int64_t id)
{
	remember_ed(a, id, true);
}

void kb_window_set_open(struct app *a, size_t node, size_t e, bool open)
{
	if (node >= a->n_nodes)
		return;
	struct win_node *n = &a->nodes[node];
	if (e == SIZE_MAX) {
		n->open = open;
		key_put(&a->open_issues, n->is.key, false, open);
	} else if (e < n->n_eds) {
		n->eds[e].open = open;
		remember_ed(a, n->eds[e].e.id, open);
	}
	kb_list_rebuild(a);
}

void kb_window_fold_paper(struct app *a, size_t node, bool fold)
{
	if (node >= a->n_nodes)
		return;
	struct place p = {0};
	key_put(&a->folded_papers, a->nodes[node].is.key, true, fold);
	/* the window read again from the paper's start, the cursor on its row */
	const struct kb_paper_row *pr = kb_window_paper(a, a->nodes[node].is.key, true);
	p.key = kb_xstrdup(pr ? pr->key : a->nodes[node].is.key);
	p.on_paper = true;
	p.on_screen = a->cur >= a->top ? a->cur - a->top : 0;
	p.set = true;
	kb_window_goto(a, &p, NULL);
}

/* ---- moving the window ---- */

size_t kb_window_grow(struct app *a, bool backward)
{
	if (backward ? a->at_first : a->at_last)
		return 0;
	size_t before = a->n_vis;
	if (!fetch(a, backward) && (backward ? !a->at_first : !a->at_last))
		return 0;
	kb_list_rebuild(a); /* at the start the saved views come in too */
	size_t added = a->n_vis - before;
	if (backward) { /* the rows held so far moved down */
		a->cur += added;
		a->top += added;
	}
	return added;
}

/* Drop the nodes far from the cursor while the window holds more than
 * max_nodes: those whose rows end a margin above the screen, or start a
 * margin below it. */
static void trim(struct app *a)
{
	size_t max = max_nodes(a), m = kb_list_margin(a);
	size_t lo = a->top < a->cur ? a->top : a->cur;
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	size_t hi = a->cur > a->top + rows ? a->cur : a->top + rows;
	size_t d = 0;
	while (a->n_nodes - d > max && d + 1 < a->n_nodes &&
	       kb_window_node_row(a, d + 1) + m <= lo)
		d++;
	if (d) {
		size_t gone = kb_window_node_row(a, d);
		for (size_t i = 0; i < d; i++)
			a->node_base += issues_in(a, &a->nodes[i]);
		drop(a, 0, d);
		a->at_first = false;
		kb_list_rebuild(a);
		gone -= kb_window_node_row(a, 0); /* (a paper row may stay) */
		a->cur -= gone;
		a->top -= gone;
	}
	size_t k = 0;
	while (a->n_nodes - k > max && k + 1 < a->n_nodes &&
	       kb_window_node_row(a, a->n_nodes - 1 - k) > hi + m)
		k++;
	if (k) {
		drop(a, a->n_nodes - k, k);
		a->at_last = false;
		kb_list_rebuild(a);
	}
}

void kb_window_ensure(struct app *a)
{
	size_t m = kb_list_margin(a);
	while (a->cur + m >= a->n_vis && kb_window_grow(a, false))
		;
	while (a->cur < m && kb_window_grow(a, true))
		;
	trim(a);
}

void kb_window_jump(struct app *a, bool end)
{
	if (end ? !a->at_last : !a->at_first) {
		/* far away: read the window afresh at that end */
		size_t total = a->is_total;
		bool counted = a->is_counted;
		empty(a);
		a->at_first = a->at_last = false;
		if (end) {
			a->at_last = true;
			a->node_base = 0;
			fetch(a, true);
			size_t held = 0;
			for (size_t i = 0; i < a->n_nodes; i++)
				held += issues_in(a, &a->nodes[i]);
			if (counted && total >= held) {
				a->is_total = total;
				a->is_counted = true;
				a->node_base = a->at_first ? 0 : total - held;
			} else {
				a->is_counted = false;
				count(a);
			}
		} else {
			a->at_first = true;
			a->node_base = 0;
			fetch(a, false);
		}
		kb_list_rebuild(a);
	}
	a->top = 0;
	a->cur = end && a->n_vis ? a->n_vis - 1 : 0;
	kb_window_ensure(a);
}

bool kb_window_place(const struct app *a, struct place *p)
{
	memset(p, 0, sizeof(*p));
	if (a->results || a->cur >= a->n_vis)
		return false;
	const struct row_ref *r = &a->vis[a->cur];
	if (r->kind == R_VIEW)
		p->view = r->article + 1; /* the start, the cursor on the view */
	if (r->kind == R_VIEW || r->node >= a->n_nodes)
		return false;
	const struct win_node *n = &a->nodes[r->node];
	p->key = kb_xstrdup(n->is.key);
	p->on_paper = r->kind == R_PAPER;
	p->in_node = p->on_paper ? 0 : a->cur - n->row;
	p->on_screen = a->cur >= a->top ? a->cur - a->top : 0;
	p->set = true;
	return true;
}

/* The window's node at or after key (a node of a folded paper: of that
 * paper), or SIZE_MAX. */
static size_t node_at(const struct app *a, const char *key)
{
	for (size_t i = 0; i < a->n_nodes; i++) {
		const struct win_node *n = &a->nodes[i];
		if (n->paper ? kb_tree_same_paper(n->is.key, key) : strcmp(n->is.key, key) >= 0)
			return i;
	}
	return SIZE_MAX;
}

void kb_window_goto(struct app *a, struct place *p, const char *id)
{
	bool was_empty = a->n_nodes == 0;
	empty(a);
	a->at_first = a->at_last = false;
	a->is_counted = false;
	forget_papers(a); /* read again when shown: what was read may have changed */
	a->views_counted = false;
	kb_store_many_papers(a->store, &a->many_papers);
	if (!p || !p->set) {
		a->at_first = true;
		a->node_base = 0;
		fetch(a, false);
	} else {
		/* the issues before the place, then from the nearest on (the
		 * place's own issue first) */
		size_t above = a->starting ? p->on_screen + 1 : chunk(a);
		fetch_from(a, p->key, false, true, above);
		if (!a->n_nodes)
			a->at_first = true;
		fetch(a, false);
	}
	(void)was_empty;
	/* counted after the screen is shown (kb_window_count) */
	kb_list_rebuild(a);
	a->cur = 0;
	size_t at = p && p->set ? node_at(a, p->key) : SIZE_MAX;
	if (at != SIZE_MAX) {
		const struct win_node *n = &a->nodes[at];
		size_t end = at + 1 < a->n_nodes ? kb_window_node_row(a, at + 1) : a->n_vis;
		if (p->on_paper || n->paper)
			a->cur = kb_window_node_row(a, at);
		else
			a->cur = n->row + p->in_node < end ? n->row + p->in_node : end - 1;
	} else if (p && p->set) {
		a->cur = a->n_vis ? a->n_vis - 1 : 0;
	}
	for (size_t i = 0; id && i < a->n_vis; i++) {
		const struct kb_row *r = kb_list_row(a, i);
		if (r && strcmp(r->id, id) == 0) {
			a->cur = i;
			break;
		}
	}
	if (p && p->view && a->at_first && a->cfg && p->view <= a->cfg->n_views)
		a->cur = p->view - 1; /* the views are the first rows */
	size_t on_screen = p && p->set ? p->on_screen : 0;
	a->top = a->cur > on_screen ? a->cur - on_screen : 0;
	/* what came in above the cursor at the library's start stays in sight
	 * when the cursor's row allows */
	if (a->at_first && a->body_rows > 0 && a->cur < (size_t)a->body_rows)
		a->top = 0;
	if (p) {
		free(p->key);
		memset(p, 0, sizeof(*p));
	}
	if (!a->starting) /* at start the margins are read after the first screen */
		kb_window_ensure(a);
}

void kb_window_reload(struct app *a, const char *id)
{
	struct place p;
	kb_window_place(a, &p);
	kb_window_goto(a, &p, id);
}

/* ---- counts kept as articles are read ---- */

void kb_window_refresh_node(struct app *a, size_t node)
{
	if (node >= a->n_nodes || a->nodes[node].paper)
		return;
	struct win_node *n = &a->nodes[node];
	struct kb_issue_row fresh;
	if (kb_store_issue(a->store, n->is.key, &fresh)) {
		fresh.first_of_paper = n->is.first_of_paper;
		kb_issue_row_clear(&n->is);
		n->is = fresh;
	}
	/* its pages and their articles read again when shown (which are
	 * unfolded is kept by id) */
	for (size_t i = 0; i < n->n_eds; i++)
		ed_clear(&n->eds[i]);
	free(n->eds);
	n->eds = NULL;
	n->n_eds = 0;
	n->loaded = false;
	/* its paper's counts too, after the screen (kb_window_count) */
	for (size_t i = 0; i < a->n_papers; i++)
		if (kb_tree_same_paper(a->papers[i].key, n->is.key)) {
			kb_paper_row_clear(&a->papers[i]);
			a->papers[i] = a->papers[--a->n_papers];
			break;
		}
	kb_list_rebuild(a);
}

void kb_window_count_read(struct app *a, const char *paper_key, const char *issue_key,
			  int64_t edition, int delta)
{
	for (size_t i = 0; i < a->n_nodes; i++) {
		struct win_node *n = &a->nodes[i];
		if (n->paper || strcmp(n->is.key, issue_key) != 0)
			continue;
		n->is.n_unread = (size_t)((long long)n->is.n_unread + delta);
		for (size_t e = 0; e < n->n_eds; e++)
			if (n->eds[e].e.id == edition)
				n->eds[e].e.n_unread = (size_t)((long long)n->eds[e].e.n_unread + delta);
	}
	struct kb_paper_row *pr = kb_window_paper(a, paper_key, false);
	if (pr)
		pr->n_unread = (size_t)((long long)pr->n_unread + delta);
}
