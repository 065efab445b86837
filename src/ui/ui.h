/* SPDX-License-Identifier: MIT */
/*
 * Internals of the reader shared by src/ui/ files: the application state,
 * the key table's actions, the panes as tables of callbacks, drawing
 * helpers. Update, then paint: keys change state and return flags; one
 * paint function draws the whole screen from state.
 */
#ifndef KANBAO_UI_INT_H
#define KANBAO_UI_INT_H

#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kanbao/config.h"
#include "kanbao/i18n.h"
#include "kanbao/layout.h"
#include "kanbao/store.h"
#include "kanbao/util.h"

/* ---- actions and keys (keys.c) ---- */

/* Each action: its id, its name (the config's and the command line's, never
 * translated), its default keys, and its help text, marked with N_() for the
 * catalogue: the help screen shows it translated, `kanbao --help-keys`
 * prints it as written (the man page is made from that output). */

#define KB_ACTIONS(_) \
	_(MOVE_DOWN, "move-down", "j", N_("next row / scroll down (selecting: a line down)")) \
	_(MOVE_UP, "move-up", "k", N_("previous row / scroll up (selecting: a line up)")) \
	_(NEXT_ARTICLE, "next-article", "J", N_("open the next article")) \
	_(PREV_ARTICLE, "prev-article", "K", N_("open the previous article")) \
	_(OPEN, "open", "Enter", N_("open the article or saved view; fold or unfold a paper, issue or page")) \
	_(NEXT_PANE, "next-pane", "Tab", N_("focus the next pane")) \
	_(PREV_PANE, "prev-pane", "S-Tab", N_("focus the previous pane")) \
	_(PAGE_DOWN, "page-down", "Space PgDn", N_("page down")) \
	_(PAGE_UP, "page-up", "PgUp", N_("page up")) \
	_(TOP, "top", "g Home", N_("go to the top")) \
	_(BOTTOM, "bottom", "G End", N_("go to the bottom")) \
	_(TAG, "tag", "t", N_("tag the article (several tags: spaces between)")) \
	_(TAG_ALL, "tag-all", "T", N_("tag every article of the search or filter")) \
	_(NOTE, "note", "n", N_("edit the article's note (n: next match while finding)")) \
	_(NOTE_EDITOR, "note-editor", "N", N_("edit the note in $VISUAL/$EDITOR (N: previous match)")) \
	_(SELECT, "select", "v", N_("start selecting at the caret (after a find: its match)")) \
	_(HIGHLIGHT, "highlight", "h", N_("highlight the selection, with an optional note")) \
	_(DELETE, "delete", "d", N_("delete the annotation under the cursor")) \
	_(UNDO, "undo", "u", N_("undo the last annotation change")) \
	_(REDO, "redo", "C-r", N_("redo")) \
	_(FIND, "find", "/", N_("find in the article")) \
	_(SEARCH, "search", "s", N_("search the library")) \
	_(FILTER, "filter", "f", N_("narrow the list: words, tag:X -tag:X date: page: paper: unread")) \
	_(TOGGLE_READ, "toggle-read", "r", N_("mark read or unread (on a page or an issue: all its articles)")) \
	_(UNFOLD, "unfold", "Right l", N_("unfold the paper, issue or page (unfolded: step into it); article: caret right")) \
	_(FOLD, "fold", "Left", N_("fold the paper, issue or page (folded: the level above); article: caret left")) \
	_(FOLD_ALL, "fold-all", "z", N_("fold every issue (again: every paper)")) \
	_(NEXT_UNREAD, "next-unread", "]", N_("open the next unread article, across pages and issues")) \
	_(PREV_UNREAD, "prev-unread", "[", N_("open the previous unread article")) \
	_(EXPORT, "export", "e", N_("export the article (or the listed results) as Markdown")) \
	_(TAGS, "tags", "#", N_("every tag with its count: list, rename or merge (R), delete (D)")) \
	_(COMMAND, "command", ":", N_("run an action by its name (:tags, :search 黄河, :tag 人物 -待核); Tab completes")) \
	_(HELP, "help", "?", N_("show this help")) \
	_(REDRAW, "redraw", "C-l", N_("redraw the screen")) \
	_(SUSPEND, "suspend", "C-z", N_("suspend kanbao (fg brings it back)")) \
	_(QUIT, "quit", "q", N_("back one level: to the list, to the issues, then quit")) \
	_(QUIT_NOW, "quit-now", "C-c", N_("quit at once (everything is saved as it is made)")) \
	_(QUICK_TAG, "quick-tag", "1-9", N_("toggle the quick tag of that slot")) \
	_(CARET_DOWN, "caret-down", "Down", N_("next row / the caret a line down")) \
	_(CARET_UP, "caret-up", "Up", N_("previous row / the caret a line up")) \
	_(WORD_NEXT, "word-next", "w", N_("the caret to the next word")) \
	_(WORD_PREV, "word-prev", "b", N_("the caret to the previous word")) \
	_(SENTENCE_NEXT, "sentence-next", ")", N_("the caret to the next sentence")) \
	_(SENTENCE_PREV, "sentence-prev", "(", N_("the caret to this or the previous sentence")) \
	_(PARA_NEXT, "paragraph-next", "}", N_("the caret to the next paragraph")) \
	_(PARA_PREV, "paragraph-prev", "{", N_("the caret to this or the previous paragraph")) \
	_(SWAP_ENDS, "other-end", "o", N_("selecting: the caret to the selection's other end")) \
	_(HL_COLOR, "highlight-color", "c", N_("the colour, in turn yellow red green blue purple: of the highlight (notes pane) or the one being selected"))

