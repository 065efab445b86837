/* SPDX-License-Identifier: MIT */
/*
 * Colour themes without curses: theme files (themes/README.md documents the
 * format: "ELEMENT FG BG [ATTR...]" lines) parsed into struct kb_theme, the
 * built-in default (the same as themes/default.theme, so the reader works
 * with no file installed), and the reductions for poorer terminals: fitting
 * 256-colour indices to 16 or 8 colours, and dropping colours altogether.
 * Colours are xterm palette indices; "#rrggbb" is mapped to the nearest one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kanbao/config.h"
#include "kanbao/util.h"

/* From lines.c and config.c (keep in step). */
typedef void (*kb_cfgline_fn)(void *ud, char *line, size_t lineno);
bool kb_cfgfile_read(const char *path, kb_cfgline_fn fn, void *ud, kb_config_warn_fn warn,
		     void *ctx, bool *missing, char *why, size_t whylen);
void kb_cfgfile_warnf(kb_config_warn_fn warn, void *ctx, const char *path, size_t line,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
char *kb_cfgfile_strip(char *line, size_t from);
char *kb_cfgfile_word(char **p);
char *kb_config_dir(void);

const char *const kb_style_names[KB_STYLE_COUNT] = {
	"normal",  "kicker",    "title",     "subtitle", "author", "meta",    "heading",
	"caption", "highlight", "selection", "match",    "cursor", "edition", "unread",
	"tag",     "note",      "border",    "status",   "prompt", "error",
	"highlight-red", "highlight-green", "highlight-blue", "highlight-purple",
};

static const char *const color_names[16] = {
	"black",        "red",           "green",       "yellow",         "blue",
	"magenta",      "cyan",          "white",       "bright-black",   "bright-red",
	"bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan",
	"bright-white",
};

/* In the order of the KB_ATTR_* bits. */
static const char *const attr_names[] = {
	"bold", "underline", "reverse", "dim", "italic", "standout",
};

#define B KB_ATTR_BOLD
#define I KB_ATTR_ITALIC
/* The built-in theme: keep in step with themes/default.theme (test_config
 * compares them). */
/* clang-format off */
static const struct kb_color_style default_styles[KB_STYLE_COUNT] = {
	[KB_STYLE_NORMAL] = { -1, -1, 0 },
	[KB_STYLE_KICKER] = { 174, -1, 0 },
	[KB_STYLE_TITLE] = { 222, -1, B },
	[KB_STYLE_SUBTITLE] = { 180, -1, 0 },
	[KB_STYLE_AUTHOR] = { 109, -1, I },
	[KB_STYLE_META] = { 245, -1, 0 },
	[KB_STYLE_HEADING] = { 110, -1, B },
	[KB_STYLE_CAPTION] = { 144, -1, I },
	[KB_STYLE_HIGHLIGHT] = { 16, 179, 0 },
	[KB_STYLE_SELECTION] = { 231, 61, 0 },
	[KB_STYLE_MATCH] = { 16, 214, B },
	[KB_STYLE_CURSOR] = { 231, 31, B },
	[KB_STYLE_EDITION] = { 146, -1, B },
	[KB_STYLE_UNREAD] = { 231, -1, B },
	[KB_STYLE_TAG] = { 71, -1, 0 },
	[KB_STYLE_NOTE] = { 187, -1, I },
	[KB_STYLE_BORDER] = { 244, -1, 0 },
	[KB_STYLE_STATUS] = { 234, 110, 0 },
	[KB_STYLE_PROMPT] = { 231, -1, B },
	[KB_STYLE_ERROR] = { 203, -1, B },
	[KB_STYLE_HL_RED] = { 16, 174, 0 },
	[KB_STYLE_HL_GREEN] = { 16, 114, 0 },
	[KB_STYLE_HL_BLUE] = { 16, 110, 0 },
	[KB_STYLE_HL_PURPLE] = { 16, 183, 0 },
};
/* clang-format on */
#undef B
#undef I

/* xterm's colours 0..15 (the terminal may differ; only used to compare). */
static const unsigned char basic_rgb[16][3] = {
	{ 0, 0, 0 },       { 205, 0, 0 },   { 0, 205, 0 },   { 205, 205, 0 },
	{ 0, 0, 238 },     { 205, 0, 205 }, { 0, 205, 205 }, { 229, 229, 229 },
	{ 127, 127, 127 }, { 255, 0, 0 },   { 0, 255, 0 },   { 255, 255, 0 },
	{ 92, 92, 255 },   { 255, 0, 255 }, { 0, 255, 255 }, { 255, 255, 255 },
};

/* The RGB value of xterm palette index i (0..255). */
static void index_rgb(int i, int rgb[3])
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	int k;

	if (i < 16) {
		for (k = 0; k < 3; k++)
			rgb[k] = basic_rgb[i][k];
	} else if (i < 232) {
		i -= 16;
		rgb[0] = level[i / 36];
		rgb[1] = level[(i / 6) % 6];
		rgb[2] = level[i % 6];
	} else {
		rgb[0] = rgb[1] = rgb[2] = 8 + (i - 232) * 10;
	}
}

