/* SPDX-License-Identifier: MIT */
/*
 * Unit tests of the unit classifier (src/loader/classify.c): the kind of a
 * unit of an edition page decided from its own text (body, headline, speaker
 * label, byline, caption, media note, page header, jump line), the headline
 * flags (HL_DASH, HL_LABEL, HL_SERIES), the caption credit, and the helpers
 * kb_starts_dateline, kb_starts_list_item and kb_unit_open.
 *
 * Cases come from the sample editions (sample-issues/) and from the way
 * Chinese newspapers print these things: full-width punctuation, 本报讯 and
 * wire-agency datelines, 图为… captions, 下转第三版 jump lines. Bylines in
 * detail are in test_byline.c.
 */
#include "loader.h"

#include "tap.h"

#include <stdbool.h>
#include <string.h>

static struct parse P;
static struct unit U;

static struct unit *cls(const char *s)
{
	memset(&U, 0, sizeof(U));
	U.text = s;
	U.len = strlen(s);
	kb_classify_unit(&P, &U);
	return &U;
}

static const char *kind_name(enum unit_kind k)
{
	switch (k) {
	case U_BODY: return "body";
	case U_HEADLINE: return "headline";
	case U_SPEAKER: return "speaker";
	case U_BYLINE: return "byline";
	case U_CAPTION: return "caption";
	case U_MEDIA: return "media";
	case U_HEADER: return "header";
	case U_JUMP: return "jump";
	}
	return "?";
}

static char flags_buf[64];

/* "headline" plus "+dash" "+label" "+series", or the other kind's name. */
static const char *hl_desc(const char *s)
{
	struct unit *u = cls(s);
	if (u->kind != U_HEADLINE)
		return kind_name(u->kind);
	strcpy(flags_buf, "headline");
	if (u->hl & HL_DASH)
		strcat(flags_buf, "+dash");
	if (u->hl & HL_LABEL)
		strcat(flags_buf, "+label");
	if (u->hl & HL_SERIES)
		strcat(flags_buf, "+series");
	return flags_buf;
}

/* The credit of a caption unit, "(not a caption)" otherwise. */
static const char *credit_of(const char *s)
{
	struct unit *u = cls(s);
	if (u->kind != U_CAPTION)
		return "(not a caption)";
	return u->credit ? u->credit : "(no credit)";
}

static bool open_body(const char *s)
{
	struct unit u = {0};
	u.text = s;
	u.len = strlen(s);
	u.kind = U_BODY;
	return kb_unit_open(&u);
}

static bool dateline(const char *s)
{
	return kb_starts_dateline(s, strlen(s));
}

static bool list_item(const char *s)
{
	return kb_starts_list_item(s, strlen(s));
}

#define KIND(text, want, ...) CHECK_STR(kind_name(cls(text)->kind), want, __VA_ARGS__)
#define HL(text, want, ...) CHECK_STR(hl_desc(text), want, __VA_ARGS__)
#define CREDIT(text, want, ...) CHECK_STR(credit_of(text), want, __VA_ARGS__)

