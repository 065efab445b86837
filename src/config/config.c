/* SPDX-License-Identifier: MIT */
/*
 * The reader's config file ($XDG_CONFIG_HOME/kanbao/config, else
 * ~/.config/kanbao/config), parsed into struct kb_config without curses.
 *
 * Format: UTF-8 text, one setting per line. Blank lines are ignored; a line
 * whose first non-blank is '#' is a comment, and so is the rest of a line
 * from a '#' standing alone between blanks ("mouse off  # no mouse"); a '#'
 * inside a word ("#重要") is part of the word, and "bind # action" binds
 * the # key. Setting names are lower case.
 *
 *	theme light                 # a theme name (themes/NAME.theme) or a path
 *	ambiwidth double            # single | double (default single)
 *	mouse off                   # on | off (default on)
 *	preview off                 # the article as the list cursor moves (default on)
 *	confirm-quit on             # ask before q quits (default off)
 *	read-after 20               # an opened article is read after 20 s (default 0: once its end was shown)
 *	export-notes-as text        # markdown | text: notes escaped as the paper's text (default markdown)
 *	export-links markdown       # wiki | markdown: a document's contents as [[#标题]] or [标题](#id) (default wiki)
 *	quick-tag 1 重要            # slot 1..9, then the tag (the rest of the line)
 *	list-width 32               # columns 0..200, 0 = automatic (default)
 *	notes-width 30              # columns 0..200, 0 = automatic (default)
 *	bind j move-down            # a key, then an action of the key table
 *	bind C-r redo
 *	view 待核 "tag:待核 unread"  # a saved view: a name, then a query
 *	view 二月 date:2021-02 paper:郑州日报
 *
 * Keys: one character (any UTF-8 character but blanks), C-x (control with a
 * letter or one of @ [ \ ] ^ _), M-x (alt with one character), or one of
 * Tab S-Tab Enter Esc Space Backspace Up Down Left Right PgUp PgDn Home End
 * F1 .. F12. Keys and actions are stored as written: the UI resolves them
 * and reports unknown actions with the binding's line. Later settings win;
 * later bindings of a key override earlier ones.
 *
 * Views: NAME is one word (no blanks, and no '"': names are not quoted),
 * QUERY the rest of the line in the query syntax of the reader's list. One
 * pair of '"' around the whole query is removed when the query has no '"'
 * of its own; a query with quotes of its own (tag:"两会 专题" unread) is
 * written without outer ones. A '#' between '"' belongs to the query, not
 * to a comment. The query is not checked here (the config layer does not
 * link the store): the reader reports a bad one when the view is opened.
 * Views keep their file order; a view defined again replaces the earlier
 * one in its place, with a warning.
 *
 * Each bad line (unknown setting, missing or extra argument, bad value,
 * malformed key, a line over 4096 bytes, invalid UTF-8, NUL or control
 * bytes) is reported with the file and line and skipped; the rest of the
 * file still counts. A missing file leaves the defaults, silently.
 */
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kanbao/config.h"
#include "kanbao/util.h"

/* From lines.c (keep in step). */
typedef void (*kb_cfgline_fn)(void *ud, char *line, size_t lineno);
bool kb_cfgfile_read(const char *path, kb_cfgline_fn fn, void *ud, kb_config_warn_fn warn,
		     void *ctx, bool *missing, char *why, size_t whylen);
