/* SPDX-License-Identifier: MIT */
/*
 * The right pane: what the reader added to the article: its tags (one row
 * each), its note, its highlights with their notes. The row under the
 * cursor is what `d` deletes; Enter on a highlight shows it in the text
 * with the caret on it, Enter again (or e) edits its note.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rows: tags, then the note (if any), then highlights. */
size_t kb_notes_count(struct app *a)
{
	if (!a->art)
		return 0;
	return a->art->n_tags + (a->art->note ? 1 : 0) + a->art->n_highlights;
}

/* Draw a text wrapped into the pane from row *y; returns false when the
 * pane is full. */
static bool put_wrapped(struct app *a, int *y, int x, int w, const char *text, enum kb_style st,
			int indent, int row)
{
	struct kb_lines ls = {0};
	int width = w - indent > 0 ? w - indent : 1;
	/* wrap only what the rows left can show (a row holds at most width
	 * characters of four bytes, and a line end): a note of megabytes
	 * must not be wrapped whole at every key press */
	size_t n = strlen(text);
	size_t rows_left = *y < a->body_rows ? (size_t)(a->body_rows - *y) : 0;
	size_t most = rows_left * ((size_t)width * 4 + 1);
	if (n > most) {
		n = most;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
	}
	kb_layout_wrap(text, n, width, 0, &ls);
	for (size_t i = 0; i < ls.n; i++) {
		if (*y >= a->body_rows) {
			kb_lines_finish(&ls);
			return false;
		}
		kb_draw_fill(*y, x, x + w, st);
		kb_draw_text(*y, x + indent + ls.v[i].indent, x + w, text + ls.v[i].start,
			     ls.v[i].end - ls.v[i].start, st);
		if (*y < 512)
			a->notes_row_at[*y] = row;
		(*y)++;
	}
	kb_lines_finish(&ls);
	return true;
}

static void heading(struct app *a, int *y, int x, int w, const char *label)
{
	if (*y >= a->body_rows)
		return;
	kb_draw_fill(*y, x, x + w, KB_STYLE_META);
	kb_draw_text(*y, x, x + w, label, strlen(label), KB_STYLE_META);
	(*y)++;
}

static void draw(struct app *a, int x, int w)
{
	int y = 0;
	for (int r = 0; r < a->body_rows; r++) {
		kb_draw_fill(r, x, x + w, KB_STYLE_NORMAL);
		if (r < 512)
			a->notes_row_at[r] = -1;
	}
	if (!a->art)
		return;
	struct kb_full *f = a->art;
	size_t n = kb_notes_count(a);
	if (a->ncur >= n)
		a->ncur = n ? n - 1 : 0;
	bool focus = a->focus == P_NOTES;
	size_t row = 0;
	char label[64];
	snprintf(label, sizeof(label), _("Tags (%zu)"), f->n_tags);
	heading(a, &y, x, w, label);
	for (size_t i = 0; i < f->n_tags; i++, row++) {
		enum kb_style st = focus && row == a->ncur ? KB_STYLE_CURSOR : KB_STYLE_TAG;
		char t[512];
		snprintf(t, sizeof(t), "# %s", f->tags[i]);
		if (!put_wrapped(a, &y, x, w, t, st, 1, (int)row))
			return;
	}
	if (y < a->body_rows)
		y++;
	heading(a, &y, x, w, _("Note"));
	if (f->note) {
		enum kb_style st = focus && row == a->ncur ? KB_STYLE_CURSOR : KB_STYLE_NOTE;
		if (!put_wrapped(a, &y, x, w, f->note, st, 1, (int)row))
			return;
		row++;
	}
	if (y < a->body_rows)
		y++;
	snprintf(label, sizeof(label), _("Highlights (%zu)"), f->n_highlights);
	heading(a, &y, x, w, label);
	for (size_t i = 0; i < f->n_highlights; i++, row++) {
		bool cur = focus && row == a->ncur;
		char *q = malloc(strlen(f->highlights[i].quote) + 8);
		sprintf(q, "「%s」", f->highlights[i].quote);
		if (!put_wrapped(a, &y, x, w, q, cur ? KB_STYLE_CURSOR : kb_highlight_style(f->highlights[i].color),
				 1, (int)row)) {
			free(q);
			return;
		}
		free(q);
		if (f->highlights[i].note &&
		    !put_wrapped(a, &y, x, w, f->highlights[i].note, cur ? KB_STYLE_CURSOR : KB_STYLE_NOTE, 3,
				 (int)row))
			return;
	}
	if (a->art->read && y < a->body_rows) {
		const char *read = _("read");
		kb_draw_text(a->body_rows - 1, x + 1, x + w, read, strlen(read), KB_STYLE_META);
	}
}

