/* SPDX-License-Identifier: MIT */
/*
 * Search results and tag filters in the list pane. A search of one common
 * character can hit most of a 700,000-article library, so the list holds a
 * window of a few screens of results around the cursor, as the editions'
 * window does: the first screen reads only its rows (newest first: the
 * store stops at the limit), and more are read as the cursor nears an
 * edge. G reads the last results directly (the search in the other order,
 * oldest first), and the window then counts from the end until the start
 * is reached. The store's listings have no "after this row" yet, so a
 * chunk further on is read by running the query again and skipping the
 * rows before it: a chunk costs what the rows before it do, which is
 * bounded by how far the reader scrolled.
 */
#include "ui.h"

#include <stdlib.h>
#include <string.h>

/* A copy of row r (its snippet: the line under a search's result). */
static struct kb_row copy_row(const struct kb_row *r)
{
	struct kb_row c;
	memset(&c, 0, sizeof(c));
	c.id = kb_xstrdup(r->id);
	c.edition = r->edition ? kb_xstrdup(r->edition) : NULL;
	c.date = r->date ? kb_xstrdup(r->date) : NULL;
	c.page = r->page ? kb_xstrdup(r->page) : NULL;
	c.title = r->title ? kb_xstrdup(r->title) : NULL;
	c.lead = r->lead ? kb_xstrdup(r->lead) : NULL;
	c.tags = kb_xcalloc(r->n_tags + 1, sizeof(char *));
	c.n_tags = r->n_tags;
	for (size_t i = 0; i < r->n_tags; i++)
		c.tags[i] = kb_xstrdup(r->tags[i]);
	c.read = r->read;
	c.rank = r->rank;
	c.snippet = r->snippet ? kb_xstrdup(r->snippet) : NULL;
	return c;
}

/* kb_row_fn: rows [skip, skip + k) of a listing kept, the rest passed. */
struct take {
	struct kb_rows *out;
	size_t cap, seen, skip, k;
};

static bool take_row(void *ctx, const struct kb_row *r)
{
	struct take *t = ctx;
	if (t->seen++ < t->skip)
		return true;
	void *v = t->out->v;
	kb_xgrow(&v, &t->cap, t->out->n + 1, sizeof(struct kb_row));
	t->out->v = v;
	t->out->v[t->out->n++] = copy_row(r);
	return t->out->n < t->k;
}

/* kb_row_fn: count the rows. */
static bool count_row(void *ctx, const struct kb_row *r)
{
	(void)r;
	(*(size_t *)ctx)++;
	return true;
}

/* Run the query (parsed once, when the results were opened): a search
 * when it has words, else a listing, with the limit. */
static bool run(struct kb_store *s, const struct kb_query *q, bool from_end, size_t limit,
		kb_row_fn fn, void *ctx)
{
	struct kb_filter f = q->filter;
	f.limit = limit;
	f.sort = from_end ? KB_SORT_OLDEST : KB_SORT_NEWEST;
	f.bare = !q->words; /* a search's result shows its snippet */
	return q->words ? kb_store_search_each(s, q->words, &f, fn, ctx)
			: kb_store_list_each(s, &f, fn, ctx);
}

static void reverse(struct kb_rows *r)
{
	for (size_t i = 0; i < r->n / 2; i++) {
		struct kb_row x = r->v[i];
		r->v[i] = r->v[r->n - 1 - i];
		r->v[r->n - 1 - i] = x;
	}
}

/* Results [skip, skip + k) of the listing, in its order or (from_end) in
 * the reverse order, the last result first, into out (empty before). A
 * listing has only one order: its reverse is read by counting first. */
static bool fetch(struct kb_store *s, const struct kb_query *q, bool from_end,
		  size_t skip, size_t k, struct kb_rows *out)
{
	struct take t = {.out = out, .skip = skip, .k = k};
	out->v = NULL;
	out->n = 0;
	if (!k)
		return true;
	if (!from_end || q->words)
		return run(s, q, from_end, skip + k, take_row, &t);
	size_t total = 0;
	if (!run(s, q, false, 0, count_row, &total))
		return false;
	if (skip >= total)
		return true;
	t.skip = total - skip > k ? total - skip - k : 0;
	t.k = total - skip - t.skip;
	if (!run(s, q, false, t.skip + t.k, take_row, &t))
		return false;
	reverse(out); /* the last first */
	return true;
}

/* Once the count is known, the window counts from the start again. */
static void normalize(struct app *a)
{
	if (a->res_from_end && a->res_known) {
		a->res_off = a->res_total - a->res_off - a->res.n;
		a->res_from_end = false;
	}
	if (!a->res_from_end && a->res_first && a->res_last) {
		a->res_total = a->res.n;
		a->res_known = true;
	}
}

