/* SPDX-License-Identifier: MIT */
/*
 * Whole-edition tests of pages that set a paragraph to a line (web e-paper
 * exports, src/loader/lineparas.c): flush-left headline runs open articles
 * whatever stands under them, section heads indented like the text are told
 * from paragraphs by shape and place, verse stays text, bylines and credits
 * of this kind of page, and print exports with indented columns are not
 * taken for such pages. The texts are written in the way of the People's
 * Daily web e-paper (both of its layouts: a blank line after every line,
 * and single newlines with a blank line between articles).
 */
#include "loader.h"

#include "tap.h"

#include <stdlib.h>
#include <string.h>

static struct kb_edition *parse(const char *text)
{
	return kb_edition_parse(text, strlen(text), "rmrb_20200512_p08.txt");
}

static const char *block_of(const struct kb_article *a, enum kb_block_type t, size_t k)
{
	for (size_t i = 0; i < a->n_blocks; i++)
		if (a->blocks[i].type == t && k-- == 0)
			return a->blocks[i].text;
	return NULL;
}

static size_t count(const struct kb_article *a, enum kb_block_type t)
{
	size_t n = 0;
	for (size_t i = 0; i < a->n_blocks; i++)
		n += a->blocks[i].type == t;
	return n;
}

/* "name|name" of an article's authors. */
static const char *authors(const struct kb_article *a)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < a->n_authors; i++) {
		size_t used = strlen(buf);
		snprintf(buf + used, sizeof(buf) - used, "%s%s", i ? "|" : "", a->authors[i].name);
	}
	return buf;
}

static bool in_text(const struct kb_edition *ed, const char *s)
{
	for (size_t i = 0; i < ed->n_articles; i++)
		for (size_t k = 0; k < ed->articles[i].n_blocks; k++)
			if (ed->articles[i].blocks[k].type == KB_BLOCK_PARAGRAPH &&
			    strstr(ed->articles[i].blocks[k].text, s))
				return true;
	return false;
}

#define P2 "\u3000\u3000"

static const char *const feature =
	"利用腾退空间，建村史陈列室、艺术馆。北京市农村地区——\n\n"
	"文化设施，如何“变”出来（解码）\n\n"
	P2 "核心阅读\n\n"
	P2 "面对自身情况，北京利用专项整治后退出来的空间，补上农村公共文化设施的短板。\n\n"
	P2 "近年来，我国公共文化服务体系建设取得了长足的进步。\n\n"
	P2 "“小门脸”转型村史馆，保存乡愁记忆\n\n"
	P2 "新年伊始，北京西二环和南二环路的交汇处附近，48间门脸房正在紧锣密鼓地装修。\n\n"
	P2 "“交通便利了，我们的生活就更有希望”\n\n"
	P2 "相传，菜户营村因有菜户聚集而得名，村民祖祖辈辈以种植蔬菜为生。\n\n"
	P2 "你想象中的乡村戏台是什么样子的？\n\n"
	P2 "数据来源：北京市文化和旅游局\n\n"
	P2 "制图：蔡华伟\n\n"
	"北京编纂4部市级传统村落志\n\n"
	P2 "北京市日前开始编纂4部市级传统村落志，完整记录这些村落的历史文化信息。\n\n"
	P2 "各志上限追溯至事物发端，下限至2018年底。\n\n"
	P2 "人民视觉\n\n"
	"武社火\n\n"
	P2 "13日一大早，辽宁省本溪市同江峪村的许多村民已经忙活上了。\n\n"
	P2 "新华社记者  潘昱龙摄\n";

