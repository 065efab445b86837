/* SPDX-License-Identifier: MIT */
/*
 * The reader's frame: curses set-up and tear-down, the geometry of the panes
 * (three from 100 columns, two from 60, one below, "too small" under 20x6),
 * the event loop (keys, mouse, KEY_RESIZE; nothing happens in a signal
 * handler), the status line and the help overlay generated from the key
 * table. The actions that are no single pane's live in actions.c.
 */
#include "ui.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/ui.h"

static double t_start;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

double kb_now_ms(void)
{
	return now_ms();
}

void kb_ui_mark_start(void)
{
	t_start = now_ms();
}

static bool terminal_usable(void);

static const struct pane_ops *const panes[P_COUNT] = {&kb_list_pane, &kb_article_pane,
						      &kb_notes_pane};

/* The bytes of s's longest prefix of at most max bytes that ends on a
 * character's end, for "%.*s": a cut never leaves half a character. */
static int utf8_prefix(const char *s, int max)
{
	int n = 0;
	while (n < max && s[n])
		n++;
	/* a character that max cuts: left out whole */
	if (n == max)
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	return n;
}

/* Drop a character the end of s cuts short (s was cut at a byte count). */
static void utf8_trim_end(char *s)
{
	size_t n = strlen(s), i = n;
	while (i > 0 && n - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char c = (unsigned char)s[i - 1];
	size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (i - 1 + len > n)
		s[i - 1] = '\0';
}

void kb_message(struct app *a, bool error, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(a->msg, sizeof(a->msg), fmt, ap);
	va_end(ap);
	if (r >= (int)sizeof(a->msg)) /* cut: never half a character */
		utf8_trim_end(a->msg);
	a->msg_error = error;
}

void kb_geometry(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	a->too_small = a->cols < 20 || a->rows < 6;
	a->body_rows = a->rows - 2; /* a title line above the panes, the status line below */
	for (int p = 0; p < P_COUNT; p++)
		a->px[p] = a->pw[p] = 0;
	if (a->too_small)
		return;
	int cols = a->cols;
	if (cols >= 100) {
		int lw = a->cfg && a->cfg->list_width ? a->cfg->list_width : cols * 28 / 100;
		int nw = a->cfg && a->cfg->notes_width ? a->cfg->notes_width : cols * 22 / 100;
		lw = lw < 20 ? 20 : lw > cols / 2 ? cols / 2 : lw;
		nw = nw < 16 ? 16 : nw > cols / 3 ? cols / 3 : nw;
		a->px[P_LIST] = 0;
		a->pw[P_LIST] = lw;
		a->px[P_ARTICLE] = lw + 1;
		a->pw[P_ARTICLE] = cols - lw - nw - 2;
		a->px[P_NOTES] = cols - nw;
		a->pw[P_NOTES] = nw;
	} else if (cols >= 60) {
		/* two panes: the list, and the article or (when focused) the notes */
		int lw = cols * 35 / 100;
		enum pane second = a->focus == P_NOTES ? P_NOTES : P_ARTICLE;
		a->px[P_LIST] = 0;
		a->pw[P_LIST] = lw;
		a->px[second] = lw + 1;
		a->pw[second] = cols - lw - 1;
	} else {
		a->px[a->focus] = 0;
		a->pw[a->focus] = cols;
	}
}

/* A pane's title: what it shows and where in it the reader is. */
static void pane_title(const struct app *a, enum pane p, char *buf, size_t n)
{
	size_t pos, total;
	bool more;
	buf[0] = '\0';
	if (p == P_LIST) {
		/* the query cut to leave its count and the place in sight */
		char label[400] = "", tail[120] = "", place[64] = "";
		if (a->results)
			kb_results_label(a, label, sizeof(label), tail, sizeof(tail));
		else
			snprintf(label, sizeof(label), "%s", _("Issues"));
		if (kb_list_position(a, &pos, &total, &more))
			snprintf(place, sizeof(place), "  %zu/%zu%s", pos, total, more ? "+" : "");
		int room = a->pw[P_LIST] - 2 - kb_str_width(tail, strlen(tail)) -
			   kb_str_width(place, strlen(place)),
		    cols;
		bool el = false;
		size_t k = room > 4 ? kb_layout_truncate(label, strlen(label), room - 1, &cols, &el)
				    : strlen(label);
		snprintf(buf, n, "%.*s%s%s%s", (int)k, label, el ? "…" : "", tail, place);
	} else if (p == P_ARTICLE) {
		if (!a->art) {
			snprintf(buf, n, "%s", _("Article"));
			return;
		}
		char place[300];
		kb_edition_place(a->art->paper, a->art->date, a->art->page, place, sizeof(place));
		size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 1;
		size_t seen = a->atop + rows < a->n_lines ? a->atop + rows : a->n_lines;
		unsigned pct = a->n_lines ? (unsigned)(seen * 100 / a->n_lines) : 100;
		snprintf(buf, n, "%s  %u%%", place[0] ? place : a->art->edition, pct);
	} else {
		snprintf(buf, n, "%s", _("Tags · Note · Highlights"));
	}
}

/* The title line: each pane's title over it; the focused one marked by a
 * '>' and the cursor's colours, the others dim. */
static void paint_titles(struct app *a)
{
	kb_draw_fill(0, 0, a->cols, KB_STYLE_META);
	for (int p = 0; p < P_COUNT; p++) {
		if (!a->pw[p])
			continue;
		char t[600];
		pane_title(a, (enum pane)p, t, sizeof(t));
		bool focus = p == (int)a->focus;
		enum kb_style st = focus ? KB_STYLE_CURSOR : KB_STYLE_META;
		int x = a->px[p], end = a->px[p] + a->pw[p];
		kb_draw_fill(0, x, end, st);
		x = kb_draw_text(0, x, end, focus ? ">" : " ", 1, st);
		bool el;
		int cols;
		size_t k = kb_layout_truncate(t, strlen(t), end - x - 1, &cols, &el);
		x = kb_draw_text(0, x, end, t, k, st);
		if (el)
			kb_draw_text(0, x, end, "…", strlen("…"), st);
		if (a->px[p] > 0)
			kb_draw_text(0, a->px[p] - 1, a->px[p], "|", 1,
				     focus ? KB_STYLE_TITLE : KB_STYLE_BORDER);
	}
}

/* The status line. A message comes first and whole: when it does not fit
 * beside the pane's name it takes the line above (over the panes' last
 * row) until the next key. Then, where there is room: what is pending,
 * the article's place and edition, its tags; on the right the background
 * check's progress. */
static void paint_status(struct app *a)
{
	int y = a->rows - 1;
	kb_draw_fill(y, 0, a->cols, KB_STYLE_STATUS);
	char head[160];
	/* what is pending: a selection waiting for h, an active find */
	char pending[120] = "";
	if (a->selecting)
		snprintf(pending, sizeof(pending), " v…");
	else if (a->find)
		snprintf(pending, sizeof(pending), " /%.*s", utf8_prefix(a->find, 100), a->find);
	snprintf(head, sizeof(head), "[%s]%s", _(panes[a->focus]->name), pending);
	int x = kb_draw_text(y, 0, a->cols, head, strlen(head), KB_STYLE_STATUS);
	enum kb_style mst = a->msg_error ? KB_STYLE_ERROR : KB_STYLE_STATUS;
	if (a->msg[0]) {
		int mw = kb_str_width(a->msg, strlen(a->msg));
		if (x + 2 + mw <= a->cols) {
			x = kb_draw_text(y, x, a->cols, "  ", 2, KB_STYLE_STATUS);
			kb_draw_text(y, x, a->cols, a->msg, strlen(a->msg), mst);
		} else if (y > 0) { /* the line above, wrapped to what fits there */
			/* the split where the line above ends: each character once */
			int cols;
			bool el;
			size_t n = strlen(a->msg);
			size_t k = mw > a->cols ? kb_layout_truncate(a->msg, n, a->cols, &cols, &el) : n;
			kb_draw_fill(y - 1, 0, a->cols, mst);
			kb_draw_text(y - 1, 0, a->cols, a->msg, k, mst);
			if (k < n) { /* the rest on the status line itself */
				x = kb_draw_text(y, x, a->cols, "  ", 2, KB_STYLE_STATUS);
				kb_draw_text(y, x, a->cols, a->msg + k, n - k, mst);
			}
		}
		return; /* the message has the line */
	}
	char left[600];
	const char *ed = a->art ? a->art->edition : "";
	char tags[200] = "";
	for (size_t i = 0; a->art && i < a->art->n_tags && strlen(tags) < 150; i++) {
		size_t l = strlen(tags);
		const char *t = a->art->tags[i];
		/* at most 40 bytes of each, cut on a whole character */
		snprintf(tags + l, sizeof(tags) - l, " #%.*s", utf8_prefix(t, 40), t);
	}
	char pos[48] = "";
	if (a->art && a->art_idx)
		snprintf(pos, sizeof(pos), "%zu/%zu ", a->art_idx, a->art_n);
	snprintf(left, sizeof(left), " %s%s%s%s%s", pos, ed, tags, a->results ? " · " : "",
		 a->results ? _("results") : "");
	x = kb_draw_text(y, x, a->cols, left, strlen(left), KB_STYLE_STATUS);
	if (a->check_status[0]) {
		int rw = kb_str_width(a->check_status, strlen(a->check_status));
		if (x + 2 + rw + 1 <= a->cols)
			kb_draw_text(y, a->cols - rw - 1, a->cols, a->check_status,
				     strlen(a->check_status), KB_STYLE_STATUS);
	}
}

static void paint_help(struct app *a)
{
	int w = a->cols;
	int rows = a->rows - 1; /* all but the status line */
	for (int y = 0; y < rows; y++)
		kb_draw_fill(y, 0, w, KB_STYLE_NORMAL);
	const char *title = _("kanbao keys (q or ? closes; j/k scroll)");
	kb_draw_text(0, 1, w, title, strlen(title), KB_STYLE_TITLE);
	/* the keys' column: as wide as the widest keys shown (12 at least),
	 * by display columns (a key may be a Chinese character) */
	int kw = 12;
	for (int act = 1; act < ACT_COUNT; act++) {
		char bound[64];
		kb_keys_describe((enum action)act, bound, sizeof(bound));
		const char *k = bound[0] ? bound : _("(unbound)");
		int bw = kb_str_width(k, strlen(k));
		kw = bw > kw && bw <= 24 ? bw : kw;
	}
	size_t line = 0;
	for (int act = 1; act < ACT_COUNT; act++, line++) {
		if (line < a->help_top)
			continue;
		int y = 2 + (int)(line - a->help_top);
		if (y >= rows)
			break;
		char bound[64];
		kb_keys_describe((enum action)act, bound, sizeof(bound));
		const char *keys = bound[0] ? bound : _("(unbound)");
		int x = kb_draw_text(y, 1, w, keys, strlen(keys), KB_STYLE_TAG);
		x = x > 1 + kw ? x : 1 + kw; /* the help in line, after blanks */
		/* cut by columns with "…" on a narrow screen (never half a
		 * character) */
		const char *help = _(kb_action_help((enum action)act));
		int cols;
		bool el = false;
		size_t hn = x + 1 < w ? kb_layout_truncate(help, strlen(help), w - x - 1, &cols, &el)
				      : 0;
		x = kb_draw_text(y, x + 1, w, help, hn, KB_STYLE_NORMAL);
		if (el) {
			kb_draw_text(y, x, w, "…", strlen("…"), KB_STYLE_NORMAL);
			continue; /* no room for the quick tags */
		}
		if (act == ACT_QUICK_TAG) { /* which tags the slots hold now */
			char list[400] = ":", one[200];
			for (int k = 1; k <= 9; k++) {
				const char *t = kb_quick_tag(a, k, one, sizeof(one));
				size_t l = strlen(list);
				if (t)
					snprintf(list + l, sizeof(list) - l, " %d %s", k, t);
			}
			if (list[1])
				kb_draw_text(y, x, w, list, strlen(list), KB_STYLE_TAG);
		}
	}
}

void kb_paint(struct app *a)
{
	erase();
	if (a->too_small) {
		/* the longest form that fits, measured in columns (translated,
		 * each character of 终端太小 takes two) */
		const char *forms[] = {_("terminal too small"), _("too small"), _("small")};
		const char *m = forms[2];
		for (int i = 2; i >= 0; i--)
			if (kb_str_width(forms[i], strlen(forms[i])) <= a->cols)
				m = forms[i];
		if (a->rows > 0 && a->cols > 0)
			kb_draw_text(a->rows / 2, 0, a->cols, m, strlen(m), KB_STYLE_ERROR);
		refresh();
		return;
	}
	if (a->help) {
		paint_help(a);
	} else if (a->tagview) {
		kb_tagview_paint(a);
	} else {
		kb_draw_origin(1); /* the panes' rows start under the titles */
		for (int p = 0; p < P_COUNT; p++) {
			if (!a->pw[p])
				continue;
			panes[p]->draw(a, a->px[p], a->pw[p]);
			if (a->px[p] > 0) /* separator on the left */
				for (int y = 0; y < a->body_rows; y++)
					kb_draw_text(y, a->px[p] - 1, a->px[p], "|", 1,
						     p == (int)a->focus ? KB_STYLE_TITLE : KB_STYLE_BORDER);
		}
		kb_draw_origin(0);
		paint_titles(a); /* after the panes: the article is laid out as drawn */
	}
	paint_status(a);
	refresh();
}

/* A mouse event: focus and select on a press, scroll on the wheel. */
static void mouse(struct app *a)
{
	MEVENT ev;
	if (getmouse(&ev) != OK || a->too_small || a->help || a->tagview)
		return;
	ev.y -= 1; /* the panes' rows start under the title line */
	/* a drag in the article selects; its release ends it, wherever */
	if (a->dragging) {
		int x = ev.x - a->px[P_ARTICLE], y = ev.y < 0 ? 0 : ev.y;
		if (ev.bstate & (REPORT_MOUSE_POSITION | BUTTON1_RELEASED))
			kb_caret_drag(a, y < a->body_rows ? y : a->body_rows - 1, x);
		if (ev.bstate & (BUTTON1_RELEASED | BUTTON1_CLICKED))
			kb_caret_release(a);
		if (ev.bstate & (REPORT_MOUSE_POSITION | BUTTON1_RELEASED | BUTTON1_CLICKED))
			return;
	}
	for (int p = 0; p < P_COUNT; p++) {
		if (!a->pw[p] || ev.x < a->px[p] || ev.x >= a->px[p] + a->pw[p] || ev.y < 0 ||
		    ev.y >= a->body_rows)
			continue;
		if (ev.bstate & BUTTON4_PRESSED) {
			panes[p]->wheel(a, -3);
		} else if (ev.bstate & (BUTTON5_PRESSED | 0x8000000L)) {
			panes[p]->wheel(a, 3);
		} else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
			a->focus = (enum pane)p;
			panes[p]->click(a, ev.y, ev.x - a->px[p]);
		}
	}
}