bool kb_results_open(struct app *a, const char *query, const char *tag)
{
	/* parsed once: every read of the window runs the same query */
	struct kb_query *q = kb_xmalloc(sizeof(*q));
	char err[300];
	if (!kb_query_parse(query ? query : tag ? tag : "", q, err, sizeof(err))) {
		/* a mistyped term: said, and what was shown stays */
		kb_query_finish(q);
		free(q);
		kb_message(a, true, "%s", err);
		return false;
	}
	struct kb_rows rows;
	size_t k = kb_list_chunk(a);
	if (!fetch(a->store, q, false, 0, k, &rows)) {
		kb_query_finish(q);
		free(q);
		kb_message(a, true, "%s", kb_store_error(a->store));
		return false;
	}
	kb_results_close(a);
	a->results = true;
	a->res_q = q;
	a->res = rows;
	a->res_off = 0;
	a->res_from_end = false;
	a->res_first = true;
	a->res_last = rows.n < k;
	a->res_query = query ? kb_xstrdup(query) : NULL;
	a->res_tag = tag ? kb_xstrdup(tag) : NULL;
	normalize(a);
	kb_list_rebuild(a);
	return true;
}

void kb_results_close(struct app *a)
{
	kb_rows_finish(&a->res);
	memset(&a->res, 0, sizeof(a->res));
	free(a->res_query);
	free(a->res_tag);
	free(a->res_name);
	a->res_query = a->res_tag = a->res_name = NULL;
	kb_query_finish(a->res_q);
	free(a->res_q);
	a->res_q = NULL;
	a->results = false;
	a->res_off = a->res_total = 0;
	a->res_known = a->res_from_end = a->res_first = a->res_last = false;
	a->res_count_tried = false;
}

size_t kb_results_grow(struct app *a, bool backward)
{
	if (!a->results || (backward ? a->res_first : a->res_last))
		return 0;
	size_t k = kb_list_chunk(a), n = a->res.n, off = a->res_off, skip, want;
	bool from_end = a->res_from_end;
	/* counted from the start, rows before the window are [off - k, off)
	 * and after it [off + n, ...); counted from the end, the same in the
	 * reverse order */
	if (backward != from_end) {
		want = off < k ? off : k;
		skip = off - want;
	} else {
		want = k;
		skip = off + n;
	}
	struct kb_rows got;
	if (!fetch(a->store, a->res_q, from_end, skip, want, &got)) {
		kb_message(a, true, "%s", kb_store_error(a->store));
		return 0;
	}
	if (from_end) /* read the last first: in the listing's order */
		reverse(&got);
	if (backward != from_end) {
		a->res_off -= got.n;
		if (a->res_off == 0 || got.n < want) {
			a->res_off = 0;
			if (backward)
				a->res_first = true;
			else
				a->res_last = true;
		}
	} else if (got.n < want) {
		if (backward)
			a->res_first = true;
		else
			a->res_last = true;
		a->res_total = off + n + got.n;
		a->res_known = true;
	}
	void *v = a->res.v;
	size_t cap = n;
	kb_xgrow(&v, &cap, n + got.n, sizeof(struct kb_row));
	a->res.v = v;
	if (backward) {
		if (n && got.n)
			memmove(a->res.v + got.n, a->res.v, n * sizeof(struct kb_row));
		if (got.n)
			memcpy(a->res.v, got.v, got.n * sizeof(struct kb_row));
		a->cur += got.n * kb_results_per_row(a);
		a->top += got.n * kb_results_per_row(a);
	} else if (got.n) {
		memcpy(a->res.v + n, got.v, got.n * sizeof(struct kb_row));
	}
	a->res.n = n + got.n;
	free(got.v); /* the rows now belong to the window */
	normalize(a);
	kb_list_rebuild(a);
	return got.n;
}

/* Free rows [from, from + n) of the window (each through the store's
 * own kb_rows_finish, as a one-row set). */
static void drop(struct app *a, size_t from, size_t n)
{
	for (size_t i = from; i < from + n; i++) {
		kb_row_clear(&a->res.v[i]);
	}
	if (n && a->res.n > from + n)
		memmove(a->res.v + from, a->res.v + from + n,
			(a->res.n - from - n) * sizeof(struct kb_row));
	a->res.n -= n;
}

/* Drop the rows far from the cursor while more than four chunks are held. */
static void trim(struct app *a)
{
	size_t max = 4 * kb_list_chunk(a), m = kb_list_margin(a), n = a->res.n;
	if (n <= max)
		return;
	/* in results, not rows (a search's result has two) */
	size_t per = kb_results_per_row(a);
	size_t lo = (a->top < a->cur ? a->top : a->cur) / per;
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	size_t hi = (a->cur > a->top + rows ? a->cur : a->top + rows) / per;
	m /= per;
	size_t d = lo > m ? lo - m : 0;
	if (d > n - max)
		d = n - max;
	if (d) {
		drop(a, 0, d);
		if (!a->res_from_end)
			a->res_off += d;
		a->res_first = false;
		a->cur -= d * per;
		a->top -= d * per;
	}
	n = a->res.n;
	size_t k = n > hi + m + 1 ? n - (hi + m + 1) : 0;
	if (n > max && k > n - max)
		k = n - max;
	if (n > max && k) {
		drop(a, n - k, k);
		if (a->res_from_end)
			a->res_off += k;
		a->res_last = false;
	}
	if (d || k)
		kb_list_rebuild(a);
}

