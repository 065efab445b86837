/* SPDX-License-Identifier: MIT */
/*
 * Whole-edition tests of the loader on texts written unlike the samples:
 * full-width punctuation, wire-service datelines, top bylines, interviews,
 * lists, short briefs, indented paragraphs without blank lines, page headers
 * and jump lines, captions between the halves of a paragraph, out-of-order
 * halves. Each checks what a reader would see: articles, titles, authors,
 * paragraphs rejoined with nothing inserted, nothing leaked into the text.
 */
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kanbao/edition.h"

static struct kb_edition *parse(const char *text)
{
	return kb_edition_parse(text, strlen(text), "2021-02-27_p02.txt");
}

static size_t paragraphs(const struct kb_article *a)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_blocks; i++)
		n += a->blocks[i].type == KB_BLOCK_PARAGRAPH;
	return n;
}

static const char *para(const struct kb_article *a, size_t k)
{
	for (size_t i = 0; i < a->n_blocks; i++)
		if (a->blocks[i].type == KB_BLOCK_PARAGRAPH && k-- == 0)
			return a->blocks[i].text;
	return NULL;
}

/* Does any paragraph of the edition contain s? */
static bool in_text(const struct kb_edition *ed, const char *s)
{
	for (size_t i = 0; i < ed->n_articles; i++)
		for (size_t k = 0; k < ed->articles[i].n_blocks; k++)
			if (strstr(ed->articles[i].blocks[k].text, s))
				return true;
	return false;
}

static void full_width_and_top_byline(void)
{
	struct kb_edition *ed = parse(
		"\n城市书房开进社区\n\n"
		"本报记者 刘洋 实习生 陈晨\n\n"
		"本报讯 近日，位于金水区的第十二家城市书房正式开放。书房藏书一万余册，全天候向市民免费开放，"
		"每天接待读者三百余人次。\n\n"
		"“以前借书要跑很远，现在下楼就能看书。”家住附近的王女士说，她每周都会带孩子来这里，"
		"孩子最喜欢的是绘本区和\n\n"
		"科普区，每次都舍不得走。\n\n"
		"据了解，今年全市还将新建城市书房二十家。\n");
	CHECK(ed->n_articles == 1, "full-width: one article");
	const struct kb_article *a = &ed->articles[0];
	CHECK_STR(a->title, "城市书房开进社区", "full-width: title");
	CHECK(a->n_authors == 2, "full-width: top byline gives two authors");
	CHECK(a->n_authors == 2 && strcmp(a->authors[1].role, "实习生") == 0,
	      "full-width: second author's role is 实习生");
	CHECK(paragraphs(a) == 3, "full-width: three paragraphs (one rejoined)");
	CHECK(in_text(ed, "绘本区和科普区，每次"), "full-width: column break rejoined with nothing inserted");
	CHECK_STR(ed->date, "2021-02-27", "date from the file name");
	kb_edition_destroy(ed);
}

static void wire_dateline(void)
{
	struct kb_edition *ed = parse(
		"全国春运今日启动\n\n"
		"新华社北京1月28日电（记者 张三、李四）记者从国家发展改革委获悉，2021年春运从1月28日开始，"
		"至3月8日结束，共计40天。\n\n"
		"今年春运客流预计将明显低于往年。\n\n"
		"铁路部门加开临客\n\n"
		"新华社北京1月28日电（记者 王五）铁路部门28日起加开临时旅客列车，满足旅客出行需求。\n");
	CHECK(ed->n_articles == 2, "wire: two articles (datelines start each)");
	if (ed->n_articles == 2) {
		CHECK(ed->articles[0].n_authors == 2, "wire: inline byline with 、 gives two authors");
		CHECK(ed->articles[0].n_authors == 2 &&
		      strcmp(ed->articles[0].authors[1].name, "李四") == 0, "wire: second name 李四");
		CHECK_STR(ed->articles[1].title, "铁路部门加开临客", "wire: second title");
		CHECK(ed->articles[1].n_authors == 1, "wire: second article's author");
	}
	kb_edition_destroy(ed);
}

static void interview(void)
{
	struct kb_edition *ed = parse(
		"让老街区焕发新活力\n\n"
		"——访区住建局局长 赵六\n\n"
		"记者 孙七\n\n"
		"记者：今年老旧小区改造有哪些新变化？\n\n"
		"赵六：今年我们把加装电梯、增设充电桩纳入改造内容，已完成改造小区46个。\n\n"
		"记者：居民最关心什么？\n\n"
		"赵六：最关心的是停车和养老，我们会在明年的计划里重点解决。\n");
	CHECK(ed->n_articles == 1, "interview: one article");
	const struct kb_article *a = &ed->articles[0];
	CHECK(a->subtitle && strstr(a->subtitle, "——访"), "interview: —— line is the subtitle");
	CHECK(a->n_authors == 1, "interview: byline under the headline");
	CHECK(paragraphs(a) == 4, "interview: question and answer paragraphs kept apart");
	kb_edition_destroy(ed);
}