static void bylines(void)
{
	KIND("记者 孙庆辉", "byline", "byline: 记者 孙庆辉 (sample)");
	KIND("记者 裴其娟 孙庆辉", "byline", "byline: 记者 裴其娟 孙庆辉 (sample)");
	KIND("记者 孙庆辉 通讯员 赵翔宇 文/图", "byline",
	     "byline: 记者 孙庆辉 通讯员 赵翔宇 文/图 (sample)");
	KIND("记者 孙庆辉\n通讯员 赵翔宇 文/图", "byline", "byline: two-line block (sample)");
	KIND("郑报全媒体记者 张昕 王莹 王际宾 毛小玺 赵文静 董艳竹 张玉东 肖雅文 赵柳影 曹婷",
	     "byline", "byline: 郑报全媒体记者 and ten names (sample)");
	cls("记者 孙庆辉 通讯员 赵翔宇 文/图");
	CHECK(U.n_authors == 2 && U.authors && strcmp(U.authors[1].name, "赵翔宇") == 0,
	      "byline: 记者 孙庆辉 通讯员 赵翔宇 文/图 gives two authors");
	KIND("本报记者 张三 李四", "byline", "byline: 本报记者 张三 李四");
	KIND("记者 张三\n通讯员 李四", "byline", "byline: two-line 记者 张三 / 通讯员 李四");
	KIND("文/张三", "byline", "byline: 文/张三");
	KIND("文/图 张三", "byline", "byline: 文/图 张三");
	KIND("本报记者 张三 摄", "byline", "byline: 本报记者 张三 摄");
	KIND("□记者 张三", "byline", "byline: □记者 张三");
	KIND("(记者 张三)", "byline", "byline: (记者 张三)");
	KIND("记者 买买提·艾力", "byline", "byline: 记者 买买提·艾力");
	KIND("记者来到郑州东站", "headline", "byline: 记者来到郑州东站 is a headline, not a byline");
	KIND("■ 记者追踪", "headline", "byline: ■ 记者追踪 is a label, not 记者 追踪");
	KIND("■　快评　　木子", "byline", "byline: ■ 快评 木子 names its commentator");
	KIND("◎ 王立新", "byline", "byline: ◎ 王立新 with no role");
	KIND("郑州华商 98∶95 安徽龙腾", "body", "result: a score line in a results box is text");
	KIND("管城恒星主场3∶1逆转 终结三轮不胜", "headline",
	     "result: a headline with a score in it stays a headline");
	KIND("郑州读者 赵国强", "byline", "byline: 郑州读者 赵国强");
	KIND("大河报·豫视频记者 常晓鸣 齐佳", "byline", "byline: a role with a middle dot");
}

static void captions(void)
{
	KIND("水下万科城 杜昌修 图", "caption", "caption: 水下万科城 杜昌修 图 (sample)");
	CREDIT("水下万科城 杜昌修 图", "杜昌修", "caption: 水下万科城 杜昌修 图 credits 杜昌修");
	cls("水下万科城 杜昌修 图");
	CHECK(U.kind == U_CAPTION && U.caption_len >= strlen("水下万科城") &&
		      U.caption_len <= strlen("水下万科城 ") &&
		      memcmp(U.text, "水下万科城", strlen("水下万科城")) == 0,
	      "caption: 水下万科城 杜昌修 图 has caption text 水下万科城");
	CREDIT("高新区晚霞 施全杰 图", "施全杰", "caption: 高新区晚霞 施全杰 图 (sample)");
	CREDIT("郑州东站春运首日客流如织 张三 摄", "张三", "caption: … 张三 摄 credits 张三");
	CREDIT("如意湖畔 樱花盛开 李四 摄影", "李四", "caption: … 李四 摄影 credits 李四");
	CREDIT("新春庙会人头攒动。 王五 摄", "王五", "caption: sentence with 。 then 王五 摄");
	CREDIT("市民在公园游玩 本报记者 张三 摄", "张三",
	       "caption: … 本报记者 张三 摄 credits 张三");
	CREDIT("2021年郑州市重点项目分布 赵六 制图", "赵六", "caption: … 赵六 制图");
	CREDIT("各地群众欢度春节 新华社记者 张三 摄", "张三",
	       "caption: … 新华社记者 张三 摄 credits 张三");
	CREDIT("天山脚下 买买提·艾力 摄", "买买提·艾力", "caption: credit with a middle-dot name");
	KIND("图为市民在公园游玩。 张三 摄", "caption", "caption: 图为… 张三 摄 is a caption");
	CREDIT("图为市民在公园游玩。 张三 摄", "张三", "caption: 图为… 张三 摄 credits 张三");
	KIND("图为市民在公园游玩。", "caption", "caption: 图为… without a credit");
	KIND("▲ 志愿者为老人测量血压", "caption", "caption: ▲ … is a caption");
	CREDIT("▲ 志愿者为老人测量血压 张三 摄", "张三", "caption: ▲ … 张三 摄 credits 张三");
	KIND("上图：郑州市民在如意湖畔赏花。", "caption", "caption: 上图：… is a caption");
	KIND("描绘 发展蓝图", "headline", "not a caption: 描绘 发展蓝图 is a headline");
	KIND("绘就高质量发展新蓝图", "headline",
	     "not a caption: 绘就高质量发展新蓝图 (ends in 图, no name)");
	KIND("一张蓝图绘到底 高新区再启新征程", "headline",
	     "not a caption: 一张蓝图… headline with 图 inside");
	cls("张三 摄");
	CHECK(U.kind == U_CAPTION || U.kind == U_BYLINE,
	      "caption: a bare 张三 摄 credit line is a caption or photo byline, not a headline");
}