/* The background check has news: its progress on the status line; when
 * it is done, what it found read into the list and said. */
static void check_news(struct app *a)
{
	struct kb_check_report r;
	bool done = kb_check_poll(a->check, &r);
	if (!done) {
		if (r.walking)
			snprintf(a->check_status, sizeof(a->check_status), "%s",
				 _("looking for editions…"));
		else
			snprintf(a->check_status, sizeof(a->check_status), _("checking %zu/%zu files…"),
				 r.done, r.found);
		/* a first import: the editions show as they come, the first
		 * article as at a first start */
		if (r.added && !a->n_nodes && !a->results)
			kb_list_start(a);
		return;
	}
	a->check_done = true;
	a->check_status[0] = '\0';
	if ((r.added || r.updated) && !a->n_nodes && !a->results) {
		kb_list_start(a); /* a first import: as at a first start */
	} else if (r.added || r.updated) {
		const struct kb_row *row = kb_list_current(a);
		char *id = row ? strdup(row->id) : NULL;
		kb_list_reload(a, id);
		free(id);
	}
	char failed[120] = "", said[200];
	if (r.failed)
		snprintf(failed, sizeof(failed), _(", %zu failed (why: on leaving the reader)"),
			 r.failed);
	if (r.added || r.updated)
		snprintf(said, sizeof(said),
			 ngettext("checked %zu file: %zu new, %zu updated%s",
				  "checked %zu files: %zu new, %zu updated%s", r.found),
			 r.found, r.added, r.updated, failed);
	else
		snprintf(said, sizeof(said),
			 ngettext("checked %zu file: nothing new%s", "checked %zu files: nothing new%s",
				  r.found),
			 r.found, failed);
	/* a message not yet seen (no key since) stays, this one after it */
	if (a->msg[0]) {
		char keep[sizeof(a->msg)];
		snprintf(keep, sizeof(keep), "%s", a->msg);
		kb_message(a, a->msg_error || r.failed, "%.*s · %s", utf8_prefix(keep, 300), keep,
			   said);
	} else {
		kb_message(a, r.failed != 0, "%s", said);
	}
}