static void list_items(void)
{
	struct kb_edition *ed = parse(
		"我市出台稳就业十条措施\n\n"
		"本报讯 市政府日前出台稳就业措施，主要包括：\n\n"
		"一是加大对中小企业的稳岗补贴；\n\n"
		"二是扩大高校毕业生见习规模；\n\n"
		"三是开展职业技能提升行动。\n\n"
		"记者 周八\n");
	CHECK(ed->n_articles == 1, "list: one article");
	CHECK(paragraphs(&ed->articles[0]) == 4, "list: items ending in ；are not joined");
	CHECK_STR(para(&ed->articles[0], 1), "一是加大对中小企业的稳岗补贴；", "list: first item alone");
	kb_edition_destroy(ed);
}

static void briefs(void)
{
	struct kb_edition *ed = parse(
		"■ 简讯\n\n"
		"二七区开展消防演练\n\n"
		"本报讯 3月1日，二七区在辖区商场开展消防应急演练，300余人参加。\n\n"
		"中原区举办招聘会\n\n"
		"本报讯 2月28日，中原区举办春风行动招聘会，提供岗位2000余个。\n\n"
		"惠济区植树三千棵\n\n"
		"本报讯 近日，惠济区组织义务植树活动，共植树3000余棵。\n");
	CHECK(ed->n_articles == 3, "briefs: three short articles");
	if (ed->n_articles == 3) {
		CHECK_STR(ed->articles[0].title, "二七区开展消防演练", "briefs: first title");
		CHECK_STR(ed->articles[0].kicker, "■ 简讯", "briefs: label is the first kicker");
		CHECK_STR(ed->articles[2].title, "惠济区植树三千棵", "briefs: third title");
	}
	kb_edition_destroy(ed);
}

static void indented_without_blank_lines(void)
{
	struct kb_edition *ed = parse(
		"黄河湿地迎来候鸟\n"
		"　　本报讯 入冬以来，黄河湿地迎来大批越冬候鸟，其中包括国家一级保护动物\n"
		"东方白鹳，数量比去年同期增加两成。\n"
		"　　湿地管理部门加强巡护，禁止在保护区内垂钓和放牧。\n"
		"　　市民观鸟时应保持距离，不要投喂。\n");
	CHECK(ed->n_articles == 1, "indent: one article");
	const struct kb_article *a = &ed->articles[0];
	CHECK_STR(a->title, "黄河湿地迎来候鸟", "indent: title");
	CHECK(paragraphs(a) == 3, "indent: indented lines start paragraphs, the unindented one continues");
	CHECK(in_text(ed, "保护动物东方白鹳"), "indent: wrapped line rejoined");
	kb_edition_destroy(ed);
}

static void header_jump_caption(void)
{
	struct kb_edition *ed = parse(
		"2021年2月27日 星期六 责任编辑 张三 校对 李四\n\n"
		"地铁6号线一期通车\n\n"
		"本报讯 （记者 王五） 27日上午，地铁6号线一期工程正式开通运营，线路全长\n\n"
		"市民乘坐地铁 王五 摄\n\n"
		"约26公里，设站12座。\n\n"
		"开通首日客流超过十万人次，沿线居民出行更加便捷，通勤时间\n\n"
		"（下转第三版）\n");
	CHECK(ed->n_articles == 1, "header/jump: one article");
	CHECK(ed->n_extras == 3, "header/jump: header, caption and jump are extras");
	CHECK(in_text(ed, "线路全长约26公里"), "caption between halves: rejoined");
	CHECK(!in_text(ed, "星期六") && !in_text(ed, "下转") && !in_text(ed, "乘坐地铁"),
	      "header/jump/caption: nothing leaks into the text");
	CHECK(ed->n_articles == 1 && ed->articles[0].n_authors == 1, "inline byline with spaces");
	bool has_jump = false;
	for (size_t i = 0; i < ed->n_extras; i++)
		has_jump |= ed->extras[i].type == KB_EXTRA_JUMP;
	CHECK(has_jump, "jump line kept as an extra");
	kb_edition_destroy(ed);
}

static void lost_headline(void)
{
	struct kb_edition *ed = parse(
		"春季招聘会举行\n\n"
		"本报讯 昨日，春季招聘会在会展中心举行。\n\n"
		"记者 甲乙\n\n"
		"本报讯 市教育局近日公布了今年中招政策，变化主要有三点。\n\n"
		"记者 丙丁\n");
	CHECK(ed->n_articles == 2, "lost headline: text after a closing byline is its own article");
	if (ed->n_articles == 2)
		CHECK_STR(ed->articles[1].title, "", "lost headline: empty title, none borrowed");
	kb_edition_destroy(ed);
}

static void out_of_order(void)
{
	/* the tails of two broken paragraphs stand before their heads */
	struct kb_edition *ed = parse(
		"科技园区建设提速\n\n"
		"本报讯 今年园区将围绕主导产业开展招商，全年计划投资八十亿元，建设项目三十个。\n\n"
		"度计划投资十二亿元。三是做好服务保障，为企业解决用地用工问题。\n\n"
		"设，新建实验室五家，新引进研发机构两家。\n\n"
		"加快项目建设\n\n"
		"一是抓好续建项目，确保年内竣工投产。二是抓好新开工项目，年\n\n"
		"推进平台建设\n\n"
		"创新平台方面，加快推进重点实验室建\n");
	CHECK(ed->n_articles == 1, "out of order: one article");
	CHECK(in_text(ed, "新开工项目，年度计划投资"), "out of order: first far seam joined");
	CHECK(in_text(ed, "重点实验室建设，新建实验室"), "out of order: second far seam joined");
	CHECK(!in_text(ed, "投资八十亿元，建设项目三十个。度"), "out of order: no wrong adjacent join");
	kb_edition_destroy(ed);
}

