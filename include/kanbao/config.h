/* SPDX-License-Identifier: MIT */
/*
 * The reader's settings and colour themes, without curses: the config file
 * ($XDG_CONFIG_HOME/kanbao/config) and theme files (themes/NAME.theme) are
 * parsed into plain structures; src/ui/ maps them onto the terminal. A bad
 * line is reported with its file and line number and skipped, never fatal.
 */
#ifndef KANBAO_CONFIG_H
#define KANBAO_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "kanbao/layout.h"

/* Receives a problem found in a file: path and 1-based line, message. */
typedef void (*kb_config_warn_fn)(void *ctx, const char *path, size_t line, const char *msg);

/* A key binding as written in the config file, resolved by the UI. */
struct kb_binding {
	char *key;    /* "j", "J", "C-r", "Tab", "S-Tab", "Enter", "Space", "PgDn", "F1" ... */
	char *action; /* an action name of the UI's key table */
	size_t line;  /* where it was written, for error messages */
};

/* A saved view (view NAME QUERY): a named query the reader can open like
 * newsboat's query feeds. The query is kept as written, in the query syntax
 * of the reader's list (kb_query_parse); the config layer cannot check it
 * (it does not link the store), so the reader reports a bad one, with
 * line, when the view is opened. */
struct kb_view {
	char *name;  /* one word: any UTF-8 but blanks and '"'; unique in the config */
	char *query; /* the rest of the line, one pair of surrounding '"' removed; never empty */
	size_t line; /* where it was written (the later line, if it replaced another) */
};

struct kb_config {
	char *theme;                  /* theme name or path; NULL: "default" */
	enum kb_ambiwidth ambiwidth;  /* ambiwidth single|double */
	char *quick_tags[9];          /* tags toggled by keys 1..9, NULL if unset */
	int list_width;               /* left pane columns, 0: automatic */
	int notes_width;              /* right pane columns, 0: automatic */
	bool mouse;                   /* mouse on|off, default on */
	bool preview;                 /* preview on|off: the article as the list cursor moves, default on */
	bool confirm_quit;            /* confirm-quit on|off: ask before q quits, default off */
	int read_after;               /* read-after SECONDS: an opened article is read after that long (0: only once its end was shown), default 0 */
	bool export_notes_text;       /* export-notes-as markdown|text: notes escaped as text, default markdown (off) */
	bool export_links_markdown;   /* export-links wiki|markdown: a document's contents as CommonMark links, default wiki (off) */
	struct kb_binding *bindings;  /* in file order; later ones win */
	size_t n_bindings;
	struct kb_view *views;        /* in file order; a view defined again is replaced in place */
	size_t n_views;
	char *path;                   /* the file read, or NULL */
};

/* The default config path: $XDG_CONFIG_HOME/kanbao/config, else
 * ~/.config/kanbao/config. Caller frees. */
char *kb_config_default_path(void);

/* Fill cfg with the defaults, then read path (NULL: the default path). A
 * missing file is fine (defaults stay). Each bad line is reported to warn
 * and skipped. Returns false (reported to warn, naming the file, with line
 * 0) only when an existing file cannot be read, or is not a regular file
 * (a FIFO, a device such as /dev/zero) or is over 1 MiB: the defaults stay.
 * Theme files are read under the same rules. */
bool kb_config_load(struct kb_config *cfg, const char *path, kb_config_warn_fn warn, void *ctx);

/* Free what the config holds (views included); accepts a zeroed config. */
void kb_config_finish(struct kb_config *cfg);

/* ---- themes ---- */

/* The styled elements of the reader. Keep kb_style_names in step. */
enum kb_style {
	KB_STYLE_NORMAL,    /* default text */
	KB_STYLE_KICKER,    /* 引题 */
	KB_STYLE_TITLE,     /* headline */
	KB_STYLE_SUBTITLE,  /* 副题 */
	KB_STYLE_AUTHOR,    /* byline */
	KB_STYLE_META,      /* date, page, edition lines */
	KB_STYLE_HEADING,   /* in-article heading */
	KB_STYLE_CAPTION,   /* captions and other extras */
	KB_STYLE_HIGHLIGHT, /* highlighted passage */
	KB_STYLE_SELECTION, /* selection being made */
	KB_STYLE_MATCH,     /* search match */
	KB_STYLE_CURSOR,    /* current row in a list */
	KB_STYLE_EDITION,   /* edition row in the list */
	KB_STYLE_UNREAD,    /* unread article row */
	KB_STYLE_TAG,       /* tag marks and tags */
	KB_STYLE_NOTE,      /* note text */
	KB_STYLE_BORDER,    /* pane separators */
	KB_STYLE_STATUS,    /* status line */
	KB_STYLE_PROMPT,    /* prompts and input */
	KB_STYLE_ERROR,     /* error messages */
	KB_STYLE_HL_RED,    /* highlighted passage, red (KB_STYLE_HIGHLIGHT is yellow) */
	KB_STYLE_HL_GREEN,  /* ... green */
	KB_STYLE_HL_BLUE,   /* ... blue */
	KB_STYLE_HL_PURPLE, /* ... purple */
	KB_STYLE_COUNT
};

/* Names of the elements in theme files: "normal", "kicker", "title" ... */
extern const char *const kb_style_names[KB_STYLE_COUNT];

enum {
	KB_ATTR_BOLD = 1,
	KB_ATTR_UNDERLINE = 2,
	KB_ATTR_REVERSE = 4,
	KB_ATTR_DIM = 8,
	KB_ATTR_ITALIC = 16,
	KB_ATTR_STANDOUT = 32,
};

struct kb_color_style {
	int fg, bg;     /* -1 terminal default, 0..255 palette index */
	unsigned attrs; /* KB_ATTR_* */
};

struct kb_theme {
	char *name;
	struct kb_color_style style[KB_STYLE_COUNT];
};

/* Load a theme: name (looked up as NAME.theme in $XDG_CONFIG_HOME/kanbao/
 * themes, then $KANBAO_THEMES (the source tree's themes/ for a build run
 * uninstalled), then the installed themes directory) or a path containing
 * '/'. Elements a theme does not
 * set keep the built-in default. Bad lines are reported to warn and skipped.
 * False (and a message in err naming the theme) when it cannot be found. */
bool kb_theme_load(struct kb_theme *t, const char *name, kb_config_warn_fn warn, void *ctx,
		   char *err, size_t errlen);

/* The built-in default theme (what "default" holds if no file is found). */
void kb_theme_default(struct kb_theme *t);

/* Free the theme's name; accepts a zeroed theme. */
void kb_theme_finish(struct kb_theme *t);

/* Reduce a theme for a terminal of `colors` colours (8, 16, 256): palette
 * indices beyond it are mapped to the nearest of the first 8 or 16. */
void kb_theme_fit(struct kb_theme *t, int colors);

/* Strip colours (NO_COLOR, monochrome terminals): attributes stay. */
void kb_theme_monochrome(struct kb_theme *t);

#endif
