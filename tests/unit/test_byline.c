/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the byline parser (src/loader/byline.c): standalone byline
 * blocks (kb_parse_byline), the byline inside a dateline at the start of a
 * paragraph (kb_parse_inline_byline), and the same blocks seen through
 * kb_classify_unit. Each case is compared whole as "role:name|role:name",
 * or "(none)" when the text is no byline, so one check covers one case and
 * a failure shows everything that was parsed.
 *
 * Cases come from the sample editions (sample-issues/) and from the way
 * Chinese newspapers print bylines: full-width brackets and colons, glued
 * role and name, 文/图 credits, two-line bylines, 少数民族 names with a
 * middle dot, wire-agency datelines.
 */
#include "loader.h"

#include "tap.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static struct parse P;
static char got[2048];

/* "role:name|role:name" for a parsed list, "(none)" when ok is false. */
static const char *describe(bool ok, const struct kb_author *a, size_t n)
{
	got[0] = '\0';
	if (!ok)
		return strcpy(got, "(none)");
	if (n == 0)
		return strcpy(got, "(empty)");
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(got);
		snprintf(got + used, sizeof(got) - used, "%s%s:%s", i ? "|" : "",
			 a[i].role ? a[i].role : "(null)",
			 a[i].name ? a[i].name : "(null)");
	}
	return got;
}

static const char *block(const char *s)
{
	struct kb_author *a = NULL;
	size_t n = 0;
	bool ok = kb_parse_byline(P.arena, s, strlen(s), &a, &n);
	return describe(ok, a, n);
}

static const char *inl(const char *s)
{
	struct kb_author *a = NULL;
	size_t n = 0;
	bool ok = kb_parse_inline_byline(P.arena, s, strlen(s), &a, &n);
	return describe(ok, a, n);
}

/* Through the classifier: the authors when the unit is a byline. */
static const char *classified(const char *s)
{
	struct unit u = {0};
	u.text = s;
	u.len = strlen(s);
	kb_classify_unit(&P, &u);
	return describe(u.kind == U_BYLINE, u.authors, u.n_authors);
}

#define BYLINE(text, want, name) CHECK_STR(block(text), want, "byline: %s", name)
#define INLINE(text, want, name) CHECK_STR(inl(text), want, "inline byline: %s", name)
#define CLASSIFIED(text, want, name) \
	CHECK_STR(classified(text), want, "classify byline: %s", name)

static void standalone_from_samples(void)
{
	BYLINE("记者 孙庆辉", "记者:孙庆辉", "记者 孙庆辉 gives one author");
	BYLINE("大河报·豫视频记者 常晓鸣 齐佳", "大河报·豫视频记者:常晓鸣|大河报·豫视频记者:齐佳",
	       "a role with a middle dot is the role, not a name");
	BYLINE("记者 裴其娟 孙庆辉", "记者:裴其娟|记者:孙庆辉",
	       "记者 裴其娟 孙庆辉 gives two authors of one role");
	BYLINE("记者 孙庆辉 通讯员 赵翔宇 文/图", "记者:孙庆辉|通讯员:赵翔宇",
	       "记者 孙庆辉 通讯员 赵翔宇 文/图 gives two authors");
	BYLINE("记者 孙庆辉 通讯员 赵通", "记者:孙庆辉|通讯员:赵通",
	       "记者 孙庆辉 通讯员 赵通 (two-character name) gives two authors");
	BYLINE("记者 孙庆辉\n通讯员 赵翔宇 文/图", "记者:孙庆辉|通讯员:赵翔宇",
	       "two-line 记者 孙庆辉 / 通讯员 赵翔宇 文/图 gives two authors");
	BYLINE("记者 孙庆辉 文/图", "记者:孙庆辉", "记者 孙庆辉 文/图 drops the credit mark");
	BYLINE("郑报全媒体记者 张昕 王莹 王际宾 毛小玺 赵文静 董艳竹 张玉东 肖雅文 赵柳影 曹婷",
	       "郑报全媒体记者:张昕|郑报全媒体记者:王莹|郑报全媒体记者:王际宾|"
	       "郑报全媒体记者:毛小玺|郑报全媒体记者:赵文静|郑报全媒体记者:董艳竹|"
	       "郑报全媒体记者:张玉东|郑报全媒体记者:肖雅文|郑报全媒体记者:赵柳影|"
	       "郑报全媒体记者:曹婷",
	       "郑报全媒体记者 and ten names gives ten authors");
}