enum action {
	ACT_NONE,
#define ACT_ENUM(id, name, keys, help) ACT_##id,
	KB_ACTIONS(ACT_ENUM)
#undef ACT_ENUM
	ACT_COUNT
};

/* Keys: Unicode characters as themselves, curses function keys above
 * Unicode's range. */
#define KEY_FN(k) (0x110000 + (k))

/* The action bound to key (quick tags: *slot gets 1..9). */
enum action kb_keys_action(int key, int *slot);
/* Apply the config's bindings; bad ones reported via warn. */
void kb_keys_configure(const struct kb_config *cfg, void (*warn)(void *, const char *), void *ctx);
/* Bytes from the terminal decoded as UTF-8 one at a time. A byte that
 * cannot be UTF-8 (0xFF, a lone 0x80, a sequence cut by the next key) is
 * dropped on its own, so it can never hold up the keys after it. */
struct kb_utf8_in {
	uint32_t cp;          /* the code point so far */
	unsigned need;        /* continuation bytes still expected */
	unsigned char lo, hi; /* the range the next continuation byte must be in */
};
enum { KB_IN_MORE = -1, KB_IN_BAD = -2 };
/* Feed one byte: a code point when one is complete, KB_IN_MORE while a
 * sequence is open, KB_IN_BAD when the bytes so far are not UTF-8 (they
 * are dropped). *refeed is set when byte cut an open sequence short: feed
 * it again, as the start of the next. */
int kb_utf8_in_feed(struct kb_utf8_in *d, unsigned char byte, bool *refeed);
/* Drop an open sequence (a function key came between its bytes). */
void kb_utf8_in_reset(struct kb_utf8_in *d);

/* The keys bound to an action now (after the config), as the config
 * names them. */
void kb_keys_describe(enum action act, char *buf, size_t n);
/* Name of an action, its default keys and help text. */
const char *kb_action_name(enum action a);
/* The action a name of the config or the command line stands for
 * (quick-tag-N: its slot in *slot); ACT_NONE when none. */
enum action kb_action_by_name(const char *name, int *slot);
/* The action name a mistyped one most likely meant, or NULL. */
const char *kb_action_closest(const char *name);
const char *kb_action_keys(enum action a);
/* The help text in English, as written in the table (translate it with
 * _() where the reader shows it). */
const char *kb_action_help(enum action a);

/* ---- drawing (draw.c) ---- */

/* Set up colour pairs for the theme (after start_color). */
void kb_draw_theme(const struct kb_theme *t);
/* Draw s[0..n) at row y from column x, clipped to x_end (exclusive), in
 * style; characters go through kb_display_cp; a wide character that would
 * cross x_end is replaced by a blank. Returns the column after the text. */
int kb_draw_text(int y, int x, int x_end, const char *s, size_t n, enum kb_style style);
/* Fill columns [x, x_end) of row y with blanks in style. */
void kb_draw_fill(int y, int x, int x_end, enum kb_style style);
/* The curses attributes of a style. */
attr_t kb_draw_attr(enum kb_style style, short *pair);
/* Draw the rows that follow y rows lower (0: the screen's own rows): the
 * panes draw from their row 0 under their title line. */
void kb_draw_origin(int y);

/* ---- the application ---- */