static int action(struct app *a, enum action act, int slot)
{
	(void)slot;
	size_t n = kb_notes_count(a);
	struct kb_full *f = a->art;
	switch (act) {
	case ACT_MOVE_DOWN:
		if (a->ncur + 1 < n)
			a->ncur++;
		return F_REDRAW;
	case ACT_MOVE_UP:
		if (a->ncur > 0)
			a->ncur--;
		return F_REDRAW;
	case ACT_TOP:
		a->ncur = 0;
		return F_REDRAW;
	case ACT_BOTTOM:
		a->ncur = n ? n - 1 : 0;
		return F_REDRAW;
	case ACT_DELETE: {
		if (!f || n == 0)
			return F_REDRAW;
		size_t r = a->ncur;
		if (r < f->n_tags) {
			char *tag = strdup(f->tags[r]);
			kb_do_tag(a, f->id, tag, false, true);
			free(tag);
		} else if (f->note && r == f->n_tags) {
			kb_do_note(a, f->id, NULL, true);
		} else {
			size_t h = r - f->n_tags - (f->note ? 1 : 0);
			if (h < f->n_highlights)
				kb_do_delete_highlight(a, f->highlights[h].id);
		}
		return F_REDRAW;
	}
	case ACT_HL_COLOR: {
		/* on a highlight: its colour, the next of the set */
		size_t h0 = f ? f->n_tags + (f->note ? 1 : 0) : 0;
		if (!f || a->ncur < h0 || a->ncur - h0 >= f->n_highlights) {
			kb_message(a, false, "%s", _("c: on a highlight, its colour"));
			return F_REDRAW;
		}
		kb_do_highlight_color(a, f->highlights[a->ncur - h0].id);
		return F_REDRAW;
	}
	case ACT_OPEN:
	case ACT_EXPORT: {
		/* on a highlight: Enter shows it in the text, the caret on it;
		 * Enter again (or e) edits its note */
		size_t h0 = f ? f->n_tags + (f->note ? 1 : 0) : 0;
		if (!f || a->ncur < h0 || a->ncur - h0 >= f->n_highlights)
			return act == ACT_OPEN ? F_REDRAW : -1;
		const struct kb_highlight *h = &f->highlights[a->ncur - h0];
		if (act == ACT_OPEN && !(a->caret_set && a->caret == h->start)) {
			a->caret = h->start;
			a->caret_set = true;
			size_t l = kb_caret_line(a, h->start);
			a->atop = l > 2 ? l - 2 : 0;
			kb_message(a, false, "%s", _("the highlight in the text · Enter or e: edit its note"));
			return F_REDRAW;
		}
		int64_t hid = h->id;
		a->in_prompt = true;
		char *text = kb_edit_box(a, _("the highlight's note"), h->note);
		a->in_prompt = false;
		if (text && strcmp(text, h->note ? h->note : "") != 0)
			kb_do_highlight_note(a, hid, text);
		free(text);
		return F_REDRAW;
	}
	default:
		return -1;
	}
}

/* A click selects the annotation drawn on that row. */
static void click(struct app *a, int y, int x)
{
	(void)x;
	if (y >= 0 && y < 512 && a->notes_row_at[y] >= 0)
		a->ncur = (size_t)a->notes_row_at[y];
}

static void wheel(struct app *a, int lines)
{
	size_t n = kb_notes_count(a);
	if (lines > 0)
		a->ncur = a->ncur + (size_t)lines < n ? a->ncur + (size_t)lines : (n ? n - 1 : 0);
	else
		a->ncur = a->ncur > (size_t)-lines ? a->ncur - (size_t)-lines : 0;
}

const struct pane_ops kb_notes_pane = {N_("notes"), draw, action, click, wheel};