/* The key codes curses returns for a bracketed paste's begin and end (0:
 * none): codes no key of the terminal's has (its extended keys take codes
 * above KEY_MAX too), or the terminal's own when its terminfo names them
 * (paste_keys_define). */
static int paste_begin_code, paste_end_code;

/* One key from the terminal, waiting for it or not. The bytes are read
 * one by one (wgetch) and decoded here rather than by get_wch: ncurses'
 * get_wch pushes back bytes it cannot decode and reads them again, so one
 * invalid byte (0xFF, a lone 0x80, a cut E4 B8) would stop every key after
 * it, q included. While the background check runs (and no prompt is
 * open) the wait is on the terminal and the check's pipe together, with
 * curses asked first without waiting (it may hold bytes read ahead). */
static int read_key(struct app *a, bool wait)
{
	for (;;) {
		bool watch = wait && a->check && !a->check_done && !a->in_prompt;
		/* an article that reads itself after a while: wait no longer */
		int dwell = wait && !a->in_prompt ? kb_article_dwell_ms(a) : -1;
		bool by_poll = watch || dwell >= 0;
		if (!wait || by_poll)
			wtimeout(stdscr, 0);
		int c = wgetch(stdscr);
		if (!wait || by_poll)
			wtimeout(stdscr, -1);
		if (c == ERR && by_poll) {
			struct pollfd fds[2] = {{.fd = STDIN_FILENO, .events = POLLIN},
						{.fd = watch ? kb_check_fd(a->check) : -1,
						 .events = POLLIN}};
			int r = poll(fds, watch ? 2 : 1, dwell);
			if (r == 0)
				return 0; /* the dwell is over: kb_article_seen */
			if (r > 0 && watch && fds[1].revents) {
				check_news(a);
				kb_paint(a);
				return 0;
			}
			continue; /* a key, or a signal (SIGWINCH): curses reads it */
		}
		if (c == ERR)
			return 0;
		if (c == KEY_RESIZE) {
			kb_utf8_in_reset(&a->in);
			kb_geometry(a);
			kb_list_ensure(a); /* a taller list may need more rows */
			kb_paint(a);
			return 0;
		}
		if (c == KEY_MOUSE) {
			kb_utf8_in_reset(&a->in);
			if (!a->in_prompt) {
				mouse(a);
				kb_paint(a);
			}
			return 0;
		}
		if (c > 0xFF) {
			kb_utf8_in_reset(&a->in);
			if (c == paste_begin_code || c == paste_end_code)
				return c == paste_begin_code ? KB_KEY_PASTE : KB_KEY_PASTE_END;
			return KEY_FN(c);
		}
		bool again;
		do {
			int r = kb_utf8_in_feed(&a->in, (unsigned char)c, &again);
			if (r >= 0)
				return r;
		} while (again);
		/* more bytes of a character, or a dropped byte: read on */
	}
}

