/* SPDX-License-Identifier: MIT */
/*
 * Text input inside the reader: a one-line prompt on the bottom row (tags,
 * find, search) with completion, and a box editor for notes. Both take
 * Chinese input as the terminal's input method delivers it (whole
 * characters) and place the cursor by display columns, so wide characters
 * are edited as one unit and never cut.
 */
#include "ui.h"

#include "kanbao/sanitize.h"

#include <stdlib.h>
#include <string.h>

struct text {
	char *s;
	size_t len, cap, cur; /* cursor: byte offset */
};

static void text_set(struct text *t, const char *init)
{
	t->len = init ? strlen(init) : 0;
	t->cap = t->len + 64;
	t->s = kb_xmalloc(t->cap);
	if (init)
		memcpy(t->s, init, t->len);
	t->s[t->len] = '\0';
	t->cur = t->len;
}

static void text_insert(struct text *t, const char *b, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = kb_xrealloc(t->s, t->cap);
	}
	memmove(t->s + t->cur + n, t->s + t->cur, t->len - t->cur + 1);
	memcpy(t->s + t->cur, b, n);
	t->len += n;
	t->cur += n;
}

static size_t prev_char(const char *s, size_t off)
{
	if (off == 0)
		return 0;
	off--;
	while (off > 0 && ((unsigned char)s[off] & 0xC0) == 0x80)
		off--;
	return off;
}

static size_t next_char(const char *s, size_t len, size_t off)
{
	if (off >= len)
		return len;
	off++;
	while (off < len && ((unsigned char)s[off] & 0xC0) == 0x80)
		off++;
	return off;
}

static void text_backspace(struct text *t)
{
	if (t->cur == 0)
		return;
	size_t p = prev_char(t->s, t->cur);
	memmove(t->s + p, t->s + t->cur, t->len - t->cur + 1);
	t->len -= t->cur - p;
	t->cur = p;
}

static void text_delete(struct text *t)
{
	if (t->cur >= t->len)
		return;
	size_t q = next_char(t->s, t->len, t->cur);
	memmove(t->s + t->cur, t->s + q, t->len - q + 1);
	t->len -= q - t->cur;
}