static void standalone_printed_forms(void)
{
	BYLINE("本报记者 张三 李四", "本报记者:张三|本报记者:李四",
	       "本报记者 张三 李四 keeps the whole role word");
	BYLINE("记者 张三 通讯员 李四 文/图", "记者:张三|通讯员:李四",
	       "记者 张三 通讯员 李四 文/图 gives two authors");
	BYLINE("记者 张三\n通讯员 李四", "记者:张三|通讯员:李四",
	       "two-line 记者 张三 / 通讯员 李四 gives two authors");
	BYLINE("记者 张三\r\n通讯员 李四", "记者:张三|通讯员:李四",
	       "two-line byline with CRLF gives two authors");
	BYLINE("文/张三", "文:张三", "文/张三 gives role 文");
	BYLINE("文／张三", "文:张三", "文／张三 with full-width slash gives role 文");
	BYLINE("图/李四", "图:李四", "图/李四 gives role 图");
	BYLINE("文/图 张三", "文/图:张三", "文/图 张三 gives role 文/图");
	BYLINE("文/张三 图/李四", "文:张三|图:李四", "文/张三 图/李四 gives two roles");
	BYLINE("本报记者 张三 摄", "本报记者:张三", "本报记者 张三 摄 gives one author");
	BYLINE("□记者 张三", "记者:张三", "□记者 张三 skips the bullet");
	BYLINE("■记者 张三 李四", "记者:张三|记者:李四", "■记者 张三 李四 skips the bullet");
	BYLINE("(记者 张三)", "记者:张三", "(记者 张三) in ASCII brackets");
	BYLINE("（记者 张三）", "记者:张三", "（记者 张三） in full-width brackets");
	BYLINE("【记者 张三】", "记者:张三", "【记者 张三】 in lenticular brackets");
	BYLINE("记者张三", "记者:张三", "记者张三 glued gives role and name");
	BYLINE("本报记者王小明", "本报记者:王小明", "本报记者王小明 glued");
	BYLINE("记者 买买提·艾力", "记者:买买提·艾力", "name with middle dot 买买提·艾力");
	BYLINE("记者 阿不都热合曼·卡德尔 通讯员 李四",
	       "记者:阿不都热合曼·卡德尔|通讯员:李四", "long dotted name then 通讯员");
	BYLINE("本报记者 欧阳晓明", "本报记者:欧阳晓明", "four-character surname+name 欧阳晓明");
	BYLINE("记者：张三 李四", "记者:张三|记者:李四", "full-width colon after role");
	BYLINE("记者:张三", "记者:张三", "ASCII colon after role");
	BYLINE("记者 张三、李四", "记者:张三|记者:李四", "names separated by 、");
	BYLINE("记者 张三，李四", "记者:张三|记者:李四", "names separated by full-width comma");
	BYLINE("记者\u3000张三\u3000李四", "记者:张三|记者:李四",
	       "ideographic spaces between role and names");
	BYLINE("本报记者 张三 实习生 李四", "本报记者:张三|实习生:李四", "实习生 is a role");
	BYLINE("本报记者 张三 李四 报道", "本报记者:张三|本报记者:李四",
	       "trailing 报道 is a credit mark, not a name");
	BYLINE("记者 张三 李四 王五 通讯员 赵六",
	       "记者:张三|记者:李四|记者:王五|通讯员:赵六", "three 记者 then one 通讯员");
	BYLINE("新华社记者 张三 李四", "新华社记者:张三|新华社记者:李四", "新华社记者 is a role");
	BYLINE("郑报融媒记者 张三", "郑报融媒记者:张三", "郑报融媒记者 is a role");
	BYLINE("本报特约评论员 张三", "本报特约评论员:张三", "特约评论员 is a role");
	BYLINE("通讯员 李四", "通讯员:李四", "通讯员 alone is a byline");
	BYLINE("记者 张三 摄影报道", "记者:张三", "摄影报道 after the name is a credit mark");
	BYLINE("撰文 张三 摄影 李四", "撰文:张三|摄影:李四",
	       "撰文 张三 摄影 李四: 摄影 after a name starts a new role");
	BYLINE("文字 张三 图片 李四", "文字:张三|图片:李四", "文字 张三 图片 李四 gives two roles");
	BYLINE("本报记者 张三 发自北京", "本报记者:张三",
	       "发自北京 names a place, not an author");
	BYLINE("记者 张三 整理", "记者:张三", "整理 after the name is a credit mark");
}

