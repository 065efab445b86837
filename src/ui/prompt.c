/*
 * Text input inside the reader: a one-line prompt on the bottom row (tags,
 * find, search) with completion, and a box editor for notes. Both take
 * Chinese input as the terminal's input method delivers it (whole
 * characters) and place the cursor by display columns, so wide characters
 * are edited as one unit and never cut.
 */
#include "ui.h"

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
	t->s = malloc(t->cap);
	if (init)
		memcpy(t->s, init, t->len);
	t->s[t->len] = '\0';
	t->cur = t->len;
}

static void text_insert(struct text *t, const char *b, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
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
static void prompt_paint(struct app *a, const char *label, const struct text *t)
{
	kb_paint(a);
	int y = a->rows - 1;
	kb_draw_fill(y, 0, a->cols, KB_STYLE_PROMPT);
	int x = kb_draw_text(y, 0, a->cols, label, strlen(label), KB_STYLE_PROMPT);
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
		char **(*complete)(struct app *, const char *word, size_t *n))
{
	struct text t;
	text_set(&t, initial);
	curs_set(1);
	/* keys the terminal has already sent (a paste) are taken in before
	 * the prompt is painted again */
	for (int key = 0;; key = kb_read_key_now(a)) {
		if (!key) {
			prompt_paint(a, label, &t);
			key = kb_read_key(a);
			if (key == 0)
				continue; /* resized: painted again */
		}
		if (key == '\n' || key == '\r' || key == KEY_FN(KEY_ENTER)) {
			curs_set(0);
			return t.s;
		}
		if (key == 27 || key == 7 || key == 3) { /* Esc, C-g, C-c */
			curs_set(0);
			free(t.s);
			return NULL;
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
			size_t ws = t.cur;
			while (ws > 0 && t.s[ws - 1] != ' ')
				ws--;
			char *word = strndup(t.s + ws, t.cur - ws);
			size_t n;
			char **c = complete(a, word, &n);
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
				kb_message(a, false, "no tag starts with \"%s\"", word);
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

/* Rows of a text hard-wrapped at width columns (line breaks kept): the
 * byte offset where each row starts; n gets the count. */
static size_t *box_rows(const char *s, size_t len, int width, size_t *n)
{
	size_t cap = 16, k = 0;
	size_t *v = malloc(cap * sizeof(size_t));
	v[k++] = 0;
	int col = 0;
	for (size_t i = 0; i < len;) {
		if (s[i] == '\n') {
			i++;
			col = 0;
			if (k == cap)
				v = realloc(v, (cap *= 2) * sizeof(size_t));
			v[k++] = i;
			continue;
		}
		size_t j = next_char(s, len, i);
		int w = kb_str_width(s + i, j - i);
		if (col + w > width && col > 0) {
			if (k == cap)
				v = realloc(v, (cap *= 2) * sizeof(size_t));
			v[k++] = i;
			col = 0;
		}
		col += w;
		i = j;
	}
	*n = k;
	return v;
}

/* The box editor's state: the text, and its rows at the box's inner width
 * (laid out again only when needed, so a paste costs one layout, not one
 * per character). */
struct box {
	struct text t;
	size_t *rows; /* row starts, NULL when out of date */
	size_t nr;
	int iw; /* inner width the rows are for */
};

static void box_rows_need(struct box *b, int iw)
{
	if (b->rows && b->iw == iw)
		return;
	free(b->rows);
	b->iw = iw;
	b->rows = box_rows(b->t.s, b->t.len, iw, &b->nr);
}

static void box_changed(struct box *b)
{
	free(b->rows);
	b->rows = NULL;
}

/* The row holding the cursor. */
static size_t box_crow(const struct box *b)
{
	size_t crow = 0;
	for (size_t r = 0; r < b->nr; r++)
		if (b->rows[r] <= b->t.cur)
			crow = r;
	return crow;
}

/* Paint the box over the screen; false when the terminal is too small. */
static bool box_paint(struct app *a, struct box *b, const char *title)
{
	kb_paint(a);
	int bw = a->cols - 4 < 72 ? a->cols - 4 : 72;
	int bh = a->rows - 4 < 14 ? a->rows - 4 : 14;
	if (bw < 4 || bh < 3)
		return false;
	int bx = (a->cols - bw) / 2, by = (a->rows - bh) / 2;
	box_rows_need(b, bw - 2);
	const struct text *t = &b->t;
	size_t crow = box_crow(b), nr = b->nr, *rows = b->rows;
	int visible = bh - 3;
	size_t first = crow >= (size_t)visible ? crow - (size_t)visible + 1 : 0;
	for (int y = by; y < by + bh; y++)
		kb_draw_fill(y, bx, bx + bw, KB_STYLE_PROMPT);
	kb_draw_text(by, bx + 1, bx + bw, title, strlen(title), KB_STYLE_PROMPT);
	const char *help = "C-s save  Esc cancel";
	kb_draw_text(by + bh - 1, bx + 1, bx + bw, help, strlen(help), KB_STYLE_META);
	int cy = by + 1, cx = bx + 1;
	for (int r = 0; r < visible && first + (size_t)r < nr; r++) {
		size_t s0 = rows[first + (size_t)r];
		size_t s1 = first + (size_t)r + 1 < nr ? rows[first + (size_t)r + 1] : t->len;
		while (s1 > s0 && t->s[s1 - 1] == '\n')
			s1--;
		kb_draw_fill(by + 1 + r, bx + 1, bx + bw - 1, KB_STYLE_NORMAL);
		kb_draw_text(by + 1 + r, bx + 1, bx + bw - 1, t->s + s0, s1 - s0, KB_STYLE_NORMAL);
		if (first + (size_t)r == crow) {
			cy = by + 1 + r;
			cx = bx + 1 + kb_str_width(t->s + s0, t->cur - s0);
		}
	}
	for (int r = (int)(nr - first); r < visible; r++)
		if (r >= 0)
			kb_draw_fill(by + 1 + r, bx + 1, bx + bw - 1, KB_STYLE_NORMAL);
	move(cy, cx < bx + bw - 1 ? cx : bx + bw - 2);
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
	if (edit_key(t, key)) {
		box_changed(b);
		return BOX_GOING;
	}
	if (!b->rows)
		box_rows_need(b, b->iw);
	size_t crow = box_crow(b), nr = b->nr, *rows = b->rows;
	if (key == KEY_FN(KEY_UP) || key == KEY_FN(KEY_DOWN)) {
		size_t target = key == KEY_FN(KEY_UP) ? (crow ? crow - 1 : 0) : crow + 1;
		if (target < nr) {
			int col = kb_str_width(t->s + rows[crow], t->cur - rows[crow]);
			size_t p = rows[target];
			size_t end = target + 1 < nr ? rows[target + 1] : t->len;
			while (p < end && t->s[p] != '\n') {
				size_t q = next_char(t->s, t->len, p);
				if (kb_str_width(t->s + rows[target], q - rows[target]) > col)
					break;
				p = q;
			}
			t->cur = p;
		}
	} else if (key == KEY_FN(KEY_HOME) || key == 1) {
		t->cur = rows[crow];
	} else if (key == KEY_FN(KEY_END) || key == 5) {
		size_t end = crow + 1 < nr ? rows[crow + 1] : t->len;
		while (end > rows[crow] && end <= t->len && end > 0 && t->s[end - 1] == '\n')
			end--;
		t->cur = end;
	}
	return BOX_GOING;
}

char *kb_edit_box(struct app *a, const char *title, const char *initial)
{
	struct box b = {.iw = 1};
	text_set(&b.t, initial);
	curs_set(1);
	enum box_result r = BOX_GOING;
	struct kb_buf typed; /* text keys not yet inserted */
	kb_buf_init(&typed);
	while (r == BOX_GOING) {
		if (!box_paint(a, &b, title)) {
			/* the box waits, text kept, until the terminal is larger;
			 * C-s and Esc still work */
			int key = kb_read_key(a);
			if (key && !printable(key) && key != '\n' && key != '\r')
				r = box_key(&b, key);
			continue;
		}
		/* every key the terminal has already sent (a paste) is taken in
		 * before the box is painted again, and text is inserted in one
		 * piece, so a paste of megabytes costs time linear in its size */
		int key = kb_read_key(a);
		while (key && r == BOX_GOING) {
			if (key == '\n' || key == '\r' || key == KEY_FN(KEY_ENTER)) {
				kb_buf_putc(&typed, '\n');
			} else if (printable(key)) {
				char c[4];
				kb_buf_append(&typed, c, encode((uint32_t)key, c));
			} else {
				if (typed.len) {
					text_insert(&b.t, typed.data, typed.len);
					typed.len = 0;
					box_changed(&b);
				}
				r = box_key(&b, key);
			}
			if (r == BOX_GOING)
				key = kb_read_key_now(a);
		}
		if (typed.len && r != BOX_CANCEL) {
			text_insert(&b.t, typed.data, typed.len);
			typed.len = 0;
			box_changed(&b);
		}
	}
	kb_buf_finish(&typed);
	free(b.rows);
	curs_set(0);
	if (r == BOX_CANCEL) {
		free(b.t.s);
		return NULL;
	}
	return b.t.s;
}
