/* SPDX-License-Identifier: MIT */
/*
 * A small driver of the store for the crash and concurrency tests
 * (tests/tools/crash.sh): it tags in a loop and prints an acknowledgment
 * after each durable write, so a test can kill it at any moment and check
 * that every acknowledged write survived.
 *
 *   store_tool DB import FILE...       import editions
 *   store_tool DB first-id             print the first article's id
 *   store_tool DB tag ID PREFIX COUNT  tag ID with PREFIX-0 .. PREFIX-(COUNT-1),
 *                                      printing "ack PREFIX-i" after each
 *   store_tool DB verify ID ACKFILE    every tag acknowledged in ACKFILE is there
 *   store_tool DB check                PRAGMA integrity_check and the index
 *   store_tool DB highlight ID QUOTE [NOTE [COLOR]]  highlight the first QUOTE in ID
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/store.h"

static int usage(void)
{
	fputs("usage: store_tool DB import FILE... | first-id | tag ID PREFIX COUNT |"
	      " verify ID ACKFILE | highlight ID QUOTE [NOTE [COLOR]] | check\n", stderr);
	return 2;
}

static int verify(struct kb_store *s, const char *id, const char *ackfile)
{
	struct kb_full *a = kb_store_get(s, id);
	if (!a) {
		fprintf(stderr, "%s\n", kb_store_error(s));
		return 1;
	}
	FILE *f = fopen(ackfile, "r");
	if (!f) {
		perror(ackfile);
		kb_full_destroy(a);
		return 1;
	}
	char line[256];
	int acked = 0, missing = 0;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "ack ", 4) != 0 || !strchr(line, '\n'))
			continue; /* a line cut by the kill was never acknowledged */
		line[strcspn(line, "\n")] = '\0';
		acked++;
		bool found = false;
		for (size_t i = 0; i < a->n_tags && !found; i++)
			found = strcmp(a->tags[i], line + 4) == 0;
		if (!found) {
			missing++;
			fprintf(stderr, "acknowledged but missing: %s\n", line + 4);
		}
	}
	fclose(f);
	printf("%d acknowledged, %d missing, %zu tags\n", acked, missing, a->n_tags);
	kb_full_destroy(a);
	return missing ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	char err[512];
	struct kb_store *s = kb_store_open(argv[1], err, sizeof(err));
	if (!s) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	int rc = 0;
	const char *cmd = argv[2];
	if (strcmp(cmd, "import") == 0) {
		for (int i = 3; i < argc; i++) {
			struct kb_import_stats st;
			if (kb_store_import_file(s, argv[i], NULL, NULL, &st) == KB_IMPORT_FAILED) {
				fprintf(stderr, "%s\n", kb_store_error(s));
				rc = 1;
			}
		}
	} else if (strcmp(cmd, "first-id") == 0) {
		struct kb_filter f = {.limit = 1};
		struct kb_rows rows;
		if (kb_store_list(s, &f, &rows) && rows.n)
			puts(rows.v[0].id);
		else
			rc = 1;
		kb_rows_finish(&rows);
	} else if (strcmp(cmd, "tag") == 0 && argc == 6) {
		int count = atoi(argv[5]);
		for (int i = 0; i < count; i++) {
			char tag[128];
			snprintf(tag, sizeof(tag), "%s-%d", argv[4], i);
			if (!kb_store_tag(s, argv[3], tag)) {
				fprintf(stderr, "%s\n", kb_store_error(s));
				rc = 1;
				break;
			}
			printf("ack %s\n", tag);
			fflush(stdout);
		}
	} else if (strcmp(cmd, "verify") == 0 && argc == 5) {
		rc = verify(s, argv[3], argv[4]);
	} else if (strcmp(cmd, "highlight") == 0 && argc >= 5 && argc <= 7) {
		struct kb_full *a = kb_store_get(s, argv[3]);
		const char *at = a ? strstr(a->text, argv[4]) : NULL;
		int64_t hid;
		if (!at) {
			fprintf(stderr, "%s: quote not found\n", argv[3]);
			rc = 1;
		} else if (!kb_store_add_highlight(s, argv[3], (size_t)(at - a->text),
						   (size_t)(at - a->text) + strlen(argv[4]),
						   argc >= 6 ? argv[5] : NULL, &hid) ||
			   (argc == 7 && !kb_store_set_highlight_color(s, hid, argv[6]))) {
			fprintf(stderr, "%s\n", kb_store_error(s));
			rc = 1;
		}
		kb_full_destroy(a);
	} else if (strcmp(cmd, "check") == 0) {
		char *report = NULL;
		rc = kb_store_check(s, &report) ? 0 : 1;
		printf("%s\n", report);
		free(report);
	} else {
		rc = usage();
	}
	kb_store_close(s);
	return rc;
}
