/* SPDX-License-Identifier: MIT */
/*
 * Unit test of the config layer (src/config/): every config setting, each
 * kind of bad line reported at its line while the rest of the file still
 * counts, saved views, the default path from XDG_CONFIG_HOME and HOME, the four shipped
 * themes loaded without a warning and the built-in default equal to
 * default.theme, bad theme lines, #rrggbb mapping, fitting to 16 and 8
 * colours and monochrome. argv[1] is the source root (for themes/).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanbao/config.h"
#include "tap.h"

/* The warnings one load produced. */
struct warns {
	size_t n;
	size_t line[64];
	char msg[64][512];
	char path[64][512];
};

/* A kb_config_warn_fn collecting into struct warns. */
static void collect(void *ctx, const char *path, size_t line, const char *msg)
{
	struct warns *w = ctx;

	if (w->n < 64) {
		w->line[w->n] = line;
		snprintf(w->msg[w->n], sizeof w->msg[0], "%s", msg);
		snprintf(w->path[w->n], sizeof w->path[0], "%s", path);
	}
	w->n++;
}

/* True when some warning is at line and contains needle. */
static bool warned(const struct warns *w, size_t line, const char *needle)
{
	size_t i;

	for (i = 0; i < w->n && i < 64; i++)
		if (w->line[i] == line && strstr(w->msg[i], needle))
			return true;
	return false;
}

static char tmp[256];

/* Write n bytes of s to tmp/name; returns the path (static buffer). */
static const char *write_file(const char *name, const char *s, size_t n)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmp, name);
	f = fopen(path, "wb");
	if (!f || fwrite(s, 1, n, f) != n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	return path;
}

/* Every setting read, comments and blanks ignored. */
static void test_settings(void)
{
	static const char text[] = "# kanbao config\n"
				   "\n"
				   "theme light                 # name or path\n"
				   "ambiwidth double\n"
				   "mouse off\t# tab before the comment\r\n"
				   "quick-tag 1 重要\n"
				   "quick-tag 9 to read later   # a tag with blanks\n"
				   "quick-tag 2 #标签\n"
				   "list-width 32\n"
				   "notes-width 0\n"
				   "  bind j move-down\n"
				   "bind C-r redo\n"
				   "bind # toggle-tag\n"
				   "bind 看 look\n"
				   "bind S-Tab focus-prev\n"
				   "bind F12 help\n"
				   "bind M-x execute\n"
				   "notes-width 200\n";
	struct kb_config c;
	struct warns w = { 0 };
	const char *path = write_file("config", text, sizeof text - 1);

	CHECK(kb_config_load(&c, path, collect, &w), "settings: loads");
	CHECK(w.n == 0, "settings: no warnings (%zu: %s)", w.n, w.n ? w.msg[0] : "");
	CHECK_STR(c.theme, "light", "theme");
	CHECK(c.ambiwidth == KB_AMBI_DOUBLE, "ambiwidth double");
	CHECK(!c.mouse, "mouse off (before a tab and comment, CRLF line)");
	CHECK_STR(c.quick_tags[0], "重要", "quick-tag 1");
	CHECK_STR(c.quick_tags[8], "to read later", "quick-tag 9 keeps blanks inside the tag");
	CHECK_STR(c.quick_tags[1], "#标签", "quick-tag 2: a # inside a word is no comment");
	CHECK(c.quick_tags[2] == NULL, "quick-tag 3 unset");
	CHECK(c.list_width == 32, "list-width");
	CHECK(c.notes_width == 200, "notes-width: the later line wins");
	CHECK(c.n_bindings == 7, "7 bindings (%zu)", c.n_bindings);
	if (c.n_bindings == 7) {
		CHECK_STR(c.bindings[0].key, "j", "bind j");
		CHECK_STR(c.bindings[0].action, "move-down", "bind j action");
		CHECK(c.bindings[0].line == 11, "bind j line 11 (%zu)", c.bindings[0].line);
		CHECK_STR(c.bindings[1].key, "C-r", "bind C-r");
		CHECK_STR(c.bindings[1].action, "redo", "bind C-r action");
		CHECK_STR(c.bindings[2].key, "#", "bind # binds the # key");
		CHECK_STR(c.bindings[2].action, "toggle-tag", "bind # action");
		CHECK_STR(c.bindings[3].key, "看", "a UTF-8 key");
		CHECK_STR(c.bindings[4].key, "S-Tab", "S-Tab");
		CHECK_STR(c.bindings[5].key, "F12", "F12");
		CHECK_STR(c.bindings[6].key, "M-x", "M-x");
		CHECK(c.bindings[6].line == 17, "bind M-x line 17");
	}
	CHECK_STR(c.path, path, "path recorded");
	kb_config_finish(&c);
	CHECK(c.theme == NULL && c.bindings == NULL && c.path == NULL, "finish zeroes");
	kb_config_finish(&c);
	kb_config_finish(NULL);

	CHECK(kb_config_load(&c, write_file("config", "ambiwidth single\nmouse on\n", 26), collect,
			     &w),
	      "second file loads");
	CHECK(c.ambiwidth == KB_AMBI_SINGLE && c.mouse, "ambiwidth single, mouse on");
	CHECK(c.preview && !c.confirm_quit, "preview on and confirm-quit off by default");
	kb_config_finish(&c);

	CHECK(kb_config_load(&c, write_file("config", "preview off\nconfirm-quit on\n", 28), collect,
			     &w) &&
		      !c.preview && c.confirm_quit,
	      "preview off, confirm-quit on");
	kb_config_finish(&c);

	CHECK(kb_config_load(&c, write_file("config", "mouse on\n", 9), collect, &w) &&
		      !c.export_notes_text && !c.export_links_markdown,
	      "export: notes as Markdown and wiki links by default");
	kb_config_finish(&c);
	static const char ex[] = "export-notes-as text\nexport-links markdown\n";
	CHECK(kb_config_load(&c, write_file("config", ex, sizeof ex - 1), collect, &w) &&
		      c.export_notes_text && c.export_links_markdown,
	      "export-notes-as text, export-links markdown");
	kb_config_finish(&c);
	w.n = 0;
	static const char bad[] = "export-links html\nexport-notes-as markdown\n";
	CHECK(kb_config_load(&c, write_file("config", bad, sizeof bad - 1), collect, &w) && w.n == 1 &&
		      strstr(w.msg[0], "export-links must be 'wiki' or 'markdown', not 'html'") &&
		      !c.export_links_markdown && !c.export_notes_text,
	      "export-links html: said, skipped (%s)", w.n ? w.msg[0] : "no warning");
	kb_config_finish(&c);
}