static void flush_left_opens_articles(void)
{
	CHECK(kb_detect_line_paragraphs(feature, strlen(feature)),
	      "a page of indented one-line paragraphs is recognised");
	struct kb_edition *ed = parse(feature);
	CHECK(ed->n_articles == 3, "three flush-left runs, three articles (got %zu)", ed->n_articles);
	if (ed->n_articles != 3)
		goto out;
	const struct kb_article *a = &ed->articles[0], *b = &ed->articles[1], *c = &ed->articles[2];
	CHECK_STR(a->kicker, "利用腾退空间，建村史陈列室、艺术馆。北京市农村地区——",
		  "a kicker ending in —— is the kicker, though it holds a full stop");
	CHECK_STR(a->title, "文化设施，如何“变”出来（解码）", "the line under it is the title");
	CHECK_STR(b->title, "北京编纂4部市级传统村落志",
		  "a title with no dateline or byline under it still opens an article");
	CHECK_STR(c->title, "武社火", "a photo item's title opens an article");
	CHECK_STR(authors(c), "潘昱龙", "its photographer is its author, without 摄");
	CHECK_STR(block_of(a, KB_BLOCK_HEADING, 0), "核心阅读",
		  "a short label first under the headline is a head");
	CHECK_STR(block_of(a, KB_BLOCK_HEADING, 1), "“小门脸”转型村史馆，保存乡愁记忆",
		  "a head between paragraphs, with one comma");
	CHECK(count(a, KB_BLOCK_HEADING) == 2, "two heads only (got %zu)", count(a, KB_BLOCK_HEADING));
	CHECK(in_text(ed, "“交通便利了，我们的生活就更有希望”"),
	      "a whole quotation between paragraphs is text");
	CHECK(in_text(ed, "你想象中的乡村戏台是什么样子的？"), "a question is text");
	CHECK(in_text(ed, "数据来源：北京市文化和旅游局"), "a label with a colon is text");
	CHECK(!in_text(ed, "制图") && !in_text(ed, "人民视觉"),
	      "graphics and agency credits are furniture, not text");
	CHECK(ed->n_extras == 2, "they are kept among the extras (got %zu)", ed->n_extras);
	CHECK(!in_text(ed, "潘昱龙"), "a photo credit is no paragraph");
out:
	kb_edition_destroy(ed);
}

static void heads_by_place(void)
{
	struct kb_edition *ed = parse(
		"欧盟和中国应当携手合作\n\n"
		P2 "欧盟和中国应当携手合作抗击疫情，协助所有国家阻止疫情蔓延\n\n"
		P2 "在新冠肺炎疫情全球蔓延的紧要关头，全世界应携手寻求解决方案。\n\n"
		P2 "制定清单\n\n"
		P2 "强化基层党组织凝聚力，促进乡村治理公开透明、有序规范\n\n"
		P2 "“五一”小长假，珠三角气温骤升，乡村游也火热起来。\n\n"
		P2 "一、提高社会治理社会化、法治化、智能化、专业化水平\n\n"
		P2 "社会治理是国家治理的重要方面。\n\n"
		P2 "疫情后如何保障全球产业链畅通\n");
	const struct kb_article *a = &ed->articles[0];
	CHECK(ed->n_articles == 1, "heads by place: one article");
	CHECK_STR(block_of(a, KB_BLOCK_PARAGRAPH, 0),
		  "欧盟和中国应当携手合作抗击疫情，协助所有国家阻止疫情蔓延",
		  "the first line under the headline is a lead, not a head");
	CHECK_STR(block_of(a, KB_BLOCK_HEADING, 0), "制定清单", "a short head");
	CHECK_STR(block_of(a, KB_BLOCK_HEADING, 1),
		  "强化基层党组织凝聚力，促进乡村治理公开透明、有序规范",
		  "a longer phrase under a short head is the head's second line");
	CHECK_STR(block_of(a, KB_BLOCK_HEADING, 2), "一、提高社会治理社会化、法治化、智能化、专业化水平",
		  "a numbered head may enumerate with 、");
	CHECK(count(a, KB_BLOCK_HEADING) == 3, "the last line heads nothing: text (got %zu heads)",
	      count(a, KB_BLOCK_HEADING));
	CHECK(in_text(ed, "疫情后如何保障全球产业链畅通"), "the last line is a paragraph");
	kb_edition_destroy(ed);
}