static void media_notes(void)
{
	KIND("扫码看 视频新闻", "media", "media: 扫码看 视频新闻 (sample)");
	KIND("扫码看\n视频新闻", "media", "media: two-line 扫码看 / 视频新闻 (sample)");
	KIND("扫描二维码 观看直播", "media", "media: 扫描二维码 观看直播");
	KIND("扫一扫 看更多精彩内容", "media", "media: 扫一扫 看更多精彩内容");
	KIND("扫码关注“郑州发布”", "media", "media: 扫码关注“郑州发布”");
	KIND("扫描二维码，下载客户端", "media", "media: 扫描二维码，下载客户端");
	KIND("市民通过手机扫码即可完成预约，无需排队。", "body",
	     "not media: a sentence mentioning 扫码 that ends in 。 is body");
}

static void page_headers(void)
{
	KIND("2021年2月27日 星期六", "header", "header: 2021年2月27日 星期六");
	KIND("2017年9月4日 星期一", "header", "header: 2017年9月4日 星期一");
	KIND("2018年1月5日 星期五 农历冬月十九", "header", "header: date, weekday, lunar date");
	KIND("责任编辑 张三 美术编辑 李四 校对 王五", "header",
	     "header: 责任编辑 张三 美术编辑 李四 校对 王五");
	KIND("责编：张三 美编：李四 校对：王五", "header", "header: 责编：张三 美编：李四 校对：王五");
	KIND("郑州日报 2021年2月27日 星期六 03版", "header", "header: paper, date, weekday, page");
	KIND("会议要求，每星期一召开一次例会。", "body",
	     "not header: a sentence with 星期一 ending in 。 is body");
	KIND("每到星期六，志愿者们都会来到社区为老人义诊，", "body",
	     "not header: a sentence fragment with 星期六 ending in ， is body");
	KIND("广告热线：0371-67655120 地址：郑州市金水区经三路北段", "header",
	     "header: the page's footer with its advertising line");
	KIND("读者可拨打本报新闻热线反映问题。", "body",
	     "not header: a sentence naming the news line is body");
}

static void jump_lines(void)
{
	KIND("(下转第三版)", "jump", "jump: (下转第三版)");
	KIND("（下转第三版）", "jump", "jump: （下转第三版）");
	KIND("（上接A2版）", "jump", "jump: （上接A2版）");
	KIND("下转第2版", "jump", "jump: 下转第2版");
	KIND("上接第一版", "jump", "jump: 上接第一版");
	KIND("（转第4版）", "jump", "jump: （转第4版）");
	KIND("（下转2版）", "jump", "jump: （下转2版）");
	KIND("(上接第十二版)", "jump", "jump: (上接第十二版)");
	KIND("转变作风 提升效能", "headline", "not jump: 转变作风 提升效能 is a headline");
	KIND("接续奋斗 再谱新篇", "headline", "not jump: 接续奋斗 再谱新篇 is a headline");
}

