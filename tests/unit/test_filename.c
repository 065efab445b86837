/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of what an edition file's path says (src/loader/filename.c):
 * the naming forms of e-paper archives (a paper code, an 8-digit date and a
 * page; ISO dates; a directory per day; a Han paper name, 年月日 dates and
 * 第N版 pages), and the near misses that must say nothing: an impossible day,
 * a run of 9 digits, a word that is no paper. Also the helpers the page
 * header shares: dates in text, Chinese numbers, page marks.
 */
#include "loader.h"

#include "tap.h"

#include <stdlib.h>
#include <string.h>

/* Check what path says: paper, date and page (NULL: nothing). */
static void name(const char *path, const char *paper, const char *date, const char *page)
{
	struct kb_arena *a = kb_arena_create();
	struct kb_meta m;
	kb_meta_from_path(a, path, &m);
	CHECK_STR(m.paper, paper, "%s: paper", path);
	CHECK_STR(m.date, date, "%s: date", path);
	CHECK_STR(m.page, page, "%s: page", path);
	CHECK(!m.title, "%s: no page name from a path", path);
	kb_arena_destroy(a);
}

static void archive_forms(void)
{
	name("rmrb_20190215_p03.txt", "人民日报", "2019-02-15", "3");
	name("/data/rmrb20190215p03.txt", "人民日报", "2019-02-15", "3");
	name("/data/2019-02-15_p03.txt", NULL, "2019-02-15", "3");
	name("/data/2019-02-15/p03.txt", NULL, "2019-02-15", "3");
	name("/data/2019/02/15/03.txt", NULL, "2019-02-15", "3");
	name("/data/2019-02/15/p03.txt", NULL, "2019-02-15", "3");
	name("/data/201902/15/03.txt", NULL, "2019-02-15", "3");
	name("/data/2019/0215/p3.txt", NULL, "2019-02-15", "3");
	name("/data/rmrb/2019/02/15/03.txt", "人民日报", "2019-02-15", "3");
	name("/data/rmrb_20190215/p03.txt", "人民日报", "2019-02-15", "3");
	name("/data/人民日报/2019-02-15/p03.txt", "人民日报", "2019-02-15", "3");
	name("/data/光明日报/2019-02-15_p03.txt", "光明日报", "2019-02-15", "3");
	name("郑州日报_2021年02月27日_第2版.txt", "郑州日报", "2021-02-27", "2");
	name("郑州日报2021-02-27第02版.txt", "郑州日报", "2021-02-27", "2");
	name("郑州日报_2021年2月27日_第二版.txt", "郑州日报", "2021-02-27", "2");
	name("郑州日报_2021年2月27日_第十二版.txt", "郑州日报", "2021-02-27", "12");
	name("大河报_2023-04-12_A07版.txt", "大河报", "2023-04-12", "A07");
	name("大河报2023-04-12A07版.txt", "大河报", "2023-04-12", "A07");
	name("zzwb_20190923_A05.txt", NULL, "2019-09-23", "A05");
	name("gmrb_20200101_01.txt", "光明日报", "2020-01-01", "1");
	name("JJRB-20200101-page2.txt", "经济日报", "2020-01-01", "2");
	name("hnrb.2020.09.24.p4.txt", "河南日报", "2020-09-24", "4");
	name("x7_01_zzrb_yaowen_20210618.txt", "郑州日报", "2021-06-18", NULL);
	name("/x/2020-01-01_p07.txt", NULL, "2020-01-01", "7");
	name("/x/郑州日报第3版.txt", NULL, NULL, "3");
}

