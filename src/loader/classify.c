/*
 * What kind of thing a unit of the page is, decided from its own text: the
 * shape of a headline (short, no sentence inside it, segments set apart by
 * spaces), a byline (role words and names), a caption (text and a credit), a
 * media note, a page header, a jump line; everything else is body text.
 * Context (what stands before and after) is weighed later, in join.c and
 * group.c. No rule here knows any particular paper's words beyond the common
 * vocabulary of Chinese newspaper layout.
 */
#include "loader.h"

#include <string.h>

/* Counts over a unit's text that the rules below look at. */
struct shape {
	size_t nchars;       /* code points, white space excluded */
	size_t stops_inside; /* 。；; before the last character */
	size_t excl_inside;  /* ！？!? before the last character */
	size_t pauses;       /* ，,、：: anywhere */
	bool spaced;         /* white space between two printed characters */
	bool header_chars;   /* has 星 编 校 版 组: may be a page header */
	bool media_chars;    /* has 扫 码 邮 投 稿: may be a media note or box */
	bool footer_chars;   /* has 热: may be a page footer (广告热线) */
	bool label;          /* starts with a short label and a colon (市民：) */
	bool dialogue;       /* starts with a one-character label (问：答：) */
	uint32_t first, last;
};

static void measure(const char *s, size_t n, struct shape *sh)
{
	const char *e = s + n;
	memset(sh, 0, sizeof(*sh));
	bool in_space = false, seen = false;
	uint32_t prev = 0;
	int l;
	while (s < e) {
		uint32_t c = kb_cp_at(s, e, &l);
		s += l;
		if (kb_is_space(c)) {
			in_space = seen;
			continue;
		}
		if (in_space)
			sh->spaced = true;
		in_space = false;
		if (!seen)
			sh->first = c;
		seen = true;
		sh->nchars++;
		if (prev == 0x3002 || prev == 0xFF1B || prev == ';')
			sh->stops_inside++;
		if (prev == 0xFF01 || prev == 0xFF1F || prev == '!' || prev == '?')
			sh->excl_inside++;
		if (kb_is_pause(c)) {
			/* a colon after a short label (市民：…, 今年目标:…) is the
			 * label's, not a pause in a sentence; a one-character
			 * label (问：答：) marks dialogue and keeps its pause */
			bool colon = c == 0xFF1A || c == ':';
			if (!(colon && sh->nchars >= 3 && sh->nchars <= 7 && !sh->pauses))
				sh->pauses++;
			else
				sh->label = true;
			if (colon && sh->nchars == 2)
				sh->dialogue = true;
		}
		else if (c >= 0x6200 && c <= 0x90AE) { /* the trigger characters' range */
			if (c == 0x661F || c == 0x7F16 || c == 0x6821 || c == 0x7248 || c == 0x7EC4)
				sh->header_chars = true;
			else if (c == 0x626B || c == 0x7801 || c == 0x90AE || c == 0x6295 || c == 0x7A3F)
				sh->media_chars = true; /* 扫 码 邮 投 稿 */
			else if (c == 0x70ED)
				sh->footer_chars = true; /* 热 (热线) */
		}
		prev = c;
	}
	sh->last = prev;
}

/* Function words (的 和 在 对 将 …) may end a line cut mid-sentence but not
 * a headline, which ends on a noun or a verb. */
static bool ends_with_function_word(uint32_t c)
{
	static const uint32_t words[] = {
		0x7684, 0x548C, 0x4E0E, 0x53CA, 0x5728, 0x5BF9, 0x5C06, 0x628A,
		0x88AB, 0x4ECE, 0x5411, 0x4E8E, 0x7531, 0x5E76, 0x800C, 0x4E14,
		0x6216, 0x4F46, 0x4E4B, 0x5176, 0x4EE5, 0x5C31, 0x5219, 0x6240,
		0x7ED9, 0x8BA9, 0x4F7F};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i] == c)
			return true;
	return false;
}

/* Is the text shaped like a headline line (kicker, title, subtitle, section
 * heading)? Headlines carry no sentence inside them, end without a full stop
 * and are short; long ones are made of segments set apart by spaces. */
