/* SPDX-License-Identifier: MIT */
/*
 * The middle pane: the article laid out for the pane's width (kicker,
 * title, subtitle, authors, date line, paragraphs with their first-line
 * indent, headings), highlights and the selection and find matches drawn in
 * their styles. The layout is made once per article and width; a key press
 * only moves the window over it, so its cost does not grow with the
 * article's length. The reading position is kept per article.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void push_line(struct app *a, struct dline d)
{
	void *v = a->lines;
	kb_xgrow(&v, &a->cap_lines, a->n_lines + 1, sizeof(struct dline));
	a->lines = v;
	a->lines[a->n_lines++] = d;
}

static void blank_line(struct app *a)
{
	push_line(a, (struct dline){KB_STYLE_NORMAL, -1, 0, 0, "", 0});
}

/* Lay out one string (header) or one block of the text. */
static void wrap(struct app *a, const char *src, size_t base, const char *text, size_t len,
		 int width, unsigned flags, enum kb_style st, int block)
{
	struct kb_lines ls = {0};
	kb_layout_wrap(text, len, width, flags, &ls);
	for (size_t i = 0; i < ls.n; i++)
		push_line(a, (struct dline){st, block, base + ls.v[i].start, base + ls.v[i].end, src,
					    ls.v[i].indent});
	kb_lines_finish(&ls);
}

/* The byline: one role for the names that share it (郑报全媒体记者 张昕 王莹
 * 通讯员 李明), two spaces between roles; its lines broken only between
 * names (a role stays with its first name), into buf, which the lines
 * point into. */
static void byline_lines(struct app *a, const struct kb_full *f, char *buf, size_t cap, int width)
{
	size_t unit[64], nu = 0, len = 0; /* where each unit (a name, with its role) starts */
	buf[0] = '\0';
	for (size_t i = 0; i < f->n_authors && nu < 63; i++) {
		const char *role = f->authors[i].role ? f->authors[i].role : "";
		const char *prev = i ? (f->authors[i - 1].role ? f->authors[i - 1].role : "") : NULL;
		bool same = prev && strcmp(prev, role) == 0;
		const char *sep = !i ? "" : same ? " " : "  ";
		int k = snprintf(buf + len, cap - len, "%s", sep);
		if (k < 0 || (size_t)k >= cap - len)
			break;
		len += (size_t)k;
		unit[nu++] = len;
		k = snprintf(buf + len, cap - len, "%s%s%s", same ? "" : role,
			     !same && role[0] ? " " : "", f->authors[i].name);
		if (k < 0 || (size_t)k >= cap - len) {
			buf[unit[--nu]] = '\0';
			break;
		}
		len += (size_t)k;
	}
	unit[nu] = len;
	if (!len)
		return;
	/* as many units on a line as fit; a unit wider than the line wrapped
	 * on its own */
	size_t u = 0;
	while (u < nu) {
		size_t v = u + 1;
		int cols;
		bool el;
		while (v < nu) {
			size_t end = unit[v + 1];
			while (end > unit[v] && buf[end - 1] == ' ')
				end--;
			kb_layout_truncate(buf + unit[u], end - unit[u], 1 << 20, &cols, &el);
			if (cols > width)
				break;
			v++;
		}
		size_t end = v < nu ? unit[v] : len;
		while (end > unit[u] && buf[end - 1] == ' ')
			end--;
		wrap(a, buf, unit[u], buf + unit[u], end - unit[u], width, 0, KB_STYLE_AUTHOR, -1);
		u = v;
	}
}

void kb_article_layout(struct app *a, int width)
{
	a->n_lines = 0;
	a->lines_width = width;
	if (!a->art || width < 1)
		return;
	struct kb_full *f = a->art;
	if (f->kicker)
		wrap(a, f->kicker, 0, f->kicker, strlen(f->kicker), width, 0, KB_STYLE_KICKER, -1);
	const char *title = f->title[0] ? f->title : _("(no headline)");
	wrap(a, title, 0, title, strlen(title), width, 0, KB_STYLE_TITLE, -1);
	if (f->subtitle)
		wrap(a, f->subtitle, 0, f->subtitle, strlen(f->subtitle), width, 0, KB_STYLE_SUBTITLE, -1);
	static char byline[2048], meta[1024];
	byline_lines(a, f, byline, sizeof(byline), width);
	snprintf(meta, sizeof(meta), "%s%s%s%s%s%s", f->paper ? f->paper : "",
		 f->paper ? " " : "", f->date ? f->date : "", f->page ? " 第" : "",
		 f->page ? f->page : "", f->page ? "版" : "");
	size_t mn = strlen(meta);
	snprintf(meta + mn, sizeof(meta) - mn, "%s%s", mn ? " · " : "", f->edition);
	wrap(a, meta, 0, meta, strlen(meta), width, 0, KB_STYLE_META, -1);
	for (size_t b = 0; b < f->n_blocks; b++) {
		blank_line(a);
		const char *t = f->blocks[b].text;
		bool head = f->blocks[b].type == KB_BLOCK_HEADING;
		wrap(a, NULL, a->block_off[b], t, strlen(t), width, head ? 0 : KB_WRAP_INDENT,
		     head ? KB_STYLE_HEADING : KB_STYLE_NORMAL, (int)b);
	}
	blank_line(a);
}