/* Each kind of bad line: reported at its line, skipped, the rest read. */
static void test_errors(void)
{
	static const char text[] = "frobnicate 3\n"                   /* 1 unknown setting */
				   "theme\n"                          /* 2 missing */
				   "ambiwidth triple\n"               /* 3 bad value */
				   "ambiwidth double single\n"        /* 4 extra */
				   "mouse maybe\n"                    /* 5 bad value */
				   "list-width 201\n"                 /* 6 out of range */
				   "list-width -1\n"                  /* 7 not a number */
				   "notes-width 3x\n"                 /* 8 not a number */
				   "quick-tag 0 x\n"                  /* 9 slot */
				   "quick-tag 10 x\n"                 /* 10 slot */
				   "quick-tag 3\n"                    /* 11 empty tag */
				   "quick-tag 3   # only a comment\n" /* 12 empty tag */
				   "bind C- quit\n"                   /* 13 malformed key */
				   "bind F99 quit\n"                  /* 14 malformed key */
				   "bind j\n"                         /* 15 missing action */
				   "bind j down up\n"                 /* 16 extra */
				   "bind C-1 quit\n"                  /* 17 malformed key */
				   "bind jk quit\n"                   /* 18 malformed key */
				   "list-width\n"                     /* 19 missing */
				   "Theme dark\n"                     /* 20 names are lower case */
				   "mouse off\n"                      /* 21 fine */
				   "list-width 40\n"                  /* 22 fine */
				   "bind q quit\n";                   /* 23 fine */
	static const struct {
		size_t line;
		const char *needle;
	} want[] = {
		{ 1, "unknown setting 'frobnicate'" },
		{ 2, "theme needs" },
		{ 3, "not 'triple'" },
		{ 4, "extra argument 'single'" },
		{ 5, "not 'maybe'" },
		{ 6, "not '201'" },
		{ 7, "not '-1'" },
		{ 8, "not '3x'" },
		{ 9, "slot must be 1..9, not '0'" },
		{ 10, "not '10'" },
		{ 11, "needs a tag" },
		{ 12, "needs a tag" },
		{ 13, "bad key 'C-'" },
		{ 14, "bad key 'F99'" },
		{ 15, "needs a key and an action" },
		{ 16, "extra argument 'up'" },
		{ 17, "bad key 'C-1'" },
		{ 18, "bad key 'jk'" },
		{ 19, "list-width needs" },
		{ 20, "unknown setting 'Theme'" },
	};
	struct kb_config c;
	struct warns w = { 0 };
	const char *path = write_file("bad", text, sizeof text - 1);
	size_t i;

	CHECK(kb_config_load(&c, path, collect, &w), "bad lines: still loads");
	CHECK(w.n == sizeof want / sizeof want[0], "one warning per bad line (%zu)", w.n);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		CHECK(warned(&w, want[i].line, want[i].needle), "line %zu: %s", want[i].line,
		      want[i].needle);
	CHECK_STR(w.path[0], path, "warning names the file");
	CHECK(c.theme == NULL, "bad theme line left the default");
	CHECK(c.ambiwidth == KB_AMBI_SINGLE, "bad ambiwidth lines left the default");
	CHECK(!c.mouse && c.list_width == 40, "lines after the bad ones read");
	CHECK(c.notes_width == 0 && c.quick_tags[2] == NULL, "bad values left the defaults");
	CHECK(c.n_bindings == 1 && strcmp(c.bindings[0].key, "q") == 0 && c.bindings[0].line == 23,
	      "only the good binding kept, with its line");
	kb_config_finish(&c);
}