static bool headline_shaped(const struct shape *sh)
{
	if (sh->nchars == 0 || sh->nchars > 80)
		return false;
	if (sh->last == 0x3002 || kb_is_pause(sh->last) || sh->last == 0x2026)
		return false;
	if (sh->stops_inside)
		return false;
	if (sh->excl_inside && !sh->spaced)
		return false;
	bool exclaims = sh->last == 0xFF01 || sh->last == 0xFF1F ||
			sh->last == '!' || sh->last == '?' || sh->last == '.';
	if (exclaims) /* 问：…？ 记者：…？ are dialogue, not headings */
		return !sh->label && sh->nchars <= 40 && (sh->spaced || sh->pauses == 0);
	if (ends_with_function_word(sh->last))
		return false;
	if (sh->spaced && sh->pauses <= 4)
		return true;
	return sh->pauses <= 1 && sh->nchars <= 50;
}

static bool contains_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (kb_find(s, n, *words))
			return true;
	return false;
}

static bool ends_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (kb_ends(s, n, *words))
			return true;
	return false;
}

/* 扫码看 视频新闻, 扫描二维码 ...: a note about a QR code or video. */
static bool is_media_note(const char *s, size_t n, const struct shape *sh)
{
	static const char *const words[] = {"扫码", "扫描", "二维码", "扫一扫", NULL};
	return sh->media_chars && sh->nchars <= 40 && sh->last != 0x3002 &&
	       contains_any(s, n, words);
}

/* The page's own header: weekday, date and edition, the editors' names. */
static bool is_page_header(const char *s, size_t n, const struct shape *sh)
{
	static const char *const words[] = {
		"星期一", "星期二", "星期三", "星期四", "星期五", "星期六",
		"星期日", "星期天", "责任编辑", "责编", "美编", "美术编辑",
		"校对", "版式", "组版", "值班编辑", "编辑：", "编辑:", NULL};
	/* 广告热线：0371-67655120 地址：…: the page's footer */
	static const char *const footer[] = {"广告热线", "订阅热线", "发行热线",
					     "新闻热线", "读者热线", NULL};
	if (sh->nchars > 80 || sh->last == 0x3002 || kb_is_pause(sh->last))
		return false;
	if (sh->footer_chars && sh->stops_inside == 0 && contains_any(s, n, footer))
		return true;
	return sh->header_chars && contains_any(s, n, words);
}

static bool is_jump_core(const char *s, size_t n);

/* 第四版, A3版: a page reference after 见. */
static bool is_jump_core_ref(const char *s, size_t n)
{
	char buf[64];
	if (n + 3 >= sizeof(buf))
		return false;
	memcpy(buf, "转", 3);
	memcpy(buf + 3, s, n);
	return is_jump_core(buf, n + 3);
}

/* The body of a jump line without its brackets: 下转第三版, 上接A2版. */
static bool is_jump_core(const char *s, size_t n)
{
	static const char *const heads[] = {"下转", "上接", "转至", "接", "转", NULL};
	const char *e = s + n;
	size_t i;
	for (i = 0; heads[i]; i++)
		if (kb_starts(s, n, heads[i]))
			break;
	if (!heads[i])
		return false;
	s += strlen(heads[i]);
	if (kb_starts(s, (size_t)(e - s), "第"))
		s += strlen("第");
	int digits = 0, l;
	while (s < e) {
		uint32_t c = kb_cp_at(s, e, &l);
		bool d = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
			 kb_cn_digit(c) || c == 0x3007 || c == 0x96F6;
		if (!d)
			break;
		digits++;
		s += l;
	}
	if (digits == 0 || digits > 3)
		return false;
	size_t rest = (size_t)(e - s);
	return kb_starts(s, rest, "版") && (rest == strlen("版") ||
		(rest == strlen("版面") && kb_starts(s, rest, "版面")));
}

/* A whole unit that is a jump line, brackets and spaces allowed around it. */
static bool is_jump(const char *s, size_t n, const struct shape *sh)
{
	if (sh->nchars > 20)
		return false;
	const char *e = s + n;
	int l;
	while (s < e) {
		uint32_t c = kb_cp_at(s, e, &l);
		if (!kb_is_opener(c) && !kb_is_space(c) && !kb_is_bullet(c))
			break;
		s += l;
	}
	while (e > s) {
		uint32_t c = kb_cp_before(s, e, &l);
		if (!kb_is_closer(c) && !kb_is_space(c))
			break;
		e -= l;
	}
	size_t m = (size_t)(e - s);
	kb_trim(&s, &m);
	if (is_jump_core(s, m))
		return true;
	/* 相关报道见第四版, 详见A3版: a pointer to another page */
	const char *see = kb_find(s, m, "见");
	return see && is_jump_core_ref(see + strlen("见"), (size_t)(s + m - see) - strlen("见"));
}