/* Remember where the reader was in the article that is closing. */
static void save_position(struct app *a)
{
	if (!a->art)
		return;
	for (size_t i = 0; i < a->n_pos; i++)
		if (strcmp(a->pos_id[i], a->art->id) == 0) {
			a->pos_top[i] = a->atop;
			return;
		}
	void *v = a->pos_id;
	size_t cap = a->cap_pos;
	kb_xgrow(&v, &cap, a->n_pos + 1, sizeof(char *));
	a->pos_id = v;
	v = a->pos_top;
	kb_xgrow(&v, &a->cap_pos, a->n_pos + 1, sizeof(size_t));
	a->pos_top = v;
	a->pos_id[a->n_pos] = strdup(a->art->id);
	a->pos_top[a->n_pos++] = a->atop;
}

void kb_article_close(struct app *a)
{
	save_position(a);
	kb_full_destroy(a->art);
	a->art = NULL;
	free(a->block_off);
	a->block_off = NULL;
	a->n_lines = 0;
	a->selecting = false;
	a->caret_set = a->dragging = false;
	free(a->find);
	a->find = NULL;
	free(a->find_hits);
	a->find_hits = NULL;
	a->n_find_hits = 0;
}

/* Every match of the find in the text, to mark them all. */
static void find_index(struct app *a)
{
	free(a->find_hits);
	a->find_hits = NULL;
	a->n_find_hits = 0;
	if (!a->find || !a->art || !*a->find)
		return;
	size_t cap = 0, fl = strlen(a->find);
	const char *t = a->art->text;
	for (const char *p = strstr(t, a->find); p; p = strstr(p + fl, a->find)) {
		void *v = a->find_hits;
		kb_xgrow(&v, &cap, a->n_find_hits + 1, sizeof(size_t));
		a->find_hits = v;
		a->find_hits[a->n_find_hits++] = (size_t)(p - t);
	}
}

static void index_blocks(struct app *a)
{
	free(a->block_off);
	a->block_off = calloc(a->art->n_blocks + 1, sizeof(size_t));
	size_t off = 0;
	for (size_t b = 0; b < a->art->n_blocks; b++) {
		a->block_off[b] = off;
		off += strlen(a->art->blocks[b].text) + 1;
	}
}

void kb_article_open(struct app *a, const char *id)
{
	if (a->art && strcmp(a->art->id, id) == 0)
		return;
	char *keep = strdup(id);
	kb_article_close(a);
	a->art = kb_store_get(a->store, keep);
	if (!a->art) {
		/* most likely another process re-imported the edition and the
		 * id changed: read the list again so its rows are current */
		char err[400];
		snprintf(err, sizeof(err), "%s", kb_store_error(a->store));
		kb_list_reload(a, NULL);
		kb_message(a, true, _("%s; the list is read again"), err);
		free(keep);
		return;
	}
	index_blocks(a);
	a->atop = 0;
	for (size_t i = 0; i < a->n_pos; i++)
		if (strcmp(a->pos_id[i], keep) == 0)
			a->atop = a->pos_top[i];
	a->lines_width = -1; /* laid out at the next paint */
	a->ncur = 0;
	kb_list_locate(a);
	/* read when seen to its end or after the dwell (kb_article_seen); a
	 * preview is not reading */
	a->read_pending = !a->previewing && !a->art->read;
	a->opened_ms = kb_now_ms();
	free(keep);
}

void kb_article_reload(struct app *a)
{
	if (!a->art)
		return;
	char *id = strdup(a->art->id);
	size_t top = a->atop;
	kb_full_destroy(a->art);
	a->art = kb_store_get(a->store, id);
	free(id);
	if (a->art)
		index_blocks(a);
	find_index(a); /* the text may have changed */
	a->lines_width = -1;
	a->atop = top;
}