void kb_cfgfile_warnf(kb_config_warn_fn warn, void *ctx, const char *path, size_t line,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t kb_cfgfile_utf8_next(const char *s, size_t n, uint32_t *cp);
char *kb_cfgfile_strip(char *line, size_t from);
char *kb_cfgfile_word(char **p);
char *kb_cfgfile_rest(char **p);

#define MAX_WIDTH 200

/* What a setting's parser works on. */
struct state {
	struct kb_config *cfg;
	const char *path;
	kb_config_warn_fn warn;
	void *ctx;
	size_t line;
};

#define WARN(st, ...) kb_cfgfile_warnf((st)->warn, (st)->ctx, (st)->path, (st)->line, __VA_ARGS__)

/* The key names a binding may use besides characters, C-x and M-x. */
static const char *const key_names[] = {
	"Tab",  "S-Tab", "Enter", "Esc",  "Space", "Backspace", "Up",
	"Down", "Left",  "Right", "PgUp", "PgDn",  "Home",      "End",
};

/* The config directory's base ($XDG_CONFIG_HOME or ~/.config), or NULL.
 * Caller frees. Shared with theme.c for the user's themes. */
char *kb_config_dir(void);

char *kb_config_dir(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	struct kb_buf b;

	/* The XDG spec says a relative $XDG_CONFIG_HOME is to be ignored. */
	if (xdg && xdg[0] == '/')
		return kb_xstrdup(xdg);
	if (!home || !home[0]) {
		struct passwd *pw = getpwuid(getuid());

		home = pw ? pw->pw_dir : NULL;
	}
	if (!home || !home[0])
		return NULL;
	kb_buf_init(&b);
	kb_buf_printf(&b, "%s/.config", home);
	return kb_buf_steal(&b);
}

/* $XDG_CONFIG_HOME/kanbao/config, else ~/.config/kanbao/config; NULL only
 * when there is no home directory at all. */
char *kb_config_default_path(void)
{
	char *dir = kb_config_dir();
	struct kb_buf b;

	if (!dir)
		return NULL;
	kb_buf_init(&b);
	kb_buf_printf(&b, "%s/kanbao/config", dir);
	free(dir);
	return kb_buf_steal(&b);
}

/* True when s is exactly one character (UTF-8), not a blank. */
static bool one_char(const char *s)
{
	uint32_t c;
	size_t n = strlen(s), len = kb_cfgfile_utf8_next(s, n, &c);

	return len > 0 && len == n && c > 0x20;
}

/* True when key is written in one of the forms the UI understands. */
static bool key_valid(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(key, key_names[i]) == 0)
			return true;
	if (key[0] == 'F' && key[1] >= '1' && key[1] <= '9') {
		if (key[2] == '\0')
			return true;
		if (key[1] == '1' && key[2] >= '0' && key[2] <= '2' && key[3] == '\0')
			return true;
	}
	if (one_char(key))
		return true;
	if (strncmp(key, "C-", 2) == 0 && key[2] && !key[3])
		return (key[2] >= 'a' && key[2] <= 'z') || (key[2] >= 'A' && key[2] <= 'Z') ||
		       strchr("@[\\]^_", key[2]) != NULL;
	if (strncmp(key, "M-", 2) == 0)
		return one_char(key + 2);
	return false;
}

/* Report a word left over after a setting's arguments; true if there was. */
static bool extra(struct state *st, const char *name, char **p)
{
	char *w = kb_cfgfile_word(p);

	if (!w)
		return false;
	WARN(st, "extra argument '%s' after %s, line skipped", w, name);
	return true;
}

/* One word argument of a setting that takes exactly one; NULL (reported)
 * if it is missing or followed by more. */
static char *only_word(struct state *st, const char *name, const char *what, char **p)
{
	char *w = kb_cfgfile_word(p);

	if (!w) {
		WARN(st, "%s needs %s, line skipped", name, what);
		return NULL;
	}
	return extra(st, name, p) ? NULL : w;
}

/* theme NAME-OR-PATH (the rest of the line, so a path may hold blanks). */
static void set_theme(struct state *st, const char *name, char *args)
{
	char *v = kb_cfgfile_rest(&args);

	if (!v) {
		WARN(st, "%s needs a theme name or a path, line skipped", name);
		return;
	}
	free(st->cfg->theme);
	st->cfg->theme = kb_xstrdup(v);
}

/* ambiwidth single|double */
static void set_ambiwidth(struct state *st, const char *name, char *args)
{
	char *v = only_word(st, name, "'single' or 'double'", &args);

	if (!v)
		return;
	if (strcmp(v, "single") == 0)
		st->cfg->ambiwidth = KB_AMBI_SINGLE;
	else if (strcmp(v, "double") == 0)
		st->cfg->ambiwidth = KB_AMBI_DOUBLE;
	else
		WARN(st, "%s must be 'single' or 'double', not '%s'; line skipped", name, v);
}