static void empty_and_blank(void)
{
	struct kb_edition *ed = parse("");
	CHECK(ed->n_articles == 0 && ed->n_extras == 0, "empty text: no articles");
	kb_edition_destroy(ed);
	ed = parse("\n\n　　\n \t\n");
	CHECK(ed->n_articles == 0, "blank lines only: no articles");
	kb_edition_destroy(ed);
	ed = kb_edition_parse("正文没有标题的一段话。", strlen("正文没有标题的一段话。"), NULL);
	CHECK(ed->n_articles == 1 && ed->articles[0].title[0] == '\0' && !ed->date,
	      "a lone paragraph: one article, empty title, no date without a source");
	kb_edition_destroy(ed);
}

static void metadata(void)
{
	const char *t = "---\npaper: 郑州日报\ndate: 2021-02-27\npage: 2\ntitle: 要闻\n---\n\n"
			"标题一行\n\n本报讯 正文一段。\n";
	struct kb_edition *ed = kb_edition_parse(t, strlen(t), "/x/2020-01-01_p07.txt");
	CHECK_STR(ed->paper, "郑州日报", "header: paper");
	CHECK_STR(ed->date, "2021-02-27", "header: date wins over the file name");
	CHECK_STR(ed->page, "2", "header: page wins over the file name");
	CHECK_STR(ed->title, "要闻", "header: edition title");
	CHECK(ed->n_articles == 1 && ed->articles[0].line == 8, "header: not text; lines still count from the file's top");
	kb_edition_destroy(ed);
	ed = kb_edition_parse("正文。", strlen("正文。"), "/x/2020-01-01_p07.txt");
	CHECK_STR(ed->page, "7", "page from p07 in the file name");
	CHECK(!ed->paper && !ed->title, "no header: no paper, no title");
	kb_edition_destroy(ed);
	ed = kb_edition_parse("正文。", strlen("正文。"), "/x/郑州日报第3版.txt");
	CHECK_STR(ed->page, "3", "page from 第3版 in the file name");
	CHECK(!ed->date, "no date in the name: none");
	kb_edition_destroy(ed);
	t = "---\n不是头部的一行\n\n正文。\n";
	ed = kb_edition_parse(t, strlen(t), NULL);
	CHECK(!ed->title && ed->n_articles >= 1, "an unclosed --- is text, not a header");
	kb_edition_destroy(ed);
}

/* Parse text as the file at path and check its paper, date, page and
 * title (the page's name); NULL: none. */
static void meta(const char *path, const char *text, const char *paper, const char *date,
		 const char *page, const char *title, const char *what)
{
	struct kb_edition *ed = kb_edition_parse(text, strlen(text), path);
	CHECK_STR(ed->paper, paper, "%s: paper", what);
	CHECK_STR(ed->date, date, "%s: date", what);
	CHECK_STR(ed->page, page, "%s: page", what);
	CHECK_STR(ed->title, title, "%s: page name", what);
	kb_edition_destroy(ed);
}

/* The page's own header line gives paper, day, page and the page's name
 * where the edition header does not; the file name fills what is left. */