/* Words that end a position held by a speaker: 书记, 主任, 局长 ... */
static bool ends_with_position(const char *s, size_t n)
{
	static const char *const words[] = {
		"书记", "主任", "长", "委员", "代表", "经理", "主席", "总监", "总裁",
		"院士", "教授", "董事", "理事", "秘书", "负责人", "专家", "主管",
		"老师", "医生", "医师", "护士", "药师", "技师", "法官", "检察官", "警官", "律师", "工程师", "创始人", "研究员", "市民", "村民",
		"居民", "嘉宾", "网友", "干部", "主持人", "政委", "大使", "顾问",
		"会计师", "设计师", "队员", "党员", "职工", "员工", "校友", "学生",
		"志愿者", "企业家", "作家", "画家", "演员", "导演", "运动员", "教练",
		NULL};
	return ends_any(s, n, words);
}

/* 航空港实验区党工委书记 张俊峰: a position, white space, a name. */
static bool is_speaker_label(const char *s, size_t n, const struct shape *sh)
{
	if (sh->nchars > 40 || sh->stops_inside || kb_is_final(sh->last) ||
	    kb_is_pause(sh->last) || sh->first == 0x2014 || sh->first == 0x2500 || sh->first == 0x2501 ||
	    sh->first == '-')
		return false;
	const char *e = s + n, *p = e;
	int l;
	while (p > s && !kb_is_space(kb_cp_before(s, p, &l)))
		p -= l;
	if (p == s)
		return false;
	const char *name = p;
	size_t name_len = (size_t)(e - p);
	const char *pre = s;
	size_t pre_len = (size_t)(p - s);
	kb_trim(&pre, &pre_len);
	if (!kb_is_name(name, name_len) || kb_nchars(pre, pre_len) < 2)
		return false;
	for (const char *q = pre; q < pre + pre_len; q += l)
		if (kb_is_space(kb_cp_at(q, pre + pre_len, &l)))
			return false;
	return ends_with_position(pre, pre_len);
}

/* A caption whose credit stands in brackets at its end, after a finished
 * sentence: "…登上旅游专列。 新华社发（张博文 摄）". bl is the closing
 * bracket's length. */
static bool bracket_credit(struct parse *p, struct unit *u, int bl)
{
	const char *s = u->text, *e = u->text + u->len - bl;
	const char *open = NULL;
	int l;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0xFF08 || c == '(')
			open = q;
	}
	if (!open)
		return false;
	const char *in = open + (kb_cp_at(open, e, &l), l);
	size_t inn = (size_t)(e - in);
	kb_trim(&in, &inn);
	if (!kb_ends(in, inn, "摄") && !kb_ends(in, inn, "供图"))
		return false;
	size_t nn = inn - (kb_ends(in, inn, "摄") ? strlen("摄") : strlen("供图"));
	const char *name = in;
	kb_trim(&name, &nn);
	/* the sentence before the credit must be finished */
	const char *te = open;
	while (te > s && !kb_is_final(kb_cp_before(s, te, &l)) && open - te < 40)
		te -= l;
	if (!kb_is_name(name, nn) || te <= s)
		return false;
	u->credit = kb_arena_strndup(p->arena, name, nn);
	u->caption_len = (size_t)(te - s);
	return true;
}

/* An organisation credited after a finished sentence: "…饭菜。 金水区委宣传部
 * 图". The token nb..e is Han only, 2 to 10 characters. */
static bool credited_body(const char *s, const char *nb, const char *e)
{
	int l;
	size_t chars = 0;
	for (const char *q = nb; q < e; q += l, chars++)
		if (!kb_is_han(kb_cp_at(q, e, &l)))
			return false;
	const char *te = nb;
	while (te > s && kb_is_space(kb_cp_before(s, te, &l)))
		te -= l;
	return chars >= 2 && chars <= 10 && te > s && kb_is_final(kb_cp_before(s, te, &l));
}

/* A caption whose credit is glued to its mark after white space:
 * "…调研。 受访者供图", "…现场。 张三摄". e is where the mark starts. */