/* UTF-8 of code point c into b; returns the length. */
static size_t encode(uint32_t c, char *b)
{
	if (c < 0x80) {
		b[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (char)(0xC0 | c >> 6);
		b[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (char)(0xE0 | c >> 12);
		b[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		b[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | c >> 18);
	b[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	b[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/* Is key a character to insert (not a control or a function key)? */
static bool printable(int key)
{
	return key >= 0x20 && key != 0x7F && key < 0x110000 && !(key >= 0x80 && key < 0xA0);
}

/* The editing keys both editors share: delete backwards and forwards, move
 * by a character, insert a typed character. True when key was one. */
static bool edit_key(struct text *t, int key)
{
	if (key == KEY_FN(KEY_BACKSPACE) || key == 127 || key == 8)
		text_backspace(t);
	else if (key == KEY_FN(KEY_DC))
		text_delete(t);
	else if (key == KEY_FN(KEY_LEFT))
		t->cur = prev_char(t->s, t->cur);
	else if (key == KEY_FN(KEY_RIGHT))
		t->cur = next_char(t->s, t->len, t->cur);
	else
		return false;
	return true;
}

/* A paste being cleaned: a character cut between two blocks, and whether
 * the last byte was CR (CR LF is one break). */
struct paste_state {
	struct kb_utf8_in in;
	bool cr;
};

/* Append the pasted bytes s[0..n) to out as text: UTF-8 checked (a byte
 * that is not dropped, as from a key), a line break for CR, LF or CR LF,
 * tabs kept, every other control character dropped. For one line (a
 * prompt), line breaks and tabs become a space. */
static void paste_clean(struct paste_state *ps, bool one_line, const char *s, size_t n,
			struct kb_buf *out)
{
	for (size_t i = 0; i < n; i++) {
		bool again;
		int c;
		do {
			c = kb_utf8_in_feed(&ps->in, (unsigned char)s[i], &again);
			if (c < 0)
				continue;
			bool was_cr = ps->cr;
			ps->cr = c == '\r';
			if (c == '\r' || (c == '\n' && !was_cr))
				kb_buf_putc(out, one_line ? ' ' : '\n');
			else if (c == '\t')
				kb_buf_putc(out, one_line ? ' ' : '\t');
			else if (printable(c)) {
				char e[4];
				kb_buf_append(out, e, encode((uint32_t)c, e));
			}
		} while (again);
	}
}

/* Take a bracketed paste in whole (its start was just read), giving its
 * text block by block to take(); show() paints between blocks while it
 * comes. */
static void paste_take(struct app *a, bool one_line, void (*take)(void *, const char *, size_t),
		       void (*show)(struct app *, void *), void *arg)
{
	struct kb_buf raw, text;
	kb_buf_init(&raw);
	kb_buf_init(&text);
	struct paste_state ps = {.cr = false};
	kb_utf8_in_reset(&ps.in);
	for (;;) {
		bool over = kb_read_paste(a, &raw);
		text.len = 0;
		paste_clean(&ps, one_line, raw.data, raw.len, &text);
		raw.len = 0;
		take(arg, text.data, text.len);
		if (over)
			break;
		if (show)
			show(a, arg);
	}
	kb_buf_finish(&raw);
	kb_buf_finish(&text);
}

static void text_take(void *t, const char *s, size_t n)
{
	text_insert(t, s, n);
}

/* Longest common prefix of the candidates. */
static size_t common_prefix(char **v, size_t n)
{
	if (!n)
		return 0;
	size_t l = strlen(v[0]);
	for (size_t i = 1; i < n; i++) {
		size_t k = 0;
		while (k < l && v[i][k] == v[0][k])
			k++;
		l = k;
	}
	while (l > 0 && ((unsigned char)v[0][l] & 0xC0) == 0x80)
		l--; /* whole characters only */
	return l;
}

/* Paint the screen with the prompt on the bottom row, scrolled so that
 * the cursor shows (measured back from the cursor: only what fits). */
/* The word the cursor ends (from the last space before it), caller frees. */
static char *last_word(const struct text *t)
{
	size_t ws = t->cur;
	while (ws > 0 && t->s[ws - 1] != ' ')
		ws--;
	if (t->s[ws] == '-' && ws < t->cur) /* -tag: the tag's completions */
		ws++;
	return strndup(t->s + ws, t->cur - ws);
}

/* Completions may carry a count after a tab ("人物\t12"): cut them to
 * their names, keeping the counts for the hint line. */
static void cut_counts(char **c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *tab = strchr(c[i], '\t');
		if (tab)
			*tab = '\0';
	}
}

/* Above the prompt, while typing: what the word being typed can complete
 * to, each with its count (most used first, as the store gives them). */
static void paint_hint(struct app *a, const struct text *t, const struct kb_completer *complete)
{
	int y = a->rows - 2;
	if (y < 1 || !complete)
		return;
	char *word = last_word(t);
	size_t n = 0;
	char **c = complete->fn(a, word, &n);
	kb_draw_fill(y, 0, a->cols, KB_STYLE_STATUS);
	int x = 1;
	if (!n && word[0]) {
		const char *fresh = _(complete->fresh);
		x = kb_draw_text(y, x, a->cols, fresh, strlen(fresh), KB_STYLE_STATUS);
	}
	for (size_t i = 0; i < n && x < a->cols; i++) {
		char *tab = strchr(c[i], '\t');
		size_t nl = tab ? (size_t)(tab - c[i]) : strlen(c[i]);
		x = kb_draw_text(y, x, a->cols, c[i], nl, KB_STYLE_STATUS);
		if (tab)
			x = kb_draw_text(y, x + 1, a->cols, tab + 1, strlen(tab + 1), KB_STYLE_STATUS);
		x += 2;
	}
	for (size_t i = 0; i < n; i++)
		free(c[i]);
	free(c);
	free(word);
}

static void prompt_paint(struct app *a, const char *label, const struct text *t,
			 const struct kb_completer *complete)
{
	kb_paint(a);
	paint_hint(a, t, complete);
	int y = a->rows - 1;
	kb_draw_fill(y, 0, a->cols, KB_STYLE_PROMPT);
	/* a label too wide (the filter's, or a Chinese one, on a narrow
	 * screen) is cut with "…", by columns, to leave a third of the line
	 * for what is typed */
	int keep = a->cols / 3 > 10 ? a->cols / 3 : 10, most = a->cols - keep, cols;
	size_t ln = strlen(label);
	bool el = false;
	if (most > 1 && kb_str_width(label, ln) > most)
		ln = kb_layout_truncate(label, ln, most, &cols, &el);
	int x = kb_draw_text(y, 0, a->cols, label, ln, KB_STYLE_PROMPT);
	if (el)
		x = kb_draw_text(y, x, a->cols, "…", strlen("…"), KB_STYLE_PROMPT);
	int avail = a->cols - x - 1, used = 0;
	size_t from = t->cur;
	while (from > 0) {
		size_t p = prev_char(t->s, from);
		int w = kb_str_width(t->s + p, from - p);
		if (used + w > avail)
			break;
		used += w;
		from = p;
	}
	int cx = x + used;
	kb_draw_text(y, x, a->cols, t->s + from, t->len - from, KB_STYLE_PROMPT);
	move(y, cx < a->cols ? cx : a->cols - 1);
	refresh();
}

char *kb_prompt(struct app *a, const char *label, const char *initial,
		const struct kb_completer *complete)
{
	if (a->preset) {
		char *answer = a->preset;
		a->preset = NULL;
		return answer;
	}
	struct text t;
	text_set(&t, initial);
	curs_set(1);
	/* a paste comes whole, its line breaks as spaces: a line break in it
	 * must not end the prompt with half of it */
	kb_paste_mode(true);
	/* keys the terminal has already sent (a paste without bracketed
	 * paste) are taken in before the prompt is painted again */
	for (int key = 0;; key = kb_read_key_now(a)) {
		if (!key) {
			prompt_paint(a, label, &t, complete);
			key = kb_read_key(a);
			if (key == 0)
				continue; /* resized: painted again */
		}
		if (key == '\n' || key == '\r' || key == KEY_FN(KEY_ENTER)) {
			kb_paste_mode(false);
			curs_set(0);
			return t.s;
		}
		if (key == 27 || key == 7 || key == 3) { /* Esc, C-g, C-c */
			kb_paste_mode(false);
			curs_set(0);
			free(t.s);
			return NULL;
		}
		if (key == KB_KEY_PASTE) {
			paste_take(a, true, text_take, NULL, &t);
			continue;
		}
		if (edit_key(&t, key))
			continue;
		if (key == KEY_FN(KEY_HOME) || key == 1)
			t.cur = 0;
		else if (key == KEY_FN(KEY_END) || key == 5)
			t.cur = t.len;
		else if (key == 21) { /* C-u */
			t.len = t.cur = 0;
			t.s[0] = '\0';
		} else if (key == '\t' && complete) {
			char *word = last_word(&t);
			size_t n;
			char **c = complete->fn(a, word, &n);
			cut_counts(c, n);
			size_t cp = common_prefix(c, n);
			if (n == 1) {
				text_insert(&t, c[0] + strlen(word), strlen(c[0]) - strlen(word));
				text_insert(&t, " ", 1);
			} else if (cp > strlen(word)) {
				text_insert(&t, c[0] + strlen(word), cp - strlen(word));
			}
			if (n > 1) {
				struct kb_buf list; /* tags have no length limit */
				kb_buf_init(&list);
				for (size_t i = 0; i < n && list.len < 300; i++)
					kb_buf_printf(&list, "%s  ", c[i]);
				kb_message(a, false, "%s", list.data ? list.data : "");
				kb_buf_finish(&list);
			} else if (n == 0) {
				kb_message(a, false, _(complete->none), word);
			}
			for (size_t i = 0; i < n; i++)
				free(c[i]);
			free(c);
			free(word);
		} else if (printable(key)) {
			char b[4];
			text_insert(&t, b, encode((uint32_t)key, b));
		}
	}
}

/* ---- the note box ----
 *
 * The text is laid out in rows of the box's inner width, by display
 * columns (kb_cp_width, what drawing uses), a wide character never split.
 * The rows are kept as the byte offset where each starts; an edit lays out
 * again only from the row before it to the first row start that is the
 * same as before (a row's end depends only on where it starts), and the
 * row starts after it move by the edit's length. A paste is one edit, so
 * taking in a megabyte costs one pass over it; moving and painting look
 * only at the cursor's row and the rows shown. */

/* Columns c takes in the box: as kb_draw_text draws it (a tab as one
 * blank, where kb_cp_width counts none). */
static int box_cp_width(uint32_t c)
{
	return c == '\t' ? 1 : kb_cp_width(c);
}

/* Columns of s[from..to), by box_cp_width. */
static int box_width(const char *s, size_t from, size_t to)
{
	int w = 0;
	while (from < to) {
		uint32_t c;
		from += kb_utf8_next(s + from, to - from, &c);
		w += box_cp_width(c);
	}
	return w;
}

/* Where the row that starts at from ends: the start of the next row
 * (after a line break, or at the first character that does not fit in
 * width columns: a row holds one at least), *more set; or len, the text
 * ending first. */
static size_t row_next(const char *s, size_t len, size_t from, int width, bool *more)
{
	int col = 0;
	*more = true;
	for (size_t i = from; i < len;) {
		if (s[i] == '\n')
			return i + 1;
		uint32_t c;
		size_t k = kb_utf8_next(s + i, len - i, &c);
		int w = box_cp_width(c);
		if (col + w > width && col > 0)
			return i;
		col += w;
		i += k;
	}
	*more = false;
	return len;
}

/* The box editor's state. */
struct box {
	struct text t;
	size_t *rows;   /* byte offset where each row starts; rows[0] is 0 */
	size_t nr, cap; /* rows, and room for them */
	int iw;         /* inner width the rows are for (0: not laid out) */
	size_t top;     /* first row shown */
	int shown;      /* rows of text the box shows, as last painted */
	int goal;       /* the column Up and Down keep to (-1: the cursor's) */
	bool eol;       /* the cursor, where a wrapped row ends and the next
			 * begins, shows at the end of the first (after End) */
	const char *title;
};

static void rows_room(struct box *b, size_t n)
{
	if (n <= b->cap)
		return;
	b->cap = n > b->cap * 2 ? n : b->cap * 2;
	b->rows = kb_xrealloc(b->rows, b->cap * sizeof(*b->rows));
}

/* The last row starting at or before byte off. */
static size_t row_at(const struct box *b, size_t off)
{
	size_t lo = 0, hi = b->nr; /* rows[lo] <= off < rows[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (b->rows[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Where row r's text ends: before its line break, at the next row's start
 * when it wraps, at the end of the text for the last. */
static size_t row_stop(const struct box *b, size_t r)
{
	if (r + 1 >= b->nr)
		return b->t.len;
	size_t e = b->rows[r + 1];
	return b->t.s[e - 1] == '\n' ? e - 1 : e;
}

/* Row r wraps (ends without a line break, another row after it). */
static bool row_wraps(const struct box *b, size_t r)
{
	return r + 1 < b->nr && b->t.s[b->rows[r + 1] - 1] != '\n';
}

/* Lay the whole text out at inner width iw. */
static void box_layout(struct box *b, int iw)
{
	b->iw = iw;
	b->nr = 0;
	size_t at = 0;
	bool more = true;
	while (more) {
		rows_room(b, b->nr + 1);
		b->rows[b->nr++] = at;
		at = row_next(b->t.s, b->t.len, at, iw, &more);
	}
}

/* The text had bytes [p, p + del) replaced by ins bytes: lay out again
 * from the row before the one holding p (a deletion may let the row
 * above take more) until a row starts where one started before. */
static void box_relayout(struct box *b, size_t p, size_t del, size_t ins)
{
	if (!b->iw)
		return;
	size_t r = row_at(b, p); /* rows up to r start before p: unchanged */
	if (r > 0 && row_wraps(b, r - 1))
		r--;
	size_t *v = NULL, nv = 0, cap = 0; /* the new row starts after r */
	size_t k = r + 1, at = b->rows[r], to = b->nr;
	bool more = true;
	for (;;) {
		at = row_next(b->t.s, b->t.len, at, b->iw, &more);
		if (!more)
			break;
		if (at >= p + ins) { /* past the edit: an old row start here? */
			size_t old = at - ins + del;
			while (k < b->nr && b->rows[k] < old)
				k++;
			if (k < b->nr && b->rows[k] == old) {
				to = k;
				break;
			}
		}
		if (nv == cap)
			v = kb_xrealloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));
		v[nv++] = at;
	}
	/* rows r+1 .. to-1 give way to v; those from to on move */
	size_t tail = b->nr - to;
	rows_room(b, r + 1 + nv + tail);
	memmove(b->rows + r + 1 + nv, b->rows + to, tail * sizeof(*b->rows));
	if (nv)
		memcpy(b->rows + r + 1, v, nv * sizeof(*v));
	for (size_t i = r + 1 + nv; i < r + 1 + nv + tail; i++)
		b->rows[i] = b->rows[i] + ins - del;
	b->nr = r + 1 + nv + tail;
	free(v);
}

/* Insert s[0..n) at the cursor. */
static void box_insert(struct box *b, const char *s, size_t n)
{
	if (!n)
		return;
	size_t p = b->t.cur;
	text_insert(&b->t, s, n);
	box_relayout(b, p, 0, n);
	b->goal = -1;
	b->eol = false;
}

/* The row the cursor shows on. */
static size_t box_crow(const struct box *b)
{
	size_t r = row_at(b, b->t.cur);
	if (b->eol && r > 0 && b->rows[r] == b->t.cur && row_wraps(b, r - 1))
		r--;
	return r;
}

/* The cursor to row r, at the goal column or the last character before it
 * (the end of a wrapped row stays on that row). */
static void box_to_row(struct box *b, size_t r, int col)
{
	size_t p = b->rows[r], stop = row_stop(b, r);
	int x = 0;
	while (p < stop) {
		uint32_t c;
		size_t k = kb_utf8_next(b->t.s + p, stop - p, &c);
		int w = box_cp_width(c);
		if (x + w > col)
			break;
		x += w;
		p += k;
	}
	b->t.cur = p;
	b->eol = p == stop && row_wraps(b, r);
}

/* Keep the cursor's row among the rows shown, scrolling no more than it
 * takes, and no room left under the last row when there are rows above. */
static void box_scroll(struct box *b, size_t shown)
{
	size_t crow = box_crow(b);
	if (b->top + shown > b->nr)
		b->top = b->nr > shown ? b->nr - shown : 0;
	if (crow < b->top)
		b->top = crow;
	else if (crow >= b->top + shown)
		b->top = crow - shown + 1;
}

/* A frame line character: the terminal's line drawing, or ASCII where
 * the terminal draws those two columns wide (ambiwidth double). */
static void frame_cell(const struct app *a, int y, int x, const cchar_t *line, char ascii)
{
	short pair, line_pair;
	attr_t at = kb_draw_attr(KB_STYLE_BORDER, &pair), line_at = 0;
	wchar_t wc[CCHARW_MAX + 1];
	if (a->ambi_double || getcchar(line, wc, &line_at, &line_pair, NULL) == ERR) {
		wc[0] = (wchar_t)ascii;
		wc[1] = 0;
		line_at = 0;
	}
	cchar_t cc;
	setcchar(&cc, wc, at | (line_at & A_ALTCHARSET), pair, NULL);
	mvadd_wch(y, x, &cc);
}

/* Paint the box over the screen: a frame with the title at the top and the
 * keys at the bottom, the rows shown inside. False when the terminal is
 * too small for it. */
static bool box_paint(struct app *a, struct box *b, const char *title)
{
	kb_paint(a);
	int bw = a->cols - 4 < 72 ? a->cols - 4 : 72;
	int bh = a->rows - 4 < 14 ? a->rows - 4 : 14;
	if (bw < 4 || bh < 3) {
		if (!a->too_small && a->rows > 0) {
			const char *m = _("note: the terminal is too small for the box (C-s saves, Esc cancels)");
			kb_draw_fill(a->rows - 1, 0, a->cols, KB_STYLE_ERROR);
			kb_draw_text(a->rows - 1, 0, a->cols, m, strlen(m), KB_STYLE_ERROR);
			refresh();
		}
		return false;
	}
	int bx = (a->cols - bw) / 2, by = (a->rows - bh) / 2;
	int iw = bw - 2, x0 = bx + 1, x1 = bx + bw - 1; /* text in [x0, x1) */
	if (b->iw != iw)
		box_layout(b, iw);
	b->shown = bh - 2;
	box_scroll(b, (size_t)b->shown);
	const struct text *t = &b->t;

	for (int x = bx + 1; x < x1; x++) {
		frame_cell(a, by, x, WACS_HLINE, '-');
		frame_cell(a, by + bh - 1, x, WACS_HLINE, '-');
	}
	for (int y = by + 1; y < by + bh - 1; y++) {
		frame_cell(a, y, bx, WACS_VLINE, '|');
		frame_cell(a, y, x1, WACS_VLINE, '|');
	}
	frame_cell(a, by, bx, WACS_ULCORNER, '+');
	frame_cell(a, by, x1, WACS_URCORNER, '+');
	frame_cell(a, by + bh - 1, bx, WACS_LLCORNER, '+');
	frame_cell(a, by + bh - 1, x1, WACS_LRCORNER, '+');
	/* on the top line the title and, for a text longer than the box, the
	 * cursor's row of all; on the bottom line the keys */
	char where[48] = "";
	size_t crow = box_crow(b);
	if (b->nr > (size_t)b->shown)
		snprintf(where, sizeof(where), " %zu/%zu ", crow + 1, b->nr);
	int ww = (int)strlen(where);
	int room = x1 - 1 - (x0 + 1) - ww; /* for the title, between the corners */
	if (room >= 3) {
		char head[256];
		snprintf(head, sizeof(head), " %s ", title);
		int cols;
		bool ell;
		size_t k = kb_layout_truncate(head, strlen(head), room, &cols, &ell);
		int x = kb_draw_text(by, x0 + 1, x0 + 1 + room, head, k, KB_STYLE_PROMPT);
		if (ell)
			kb_draw_text(by, x, x0 + 1 + room, "…", strlen("…"), KB_STYLE_PROMPT);
		if (ww)
			kb_draw_text(by, x1 - 1 - ww, x1 - 1, where, (size_t)ww, KB_STYLE_META);
	}
	char help[128];
	snprintf(help, sizeof(help), " %s ", _("C-s save  Esc cancel"));
	if (box_width(help, 0, strlen(help)) <= x1 - 1 - (x0 + 1))
		kb_draw_text(by + bh - 1, x0 + 1, x1 - 1, help, strlen(help), KB_STYLE_META);

	/* the rows shown, each drawn whole and clipped to the box */
	for (int i = 0; i < b->shown; i++) {
		int y = by + 1 + i;
		kb_draw_fill(y, x0, x1, KB_STYLE_NORMAL);
		size_t r = b->top + (size_t)i;
		if (r < b->nr)
			kb_draw_text(y, x0, x1, t->s + b->rows[r], row_stop(b, r) - b->rows[r],
				     KB_STYLE_NORMAL);
	}
	/* the cursor; after the last column of a full row it sits on the
	 * frame, where the next character would go */
	int cx = x0 + box_width(t->s, b->rows[crow], t->cur);
	move(by + 1 + (int)(crow - b->top), cx < x1 ? cx : x1);
	refresh();
	return true;
}

enum box_result { BOX_GOING, BOX_SAVE, BOX_CANCEL };

/* One key other than text: save, cancel, edit or move. */
static enum box_result box_key(struct box *b, int key)
{
	struct text *t = &b->t;
	if (key == 19 || key == 4 || key == KEY_FN(KEY_F(2))) /* C-s, C-d, F2 */
		return BOX_SAVE;
	if (key == 27 || key == 7) /* Esc, C-g */
		return BOX_CANCEL;
	size_t len = t->len;
	if (edit_key(t, key)) {
		if (t->len != len) /* a character deleted before or at the cursor */
			box_relayout(b, t->cur, len - t->len, 0);
		b->goal = -1;
		b->eol = false;
		return BOX_GOING;
	}
	if (!b->iw)
		return BOX_GOING; /* not laid out: the box is not shown */
	size_t crow = box_crow(b);
	int col = b->goal >= 0 ? b->goal : box_width(t->s, b->rows[crow], t->cur);
	size_t page = b->shown > 1 ? (size_t)b->shown - 1 : 1;
	if (key == KEY_FN(KEY_UP) || key == KEY_FN(KEY_PPAGE)) {
		size_t n = key == KEY_FN(KEY_UP) ? 1 : page;
		if (key == KEY_FN(KEY_PPAGE))
			b->top = b->top > n ? b->top - n : 0;
		box_to_row(b, crow > n ? crow - n : 0, col);
		b->goal = col;
	} else if (key == KEY_FN(KEY_DOWN) || key == KEY_FN(KEY_NPAGE)) {
		size_t n = key == KEY_FN(KEY_DOWN) ? 1 : page;
		if (key == KEY_FN(KEY_NPAGE))
			b->top += n; /* box_scroll keeps it in range */
		box_to_row(b, crow + n < b->nr ? crow + n : b->nr - 1, col);
		b->goal = col;
	} else if (key == KEY_FN(KEY_HOME) || key == 1) { /* C-a */
		t->cur = b->rows[crow];
		b->eol = false;
		b->goal = -1;
	} else if (key == KEY_FN(KEY_END) || key == 5) { /* C-e */
		t->cur = row_stop(b, crow);
		b->eol = row_wraps(b, crow);
		b->goal = -1;
	}
	return BOX_GOING;
}

/* Make t's bytes UTF-8, each byte that is not (a note from elsewhere)
 * becoming U+FFFD, so that laying out and drawing read the same. */
static void text_make_utf8(struct text *t)
{
	struct kb_buf fixed;
	kb_buf_init(&fixed);
	size_t done = 0;
	for (size_t i = 0; i < t->len;) {
		uint32_t c;
		size_t k = kb_utf8_next(t->s + i, t->len - i, &c);
		if (c == 0xFFFD && k == 1) { /* a bad byte (U+FFFD itself is 3) */
			kb_buf_append(&fixed, t->s + done, i - done);
			kb_buf_append(&fixed, "\xEF\xBF\xBD", 3);
			done = i + 1;
		}
		i += k;
	}
	if (!fixed.len)
		return;
	kb_buf_append(&fixed, t->s + done, t->len - done);
	free(t->s);
	t->len = t->cur = fixed.len;
	t->cap = fixed.cap;
	t->s = kb_buf_steal(&fixed);
}

static void box_take(void *b, const char *s, size_t n)
{
	box_insert(b, s, n);
}

static void box_show(struct app *a, void *arg)
{
	struct box *b = arg;
	box_paint(a, b, b->title);
}

/* After Esc: true when more came with it, a key's sequence curses does
 * not know (Home from tmux under TERM=xterm-256color is ESC [ 1 ~), now
 * read to its end. Esc alone cancels the box; such a key must not throw
 * the text away. */
static bool unknown_sequence(struct app *a)
{
	int k = kb_read_key_now(a);
	if (k != '[' && k != 'O')
		return false; /* Esc alone (or Alt and a key): cancel */
	if (k == 'O') { /* SS3: one byte more */
		kb_read_key_now(a);
		return true;
	}
	do /* CSI: parameters and intermediates up to a final byte */
		k = kb_read_key_now(a);
	while (k >= 0x20 && k < 0x40);
	return true;
}

char *kb_edit_box(struct app *a, const char *title, const char *initial)
{
	struct box b = {.goal = -1, .title = title};
	text_set(&b.t, initial);
	text_make_utf8(&b.t);
	curs_set(1);
	kb_paste_mode(true);
	enum box_result r = BOX_GOING;
	struct kb_buf typed; /* text keys not yet inserted */
	kb_buf_init(&typed);
	while (r == BOX_GOING) {
		if (!box_paint(a, &b, title)) {
			/* the box waits, its text kept, until the terminal is
			 * larger (text typed or pasted meanwhile, unseen, is
			 * dropped); C-s and Esc still work */
			int key = kb_read_key(a);
			if (key == KB_KEY_PASTE) {
				struct kb_buf unseen;
				kb_buf_init(&unseen);
				while (!kb_read_paste(a, &unseen))
					unseen.len = 0;
				kb_buf_finish(&unseen);
			} else if (key && !printable(key) && key != '\n' && key != '\r' &&
				   !(key == 27 && unknown_sequence(a))) {
				r = box_key(&b, key);
			}
			continue;
		}
		/* every key the terminal has already sent is taken in before
		 * the box is painted again, and text is inserted in one piece:
		 * a paste from a terminal without bracketed paste costs one
		 * layout of what it changed, not one per character */
		int key = kb_read_key(a);
		while (key && r == BOX_GOING) {
			if (key == '\n' || key == '\r' || key == KEY_FN(KEY_ENTER)) {
				kb_buf_putc(&typed, '\n');
			} else if (printable(key)) {
				char c[4];
				kb_buf_append(&typed, c, encode((uint32_t)key, c));
			} else {
				box_insert(&b, typed.data, typed.len);
				typed.len = 0;
				if (key == KB_KEY_PASTE)
					paste_take(a, false, box_take, box_show, &b);
				else if (!(key == 27 && unknown_sequence(a)))
					r = box_key(&b, key);
			}
			if (r == BOX_GOING)
				key = kb_read_key_now(a);
		}
		if (r != BOX_CANCEL)
			box_insert(&b, typed.data, typed.len);
		typed.len = 0;
	}
	kb_paste_mode(false);
	kb_buf_finish(&typed);
	free(b.rows);
	curs_set(0);
	if (r == BOX_CANCEL) {
		free(b.t.s);
		return NULL;
	}
	return b.t.s;
}