/* The palette index in [lo, hi) nearest to rgb (squared distance; the
 * lowest index wins a tie). */
static int nearest(const int rgb[3], int lo, int hi)
{
	long best_d = -1;
	int best = lo, i, k, c[3];

	for (i = lo; i < hi; i++) {
		long d = 0;

		index_rgb(i, c);
		for (k = 0; k < 3; k++)
			d += (long)(c[k] - rgb[k]) * (c[k] - rgb[k]);
		if (best_d < 0 || d < best_d)
			best_d = d, best = i;
	}
	return best;
}

/* Value 0..15 of a hex digit, or -1. */
static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Parse a colour word into *out (-1 for default); false if it is none. */
static bool parse_color(const char *w, int *out)
{
	int i, n;

	if (strcmp(w, "default") == 0) {
		*out = -1;
		return true;
	}
	for (i = 0; i < 16; i++) {
		if (strcmp(w, color_names[i]) == 0) {
			*out = i;
			return true;
		}
	}
	if (strncmp(w, "color", 5) == 0 && w[5]) {
		/* 0..255, no sign, no leading zeros. */
		for (i = 5, n = 0; w[i] >= '0' && w[i] <= '9' && i < 8; i++)
			n = n * 10 + (w[i] - '0');
		if (w[i] || n > 255 || (w[5] == '0' && w[6]))
			return false;
		*out = n;
		return true;
	}
	if (w[0] == '#' && strlen(w) == 7) {
		int rgb[3];

		for (i = 0; i < 3; i++) {
			int hi = hexval(w[1 + 2 * i]), lo = hexval(w[2 + 2 * i]);

			if (hi < 0 || lo < 0)
				return false;
			rgb[i] = hi * 16 + lo;
		}
		/* 0..15 are whatever the terminal makes them: only the fixed
		 * cube and grey ramp are a safe match for an exact colour. */
		*out = nearest(rgb, 16, 256);
		return true;
	}
	return false;
}

/* What a theme line's parser works on. */
struct state {
	struct kb_theme *t;
	const char *path;
	kb_config_warn_fn warn;
	void *ctx;
};

/* Parse one clean theme line: ELEMENT FG BG [ATTR...]. A bad line changes
 * nothing. */