enum pane { P_LIST, P_ARTICLE, P_NOTES, P_COUNT };

/* A row of the left pane. node indexes the window (app.nodes), edition
 * its editions, article the edition's articles; a result's article
 * indexes app.res, a view's app.cfg->views. */
enum row_kind {
	R_PAPER,   /* a paper (when the library has more than one) */
	R_ISSUE,   /* one date of a paper, or its editions without a date */
	R_EDITION, /* a page */
	R_ARTICLE,
	R_RESULT,  /* a search's or a filter's result */
	R_SNIPPET, /* the line of text under a search's result */
	R_VIEW,    /* a saved view of the config, above the tree */
};
struct row_ref {
	enum row_kind kind;
	size_t node, edition, article;
};

/* An edition held in the list's window, with its articles once unfolded. */
struct win_ed {
	struct kb_edition_row e; /* owned (its strings) */
	struct kb_rows arts;     /* its articles, read when first unfolded */
	bool loaded;             /* arts has been read */
	bool open;               /* unfolded */
	size_t row;              /* index of its row in app.vis, as last built */
};

/* A node of the window: an issue, with its editions once unfolded; or,
 * while its paper is folded, the paper standing for all its issues. */
struct win_node {
	struct kb_issue_row is; /* owned; a folded paper's: one of its issues */
	bool paper;             /* a folded paper */
	struct win_ed *eds;     /* its editions, read when first unfolded */
	size_t n_eds;
	bool loaded, open;
	size_t row;  /* index of its issue's row (a folded paper's: its row) */
	size_t prow; /* its paper's row above it, or SIZE_MAX */
};

/* A set of keys (issues unfolded, papers folded). */
struct key_set {
	char **v;
	size_t n, cap;
};

/* A place in the tree, to come back to after the window was read anew:
 * the cursor's node (its key), its row in that node (or on the node's
 * paper row) and on the screen. */
struct place {
	char *key; /* owned */
	size_t in_node, on_screen;
	bool on_paper;
	bool set;
	size_t view; /* the cursor was on saved view view - 1 (0: not on one) */
};

/* A display line of the article pane. */
struct dline {
	enum kb_style style;
	int block;       /* block index, -1 for the header lines */
	size_t start, end; /* bytes of the source: article text for blocks,
			    * else the header string */
	const char *src;   /* header lines: the string; blocks: NULL */
	int indent;
};

/* An undoable annotation change. */
struct change {
	enum { CH_TAG, CH_UNTAG, CH_NOTE, CH_HL_ADD, CH_HL_DEL, CH_READ, CH_BATCH, CH_HL_NOTE,
	       CH_HL_COLOR } kind;
	char *id;
	char *tag;             /* CH_TAG, CH_UNTAG */
	char *before, *after;  /* CH_NOTE, CH_HL_NOTE: note texts (NULL: none);
				* CH_HL_COLOR: colours (NULL: yellow) */
	size_t start, end;     /* CH_HL_*: the passage */
	char *hl_note;
	int64_t hid;           /* CH_HL_*: current highlight id */
	bool read;             /* CH_READ: the new state */
	unsigned group;        /* the changes of one action share it: one undo */
	struct kb_change batch; /* CH_BATCH: what the store changed, exactly */
};