/* Saved views: names and queries in file order, the quotes around a query
 * removed, a '#' in quotes kept, a view defined again replaced in place,
 * bad view lines reported at their line. */
static void test_views(void)
{
	static const char text[] = "view 待核 \"tag:待核 unread\"\n"         /* 1 quoted */
				   "view 二月 date:2021-02 paper:郑州日报\n" /* 2 unquoted */
				   "mouse off\n"                             /* 3 */
				   "view\n"                                  /* 4 no name */
				   "view 空\n"                               /* 5 no query */
				   "view 空 \"\"   # an empty query\n"       /* 6 empty quotes */
				   "view 空白 \"  \"\n"                      /* 7 blanks only */
				   "view \"两会\" tag:两会\n"                /* 8 quoted name */
				   "view 专题 tag:\"两会 专题\" unread  # quotes inside\n" /* 9 */
				   "view 短语 \"政府 工作\" \"报告\"\n"   /* 10 two phrases */
				   "\tview\t井号 \"# 号\"  # comment\n"   /* 11 # in quotes */
				   "view 待核 \" tag:待核 -tag:已核 \"\n" /* 12 replaces 1 */
				   "view #重要 tag:#重要\n"               /* 13 */
				   "View x y\n";                          /* 14 lower case */
	struct kb_config c;
	struct warns w = { 0 };
	const char *path = write_file("views", text, sizeof text - 1);

	CHECK(kb_config_load(&c, path, collect, &w), "views: loads");
	CHECK(w.n == 7, "views: 7 warnings (%zu)", w.n);
	CHECK(warned(&w, 4, "view needs a name and a query"), "view without a name, line 4");
	CHECK(warned(&w, 5, "view 空 needs a query"), "view without a query, line 5");
	CHECK(warned(&w, 6, "view 空 needs a query"), "view with \"\", line 6");
	CHECK(warned(&w, 7, "view 空白 needs a query"), "view with blanks in quotes, line 7");
	CHECK(warned(&w, 8, "name '\"两会\"' holds a '\"'"), "quoted name refused, line 8");
	CHECK(warned(&w, 12, "view '待核' is defined again (first on line 1)"),
	      "a view defined again is reported at the later line");
	CHECK(warned(&w, 14, "unknown setting 'View'"), "names are lower case");
	CHECK_STR(w.path[0], path, "view warnings name the file");
	CHECK(!c.mouse, "settings between views read");
	CHECK(c.n_views == 6, "6 views (%zu)", c.n_views);
	if (c.n_views == 6) {
		CHECK_STR(c.views[0].name, "待核", "view 1 name");
		CHECK_STR(c.views[0].query, "tag:待核 -tag:已核",
			  "the later 待核 replaced the first, quotes and blanks around it gone");
		CHECK(c.views[0].line == 12,
		      "a replaced view keeps its place, the later line (%zu)", c.views[0].line);
		CHECK_STR(c.views[1].name, "二月", "view 2 name");
		CHECK_STR(c.views[1].query, "date:2021-02 paper:郑州日报",
			  "unquoted query as written");
		CHECK(c.views[1].line == 2, "view 2 line");
		CHECK_STR(c.views[2].name, "专题", "view 3 name");
		CHECK_STR(c.views[2].query, "tag:\"两会 专题\" unread",
			  "quotes inside the query kept, the comment after it cut");
		CHECK_STR(c.views[3].name, "短语", "view 4 name");
		CHECK_STR(c.views[3].query, "\"政府 工作\" \"报告\"",
			  "a query of two phrases is not unquoted");
		CHECK_STR(c.views[4].name, "井号", "view 5 name, tabs as blanks");
		CHECK_STR(c.views[4].query, "# 号", "a '#' between quotes is no comment");
		CHECK(c.views[4].line == 11, "view 5 line");
		CHECK_STR(c.views[5].name, "#重要", "a name may start with '#'");
		CHECK_STR(c.views[5].query, "tag:#重要", "view 6 query");
	}
	kb_config_finish(&c);
	CHECK(c.views == NULL && c.n_views == 0, "finish frees the views");

	w.n = 0;
	CHECK(kb_config_load(&c, write_file("views", "mouse on\n", 9), collect, &w) &&
		      c.views == NULL && c.n_views == 0 && w.n == 0,
	      "no view lines: no views");
	kb_config_finish(&c);
}