static void parse_line(void *ud, char *line, size_t lineno)
{
	struct state *st = ud;
	char *p = kb_cfgfile_strip(line, 0);
	char *el = kb_cfgfile_word(&p), *fg_w, *bg_w, *w;
	struct kb_color_style s = { -1, -1, 0 };
	size_t e, a;

	if (!el)
		return;
	for (e = 0; e < KB_STYLE_COUNT; e++)
		if (strcmp(el, kb_style_names[e]) == 0)
			break;
	if (e == KB_STYLE_COUNT) {
		kb_cfgfile_warnf(st->warn, st->ctx, st->path, lineno,
				 "unknown element '%s' (see themes/README.md for the list); "
				 "line skipped",
				 el);
		return;
	}
	fg_w = kb_cfgfile_word(&p);
	bg_w = kb_cfgfile_word(&p);
	if (!fg_w || !bg_w) {
		kb_cfgfile_warnf(st->warn, st->ctx, st->path, lineno,
				 "%s needs a foreground and a background colour "
				 "(%s FG BG [ATTR...]); line skipped",
				 el, el);
		return;
	}
	w = !parse_color(fg_w, &s.fg) ? fg_w : !parse_color(bg_w, &s.bg) ? bg_w : NULL;
	if (w) {
		kb_cfgfile_warnf(st->warn, st->ctx, st->path, lineno,
				 "bad colour '%s': write default, a name (black .. white, "
				 "bright-black .. bright-white), color0 .. color255 or "
				 "#rrggbb; line skipped",
				 w);
		return;
	}
	while ((w = kb_cfgfile_word(&p))) {
		for (a = 0; a < sizeof attr_names / sizeof attr_names[0]; a++)
			if (strcmp(w, attr_names[a]) == 0)
				break;
		if (a == sizeof attr_names / sizeof attr_names[0]) {
			kb_cfgfile_warnf(st->warn, st->ctx, st->path, lineno,
					 "unknown attribute '%s' (bold underline reverse dim "
					 "italic standout); line skipped",
					 w);
			return;
		}
		s.attrs |= 1u << a;
	}
	st->t->style[e] = s;
}

/* The built-in default theme, named "default". */
void kb_theme_default(struct kb_theme *t)
{
	t->name = kb_xstrdup("default");
	memcpy(t->style, default_styles, sizeof t->style);
}

/* The first existing NAME.theme in the theme directories, or NULL; the
 * directories looked in are appended to tried. Caller frees. */
static char *find_theme(const char *name, struct kb_buf *tried)
{
	const char *dirs[3];
	char *user = kb_config_dir(), *found = NULL;
	size_t n = 0, i;
	struct kb_buf b;

	kb_buf_init(&b);
	if (user) {
		kb_buf_printf(&b, "%s/kanbao/themes", user);
		dirs[n++] = b.data;
	}
	if (getenv("KANBAO_THEMES") && getenv("KANBAO_THEMES")[0])
		dirs[n++] = getenv("KANBAO_THEMES");
#ifdef KB_THEMES_DIR
	dirs[n++] = KB_THEMES_DIR;
#endif
	for (i = 0; i < n && !found; i++) {
		struct kb_buf p;

		kb_buf_init(&p);
		kb_buf_printf(&p, "%s/%s.theme", dirs[i], name);
		if (access(p.data, F_OK) == 0)
			found = kb_buf_steal(&p);
		kb_buf_finish(&p);
		kb_buf_printf(tried, "%s%s", i ? ", " : "", dirs[i]);
	}
	kb_buf_finish(&b);
	free(user);
	return found;
}

/* The theme's display name for a path: its file name without ".theme". */
static char *name_of_path(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".theme") == 0)
		n -= 6;
	return n ? kb_xstrndup(base, n) : kb_xstrdup(path);
}

/* Load a theme by name or path over the built-in default. On failure t
 * still holds the built-in default (named "default"). */
bool kb_theme_load(struct kb_theme *t, const char *name, kb_config_warn_fn warn, void *ctx,
		   char *err, size_t errlen)
{
	struct state st = { t, NULL, warn, ctx };
	struct kb_buf tried;
	char *path = NULL;
	bool missing = false, ok;
	char why[256];

	kb_theme_default(t);
	if (errlen)
		err[0] = '\0';
	if (!name || !name[0])
		return true;
	kb_buf_init(&tried);
	if (strchr(name, '/')) {
		path = kb_xstrdup(name);
	} else if (name[0] == '.') {
		snprintf(err, errlen, "bad theme name '%s': give a name or a path", name);
		kb_buf_finish(&tried);
		return false;
	} else {
		path = find_theme(name, &tried);
		if (!path) {
			ok = strcmp(name, "default") == 0; /* the built-in stands in */
			if (!ok)
				snprintf(err, errlen,
					 "theme '%s' not found (looked for %s.theme "
					 "in %s)",
					 name, name, tried.data ? tried.data : "no directory");
			kb_buf_finish(&tried);
			return ok;
		}
	}
	kb_buf_finish(&tried);
	st.path = path;
	ok = kb_cfgfile_read(path, parse_line, &st, warn, ctx, &missing, why, sizeof why);
	if (!ok || missing) {
		snprintf(err, errlen, "cannot read theme '%s': %s", path,
			 missing ? "no such file" : why);
		free(path);
		memcpy(t->style, default_styles, sizeof t->style);
		return false;
	}
	free(t->name);
	t->name = strchr(name, '/') ? name_of_path(name) : kb_xstrdup(name);
	free(path);
	return true;
}