/* An on|off setting into *out. */
static void set_switch(struct state *st, const char *name, char *args, bool *out)
{
	char *v = only_word(st, name, "'on' or 'off'", &args);

	if (!v)
		return;
	if (strcmp(v, "on") == 0)
		*out = true;
	else if (strcmp(v, "off") == 0)
		*out = false;
	else
		WARN(st, "%s must be 'on' or 'off', not '%s'; line skipped", name, v);
}

/* mouse on|off */
static void set_mouse(struct state *st, const char *name, char *args)
{
	set_switch(st, name, args, &st->cfg->mouse);
}

/* confirm-quit on|off */
static void set_confirm_quit(struct state *st, const char *name, char *args)
{
	set_switch(st, name, args, &st->cfg->confirm_quit);
}

/* read-after SECONDS (0-3600) */
static void set_read_after(struct state *st, const char *name, char *args)
{
	char *v = only_word(st, name, "a number of seconds", &args);
	if (!v)
		return;
	char *end = NULL;
	long n = strtol(v, &end, 10);
	if (!*v || *end || n < 0 || n > 3600)
		WARN(st, "%s must be a number of seconds from 0 to 3600, not '%s'; line skipped", name, v);
	else
		st->cfg->read_after = (int)n;
}

/* One word of two: *out true for the second. */
static void set_either(struct state *st, const char *name, char *args, const char *no,
		       const char *yes, bool *out)
{
	char expect[64];
	snprintf(expect, sizeof(expect), "'%s' or '%s'", no, yes);
	char *v = only_word(st, name, expect, &args);
	if (!v)
		return;
	if (strcmp(v, yes) == 0)
		*out = true;
	else if (strcmp(v, no) == 0)
		*out = false;
	else
		WARN(st, "%s must be %s, not '%s'; line skipped", name, expect, v);
}

/* export-notes-as markdown|text */
static void set_export_notes(struct state *st, const char *name, char *args)
{
	set_either(st, name, args, "markdown", "text", &st->cfg->export_notes_text);
}

/* export-links wiki|markdown */
static void set_export_links(struct state *st, const char *name, char *args)
{
	set_either(st, name, args, "wiki", "markdown", &st->cfg->export_links_markdown);
}

/* preview on|off */
static void set_preview(struct state *st, const char *name, char *args)
{
	set_switch(st, name, args, &st->cfg->preview);
}

/* Parse a width: decimal 0..MAX_WIDTH. -1 (reported) if it is not one. */
static int parse_width(struct state *st, const char *name, const char *v)
{
	int n = 0;
	size_t i;

	for (i = 0; v[i]; i++) {
		if (v[i] < '0' || v[i] > '9' || i >= 3)
			break;
		n = n * 10 + (v[i] - '0');
	}
	if (i == 0 || v[i] || n > MAX_WIDTH) {
		WARN(st,
		     "%s must be a number of columns from 0 (automatic) to %d, not '%s'; "
		     "line skipped",
		     name, MAX_WIDTH, v);
		return -1;
	}
	return n;
}

/* list-width N */
static void set_list_width(struct state *st, const char *name, char *args)
{
	char *v = only_word(st, name, "a number of columns (0: automatic)", &args);
	int n = v ? parse_width(st, name, v) : -1;

	if (n >= 0)
		st->cfg->list_width = n;
}

/* notes-width N */
static void set_notes_width(struct state *st, const char *name, char *args)
{
	char *v = only_word(st, name, "a number of columns (0: automatic)", &args);
	int n = v ? parse_width(st, name, v) : -1;

	if (n >= 0)
		st->cfg->notes_width = n;
}

/* quick-tag SLOT TAG: the tag is the rest of the line (tags may hold
 * blanks, as in the store). */