static bool glued_credit(struct parse *p, struct unit *u, const char *e,
			 const char *mark)
{
	const char *s = u->text, *nb = e;
	int l;
	while (nb > s && !kb_is_space(kb_cp_before(s, nb, &l)))
		nb -= l;
	if (nb == s)
		return false;
	size_t cn = (size_t)(e - nb);
	size_t chars = kb_nchars(nb, cn);
	bool ok;
	if (strcmp(mark, "供图") == 0 || strcmp(mark, "摄影") == 0) {
		ok = chars >= 2 && chars <= 8;
		for (const char *q = nb; ok && q < e; q += l)
			ok = kb_is_han(kb_cp_at(q, e, &l));
	} else {
		/* 张三摄 only after a finished sentence: 拍摄 ends phrases too */
		const char *te = nb;
		while (te > s && kb_is_space(kb_cp_before(s, te, &l)))
			te -= l;
		ok = kb_is_name(nb, cn) && te > s && kb_is_final(kb_cp_before(s, te, &l));
	}
	if (!ok)
		return false;
	u->credit = kb_arena_strndup(p->arena, nb, cn);
	u->caption_len = (size_t)(nb - s);
	return true;
}

/* 水下万科城 杜昌修 图, 图为… : a photo caption; *credit gets the
 * photographer's name when the caption ends with one. */
static bool is_caption(struct parse *p, struct unit *u, const struct shape *sh)
{
	const char *s = u->text;
	size_t n = u->len;
	const char **credit = &u->credit;
	static const char *const marks[] = {"摄影", "供图", "制图", "摄", "图", NULL};
	static const char *const leads[] = {"图为", "图片为", "上图", "下图", "左图",
					    "右图", "图①", "图一", "▲", "△", NULL};
	*credit = NULL;
	if (sh->nchars > 200)
		return false;
	bool lead = false;
	for (size_t i = 0; leads[i] && !lead; i++)
		lead = kb_starts(s, n, leads[i]);
	if (lead && sh->nchars > 150)
		return false;
	/* 新华社发（张博文 摄）: the credit in brackets at the end */
	int bl;
	uint32_t lastc = n ? kb_cp_before(s, s + n, &bl) : 0;
	if ((lastc == 0xFF09 || lastc == ')') && bracket_credit(p, u, bl))
		return true;
	/* …在女单决赛中回球。 新华社发: an agency's photo, credited after the
	 * finished sentence */
	if (kb_ends(s, n, "社发")) {
		const char *e = s + n, *nb = e;
		int l;
		while (nb > s && !kb_is_space(kb_cp_before(s, nb, &l)))
			nb -= l;
		if (nb > s && credited_body(s, nb, e)) {
			*credit = kb_arena_strndup(p->arena, nb, (size_t)(e - nb));
			u->caption_len = (size_t)(nb - s);
			return true;
		}
	}
	/* 《长河》 周远 著 人民文学出版社: a book's credit line */
	if (sh->nchars <= 60 && !kb_is_final(sh->last) && kb_find(s, n, "出版社") &&
	    (kb_find(s, n, " 著") || kb_find(s, n, "　著")))
		return true;
	size_t i;
	for (i = 0; marks[i]; i++)
		if (kb_ends(s, n, marks[i]))
			break;
	if (!marks[i])
		return lead;
	const char *e = s + n - strlen(marks[i]);
	int l;
	if (e > s && !kb_is_space(kb_cp_before(s, e, &l)))
		return glued_credit(p, u, e, marks[i]) || lead;
	while (e > s && kb_is_space(kb_cp_before(s, e, &l)))
		e -= l;
	const char *nb = e;
	while (nb > s && !kb_is_space(kb_cp_before(s, nb, &l)))
		nb -= l;
	if (!kb_is_name(nb, (size_t)(e - nb)) && !credited_body(s, nb, e))
		return lead;
	*credit = kb_arena_strndup(p->arena, nb, (size_t)(e - nb));
	/* a credit line alone ("张三 摄") keeps its whole text */
	u->caption_len = nb > s ? (size_t)(nb - s) : n;
	return true;
}

/* 据人民日报客户端消息, 据《经济日报》报道: where the name of a relayed
 * report's source ends (just past its 消息 or 报道, at the first space or
 * mark other than the title marks), or NULL. */