static void page_header(void)
{
	const char *body = "\n\n盼望梦想之桥早日建成\n\n本报讯 沿湄公河三百多公里，只有两座跨河大桥。\n";
	char t[512];
	snprintf(t, sizeof(t), "人民日报 2019年2月15日 星期五 第3版 要闻%s", body);
	meta("/x/edition.txt", t, "人民日报", "2019-02-15", "3", "要闻", "page header");
	struct kb_edition *ed = kb_edition_parse(t, strlen(t), "/x/edition.txt");
	CHECK(ed->n_articles == 1 && !strcmp(ed->articles[0].title, "盼望梦想之桥早日建成") &&
	      !in_text(ed, "星期五"), "page header: furniture, not the headline or text");
	kb_edition_destroy(ed);
	snprintf(t, sizeof(t), "2019年2月15日 星期五  第3版：要闻%s", body);
	meta("/x/edition.txt", t, NULL, "2019-02-15", "3", "要闻", "page header with a colon");
	snprintf(t, sizeof(t), "人民日报 2019年2月15日 第3版 要闻%s", body);
	meta("/x/edition.txt", t, "人民日报", "2019-02-15", "3", "要闻", "page header without a weekday");
	ed = kb_edition_parse(t, strlen(t), "/x/edition.txt");
	CHECK(ed->n_articles == 1 && !strcmp(ed->articles[0].title, "盼望梦想之桥早日建成"),
	      "page header without a weekday: not the headline");
	kb_edition_destroy(ed);
	snprintf(t, sizeof(t), "2019年02月15日 人民日报 第03版%s", body);
	meta("/x/edition.txt", t, "人民日报", "2019-02-15", "3", NULL, "date first, page 03");
	snprintf(t, sizeof(t), "4 2022年3月5日 星期六 解放日报 要闻·综合 责任编辑:周楠 视觉设计:邵竞%s", body);
	meta("/x/edition.txt", t, "解放日报", "2022-03-05", "4", "要闻·综合", "page number first");
	snprintf(t, sizeof(t), "城市新闻　　2024年5月20日　星期一　　A03　　责任编辑　周敏%s", body);
	meta("/x/edition.txt", t, NULL, "2024-05-20", "A03", "城市新闻", "page name first, A03");
	snprintf(t, sizeof(t), "金水报 2020年7月10日 星期五 第3版·民生%s", body);
	meta("/x/edition.txt", t, "金水报", "2020-07-10", "3", "民生", "第3版·民生");
	snprintf(t, sizeof(t), "4 2022年3月5日 星期六 新华社电讯 要闻 责任编辑：王宁%s", body);
	meta("/x/edition.txt", t, NULL, "2022-03-05", "4", "要闻", "the last name before the editors");
	snprintf(t, sizeof(t), "河南日报\n2020年9月24日 星期四\n要闻 4\n责任编辑 王丹 美术编辑 单莉伟%s", body);
	meta("/x/edition.txt", t, "河南日报", "2020-09-24", "4", "要闻", "header over four lines");
	snprintf(t, sizeof(t), "2019年5月16日 星期四\n责任编辑 孙庆辉 美编 王立新\n\n郑州日报\n高新区新闻%s", body);
	meta("/x/edition.txt", t, "郑州日报", "2019-05-16", NULL, "高新区新闻", "masthead under the header");
	/* 今日12版 counts the pages, 第25123期 numbers the issue */
	snprintf(t, sizeof(t), "河南日报 2023年3月6日 星期一 农历癸卯年二月十五 今日12版 第25123期%s", body);
	meta("/x/hnrb_p01.txt", t, "河南日报", "2023-03-06", "1", NULL, "front page: no page in the header");
	/* the editors' line at the foot of the page says nothing */
	meta("/x/edition.txt", "盼望梦想之桥早日建成\n\n本报讯 沿湄公河三百多公里，只有两座跨河大桥。\n\n"
	     "编辑 刘亚丽 校对 王洁 2019年2月15日 星期五\n", NULL, NULL, NULL, NULL, "foot of the page");
	/* a date in the text is no header */
	meta("/x/edition.txt", "大桥开工\n\n本报讯 2019年2月15日，大桥开工。\n", NULL, NULL, NULL, NULL,
	     "a date in a paragraph");
	/* the edition header first, then the page header, then the file name */
	snprintf(t, sizeof(t), "---\ndate: 2021-01-01\ntitle: 头版\n---\n"
		 "人民日报 2019年2月15日 星期五 第3版 要闻%s", body);
	meta("/x/gmrb_20200101_p07.txt", t, "人民日报", "2021-01-01", "3", "头版", "priority: header, page header, name");
	snprintf(t, sizeof(t), "2019年2月15日 星期五%s", body);
	meta("/x/gmrb_20200101_p07.txt", t, "光明日报", "2019-02-15", "7", NULL, "priority: page header, then name");
	/* an impossible day in the header is none */
	snprintf(t, sizeof(t), "人民日报 2019年2月30日 星期五 第3版 要闻%s", body);
	meta("/x/2019-02-15.txt", t, "人民日报", "2019-02-15", "3", "要闻", "2月30日: the name's date");
}

/* A short label and a colon heads a section (市民:…), a one-character
 * label (问：) is dialogue even when the column cut it without a stop. */
static void labelled_headings_and_dialogue(void)
{
	struct kb_edition *ed = parse(
		"共享单车扎堆 地铁口成了“停车场”\n\n"
		"记者 李明\n\n"
		"早高峰时段，记者在地铁站出口看到，数百辆共享单车挤满了人行道。\n\n"
		"市民:方便是方便,就是太乱了\n\n"
		"“骑车上下班比挤公交快多了。”市民张先生说，可是车子乱停，走路都难。\n\n"
		"问：对于普通市民来说，今年还有哪些\n\n"
		"值得期待的新玩法？\n\n"
		"答：今年夏天，湿地公园的夜游项目将正式开放。\n");
	CHECK(ed->n_articles == 1, "label: one article");
	const struct kb_article *a = &ed->articles[0];
	bool heading = false;
	for (size_t i = 0; i < a->n_blocks; i++)
		if (a->blocks[i].type == KB_BLOCK_HEADING &&
		    !strcmp(a->blocks[i].text, "市民:方便是方便,就是太乱了"))
			heading = true;
	CHECK(heading, "label: 市民:… is a section heading");
	CHECK(in_text(ed, "问：对于普通市民来说，今年还有哪些值得期待的新玩法？"),
	      "label: the cut question is rejoined as one paragraph");
	CHECK(!strstr(a->title, "问"), "label: the question is no headline");
	kb_edition_destroy(ed);
}

