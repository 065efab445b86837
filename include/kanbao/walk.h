/* SPDX-License-Identifier: MIT */
/*
 * Expanding the paths a user names (files and directories) into the edition
 * files to read. Directories are walked recursively in name order; symlinks
 * are followed, loops detected; what cannot be read is reported, not fatal.
 */
#ifndef KANBAO_WALK_H
#define KANBAO_WALK_H

#include <stddef.h>

/* Called for each regular file found; path is borrowed for the call. */
typedef void (*kb_walk_file_fn)(void *ctx, const char *path);
/* Called for each path that is skipped, with a message saying why
 * ("symlink loop", "not a regular file (FIFO)", "Permission denied" ...). */
typedef void (*kb_walk_error_fn)(void *ctx, const char *path, const char *msg);

/* Visit the n paths. A path naming a regular file is visited even if its name
 * does not end in .txt; inside directories only *.txt files are taken and
 * hidden entries (starting with '.') are skipped. Returns how many paths were
 * reported to on_error. */
size_t kb_walk(const char *const *paths, size_t n, kb_walk_file_fn on_file,
	       kb_walk_error_fn on_error, void *ctx);

#endif