struct app {
	struct kb_store *store;
	const struct kb_config *cfg;
	struct kb_theme *theme;
	bool ambi_double;
	int rows, cols;
	/* geometry: pane columns; a pane with width 0 is folded away */
	int px[P_COUNT], pw[P_COUNT];
	int body_rows; /* rows for panes (screen minus status line) */
	enum pane focus;
	bool too_small;
	/* left pane: a window of a few screens of the tree (issues) around
	 * the cursor, read from the store a screen at a time (window.c), so a
	 * library of 100,000 editions costs what one of 1,000 does */
	struct win_node *nodes;
	size_t n_nodes, cap_nodes;
	size_t node_base;          /* issues before nodes[0] in the tree's order */
	size_t is_total;           /* issues in the library, as last counted */
	bool is_counted;           /* is_total has been counted */
	bool at_first, at_last;    /* the window holds the first / the last issue */
	bool many_papers;          /* the library holds more than one paper */
	int64_t *unfolded;         /* ids of the editions unfolded, in or out of the window */
	size_t n_unfolded, cap_unfolded;
	struct key_set open_issues;   /* the issues unfolded */
	struct key_set folded_papers; /* the papers folded */
	struct kb_paper_row *papers;  /* the counts of papers shown, once read */
	size_t n_papers, cap_papers;
	size_t *view_count;           /* each saved view's unread articles, once counted */
	bool views_counted;
	struct row_ref *vis; /* visible rows */
	size_t n_vis, cap_vis;
	size_t cur, top;
	/* search results or a tag filter replace the tree while active; they
	 * too are a window, read a chunk at a time (results.c) */
	bool results;
	struct place tree_place; /* where the tree's cursor was, to come back to */
	struct kb_rows res;  /* the results held */
	size_t res_off;      /* results before res.v[0] or, res_from_end, after the last held */
	bool res_from_end;   /* res_off counts from the end (after G) */
	bool res_first, res_last; /* the first / the last result is held */
	size_t res_total;    /* how many results there are, when known (res_known) */
	bool res_known;
	bool res_count_tried; /* kb_results_count asked the store */
	char *res_query;     /* the text of a search (s), or NULL for a filter */
	char *res_tag;       /* the text of a filter (f); both in the query syntax */
	char *res_name;      /* the saved view listed, or NULL */
	struct kb_query *res_q; /* that text, parsed (owned) */
	/* the position of the open article in its edition, for the status
	 * line (0: not known), found when it was opened */
	size_t art_idx, art_n;
	/* the background check of the PATHs kanbao was started with (check.c) */
	struct kb_check *check;
	bool check_done;        /* it has ended (the thread is joined on quitting) */
	char check_status[160]; /* its progress, shown while it runs */
	/* the article */
	struct kb_full *art;
	struct dline *lines;
	size_t n_lines, cap_lines;
	int lines_width; /* width the lines were laid out for */
	size_t atop;     /* first visible line */
	size_t *block_off; /* byte offset of each block in art->text */
	/* the caret and the selection in the article: byte offsets into
	 * art->text, each at a character's start (caret.c); the selection
	 * holds the characters at both ends, sel_b is the caret's end */
	size_t caret;
	bool caret_set;
	bool selecting;
	size_t sel_a, sel_b;
	int sel_color;   /* the colour the selection's highlight takes (an index
			  * of kb_highlight_colors; the last one chosen) */
	bool dragging;     /* the mouse's button is down in the article */
	size_t drag_from;  /* where it went down */
	/* find in the article */
	char *find;
	size_t find_at; /* byte offset of the current match, SIZE_MAX none */
	size_t *find_hits; /* byte offsets of every match, ascending */
	size_t n_find_hits;
	/* remembered reading positions: article id -> top line */
	char **pos_id;
	size_t *pos_top;
	size_t n_pos, cap_pos;
	/* annotations pane */
	size_t ncur;
	int notes_row_at[512]; /* screen row -> annotation row (-1: none), as drawn */
	/* undo */
	struct change *undo, *redo;
	size_t n_undo, cap_undo, n_redo, cap_redo;
	unsigned group_seq; /* the last group given */
	bool in_group;      /* changes recorded now join group group_seq */
	/* status */
	char msg[512];
	bool msg_error;
	bool help;
	size_t help_top;
	/* the tag view (tagview.c) */
	bool tagview;
	struct kb_tag_count *tv;
	size_t tv_n, tv_cur, tv_top;
	bool quit;
	char *preset;    /* the next prompt's answer (a command's argument) */
	bool in_prompt;  /* mouse events are ignored while typing */
	bool mouse;
	bool previewing; /* the article opens as the cursor passes: not read */
	bool read_pending; /* the article was opened for reading: read once its
			    * end has been shown, or after the config's dwell */
	double opened_ms;  /* when (monotonic ms) */
	const char *db_path; /* the library's path as given, for where it left off */
	bool starting;       /* before the first screen: read only what it shows */
	struct kb_utf8_in in; /* a character the terminal is still sending */
};

/* The rows of one result: a search's has its snippet's line under it. */
static inline size_t kb_results_per_row(const struct app *a)
{
	return a->res_q && a->res_q->words ? 2 : 1;
}

/* Flags returned by key handlers. */
enum { F_NONE = 0, F_REDRAW = 1, F_QUIT = 2 };

/* The pane table: each pane draws itself and handles the actions it
 * understands (returning F_* flags, or -1 when it does not handle it). */