/* A letter's salutation stands on its own line, a paragraph of its own. */
static void letter_salutation(void)
{
	struct kb_edition *ed = parse(
		"公交站台能否加装遮阳棚\n\n"
		"读者 王建华\n\n"
		"编辑同志：\n\n"
		"我家住在城南开发区，每天乘坐32路公交车上下班。沿线的站台都没有遮阳棚，夏天\n\n"
		"正午乘客只能站在烈日下等车。\n\n"
		"希望有关部门能够关注一下。\n");
	CHECK(ed->n_articles == 1, "salutation: one article");
	const struct kb_article *a = &ed->articles[0];
	CHECK(paragraphs(a) == 3, "salutation: salutation, letter, wish");
	CHECK_STR(para(a, 0), "编辑同志：", "salutation: a paragraph of its own");
	CHECK(in_text(ed, "夏天正午乘客"), "salutation: the cut in the letter is still joined");
	kb_edition_destroy(ed);
}

/* A relayed report (据…消息（记者 …）) opens an article of its own even
 * right after another article's text. */
static void relayed_report(void)
{
	struct kb_edition *ed = parse(
		"长江江豚种群数量回升\n\n"
		"新华社武汉3月16日电（记者 李四）长江江豚种群数量已恢复至1249头。\n\n"
		"今年首批“银发列车”从西安发车\n\n"
		"据人民日报客户端消息（记者　张丹华）3月17日上午，今年首批银发旅游专列从西安站发车。\n");
	CHECK(ed->n_articles == 2, "relayed: two articles");
	if (ed->n_articles == 2) {
		CHECK_STR(ed->articles[1].title, "今年首批“银发列车”从西安发车", "relayed: its headline");
		CHECK(ed->articles[1].n_authors == 1 &&
		      !strcmp(ed->articles[1].authors[0].name, "张丹华"), "relayed: its reporter");
	}
	kb_edition_destroy(ed);
}

/* The masthead and page name under the page header are furniture, not the
 * first article's kicker and title; a paper's name as a headline elsewhere
 * is left alone. */
static void masthead(void)
{
	struct kb_edition *ed = parse(
		"2019年5月16日 星期四\n责任编辑 孙庆辉 美编 王立新\n\n"
		"郑州日报\n高新区新闻\n\n"
		"高新区召开经济运行分析会\n\n"
		"本报讯 4月25日，高新区召开经济运行分析会。\n\n"
		"记者 孙庆辉\n");
	CHECK(ed->n_articles == 1, "masthead: one article");
	if (ed->n_articles == 1) {
		CHECK_STR(ed->articles[0].title, "高新区召开经济运行分析会", "masthead: the real title");
		CHECK(!ed->articles[0].kicker, "masthead: no kicker from the page name");
	}
	CHECK(!in_text(ed, "郑州日报"), "masthead: not in the text");
	kb_edition_destroy(ed);
	ed = parse("郑州日报\n\n本报讯 今天，本报创刊七十周年纪念活动举行。\n");
	CHECK(ed->n_articles == 1 && ed->articles[0].title &&
	      !strcmp(ed->articles[0].title, "郑州日报"), "masthead: without a page header a headline");
	kb_edition_destroy(ed);
}

/* ■ before two spaced phrases heads a section of the article; ■ before one
 * word labels a sidebar that starts an article of its own. */
static void bullet_heads(void)
{
	struct kb_edition *ed = parse(
		"郑州航空港：“空中丝绸之路”越飞越广\n\n"
		"凌晨两点，郑州机场西货运区灯火通明，叉车往来穿梭。\n\n"
		"■ 航线加密 连通全球\n\n"
		"航线是“空中丝绸之路”的生命线。去年以来，航空港区新开通多条国际货运航线。\n\n"
		"■ 多式联运 提质增效\n\n"
		"航空港区大力推广“卡车航班”，辐射范围扩大到全国。\n\n"
		"记者 张勇\n\n"
		"■ 链接\n何为“空中丝绸之路”\n\n"
		"2017年6月，郑州—卢森堡“空中丝绸之路”建设启动。\n");
	CHECK(ed->n_articles == 2, "bullet: the article and its sidebar (%zu)", ed->n_articles);
	if (ed->n_articles == 2) {
		size_t heads = 0;
		for (size_t i = 0; i < ed->articles[0].n_blocks; i++)
			heads += ed->articles[0].blocks[i].type == KB_BLOCK_HEADING;
		CHECK(heads == 2, "bullet: two section heads inside the article");
		CHECK(ed->articles[1].kicker && strstr(ed->articles[1].kicker, "链接"),
		      "bullet: ■ 链接 is the sidebar's kicker");
	}
	kb_edition_destroy(ed);
}

/* Wire copy is credited by its dateline: a headline under it whose text is
 * signed by the paper's own reporter heads the next story. */