static const char *relay_source_end(const char *s, size_t n)
{
	const char *e = s + n;
	int l, count = 0;
	if (n < 3 || kb_cp_at(s, e, &l) != 0x636E /* 据 */)
		return NULL;
	for (const char *q = s + l; q < e && count < 24; q += l, count++) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0x300A || c == 0x300B) /* 《》 around a paper's name */
			continue;
		if (kb_is_space(c) || kb_is_punct(c))
			return count >= 3 && (kb_ends(s, (size_t)(q - s), "消息") ||
					      kb_ends(s, (size_t)(q - s), "报道")) ? q : NULL;
	}
	return NULL;
}

/* The character at q, the end of a relayed report's source, or 0. */
static uint32_t after_source(const char *s, size_t n, const char *q)
{
	int l;
	return q && q < s + n ? kb_cp_at(q, s + n, &l) : 0;
}

const char *kb_relay_dateline(const char *s, size_t n)
{
	const char *q = relay_source_end(s, n);
	uint32_t c = after_source(s, n, q);
	return (c == 0xFF08 || c == '(') && kb_ends(s, (size_t)(q - s), "消息") ? q : NULL;
}

bool kb_relay_report(const char *s, size_t n)
{
	uint32_t c = after_source(s, n, relay_source_end(s, n));
	return c == 0xFF0C || c == ',' || kb_is_space(c);
}

bool kb_starts_dateline(const char *s, size_t n)
{
	const char *e = s + n, *q = s;
	int l, count = 0;
	bool agency = false;
	if (kb_relay_dateline(s, n))
		return true;
	while (q < e && count < 24) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0x8BAF /* 讯 */ || c == 0x7535 /* 电 */) {
			const char *after = q + l;
			uint32_t nc = after < e ? kb_cp_at(after, e, &l) : ' ';
			bool sep = kb_is_space(nc) || kb_is_opener(nc) || nc == 0x2014 ||
				   nc == 0xFF1A || nc == ':' || nc == 0xFF0C;
			if (count < 2 || !sep)
				return false;
			return c == 0x8BAF || agency;
		}
		if (kb_is_space(c) || kb_is_punct(c))
			return false;
		/* 电 ends a wire dateline only after a date or an agency name */
		if (c == 0x65E5 /* 日 */ || c == 0x793E /* 社 */ || c == 0x7F51 /* 网 */)
			agency = true;
		q += l;
		count++;
	}
	return false;
}

bool kb_starts_list_item(const char *s, size_t n)
{
	const char *e = s + n;
	int l, l2 = 0;
	if (n == 0)
		return false;
	uint32_t c = kb_cp_at(s, e, &l);
	uint32_t c2 = s + l < e ? kb_cp_at(s + l, e, &l2) : 0;
	if (kb_cn_digit(c) && (c2 == 0x662F /* 是 */ || c2 == 0x3001 /* 、 */))
		return true;
	if ((c == 0x7B2C /* 第 */ || c == 0x5176 /* 其 */) && kb_cn_digit(c2)) {
		/* 第一，其二、… but not 第一次, 第三方 */
		const char *q = s + l + l2;
		uint32_t c3 = q < e ? kb_cp_at(q, e, &l) : 0;
		return c3 == 0xFF0C || c3 == ',' || c3 == 0x3001 || c3 == 0x662F;
	}
	if ((c == 0xFF08 || c == '(') && (kb_cn_digit(c2) || (c2 >= '0' && c2 <= '9')))
		return true;
	if (c >= 0x2460 && c <= 0x2473) /* ①..⑳ */
		return true;
	if (c >= '0' && c <= '9') {
		const char *q = s;
		while (q < e && *q >= '0' && *q <= '9')
			q++;
		if (q < e) {
			uint32_t d = kb_cp_at(q, e, &l);
			bool digit_after = q + l < e && q[l] >= '0' && q[l] <= '9';
			return (d == '.' || d == 0x3001 || d == 0xFF0E) && !digit_after;
		}
	}
	return false;
}

/* 一是…, 第一，…, 其二，…: a list item that is a clause of running text,
 * never a heading (一、加强领导 may be one). */
static bool starts_clause_item(const char *s, size_t n)
{
	const char *e = s + n;
	int l, l2;
	if (n == 0)
		return false;
	uint32_t c = kb_cp_at(s, e, &l);
	uint32_t c2 = s + l < e ? kb_cp_at(s + l, e, &l2) : 0;
	if (kb_cn_digit(c) && c2 == 0x662F /* 是 */)
		return true;
	return (c == 0x7B2C || c == 0x5176) && kb_cn_digit(c2) && kb_starts_list_item(s, n);
}