static void speakers(void)
{
	KIND("航空港实验区党工委书记 张俊峰", "speaker", "speaker: 航空港实验区党工委书记 张俊峰 (sample)");
	KIND("郑东新区党工委书记、管委会主任 牛瑞华", "speaker",
	     "speaker: 郑东新区党工委书记、管委会主任 牛瑞华 (sample)");
	KIND("经开区党工委书记 樊福太", "speaker", "speaker: 经开区党工委书记 樊福太 (sample)");
	KIND("高新区党工委书记 王新亭", "speaker", "speaker: 高新区党工委书记 王新亭 (sample)");
	KIND("市民 王女士", "speaker", "speaker: 市民 王女士");
	KIND("河南大学教授 张三", "speaker", "speaker: 河南大学教授 张三");
	KIND("全国人大代表、郑州大学校长 李四", "speaker", "speaker: 全国人大代表、郑州大学校长 李四");
	KIND("中国工程院院士 王五", "speaker", "speaker: 中国工程院院士 王五");
	KIND("县委书记 买买提·艾力", "speaker", "speaker: name with a middle dot");
	KIND("郑州市第一人民医院主任医师 赵六", "speaker", "speaker: 主任医师 赵六");
	KIND("加快推进以人才 为核心集聚创新要素", "headline",
	     "not speaker: 加快推进以人才 为核心集聚创新要素 (sample) is a headline");
}

static void headlines(void)
{
	HL("加快建设国家中心城市 高新在努力", "headline", "headline: short spaced title (sample)");
	HL("郑州高新国家自创区建设大学堂第七讲开讲,市委副秘书长李伟革做专题辅导", "headline",
	   "headline: title with one comma (sample)");
	HL("力争重点项目申报数、体量、开工量“三量齐增” 高新区推进招商引资暨重点项目工作",
	   "headline", "headline: long multi-segment title with spaces (sample)");
	HL("2017年,成绩来之不易,收获弥足珍贵 2018年,聚焦项目带动,务求决战决胜", "headline",
	   "headline: two spaced halves with commas (sample)");
	HL("省科技厅和招商银行总行到 高新区调研 助推高新区 产业、科技、金融发展", "headline",
	   "headline: multi-segment title with spaces and 、 (sample)");
	HL("建设国家中心城市 高新区该怎么做?", "headline",
	   "headline: question-mark title with spaces (sample)");
	HL("——访高新区党工委书记、管委会主任王新亭", "headline+dash", "headline: ——访… is HL_DASH (sample)");
	HL("■ 相关新闻", "headline+label", "headline: ■ 相关新闻 is HL_LABEL (sample)");
	HL("各开发区、县(市)区主要负责同志踊跃发言(一)", "headline+series",
	   "headline: …踊跃发言(一) is HL_SERIES (sample)");
	HL("讲好黄河文化故事 打造郑州文化品牌", "headline", "headline: two spaced segments (sample)");
	HL("全国两会特别报道", "headline", "headline: short title");
	HL("春节假期 郑州接待游客超千万人次", "headline", "headline: short spaced title");
	HL("“十四五”开局之年 郑州这样干", "headline", "headline: title with full-width quotes");
	HL("春风送暖入万家，真情帮扶暖人心", "headline", "headline: title with one full-width comma");
	HL("如何让老旧小区 焕发新活力？", "headline", "headline: full-width question-mark title with a space");
	HL("为什么是郑州？", "headline", "headline: short full-width question");
	HL("奋斗正当时！", "headline", "headline: short exclamation title");
	HL("—— 记郑州市劳动模范张三", "headline+dash", "headline: —— 记… subtitle is HL_DASH");
	HL("──访市人大代表李四", "headline+dash", "headline: box-drawing dash subtitle is HL_DASH");
	HL("◆ 两会聚焦", "headline+label", "headline: ◆ 两会聚焦 is HL_LABEL");
	HL("★特别关注", "headline+label", "headline: ★特别关注 is HL_LABEL");
	HL("开局之年看郑州（上）", "headline+series", "headline: …（上） is HL_SERIES");
	HL("奋进新时代系列报道之一", "headline+series", "headline: …之一 is HL_SERIES");
	HL("——郑州高质量发展调研行（三）", "headline+dash+series",
	   "headline: ——…（三） is HL_DASH and HL_SERIES");
	HL("突出抓好生态环境治理", "headline", "heading: 突出抓好生态环境治理 (sample)");
	HL("全面推行管理体制与人事薪酬制度改革", "headline", "heading: 全面推行… (sample)");
	HL("一、加强组织领导", "headline", "heading: 一、加强组织领导");
	HL("（一）坚持党的全面领导", "headline", "heading: （一）坚持党的全面领导");
	HL("聚焦“三个一批” 推动项目建设提速提效", "headline", "heading: spaced heading with quotes");
}