static void standalone_not_bylines(void)
{
	BYLINE("张三 李四", "(none)", "two names without a role are no byline");
	BYLINE("张三 摄", "(none)", "a caption credit 张三 摄 is no byline");
	BYLINE("记者", "(none)", "a role without a name is no byline");
	BYLINE("记者节 座谈会", "(none)", "记者节 座谈会 is no byline");
	BYLINE("记者来到郑州东站", "(none)", "记者来到郑州东站 is no byline");
	BYLINE("航空港实验区党工委书记 张俊峰", "(none)", "a speaker label is no byline");
	BYLINE("市民 王女士", "(none)", "市民 王女士 is no byline");
	BYLINE("记者 张三在现场采访时了解到，", "(none)", "a sentence starting 记者 张三 is no byline");
	BYLINE("通讯员队伍建设 座谈会召开", "(none)", "a headline starting 通讯员 is no byline");
	BYLINE("", "(none)", "empty text is no byline");
}

static void inline_bylines(void)
{
	INLINE("本报讯(郑报全媒体记者 张昕) 2月26日,市委书记主持召开会议。",
	       "郑报全媒体记者:张昕", "本报讯(郑报全媒体记者 张昕) from the samples");
	INLINE("本报讯(郑报全媒体记者 李娜) 市委市直机关工委近日组织召开2021年工作会议。",
	       "郑报全媒体记者:李娜", "本报讯(郑报全媒体记者 李娜) before text without a date");
	INLINE("本报讯（记者 张三 通讯员 李四）3月5日上午，全市工作会议召开。",
	       "记者:张三|通讯员:李四", "本报讯（记者 张三 通讯员 李四） in full-width brackets");
	INLINE("新华社北京3月5日电（记者 张三、李四）第十三届全国人民代表大会第四次会议5日上午开幕。",
	       "记者:张三|记者:李四", "新华社北京3月5日电（记者 张三、李四）");
	INLINE("中新网郑州10月1日电(记者 王五) 国庆假期首日，郑州各景区迎来客流高峰。",
	       "记者:王五", "中新网郑州10月1日电(记者 王五)");
	INLINE("本报郑州讯（记者 张三）近日，郑州市出台新政。", "记者:张三", "本报郑州讯（记者 张三）");
	INLINE("本报讯 （记者 张三） 近日，郑州市出台新政。", "记者:张三",
	       "本报讯 （记者 张三） with spaces around the bracket");
	INLINE("本报讯（记者 买买提·艾力）近日，乌鲁木齐市举行活动。", "记者:买买提·艾力",
	       "本报讯（记者 买买提·艾力） with a dotted name");
	INLINE("本报讯（记者张三）近日，郑州市出台新政。", "记者:张三", "本报讯（记者张三） glued");
	INLINE("本报讯（郑报融媒记者 张三 实习生 李四 通讯员 王五）昨日，活动举行。",
	       "郑报融媒记者:张三|实习生:李四|通讯员:王五", "three roles inside the bracket");
	INLINE("本报讯（通讯员 李四）近日，活动举行。", "通讯员:李四", "本报讯（通讯员 李四）");
	INLINE("本报讯（记者 张三 文/图）近日，活动举行。", "记者:张三",
	       "本报讯（记者 张三 文/图） drops the credit mark");
	INLINE("本报北京3月5日电（记者 张三 李四）全国两会今日开幕。", "记者:张三|记者:李四",
	       "本报北京3月5日电（记者 张三 李四）");
	INLINE("人民网北京3月5日电（记者 张三）今天上午，会议开幕。", "记者:张三",
	       "人民网北京3月5日电（记者 张三）");
	INLINE("新华社郑州3月5日电 （记者 张三） 记者从河南省获悉，", "记者:张三",
	       "新华社…电 （记者 张三） with a space before the bracket");
	INLINE("据人民日报客户端消息（记者　张丹华）3月17日上午，专列发车。", "记者:张丹华",
	       "据人民日报客户端消息（记者 张丹华） relayed report");
	INLINE("据河南电视台消息（记者 王五）近日，活动举行。", "记者:王五",
	       "据河南电视台消息（…） with 电 inside the source's name");
}

