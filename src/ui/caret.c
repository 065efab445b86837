/* SPDX-License-Identifier: MIT */
/*
 * The caret in the article and the selection made from it. The caret is a
 * byte offset into the article's text (the start of a character), shown
 * when the article has the focus; it starts where the reader is looking
 * (the first text line on the screen) and stays in sight as the text
 * scrolls. It moves by character (←/→, l), word (w/b), sentence ( ) ( ),
 * paragraph ( } { ) and line (↓/↑; j/k while selecting). v starts a
 * selection at the caret (after a find, the match), which then moves the
 * selection's end (a sentence's step then goes through its final mark:
 * v ) selects a sentence); o swaps its ends; the selection holds both
 * ends' characters. The mouse sets the caret with a click and selects by
 * dragging.
 */
#include "ui.h"

#include <string.h>

size_t kb_text_step(const char *t, size_t off, int dir)
{
	size_t n = strlen(t);
	if (dir > 0) {
		if (off >= n)
			return n;
		off++;
		while (off < n && ((unsigned char)t[off] & 0xC0) == 0x80)
			off++;
	} else if (off > 0) {
		off--;
		while (off > 0 && ((unsigned char)t[off] & 0xC0) == 0x80)
			off--;
	}
	return off;
}

/* Is the character at off sentence-final punctuation (。！？!?；) or a
 * paragraph's end? */