int kb_read_key(struct app *a)
{
	return read_key(a, true);
}

int kb_read_key_now(struct app *a)
{
	return read_key(a, false);
}

/* Bracketed paste. A paste taken a key at a time costs two system calls
 * a byte (ncurses reads one byte per read, after a poll): 7 s for a
 * megabyte. With the terminal's mode 2004 a paste comes between
 * PASTE_BEGIN and PASTE_END, so once curses has returned PASTE_BEGIN its
 * text is read here in blocks. Curses reads a byte at a time, only as far
 * as a key needs, so it holds nothing behind PASTE_BEGIN; the blocks are
 * small enough that what they read beyond PASTE_END goes back to curses
 * whole (ungetch: its queue takes 137). A paste that follows at once is
 * one paste with it; when keys come between, the keys go back up to that
 * paste's PASTE_BEGIN, and its text read with them waits in paste_carry
 * for the next kb_read_paste. */
#define PASTE_BEGIN "\033[200~"
#define PASTE_END "\033[201~"
enum { PASTE_MARK = 6, PASTE_BLOCK = 64 };
static struct {
	char b[PASTE_BLOCK];
	size_t n;
} paste_carry;
static size_t paste_matched; /* bytes of PASTE_END read so far */
static bool paste_on;

static void paste_keys_define(void)
{
	int next = KEY_MAX + 1;
	int *code[2] = {&paste_begin_code, &paste_end_code};
	const char *seq[2] = {PASTE_BEGIN, PASTE_END};
	for (int i = 0; i < 2; i++) {
		int have = key_defined(seq[i]);
		if (have > 0) {
			*code[i] = have;
			continue;
		}
		while (keyname(next) && next < KEY_MAX + 4096)
			next++;
		if (define_key(seq[i], next) == OK)
			*code[i] = next++;
	}
}