static void wire_then_signed(void)
{
	struct kb_edition *ed = parse(
		"今年全国将举办马拉松赛事逾千场\n\n"
		"据新华社电 记者从中国田径协会获悉，今年全国计划举办马拉松赛事逾千场。\n\n"
		"话剧《大河之畔》下周登陆郑州\n\n"
		"记者昨日获悉，原创话剧《大河之畔》将于下周在郑州首演。\n\n"
		"郑州晚报记者 秦川\n");
	CHECK(ed->n_articles == 2, "wire: two stories (%zu)", ed->n_articles);
	if (ed->n_articles == 2) {
		CHECK(ed->articles[0].n_authors == 0, "wire: the wire story has no local author");
		CHECK(ed->articles[1].n_authors == 1, "wire: the signed story has its reporter");
	}
	kb_edition_destroy(ed);
}

/* A long dash subtitle with commas under the title is still the subtitle;
 * a dash line in the text is text. */
static void long_dash_subtitle(void)
{
	struct kb_edition *ed = parse(
		"坚持项目为王 厚植发展优势\n我市二季度重大项目集中开工\n"
		"——共开工项目214个，涵盖先进制造、新基建、社会民生等领域\n\n"
		"本报讯（记者 李晓燕）6月17日，我市二季度重大项目集中开工。\n\n"
		"会议提出三点要求：\n\n"
		"——坚持项目为王，扩大有效投资；\n\n"
		"——坚持创新驱动，培育新兴产业。\n");
	CHECK(ed->n_articles == 1, "dash subtitle: one article (%zu)", ed->n_articles);
	if (ed->n_articles == 1) {
		const struct kb_article *a = &ed->articles[0];
		CHECK(a->subtitle && strstr(a->subtitle, "共开工项目214个"), "dash subtitle: the subtitle");
		CHECK(a->n_authors == 1, "dash subtitle: the byline in the dateline");
		CHECK(in_text(ed, "——坚持项目为王"), "dash subtitle: dash items in the text stay text");
	}
	kb_edition_destroy(ed);
}

/* □ sets off a byline, role or not; （作者系…） closes a signed piece. */
static void square_byline_and_author_note(void)
{
	struct kb_edition *ed = parse(
		"■ 学习札记\n在学思践悟中 筑牢信仰之基\n\n"
		"□ 刘明远\n\n"
		"理想信念是共产党人精神上的“钙”。筑牢信仰之基，要在学懂弄通上下功夫。\n\n"
		"（作者系中共郑州市委党校教授）\n\n"
		"■ 街谈巷议\n\n"
		"共享单车“潮汐”难题待解\n\n"
		"早高峰时地铁口“一车难求”，晚高峰时又扎堆成“车山”。\n\n"
		"特约评论员 孙一帆\n");
	CHECK(ed->n_articles == 2, "square: two pieces (%zu)", ed->n_articles);
	if (ed->n_articles == 2) {
		const struct kb_article *a = &ed->articles[0];
		CHECK(a->n_authors == 1 && !strcmp(a->authors[0].name, "刘明远") &&
		      !a->authors[0].role[0], "square: □ 刘明远 is the author, with no role");
		CHECK(!in_text(ed, "作者系"), "square: the author note is not text");
		CHECK_STR(ed->articles[1].title, "共享单车“潮汐”难题待解", "square: the next piece's title");
	}
	kb_edition_destroy(ed);
}

/* An agency photo credited after its sentence (…回球。 新华社发) is a
 * caption, not text. */
static void agency_photo(void)
{
	struct kb_edition *ed = parse(
		"河南小将获女单亚军\n\n"
		"新华社上海5月3日电（记者 沈昊）全国青少年乒乓球锦标赛3日结束。\n\n"
		"5月3日，河南选手刘思雨在女单决赛中回球。 新华社发\n\n"
		"本届锦标赛共有400余名选手参赛。\n");
	CHECK(!in_text(ed, "新华社发") && !in_text(ed, "在女单决赛中回球"),
	      "agency photo: the caption is not text");
	bool cap = false;
	for (size_t i = 0; i < ed->n_extras; i++)
		cap |= ed->extras[i].type == KB_EXTRA_CAPTION && ed->extras[i].credit &&
		       !strcmp(ed->extras[i].credit, "新华社发");
	CHECK(cap, "agency photo: a caption credited to 新华社发");
	kb_edition_destroy(ed);
}

/* A caption credited to a reporter (…专访 郑报全媒体记者 丁友明 摄) is a
 * caption, not the byline that would close the interview. */
static void reporter_photo_caption(void)
{
	struct kb_edition *ed = parse(
		"让黄河岸边更美\n\n记者 裴晓\n\n"
		"记者：今年以来，惠济区取得了哪些新成效？\n\n"
		"宋振东：今年以来，我们坚持稳中求进。\n\n"
		"宋振东接受本报记者专访 郑报全媒体记者 丁友明 摄\n\n"
		"谈民生 让群众生活更有品质\n\n"
		"记者：在保障和改善民生方面，惠济区有哪些打算？\n\n"
		"宋振东：民生无小事，枝叶总关情。\n");
	CHECK(ed->n_articles == 1, "reporter photo: one interview (%zu)", ed->n_articles);
	if (ed->n_articles == 1)
		CHECK(ed->articles[0].n_authors == 1, "reporter photo: the photographer is no author");
	CHECK(!in_text(ed, "丁友明"), "reporter photo: the caption is not text");
	kb_edition_destroy(ed);
}