/* Free the name; the theme is zeroed afterwards. */
void kb_theme_finish(struct kb_theme *t)
{
	if (!t)
		return;
	free(t->name);
	memset(t, 0, sizeof *t);
}

/* True when palette index i is a light colour (as text would need a dark
 * colour on it). */
static bool light(int i)
{
	int rgb[3];

	index_rgb(i, rgb);
	return rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114 > 128 * 1000;
}

/* Index i fitted to n (8 or 16) colours; *bright set when a bright colour
 * 8..15 lost its brightness. */
static int fit_index(int i, int n, bool *bright)
{
	int rgb[3];

	*bright = false;
	if (i < n)
		return i;
	if (n == 8 && i < 16) {
		*bright = true;
		return i - 8;
	}
	index_rgb(i, rgb);
	return nearest(rgb, 0, n);
}

/* Fit each style to 8 or 16 colours (fewer than 8: no colours). A bright
 * foreground that loses its brightness gains bold (which most 8-colour
 * terminals draw bright); a foreground that would land on its own
 * background becomes black or white, whichever shows. */
void kb_theme_fit(struct kb_theme *t, int colors)
{
	int n = colors >= 16 ? 16 : 8;
	size_t e;

	if (colors >= 256)
		return;
	if (colors < 8) {
		kb_theme_monochrome(t);
		return;
	}
	for (e = 0; e < KB_STYLE_COUNT; e++) {
		struct kb_color_style *s = &t->style[e];
		bool fg_bright, bg_bright;
		int fg = fit_index(s->fg, n, &fg_bright);
		int bg = fit_index(s->bg, n, &bg_bright);

		if (fg_bright)
			s->attrs |= KB_ATTR_BOLD;
		if (fg >= 0 && fg == bg && s->fg != s->bg)
			fg = light(bg) ? 0 : 7;
		s->fg = fg;
		s->bg = bg;
	}
}

/* No colours: fg and bg become the terminal's own; the styles that marked
 * a place by colour alone get an attribute so they still stand out. */
void kb_theme_monochrome(struct kb_theme *t)
{
	const unsigned marks = KB_ATTR_REVERSE | KB_ATTR_STANDOUT;
	size_t e;

	for (e = 0; e < KB_STYLE_COUNT; e++)
		t->style[e].fg = t->style[e].bg = -1;
	if (!(t->style[KB_STYLE_CURSOR].attrs & marks))
		t->style[KB_STYLE_CURSOR].attrs |= KB_ATTR_REVERSE;
	if (!(t->style[KB_STYLE_SELECTION].attrs & marks))
		t->style[KB_STYLE_SELECTION].attrs |= KB_ATTR_REVERSE;
	if (!(t->style[KB_STYLE_STATUS].attrs & marks))
		t->style[KB_STYLE_STATUS].attrs |= KB_ATTR_REVERSE;
	static const enum kb_style hl[] = { KB_STYLE_HIGHLIGHT, KB_STYLE_HL_RED, KB_STYLE_HL_GREEN,
					    KB_STYLE_HL_BLUE, KB_STYLE_HL_PURPLE };
	for (e = 0; e < sizeof(hl) / sizeof(hl[0]); e++)
		if (!(t->style[hl[e]].attrs & (marks | KB_ATTR_UNDERLINE)))
			t->style[hl[e]].attrs |= KB_ATTR_UNDERLINE;
	if (!(t->style[KB_STYLE_MATCH].attrs & (marks | KB_ATTR_UNDERLINE)))
		t->style[KB_STYLE_MATCH].attrs |= KB_ATTR_BOLD | KB_ATTR_UNDERLINE;
}