static void write_all(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

void kb_paste_mode(bool on)
{
	if (on == paste_on)
		return;
	paste_on = on;
	paste_carry.n = 0;
	paste_matched = 0;
	write_all(on ? "\033[?2004h" : "\033[?2004l", strlen("\033[?2004h"));
}

/* The terminal's bytes after a paste's end, b[0..n): back to curses (or,
 * from a paste that begins among them, into paste_carry). True when a
 * paste begins at once: the caller reads on. */
static bool paste_after(const char *b, size_t n)
{
	size_t at = 0;
	while (at + PASTE_MARK <= n && memcmp(b + at, PASTE_BEGIN, PASTE_MARK) != 0)
		at++;
	if (at == 0 && n >= PASTE_MARK)
		return true;
	size_t back = n;
	if (at + PASTE_MARK <= n) {
		back = at + PASTE_MARK;
		paste_carry.n = n - back;
		memcpy(paste_carry.b, b + back, paste_carry.n);
	}
	while (back > 0)
		ungetch((unsigned char)b[--back]);
	return false;
}

bool kb_read_paste(struct app *a, struct kb_buf *out)
{
	(void)a;
	double t0 = now_ms();
	for (;;) {
		char b[PASTE_BLOCK];
		size_t n;
		if (paste_carry.n) {
			n = paste_carry.n;
			memcpy(b, paste_carry.b, n);
			paste_carry.n = 0;
		} else {
			struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
			int r = poll(&p, 1, 1000);
			ssize_t got = r > 0 ? read(STDIN_FILENO, b, sizeof(b)) : r;
			if (got < 0 && errno == EINTR)
				continue; /* SIGWINCH: curses sees it at the next key */
			if (got <= 0) {
				/* a second and nothing: the paste is over */
				kb_buf_append(out, PASTE_END, paste_matched);
				paste_matched = 0;
				return true;
			}
			n = (size_t)got;
		}
		size_t from = 0; /* b[from..i) is text not yet appended */
		for (size_t i = 0; i < n; i++) {
			if (b[i] == PASTE_END[paste_matched]) {
				if (paste_matched == 0)
					kb_buf_append(out, b + from, i - from);
				from = i + 1;
				if (++paste_matched < PASTE_MARK)
					continue;
				paste_matched = 0;
				if (!paste_after(b + i + 1, n - i - 1))
					return true;
				i += PASTE_MARK; /* the next paste goes on this one */
				from = i + 1;
			} else if (paste_matched) {
				/* what looked like the end is text; b[i] again (only
				 * ESC, the first byte, can begin the end anew) */
				kb_buf_append(out, PASTE_END, paste_matched);
				paste_matched = 0;
				from = i--;
			}
		}
		kb_buf_append(out, b + from, n - from);
		if (now_ms() - t0 > 100)
			return false;
	}
}

/* The terminal as it was, on a fatal error: no paste mode left behind. */
static void end_terminal(void)
{
	kb_paste_mode(false);
	endwin();
}

void kb_ui_suspend(void)
{
	def_prog_mode();
	endwin();
}

void kb_ui_resume(struct app *a)
{
	reset_prog_mode();
	clearok(curscr, TRUE);
	kb_geometry(a);
}

/* An action, by the pane in focus or else by the reader. */
static void dispatch(struct app *a, enum action act, int slot)
{
	/* ↓ ↑ move the caret in the article, the cursor elsewhere */
	if (a->focus != P_ARTICLE && (act == ACT_CARET_DOWN || act == ACT_CARET_UP))
		act = act == ACT_CARET_DOWN ? ACT_MOVE_DOWN : ACT_MOVE_UP;
	int r = panes[a->focus]->action(a, act, slot);
	if (r < 0)
		kb_global_action(a, act, slot);
}

/* The command line (:): an action by its name, as its key would run it;
 * what follows the name answers the prompt the action asks (":search 黄河",
 * ":tag 人物 -待核"); quick-tag takes its slot (":quick-tag 3"). */
static void command(struct app *a)
{
	a->in_prompt = true;
	char *line = kb_prompt(a, ":", NULL, &kb_complete_commands);
	a->in_prompt = false;
	if (!line)
		return;
	char *name = line + strspn(line, " ");
	char *rest = name + strcspn(name, " ");
	if (*rest)
		*rest++ = '\0';
	rest += strspn(rest, " ");
	for (size_t l = strlen(rest); l && rest[l - 1] == ' ';)
		rest[--l] = '\0';
	int slot = 0;
	enum action act = *name ? kb_action_by_name(name, &slot) : ACT_NONE;
	if (act == ACT_QUICK_TAG && slot == 0 && *rest >= '1' && *rest <= '9' && !rest[1]) {
		slot = *rest - '0';
		rest += 1;
	}
	if (!*name) {
		/* nothing typed: nothing done */
	} else if (act == ACT_NONE || act == ACT_COMMAND || (act == ACT_QUICK_TAG && !slot)) {
		const char *near = act == ACT_QUICK_TAG ? "quick-tag 1" : kb_action_closest(name);
		if (near)
			kb_message(a, true, _("no action \"%s\"; did you mean \"%s\" (? lists them)"),
				   name, near);
		else
			kb_message(a, true, _("no action \"%s\" (? lists them)"), name);
	} else {
		a->preset = *rest ? strdup(rest) : NULL;
		dispatch(a, act, slot);
		if (a->preset) { /* the action asked nothing */
			kb_message(a, true, _("%s takes nothing after it: \"%s\" ignored"), name,
				   a->preset);
			free(a->preset);
			a->preset = NULL;
		}
	}
	free(line);
}

/* One key press: update state (painting follows). */
static void handle(struct app *a, int key)
{
	a->msg[0] = '\0';
	if (a->help) {
		enum action act = kb_keys_action(key, NULL);
		if (act == ACT_MOVE_DOWN || act == ACT_CARET_DOWN)
			a->help_top++;
		else if ((act == ACT_MOVE_UP || act == ACT_CARET_UP) && a->help_top > 0)
			a->help_top--;
		else if (act == ACT_QUIT || act == ACT_QUIT_NOW || act == ACT_HELP || key == 27)
			a->help = false;
		return;
	}
	if (a->tagview && !a->too_small) {
		kb_tagview_key(a, key);
		return;
	}
	if (a->too_small) {
		enum action q = kb_keys_action(key, NULL);
		if (q == ACT_QUIT || q == ACT_QUIT_NOW)
			a->quit = true;
		return;
	}
	if (a->selecting && a->art && kb_article_select_key(a, key))
		return;
	int slot = 0;
	enum action act = kb_keys_action(key, &slot);
	if (act == ACT_COMMAND)
		command(a);
	else if (act != ACT_NONE)
		dispatch(a, act, slot);
}

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"); 0 when unknown. */
static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = 0;
	size_t n = strlen(field);
	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kb = strtol(line + n + 1, NULL, 10);
	if (f)
		fclose(f);
	return kb;
}