static void inline_not_bylines(void)
{
	INLINE("本报讯 8月14日,市委十一届四次全会胜利召开。", "(none)",
	       "本报讯 without a bracket has no inline byline");
	INLINE("本报讯 “市委十一届四次全体(扩大)会议胜利闭幕。”", "(none)",
	       "本报讯 followed by a quote with (扩大) inside has no byline");
	INLINE("本报讯（以下简称《意见》）全会审议通过。", "(none)",
	       "a bracket that holds no byline is no byline");
	INLINE("电力供应（记者 张三）保障有力。", "(none)", "电力供应 is no dateline");
	INLINE("通讯录（记者 张三）", "(none)", "通讯录 is no dateline");
	INLINE("记者 张三 通讯员 李四", "(none)", "a standalone byline has no dateline");
	INLINE("本报讯（记者 张三", "(none)", "an unclosed bracket is no inline byline");
	INLINE("据新华社消息，国务院日前印发通知（记者 张三）。", "(none)",
	       "据…消息， without a bracket is a sentence, not a dateline");
	INLINE("据了解（记者 张三）活动举行。", "(none)", "据了解 is no dateline");
}

static void through_classify(void)
{
	CLASSIFIED("记者 孙庆辉", "记者:孙庆辉", "记者 孙庆辉 is a byline unit");
	CLASSIFIED("记者 孙庆辉 通讯员 赵翔宇 文/图", "记者:孙庆辉|通讯员:赵翔宇",
		   "记者 孙庆辉 通讯员 赵翔宇 文/图 is a byline unit with two authors");
	CLASSIFIED("记者 孙庆辉\n通讯员 赵翔宇 文/图", "记者:孙庆辉|通讯员:赵翔宇",
		   "two-line byline block is a byline unit");
	CLASSIFIED("本报记者 张三 摄", "本报记者:张三", "本报记者 张三 摄 is a byline, not a caption");
	CLASSIFIED("文/张三", "文:张三", "文/张三 is a byline unit");
	CLASSIFIED("记者张三", "记者:张三", "记者张三 glued is a byline unit");
	CLASSIFIED("（记者 张三）", "记者:张三", "（记者 张三） is a byline unit");
	CLASSIFIED("水下万科城 杜昌修 图", "(none)", "a caption is not a byline unit");
	CLASSIFIED("责任编辑 张三 美术编辑 李四 校对 王五", "(none)",
		   "the editors' line is a page header, not a byline");
}

/* The split pass keeps a two-line byline block whole. */
static void split_two_line(void)
{
	struct parse p = {0};
	p.arena = P.arena;
	const char *text = "为郑州建设国家中心城市提供创新驱动引擎\n\n"
			   "本报讯 9月2日，活动举行。\n\n"
			   "记者 孙庆辉\n通讯员 赵翔宇 文/图\n";
	kb_split_units(&p, text, strlen(text));
	const struct unit *last = p.n_units ? &p.units[p.n_units - 1] : NULL;
	CHECK_STR(last && last->kind == U_BYLINE
			  ? describe(true, last->authors, last->n_authors)
			  : "(none)",
		  "记者:孙庆辉|通讯员:赵翔宇",
		  "split: a two-line byline block stays one byline unit");
	free(p.units);
}

/* Forms of the papers that set a paragraph to a line (People's Daily web
 * e-paper and the like): padded names, credits glued to names, datelines
 * set at the end in brackets, names without a role. */
static const char *note(const char *s)
{
	struct kb_author *a = NULL;
	size_t n = 0;
	bool ok = kb_dateline_note(P.arena, s, strlen(s), &a, &n);
	return describe(ok, a, n);
}