/* ■ and one word over the text of an open interview heads a section of it;
 * ■ and one word over a title starts a piece. */
static void bullet_section_in_interview(void)
{
	struct kb_edition *ed = parse(
		"让老城区焕发新活力\n\n——访管城回族区区长 马建新\n\n记者 秦华\n\n"
		"管城回族区是郑州的老城区，历史文化底蕴深厚。\n\n"
		"■ 城市更新\n\n"
		"问：城市更新是老城区发展绕不开的课题，管城区是如何推进的？\n\n"
		"答：我们坚持“留改拆”并举，不搞大拆大建。\n\n"
		"■ 产业升级\n\n"
		"问：老城区空间有限，产业发展如何突破？\n\n"
		"答：我们的思路是“向存量要空间，向楼宇要效益”。\n\n"
		"■ 记者手记\n老城“更新”更要“留心”\n\n"
		"采访中，马建新反复提到一个字——“留”。\n\n记者 秦华\n");
	CHECK(ed->n_articles == 2, "bullet section: the interview and the notebook (%zu)",
	      ed->n_articles);
	if (ed->n_articles == 2) {
		size_t heads = 0;
		for (size_t i = 0; i < ed->articles[0].n_blocks; i++)
			heads += ed->articles[0].blocks[i].type == KB_BLOCK_HEADING;
		CHECK(heads == 2, "bullet section: two sections in the interview");
		CHECK_STR(ed->articles[1].title, "老城“更新”更要“留心”", "bullet section: the notebook's title");
	}
	kb_edition_destroy(ed);
}

/* A notice: a cut inside a bracket is joined, not read as a heading; a
 * contact line ends in its number; a long 招标公告 title starts a notice;
 * labelled fields in a run are paragraphs. */
static void notice_fields(void)
{
	struct kb_edition *ed = parse(
		"关于小学一年级新生入学报名的通知\n\n各位家长:\n\n"
		"一、报名对象\n\n凡年满6周岁(2015年8月3\n\n1日以前出生)的适龄儿童。\n\n"
		"咨询电话:0371-67181120\n\n特此通知。\n\n郑州市教育局\n\n2021年3月19日\n\n"
		"郑州市二七区马寨镇农村道路提升工程招标公告\n\n"
		"本工程已由二七区发展和改革委员会批准建设，现进行公开招标。\n\n"
		"招标人:郑州市二七区马寨镇人民政府\n\n招标代理机构:河南中誉工程管理有限公司\n\n"
		"联系人:王工 电话:0371-68951276\n\n2021年3月22日\n");
	CHECK(ed->n_articles == 2, "notice: two notices (%zu)", ed->n_articles);
	CHECK(in_text(ed, "凡年满6周岁(2015年8月31日以前出生)的适龄儿童。"),
	      "notice: the cut inside the bracket is joined");
	bool phone = false, field = false;
	for (size_t i = 0; i < ed->n_articles; i++)
		for (size_t k = 0; k < ed->articles[i].n_blocks; k++) {
			const char *b = ed->articles[i].blocks[k].text;
			phone |= !strcmp(b, "咨询电话:0371-67181120");
			field |= !strcmp(b, "招标人:郑州市二七区马寨镇人民政府") &&
				 ed->articles[i].blocks[k].type == KB_BLOCK_PARAGRAPH;
		}
	CHECK(phone, "notice: the contact line is a paragraph of its own");
	CHECK(field, "notice: a labelled field is a paragraph");
	if (ed->n_articles == 2)
		CHECK_STR(ed->articles[1].title, "郑州市二七区马寨镇农村道路提升工程招标公告",
			  "notice: the tender notice's title");
	kb_edition_destroy(ed);
}

/* 据《经济日报》报道， right under a headline opens a relayed story even
 * after an article signed at its top; inside a story it is a sentence. */
static void relayed_story(void)
{
	struct kb_edition *ed = parse(
		"工业“压舱石”作用凸显\n\n本报记者 宋晓晨\n\n"
		"10月18日，省统计局发布前三季度全省经济运行数据。\n\n"
		"据《人民日报》报道，全国工业生产同样稳中有进。\n\n"
		"前三季度全国快递业务量 突破900亿件\n\n"
		"据《经济日报》报道，国家邮政局近日发布数据，快递业务量持续增长。\n");
	CHECK(ed->n_articles == 2, "relayed story: two stories (%zu)", ed->n_articles);
	CHECK(in_text(ed, "据《人民日报》报道，全国工业生产同样稳中有进。"),
	      "relayed story: a relayed sentence inside a story stays its paragraph");
	if (ed->n_articles == 2)
		CHECK_STR(ed->articles[1].title, "前三季度全国快递业务量 突破900亿件",
			  "relayed story: its headline");
	kb_edition_destroy(ed);
}

/* A note on the author does not sign the sections of a signed article; a
 * contact line ending in its postcode is not cut. */