static void near_misses(void)
{
	name("rmrb_20190230_p03.txt", "人民日报", NULL, "3"); /* no 30 February */
	name("2019-02-29.txt", NULL, NULL, NULL);             /* not a leap year */
	name("2020-02-29.txt", NULL, "2020-02-29", NULL);
	name("1900-02-29.txt", NULL, NULL, NULL);
	name("2000-02-29.txt", NULL, "2000-02-29", NULL);
	name("2019-13-01_p1.txt", NULL, NULL, "1");
	name("scan_123456789_p03.txt", NULL, NULL, "3"); /* 9 digits: no date */
	name("120190215.txt", NULL, NULL, NULL);
	name("201902151.txt", NULL, NULL, NULL);
	name("id_12345678.txt", NULL, NULL, NULL);              /* year 1234 */
	name("a20190215b.txt", NULL, "2019-02-15", NULL);       /* apart from digits */
	name("news_20190215_p03.txt", NULL, "2019-02-15", "3"); /* a word, no paper */
	name("rmrbx_20190215.txt", NULL, "2019-02-15", NULL);
	name("城市新闻_2024-05-20_A03.txt", NULL, "2024-05-20", "A03"); /* no 报 */
	name("工作简报_2024-05-20.txt", NULL, "2024-05-20", NULL);      /* a bulletin */
	name("日报_2024-05-20.txt", NULL, "2024-05-20", NULL);          /* too short */
	name("/home/rmrb_fan/notes/2019-02-15.txt", NULL, "2019-02-15", NULL);
	name("2019-02-15_1234.txt", NULL, "2019-02-15", NULL);
	name("mp3_20190215.txt", NULL, "2019-02-15", NULL);
	name("2019-02-15_top3.txt", NULL, "2019-02-15", NULL);
	name("2019-02-15_H5.txt", NULL, "2019-02-15", NULL);
	name("/x/000_0a7de6b0a5fb8a92.txt", NULL, NULL, NULL);
	name("/data/03.txt", NULL, NULL, NULL); /* digits without a day */
	name("/data/2019/02/15/1234.txt", NULL, "2019-02-15", NULL);
	name("/data/2019/02/30/03.txt", NULL, NULL, NULL);
	name("2019-02-15_p0.txt", NULL, "2019-02-15", NULL);
	name("\xe4\xba\xe6\x8a_2021-02-27.txt", NULL, "2021-02-27", NULL); /* bad UTF-8 */
	name("", NULL, NULL, NULL);
	name("/", NULL, NULL, NULL);
}

static void helpers(void)
{
	char d[11];
	size_t s, e;
	const char *t = "人民日报 2019年2月15日 星期五";
	CHECK(kb_find_date(t, strlen(t), &s, &e, d) && !strcmp(d, "2019-02-15") &&
		      !strncmp(t + s, "2019", 4) && !strncmp(t + e, " 星期五", 4),
	      "find: 年月日 in text");
	t = "2019-2-5";
	CHECK(kb_find_date(t, strlen(t), &s, &e, d) && !strcmp(d, "2019-02-05"),
	      "find: one digit month, day");
	t = "2019-02_15";
	CHECK(!kb_find_date(t, strlen(t), &s, &e, d), "find: two different separators");
	t = "电话67655120";
	CHECK(!kb_find_date(t, strlen(t), &s, &e, d), "find: a phone number is no date");
	t = "2019年2月30日";
	CHECK(!kb_find_date(t, strlen(t), &s, &e, d), "find: 2月30日 is no day");
	CHECK(kb_calendar_date(2024, 2, 29) && !kb_calendar_date(2023, 2, 29) &&
		      !kb_calendar_date(2019, 4, 31) && kb_calendar_date(2019, 12, 31),
	      "calendar");
	CHECK(kb_cn_number("二", strlen("二")) == 2 && kb_cn_number("十", strlen("十")) == 10 &&
		      kb_cn_number("十二", strlen("十二")) == 12 &&
		      kb_cn_number("二十", strlen("二十")) == 20 &&
		      kb_cn_number("二十三", strlen("二十三")) == 23 &&
		      kb_cn_number("一〇", strlen("一〇")) == 10,
	      "Chinese numbers");
	CHECK(kb_cn_number("要闻", strlen("要闻")) == 0 && kb_cn_number("〇", strlen("〇")) == 0 &&
		      kb_cn_number("十十", strlen("十十")) == 0,
	      "no Chinese number");
	char p[KB_PAGE_MAX];
	CHECK(kb_page_mark("03", 2, p) && !strcmp(p, "3"), "page mark: 03 is 3");
	CHECK(kb_page_mark("A05", 3, p) && !strcmp(p, "A05"), "page mark: A05");
	CHECK(kb_page_mark("二", strlen("二"), p) && !strcmp(p, "2"), "page mark: 二 is 2");
	CHECK(!kb_page_mark("0", 1, p) && !kb_page_mark("1234", 4, p) && !kb_page_mark("", 0, p),
	      "page mark: 0, four digits, nothing");
	CHECK(kb_paper_of_code("RMRB", 4) && !strcmp(kb_paper_of_code("RMRB", 4), "人民日报") &&
		      !kb_paper_of_code("news", 4) && !kb_paper_of_code("rmr", 3),
	      "paper codes");
	CHECK(kb_paper_name("金水报", strlen("金水报")) &&
		      kb_paper_name("人民日报", strlen("人民日报")) &&
		      !kb_paper_name("日报", strlen("日报")) &&
		      !kb_paper_name("工作简报", strlen("工作简报")) &&
		      !kb_paper_name("新华社电讯", strlen("新华社电讯")) &&
		      !kb_paper_name("2019日报", strlen("2019日报")),
	      "paper names");
}

int main(void)
{
	archive_forms();
	near_misses();
	helpers();
	return tap_done();
}
