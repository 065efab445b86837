/* SPDX-License-Identifier: MIT */
/*
 * Column-break repair, one rule at a time: what counts as an open paragraph,
 * what may continue it next door, and how far halves are paired.
 */
#include "tap.h"

#include <stdlib.h>
#include <string.h>

#include "loader.h"

/* Parse text and return the paragraphs joined by '|' (caller frees). */
static char *paras(const char *text)
{
	struct kb_edition *ed = kb_edition_parse(text, strlen(text), NULL);
	struct kb_buf b;
	kb_buf_init(&b);
	for (size_t i = 0; i < ed->n_articles; i++)
		for (size_t k = 0; k < ed->articles[i].n_blocks; k++) {
			if (ed->articles[i].blocks[k].type != KB_BLOCK_PARAGRAPH)
				continue;
			if (b.len)
				kb_buf_putc(&b, '|');
			kb_buf_puts(&b, ed->articles[i].blocks[k].text);
		}
	kb_edition_destroy(ed);
	return kb_buf_steal(&b);
}

static void expect(const char *text, const char *want, const char *name)
{
	char *got = paras(text);
	CHECK_STR(got, want, "%s", name);
	free(got);
}

static void open_units(void)
{
	struct unit u = {.kind = U_BODY};
	const char *open[] = {"会议指出，要进一步", "围绕主导产业、", "坚持“目标导向；",
			      "主要内容：", "投资162亿元，年", "GDP增长5", NULL};
	const char *closed[] = {"会议结束。", "他说：“我们有信心。”", "这是为什么？",
				"真好！", "（完）", "事情是这样的……", NULL};
	for (int i = 0; open[i]; i++) {
		u.text = open[i];
		u.len = strlen(open[i]);
		CHECK(kb_unit_open(&u), "open: %s", open[i]);
	}
	for (int i = 0; closed[i]; i++) {
		u.text = closed[i];
		u.len = strlen(closed[i]);
		CHECK(!kb_unit_open(&u), "closed: %s", closed[i]);
	}
	u.kind = U_HEADLINE;
	u.text = "不是正文的标题";
	u.len = strlen(u.text);
	CHECK(!kb_unit_open(&u), "a headline is never an open paragraph");
}

static void adjacent(void)
{
	expect("标题一行\n\n会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期\n\n完成年度目标任务。\n",
	       "会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期完成年度目标任务。",
	       "adjacent: halves joined with nothing inserted");
	expect("标题一行\n\n会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期\n\n\n\n\n完成年度目标任务。\n",
	       "会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期完成年度目标任务。",
	       "adjacent: three blank lines between the halves");
	expect("标题一行\n\n会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期\n\n扫码看 视频新闻\n\n完成年度目标任务。\n",
	       "会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期完成年度目标任务。",
	       "adjacent: a media note between the halves");
	expect("标题一行\n\n会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期\n\n完成年度目标任务，对进度滞后的项目逐一分析原因、制定措施，一月一调度、一季一\n\n通报。\n",
	       "会议要求各单位抓紧推进重点项目建设，压实工作责任、强化要素保障、加强督导考核，确保按期完成年度目标任务，对进度滞后的项目逐一分析原因、制定措施，一月一调度、一季一通报。",
	       "adjacent: a paragraph broken twice");
	expect("标题一行\n\n会上，与会人员围绕以下问题进行讨论；\n\n9月2日上午，考察团来到苏州。\n",
	       "会上，与会人员围绕以下问题进行讨论；9月2日上午，考察团来到苏州。",
	       "adjacent: a clause ending in ；continues");
	expect("标题一行\n\n今年的重点工作：\n\n一是抓项目；\n\n二是抓招商。\n",
	       "今年的重点工作：|一是抓项目；|二是抓招商。",
	       "adjacent: list items stay apart");
	expect("标题一行\n\n上午举行了开幕式，\n\n本报讯 另一条消息的正文。\n",
	       "上午举行了开幕式，|本报讯 另一条消息的正文。",
	       "adjacent: a dateline never continues a paragraph");
	expect("标题一行\n\n段落完整结束。\n\n下一段落开始。\n",
	       "段落完整结束。|下一段落开始。",
	       "adjacent: closed paragraphs stay apart");
}

/* Phrases enough for the edition's statistics to trust a seam. */
#define FILLER "城市更新稳步推进，老旧小区完成改造，新建绿地公园多处，道路通行更加顺畅，" \
	"公共服务持续完善，社区食堂陆续开放，养老托育同步发展，群众办事更加便捷，" \
	"营商环境不断优化，市场主体快速增长，科技创新成果丰硕，产业结构更加合理。"

static void decimal(void)
{
	expect("标题一行\n\n去年，郑州机场完成货邮吞吐量62.\n\n5万吨，同比增长5.1%。\n",
	       "去年，郑州机场完成货邮吞吐量62.5万吨，同比增长5.1%。",
	       "decimal: a number cut at its point is joined");
	expect("标题一行\n\n今年全市经济运行平稳，主要措施共有3.\n\n1. 加大投入，扩大有效需求。\n",
	       "今年全市经济运行平稳，主要措施共有3.|1. 加大投入，扩大有效需求。",
	       "decimal: a numbered item after it is not");
}

static void far(void)
{
	expect("标题一行\n\n项目建设方面，全年计划开工项目四十个，年\n\n（下转第三版）\n\n"
	       "另一个标题\n\n度计划投资二十亿元。\n",
	       "项目建设方面，全年计划开工项目四十个，年|度计划投资二十亿元。",
	       "far: no pairing past a jump line");
	expect("标题一行\n\n近年来，知名企业区域总部相继入驻，科技型企业数量\n\n另一个标题\n\n"
	       "本报讯 平台正式上线，推动“智慧管理”“智慧停车”“智慧社区”建设。\n\n"
	       "据介绍，平台首批接入停车场，覆盖路内泊位，包括商业综合体，实现预约、导航、支付，"
	       "今后还将扩大范围，接入医院、学校、景区，方便市民出行，缓解停车难题。\n\n"
	       FILLER FILLER FILLER "\n\n"
	       "“我们将全力推进建设，为城市贡献力量。”李勇说。\n",
	       "近年来，知名企业区域总部相继入驻，科技型企业数量|"
	       "本报讯 平台正式上线，推动“智慧管理”“智慧停车”“智慧社区”建设。|"
	       "据介绍，平台首批接入停车场，覆盖路内泊位，包括商业综合体，实现预约、导航、支付，"
	       "今后还将扩大范围，接入医院、学校、景区，方便市民出行，缓解停车难题。|"
	       FILLER FILLER FILLER "|"
	       "“我们将全力推进建设，为城市贡献力量。”李勇说。",
	       "far: direct speech starts its own paragraph");
}

int main(void)
{
	open_units();
	adjacent();
	decimal();
	far();
	return tap_done();
}