/* Benchmark mode (KANBAO_BENCH=FILE): after the first complete screen,
 * write the time since start and the memory held; time moving in the list
 * (j down across the window's edges, G to the last issue, unfolding
 * it, k up from there, g back); open the first article of the first edition, time laying
 * it out and drawing it, then the work of one key press while scrolling it
 * (average of 400); wait for the background check (kanbao PATH) and say
 * when it ended; the peak of memory held, and quit. */
static void bench(struct app *a, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "first complete screen: %.2f ms after start\n", now_ms() - t_start);
	fprintf(f, "memory at the first screen: %.1f MB RSS\n", (double)status_kb("VmRSS") / 1024);
	int n = 400;
	double t0 = now_ms();
	for (int i = 0; i < n; i++) {
		handle(a, 'j');
		kb_paint(a);
	}
	fprintf(f, "list, j: %.3f ms per key press (average of %d)\n", (now_ms() - t0) / n, n);
	t0 = now_ms();
	handle(a, 'G');
	kb_paint(a);
	fprintf(f, "list, G: %.2f ms\n", now_ms() - t0);
	t0 = now_ms();
	handle(a, KEY_FN(KEY_RIGHT)); /* unfold the last issue (its pages read) */
	kb_paint(a);
	fprintf(f, "list, unfold an issue (→): %.2f ms\n", now_ms() - t0);
	t0 = now_ms();
	for (int i = 0; i < n; i++) {
		handle(a, 'k');
		kb_paint(a);
	}
	fprintf(f, "list, k from the end: %.3f ms per key press (average of %d)\n",
		(now_ms() - t0) / n, n);
	handle(a, 'g');
	a->cur = 0;
	while (a->cur < a->n_vis && !kb_list_current(a))
		a->cur++;
	kb_list_open_current(a);
	a->focus = P_ARTICLE;
	kb_geometry(a);
	if (a->art) {
		size_t chars = 0;
		for (const char *p = a->art->text; *p; p++)
			chars += ((unsigned char)*p & 0xC0) != 0x80;
		t0 = now_ms();
		kb_article_layout(a, a->pw[P_ARTICLE] - 1);
		kb_paint(a);
		fprintf(f, "article of %zu characters: laid out (%zu lines) and drawn in %.2f ms\n",
			chars, a->n_lines, now_ms() - t0);
		t0 = now_ms();
		for (int i = 0; i < n; i++) {
			handle(a, 'j');
			kb_paint(a);
		}
		fprintf(f, "scrolling: %.3f ms per key press (average of %d)\n", (now_ms() - t0) / n, n);
	}
	while (a->check && !a->check_done) {
		struct pollfd p = {.fd = kb_check_fd(a->check), .events = POLLIN};
		if (poll(&p, 1, -1) > 0)
			check_news(a);
	}
	if (a->check) {
		struct kb_check_report r;
		kb_check_poll(a->check, &r);
		fprintf(f, "background check: %zu files (%zu new, %zu updated, %zu unchanged, %zu"
			   " failed) in %.0f ms, done %.0f ms after start\n",
			r.found, r.added, r.updated, r.unchanged, r.failed, r.ms, now_ms() - t_start);
	}
	fprintf(f, "peak memory: %.1f MB RSS\n", (double)status_kb("VmHWM") / 1024);
	fclose(f);
	a->quit = true;
}

