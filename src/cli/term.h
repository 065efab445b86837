/* SPDX-License-Identifier: MIT */
/*
 * Text for the terminal: everything the command line prints that came from
 * an edition, a note or a file name goes through kb_term_put_safe (or
 * kb_term_error for messages), built on the one sanitiser of
 * kanbao/sanitize.h, so no control sequence or bidi override in untrusted
 * text reaches the terminal (shared/RELIABILITY.md). Widths are display
 * columns from libunistring (a Han character is 2), independent of the
 * locale. Standard output is written with kb_term_out and checked at exit
 * by kb_term_close_stdout.
 */
#ifndef KANBAO_CLI_TERM_H
#define KANBAO_CLI_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "kanbao/util.h"

/* Append s for a terminal: at most max code points (0: all, else "…" marks
 * the cut), C0/DEL/C1 controls shown as U+FFFD, bidi and zero-width controls
 * dropped, line breaks and tabs as spaces, invalid UTF-8 as U+FFFD. */
void kb_term_put_safe(struct kb_buf *b, const char *s, size_t max);

/* The display width of s (UTF-8, already sanitised), in columns. */
size_t kb_term_width(const char *s);

/* Append s (sanitised) cut to at most cols display columns, with "…" as the
 * last column when it had to be cut. Returns the columns appended. */
size_t kb_term_put_fit(struct kb_buf *b, const char *s, size_t cols);

/* The width of the terminal on fd, or fallback when fd is not a terminal. */
size_t kb_term_columns(int fd, size_t fallback);

/* Print "kanbao: SUBJECT: MSG" to stderr, sanitised; the subject is left out
 * when msg already starts with it (store messages often name their file or
 * id). subject may be NULL. */
void kb_term_error(const char *subject, const char *msg);

/* kb_term_error with the message formatted as printf does; the whole
 * message is sanitised, so untrusted strings may be among the arguments. */
void kb_term_errorf(const char *subject, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Print the formatted line (a newline is added) to stderr, all of it
 * sanitised: for messages with their own prefix ("kanbao parse: ..."). */
void kb_term_eprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Write data to stdout and flush it. False once any write to stdout has
 * failed (the error is kept for kb_term_close_stdout): a command may stop
 * producing output then. */
bool kb_term_out(const char *data, size_t n);

/* A path kanbao wrote on its own line of stdout: exact for a script,
 * made safe (kb_term_put_safe) on a terminal. */
void kb_term_print_path(const char *path);

/* Whether a write to stdout has failed so far (kb_term_out or stdio). */
bool kb_term_out_failed(void);

/* Flush and close stdout at exit; on a write error print "kanbao: cannot
 * write to standard output: REASON" (nothing when the reader of a pipe went
 * away: EPIPE) and return status, or 1 if status was 0. Otherwise return
 * status unchanged. */
int kb_term_close_stdout(int status);

#endif