static const char *photo(const char *s)
{
	struct kb_author *a = NULL;
	size_t n = 0;
	bool ok = kb_photo_credit(P.arena, s, strlen(s), &a, &n);
	return describe(ok, a, n);
}

static const char *names(const char *s)
{
	struct kb_author *a = NULL;
	size_t n = 0;
	bool ok = kb_parse_names(P.arena, s, strlen(s), 4, &a, &n);
	return describe(ok, a, n);
}

static void line_paragraph_forms(void)
{
	BYLINE("本报记者  孙  振", "本报记者:孙振", "a name padded to three columns is one name");
	BYLINE("本报记者\u3000王\u3000\u3000浩\u3000\u3000李\u3000\u3000明",
	       "本报记者:王浩|本报记者:李明", "two padded names pair up");
	BYLINE("记者 文 图", "(none)", "文 and 图 are credit marks, never a padded name");
	BYLINE("新华社记者  潘昱龙摄", "新华社记者:潘昱龙", "潘昱龙摄: the mark glued to the name goes");
	BYLINE("记者 张三报道", "记者:张三", "张三报道: 报道 glued to a two-character name goes");
	BYLINE("本报记者 殷新宇文 中白工业园区开发公司供图", "本报记者:殷新宇",
	       "殷新宇文: 文 glued to a three-character name, an organisation credited for the photo");
	BYLINE("记者 张博文", "记者:张博文", "a three-character name ending in 文 stays whole");
	INLINE("本报杭州5月11日电\u00a0\u00a0（祝倩）“我们连续3年……”", ":祝倩",
	       "a dateline's bracket may name the reporter without a role");
	INLINE("本报北京5月11日电  （记者彭波）近日，……", "记者:彭波",
	       "no-break or plain spaces between 电 and its bracket");
	CHECK_STR(note("（本报东京10月14日电）"), "(empty)",
		  "（本报东京10月14日电） closes a report and names nobody");
	CHECK_STR(note("（本报金边电）"), "(empty)", "（本报金边电）: a dateline without a date");
	CHECK_STR(note("（本报莫斯科、开罗10月14日电 记者屈佩、黄云迪）"), "记者:屈佩|记者:黄云迪",
		  "a closing dateline of several places names its reporters");
	CHECK_STR(note("（本报北京、东京5月11日电）"), "(empty)", "two places joined by 、");
	CHECK_STR(note("（新华社电）"), "(empty)", "（新华社电）: an agency's dateline");
	CHECK_STR(note("（作者为本报记者）"), "(none)", "an author note is no dateline");
	CHECK_STR(note("（记者电话采访，他说）"), "(none)", "a sentence in brackets with 电 is none");
	CHECK_STR(note("（下转第三版）"), "(none)", "a jump line is none");
	CHECK_STR(photo("王炳真摄（人民视觉）"), ":王炳真", "a photo credit with its agency in brackets");
	CHECK_STR(photo("龚献明摄（影像中国）"), ":龚献明", "影像中国 in brackets after the name");
	CHECK_STR(photo("新华社记者  潘昱龙摄"), "新华社记者:潘昱龙", "a photo credit with a role");
	CHECK_STR(photo("张三 李四摄"), ":张三|:李四", "two photographers");
	CHECK_STR(photo("当地时间2月10日，中国队选手于松楠在比赛中。"), "(none)", "a caption is no credit");
	CHECK_STR(photo("这是他第一次拍摄"), "(none)", "拍摄 ending a phrase is no credit");
	CHECK_STR(names("郑  彦"), ":郑彦", "a padded name alone");
	CHECK_STR(names("李\u3000\u3000浩"), ":李浩", "padded with ideographic spaces");
	CHECK_STR(names("王浩、李明"), ":王浩|:李明", "names listed with 、");
	CHECK_STR(names("以下简称《意见》"), "(none)", "words in title marks are no names");
	CHECK_STR(names("核心阅读"), "(none)", "a four-character word without a role is no name");
}

int main(void)
{
	P.arena = kb_arena_create();
	standalone_from_samples();
	standalone_printed_forms();
	standalone_not_bylines();
	inline_bylines();
	inline_not_bylines();
	through_classify();
	split_two_line();
	line_paragraph_forms();
	kb_arena_destroy(P.arena);
	return tap_done();
}
