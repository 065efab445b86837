/* SPDX-License-Identifier: MIT */
/*
 * A minimal TAP producer for kanbao's unit tests: each CHECK is one numbered
 * test line, so meson and .ci/run count the checks that really ran.
 */
#ifndef KANBAO_TEST_TAP_H
#define KANBAO_TEST_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

/* Record one test: cond true passes. Further printf-style args name it. */
#define CHECK(cond, ...) do { \
	int ok_ = (cond) ? 1 : 0; \
	printf("%s %d - ", ok_ ? "ok" : "not ok", ++tap_n); \
	printf(__VA_ARGS__); \
	printf("\n"); \
	if (!ok_) { \
		tap_failed++; \
		printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

/* Compare two strings (NULL-safe) as one test. */
#define CHECK_STR(got, want, ...) do { \
	const char *g_ = (got), *w_ = (want); \
	int same_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0); \
	CHECK(same_, __VA_ARGS__); \
	if (!same_) \
		printf("#   got  [%s]\n#   want [%s]\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

/* Print the plan and return the exit status for main. */
static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
