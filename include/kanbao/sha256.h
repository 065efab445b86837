/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 (FIPS 180-4), for content hashes of edition files and the stable
 * ids of articles. Small and dependency-free; not for secrets.
 */
#ifndef KANBAO_SHA256_H
#define KANBAO_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct kb_sha256 {
	uint32_t h[8];
	uint64_t len;        /* bytes hashed so far */
	unsigned char buf[64];
	size_t used;         /* bytes waiting in buf */
};

void kb_sha256_init(struct kb_sha256 *c);
void kb_sha256_update(struct kb_sha256 *c, const void *data, size_t n);
void kb_sha256_final(struct kb_sha256 *c, unsigned char out[32]);
/* The digest of data as 64 lower-case hex digits and a NUL. */
void kb_sha256_hex(const void *data, size_t n, char out[65]);

#endif