/* The style of text byte off of the article. */
static enum kb_style style_at(struct app *a, size_t off, enum kb_style base)
{
	if (a->n_find_hits) {
		/* the last match starting at or before off */
		size_t lo = 0, hi = a->n_find_hits, fl = strlen(a->find);
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (a->find_hits[mid] <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo && off < a->find_hits[lo - 1] + fl) /* the current one stands out */
			return a->find_hits[lo - 1] == a->find_at ? KB_STYLE_SELECTION : KB_STYLE_MATCH;
	}
	if (a->caret_set && off == a->caret && a->focus == P_ARTICLE)
		return KB_STYLE_CURSOR; /* the caret */
	if (a->selecting) {
		size_t lo, hi;
		kb_selection_range(a, &lo, &hi);
		if (off >= lo && off < hi)
			return KB_STYLE_SELECTION;
	}
	for (size_t i = 0; i < a->art->n_highlights; i++)
		if (off >= a->art->highlights[i].start && off < a->art->highlights[i].end)
			return kb_highlight_style(a->art->highlights[i].color);
	return base;
}

static void draw(struct app *a, int x, int w)
{
	int rows = a->body_rows;
	if (!a->art) {
		for (int y = 0; y < rows; y++)
			kb_draw_fill(y, x, x + w, KB_STYLE_NORMAL);
		const char *hint = _("Enter: open an article   ?: help");
		if (rows > 1)
			kb_draw_text(rows / 2, x + 1, x + w, hint, strlen(hint), KB_STYLE_META);
		return;
	}
	int text_w = w > 2 ? w - 1 : w; /* a column of margin on the right */
	if (a->lines_width != text_w)
		kb_article_layout(a, text_w);
	if (a->n_lines && a->atop >= a->n_lines)
		a->atop = a->n_lines - 1;
	if (a->focus == P_ARTICLE)
		kb_caret_follow(a); /* in sight, where the reader looks */
	for (int y = 0; y < rows; y++) {
		size_t i = a->atop + (size_t)y;
		kb_draw_fill(y, x, x + w, KB_STYLE_NORMAL);
		if (i >= a->n_lines)
			continue;
		const struct dline *d = &a->lines[i];
		int cx = x + d->indent;
		if (d->block < 0) {
			kb_draw_text(y, cx, x + text_w, d->src + d->start, d->end - d->start, d->style);
			continue;
		}
		/* runs of one style: highlights, selection, find match */
		const char *t = a->art->text;
		size_t p = d->start;
		while (p < d->end) {
			enum kb_style st = style_at(a, p, d->style);
			size_t q = p + 1;
			while (q < d->end && (((unsigned char)t[q] & 0xC0) == 0x80 || style_at(a, q, d->style) == st))
				q++;
			cx = kb_draw_text(y, cx, x + text_w, t + p, q - p, st);
			p = q;
		}
	}
}

/* Line index showing text offset off (the first line of its block that
 * contains it). */
static size_t line_of(struct app *a, size_t off)
{
	for (size_t i = 0; i < a->n_lines; i++)
		if (a->lines[i].block >= 0 && off >= a->lines[i].start && off < a->lines[i].end + 1)
			return i;
	return a->atop;
}

/* Make offset off visible. */
static void show_offset(struct app *a, size_t off)
{
	size_t l = line_of(a, off);
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	if (l < a->atop || l >= a->atop + rows)
		a->atop = l > rows / 3 ? l - rows / 3 : 0;
}

/* Find the next (dir > 0) or previous match of a->find from the current
 * one, wrapping around. */
static void find_step(struct app *a, int dir)
{
	const char *t = a->art->text;
	size_t n = strlen(t), fl = strlen(a->find);
	if (!fl)
		return;
	size_t from = a->find_at == SIZE_MAX ? (a->atop < a->n_lines && a->lines[a->atop].block >= 0
						     ? a->lines[a->atop].start : 0)
					     : a->find_at + (dir > 0 ? 1 : 0);
	const char *hit = NULL;
	if (dir > 0) {
		hit = from <= n ? strstr(t + from, a->find) : NULL;
		if (!hit)
			hit = strstr(t, a->find);
	} else {
		const char *before = NULL, *lastp = NULL;
		size_t cur = a->find_at == SIZE_MAX ? from : a->find_at;
		for (const char *p = strstr(t, a->find); p; p = strstr(p + 1, a->find)) {
			if ((size_t)(p - t) < cur)
				before = p;
			lastp = p;
		}
		hit = before ? before : lastp;
	}
	if (!hit) {
		a->find_at = SIZE_MAX;
		kb_message(a, true, _("not found: %s"), a->find);
		return;
	}
	a->find_at = (size_t)(hit - t);
	a->caret = a->find_at; /* v then selects the match */
	a->caret_set = true;
	show_offset(a, a->find_at);
	size_t count = 0, idx = 0;
	for (const char *p = strstr(t, a->find); p; p = strstr(p + fl, a->find)) {
		count++;
		if (p <= hit)
			idx = count;
	}
	kb_message(a, false, _("match %zu of %zu: %s"), idx, count, a->find);
}

