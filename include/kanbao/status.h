/* SPDX-License-Identifier: MIT */
/*
 * Status codes shared by every kanbao layer, with their messages kept in one
 * X-macro list (after tig's util.h) so a code and its text cannot drift apart.
 */
#ifndef KANBAO_STATUS_H
#define KANBAO_STATUS_H

#define KB_STATUS_LIST(_) \
	_(OK, "success") \
	_(NOMEM, "out of memory") \
	_(IO, "cannot read the file") \
	_(NOT_REGULAR, "not a regular file") \
	_(TOO_LARGE, "file is larger than kanbao accepts (512 MiB)") \
	_(BINARY, "binary data (NUL bytes), not an edition text") \
	_(ENCODING, "text in an encoding kanbao cannot decode") \
	_(EMPTY, "empty edition (no text)") \
	_(USAGE, "wrong usage")

/* A result code; KB_OK is success, every other value names a failure. */
enum kb_status {
#define KB_STATUS_ENUM(name, msg) KB_##name,
	KB_STATUS_LIST(KB_STATUS_ENUM)
#undef KB_STATUS_ENUM
};

/* The message for a status code: a static string, never NULL. */
const char *kb_status_message(enum kb_status status);

#endif
