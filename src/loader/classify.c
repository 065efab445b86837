/* SPDX-License-Identifier: MIT */
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

/* Measure the counts above over s[0..n). */
void kb_measure(const char *s, size_t n, struct shape *sh)
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


static bool bracket_left_open(const char *s, size_t n);

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

bool kb_headline_text(const char *s, size_t n, const struct shape *sh)
{
	return headline_shaped(sh) && !kb_starts_dateline(s, n) && !kb_starts_clause_item(s, n) &&
	       !kb_is_date_line(s, n) && !kb_has_contact(s, n) && !bracket_left_open(s, n);
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
	return kb_ends_any(s, n, words);
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

unsigned kb_headline_flags(const char *s, size_t n, const struct shape *sh)
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
	if (kb_ends_any(s, n, series))
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


void kb_classify_unit(struct parse *p, struct unit *u)
{
	struct shape sh;
	kb_measure(u->text, u->len, &sh);
	u->spaced = sh.spaced;
	u->pauses = sh.pauses;
	u->label = sh.label;
	u->dialogue = sh.dialogue;
	u->hl = 0;
	u->credit = NULL;
	if (kb_is_jump(u->text, u->len, &sh))
		u->kind = U_JUMP;
	else if (kb_is_media_note(u->text, u->len, &sh) ||
		 kb_is_contribution_box(u->text, u->len, &sh))
		u->kind = U_MEDIA;
	else if (kb_is_page_header(u->text, u->len, &sh))
		u->kind = U_HEADER;
	else if (kb_is_page_credit(p, u, &sh))
		u->kind = U_CAPTION; /* 制图：王婷, 人民视觉 */
	else if ((kb_ends(u->text, u->len, "摄") || kb_ends(u->text, u->len, "摄影")) &&
		 kb_is_caption(p, u, &sh) && kb_described_credit(u))
		u->kind = U_CAPTION; /* 宋振东接受本报记者专访 郑报全媒体记者 丁友明 摄 */
	else if (sh.nchars <= 80 &&
		 (!kb_is_bullet(sh.first) || spaced_after_bullet(u->text, u->len)) &&
		 kb_parse_byline(p->arena, u->text, u->len, &u->authors, &u->n_authors))
		u->kind = U_BYLINE; /* ■ 快评 木子, but ■ 记者追踪 is a label */
	else if (sh.nchars <= 40 && square_byline(p, u))
		u->kind = U_BYLINE;
	else if (is_author_note(u->text, u->len, &sh) ||
		 kb_dateline_note(p->arena, u->text, u->len, &u->authors, &u->n_authors)) {
		u->kind = U_BYLINE; /* it closes the piece, naming its reporters or none */
		if (is_author_note(u->text, u->len, &sh)) {
			u->authors = NULL;
			u->n_authors = 0;
		}
	}
	else if (kb_is_caption(p, u, &sh))
		u->kind = U_CAPTION;
	else if (is_score_line(u->text, u->len, &sh)) {
		u->kind = U_BODY;
		u->sealed = true;
	} else if (is_speaker_label(u->text, u->len, &sh))
		u->kind = U_SPEAKER;
	else if (kb_headline_text(u->text, u->len, &sh)) {
		u->kind = U_HEADLINE;
		u->hl = kb_headline_flags(u->text, u->len, &sh);
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
	    !kb_ends_any(m->text, m->len, papers))
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