static bool final_at(const char *t, size_t off)
{
	static const char *const marks[] = {"。", "！", "？", "；", "!", "?", "\n", NULL};
	for (size_t i = 0; marks[i]; i++)
		if (strncmp(t + off, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

/* Is the character at off a word boundary for Chinese-aware word steps:
 * punctuation, space, or a change between Han and Latin? */
static bool word_break_at(const char *t, size_t off)
{
	unsigned char c = (unsigned char)t[off];
	if (!c || c == ' ' || c == '\n' ||
	    (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'z'))))
		return true;
	/* full-width punctuation: U+3000..U+303F, U+FF00..U+FF0F */
	if (c == 0xE3 && (unsigned char)t[off + 1] == 0x80)
		return true;
	if (c == 0xEF && (unsigned char)t[off + 1] == 0xBC && (unsigned char)t[off + 2] <= 0x8F)
		return true;
	return false;
}

/* The last character of text t (the caret never rests after it). */
static size_t last_char(const char *t)
{
	size_t n = strlen(t);
	return n ? kb_text_step(t, n, -1) : 0;
}

/* Where a motion from off goes. */
static size_t word(const char *t, size_t off, int dir)
{
	size_t n = strlen(t);
	if (dir > 0) { /* the start of the next word or phrase */
		while (off < n && !word_break_at(t, off))
			off = kb_text_step(t, off, 1);
		while (off < n && word_break_at(t, off))
			off = kb_text_step(t, off, 1);
	} else {
		off = kb_text_step(t, off, -1);
		while (off > 0 && word_break_at(t, off))
			off = kb_text_step(t, off, -1);
		while (off > 0 && !word_break_at(t, kb_text_step(t, off, -1)))
			off = kb_text_step(t, off, -1);
	}
	return off;
}

static size_t sentence(const char *t, size_t off, int dir)
{
	size_t n = strlen(t);
	if (dir > 0) { /* the start of the next sentence */
		while (off < n && !final_at(t, off))
			off = kb_text_step(t, off, 1);
		while (off < n && (final_at(t, off) || t[off] == ' '))
			off = kb_text_step(t, off, 1);
	} else { /* the start of this sentence, or of the one before */
		size_t p = kb_text_step(t, off, -1);
		while (p > 0 && final_at(t, kb_text_step(t, p, -1)) && p + 1 >= off)
			p = kb_text_step(t, p, -1);
		while (p > 0 && !final_at(t, kb_text_step(t, p, -1)))
			p = kb_text_step(t, p, -1);
		off = p;
	}
	return off;
}

static size_t paragraph(const char *t, size_t off, int dir)
{
	size_t n = strlen(t);
	if (dir > 0) {
		const char *nl = strchr(t + off, '\n');
		return nl ? (size_t)(nl - t) + 1 : n;
	}
	if (off > 0 && t[off - 1] == '\n') /* at a paragraph's start: the one before */
		off--;
	while (off > 0 && t[off - 1] != '\n')
		off--;
	return off;
}

/* The display line (of the text, not a header) holding off. */
static size_t line_at(const struct app *a, size_t off)
{
	for (size_t i = 0; i < a->n_lines; i++)
		if (a->lines[i].block >= 0 && off >= a->lines[i].start && off <= a->lines[i].end &&
		    (off < a->lines[i].end || i + 1 >= a->n_lines || a->lines[i + 1].block < 0 ||
		     a->lines[i + 1].start > off))
			return i;
	return SIZE_MAX;
}

/* The column of off on display line i, and the offset at column col of
 * line j (its last character when the line is shorter). */
static int column_of(const struct app *a, size_t i, size_t off)
{
	const struct dline *d = &a->lines[i];
	return d->indent + kb_str_width(a->art->text + d->start, off - d->start);
}

static size_t offset_in(const struct app *a, size_t j, int col)
{
	const struct dline *d = &a->lines[j];
	const char *t = a->art->text;
	int c = d->indent;
	size_t p = d->start;
	while (p < d->end) {
		size_t q = kb_text_step(t, p, 1);
		int w = kb_str_width(t + p, q - p);
		if (c + w > col || q >= d->end)
			break;
		c += w;
		p = q;
	}
	return p;
}

/* The caret a line down (dir > 0) or up, at the same column. */
static size_t line_move(const struct app *a, size_t off, int dir)
{
	size_t i = line_at(a, off);
	if (i == SIZE_MAX)
		return off;
	int col = column_of(a, i, off);
	size_t j = i;
	do
		j += dir > 0 ? 1 : (size_t)-1;
	while (j < a->n_lines && a->lines[j].block < 0);
	if (j >= a->n_lines)
		return off;
	return offset_in(a, j, col);
}

size_t kb_caret_line(const struct app *a, size_t off)
{
	size_t i = line_at(a, off);
	return i == SIZE_MAX ? a->atop : i;
}

void kb_caret_show(struct app *a)
{
	size_t l = kb_caret_line(a, a->caret);
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	if (l < a->atop)
		a->atop = l;
	else if (l >= a->atop + rows)
		a->atop = l - rows + 1;
}

void kb_caret_follow(struct app *a)
{
	if (!a->art || !a->n_lines)
		return;
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
	size_t l = a->caret_set ? line_at(a, a->caret) : SIZE_MAX;
	if (l != SIZE_MAX && l >= a->atop && l < a->atop + rows)
		return;
	/* out of sight (or not yet placed): on the nearest text line shown */
	bool below = l != SIZE_MAX && l >= a->atop + rows;
	size_t from = below ? a->atop + rows - 1 : a->atop;
	for (size_t k = 0; k < rows && from < a->n_lines; k++) {
		size_t i = below ? from - k : from + k;
		if (i < a->n_lines && a->lines[i].block >= 0) {
			a->caret = a->lines[i].start;
			a->caret_set = true;
			return;
		}
		if (below && i == 0)
			break;
	}
	if (!a->caret_set) { /* only headers in sight: the text's start */
		a->caret = 0;
		a->caret_set = true;
	}
}

void kb_selection_range(const struct app *a, size_t *lo, size_t *hi)
{
	size_t x = a->sel_a < a->sel_b ? a->sel_a : a->sel_b;
	size_t y = a->sel_a < a->sel_b ? a->sel_b : a->sel_a;
	*lo = x;
	*hi = kb_text_step(a->art->text, y, 1);
}

/* Say what is selected and how to go on. */
static void say_selection(struct app *a)
{
	size_t lo, hi, chars = 0;
	kb_selection_range(a, &lo, &hi);
	for (size_t i = lo; i < hi; i++)
		chars += ((unsigned char)a->art->text[i] & 0xC0) != 0x80;
	kb_message(a, false,
		   ngettext("selecting %zu character, %s: ←→ w b ) ( } { j k move, o other end, "
			    "c colour, h highlight, Esc cancel",
			    "selecting %zu characters, %s: ←→ w b ) ( } { j k move, o other end, "
			    "c colour, h highlight, Esc cancel",
			    chars),
		   chars, kb_highlight_color_name(kb_highlight_colors[a->sel_color]));
}

void kb_select_start(struct app *a)
{
	kb_caret_follow(a);
	a->selecting = true;
	a->sel_a = a->sel_b = a->caret;
	/* after a find, its match whole */
	size_t fl = a->find ? strlen(a->find) : 0;
	if (fl && a->find_at == a->caret && a->find_at + fl <= strlen(a->art->text)) {
		a->sel_b = kb_text_step(a->art->text, a->find_at + fl, -1);
		a->caret = a->sel_b;
	}
	say_selection(a);
}

bool kb_caret_action(struct app *a, enum action act)
{
	if (!a->art)
		return false;
	const char *t = a->art->text;
	kb_caret_follow(a);
	size_t c = a->caret;
	switch (act) {
	case ACT_UNFOLD: /* → l */
		c = kb_text_step(t, c, 1);
		break;
	case ACT_FOLD: /* ← */
		c = kb_text_step(t, c, -1);
		break;
	case ACT_WORD_NEXT:
	case ACT_WORD_PREV:
		c = word(t, c, act == ACT_WORD_NEXT ? 1 : -1);
		break;
	case ACT_SENTENCE_NEXT:
		if (a->selecting) { /* selecting: through the sentence's final mark */
			if (final_at(t, c))
				c = kb_text_step(t, c, 1);
			while (c < strlen(t) && !final_at(t, c))
				c = kb_text_step(t, c, 1);
			break;
		}
		c = sentence(t, c, 1);
		break;
	case ACT_SENTENCE_PREV:
		c = sentence(t, c, -1);
		break;
	case ACT_PARA_NEXT:
	case ACT_PARA_PREV:
		c = paragraph(t, c, act == ACT_PARA_NEXT ? 1 : -1);
		break;
	case ACT_CARET_DOWN:
	case ACT_CARET_UP:
		c = line_move(a, c, act == ACT_CARET_DOWN ? 1 : -1);
		break;
	case ACT_MOVE_DOWN: /* j k: lines while selecting (else they scroll) */
	case ACT_MOVE_UP:
		if (!a->selecting)
			return false;
		c = line_move(a, c, act == ACT_MOVE_DOWN ? 1 : -1);
		break;
	case ACT_SWAP_ENDS:
		if (!a->selecting)
			return false;
		c = a->sel_a;
		a->sel_a = a->caret;
		break;
	case ACT_HL_COLOR: /* the colour the highlight will take */
		if (!a->selecting)
			return false;
		a->sel_color = (a->sel_color + 1) % KB_HL_COLORS;
		break;
	default:
		return false;
	}
	size_t end = last_char(t);
	if (c > end)
		c = end;
	/* the caret rests on a character, never on a paragraph's line end */
	bool back = act == ACT_FOLD || act == ACT_WORD_PREV || act == ACT_SENTENCE_PREV ||
		    act == ACT_PARA_PREV || act == ACT_CARET_UP || act == ACT_MOVE_UP ||
		    (a->selecting && act == ACT_SENTENCE_NEXT); /* (a paragraph's end) */
	while (c > 0 && t[c] == '\n')
		c = back ? kb_text_step(t, c, -1) : c + 1 <= end ? c + 1 : kb_text_step(t, c, -1);
	a->caret = c;
	a->caret_set = true;
	if (a->selecting) {
		a->sel_b = c;
		say_selection(a);
	}
	kb_caret_show(a);
	return true;
}

bool kb_article_select_key(struct app *a, int key)
{
	if (key != 27 && key != 'q')
		return false;
	a->selecting = false;
	kb_message(a, false, "%s", _("selection cancelled"));
	return true;
}

size_t kb_article_offset_at(struct app *a, int y, int x)
{
	size_t i = a->atop + (size_t)y;
	if (!a->art || y < 0 || i >= a->n_lines || a->lines[i].block < 0)
		return SIZE_MAX;
	return offset_in(a, i, x);
}

void kb_caret_press(struct app *a, int y, int x)
{
	size_t off = kb_article_offset_at(a, y, x);
	if (off == SIZE_MAX)
		return;
	if (a->selecting) { /* a click while selecting moves its end there */
		a->caret = a->sel_b = off;
		say_selection(a);
		return;
	}
	a->caret = off;
	a->caret_set = true;
	a->dragging = true;
	a->drag_from = off;
}

void kb_caret_drag(struct app *a, int y, int x)
{
	if (!a->dragging)
		return;
	size_t off = kb_article_offset_at(a, y, x);
	if (off == SIZE_MAX)
		return;
	if (!a->selecting) {
		a->selecting = true;
		a->sel_a = a->drag_from;
	}
	a->caret = a->sel_b = off;
	say_selection(a);
}

void kb_caret_release(struct app *a)
{
	a->dragging = false;
}
