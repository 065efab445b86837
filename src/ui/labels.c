/* SPDX-License-Identifier: MIT */
/*
 * What a reader recognises an edition and its page by, for rows and
 * titles: 人民日报 2019-02-15 第3版, never the file name (which the article's
 * header line keeps).
 */
#include "ui.h"

#include <stdio.h>
#include <string.h>

const char *kb_page_label(const char *page, char *buf, size_t n)
{
	if (!page || !*page) {
		snprintf(buf, n, "%s", "");
		return buf;
	}
	bool num = true;
	for (const char *p = page; *p && num; p++)
		num = *p >= '0' && *p <= '9';
	/* 2 → 第2版; A05 → A05版; 要闻 (a name) stays as it is */
	if (num)
		snprintf(buf, n, "第%s版", page);
	else if ((unsigned char)page[0] < 0x80)
		snprintf(buf, n, "%s版", page);
	else
		snprintf(buf, n, "%s", page);
	return buf;
}

const char *kb_edition_place(const char *paper, const char *date, const char *page, char *buf,
			     size_t n)
{
	char pg[64];
	kb_page_label(page, pg, sizeof(pg));
	snprintf(buf, n, "%s%s%s%s%s", paper ? paper : "", paper && (date || pg[0]) ? " " : "",
		 date ? date : "", date && pg[0] ? " " : "", pg);
	return buf;
}

const char *kb_weekday(const char *date)
{
	static const char *const names[] = {"周日", "周一", "周二", "周三", "周四", "周五", "周六"};
	int y, m, d;
	char end;
	if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > 31)
		return "";
	/* Sakamoto's method: 0 is Sunday */
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	if (m < 3)
		y--;
	return names[(y + y / 4 - y / 100 + y / 400 + t[m - 1] + d) % 7];
}