bool kb_unit_open(const struct unit *u)
{
	if (u->kind != U_BODY || u->len == 0 || u->sealed)
		return false;
	int l;
	uint32_t c = kb_cp_before(u->text, u->text + u->len, &l);
	return !kb_is_final(c) && !kb_is_closer(c);
}

/* Does the line end in a notice word (公告 声明 启事 …), spaces ignored
 * ("更 正")? */
static bool ends_with_notice_word(const char *s, size_t n)
{
	static const uint32_t words[][2] = {
		{0x516C, 0x544A}, /* 公告 */ {0x58F0, 0x660E}, /* 声明 */
		{0x542F, 0x4E8B}, /* 启事 */ {0x8BA3, 0x544A}, /* 讣告 */
		{0x66F4, 0x6B63}, /* 更正 */ {0x901A, 0x544A}, /* 通告 */
		{0x516C, 0x793A}, /* 公示 */ {0x8BA3, 0x95FB}, /* 讣闻 */
	};
	uint32_t last[2] = {0, 0};
	const char *e = s + n;
	int l;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (kb_is_space(c))
			continue;
		last[0] = last[1];
		last[1] = c;
	}
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i][0] == last[0] && words[i][1] == last[1])
			return true;
	return false;
}

bool kb_is_date_line(const char *s, size_t n)
{
	const char *e = s + n;
	int l, groups = 0, digits = 0;
	kb_trim(&s, &n);
	e = s + n;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if ((c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19) || kb_cn_digit(c) ||
		    c == 0x3007 || c == 0x96F6) {
			digits++;
			continue;
		}
		if (!digits)
			return false;
		if (c == 0x5E74 || c == 0x6708 || c == 0x65E5 || c == '.' || c == '-' ||
		    c == '/') /* 年 月 日 */
			groups++;
		else
			return false;
		digits = 0;
	}
	return groups >= 2 && n > 0;
}

/* A telephone number (seven digits in a row) or an e-mail address: a notice
 * or a box, never a headline. */
/* Does the text leave a bracket open ((2015年8月3)? A headline never does. */
static bool bracket_left_open(const char *s, size_t n)
{
	const char *e = s + n;
	int l, depth = 0;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		if (c == 0xFF08 || c == '(')
			depth++;
		else if ((c == 0xFF09 || c == ')') && depth > 0)
			depth--;
	}
	return depth > 0;
}

/* How many ASCII digits end the text? */
static size_t trailing_digits(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[n - 1 - k] >= '0' && s[n - 1 - k] <= '9')
		k++;
	return k;
}

static bool has_contact(const char *s, size_t n)
{
	int run = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '@')
			return true;
		run = (s[i] >= '0' && s[i] <= '9') ? run + 1 : 0;
		if (run >= 7)
			return true;
	}
	return false;
}

/* 欢迎读者来信来稿 邮箱：… : a box inviting letters, page furniture. */
static bool is_contribution_box(const char *s, size_t n, const struct shape *sh)
{
	static const char *const words[] = {"邮箱", "投稿", "来稿", NULL};
	return sh->media_chars && sh->nchars <= 80 && sh->last != 0x3002 &&
	       contains_any(s, n, words) && has_contact(s, n);
}

/* Headline flags: —— subtitle, ■ label, (一) series marker. */
/* ■ 航线加密 连通全球: the words after the bullet set apart by a space are
 * a section head in two parallel phrases, not a one-word label (■ 链接). */
static bool spaced_after_bullet(const char *s, size_t n)
{
	const char *e = s + n;
	int l;
	kb_cp_at(s, e, &l); /* the bullet */
	const char *q = s + l;
	while (q < e && kb_is_space(kb_cp_at(q, e, &l)))
		q += l;
	for (; q < e; q += l)
		if (kb_is_space(kb_cp_at(q, e, &l)))
			return true;
	return false;
}