/* Overlong lines, invalid UTF-8, NUL and control bytes: skipped. */
static void test_bad_bytes(void)
{
	char text[8192];
	size_t n = 0;
	struct kb_config c;
	struct warns w = { 0 };

	n += (size_t)sprintf(text + n, "\xef\xbb\xbfmouse off\n"); /* 1 BOM is fine */
	n += (size_t)sprintf(text + n, "quick-tag 1 ");            /* 2 too long */
	memset(text + n, 'x', 4100);
	n += 4100;
	text[n++] = '\n';
	n += (size_t)sprintf(text + n, "quick-tag 2 \xe9\x87\n"); /* 3 truncated */
	n += (size_t)sprintf(text + n, "quick-tag 3 \xc0\xaf\n"); /* 4 overlong */
	memcpy(text + n, "quick-tag 4 a\0b\n", 16);               /* 5 NUL */
	n += 16;
	n += (size_t)sprintf(text + n, "quick-tag 5 \x1b[31m\n");     /* 6 ESC */
	n += (size_t)sprintf(text + n, "quick-tag 6 \xed\xa0\x80\n"); /* 7 surrogate */
	n += (size_t)sprintf(text + n, "quick-tag 7 好\n");           /* 8 fine */
	n += (size_t)sprintf(text + n, "list-width 7");               /* 9 no newline */

	CHECK(kb_config_load(&c, write_file("bytes", text, n), collect, &w), "bad bytes: loads");
	CHECK(w.n == 6, "six bad lines reported (%zu)", w.n);
	CHECK(warned(&w, 2, "longer than 4096"), "overlong line 2");
	CHECK(warned(&w, 3, "invalid UTF-8"), "truncated sequence line 3");
	CHECK(warned(&w, 4, "invalid UTF-8"), "overlong form line 4");
	CHECK(warned(&w, 5, "NUL"), "NUL line 5");
	CHECK(warned(&w, 6, "control character"), "ESC line 6");
	CHECK(warned(&w, 7, "invalid UTF-8"), "surrogate line 7");
	CHECK(!c.mouse, "a byte order mark before the first setting");
	CHECK(c.quick_tags[0] == NULL && c.quick_tags[1] == NULL && c.quick_tags[5] == NULL,
	      "skipped lines set nothing");
	CHECK_STR(c.quick_tags[6], "好", "the good line between read");
	CHECK(c.list_width == 7, "last line without a newline read");
	kb_config_finish(&c);
}

/* A missing file: defaults, no warning; an unreadable one: false. */
static void test_missing(void)
{
	struct kb_config c;
	struct warns w = { 0 };
	char path[512];
	size_t i;

	snprintf(path, sizeof path, "%s/no/such/config", tmp);
	CHECK(kb_config_load(&c, path, collect, &w), "missing file: true");
	CHECK(w.n == 0, "missing file: no warning");
	CHECK(c.theme == NULL && c.ambiwidth == KB_AMBI_SINGLE && c.mouse && c.list_width == 0 &&
		      c.notes_width == 0 && c.n_bindings == 0 && c.path == NULL,
	      "missing file: defaults");
	for (i = 0; i < 9; i++)
		if (c.quick_tags[i])
			break;
	CHECK(i == 9, "missing file: no quick tags");
	kb_config_finish(&c);

	/* A directory exists but cannot be read as a file. */
	CHECK(!kb_config_load(&c, tmp, collect, &w), "a directory: false");
	CHECK(w.n == 1 && w.line[0] == 0 && strstr(w.msg[0], "cannot read"),
	      "a directory: reported");
	kb_config_finish(&c);
}

/* Bytes of address space this process has mapped (VmSize), or -1. */
static long mapped(void)
{
	long pages = -1;
	FILE *f = fopen("/proc/self/statm", "r");

	if (f) {
		if (fscanf(f, "%ld", &pages) != 1)
			pages = -1;
		fclose(f);
	}
	return pages < 0 ? -1 : pages * sysconf(_SC_PAGESIZE);
}

/* Issue 9: a FIFO as the config blocked the reader before it started, and
 * /dev/zero (one endless line) grew it to gigabytes. Only regular files of
 * at most 1 MiB are read; the rest are refused at once, naming the file and
 * what it is, config and themes alike. SIGALRM ends the test if a load
 * blocks; RLIMIT_AS makes an unbounded read fail instead of growing. */
