/* SPDX-License-Identifier: MIT */
/*
 * The loader's boundary: raw bytes of an edition file in, valid UTF-8 text with
 * LF line ends out. Everything after this point may assume valid UTF-8.
 *
 * Accepted: UTF-8 with or without BOM, UTF-16 with a BOM, GB18030/GBK (detected
 * when the bytes are not UTF-8 but decode cleanly as GB18030). CRLF and lone CR
 * become LF. Invalid UTF-8 sequences become U+FFFD, each reported with its line.
 * Refused: NUL bytes without a UTF-16 BOM (binary), files over 512 MiB,
 * unreadable or non-regular files.
 */
#ifndef KANBAO_DECODE_H
#define KANBAO_DECODE_H

#include <stdbool.h>
#include <stddef.h>

#include "kanbao/status.h"

/* Receives a warning about the text being decoded: line is 1-based (0 when
 * the warning is about the whole file), msg is borrowed for the call. */
typedef void (*kb_warn_fn)(void *ctx, size_t line, const char *msg);

/* Decoded text. Caller memory: kb_text_finish frees what kb_decode filled. */
struct kb_text {
	char *data;           /* valid UTF-8, LF line ends, NUL-terminated; owned */
	size_t len;           /* bytes in data, excluding the NUL */
	const char *encoding; /* static name: "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE" */
	bool had_bom;         /* the input started with a byte order mark */
	size_t replaced;      /* invalid sequences replaced with U+FFFD */
};

/* Decode n raw bytes into out. Warnings (replaced bytes, at most a few lines
 * and then a count) go to warn, which may be NULL. On failure out is left
 * empty and the status says why (KB_BINARY, KB_ENCODING, KB_TOO_LARGE). */
enum kb_status kb_decode(const char *bytes, size_t n, struct kb_text *out,
			 kb_warn_fn warn, void *ctx);

/* Read and decode the file at path. On failure the status says why; for
 * KB_IO errno is kept so the caller can print strerror(errno). */
enum kb_status kb_decode_file(const char *path, struct kb_text *out,
			      kb_warn_fn warn, void *ctx);

/* Free what kb_decode put in t; accepts a zeroed or finished t. */
void kb_text_finish(struct kb_text *t);

#endif