static void author_note_and_postcode(void)
{
	struct kb_edition *ed = parse(
		"推动黄河流域文旅融合高质量发展\n\n◎ 王立新\n\n"
		"黄河是中华民族的母亲河，河南是黄河文化的核心区。\n\n"
		"三、探索文旅融合发展的实践路径\n\n"
		"（一）强化规划引领。坚持全流域“一盘棋”。\n\n"
		"（作者单位：河南省社会科学院）\n\n"
		"■ 征稿启事\n\n本版欢迎读者来信反映身边的民生问题。\n\n"
		"来信地址:郑州市郑东新区大河报读者服务部 邮编:450046\n\n"
		"11月15日，记者来到新城路施工现场。\n");
	CHECK(ed->n_articles >= 1 && ed->articles[0].n_authors == 1, "note: the essay's author");
	if (ed->n_articles >= 1) {
		size_t heads = 0;
		for (size_t i = 0; i < ed->articles[0].n_blocks; i++)
			heads += ed->articles[0].blocks[i].type == KB_BLOCK_HEADING;
		CHECK(heads == 1, "note: 三、… is a heading of the essay, not a new article");
	}
	CHECK(in_text(ed, "来信地址:郑州市郑东新区大河报读者服务部 邮编:450046") &&
	      !in_text(ed, "4500461"), "note: the postcode line stands alone");
	kb_edition_destroy(ed);
}

/* A results box: its lines are text, one paragraph each; a story relayed
 * from an official site is credited, so a signed story after it is new. */
static void results_box(void)
{
	struct kb_edition *ed = parse(
		"■ 赛果速递\n\n男篮联赛常规赛第11轮\n\n"
		"郑州华商 98∶95 安徽龙腾\n\n江苏紫金 87∶102 广西桂冠\n\n"
		"省首届青少年体育节 郑州代表团组建完成\n\n"
		"据郑州市体育局官网报道，河南省首届青少年体育节代表团组建完成。\n\n"
		"市青少年游泳锦标赛落幕\n\n"
		"6月9日，郑州市青少年游泳锦标赛落幕。\n\n"
		"郑州晚报记者 冯刚\n");
	CHECK(ed->n_articles == 3, "results: box, relayed story, signed story (%zu)", ed->n_articles);
	CHECK(in_text(ed, "郑州华商 98∶95 安徽龙腾") && in_text(ed, "江苏紫金 87∶102 广西桂冠") &&
	      !in_text(ed, "安徽龙腾江苏"), "results: one paragraph a result");
	if (ed->n_articles == 3) {
		CHECK(ed->articles[1].n_authors == 0, "results: the relayed story has no author");
		CHECK(ed->articles[2].n_authors == 1, "results: the signed story has its reporter");
	}
	kb_edition_destroy(ed);
}

/* A line with only a byline under it, after an unsigned story, is that
 * story's photo caption and credit. */
static void headless_credit(void)
{
	struct kb_edition *ed = parse(
		"爱心驿站里 环卫工人喝上热豆浆\n\n"
		"每天早上5点半，位于金水区纬五路的一处爱心驿站就亮起了灯。\n\n"
		"4月11日清晨，环卫工人在爱心驿站吃早餐\n\n"
		"图/文 大河报记者 邱鹏\n");
	CHECK(ed->n_articles == 1, "headless credit: one story (%zu)", ed->n_articles);
	if (ed->n_articles == 1)
		CHECK(ed->articles[0].n_authors == 1 && !strcmp(ed->articles[0].authors[0].name, "邱鹏"),
		      "headless credit: the story takes the byline");
	bool cap = false;
	for (size_t i = 0; i < ed->n_extras; i++)
		cap |= ed->extras[i].type == KB_EXTRA_CAPTION &&
		       strstr(ed->extras[i].text, "环卫工人在爱心驿站吃早餐");
	CHECK(cap, "headless credit: the line is a caption");
	kb_edition_destroy(ed);
}

/* The page's last line, segments and a phone number with no sentence, is
 * its footer; a notice's labelled contact field at the end stays text. */
static void trailing_footer(void)
{
	struct kb_edition *ed = parse(
		"注销公告\n\n郑州某某商贸有限公司经股东会决议，拟向登记机关申请注销登记。\n\n"
		"联系人:王工 电话:0371-68951276\n\n"
		"郑州报业集团广告中心 承接各类公告 电话:0371-56568181\n");
	CHECK(!in_text(ed, "广告中心"), "footer: the page's footer is not text");
	CHECK(in_text(ed, "联系人:王工 电话:0371-68951276"), "footer: the contact field stays text");
	kb_edition_destroy(ed);
}

int main(void)
{
	metadata();
	page_header();
	full_width_and_top_byline();
	wire_dateline();
	interview();
	labelled_headings_and_dialogue();
	letter_salutation();
	relayed_report();
	masthead();
	bullet_heads();
	wire_then_signed();
	long_dash_subtitle();
	square_byline_and_author_note();
	agency_photo();
	reporter_photo_caption();
	bullet_section_in_interview();
	notice_fields();
	relayed_story();
	author_note_and_postcode();
	results_box();
	headless_credit();
	trailing_footer();
	list_items();
	briefs();
	indented_without_blank_lines();
	header_jump_caption();
	lost_headline();
	out_of_order();
	empty_and_blank();
	return tap_done();
}