struct pane_ops {
	const char *name;                          /* for the status line (N_: shown translated) */
	void (*draw)(struct app *a, int x, int w); /* paint the pane's columns */
	int (*action)(struct app *a, enum action act, int slot); /* act on a key */
	void (*click)(struct app *a, int y, int x); /* mouse press at (y, x) in the pane */
	void (*wheel)(struct app *a, int lines);  /* wheel */
};

extern const struct pane_ops kb_list_pane, kb_article_pane, kb_notes_pane;

/* state.c: where the reader left off in a library (its path as given):
 * the article, the first line shown, and the listing it was opened from
 * (a search's or a filter's query, and the saved view's name). */
struct kb_saved {
	char id[64];
	size_t line;
	bool listing; /* the results of query were listed */
	bool search;  /* a search (else a filter) */
	char query[1024];
	char view[256];
};
/* False when the reader has not been in that library. */
bool kb_state_load(const char *db, struct kb_saved *out);
/* Remember it, when the reader quits. */
void kb_state_save(const char *db, const struct kb_saved *at);

/* labels.c: 第2版 for page "2", A05版, a page name as it is ("" for none) */
const char *kb_page_label(const char *page, char *buf, size_t n);
/* 人民日报 2019-02-15 第3版: the parts there are, spaced ("" for none) */
const char *kb_edition_place(const char *paper, const char *date, const char *page, char *buf,
			     size_t n);
/* 周六 for "2021-02-27" ("" when date is not a date) */
const char *kb_weekday(const char *date);

/* list.c: the left pane */
bool kb_list_init(struct app *a);
void kb_list_finish(struct app *a);
/* The visible rows again, from the window or the results held. */
void kb_list_rebuild(struct app *a);
/* The article row under the cursor, or NULL (an edition row). */
const struct kb_row *kb_list_current(struct app *a);
/* The article (or result) of row i, or NULL. */
struct kb_row *kb_list_row(struct app *a, size_t i);
/* Open the article under the cursor in the article pane. */
void kb_list_open_current(struct app *a);
/* Show the article under the cursor in the article pane, without moving
 * the focus or marking it read (as the cursor moves; config preview). */
void kb_list_preview(struct app *a);
/* article.c: find the first of a search's words (space-separated) in the
 * article open: every hit marked, the first shown, n/N step (a search's
 * result opened). */
void kb_article_find_words(struct app *a, const char *words);
/* Monotonic milliseconds (app.c). */
double kb_now_ms(void);
/* article.c: mark the article open for reading read when its end has
 * been on the screen, or it has been open read-after seconds (config);
 * true when it did (the screen is to be painted again). */
bool kb_article_seen(struct app *a);
/* Milliseconds until the dwell marks it read, or -1 (no dwell pending). */
int kb_article_dwell_ms(const struct app *a);

/* Put the list's cursor on article id (its edition unfolded, read into
 * the window if need be; results are left) and show it in the article
 * pane, as a preview (not read) or opened. False when there is no such
 * article. */
bool kb_list_goto_article(struct app *a, const char *id, bool preview);
/* Back where the reader left off: the listing it had (a search, a
 * filter, a view) with the cursor on the article, or the article in the
 * tree. False when the article is not in the library. */
bool kb_list_resume(struct app *a, const struct kb_saved *at);
/* Where a first start (or a first import) puts the reader: the newest
 * issue's first unread article, shown, the cursor on its edition's row. */
void kb_list_start(struct app *a);
/* Move to the next/previous article row and open it. */
void kb_list_step_article(struct app *a, int dir);
/* Read the editions and their articles again (another process imported
 * meanwhile), keeping which editions are unfolded and the cursor's place;
 * the cursor goes to the row of article id (may be NULL) when it is
 * listed. */
void kb_list_reload(struct app *a, const char *id);
/* Find the open article's place in its edition (art_idx of art_n), when
 * the edition is in the window with its articles read. */
void kb_list_locate(struct app *a);
/* Refresh the row of article id (tags, read) from the store. */
void kb_list_refresh_row(struct app *a, const char *id);
/* Show the results of a search (query) or a tag filter (tag) instead of
 * the tree, or the tree again (both NULL). False, with a message, when the
 * store fails (what was shown stays). */
bool kb_list_show_results(struct app *a, const char *query, const char *tag);
/* After the cursor moved or the screen was resized: read more rows when
 * the cursor nears an edge of what is held, drop those far from it. */
void kb_list_ensure(struct app *a);
/* The cursor's place in the listing (1-based) and the listing's length,
 * for the status line; *more when there are more than *total. False when
 * the place is not known. */