static void test_special_files(void)
{
	struct kb_config c;
	struct kb_theme t;
	struct warns w = { 0 };
	char fifo[512], err[512];
	struct rlimit old, lim;

	snprintf(fifo, sizeof fifo, "%s/fifo", tmp);
	if (mkfifo(fifo, 0600) != 0) {
		perror("mkfifo");
		exit(1);
	}
	getrlimit(RLIMIT_AS, &old);
	lim = old;
	lim.rlim_cur = 1024UL * 1024 * 1024; /* 1 GiB: the old reader grew past it */
	/* not under a sanitizer, whose shadow memory is already far larger */
	if ((old.rlim_cur == RLIM_INFINITY || old.rlim_cur > lim.rlim_cur) &&
	    mapped() < (256L << 20))
		setrlimit(RLIMIT_AS, &lim);
	alarm(10);

	CHECK(!kb_config_load(&c, fifo, collect, &w),
	      "config a FIFO (no writer): refused, not blocked");
	CHECK(w.n == 1 && w.line[0] == 0 && strcmp(w.path[0], fifo) == 0 &&
		      strstr(w.msg[0], "a FIFO, not a regular file"),
	      "config a FIFO: the message names the file and says it is a FIFO (%s)", w.msg[0]);
	CHECK(c.mouse && c.path == NULL, "config a FIFO: the defaults stay");
	kb_config_finish(&c);

	w.n = 0;
	CHECK(!kb_config_load(&c, "/dev/zero", collect, &w), "config /dev/zero: refused, bounded");
	CHECK(w.n == 1 && strcmp(w.path[0], "/dev/zero") == 0 &&
		      strstr(w.msg[0], "character device, not a regular file"),
	      "config /dev/zero: the message names it (%s)", w.msg[0]);
	kb_config_finish(&c);

	w.n = 0;
	CHECK(!kb_config_load(&c, tmp, collect, &w) && w.n == 1 &&
		      strstr(w.msg[0], "a directory, not a regular file"),
	      "config a directory: refused as one (%s)", w.msg[0]);
	kb_config_finish(&c);

	/* a regular file over 1 MiB is no settings file either */
	{
		size_t n = 1024 * 1024 + 100;
		char *big = malloc(n);

		memset(big, '#', n);
		w.n = 0;
		CHECK(!kb_config_load(&c, write_file("big", big, n), collect, &w) && w.n == 1 &&
			      strstr(w.msg[0], "larger than 1024 KiB"),
		      "a config over 1 MiB: refused (%s)", w.msg[0]);
		kb_config_finish(&c);
		free(big);
	}

	CHECK(!kb_theme_load(&t, fifo, collect, &w, err, sizeof err) && strstr(err, fifo) &&
		      strstr(err, "a FIFO"),
	      "a theme path to a FIFO: refused, not blocked (%s)", err);
	kb_theme_finish(&t);
	CHECK(!kb_theme_load(&t, "/dev/zero", collect, &w, err, sizeof err) &&
		      strstr(err, "/dev/zero") && strstr(err, "not a regular file"),
	      "a theme path to /dev/zero: refused (%s)", err);
	kb_theme_finish(&t);

	alarm(0);
	setrlimit(RLIMIT_AS, &old);
	unlink(fifo);
}