static void set_quick_tag(struct state *st, const char *name, char *args)
{
	char *slot = kb_cfgfile_word(&args);
	char *tag = kb_cfgfile_rest(&args);
	int i;

	if (!slot) {
		WARN(st, "%s needs a slot 1..9 and a tag, line skipped", name);
		return;
	}
	if (slot[0] < '1' || slot[0] > '9' || slot[1]) {
		WARN(st, "%s slot must be 1..9, not '%s'; line skipped", name, slot);
		return;
	}
	if (!tag) {
		WARN(st, "%s %s needs a tag, line skipped", name, slot);
		return;
	}
	i = slot[0] - '1';
	free(st->cfg->quick_tags[i]);
	st->cfg->quick_tags[i] = kb_xstrdup(tag);
}

/* bind KEY ACTION */
static void set_bind(struct state *st, const char *name, char *args)
{
	struct kb_config *cfg = st->cfg;
	char *key = kb_cfgfile_word(&args);
	char *action = kb_cfgfile_word(&args);
	struct kb_binding *b;

	if (!key || !action) {
		WARN(st, "%s needs a key and an action (bind j move-down), line skipped", name);
		return;
	}
	if (extra(st, name, &args))
		return;
	if (!key_valid(key)) {
		WARN(st,
		     "bad key '%s': write one character, C-x, M-x or a key name "
		     "(Tab S-Tab Enter Esc Space Backspace Up Down Left Right PgUp PgDn "
		     "Home End F1..F12); line skipped",
		     key);
		return;
	}
	cfg->bindings = kb_xrealloc(cfg->bindings, (cfg->n_bindings + 1) * sizeof *cfg->bindings);
	b = &cfg->bindings[cfg->n_bindings++];
	b->key = kb_xstrdup(key);
	b->action = kb_xstrdup(action);
	b->line = st->line;
}

/* view NAME QUERY: see the top of this file. */
static void set_view(struct state *st, const char *name, char *args)
{
	struct kb_config *cfg = st->cfg;
	char *vname = kb_cfgfile_word(&args);
	char *query = kb_cfgfile_rest(&args);
	size_t n, i;
	struct kb_view *v;

	if (!vname) {
		WARN(st,
		     "%s needs a name and a query (view 待核 \"tag:待核 unread\"), line skipped",
		     name);
		return;
	}
	if (strchr(vname, '"')) {
		WARN(st,
		     "%s name '%s' holds a '\"': a name is one word without blanks, written "
		     "without quotes (view 待核 \"tag:待核 unread\"); line skipped",
		     name, vname);
		return;
	}
	/* One pair of quotes around the whole query, if it has none inside. */
	n = query ? strlen(query) : 0;
	if (n >= 2 && query[0] == '"' && query[n - 1] == '"' && !memchr(query + 1, '"', n - 2)) {
		query[n - 1] = '\0';
		query++;
		query += strspn(query, " \t");
		n = strlen(query);
		while (n > 0 && (query[n - 1] == ' ' || query[n - 1] == '\t'))
			query[--n] = '\0';
	}
	if (n == 0) {
		WARN(st, "%s %s needs a query (view %s \"tag:待核 unread\"), line skipped", name,
		     vname, vname);
		return;
	}
	for (i = 0; i < cfg->n_views; i++)
		if (strcmp(cfg->views[i].name, vname) == 0)
			break;
	if (i < cfg->n_views) {
		v = &cfg->views[i];
		WARN(st, "%s '%s' is defined again (first on line %zu); this line replaces it",
		     name, vname, v->line);
		free(v->query);
	} else {
		cfg->views = kb_xrealloc(cfg->views, (cfg->n_views + 1) * sizeof *cfg->views);
		v = &cfg->views[cfg->n_views++];
		v->name = kb_xstrdup(vname);
	}
	v->query = kb_xstrdup(query);
	v->line = st->line;
}

/* Where the comment of a view line may start: the first '#' standing alone
 * outside double quotes (or the end), so that "view x \"a # b\"" keeps
 * its '#' while a comment after the query is still cut. */