static void warn_key(void *ctx, const char *msg)
{
	struct app *a = ctx;
	kb_message(a, true, "%s", msg);
}

int kb_ui_run(struct kb_store *s, const struct kb_config *cfg, struct kb_theme *theme,
	      const struct kb_ui_paths *check)
{
	const char *cs = nl_langinfo(CODESET);
	if (!cs || (strcmp(cs, "UTF-8") != 0 && strcmp(cs, "utf8") != 0)) {
		fprintf(stderr,
			_("kanbao: the reader needs a UTF-8 locale (this one is %s);"
			  " try LANG=C.UTF-8 kanbao\n"),
			cs ? cs : "unknown");
		return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s", _("kanbao: the reader needs a terminal; use the subcommands"
					 " (kanbao --help) in scripts\n"));
		return -1;
	}
	if (!terminal_usable())
		return -1;
	struct app a;
	memset(&a, 0, sizeof(a));
	a.store = s;
	a.cfg = cfg;
	a.theme = theme;
	a.ambi_double = cfg && cfg->ambiwidth == KB_AMBI_DOUBLE;
	a.find_at = SIZE_MAX;
	a.mouse = !cfg || cfg->mouse;
	if (!kb_list_init(&a)) {
		fprintf(stderr, "kanbao: %s\n", kb_store_error(s));
		return 1;
	}
	/* newterm, not initscr: initscr ends the process itself when it fails */
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, _("kanbao: cannot start the terminal (TERM=%s)\n"), getenv("TERM"));
		kb_list_finish(&a);
		return 1;
	}
	kb_fatal_hook = end_terminal;
	raw();
	noecho();
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE); /* all eight bits of every byte: UTF-8 is decoded here */
	set_escdelay(25);
	paste_keys_define();
	curs_set(0);
	if (has_colors() && !getenv("NO_COLOR")) {
		start_color();
		use_default_colors();
		kb_theme_fit(theme, COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : 8);
	} else {
		kb_theme_monochrome(theme);
	}
	kb_draw_theme(theme);
	if (a.mouse)
	{
		/* presses and releases as they come (no click detection, which
		 * holds a press back), and the pointer's moves: a drag selects */
		mouseinterval(0);
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON1_CLICKED | BUTTON4_PRESSED |
				  BUTTON5_PRESSED | REPORT_MOUSE_POSITION,
			  NULL);
	}
	kb_keys_configure(cfg, warn_key, &a);
	a.focus = P_LIST;
	kb_geometry(&a);
	if (a.n_nodes == 0 && !(check && check->n))
		kb_message(&a, false, "%s", _("the library is empty: kanbao import PATH, or kanbao PATH"));
	if (check && check->problems)
		kb_message(&a, true, "%s", check->problems);
	/* where the reader left off in this library; the first time, the
	 * newest issue's first unread article (shown, not read): the screen
	 * is never empty */
	a.db_path = check ? check->db : NULL;
	a.starting = true; /* the window reads its margins after the first screen */
	struct kb_saved last;
	if (a.db_path && kb_state_load(a.db_path, &last) && kb_list_resume(&a, &last)) {
		a.atop = last.line; /* kept in range when laid out */
	} else if (a.n_nodes) {
		kb_list_start(&a);
	}
	if (check && check->n)
		snprintf(a.check_status, sizeof(a.check_status), "%s", _("looking for editions…"));
	kb_paint(&a);
	a.starting = false;
	/* after the first screen: the check of the PATHs, and the rows around
	 * the cursor beyond that screen */
	if (check && check->n) {
		char err[300];
		a.check = kb_check_start(check->db, check->paths, check->n, err, sizeof(err));
		if (!a.check) {
			a.check_status[0] = '\0';
			kb_message(&a, true, _("the files were not checked: %s"), err);
		}
	}
	kb_list_ensure(&a);
	if (getenv("KANBAO_BENCH"))
		bench(&a, getenv("KANBAO_BENCH"));
	while (!a.quit) {
		/* the counts, once what they count is on the screen; the article
		 * read once its end was shown (or its dwell is over): all three
		 * asked, each may have news */
		bool news = kb_results_count(&a);
		news = kb_window_count(&a) || news;
		news = kb_article_seen(&a) || news;
		if (news)
			kb_paint(&a);
		int key = kb_read_key(&a);
		if (key == 0)
			continue;
		handle(&a, key);
		kb_paint(&a);
	}
	if (a.art && a.db_path) {
		struct kb_saved at = {.line = a.atop, .listing = a.results, .search = a.res_query != NULL};
		snprintf(at.id, sizeof(at.id), "%s", a.art->id);
		snprintf(at.query, sizeof(at.query), "%s",
			 a.res_query ? a.res_query : a.res_tag ? a.res_tag : "");
		snprintf(at.view, sizeof(at.view), "%s", a.res_name ? a.res_name : "");
		kb_state_save(a.db_path, &at);
	}
	endwin();
	delscreen(scr);
	kb_fatal_hook = NULL;
	kb_check_finish(a.check, stderr); /* its problems, now that stderr is the terminal's */
	kb_tagview_close(&a);
	kb_article_close(&a);
	for (size_t i = 0; i < a.n_pos; i++)
		free(a.pos_id[i]);
	free(a.pos_id);
	free(a.pos_top);
	free(a.lines);
	kb_changes_free(&a);
	kb_list_finish(&a);
	return 0;
}

