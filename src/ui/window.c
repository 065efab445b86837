/*
 * The list pane's window over the editions. A library may hold 100,000
 * editions; the list holds only a few screens of them around the cursor,
 * read a chunk at a time with kb_store_editions_page (a keyset on the index
 * of the reading order, so a chunk at the end costs what one at the start
 * does), and drops those far from the cursor. Which editions are unfolded
 * is kept by id, so an edition scrolled out of the window and back keeps
 * its fold. After every change to the window the visible rows are rebuilt
 * (kb_list_rebuild) and the cursor kept on its row. The count of editions
 * (for "3/100000" in the status line) is the store's; the position of the
 * window's first edition (ed_base) is kept up to date as chunks come and go.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

/* At most this many editions stay in the window. */
static size_t max_editions(const struct app *a)
{
	return 4 * kb_list_chunk(a);
}

static bool is_unfolded(const struct app *a, int64_t id)
{
	for (size_t i = 0; i < a->n_unfolded; i++)
		if (a->unfolded[i] == id)
			return true;
	return false;
}

/* Remember (or forget) that edition id is unfolded. */
static void remember(struct app *a, int64_t id, bool open)
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

/* Free one edition of the window (the row through the store's own
 * function, so it frees whatever fields the row gains). */
static void ed_clear(struct win_ed *w)
{
	kb_edition_row_clear(&w->e);
	kb_rows_finish(&w->arts);
	memset(w, 0, sizeof(*w));
}

/* Drop editions [from, from + n) of the window. */
static void drop(struct app *a, size_t from, size_t n)
{
	for (size_t i = from; i < from + n; i++)
		ed_clear(&a->eds[i]);
	if (n && a->n_eds > from + n) /* (never with an empty window: eds may be NULL) */
		memmove(a->eds + from, a->eds + from + n, (a->n_eds - from - n) * sizeof(*a->eds));
	a->n_eds -= n;
}

/* Empty the window (the unfolded ids stay). */
static void empty(struct app *a)
{
	drop(a, 0, a->n_eds);
	a->n_vis = 0;
	a->cur = a->top = 0;
}

void kb_window_finish(struct app *a)
{
	empty(a);
	free(a->eds);
	free(a->unfolded);
	a->eds = NULL;
	a->unfolded = NULL;
	a->cap_eds = a->n_unfolded = a->cap_unfolded = 0;
}

/* Read the articles of the window's edition e, once. */
static void load(struct app *a, size_t e)
{
	struct win_ed *w = &a->eds[e];
	if (w->loaded)
		return;
	w->loaded = true;
	kb_store_edition_articles(a->store, w->e.id, &w->arts);
}

/* Read up to chunk() editions after from (backward: before it; NULL: from
 * the library's end) into the window's end (its start). The rows are not
 * rebuilt. Returns the number read; sets at_last (at_first) when the
 * library has no more. */
static size_t fetch(struct app *a, const struct kb_edition_row *from, bool backward)
{
	size_t k = kb_list_chunk(a), n = 0;
	struct kb_edition_row *rows = NULL;
	if (!kb_store_editions_page(a->store, from, backward, k, &rows, &n)) {
		kb_message(a, true, "%s", kb_store_error(a->store));
		return 0;
	}
	if (n < k) {
		if (backward)
			a->at_first = true;
		else
			a->at_last = true;
	}
	void *v = a->eds;
	kb_xgrow(&v, &a->cap_eds, a->n_eds + n, sizeof(*a->eds));
	a->eds = v;
	struct win_ed *at = a->eds + a->n_eds;
	if (backward) {
		if (n && a->n_eds)
			memmove(a->eds + n, a->eds, a->n_eds * sizeof(*a->eds));
		at = a->eds;
	}
	for (size_t i = 0; i < n; i++) {
		/* a backward page comes nearest first */
		struct win_ed *w = &at[backward ? n - 1 - i : i];
		memset(w, 0, sizeof(*w));
		w->e = rows[i];
		w->open = is_unfolded(a, w->e.id);
	}
	free(rows); /* the strings now belong to the window */
	a->n_eds += n;
	if (backward)
		a->ed_base = a->at_first || a->ed_base < n ? 0 : a->ed_base - n;
	if (a->at_first && a->at_last) {
		a->ed_total = a->n_eds; /* the whole library is held: counted for free */
		a->ed_counted = true;
	} else if (a->at_last && a->ed_counted) {
		a->ed_total = a->ed_base + a->n_eds;
	}
	return n;
}

/* Count the editions, and the window's place among them. */
static void count(struct app *a)
{
	size_t total = 0, pos = 0;
	const struct kb_edition_row *first = a->n_eds && !a->at_first ? &a->eds[0].e : NULL;
	if (!kb_store_edition_count(a->store, first, &total, first ? &pos : NULL))
		return;
	a->ed_total = total;
	a->ed_counted = true;
	a->ed_base = pos;
}

bool kb_window_init(struct app *a)
{
	empty(a);
	a->at_first = true;
	a->at_last = false;
	a->ed_base = 0;
	a->ed_counted = false;
	if (!fetch(a, NULL, false) && !a->at_last)
		return false; /* the store failed */
	if (a->n_eds && !a->n_unfolded) { /* the first edition unfolded */
		remember(a, a->eds[0].e.id, true);
		a->eds[0].open = true;
	}
	/* the count (a scan of the editions' index: 10-25 ms at 100,000)
	 * comes after the first screen: kb_window_count */
	kb_list_rebuild(a);
	return true;
}