bool kb_list_position(const struct app *a, size_t *pos, size_t *total, bool *more);

/* What the list's windows (editions, results) read at a time: two
 * screens, at least 64; and the rows they keep read beyond the cursor on
 * each side: two screens, so a page up or down (or a taller screen) finds
 * its rows. */
static inline size_t kb_list_chunk(const struct app *a)
{
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 24;
	return rows * 2 > 64 ? rows * 2 : 64;
}
static inline size_t kb_list_margin(const struct app *a)
{
	size_t rows = a->body_rows > 0 ? (size_t)a->body_rows : 24;
	return 2 * rows + 2;
}

/* window.c: the tree around the cursor */
/* Read the first issues; not yet counted. */
bool kb_window_init(struct app *a);
void kb_window_finish(struct app *a);
/* Read a screen of issues beyond the window's end (or, backward, before
 * its start); the cursor stays on its row. Returns the rows added, 0 at
 * the library's end (or start) or on failure. */
size_t kb_window_grow(struct app *a, bool backward);
/* Enough rows around the cursor, and no more than a few screens. */
void kb_window_ensure(struct app *a);
/* Go to the first (end: the last) row of the library. */
void kb_window_jump(struct app *a, bool end);
/* Fold every issue and edition (the cursor on its issue's row); when all
 * are folded, every paper. */
void kb_window_fold_all(struct app *a);
/* Unfold the issue key (its paper too) and the edition id, in the window
 * or not yet. */
void kb_window_unfold_issue(struct app *a, const char *key);
void kb_window_unfold_id(struct app *a, int64_t id);
/* Fold (or unfold) the paper of the window's node: the window is read
 * again around the paper's row. */
void kb_window_fold_paper(struct app *a, size_t node, bool fold);
/* Count the issues (and the papers shown) when not yet counted, once the
 * first screen is shown; true when there are new counts to paint. */
bool kb_window_count(struct app *a);
/* See kb_list_reload. */
void kb_window_reload(struct app *a, const char *id);
/* The cursor's place; false (p->set false) when the tree is empty. */
bool kb_window_place(const struct app *a, struct place *p);
/* Read the window anew around p (NULL or unset: the start), the cursor on
 * the row of article id when it is there (id may be NULL); frees p->key. */
void kb_window_goto(struct app *a, struct place *p, const char *id);
/* Fold or unfold the window's node (e == SIZE_MAX: the issue) or its
 * edition e; the rows are rebuilt. */
void kb_window_set_open(struct app *a, size_t node, size_t e, bool open);
/* Read the editions of node (once, when unfolded), the articles of its
 * edition e. */
void kb_window_load(struct app *a, size_t node);
void kb_window_load_ed(struct app *a, size_t node, size_t e);
/* The first row of node (its paper's row, when it has one). */
size_t kb_window_node_row(const struct app *a, size_t node);
/* The counts of the paper of key, read when read is set and they are not
 * held yet (NULL: not held, or the store failed). */
struct kb_paper_row *kb_window_paper(struct app *a, const char *key, bool read);
/* Read the counts of the window's node again, its pages' and its paper's
 * (after a batch of articles was marked). */
void kb_window_refresh_node(struct app *a, size_t node);
/* An article of edition (of issue_key, of the paper of paper_key) was
 * marked read (delta -1) or unread (+1): the counts held follow. */
void kb_window_count_read(struct app *a, const char *paper_key, const char *issue_key,
			  int64_t edition, int delta);

/* results.c: search results and tag filters, a window too */
/* Run a search (query) or a tag filter (tag) and hold its first rows. */
bool kb_results_open(struct app *a, const char *query, const char *tag);
/* Drop the results (back to the tree). */
void kb_results_close(struct app *a);
/* Like kb_window_grow, for the results. */
size_t kb_results_grow(struct app *a, bool backward);
void kb_results_ensure(struct app *a);
/* Read the results held again, where they stand (another process changed
 * the library). */
void kb_results_reload(struct app *a);
void kb_results_jump(struct app *a, bool end);
/* The heading above the results: "search: 郑州" (a saved view's: "» 待核")
 * in head, its count " (20+)" in tail. */
void kb_results_label(const struct app *a, char *head, size_t hn, char *tail, size_t tn);
/* The id of every result (not only those held), for tagging or exporting
 * them all: *ids and each string are the caller's to free. */