static unsigned headline_flags(const char *s, size_t n, const struct shape *sh)
{
	unsigned hl = 0;
	if (sh->first == 0x2014 || sh->first == 0x2015 || sh->first == 0x2500 ||
	    sh->first == 0x2501 || kb_starts(s, n, "--"))
		hl |= HL_DASH;
	if (kb_is_bullet(sh->first) && sh->nchars <= 14 && !spaced_after_bullet(s, n))
		hl |= HL_LABEL;
	static const char *const series[] = {
		"(一)", "(二)", "(三)", "(四)", "(五)", "(上)", "(中)", "(下)",
		"（一）", "（二）", "（三）", "（四）", "（五）", "（上）", "（中）",
		"（下）", "之一", "之二", "之三", NULL};
	if (ends_any(s, n, series))
		hl |= HL_SERIES;
	if (sh->nchars <= 30 && ends_with_notice_word(s, n))
		hl |= HL_NOTICE;
	return hl;
}

/* （作者系中共郑州市委党校教授）: a note on who the author is, closing a
 * signed piece; it belongs with the byline, not the text. */
static bool is_author_note(const char *s, size_t n, const struct shape *sh)
{
	return sh->nchars <= 60 && (kb_starts(s, n, "（作者") || kb_starts(s, n, "(作者")) &&
	       (kb_ends(s, n, "）") || kb_ends(s, n, ")"));
}

/* □ 刘明远, ◎ 王立新, □本报记者 张三: a byline set off by a white square
 * or a bullseye, the role
 * word left out or not. Names without a role are one to four groups of
 * two to four Han characters. */
static bool square_byline(struct parse *p, struct unit *u)
{
	const char *s = u->text, *e = u->text + u->len;
	int l;
	uint32_t mark = s < e ? kb_cp_at(s, e, &l) : 0;
	if (mark != 0x25A1 && mark != 0x25CE) /* □ ◎ */
		return false;
	s += l;
	while (s < e && kb_is_space(kb_cp_at(s, e, &l)))
		s += l;
	if (kb_parse_byline(p->arena, s, (size_t)(e - s), &u->authors, &u->n_authors))
		return true;
	struct kb_author list[4];
	size_t na = 0;
	while (s < e) {
		const char *b = s;
		int k = 0;
		while (s < e && kb_is_han(kb_cp_at(s, e, &l)))
			s += l, k++;
		if (k < 2 || k > 4 || na == 4)
			return false;
		list[na++] = (struct kb_author){"", kb_arena_strndup(p->arena, b, (size_t)(s - b))};
		if (s < e && !kb_is_space(kb_cp_at(s, e, &l)))
			return false;
		while (s < e && kb_is_space(kb_cp_at(s, e, &l)))
			s += l;
	}
	if (!na)
		return false;
	u->authors = kb_arena_alloc(p->arena, na * sizeof(struct kb_author));
	memcpy(u->authors, list, na * sizeof(struct kb_author));
	u->n_authors = na;
	return true;
}

/* Does a credited caption describe something before its credit, set
 * apart by a space from the credit's role (专访 郑报全媒体记者 丁友明 摄),
 * rather than being a byline with a photo mark (本报记者 张三 摄)? */
static bool described_credit(const struct unit *u)
{
	const char *c = u->text;
	size_t n = u->caption_len < u->len ? u->caption_len : 0;
	kb_trim(&c, &n);
	int l;
	for (const char *q = c; q < c + n; q += l)
		if (kb_is_space(kb_cp_at(q, c + n, &l)))
			return true;
	return false;
}

/* 郑州华商 98∶95 安徽龙腾: a result in a results box, a line of its own:
 * two names with the score standing alone between them. */
static bool is_score_line(const char *s, size_t n, const struct shape *sh)
{
	if (!sh->spaced || sh->nchars > 30)
		return false;
	const char *e = s + n, *tok[4];
	size_t len[4], nt = 0;
	int l;
	for (const char *q = s; q < e;) {
		while (q < e && kb_is_space(kb_cp_at(q, e, &l)))
			q += l;
		if (q >= e)
			break;
		if (nt == 3)
			return false;
		tok[nt] = q;
		while (q < e && !kb_is_space(kb_cp_at(q, e, &l)))
			q += l;
		len[nt] = (size_t)(q - tok[nt]);
		nt++;
	}
	if (nt != 3)
		return false;
	const char *m = tok[1], *me = tok[1] + len[1];
	size_t digits = 0;
	while (m < me && *m >= '0' && *m <= '9')
		m++, digits++;
	if (!digits || m >= me)
		return false;
	uint32_t c = kb_cp_at(m, me, &l);
	if (c != 0x2236 && c != 0xFF1A && c != ':')
		return false;
	m += l;
	if (m >= me)
		return false;
	while (m < me && *m >= '0' && *m <= '9')
		m++;
	return m == me;
}