void kb_window_fold_all(struct app *a)
{
	size_t e = a->cur < a->n_vis ? a->vis[a->cur].edition : 0;
	a->n_unfolded = 0;
	for (size_t i = 0; i < a->n_eds; i++)
		a->eds[i].open = false;
	kb_list_rebuild(a);
	if (e < a->n_eds) {
		size_t on_screen = a->cur >= a->top ? a->cur - a->top : 0;
		a->cur = a->eds[e].row;
		a->top = a->cur > on_screen ? a->cur - on_screen : 0;
	}
	kb_window_ensure(a);
}

void kb_window_unfold_id(struct app *a, int64_t id)
{
	remember(a, id, true);
	for (size_t e = 0; e < a->n_eds; e++)
		if (a->eds[e].e.id == id)
			a->eds[e].open = true;
}

bool kb_window_count(struct app *a)
{
	if (a->ed_counted || a->results)
		return false;
	count(a);
	return a->ed_counted;
}

void kb_window_set_open(struct app *a, size_t e, bool open)
{
	if (e >= a->n_eds)
		return;
	a->eds[e].open = open;
	remember(a, a->eds[e].e.id, open);
	kb_list_rebuild(a);
}

size_t kb_window_grow(struct app *a, bool backward)
{
	if (backward ? a->at_first : a->at_last)
		return 0;
	const struct kb_edition_row *from =
		a->n_eds ? &a->eds[backward ? 0 : a->n_eds - 1].e : NULL;
	size_t before = a->n_vis;
	if (!fetch(a, from, backward))
		return 0;
	kb_list_rebuild(a);
	size_t added = a->n_vis - before;
	if (backward) { /* the rows held so far moved down */
		a->cur += added;
		a->top += added;
	}
	return added;
}

/* Drop the editions far from the cursor while the window holds more than
 * max_editions: those whose rows end a margin above the screen, or start
 * a margin below it. */
static void trim(struct app *a)
{
	size_t max = max_editions(a), m = kb_list_margin(a);
	size_t lo = a->top < a->cur ? a->top : a->cur;
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	size_t hi = a->cur > a->top + rows ? a->cur : a->top + rows;
	size_t d = 0;
	while (a->n_eds - d > max && d + 1 < a->n_eds && a->eds[d + 1].row + m <= lo)
		d++;
	if (d) {
		size_t gone = a->eds[d].row;
		drop(a, 0, d);
		a->ed_base += d;
		a->at_first = false;
		a->cur -= gone;
		a->top -= gone;
		kb_list_rebuild(a);
	}
	size_t k = 0;
	while (a->n_eds - k > max && k + 1 < a->n_eds && a->eds[a->n_eds - 1 - k].row > hi + m)
		k++;
	if (k) {
		drop(a, a->n_eds - k, k);
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
		empty(a);
		a->at_first = a->at_last = false;
		if (end) {
			/* the count stays; the window's place comes from it (fetch
			 * would take the old place for the new one) */
			size_t total = a->ed_total;
			bool counted = a->ed_counted;
			a->ed_counted = false;
			a->at_last = true;
			fetch(a, NULL, true);
			if (counted && total >= a->n_eds) {
				a->ed_total = total;
				a->ed_counted = true;
				a->ed_base = a->at_first ? 0 : total - a->n_eds;
			} else {
				count(a);
			}
		} else {
			a->at_first = true;
			a->ed_base = 0;
			fetch(a, NULL, false);
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
	if (a->results || a->cur >= a->n_vis || a->vis[a->cur].edition >= a->n_eds)
		return false;
	const struct win_ed *w = &a->eds[a->vis[a->cur].edition];
	p->key = kb_xstrdup(w->e.key ? w->e.key : "");
	p->id = w->e.id;
	p->in_ed = a->cur - w->row;
	p->on_screen = a->cur >= a->top ? a->cur - a->top : 0;
	p->set = true;
	return true;
}

void kb_window_goto(struct app *a, struct place *p, const char *id)
{
	bool was_empty = a->n_eds == 0;
	empty(a);
	a->at_first = a->at_last = false;
	a->ed_counted = false;
	size_t after = 0; /* editions read from the place on */
	if (!p || !p->set) {
		a->at_first = true;
		a->ed_base = 0;
		fetch(a, NULL, false);
	} else {
		/* a page after (key, id - 1) starts with the edition itself */
		struct kb_edition_row at = {.key = p->key, .id = p->id - 1};
		after = fetch(a, &at, false);
		at.id = p->id;
		fetch(a, after ? &a->eds[0].e : &at, true);
	}
	if (was_empty && a->at_first && a->n_eds && !a->n_unfolded) {
		/* the first editions came in (a first import): as at start */
		remember(a, a->eds[0].e.id, true);
		a->eds[0].open = true;
	}
	/* counted after the screen is shown (kb_window_count): a count of
	 * the editions before a place walks that many index entries */
	kb_list_rebuild(a);
	a->cur = 0;
	if (p && p->set && after) { /* the place's edition (or the next one) */
		size_t e = a->n_eds - after;
		size_t end = e + 1 < a->n_eds ? a->eds[e + 1].row : a->n_vis;
		a->cur = a->eds[e].row + p->in_ed < end ? a->eds[e].row + p->in_ed : end - 1;
	} else if (p && p->set) {
		a->cur = a->n_vis ? a->n_vis - 1 : 0;
	}
	for (size_t i = 0; id && i < a->n_vis; i++) {
		struct row_ref r = a->vis[i];
		if (r.article != SIZE_MAX && strcmp(a->eds[r.edition].arts.v[r.article].id, id) == 0) {
			a->cur = i;
			break;
		}
	}
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

/* The articles of an unfolded edition are read when the rows are built. */
void kb_window_load(struct app *a, size_t e)
{
	load(a, e);
}