static void bodies(void)
{
	KIND("本报讯 8月14日,市委十一届四次全会胜利召开,全会审议通过《中共郑州市委关于加快国家中心城市建设的意见》(以下简称《意见》)。",
	     "body", "body: 本报讯 paragraph ending in 。 (sample)");
	KIND("为进一步深入贯彻市委全会精神,9月2日上午,高新区邀请郑州市委副秘书长李伟革就市委关于加快建设国家中心城市的意见做专题辅导。李伟革围绕郑州国家中心城市建设的概念和职能、郑州国家中心城市的思路研究和全会《意见》出台过程、市委全会的主要精神和内涵实质以及",
	     "body", "body: fragment ending in 以及 (sample)");
	KIND("节点的,采取系统会商机制,制订解决方案加快推进。", "body",
	     "body: short continuation ending in 。 (sample)");
	KIND("报数、体量、开工量“三量齐增”。", "body", "body: short continuation with quotes (sample)");
	KIND("市领导张延明、周富强、杨福平、牛卫国、黄卿、高永、陈宏伟等出席会议。", "body",
	     "body: list of names ending in 。 (sample)");
	KIND("计划3月底完成园区运营中心和专业化机构的部门组建和人员聘任;4月份完成办事处的部门",
	     "body", "body: fragment with an internal ; (sample)");
	KIND("会议由张三主持。", "body", "body: short sentence 会议由张三主持。");
	KIND("会议强调，要牢固树立新发展理念，", "body", "body: fragment ending in ，");
	KIND("2月26日上午，", "body", "body: date fragment ending in ，");
	KIND("会议强调，要统筹推进疫情防控、经济发展、安全生产、生态环保、民生保障、社会稳定、党的建设等各项工作，全力以赴稳增长、促改革、调结构、惠民生、防风险",
	     "body", "body: long fragment with 、 lists and no final punctuation");
	KIND("当前，我市正处于转型发展的关键时期，机遇与挑战并存，必须", "body",
	     "body: fragment with three full-width commas and no final punctuation");
	KIND("会议传达了省委全会精神。与会人员结合实际进行了深入讨论，大家一致认为要", "body",
	     "body: paragraph with an internal 。 and no final punctuation");
	KIND("会议传达了省委全会精神。随后与会人员进行了讨论", "body",
	     "body: internal 。 and no comma, no final punctuation");
	KIND("他说：“我们一定会把这件事办好。”", "body", "body: quoted sentence ending in 。”");
	KIND("让我们携手共进，共创美好未来！", "body", "body: exclamation sentence with a comma");
	KIND("本报讯（记者 张三）2月26日上午", "body",
	     "body: short dateline fragment is body, not a headline");
	KIND("本报讯 近日", "body", "body: 本报讯 近日 is body, not a headline");
	KIND("新华社北京3月5日电", "body", "body: a bare wire dateline is body, not a headline");
	KIND("据了解，目前全市已建成5G基站2.3万个，实现主城区全覆盖……", "body",
	     "body: sentence ending in ……");
	KIND("一是加强组织领导，成立工作专班；", "body", "body: 一是… list item ending in ；");
}

