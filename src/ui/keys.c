/* SPDX-License-Identifier: MIT */
/*
 * The key table: one table maps keys to actions, so the help overlay, the
 * help text of the command line and the code cannot disagree. Defaults come
 * from the action list in ui.h; the config file can rebind any key. Also
 * here: turning the bytes the terminal sends into characters.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static const struct {
	const char *name, *keys, *help;
} actions[ACT_COUNT] = {
	[ACT_NONE] = {"none", "", ""},
#define ACT_INFO(id, name, keys, help) [ACT_##id] = {name, keys, help},
	KB_ACTIONS(ACT_INFO)
#undef ACT_INFO
};

struct bind {
	int key;
	enum action act;
	int slot;
};

static struct bind binds[256];
static size_t n_binds;
static bool ready;

const char *kb_action_name(enum action a)
{
	return actions[a].name;
}

const char *kb_action_keys(enum action a)
{
	return actions[a].keys;
}

const char *kb_action_help(enum action a)
{
	return actions[a].help;
}

enum action kb_action_by_name(const char *name, int *slot)
{
	*slot = 0;
	if (strncmp(name, "quick-tag-", 10) == 0 && name[10] >= '1' && name[10] <= '9' &&
	    !name[11]) {
		*slot = name[10] - '0';
		return ACT_QUICK_TAG;
	}
	for (int a = 1; a < ACT_COUNT; a++)
		if (a != ACT_QUICK_TAG && strcmp(actions[a].name, name) == 0)
			return (enum action)a;
	return ACT_NONE;
}

const char *kb_action_closest(const char *name)
{
	const char *names[ACT_COUNT];
	for (int a = 0; a < ACT_COUNT; a++)
		names[a] = a == ACT_NONE || a == ACT_QUICK_TAG ? NULL : actions[a].name;
	return kb_closest(name, names, ACT_COUNT);
}

char **kb_command_completions(struct app *app, const char *word, size_t *n)
{
	(void)app;
	char **out = kb_xmalloc((ACT_COUNT + 9) * sizeof(char *));
	size_t wl = strlen(word);
	*n = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (a == ACT_QUICK_TAG || a == ACT_COMMAND)
			continue;
		if (strncmp(actions[a].name, word, wl) != 0)
			continue;
		/* the name, and after a tab the keys it is on (the hint) */
		char keys[64];
		kb_keys_describe((enum action)a, keys, sizeof(keys));
		struct kb_buf e;
		kb_buf_init(&e);
		kb_buf_printf(&e, "%s\t%s", actions[a].name, keys);
		out[(*n)++] = kb_buf_steal(&e);
	}
	for (int d = 1; d <= 9; d++) {
		char name[16];
		snprintf(name, sizeof(name), "quick-tag-%d", d);
		if (wl >= 6 && strncmp(name, word, wl) == 0)
			out[(*n)++] = strdup(name);
	}
	return out;
}

/* Parse a key name of the config (and of the default table) into a key
 * code; -1 when it is not one. */
