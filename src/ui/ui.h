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

#include "kanbao/config.h"
#include "kanbao/layout.h"
#include "kanbao/store.h"
#include "kanbao/util.h"

/* ---- actions and keys (keys.c) ---- */

#define KB_ACTIONS(_) \
	_(MOVE_DOWN, "move-down", "j Down", "next row / scroll down") \
	_(MOVE_UP, "move-up", "k Up", "previous row / scroll up") \
	_(NEXT_ARTICLE, "next-article", "J", "open the next article") \
	_(PREV_ARTICLE, "prev-article", "K", "open the previous article") \
	_(OPEN, "open", "Enter", "open the article, fold or unfold an edition") \
	_(NEXT_PANE, "next-pane", "Tab", "focus the next pane") \
	_(PREV_PANE, "prev-pane", "S-Tab", "focus the previous pane") \
	_(PAGE_DOWN, "page-down", "Space PgDn", "page down") \
	_(PAGE_UP, "page-up", "PgUp", "page up") \
	_(TOP, "top", "g Home", "go to the top") \
	_(BOTTOM, "bottom", "G End", "go to the bottom") \
	_(TAG, "tag", "t", "tag the article (several tags: spaces between)") \
	_(TAG_ALL, "tag-all", "T", "tag every article of the search or filter") \
	_(NOTE, "note", "n", "edit the article's note (n: next match while finding)") \
	_(NOTE_EDITOR, "note-editor", "N", "edit the note in $VISUAL/$EDITOR (N: previous match)") \
	_(SELECT, "select", "v", "start selecting text in the article") \
	_(HIGHLIGHT, "highlight", "h", "highlight the selection, with an optional note") \
	_(DELETE, "delete", "d", "delete the annotation under the cursor") \
	_(UNDO, "undo", "u", "undo the last annotation change") \
	_(REDO, "redo", "C-r", "redo") \
	_(FIND, "find", "/", "find in the article") \
	_(SEARCH, "search", "s", "search the library") \
	_(FILTER, "filter", "f", "filter the list by tag (empty: all)") \
	_(TOGGLE_READ, "toggle-read", "r", "mark read or unread") \
	_(EXPORT, "export", "e", "export the article (or the listed results) as Markdown") \
	_(HELP, "help", "?", "show this help") \
	_(REDRAW, "redraw", "C-l", "redraw the screen") \
	_(QUIT, "quit", "q C-c", "quit (or leave search results, help)") \
	_(QUICK_TAG, "quick-tag", "1-9", "toggle the quick tag of that slot")

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
const char *kb_action_keys(enum action a);
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

/* ---- the application ---- */

enum pane { P_LIST, P_ARTICLE, P_NOTES, P_COUNT };

/* A row of the left pane: an edition (article == SIZE_MAX) or an article. */
struct row_ref {
	size_t edition;
	size_t article;
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
	enum { CH_TAG, CH_UNTAG, CH_NOTE, CH_HL_ADD, CH_HL_DEL, CH_READ } kind;
	char *id;
	char *tag;             /* CH_TAG, CH_UNTAG */
	char *before, *after;  /* CH_NOTE: note texts (NULL: none) */
	size_t start, end;     /* CH_HL_*: the passage */
	char *hl_note;
	int64_t hid;           /* CH_HL_*: current highlight id */
	bool read;             /* CH_READ: the new state */
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
	/* left pane */
	struct kb_edition_row *eds;
	size_t n_eds;
	struct kb_rows *arts; /* per edition, loaded when unfolded */
	bool *loaded, *open;
	struct row_ref *vis; /* visible rows */
	size_t n_vis, cap_vis;
	size_t cur, top;
	/* search results or a tag filter replace the tree while active */
	bool results;
	struct kb_rows res;
	char *res_label;
	/* the article */
	struct kb_full *art;
	struct dline *lines;
	size_t n_lines, cap_lines;
	int lines_width; /* width the lines were laid out for */
	size_t atop;     /* first visible line */
	size_t *block_off; /* byte offset of each block in art->text */
	/* selection in the article: byte offsets into art->text */
	bool selecting;
	size_t sel_a, sel_b;
	/* find in the article */
	char *find;
	size_t find_at; /* byte offset of the current match, SIZE_MAX none */
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
	/* status */
	char msg[512];
	bool msg_error;
	bool help;
	size_t help_top;
	bool quit;
	bool in_prompt;  /* mouse events are ignored while typing */
	bool mouse;
	struct kb_utf8_in in; /* a character the terminal is still sending */
};

/* Flags returned by key handlers. */
enum { F_NONE = 0, F_REDRAW = 1, F_QUIT = 2 };

/* The pane table: each pane draws itself and handles the actions it
 * understands (returning F_* flags, or -1 when it does not handle it). */
struct pane_ops {
	const char *name;                          /* for the status line */
	void (*draw)(struct app *a, int x, int w); /* paint the pane's columns */
	int (*action)(struct app *a, enum action act, int slot); /* act on a key */
	void (*click)(struct app *a, int y, int x); /* mouse press at (y, x) in the pane */
	void (*wheel)(struct app *a, int lines);  /* wheel */
};

extern const struct pane_ops kb_list_pane, kb_article_pane, kb_notes_pane;

/* list.c */
bool kb_list_init(struct app *a);
void kb_list_finish(struct app *a);
void kb_list_rebuild(struct app *a);
/* The article row under the cursor, or NULL (an edition row). */
const struct kb_row *kb_list_current(struct app *a);
/* Open the article under the cursor in the article pane. */
void kb_list_open_current(struct app *a);
/* Move to the next/previous article row and open it. */
void kb_list_step_article(struct app *a, int dir);
/* Read the editions and their articles again (another process imported
 * meanwhile), keeping which editions are unfolded; the cursor goes to the
 * row of article id (may be NULL) when it is listed. */
void kb_list_reload(struct app *a, const char *id);
/* Refresh the row of article id (tags, read) from the store. */
void kb_list_refresh_row(struct app *a, const char *id);
/* Show search results / a tag filter instead of the tree. */
void kb_list_show_results(struct app *a, struct kb_rows *rows, const char *label);

/* article.c */
void kb_article_open(struct app *a, const char *id);
void kb_article_reload(struct app *a);
void kb_article_close(struct app *a);
void kb_article_layout(struct app *a, int width);
/* Keys while selecting text; true when the key was used. */
bool kb_article_select_key(struct app *a, int key);

/* notes.c: number of rows (tags row, note row, highlights) */
size_t kb_notes_count(struct app *a);

/* prompt.c: read a line at the bottom row; NULL when cancelled. complete
 * (may be NULL) gives completions for the last word. Caller frees. */
char *kb_prompt(struct app *a, const char *label, const char *initial,
		char **(*complete)(struct app *, const char *word, size_t *n));
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
bool kb_do_highlight(struct app *a, size_t start, size_t end, const char *note);
bool kb_do_delete_highlight(struct app *a, int64_t hid);
bool kb_do_read(struct app *a, const char *id, bool read, bool record);
void kb_undo(struct app *a, bool redo);
void kb_changes_free(struct app *a);
char **kb_tag_completions(struct app *a, const char *word, size_t *n);

/* actions.c: the actions no single pane handles; the article the
 * actions apply to (the list's row, else the open article) */
void kb_global_action(struct app *a, enum action act, int slot);
const char *kb_current_id(struct app *a);

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
void kb_geometry(struct app *a);

#endif