static void datelines(void)
{
	CHECK(dateline("本报讯 8月14日,市委十一届四次全会胜利召开"), "dateline: 本报讯 8月14日 (sample)");
	CHECK(dateline("本报讯 “市委十一届四次全体(扩大)会议胜利闭幕"), "dateline: 本报讯 “… (sample)");
	CHECK(dateline("本报讯(郑报全媒体记者 张昕) 2月26日"), "dateline: 本报讯(郑报全媒体记者 张昕) (sample)");
	CHECK(dateline("本报讯（记者 张三 通讯员 李四）3月5日"), "dateline: 本报讯（记者 张三 通讯员 李四）");
	CHECK(dateline("新华社北京3月5日电（记者 张三、李四）"), "dateline: 新华社北京3月5日电（…）");
	CHECK(dateline("中新网郑州10月1日电(记者 王五)"), "dateline: 中新网郑州10月1日电(记者 王五)");
	CHECK(dateline("本报郑州讯 近日，"), "dateline: 本报郑州讯");
	CHECK(dateline("本报北京3月5日电（记者 张三）"), "dateline: 本报北京3月5日电");
	CHECK(dateline("新华社郑州3月5日电 记者从河南省获悉"), "dateline: 新华社…电 followed by a space");
	CHECK(dateline("人民网北京3月5日电（记者 张三）"), "dateline: 人民网北京3月5日电");
	CHECK(dateline("本报讯：近日，"), "dateline: 本报讯： with a full-width colon");
	CHECK(dateline("本报讯"), "dateline: a bare 本报讯");
	CHECK(dateline("本报讯\u3000近日，"), "dateline: 本报讯 with an ideographic space");
	CHECK(dateline("新华社电（记者 张三）"), "dateline: 新华社电 without a place");
	CHECK(!dateline("电力供应保障有力，"), "not dateline: 电力供应…");
	CHECK(!dateline("通讯录已更新"), "not dateline: 通讯录…");
	CHECK(!dateline("通讯员 李四"), "not dateline: 通讯员 李四");
	CHECK(!dateline("电视剧《人世间》热播"), "not dateline: 电视剧…");
	CHECK(!dateline("充电桩建设加快推进，"), "not dateline: 充电桩…");
	CHECK(!dateline("全市用电 负荷创新高"), "not dateline: 全市用电 followed by a space");
	CHECK(!dateline("停电 通知"), "not dateline: 停电 通知");
	CHECK(!dateline("据悉，全市已建成"), "not dateline: 据悉，…");
	CHECK(!dateline("简讯"), "not dateline: the column label 简讯");
	CHECK(!dateline("快讯 郑州地铁10号线开通"), "not dateline: 快讯 before a headline");
	CHECK(!dateline(""), "not dateline: empty text");
}

static void list_items(void)
{
	CHECK(list_item("一是加强组织领导"), "list: 一是…");
	CHECK(list_item("二是强化要素保障"), "list: 二是…");
	CHECK(list_item("十是严格督导考核"), "list: 十是…");
	CHECK(list_item("一、加强组织领导"), "list: 一、…");
	CHECK(list_item("（一）坚持党的全面领导"), "list: （一）…");
	CHECK(list_item("(二)强化责任落实"), "list: (二)…");
	CHECK(list_item("1.提高政治站位"), "list: 1.…");
	CHECK(list_item("2、压实工作责任"), "list: 2、…");
	CHECK(list_item("3．加强宣传引导"), "list: 3．… with a full-width period");
	CHECK(list_item("12.完善长效机制"), "list: 12.… two digits");
	CHECK(list_item("第一，要提高政治站位。"), "list: 第一，…");
	CHECK(list_item("其一，坚持问题导向。"), "list: 其一，…");
	CHECK(list_item("①加快项目建设"), "list: ①…");
	CHECK(list_item("⑩完善配套设施"), "list: ⑩…");
	CHECK(list_item("（1）加强组织领导"), "list: （1）… with an Arabic numeral");
	CHECK(!list_item("一定要把这件事办好。"), "not list: 一定要… (定 is not 是 or 、)");
	CHECK(!list_item("一些企业反映，"), "not list: 一些…");
	CHECK(!list_item("一带一路建设持续推进"), "not list: 一带一路…");
	CHECK(!list_item("十一届四次全会胜利召开"), "not list: 十一届…");
	CHECK(!list_item("二〇二一年是建党百年"), "not list: 二〇二一年…");
	CHECK(!list_item("2021年，全市经济稳中向好。"), "not list: 2021年…");
	CHECK(!list_item("其他地区也在积极行动"), "not list: 其他…");
	CHECK(!list_item("（中国）郑州跨境电商综试区"), "not list: （中国）…");
	CHECK(!list_item("第一次全体会议于3月5日召开。"), "not list: 第一次… (an ordinal, not a marker)");
	CHECK(!list_item("第三方机构将进行评估。"), "not list: 第三方机构…");
	CHECK(!list_item("1.5万名志愿者参与服务。"), "not list: 1.5万… (a decimal, not a marker)");
	CHECK(!list_item(""), "not list: empty text");
}