static void verse_is_text(void)
{
	struct kb_edition *ed = parse(
		"冬日的村庄\n\n"
		P2 "吴  桐\n\n"
		P2 "雪落在村口的老槐树上\n\n"
		P2 "炊烟升起又散开\n\n"
		P2 "母亲在灶前添一把柴\n\n"
		P2 "火光映红了窗花\n\n"
		"让科学精神在青少年心中扎根（新论）\n\n"
		P2 "近年来，各类科普活动走进校园。\n\n"
		P2 "本报评论员\n");
	CHECK(ed->n_articles == 2, "verse: two articles");
	if (ed->n_articles != 2)
		goto out;
	const struct kb_article *a = &ed->articles[0];
	CHECK(count(a, KB_BLOCK_HEADING) == 0 && count(a, KB_BLOCK_PARAGRAPH) == 4,
	      "four short lines in a row are verse, each a paragraph (%zu heads, %zu paragraphs)",
	      count(a, KB_BLOCK_HEADING), count(a, KB_BLOCK_PARAGRAPH));
	CHECK_STR(authors(a), "吴桐", "a padded name under the title signs the poem");
	CHECK(ed->articles[1].n_authors == 0 && !in_text(ed, "本报评论员"),
	      "a role alone after the text signs the piece and is no paragraph");
out:
	kb_edition_destroy(ed);
}

static void single_newline_layout(void)
{
	/* kicker / title / (empty subtitle), and (empty kicker) / title /
	 * subtitle: a blank line stands where a headline line is missing */
	struct kb_edition *ed = parse(
		"佛山市三水区探索清单制度，明确基层党组织参与、审核、把关的重要事权\n"
		"办事有清单 干事有底气\n"
		"\n"
		P2 "近年来，广东佛山市三水区以党建引领乡村公共事务管理。\n"
		P2 "乡村治理现代化进程中，哪些事需要党组织出面？\n"
		"\n\n"
		"\n"
		"我国科学家揭秘硅藻为啥善捕光\n"
		"具有高效捕获和利用光能的独特结构\n"
		P2 "本报北京2月14日电  （记者吴月辉）被称为自然界“奇葩”光合物种的硅藻为什么特别擅长“捕光”？\n"
		P2 "光合作用是地球上规模最大、最为重要的化学反应。\n"
		P2 "（本报北京电）\n"
		"\n\n"
		"\n"
		"“四海同春”演出在南非、日本等国引发热烈反响\n"
		"\n"
		P2 "本报约翰内斯堡2月14日电  （记者吕强）“四海同春”2019年全球巡演南非站在约翰内斯堡举行。\n"
		P2 "本次演出由中国国务院侨务办公室主办。\n"
		P2 "本报东京2月14日电  （记者刘军国）“四海同春”慰侨演出13日在东京举行。\n"
		P2 "演出在一曲欢快热闹的群舞中拉开序幕。\n");
	CHECK(ed->n_articles == 3, "single newlines: three articles (got %zu)", ed->n_articles);
	if (ed->n_articles != 3)
		goto out;
	CHECK_STR(ed->articles[0].kicker,
		  "佛山市三水区探索清单制度，明确基层党组织参与、审核、把关的重要事权",
		  "a long kicker is not wrapped into its title");
	CHECK_STR(ed->articles[0].title, "办事有清单 干事有底气", "the title under it");
	CHECK_STR(ed->articles[1].title, "我国科学家揭秘硅藻为啥善捕光",
		  "text against the second line: it is the subtitle");
	CHECK_STR(ed->articles[1].subtitle, "具有高效捕获和利用光能的独特结构", "the subtitle");
	CHECK(count(&ed->articles[1], KB_BLOCK_PARAGRAPH) == 2,
	      "a closing dateline is no paragraph");
	CHECK_STR(authors(&ed->articles[2]), "吕强|刘军国",
		  "a second dateline is a second report merged into the item: both reporters");
	CHECK(count(&ed->articles[2], KB_BLOCK_PARAGRAPH) == 4, "and all its paragraphs");
out:
	kb_edition_destroy(ed);
}