/* term.h names every terminfo capability as a macro (lines, columns, tab
 * ...), so it comes last, for the one function that needs it. */
#include <term.h>

/* Can the reader drive this terminal? Asked of terminfo before curses
 * starts, so that each way it cannot gets its own message and exit status
 * (initscr would print its own and end the process, and newterm leaks its
 * screen when TERM is unknown): TERM unset, a TERM without a terminfo
 * entry, or a terminal that cannot place the cursor (dumb, hardcopy),
 * where the panes would be written one after another as a stream. */
static bool terminal_usable(void)
{
	const char *term = getenv("TERM");
	const char *hint = _("set TERM to your terminal's type (e.g. TERM=xterm-256color), or use"
			     " the subcommands (kanbao --help)");
	if (!term || !*term) {
		fprintf(stderr,
			_("kanbao: TERM is not set, so the reader cannot tell how to draw on"
			  " this terminal; %s\n"),
			hint);
		return false;
	}
	int err = 0;
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		if (err == 0)
			fprintf(stderr,
				_("kanbao: the terminal type TERM=%s is not known here (no"
				  " terminfo entry); %s\n"),
				term, hint);
		else
			fprintf(stderr, _("kanbao: cannot read the terminfo database for TERM=%s; %s\n"),
				term, hint);
		return false;
	}
	const char *cup = tigetstr("cup");
	bool ok = cup && cup != (const char *)-1 && tigetflag("hc") <= 0 && tigetflag("gn") <= 0;
	del_curterm(cur_term);
	if (!ok)
		fprintf(stderr,
			_("kanbao: the terminal (TERM=%s) cannot move the cursor, which the"
			  " reader's panes need; %s\n"),
			term, hint);
	return ok;
}