static void open_closed(void)
{
	CHECK(open_body("郑州国家中心城市的思路研究和全会《意见》出台过程以及"), "open: …以及");
	CHECK(open_body("借鉴经验谋发展；"), "open: …发展；");
	CHECK(open_body("会议强调，"), "open: …，");
	CHECK(open_body("大家一致认为："), "open: …：");
	CHECK(open_body("市领导张三、李四等"), "open: …等");
	CHECK(open_body("聚焦智慧产业、"), "open: …、");
	CHECK(!open_body("这是一次具有里程碑意义的重要会议。"), "closed: …会议。");
	CHECK(!open_body("他说：“我们一定会把这件事办好。”"), "closed: …”");
	CHECK(!open_body("会议还部署了下一步工作。（完）"), "closed: …（完）");
	CHECK(!open_body("让我们携手共进，共创美好未来！"), "closed: …！");
	CHECK(!open_body("这是为什么呢？"), "closed: …？");
	CHECK(!open_body("实现主城区全覆盖……"), "closed: …… ellipsis");
	{
		struct unit u = {0};
		u.text = "为郑州建设国家中心城市提供创新驱动引擎";
		u.len = strlen(u.text);
		u.kind = U_HEADLINE;
		CHECK(!kb_unit_open(&u), "closed: a headline unit is never open");
	}
	{
		struct unit u = {0};
		u.text = "";
		u.len = 0;
		u.kind = U_BODY;
		CHECK(!kb_unit_open(&u), "closed: an empty body unit is not open");
	}
	cls("李伟革围绕郑州国家中心城市建设的概念和职能、郑州国家中心城市的思路研究和全会《意见》出台过程、市委全会的主要精神和内涵实质以及");
	CHECK(U.kind == U_BODY && kb_unit_open(&U), "open: classified fragment ending in 以及 is open body");
}

/* Credits of the page's graphics and of photo agencies, alone on a line,
 * and datelines set at a report's end: furniture and bylines, never text. */
static void page_credits(void)
{
	CREDIT("制图：蔡华伟", "蔡华伟", "page credit: 制图：蔡华伟");
	CREDIT("本版制图：蔡华伟", "蔡华伟", "page credit: 本版制图：蔡华伟");
	CREDIT("制图：王  婷", "王  婷", "page credit: a padded name");
	CREDIT("人民视觉", "人民视觉", "page credit: an agency's name alone");
	CREDIT("影像中国  ", "影像中国", "page credit: trailing spaces");
	CREDIT("东方 IC", "东方 IC", "page credit: a spaced agency name");
	KIND("制图：最新统计数据显示，全市增长明显。", "body", "制图： and a sentence is no credit");
	KIND("人民视觉艺术展在京开幕", "headline", "an agency's name inside a headline is no credit");
	KIND("（本报东京10月14日电）", "byline", "a closing dateline is a byline");
	KIND("（本报莫斯科、开罗10月14日电 记者屈佩、黄云迪）", "byline",
	     "a closing dateline with reporters is a byline");
	KIND("（作者为法国国际问题专家、巴黎政治学院教授）", "byline", "an author note is a byline");
}

int main(void)
{
	P.arena = kb_arena_create();
	bylines();
	captions();
	media_notes();
	page_headers();
	jump_lines();
	speakers();
	headlines();
	bodies();
	datelines();
	list_items();
	open_closed();
	page_credits();
	kb_arena_destroy(P.arena);
	return tap_done();
}