static void no_slots(void)
{
	/* single newlines, but no blank line kept for an empty headline line:
	 * text against the second line tells nothing then */
	struct kb_edition *ed = parse(
		"德国乒乓球公开赛\n"
		"樊振东男单夺冠\n"
		P2 "据新华社柏林10月13日电  （记者张三）德国乒乓球公开赛13日落幕。\n"
		P2 "樊振东在决赛中以4∶1获胜。\n"
		"\n"
		"体操世锦赛，中国队收获3银2铜\n"
		"备战奥运会，还要加把劲\n"
		P2 "第四十九届世界体操锦标赛13日在德国斯图加特落幕。\n");
	CHECK(ed->n_articles == 2, "no slots: two articles");
	if (ed->n_articles == 2) {
		CHECK_STR(ed->articles[0].title, "樊振东男单夺冠",
			  "no blank slots on the page: the second line is the title");
		CHECK_STR(ed->articles[1].kicker, "体操世锦赛，中国队收获3银2铜", "and the first the kicker");
	}
	kb_edition_destroy(ed);
}

static void titles_of_pairs(void)
{
	struct kb_edition *ed = parse(
		"顶峰路线预计12日修通（2020珠峰测高）\n\n"
		"纪念首次登顶60周年座谈会举行\n\n"
		P2 "本报拉萨5月11日电  （记者袁泉、谷业凯）记者从2020珠峰高程测量登山队获悉。\n\n"
		"“感谢中国朋友的无私帮助”\n\n"
		"——访尼泊尔国家重建局局长贾瓦利\n\n"
		P2 "“尼中友好源远流长。”\n\n"
		"斯诺克威尔士公开赛\n\n"
		"丁俊晖赵心童晋级16强\n\n"
		P2 "据新华社伦敦2月14日电  （记者王子江）中国选手丁俊晖14日晋级16强。\n");
	CHECK(ed->n_articles == 3, "pairs: three articles");
	if (ed->n_articles != 3)
		goto out;
	CHECK_STR(ed->articles[0].title, "顶峰路线预计12日修通（2020珠峰测高）",
		  "the line with the column tag is the title");
	CHECK_STR(ed->articles[0].subtitle, "纪念首次登顶60周年座谈会举行", "the other its subtitle");
	CHECK_STR(authors(&ed->articles[0]), "袁泉|谷业凯", "two reporters in the dateline");
	CHECK_STR(ed->articles[1].subtitle, "——访尼泊尔国家重建局局长贾瓦利", "a dash line is the subtitle");
	CHECK_STR(ed->articles[2].kicker, "斯诺克威尔士公开赛", "otherwise the first line is the kicker");
	CHECK_STR(ed->articles[2].title, "丁俊晖赵心童晋级16强", "and the second the title");
out:
	kb_edition_destroy(ed);
}

static void print_columns_are_not_lines(void)
{
	/* an indented print export: the columns cut paragraphs, their rest
	 * flush left after a blank line; such a page keeps the column reading */
	const char *text =
		"二七区“直播带岗”一周 促成就业意向1600余人\n\n"
		P2 "本报讯（记者 韩冬梅）为帮助企业复工复产、群众就近就业，二七区近日开展“直播带岗”活动，"
		"通过网络直播形式，为企业和求职者搭建\n\n"
		"沟通平台。\n\n"
		P2 "受疫情影响，今年线下招聘会暂停举办。区人社局联合辖区企业，从发布通知到正式开播只用了四\n\n"
		"天时间。\n\n"
		P2 "截至目前，已有7个小区完成主体改造。\n";
	CHECK(!kb_detect_line_paragraphs(text, strlen(text)),
	      "a print export whose columns cut its paragraphs is not a page of lines");
	struct kb_edition *ed = parse(text);
	CHECK(ed->n_articles == 1 && count(&ed->articles[0], KB_BLOCK_PARAGRAPH) == 3,
	      "its cut paragraphs are rejoined");
	kb_edition_destroy(ed);
}

int main(void)
{
	flush_left_opens_articles();
	heads_by_place();
	verse_is_text();
	single_newline_layout();
	titles_of_pairs();
	no_slots();
	print_columns_are_not_lines();
	return tap_done();
}
