/* SPDX-License-Identifier: MIT */
/*
 * Text for the terminal and the command line's standard output. Sanitising
 * is kanbao/sanitize.h's (the one sanitiser; this file only cuts and
 * measures around it); widths come from uc_width with the "UTF-8" encoding,
 * so East Asian wide characters count 2 columns under any locale.
 *
 * Standard output is written through kb_term_out and closed by
 * kb_term_close_stdout, so a write error (a full disk, /dev/full, a closed
 * pipe with SIGPIPE ignored) is never lost: main turns it into a non-zero
 * exit status, with a message unless the reader went away (EPIPE).
 */
#include "term.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <uniwidth.h>

#include "kanbao/i18n.h"
#include "kanbao/sanitize.h"

/* The errno of the first failed write to stdout, 0 while none failed. */
static int out_errno;

void kb_term_put_safe(struct kb_buf *b, const char *s, size_t max)
{
	if (!s)
		return;
	size_t n = strlen(s);
	if (max) {
		/* cut after max code points, counted in the untrusted text */
		size_t at = 0, count = 0;
		while (at < n && count < max) {
			uint32_t c;
			at += kb_utf8_next(s + at, n - at, &c);
			count++;
		}
		if (at < n) {
			kb_sanitize(b, s, at, 0);
			kb_buf_puts(b, "…");
			return;
		}
	}
	kb_sanitize(b, s, n, 0);
}

/* The columns of one sanitised code point (non-printing ones take none). */
static size_t cp_width(uint32_t c)
{
	int w = uc_width(c, "UTF-8");
	return w > 0 ? (size_t)w : 0;
}

size_t kb_term_width(const char *s)
{
	size_t n = strlen(s), w = 0;
	while (n) {
		uint32_t c;
		size_t len = kb_utf8_next(s, n, &c);
		w += cp_width(c);
		s += len;
		n -= len;
	}
	return w;
}

size_t kb_term_put_fit(struct kb_buf *b, const char *s, size_t cols)
{
	struct kb_buf tmp;
	kb_buf_init(&tmp);
	kb_term_put_safe(&tmp, s, 0);
	const char *p = tmp.data ? tmp.data : "";
	size_t total = kb_term_width(p);
	if (total <= cols) {
		kb_buf_puts(b, p);
		kb_buf_finish(&tmp);
		return total;
	}
	size_t used = 0, n = tmp.len;
	if (cols == 0) {
		kb_buf_finish(&tmp);
		return 0;
	}
	while (n) {
		uint32_t c;
		size_t len = kb_utf8_next(p, n, &c);
		size_t w = cp_width(c);
		if (used + w + 1 > cols)
			break;
		kb_buf_append(b, p, len);
		used += w;
		p += len;
		n -= len;
	}
	kb_buf_puts(b, "…");
	kb_buf_finish(&tmp);
	return used + 1;
}

size_t kb_term_columns(int fd, size_t fallback)
{
	struct winsize ws;
	if (isatty(fd) && ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return fallback;
}

void kb_term_error(const char *subject, const char *msg)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, "kanbao: ");
	if (!msg)
		msg = "";
	size_t n = subject ? strlen(subject) : 0;
	if (subject && !(strncmp(msg, subject, n) == 0 && msg[n] == ':')) {
		kb_term_put_safe(&b, subject, 0);
		kb_buf_puts(&b, ": ");
	}
	kb_term_put_safe(&b, msg, 0);
	kb_buf_putc(&b, '\n');
	fputs(b.data, stderr);
	kb_buf_finish(&b);
}

/* The message fmt formats, appended to b sanitised. */
__attribute__((format(printf, 2, 0)))
static void vformat_safe(struct kb_buf *b, const char *fmt, va_list ap)
{
	char small[512];
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n <= 0)
		return;
	if ((size_t)n < sizeof(small)) {
		kb_term_put_safe(b, small, 0);
		return;
	}
	char *s = kb_xmalloc((size_t)n + 1);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	kb_term_put_safe(b, s, 0);
	free(s);
}

void kb_term_errorf(const char *subject, const char *fmt, ...)
{
	struct kb_buf m;
	kb_buf_init(&m);
	va_list ap;
	va_start(ap, fmt);
	vformat_safe(&m, fmt, ap);
	va_end(ap);
	kb_term_error(subject, m.data ? m.data : "");
	kb_buf_finish(&m);
}

void kb_term_eprintf(const char *fmt, ...)
{
	struct kb_buf m;
	kb_buf_init(&m);
	va_list ap;
	va_start(ap, fmt);
	vformat_safe(&m, fmt, ap);
	va_end(ap);
	kb_buf_putc(&m, '\n');
	fputs(m.data, stderr);
	kb_buf_finish(&m);
}

bool kb_term_out(const char *data, size_t n)
{
	if (out_errno)
		return false;
	errno = 0;
	if (n && fwrite(data, 1, n, stdout) != n)
		out_errno = errno ? errno : EIO;
	else if (fflush(stdout) != 0)
		out_errno = errno ? errno : EIO;
	return out_errno == 0;
}

bool kb_term_out_failed(void)
{
	return out_errno != 0 || ferror(stdout);
}

int kb_term_close_stdout(int status)
{
	errno = 0;
	int err = out_errno;
	if (fflush(stdout) != 0 && !err)
		err = errno ? errno : EIO;
	if (ferror(stdout) && !err)
		err = -1; /* a failed printf whose errno was not kept */
	if (fclose(stdout) != 0 && !err)
		err = errno ? errno : -1;
	if (!err)
		return status;
	if (err > 0 && err != EPIPE) /* EPIPE: the reader went away; end quietly */
		fprintf(stderr, _("kanbao: cannot write to standard output: %s\n"), strerror(err));
	else if (err < 0)
		fputs(_("kanbao: cannot write to standard output\n"), stderr);
	return status ? status : 1;
}

void kb_term_print_path(const char *path)
{
	struct kb_buf b;
	kb_buf_init(&b);
	if (isatty(STDOUT_FILENO))
		kb_term_put_safe(&b, path, 0);
	else
		kb_buf_puts(&b, path);
	kb_buf_putc(&b, '\n');
	kb_term_out(b.data, b.len);
	kb_buf_finish(&b);
}