/* The default path from XDG_CONFIG_HOME, else HOME; load(NULL) reads it. */
static void test_default_path(void)
{
	char dir[512], want[600];
	char *p;
	struct kb_config c;
	struct warns w = { 0 };

	snprintf(dir, sizeof dir, "%s/xdg", tmp);
	setenv("XDG_CONFIG_HOME", dir, 1);
	p = kb_config_default_path();
	snprintf(want, sizeof want, "%s/kanbao/config", dir);
	CHECK_STR(p, want, "XDG_CONFIG_HOME/kanbao/config");
	free(p);

	setenv("XDG_CONFIG_HOME", "relative/dir", 1);
	setenv("HOME", tmp, 1);
	p = kb_config_default_path();
	snprintf(want, sizeof want, "%s/.config/kanbao/config", tmp);
	CHECK_STR(p, want, "relative XDG_CONFIG_HOME ignored: ~/.config/kanbao/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = kb_config_default_path();
	CHECK_STR(p, want, "no XDG_CONFIG_HOME: ~/.config/kanbao/config");
	free(p);

	CHECK(kb_config_load(&c, NULL, collect, &w) && c.path == NULL && w.n == 0,
	      "load(NULL) with no file: defaults");
	kb_config_finish(&c);
	snprintf(want, sizeof want, "mkdir -p %s/.config/kanbao", tmp);
	CHECK(system(want) == 0, "made ~/.config/kanbao");
	write_file(".config/kanbao/config", "list-width 12\n", 14);
	CHECK(kb_config_load(&c, NULL, collect, &w) && c.list_width == 12 && w.n == 0,
	      "load(NULL) reads the default path");
	kb_config_finish(&c);
}

/* The shipped themes: found by name, no warnings, each element as the file
 * says; the built-in default equals default.theme. */
static void test_shipped(const char *root)
{
	static const char *const names[] = { "default", "light", "mono", "high-contrast" };
	char dir[512], err[512];
	struct kb_theme t, d;
	struct warns w;
	size_t i, e;

	snprintf(dir, sizeof dir, "%s/themes", root);
	setenv("KANBAO_THEMES", dir, 1);
	for (i = 0; i < 4; i++) {
		char path[600], line[256];
		unsigned seen = 0;
		FILE *f;

		memset(&w, 0, sizeof w);
		CHECK(kb_theme_load(&t, names[i], collect, &w, err, sizeof err),
		      "theme %s loads (%s)", names[i], err);
		CHECK(w.n == 0, "theme %s: no warnings (%s)", names[i], w.n ? w.msg[0] : "");
		CHECK_STR(t.name, names[i], "theme %s: name", names[i]);
		/* Every element written in the file (none left to the default). */
		snprintf(path, sizeof path, "%s/%s.theme", dir, names[i]);
		f = fopen(path, "r");
		while (f && fgets(line, sizeof line, f))
			for (e = 0; e < KB_STYLE_COUNT; e++)
				if (strncmp(line, kb_style_names[e], strlen(kb_style_names[e])) ==
					    0 &&
				    line[strlen(kb_style_names[e])] == ' ')
					seen |= 1u << e;
		if (f)
			fclose(f);
		CHECK(seen == (1u << KB_STYLE_COUNT) - 1, "theme %s sets every element", names[i]);
		if (i == 0) {
			kb_theme_default(&d);
			CHECK(memcmp(d.style, t.style, sizeof d.style) == 0,
			      "built-in default equals default.theme");
			for (e = 0; e < KB_STYLE_COUNT; e++)
				if (memcmp(&d.style[e], &t.style[e], sizeof d.style[e]))
					printf("# differs: %s\n", kb_style_names[e]);
			kb_theme_finish(&d);
			CHECK(t.style[KB_STYLE_NORMAL].fg == -1 &&
				      t.style[KB_STYLE_NORMAL].bg == -1,
			      "default: body text in the terminal's colours");
			CHECK(t.style[KB_STYLE_TITLE].fg == 222 &&
				      t.style[KB_STYLE_TITLE].attrs == KB_ATTR_BOLD,
			      "default: title");
			CHECK(t.style[KB_STYLE_CURSOR].bg == 31, "default: cursor row");
		} else if (i == 1) {
			CHECK(t.style[KB_STYLE_TITLE].fg == 88, "light: dark red title");
			CHECK(t.style[KB_STYLE_HIGHLIGHT].fg == 16 &&
				      t.style[KB_STYLE_HIGHLIGHT].bg == 229,
			      "light: highlight");
		} else if (i == 2) {
			for (e = 0; e < KB_STYLE_COUNT; e++)
				if (t.style[e].fg != -1 || t.style[e].bg != -1)
					break;
			CHECK(e == KB_STYLE_COUNT, "mono: no colours");
			CHECK(t.style[KB_STYLE_TITLE].attrs & KB_ATTR_BOLD, "mono: bold title");
			CHECK(t.style[KB_STYLE_CURSOR].attrs & KB_ATTR_REVERSE,
			      "mono: reverse cursor");
			CHECK(t.style[KB_STYLE_SELECTION].attrs & KB_ATTR_REVERSE,
			      "mono: reverse selection");
			CHECK(t.style[KB_STYLE_HIGHLIGHT].attrs == KB_ATTR_UNDERLINE,
			      "mono: underlined highlight");
		} else {
			for (e = 0; e < KB_STYLE_COUNT; e++)
				if (t.style[e].fg > 15 || t.style[e].bg > 15 || t.style[e].bg < 0)
					break;
			CHECK(e == KB_STYLE_COUNT, "high-contrast: 16 colours, no default bg");
			CHECK(t.style[KB_STYLE_NORMAL].fg == 15 && t.style[KB_STYLE_NORMAL].bg == 0,
			      "high-contrast: bright white on black");
			CHECK(t.style[KB_STYLE_CURSOR].attrs == (KB_ATTR_BOLD | KB_ATTR_REVERSE),
			      "high-contrast: bold reverse cursor");
		}
		kb_theme_finish(&t);
	}

	/* A user theme in $XDG_CONFIG_HOME/kanbao/themes comes first. */
	snprintf(dir, sizeof dir, "%s/xdg", tmp);
	setenv("XDG_CONFIG_HOME", dir, 1);
	snprintf(err, sizeof err, "mkdir -p %s/xdg/kanbao/themes", tmp);
	CHECK(system(err) == 0, "made the user themes dir");
	write_file("xdg/kanbao/themes/light.theme", "title red default\n", 18);
	memset(&w, 0, sizeof w);
	CHECK(kb_theme_load(&t, "light", collect, &w, err, sizeof err) &&
		      t.style[KB_STYLE_TITLE].fg == 1 && t.style[KB_STYLE_CURSOR].bg == 31,
	      "user theme wins; unset elements keep the built-in default");
	kb_theme_finish(&t);
	unsetenv("XDG_CONFIG_HOME");
}

/* Bad theme lines, names and paths. */
static void test_bad_theme(void)
{
	static const char text[] = "# my theme\n"
				   "title #ff0000 default bold underline # red\n" /* 2 fine */
				   "titel red default\n"      /* 3 unknown element */
				   "kicker red\n"             /* 4 missing bg */
				   "meta purple default\n"    /* 5 bad colour */
				   "meta default color256\n"  /* 6 bad colour */
				   "meta #12345g default\n"   /* 7 bad colour */
				   "note red default blink\n" /* 8 unknown attribute */
				   "tag color007 default\n"   /* 9 leading zero */
				   "author bright-blue color0 italic dim standout\n"; /* 10 fine */
	struct kb_theme t;
	struct warns w = { 0 };
	char err[512];
	const char *path = write_file("my.theme", text, sizeof text - 1);

	CHECK(kb_theme_load(&t, path, collect, &w, err, sizeof err), "theme by path loads");
	CHECK_STR(t.name, "my", "a path's theme is named after the file");
	CHECK(w.n == 7, "seven bad theme lines (%zu)", w.n);
	CHECK(warned(&w, 3, "unknown element 'titel'"), "line 3: unknown element");
	CHECK(warned(&w, 4, "needs a foreground and a background"), "line 4: missing colour");
	CHECK(warned(&w, 5, "bad colour 'purple'"), "line 5: bad colour name");
	CHECK(warned(&w, 6, "bad colour 'color256'"), "line 6: color256");
	CHECK(warned(&w, 7, "bad colour '#12345g'"), "line 7: bad hex");
	CHECK(warned(&w, 8, "unknown attribute 'blink'"), "line 8: unknown attribute");
	CHECK(warned(&w, 9, "bad colour 'color007'"), "line 9: leading zeros");
	CHECK(t.style[KB_STYLE_TITLE].fg == 196 && t.style[KB_STYLE_TITLE].bg == -1 &&
		      t.style[KB_STYLE_TITLE].attrs == (KB_ATTR_BOLD | KB_ATTR_UNDERLINE),
	      "#ff0000 is colour 196, trailing comment cut");
	CHECK(t.style[KB_STYLE_AUTHOR].fg == 12 && t.style[KB_STYLE_AUTHOR].bg == 0 &&
		      t.style[KB_STYLE_AUTHOR].attrs ==
			      (KB_ATTR_ITALIC | KB_ATTR_DIM | KB_ATTR_STANDOUT),
	      "line after the bad ones read");
	CHECK(t.style[KB_STYLE_KICKER].fg == 174 && t.style[KB_STYLE_META].fg == 245 &&
		      t.style[KB_STYLE_NOTE].fg == 187,
	      "bad lines left the built-in styles");
	kb_theme_finish(&t);

	memset(&w, 0, sizeof w);
	CHECK(!kb_theme_load(&t, "no-such-theme", collect, &w, err, sizeof err),
	      "unknown theme: false");
	CHECK(strstr(err, "no-such-theme") != NULL, "unknown theme: message names it (%s)", err);
	CHECK_STR(t.name, "default", "unknown theme: built-in default stands in");
	kb_theme_finish(&t);
	CHECK(!kb_theme_load(&t, ".hidden", collect, &w, err, sizeof err), ".hidden refused");
	kb_theme_finish(&t);
	CHECK(!kb_theme_load(&t, "/no/such/file.theme", collect, &w, err, sizeof err) &&
		      strstr(err, "/no/such/file.theme"),
	      "missing theme path: false, named");
	kb_theme_finish(&t);
	kb_theme_finish(NULL);
}

/* #rrggbb to the nearest xterm-256 colour. */
static void test_hex(void)
{
	static const struct {
		const char *hex;
		int want;
	} cases[] = {
		{ "#000000", 16 },  { "#ffffff", 231 }, { "#FF0000", 196 }, { "#00ff00", 46 },
		{ "#0000ff", 21 },  { "#808080", 244 }, { "#5f87af", 67 },  { "#ffd75f", 221 },
		{ "#767676", 243 }, { "#eeeeee", 255 }, { "#010101", 16 },  { "#d7af87", 180 },
	};
	char text[64], err[256];
	struct kb_theme t;
	struct warns w = { 0 };
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int n = snprintf(text, sizeof text, "normal %s default\n", cases[i].hex);

		kb_theme_load(&t, write_file("hex.theme", text, (size_t)n), collect, &w, err,
			      sizeof err);
		CHECK(t.style[KB_STYLE_NORMAL].fg == cases[i].want, "%s -> %d (%d)", cases[i].hex,
		      cases[i].want, t.style[KB_STYLE_NORMAL].fg);
		kb_theme_finish(&t);
	}
	CHECK(w.n == 0, "hex colours: no warnings");
}

