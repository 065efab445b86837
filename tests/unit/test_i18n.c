/* SPDX-License-Identifier: MIT */
/*
 * Translation (kanbao/i18n.h): under zh_CN.UTF-8 the catalogue built from
 * po/zh_CN.po is found through $KANBAO_LOCALEDIR and the export's headings
 * come out in Chinese; under C.UTF-8 they stay English. Without a
 * zh_CN.UTF-8 locale on the machine (locale-gen) the Chinese checks are
 * skipped, saying why.
 */
#include "tap.h"

#include <locale.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/i18n.h"

/* What each heading of the export must become in Chinese. */
static const struct {
	const char *msgid;
	const char *zh;
} headings[] = {
	{"Note", "笔记"},
	{"Highlights", "摘录"},
	{"Tags", "标签"},
	{"Text", "正文"},
	{"Contents", "目录"},
	{"Notes", "笔记"},
};
#define N_HEADINGS (sizeof(headings) / sizeof(headings[0]))

/* Every heading of kb_i18n_export_headings is one of the table's, and the
 * table names each, so a heading added there is also checked here. */
static void check_table(void)
{
	size_t n = 0;
	for (; kb_i18n_export_headings[n] != NULL; n++) {
		bool known = false;
		for (size_t i = 0; i < N_HEADINGS; i++)
			known = known || strcmp(kb_i18n_export_headings[n], headings[i].msgid) == 0;
		CHECK(known, "heading \"%s\" has a Chinese translation to check",
		      kb_i18n_export_headings[n]);
	}
	CHECK(n == N_HEADINGS, "%zu headings marked, %zu checked", n, N_HEADINGS);
}

int main(void)
{
	const char *dir = getenv("KANBAO_LOCALEDIR");
	CHECK(dir != NULL && *dir != '\0', "KANBAO_LOCALEDIR is set (%s)", dir ? dir : "unset");
	/* LANGUAGE would take precedence over the locale set below. */
	unsetenv("LANGUAGE");
	check_table();

	if (setlocale(LC_ALL, "zh_CN.UTF-8") == NULL) {
		for (size_t i = 0; i < N_HEADINGS; i++)
			printf("ok %d - \"%s\" is %s under zh_CN.UTF-8 # SKIP no zh_CN.UTF-8 locale "
			       "(sed -i 's/^# *zh_CN.UTF-8/zh_CN.UTF-8/' /etc/locale.gen && "
			       "locale-gen)\n",
			       ++tap_n, headings[i].msgid, headings[i].zh);
	} else {
		kb_i18n_init();
		for (size_t i = 0; i < N_HEADINGS; i++)
			CHECK_STR(_(headings[i].msgid), headings[i].zh,
				  "\"%s\" is %s under zh_CN.UTF-8", headings[i].msgid,
				  headings[i].zh);
		CHECK_STR(_("not in the catalogue"), "not in the catalogue",
			  "a string without a translation stays itself under zh_CN.UTF-8");
	}

	CHECK(setlocale(LC_ALL, "C.UTF-8") != NULL, "the C.UTF-8 locale exists");
	kb_i18n_init();
	for (size_t i = 0; i < N_HEADINGS; i++)
		CHECK_STR(_(headings[i].msgid), headings[i].msgid, "\"%s\" stays English under C.UTF-8",
			  headings[i].msgid);
	return tap_done();
}