static size_t view_comment_from(const char *line, size_t i)
{
	bool quoted = false;

	for (; line[i]; i++) {
		if (line[i] == '"')
			quoted = !quoted;
		else if (line[i] == '#' && !quoted && (line[i - 1] == ' ' || line[i - 1] == '\t') &&
			 (line[i + 1] == '\0' || line[i + 1] == ' ' || line[i + 1] == '\t'))
			break;
	}
	return i;
}

/* The settings by name. */
static const struct setting {
	const char *name;
	void (*set)(struct state *st, const char *name, char *args);
} settings[] = {
	{ "theme", set_theme },
	{ "ambiwidth", set_ambiwidth },
	{ "mouse", set_mouse },
	{ "preview", set_preview },
	{ "confirm-quit", set_confirm_quit },
	{ "read-after", set_read_after },
	{ "export-notes-as", set_export_notes },
	{ "export-links", set_export_links },
	{ "quick-tag", set_quick_tag },
	{ "list-width", set_list_width },
	{ "notes-width", set_notes_width },
	{ "bind", set_bind },
	{ "view", set_view },
};

/* Parse one clean line of the config file. */
static void parse_line(void *ud, char *line, size_t lineno)
{
	struct state *st = ud;
	size_t from = 0, i;
	char *p, *name;

	/* In "bind # action" the '#' is the key, not a comment. */
	p = line + strspn(line, " \t");
	if (strncmp(p, "bind", 4) == 0 && (p[4] == ' ' || p[4] == '\t')) {
		p += 4;
		p += strspn(p, " \t");
		p += strcspn(p, " \t");
		from = (size_t)(p - line);
	} else if (strncmp(p, "view", 4) == 0 && (p[4] == ' ' || p[4] == '\t')) {
		from = view_comment_from(line, (size_t)(p + 4 - line));
	}
	p = kb_cfgfile_strip(line, from);
	name = kb_cfgfile_word(&p);
	if (!name)
		return;
	st->line = lineno;
	for (i = 0; i < sizeof settings / sizeof settings[0]; i++) {
		if (strcmp(name, settings[i].name) == 0) {
			settings[i].set(st, name, p);
			return;
		}
	}
	WARN(st,
	     "unknown setting '%s' (settings: theme ambiwidth mouse preview confirm-quit read-after quick-tag list-width "
	     "notes-width export-notes-as export-links bind view); line skipped",
	     name);
}

/* Defaults, then the file; see the top of this file for the format. */
bool kb_config_load(struct kb_config *cfg, const char *path, kb_config_warn_fn warn, void *ctx)
{
	struct state st = { cfg, NULL, warn, ctx, 0 };
	char *def = NULL;
	bool missing, ok;
	char why[256];

	memset(cfg, 0, sizeof *cfg);
	cfg->ambiwidth = KB_AMBI_SINGLE;
	cfg->mouse = true;
	cfg->preview = true;
	if (!path) {
		def = kb_config_default_path();
		if (!def)
			return true;
		path = def;
	}
	st.path = path;
	ok = kb_cfgfile_read(path, parse_line, &st, warn, ctx, &missing, why, sizeof why);
	if (!ok)
		kb_cfgfile_warnf(warn, ctx, path, 0,
				 "cannot read the config file: %s; using the default settings",
				 why);
	else if (!missing)
		cfg->path = kb_xstrdup(path);
	free(def);
	return ok;
}

/* Free the strings, bindings and views; the config is zeroed afterwards. */
void kb_config_finish(struct kb_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	free(cfg->theme);
	for (i = 0; i < 9; i++)
		free(cfg->quick_tags[i]);
	for (i = 0; i < cfg->n_bindings; i++) {
		free(cfg->bindings[i].key);
		free(cfg->bindings[i].action);
	}
	free(cfg->bindings);
	for (i = 0; i < cfg->n_views; i++) {
		free(cfg->views[i].name);
		free(cfg->views[i].query);
	}
	free(cfg->views);
	free(cfg->path);
	memset(cfg, 0, sizeof *cfg);
}