void kb_results_ensure(struct app *a)
{
	size_t m = kb_list_margin(a);
	while (a->cur + m >= a->n_vis && kb_results_grow(a, false))
		;
	while (a->cur < m && kb_results_grow(a, true))
		;
	trim(a);
}

void kb_results_jump(struct app *a, bool end)
{
	if (end ? !a->res_last : !a->res_first) {
		size_t k = kb_list_chunk(a);
		struct kb_rows got;
		if (!fetch(a->store, a->res_q, end, 0, k, &got)) {
			kb_message(a, true, "%s", kb_store_error(a->store));
			return;
		}
		kb_rows_finish(&a->res);
		if (end)
			reverse(&got);
		a->res = got;
		a->res_off = 0;
		a->res_from_end = end;
		a->res_first = !end || got.n < k;
		a->res_last = end || got.n < k;
		if (got.n < k) {
			a->res_total = got.n;
			a->res_known = true;
		}
		normalize(a);
		kb_list_rebuild(a);
	}
	a->top = 0;
	a->cur = end && a->n_vis ? a->n_vis - kb_results_per_row(a) : 0;
	kb_results_ensure(a);
}

void kb_results_reload(struct app *a)
{
	if (!a->results)
		return;
	size_t n = a->res.n > kb_list_chunk(a) ? a->res.n : kb_list_chunk(a);
	struct kb_rows got;
	if (!fetch(a->store, a->res_q, a->res_from_end, a->res_off, n, &got)) {
		kb_message(a, true, "%s", kb_store_error(a->store));
		return;
	}
	if (a->res_from_end)
		reverse(&got);
	kb_rows_finish(&a->res);
	a->res = got;
	a->res_known = false; /* the count may have changed */
	a->res_count_tried = false;
	if (a->res_from_end)
		a->res_first = got.n < n;
	else
		a->res_last = got.n < n;
	if (a->res_from_end && a->res_first) { /* all from the end: count known */
		a->res_total = a->res_off + a->res.n;
		a->res_known = true;
	} else if (!a->res_from_end && a->res_last) {
		a->res_total = a->res_off + a->res.n;
		a->res_known = true;
	}
	normalize(a);
	kb_list_rebuild(a);
	kb_results_ensure(a);
}

void kb_results_label(const struct app *a, char *head, size_t hn, char *tail, size_t tn)
{
	if (a->res_known)
		snprintf(tail, tn, " (%zu)", a->res_total);
	else
		snprintf(tail, tn, " (%zu+)", a->res_from_end ? a->res.n : a->res_off + a->res.n);
	if (a->res_name)
		snprintf(head, hn, "» %s", a->res_name);
	else
		snprintf(head, hn, a->res_query ? _("search: %s") : _("filter: %s"),
			 a->res_query ? a->res_query : a->res_tag ? a->res_tag : "");
}

/* kb_row_fn: keep each row's id. */
struct ids {
	char **v;
	size_t n, cap;
};

static bool keep_id(void *ctx, const struct kb_row *r)
{
	struct ids *ids = ctx;
	void *v = ids->v;
	kb_xgrow(&v, &ids->cap, ids->n + 1, sizeof(char *));
	ids->v = v;
	ids->v[ids->n++] = kb_xstrdup(r->id);
	return true;
}

bool kb_results_ids(struct app *a, char ***out, size_t *n)
{
	struct ids ids = {0};
	*out = NULL;
	*n = 0;
	if (!a->results)
		return true;
	if (!run(a->store, a->res_q, false, 0, keep_id, &ids)) {
		for (size_t i = 0; i < ids.n; i++)
			free(ids.v[i]);
		free(ids.v);
		kb_message(a, true, "%s", kb_store_error(a->store));
		return false;
	}
	if (!a->res_known || a->res_total != ids.n) { /* counted on the way */
		a->res_total = ids.n;
		a->res_known = true;
		normalize(a);
	}
	*out = ids.v;
	*n = ids.n;
	return true;
}

bool kb_results_count(struct app *a)
{
	if (!a->results || a->res_known || a->res_count_tried)
		return false;
	a->res_count_tried = true;
	size_t n = 0;
	const struct kb_query *q = a->res_q;
	bool ok = q->words ? kb_store_search_count(a->store, q->words, &q->filter, true, &n)
			   : kb_store_list_count(a->store, &q->filter, &n);
	if (!ok || n == SIZE_MAX)
		return false;
	a->res_total = n;
	a->res_known = true;
	normalize(a);
	return true;
}