bool kb_results_ids(struct app *a, char ***ids, size_t *n);
/* Once the results are on the screen: count them when the store can do
 * it cheaply (a tag's articles; a search the index alone answers), once
 * per listing. True when the count is now known (the screen is to be
 * painted again). */
bool kb_results_count(struct app *a);

/* check.c: the background check of the PATHs kanbao was started with */
struct kb_check;
/* What the check has done so far. */
struct kb_check_report {
	bool walking;  /* still looking for the files */
	size_t found;  /* edition files found */
	size_t done;   /* of those, checked */
	size_t added, updated, unchanged, failed, warnings;
	bool finished; /* the thread is done */
	bool stopped;  /* it was stopped before every file was checked */
	double ms;     /* how long it took */
};
/* Start walking paths and importing their edition files into the library
 * at db (a connection of the thread's own) in a thread. NULL, with the
 * reason in err, when it cannot start. */
struct kb_check *kb_check_start(const char *db, const char *const *paths, size_t n, char *err,
				size_t errlen);
/* A descriptor that becomes readable when the check has news. */
int kb_check_fd(const struct kb_check *c);
/* Take the news: *r gets the counts so far. True when the check is done. */
bool kb_check_poll(struct kb_check *c, struct kb_check_report *r);
/* Stop the check at its next file, wait for the thread, write the
 * problems it met and (when it changed or missed anything) a summary to f
 * (may be NULL), and free it. Accepts NULL. */
void kb_check_finish(struct kb_check *c, FILE *f);

/* caret.c: the caret and the selection */
/* The start of the next (dir > 0) or previous character of t from off. */
size_t kb_text_step(const char *t, size_t off, int dir);
/* A caret or selection action in the article (the caret moves, the
 * selection's end with it); false when act is none of them. */
bool kb_caret_action(struct app *a, enum action act);
/* The caret in sight: placed on the first text line shown when it is
 * not (the article scrolled, or just opened). */
void kb_caret_follow(struct app *a);
/* Scroll so that the caret's line shows. */
void kb_caret_show(struct app *a);
/* The display line holding offset off (the top line when none does). */
size_t kb_caret_line(const struct app *a, size_t off);
/* v: a selection from the caret (after a find, its match). */
void kb_select_start(struct app *a);
/* The selected bytes [lo, hi). */
void kb_selection_range(const struct app *a, size_t *lo, size_t *hi);
/* The text offset at pane row y, column x, or SIZE_MAX. */
size_t kb_article_offset_at(struct app *a, int y, int x);
/* The mouse: pressed at (y, x) of the article pane, moved there with the
 * button down, released. */
void kb_caret_press(struct app *a, int y, int x);
void kb_caret_drag(struct app *a, int y, int x);
void kb_caret_release(struct app *a);

/* article.c */
void kb_article_open(struct app *a, const char *id);
void kb_article_reload(struct app *a);
void kb_article_close(struct app *a);
void kb_article_layout(struct app *a, int width);
/* Esc or q while selecting cancels it; true when the key was used. */
bool kb_article_select_key(struct app *a, int key);

/* notes.c: number of rows (tags row, note row, highlights) */
size_t kb_notes_count(struct app *a);

/* What a prompt completes: fn gives the completions of a word (each may
 * carry a hint after a tab: a tag's count, a command's keys); fresh is
 * shown above the prompt when the word completes to nothing, none is said
 * when Tab finds nothing (a format taking the word as its one %s). Both
 * are marked N_() and translated where shown. */
struct kb_completer {
	char **(*fn)(struct app *, const char *word, size_t *n);
	const char *fresh, *none;
};
extern const struct kb_completer kb_complete_tags, kb_complete_commands;

/* prompt.c: read a line at the bottom row; NULL when cancelled. complete
 * (may be NULL) gives completions for the last word. Caller frees. While
 * a->preset is set (a command line's argument), it is the answer at once,
 * taken (freed) by the first prompt. */
char *kb_prompt(struct app *a, const char *label, const char *initial,
		const struct kb_completer *complete);
/* Edit a multi-line text in a box; NULL when cancelled. Caller frees. */
char *kb_edit_box(struct app *a, const char *title, const char *initial);

/* annotate.c: annotation changes that go through undo */
bool kb_do_tag(struct app *a, const char *id, const char *tag, bool on, bool record);
bool kb_do_note(struct app *a, const char *id, const char *text, bool record);
/* Save text, typed as the note of article was (as it stood when the edit
 * began), never dropping it: when another process re-imported the edition
 * meanwhile and the article's id changed, the note goes to the article that
 * is now the same one (same text, or same headline and first paragraph);
 * when there is none, or the store fails, the text is kept in a file and
 * the status line says where. True when saved in the library. */