static int parse_key(const char *s)
{
	static const struct {
		const char *name;
		int key;
	} names[] = {
		{"Tab", '\t'}, {"S-Tab", KEY_FN(KEY_BTAB)}, {"Enter", '\n'}, {"Esc", 27},
		{"Space", ' '}, {"Backspace", KEY_FN(KEY_BACKSPACE)}, {"Up", KEY_FN(KEY_UP)},
		{"Down", KEY_FN(KEY_DOWN)}, {"Left", KEY_FN(KEY_LEFT)}, {"Right", KEY_FN(KEY_RIGHT)},
		{"PgUp", KEY_FN(KEY_PPAGE)}, {"PgDn", KEY_FN(KEY_NPAGE)}, {"Home", KEY_FN(KEY_HOME)},
		{"End", KEY_FN(KEY_END)},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0)
			return names[i].key;
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		int n = atoi(s + 1);
		if (n >= 1 && n <= 12)
			return KEY_FN(KEY_F(n));
	}
	if (s[0] == 'C' && s[1] == '-' && s[2] && !s[3]) {
		char c = s[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	/* a single character, UTF-8 */
	const unsigned char *p = (const unsigned char *)s;
	int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
	if ((int)strlen(s) != len)
		return -1;
	uint32_t c = len == 1 ? p[0] : len == 2 ? (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F)
			: len == 3 ? (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F)
				   : (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
					   (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
	return (int)c;
}

static void bind_key(int key, enum action act, int slot)
{
	for (size_t i = 0; i < n_binds; i++)
		if (binds[i].key == key) {
			binds[i].act = act;
			binds[i].slot = slot;
			return;
		}
	if (n_binds < sizeof(binds) / sizeof(binds[0]))
		binds[n_binds++] = (struct bind){key, act, slot};
}

/* The default table, from the action list's key column. */
static void defaults(void)
{
	n_binds = 0;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (a == ACT_QUICK_TAG)
			continue;
		char keys[64];
		snprintf(keys, sizeof(keys), "%s", actions[a].keys);
		for (char *save = NULL, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
			int code = parse_key(k);
			if (code >= 0)
				bind_key(code, (enum action)a, 0);
		}
	}
	for (int d = 1; d <= 9; d++)
		bind_key('0' + d, ACT_QUICK_TAG, d);
	/* arrows and vi keys double up for convenience */
	bind_key(KEY_FN(KEY_ENTER), ACT_OPEN, 0);
	bind_key('\r', ACT_OPEN, 0);
	bind_key(12, ACT_REDRAW, 0);
	ready = true;
}

enum action kb_keys_action(int key, int *slot)
{
	if (!ready)
		defaults();
	for (size_t i = 0; i < n_binds; i++)
		if (binds[i].key == key) {
			if (slot)
				*slot = binds[i].slot;
			return binds[i].act;
		}
	return ACT_NONE;
}

void kb_keys_configure(const struct kb_config *cfg, void (*warn)(void *, const char *), void *ctx)
{
	defaults();
	for (size_t i = 0; cfg && i < cfg->n_bindings; i++) {
		const struct kb_binding *b = &cfg->bindings[i];
		char msg[512];
		int key = parse_key(b->key);
		int slot = 0;
		enum action act = kb_action_by_name(b->action, &slot);
		if (key < 0 || act == ACT_NONE) {
			const char *where = cfg->path ? cfg->path : "config";
			const char *near = key < 0 ? NULL : kb_action_closest(b->action);
			if (key < 0)
				snprintf(msg, sizeof(msg), _("%s:%zu: unknown key '%s'"), where, b->line,
					 b->key);
			else if (near)
				snprintf(msg, sizeof(msg),
					 _("%s:%zu: unknown action '%s' (did you mean '%s'?)"), where,
					 b->line, b->action, near);
			else
				snprintf(msg, sizeof(msg), _("%s:%zu: unknown action '%s'"), where,
					 b->line, b->action);
			if (warn)
				warn(ctx, msg);
			continue;
		}
		bind_key(key, act, slot);
	}
}

/* The name of a key as the config writes it. */
static void kb_key_label(int key, char *buf, size_t n)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{'\t', "Tab"}, {KEY_FN(KEY_BTAB), "S-Tab"}, {'\n', "Enter"}, {27, "Esc"},
		{' ', "Space"}, {KEY_FN(KEY_BACKSPACE), "Backspace"}, {KEY_FN(KEY_UP), "Up"},
		{KEY_FN(KEY_DOWN), "Down"}, {KEY_FN(KEY_LEFT), "Left"}, {KEY_FN(KEY_RIGHT), "Right"},
		{KEY_FN(KEY_PPAGE), "PgUp"}, {KEY_FN(KEY_NPAGE), "PgDn"}, {KEY_FN(KEY_HOME), "Home"},
		{KEY_FN(KEY_END), "End"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key) {
			snprintf(buf, n, "%s", names[i].name);
			return;
		}
	if (key >= KEY_FN(KEY_F(1)) && key <= KEY_FN(KEY_F(12))) {
		snprintf(buf, n, "F%d", key - KEY_FN(KEY_F(0)));
	} else if (key >= 1 && key <= 26) {
		snprintf(buf, n, "C-%c", 'a' + key - 1);
	} else if (key < 0x110000) {
		wchar_t w[2] = {(wchar_t)key, 0};
		if (wcstombs(buf, w, n) == (size_t)-1)
			snprintf(buf, n, "U+%04X", (unsigned)key);
	} else {
		snprintf(buf, n, "key%d", key - 0x110000);
	}
}

void kb_keys_describe(enum action act, char *buf, size_t n)
{
	if (!ready)
		defaults();
	buf[0] = '\0';
	size_t used = 0;
	for (size_t i = 0; i < n_binds && used + 16 < n; i++) {
		if (binds[i].act != act || binds[i].key == KEY_FN(KEY_ENTER) || binds[i].key == '\r')
			continue;
		if (act == ACT_QUICK_TAG) {
			snprintf(buf, n, "1-9");
			return;
		}
		char k[32];
		kb_key_label(binds[i].key, k, sizeof(k));
		used += (size_t)snprintf(buf + used, n - used, "%s%s", used ? " " : "", k);
	}
}

/* In English whatever the locale: the man page is made from this output. */
void kb_ui_print_keys(FILE *f)
{
	for (int a = 1; a < ACT_COUNT; a++)
		fprintf(f, "  %-12s %-16s %s\n", actions[a].keys, actions[a].name, actions[a].help);
}

/* UTF-8 by the Unicode rules for the second byte (no overlong forms, no
 * surrogates, nothing past U+10FFFF), so only well-formed characters reach
 * the key table and the editors. */
int kb_utf8_in_feed(struct kb_utf8_in *d, unsigned char b, bool *refeed)
{
	*refeed = false;
	if (d->need) {
		if (b >= d->lo && b <= d->hi) {
			d->cp = d->cp << 6 | (b & 0x3Fu);
			d->lo = 0x80;
			d->hi = 0xBF;
			return --d->need ? KB_IN_MORE : (int)d->cp;
		}
		/* a cut sequence: drop it, and b starts afresh */
		d->need = 0;
		*refeed = true;
		return KB_IN_BAD;
	}
	if (b < 0x80)
		return b;
	d->lo = 0x80;
	d->hi = 0xBF;
	if (b >= 0xC2 && b <= 0xDF) {
		d->need = 1;
		d->cp = b & 0x1Fu;
	} else if (b >= 0xE0 && b <= 0xEF) {
		d->need = 2;
		d->cp = b & 0x0Fu;
		d->lo = b == 0xE0 ? 0xA0 : 0x80;
		d->hi = b == 0xED ? 0x9F : 0xBF;
	} else if (b >= 0xF0 && b <= 0xF4) {
		d->need = 3;
		d->cp = b & 0x07u;
		d->lo = b == 0xF0 ? 0x90 : 0x80;
		d->hi = b == 0xF4 ? 0x8F : 0xBF;
	} else {
		return KB_IN_BAD; /* a lone continuation byte, C0, C1, F5..FF */
	}
	return KB_IN_MORE;
}

void kb_utf8_in_reset(struct kb_utf8_in *d)
{
	d->need = 0;
}

const struct kb_completer kb_complete_commands = {
	.fn = kb_command_completions,
	.fresh = N_("(no such action: Tab or ? lists them)"),
	.none = N_("no action starts with \"%s\""),
};