bool kb_footer_line(const struct unit *u)
{
	struct shape sh;
	measure(u->text, u->len, &sh);
	return sh.spaced && !sh.label && sh.nchars <= 60 && !sh.stops_inside &&
	       !kb_is_final(sh.last) && has_contact(u->text, u->len); /* 联系人:… is a field */
}

bool kb_contact_line(const struct unit *u)
{
	const char *s = u->text;
	size_t n = u->len;
	return u->label && n && s[n - 1] >= '0' && s[n - 1] <= '9' &&
	       kb_nchars(s, n) <= 60 && (has_contact(s, n) || trailing_digits(s, n) >= 6);
}

void kb_classify_unit(struct parse *p, struct unit *u)
{
	struct shape sh;
	measure(u->text, u->len, &sh);
	u->spaced = sh.spaced;
	u->pauses = sh.pauses;
	u->label = sh.label;
	u->dialogue = sh.dialogue;
	u->hl = 0;
	u->credit = NULL;
	if (is_jump(u->text, u->len, &sh))
		u->kind = U_JUMP;
	else if (is_media_note(u->text, u->len, &sh) ||
		 is_contribution_box(u->text, u->len, &sh))
		u->kind = U_MEDIA;
	else if (is_page_header(u->text, u->len, &sh))
		u->kind = U_HEADER;
	else if ((kb_ends(u->text, u->len, "摄") || kb_ends(u->text, u->len, "摄影")) &&
		 is_caption(p, u, &sh) && described_credit(u))
		u->kind = U_CAPTION; /* 宋振东接受本报记者专访 郑报全媒体记者 丁友明 摄 */
	else if (sh.nchars <= 80 &&
		 (!kb_is_bullet(sh.first) || spaced_after_bullet(u->text, u->len)) &&
		 kb_parse_byline(p->arena, u->text, u->len, &u->authors, &u->n_authors))
		u->kind = U_BYLINE; /* ■ 快评 木子, but ■ 记者追踪 is a label */
	else if (sh.nchars <= 40 && square_byline(p, u))
		u->kind = U_BYLINE;
	else if (is_author_note(u->text, u->len, &sh)) {
		u->kind = U_BYLINE; /* no names: it closes the piece */
		u->authors = NULL;
		u->n_authors = 0;
	}
	else if (is_caption(p, u, &sh))
		u->kind = U_CAPTION;
	else if (is_score_line(u->text, u->len, &sh)) {
		u->kind = U_BODY;
		u->sealed = true;
	} else if (is_speaker_label(u->text, u->len, &sh))
		u->kind = U_SPEAKER;
	else if (headline_shaped(&sh) && !kb_starts_dateline(u->text, u->len) &&
		 !starts_clause_item(u->text, u->len) && !kb_is_date_line(u->text, u->len) &&
		 !has_contact(u->text, u->len) && !bracket_left_open(u->text, u->len)) {
		u->kind = U_HEADLINE;
		u->hl = headline_flags(u->text, u->len, &sh);
	} else {
		u->kind = U_BODY;
		/* 咨询电话:0371-67181120 ends in its number, complete */
		u->sealed = kb_contact_line(u);
	}
}

/* A page may open, under its header lines, with the paper's masthead and
 * the page's name ("郑州日报" over "高新区新闻"): furniture, not the kicker
 * and title of the first article. Only a short paper name right under the
 * page header counts, with a short page name after it in its block. */
void kb_mark_masthead(struct parse *p)
{
	static const char *const papers[] = {"日报", "晚报", "早报", "时报", "商报",
					     "都市报", "新闻报", NULL};
	size_t i = 0;
	while (i < p->n_units && p->units[i].kind == U_HEADER)
		i++;
	if (i == 0 || i + 2 >= p->n_units)
		return;
	struct unit *m = &p->units[i];
	size_t mn = kb_nchars(m->text, m->len);
	if (m->kind != U_HEADLINE || m->spaced || mn < 3 || mn > 8 ||
	    !ends_any(m->text, m->len, papers))
		return;
	m->kind = U_HEADER;
	m->hl = 0;
	struct unit *pg = &p->units[i + 1];
	if (pg->kind == U_HEADLINE && !pg->block_start && !pg->spaced &&
	    kb_nchars(pg->text, pg->len) <= 8) {
		pg->kind = U_HEADER;
		pg->hl = 0;
	}
}