static int action(struct app *a, enum action act, int slot)
{
	(void)slot;
	if (!a->art)
		return -1;
	size_t rows = a->body_rows > 1 ? (size_t)a->body_rows : 1;
	size_t last = a->n_lines > rows ? a->n_lines - rows : 0;
	if (a->selecting && (act == ACT_MOVE_DOWN || act == ACT_MOVE_UP))
		return kb_caret_action(a, act) ? F_REDRAW : -1; /* j k: the selection's lines */
	switch (act) {
	case ACT_MOVE_DOWN:
		if (a->atop < last)
			a->atop++;
		return F_REDRAW;
	case ACT_MOVE_UP:
		if (a->atop > 0)
			a->atop--;
		return F_REDRAW;
	case ACT_PAGE_DOWN:
		a->atop = a->atop + rows - 1 < last ? a->atop + rows - 1 : last;
		return F_REDRAW;
	case ACT_PAGE_UP:
		a->atop = a->atop > rows - 1 ? a->atop - (rows - 1) : 0;
		return F_REDRAW;
	case ACT_TOP:
		a->atop = 0;
		return F_REDRAW;
	case ACT_BOTTOM:
		a->atop = last;
		return F_REDRAW;
	case ACT_SELECT:
		kb_select_start(a);
		return F_REDRAW;
	case ACT_FIND: {
		char *q = kb_prompt(a, _("find: "), a->find, NULL);
		if (q && *q) {
			free(a->find);
			a->find = q;
			a->find_at = SIZE_MAX;
			find_index(a);
			find_step(a, 1);
		} else {
			free(q);
			free(a->find);
			a->find = NULL;
			find_index(a);
		}
		return F_REDRAW;
	}
	case ACT_NOTE:
		if (!a->find)
			return -1;
		find_step(a, 1);
		return F_REDRAW;
	case ACT_NOTE_EDITOR:
		if (!a->find)
			return -1;
		find_step(a, -1);
		return F_REDRAW;
	case ACT_QUIT:
		if (a->find) {
			free(a->find);
			a->find = NULL;
			find_index(a);
			kb_message(a, false, "%s", _("find cleared"));
			return F_REDRAW;
		}
		return -1;
	default:
		return kb_caret_action(a, act) ? F_REDRAW : -1;
	}
}

/* A press puts the caret under the pointer; dragging selects (caret.c). */
static void click(struct app *a, int y, int x)
{
	kb_caret_press(a, y, x);
}

static void wheel(struct app *a, int lines)
{
	if (!a->art)
		return;
	if (lines > 0) {
		size_t rows = a->body_rows > 1 ? (size_t)a->body_rows : 1;
		size_t last = a->n_lines > rows ? a->n_lines - rows : 0;
		a->atop = a->atop + (size_t)lines < last ? a->atop + (size_t)lines : last;
	} else {
		a->atop = a->atop > (size_t)-lines ? a->atop - (size_t)-lines : 0;
	}
}

const struct pane_ops kb_article_pane = {N_("article"), draw, action, click, wheel};

int kb_article_dwell_ms(const struct app *a)
{
	int after = a->cfg ? a->cfg->read_after : 0;
	if (!a->read_pending || !a->art || a->art->read || after <= 0)
		return -1;
	double left = a->opened_ms + after * 1000.0 - kb_now_ms();
	return left > 0 ? (int)left + 1 : 0;
}

bool kb_article_seen(struct app *a)
{
	if (!a->read_pending || !a->art)
		return false;
	if (a->art->read) {
		a->read_pending = false;
		return false;
	}
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	bool end_shown = a->lines_width > 0 && a->pw[P_ARTICLE] > 0 && a->atop + rows >= a->n_lines;
	if (!end_shown && kb_article_dwell_ms(a) != 0)
		return false;
	a->read_pending = false;
	char *id = kb_xstrdup(a->art->id);
	kb_do_read(a, id, true, false);
	free(id);
	return true;
}

void kb_article_find_words(struct app *a, const char *words)
{
	if (!a->art || !words || !*words)
		return;
	free(a->find);
	a->find = kb_xstrndup(words, strcspn(words, " "));
	a->find_at = SIZE_MAX;
	find_index(a);
	if (a->n_find_hits) {
		/* the first hit in sight (a headline's hit is there at once) */
		a->atop = 0;
		find_step(a, 1);
	}
}