bool kb_save_note(struct app *a, const struct kb_full *was, const char *text);
/* The article that was (gone from the library since) is now, after a
 * re-import by another process: its new id, or NULL. Caller frees. */
char *kb_find_moved(struct app *a, const struct kb_full *was);
bool kb_do_highlight(struct app *a, size_t start, size_t end, const char *note, const char *color);
bool kb_do_delete_highlight(struct app *a, int64_t hid);
/* Set the note of highlight hid of the open article (text NULL or "":
 * none), undoable. */
bool kb_do_highlight_note(struct app *a, int64_t hid, const char *text);
/* Give highlight hid of the open article the colour after its own in
 * kb_highlight_colors (purple: yellow again), undoable. */
bool kb_do_highlight_color(struct app *a, int64_t hid);
/* The name of colour color (one of kb_highlight_colors; NULL: yellow) in
 * the reader's language (borrowed). */
const char *kb_highlight_color_name(const char *color);
/* The style a highlight of colour color (NULL: yellow) is drawn in. */
enum kb_style kb_highlight_style(const char *color);
bool kb_do_read(struct app *a, const char *id, bool read, bool record);
/* Tag (on) or untag the n articles ids, or mark them read (tag NULL; on:
 * read), in one transaction, recorded as one change; *changed gets how
 * many changed. False (said) when the store failed. */
bool kb_do_many(struct app *a, char *const *ids, size_t n, const char *tag, bool on,
		size_t *changed);
void kb_undo(struct app *a, bool redo);
/* The changes recorded between these are one action: one u undoes them. */
void kb_group_begin(struct app *a);
void kb_group_end(struct app *a);
void kb_changes_free(struct app *a);
char **kb_tag_completions(struct app *a, const char *word, size_t *n);
/* keys.c: the action names word begins (for the command line). */
char **kb_command_completions(struct app *a, const char *word, size_t *n);

/* tagview.c: every tag with its count, over the screen */
void kb_tagview_open(struct app *a);
void kb_tagview_close(struct app *a);
void kb_tagview_paint(struct app *a);
void kb_tagview_key(struct app *a, int key);
/* annotate.c: record a change the store made of many articles (c is
 * taken) as one undoable change. */
void kb_record_batch(struct app *a, struct kb_change *c);

/* actions.c: the actions no single pane handles; the article the
 * actions apply to (the list's row, else the open article) */
void kb_global_action(struct app *a, enum action act, int slot);
const char *kb_current_id(struct app *a);
/* The tag of quick slot 1-9: the config's, or, unset, the most used tag
 * for that slot (written into buf); NULL when there is none. */
const char *kb_quick_tag(struct app *a, int slot, char *buf, size_t n);

/* app.c */
void kb_paint(struct app *a);
void kb_message(struct app *a, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Suspend curses around an external program (the editor). */
void kb_ui_suspend(void);
void kb_ui_resume(struct app *a);
/* Read one key (a Unicode character or KEY_FN(code)), waiting for it;
 * handles KEY_RESIZE by recomputing the geometry and repainting, and mouse
 * events (both return 0). Bytes that are not UTF-8 are dropped. */
int kb_read_key(struct app *a);
/* The next key if the terminal has already sent it, else 0 (never waits):
 * lets a paste be taken in whole before the screen is painted again. */
int kb_read_key_now(struct app *a);
/* Keys no curses code stands for: the start and the end of a bracketed
 * paste (above every KEY_FN of a curses code). */
#define KB_KEY_PASTE KEY_FN(0x10000)
#define KB_KEY_PASTE_END KEY_FN(0x10001)
/* Bracketed paste on or off (xterm's mode 2004, which terminals that lack
 * it ignore): while on, a paste comes as KB_KEY_PASTE, its text, its end. */
void kb_paste_mode(bool on);
/* Right after KB_KEY_PASTE: append the pasted bytes (raw, as the terminal
 * sent them) to out, read from the terminal in blocks rather than a key at
 * a time. True when the paste is over (its end read, or nothing more came
 * for a second: what comes later arrives as keys); false after a tenth of
 * a second with the paste still coming, so the caller can show progress
 * and call again. */
bool kb_read_paste(struct app *a, struct kb_buf *out);
void kb_geometry(struct app *a);

#endif