/* Fitting to 16 and 8 colours, and monochrome. */
static void test_reduce(const char *root)
{
	struct kb_theme t;
	char err[256], path[512];
	struct warns w = { 0 };
	size_t e;

	kb_theme_default(&t);
	kb_theme_fit(&t, 256);
	CHECK(t.style[KB_STYLE_TITLE].fg == 222, "256 colours: unchanged");
	kb_theme_fit(&t, 8);
	for (e = 0; e < KB_STYLE_COUNT; e++)
		if (t.style[e].fg > 7 || t.style[e].bg > 7)
			break;
	CHECK(e == KB_STYLE_COUNT, "fit 8: every colour 0..7 or default");
	CHECK(t.style[KB_STYLE_HIGHLIGHT].fg == 0 && t.style[KB_STYLE_HIGHLIGHT].bg == 3,
	      "fit 8: highlight black on yellow");
	CHECK(t.style[KB_STYLE_CURSOR].bg == 6 && t.style[KB_STYLE_CURSOR].fg == 7,
	      "fit 8: cursor white on cyan (%d on %d)", t.style[KB_STYLE_CURSOR].fg,
	      t.style[KB_STYLE_CURSOR].bg);
	CHECK(t.style[KB_STYLE_SELECTION].bg == 4, "fit 8: selection on blue");
	CHECK(t.style[KB_STYLE_ERROR].fg == 1, "fit 8: error red");
	CHECK(t.style[KB_STYLE_TAG].fg == 2, "fit 8: tag green");
	for (e = 0; e < KB_STYLE_COUNT; e++)
		if (t.style[e].fg >= 0 && t.style[e].fg == t.style[e].bg)
			break;
	CHECK(e == KB_STYLE_COUNT, "fit 8: no text in its own background colour");
	kb_theme_finish(&t);

	kb_theme_default(&t);
	kb_theme_fit(&t, 16);
	for (e = 0; e < KB_STYLE_COUNT; e++)
		if (t.style[e].fg > 15 || t.style[e].bg > 15)
			break;
	CHECK(e == KB_STYLE_COUNT, "fit 16: every colour 0..15 or default");
	kb_theme_finish(&t);

	/* 16 -> 8: brightness dropped, bold kept or added. */
	snprintf(path, sizeof path, "%s/themes/high-contrast.theme", root);
	CHECK(kb_theme_load(&t, path, collect, &w, err, sizeof err), "high-contrast by path");
	kb_theme_fit(&t, 16);
	CHECK(t.style[KB_STYLE_SUBTITLE].fg == 14, "fit 16 keeps bright colours");
	kb_theme_fit(&t, 8);
	CHECK(t.style[KB_STYLE_SUBTITLE].fg == 6 &&
		      (t.style[KB_STYLE_SUBTITLE].attrs & KB_ATTR_BOLD),
	      "fit 8: bright cyan -> cyan bold");
	CHECK(t.style[KB_STYLE_HIGHLIGHT].bg == 3 && t.style[KB_STYLE_HIGHLIGHT].fg == 0,
	      "fit 8: bright-yellow background -> yellow");
	CHECK(t.style[KB_STYLE_META].fg == 7 && !(t.style[KB_STYLE_META].attrs & KB_ATTR_BOLD),
	      "fit 8: plain white stays plain");
	kb_theme_finish(&t);

	/* Monochrome: colours gone, attributes kept, marks still visible. */
	kb_theme_default(&t);
	kb_theme_monochrome(&t);
	for (e = 0; e < KB_STYLE_COUNT; e++)
		if (t.style[e].fg != -1 || t.style[e].bg != -1)
			break;
	CHECK(e == KB_STYLE_COUNT, "monochrome: no colours");
	CHECK(t.style[KB_STYLE_TITLE].attrs == KB_ATTR_BOLD, "monochrome: title stays bold");
	CHECK(t.style[KB_STYLE_CURSOR].attrs & KB_ATTR_REVERSE, "monochrome: cursor reversed");
	CHECK(t.style[KB_STYLE_SELECTION].attrs & KB_ATTR_REVERSE,
	      "monochrome: selection reversed");
	CHECK(t.style[KB_STYLE_HIGHLIGHT].attrs & KB_ATTR_UNDERLINE,
	      "monochrome: highlight underlined");
	CHECK(t.style[KB_STYLE_MATCH].attrs & KB_ATTR_UNDERLINE, "monochrome: match underlined");
	CHECK(t.style[KB_STYLE_CURSOR].attrs != t.style[KB_STYLE_NORMAL].attrs,
	      "monochrome: cursor distinguishable from normal");
	kb_theme_finish(&t);
	kb_theme_default(&t);
	kb_theme_fit(&t, 2);
	CHECK(t.style[KB_STYLE_CURSOR].fg == -1 &&
		      (t.style[KB_STYLE_CURSOR].attrs & KB_ATTR_REVERSE),
	      "fit 2: monochrome");
	kb_theme_finish(&t);
	CHECK(w.n == 0, "reduce: no warnings");
}

int main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : ".";
	char cmd[300];

	setvbuf(stdout, NULL, _IOLBF, 0); /* a check that hangs still shows the ones before */
	snprintf(tmp, sizeof tmp, "/tmp/kb_config_XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		return 1;
	}
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("KANBAO_THEMES");
	setenv("HOME", tmp, 1);

	test_settings();
	test_errors();
	test_views();
	test_bad_bytes();
	test_missing();
	test_special_files();
	test_default_path();
	test_shipped(root);
	test_bad_theme();
	test_hex();
	test_reduce(root);

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmp);
	return tap_done();
}
