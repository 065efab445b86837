/* SPDX-License-Identifier: MIT */
/*
 * Reading kanbao's small settings files (the config file and the themes) line
 * by line, shared by config.c and theme.c. Every line is checked once here:
 * longer than 4096 bytes, a NUL byte, invalid UTF-8 or a control character
 * (other than tab) is reported with its line number and skipped, so the
 * parsers and any message quoting the line only ever see clean UTF-8 text.
 * A UTF-8 byte order mark at the start and CRLF line ends are accepted.
 * Only a regular file of at most 1 MiB is read: a FIFO would block the
 * reader before it starts and /dev/zero is one endless line, so both are
 * refused with a message naming the file.
 *
 * The helpers below are declared again in config.c and theme.c (the config
 * layer has no private header yet); keep the prototypes in step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kanbao/config.h"

#define MAX_LINE 4096
#define MAX_FILE (1024 * 1024) /* a settings file is a few lines */

typedef void (*kb_cfgline_fn)(void *ud, char *line, size_t lineno);

bool kb_cfgfile_read(const char *path, kb_cfgline_fn fn, void *ud, kb_config_warn_fn warn,
		     void *ctx, bool *missing, char *why, size_t whylen);
void kb_cfgfile_warnf(kb_config_warn_fn warn, void *ctx, const char *path, size_t line,
		      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
size_t kb_cfgfile_utf8_next(const char *s, size_t n, uint32_t *cp);
char *kb_cfgfile_strip(char *line, size_t from);
char *kb_cfgfile_word(char **p);
char *kb_cfgfile_rest(char **p);

/* Format a message and hand it to warn (if any). */
void kb_cfgfile_warnf(kb_config_warn_fn warn, void *ctx, const char *path, size_t line,
		      const char *fmt, ...)
{
	char msg[MAX_LINE * 2 + 256];
	va_list ap;

	if (!warn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	warn(ctx, path, line, msg);
}

/* Decode one UTF-8 sequence at s[0..n): its length and code point, or 0
 * when it is not well formed (overlong forms, surrogates and code points
 * past U+10FFFF are not). */
size_t kb_cfgfile_utf8_next(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t c, min;
	size_t len, i;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2, c = u[0] & 0x1f, min = 0x80;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3, c = u[0] & 0x0f, min = 0x800;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* Check one line; report and return false if it must be skipped. */
static bool line_ok(const char *s, size_t n, kb_config_warn_fn warn, void *ctx, const char *path,
		    size_t lineno)
{
	size_t i = 0, len;
	uint32_t c;

	if (n > MAX_LINE) {
		kb_cfgfile_warnf(warn, ctx, path, lineno, "line longer than %d bytes, skipped",
				 MAX_LINE);
		return false;
	}
	if (memchr(s, '\0', n)) {
		kb_cfgfile_warnf(warn, ctx, path, lineno, "NUL byte in the line, skipped");
		return false;
	}
	while (i < n) {
		len = kb_cfgfile_utf8_next(s + i, n - i, &c);
		if (len == 0) {
			kb_cfgfile_warnf(warn, ctx, path, lineno,
					 "invalid UTF-8 at byte %zu, line skipped "
					 "(save the file as UTF-8)",
					 i + 1);
			return false;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
			kb_cfgfile_warnf(warn, ctx, path, lineno,
					 "control character U+%04X in the line, skipped",
					 (unsigned)c);
			return false;
		}
		i += len;
	}
	return true;
}

/* What kind of file st is, for a message: "a FIFO", "a directory"... */
static const char *file_kind(const struct stat *st)
{
	if (S_ISFIFO(st->st_mode))
		return "a FIFO";
	if (S_ISDIR(st->st_mode))
		return "a directory";
	if (S_ISCHR(st->st_mode))
		return "a character device";
	if (S_ISBLK(st->st_mode))
		return "a block device";
	if (S_ISSOCK(st->st_mode))
		return "a socket";
	return "not a regular file";
}

/* Open path for reading if it is a regular file of at most MAX_FILE
 * bytes. Opened without blocking, so a FIFO with no writer cannot stop
 * the program here; then checked with fstat, the file actually opened. */
static FILE *open_settings(const char *path, bool *missing, char *why, size_t whylen)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			*missing = true;
		else
			snprintf(why, whylen, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(why, whylen, "%s", strerror(errno));
	} else if (!S_ISREG(st.st_mode)) {
		snprintf(why, whylen, "it is %s, not a regular file", file_kind(&st));
	} else if (st.st_size > MAX_FILE) {
		snprintf(why, whylen,
			 "it is larger than %d KiB (%lld bytes); a settings file is"
			 " a few lines",
			 MAX_FILE / 1024, (long long)st.st_size);
	} else {
		FILE *f;
		int fl = fcntl(fd, F_GETFL);
		if (fl != -1)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
		f = fdopen(fd, "rb");
		if (f)
			return f;
		snprintf(why, whylen, "%s", strerror(errno));
	}
	close(fd);
	return NULL;
}

/* Read path line by line, calling fn with each clean line (NUL-terminated,
 * without its line end; fn may modify it) and its 1-based number. A file
 * that does not exist sets *missing and returns true; a file that exists
 * but cannot be read, or is not a regular file of at most MAX_FILE bytes,
 * returns false with the reason in why. No more than MAX_FILE bytes are
 * read even from a file that grows meanwhile. */
bool kb_cfgfile_read(const char *path, kb_cfgline_fn fn, void *ud, kb_config_warn_fn warn,
		     void *ctx, bool *missing, char *why, size_t whylen)
{
	FILE *f;
	char *line = NULL;
	size_t cap = 0, lineno = 0, total = 0;
	ssize_t got;
	bool ok = true;

	*missing = false;
	if (whylen)
		why[0] = '\0';
	f = open_settings(path, missing, why, whylen);
	if (!f)
		return *missing;
	while ((got = getline(&line, &cap, f)) >= 0) {
		size_t n = (size_t)got;
		char *s = line;

		total += n;
		if (total > MAX_FILE) {
			snprintf(why, whylen, "it grew past %d KiB while being read",
				 MAX_FILE / 1024);
			ok = false;
			break;
		}
		lineno++;
		if (n > 0 && s[n - 1] == '\n')
			n--;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (lineno == 1 && n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
			s += 3, n -= 3;
		if (!line_ok(s, n, warn, ctx, path, lineno))
			continue;
		s[n] = '\0';
		fn(ud, s, lineno);
	}
	if (ok && ferror(f)) {
		snprintf(why, whylen, "%s", strerror(errno));
		ok = false;
	}
	free(line);
	fclose(f);
	return ok;
}

/* Cut the comment off line and trim it; returns its first non-blank byte.
 * A comment is a line whose first non-blank is '#', or a '#' standing alone
 * (blank or line end on both sides) at or after byte from; so "#ff0000" and
 * "#重要" stay words. */
char *kb_cfgfile_strip(char *line, size_t from)
{
	size_t n = strlen(line), i;
	char *s = line;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '#')
		return s + strlen(s);
	for (i = from; i < n; i++) {
		bool before = i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t';
		bool after = line[i + 1] == '\0' || line[i + 1] == ' ' || line[i + 1] == '\t';

		if (line[i] == '#' && before && after) {
			line[i] = '\0';
			n = i;
			break;
		}
	}
	while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		line[--n] = '\0';
	return s;
}

/* The next blank-separated word of *p (NUL-terminated in place), or NULL
 * at the end; *p moves past it. */
char *kb_cfgfile_word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0') {
		*p = s;
		return NULL;
	}
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return w;
}

/* The rest of *p without leading blanks (trailing ones were stripped), or
 * NULL if nothing is left. */
char *kb_cfgfile_rest(char **p)
{
	char *s = *p;

	while (*s == ' ' || *s == '\t')
		s++;
	*p = s + strlen(s);
	return *s ? s : NULL;
}
