/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target for the reader's settings files: arbitrary bytes read as a
 * config file (kb_config_load) and as a theme file (kb_theme_load by path),
 * then the theme fitted to 8, 16 and 256 colours and made monochrome. The
 * promises of include/kanbao/config.h are checked: what the parsers keep is
 * clean UTF-8 text (no control characters, no surrounding blanks), numbers
 * stay in their ranges, every warning names a line of the file and quotes
 * only clean text, and a bad line never spoils the lines after it: settings
 * appended after the fuzzed text always take effect.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "kanbao/config.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* What the warnings said, for the checks. */
struct seen {
	size_t lines; /* lines in the file */
	size_t n;     /* warnings */
};

/* Is s clean text: valid UTF-8 with no C0 (but tab), DEL or C1 control? */
static bool clean(const char *s)
{
	size_t n = strlen(s);
	if (u8_check((const uint8_t *)s, n))
		return false;
	const uint8_t *p = (const uint8_t *)s;
	ucs4_t c;
	int len;
	while ((len = u8_strmbtouc(&c, p)) > 0) {
		if ((c < 0x20 && c != '\t') || c == 0x7F || (c >= 0x80 && c < 0xA0))
			return false;
		p += len;
	}
	return true;
}

/* Clean, non-empty, and without blanks at either end. */
static bool clean_value(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	return n && clean(s) && s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' && s[n - 1] != '\t';
}

/* Clean, non-empty, and no blank at all (a key or an action). */
static bool clean_word(const char *s)
{
	return clean_value(s) && !strchr(s, ' ') && !strchr(s, '\t');
}

static void warn(void *ctx, const char *path, size_t line, const char *msg)
{
	struct seen *sn = ctx;
	sn->n++;
	if (!path || !msg || !clean(msg) || !clean(path))
		abort(); /* a warning that would put raw bytes on the terminal */
	if (line == 0 || line > sn->lines)
		abort(); /* a warning about a line the file does not have */
}

/* Lines as getline counts them. */
static size_t count_lines(const uint8_t *data, size_t size)
{
	size_t n = 0;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n';
	return n + (size && data[size - 1] != '\n');
}

static void check_config(const struct kb_config *c, const char *path)
{
	if (c->ambiwidth != KB_AMBI_SINGLE && c->ambiwidth != KB_AMBI_DOUBLE)
		abort();
	if (c->list_width < 0 || c->list_width > 200 || c->notes_width < 0 || c->notes_width > 200)
		abort();
	if (c->theme && !clean_value(c->theme))
		abort();
	for (int i = 0; i < 9; i++)
		if (c->quick_tags[i] && !clean_value(c->quick_tags[i]))
			abort();
	for (size_t i = 0; i < c->n_bindings; i++)
		if (!clean_word(c->bindings[i].key) || !clean_word(c->bindings[i].action) ||
		    c->bindings[i].line == 0)
			abort();
	if (!c->path || strcmp(c->path, path) != 0)
		abort();
}

static void check_theme(const struct kb_theme *t, int colors)
{
	if (!t->name || !t->name[0])
		abort();
	for (int e = 0; e < KB_STYLE_COUNT; e++) {
		const struct kb_color_style *s = &t->style[e];
		if (s->fg < -1 || s->fg >= colors || s->bg < -1 || s->bg >= colors ||
		    s->attrs >= 64)
			abort();
	}
}

/* The config file: the fuzzed text, then settings that must win. */
static void fuzz_config(const uint8_t *data, size_t size, const char *path)
{
	static const char tail[] = "\nmouse off\nlist-width 7\nbind F5 quit-now\n";
	uint8_t *buf = malloc(size + sizeof(tail));
	if (!buf)
		abort();
	memcpy(buf, data, size);
	memcpy(buf + size, tail, sizeof(tail) - 1);
	size_t n = size + sizeof(tail) - 1;

	struct seen sn = { count_lines(data, size), 0 };
	struct kb_config c;
	fuzz_write_file(path, data, size);
	if (!kb_config_load(&c, path, warn, &sn))
		abort(); /* the file is there and readable */
	check_config(&c, path);
	kb_config_finish(&c);

	/* the same text and the tail: the tail's settings take effect */
	sn.lines = count_lines(buf, n);
	fuzz_write_file(path, buf, n);
	if (!kb_config_load(&c, path, warn, &sn))
		abort();
	check_config(&c, path);
	if (c.mouse || c.list_width != 7 || c.n_bindings == 0 ||
	    strcmp(c.bindings[c.n_bindings - 1].key, "F5") != 0 ||
	    strcmp(c.bindings[c.n_bindings - 1].action, "quit-now") != 0)
		abort(); /* a line before spoilt the lines after it */
	kb_config_finish(&c);
	free(buf);
}

/* The theme file: the fuzzed text, then a line that must win. */
static void fuzz_theme(const uint8_t *data, size_t size, const char *path)
{
	static const char tail[] = "\ntitle red color200 bold italic\n";
	struct seen sn = { count_lines(data, size), 0 };
	struct kb_theme t;
	char err[512];
	fuzz_write_file(path, data, size);
	if (!kb_theme_load(&t, path, warn, &sn, err, sizeof(err)))
		abort(); /* a readable theme file always loads */
	check_theme(&t, 256);
	int colors[] = { 256, 16, 8, 2 };
	for (size_t i = 0; i < sizeof(colors) / sizeof(colors[0]); i++) {
		struct kb_theme f = t;
		kb_theme_fit(&f, colors[i]);
		check_theme(&f, colors[i] < 8 ? 0 : colors[i]);
	}
	kb_theme_monochrome(&t);
	check_theme(&t, 0);
	kb_theme_finish(&t);

	uint8_t *buf = malloc(size + sizeof(tail));
	if (!buf)
		abort();
	memcpy(buf, data, size);
	memcpy(buf + size, tail, sizeof(tail) - 1);
	sn.lines = count_lines(buf, size + sizeof(tail) - 1);
	fuzz_write_file(path, buf, size + sizeof(tail) - 1);
	free(buf);
	if (!kb_theme_load(&t, path, warn, &sn, err, sizeof(err)))
		abort();
	const struct kb_color_style *s = &t.style[KB_STYLE_TITLE];
	if (s->fg != 1 || s->bg != 200 || s->attrs != (KB_ATTR_BOLD | KB_ATTR_ITALIC))
		abort(); /* a line before spoilt the lines after it */
	kb_theme_finish(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[600];
	fuzz_path(path, sizeof(path), "config");
	fuzz_config(data, size, path);
	fuzz_path(path, sizeof(path), "fuzz.theme");
	fuzz_theme(data, size, path);
	return 0;
}
