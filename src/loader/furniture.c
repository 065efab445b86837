/* SPDX-License-Identifier: MIT */
/*
 * Page furniture: what stands on the page between the pieces of the text
 * without belonging to it. Photo captions and their credits, QR-code and
 * video notes, boxes inviting letters, the page's own header and footer,
 * jump lines (下转第三版), contact lines of notices. Decided from a unit's
 * own text and shape (classify.c measures it); context is weighed later.
 */
#include "loader.h"

#include <string.h>

/* 扫码看 视频新闻, 扫描二维码 ...: a note about a QR code or video. */
bool kb_is_media_note(const char *s, size_t n, const struct shape *sh)
{
	static const char *const words[] = {"扫码", "扫描", "二维码", "扫一扫", NULL};
	return sh->media_chars && sh->nchars <= 40 && sh->last != 0x3002 &&
	       kb_contains_any(s, n, words);
}

/* The page's own header: weekday, date and edition, the editors' names. */
bool kb_is_page_header(const char *s, size_t n, const struct shape *sh)
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
	if (sh->footer_chars && sh->stops_inside == 0 && kb_contains_any(s, n, footer))
		return true;
	if (sh->header_chars && kb_contains_any(s, n, words))
		return true;
	/* 人民日报 2019年2月15日 第3版 要闻: the day and the page (or paper) */
	return sh->stops_inside == 0 && kb_dated_header(s, n);
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
bool kb_is_jump(const char *s, size_t n, const struct shape *sh)
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
bool kb_is_caption(struct parse *p, struct unit *u, const struct shape *sh)
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

/* How many ASCII digits end the text? */
static size_t trailing_digits(const char *s, size_t n)
{
	size_t k = 0;
	while (k < n && s[n - 1 - k] >= '0' && s[n - 1 - k] <= '9')
		k++;
	return k;
}

bool kb_has_contact(const char *s, size_t n)
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
bool kb_is_contribution_box(const char *s, size_t n, const struct shape *sh)
{
	static const char *const words[] = {"邮箱", "投稿", "来稿", NULL};
	return sh->media_chars && sh->nchars <= 80 && sh->last != 0x3002 &&
	       kb_contains_any(s, n, words) && kb_has_contact(s, n);
}

/* Does a credited caption describe something before its credit, set
 * apart by a space from the credit's role (专访 郑报全媒体记者 丁友明 摄),
 * rather than being a byline with a photo mark (本报记者 张三 摄)? */
bool kb_described_credit(const struct unit *u)
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

bool kb_footer_line(const struct unit *u)
{
	struct shape sh;
	kb_measure(u->text, u->len, &sh);
	return sh.spaced && !sh.label && sh.nchars <= 60 && !sh.stops_inside &&
	       !kb_is_final(sh.last) && kb_has_contact(u->text, u->len); /* 联系人:… is a field */
}

bool kb_contact_line(const struct unit *u)
{
	const char *s = u->text;
	size_t n = u->len;
	return u->label && n && s[n - 1] >= '0' && s[n - 1] <= '9' &&
	       kb_nchars(s, n) <= 60 && (kb_has_contact(s, n) || trailing_digits(s, n) >= 6);
}

/* Photo agencies and the paper's own photo and graphics desks, as they
 * credit a picture with their name alone: the common vocabulary of Chinese
 * page layout, not any one paper's. */
static const char *const agencies[] = {
	"人民视觉", "视觉中国", "影像中国", "新华社发", "中新社发", "东方IC",
	"CFP", "IC photo", "图虫创意", "资料图片", "资料图", NULL};

/* Is s[0..n), white space ignored, one of the words (compared without
 * their white space too)? */
static bool is_word_spaced(const char *s, size_t n, const char *const *words)
{
	char buf[64], w[64];
	size_t k = 0;
	int l;
	for (const char *q = s; q < s + n; q += l) {
		uint32_t c = kb_cp_at(q, s + n, &l);
		if (kb_is_space(c))
			continue;
		if (k + (size_t)l >= sizeof(buf))
			return false;
		memcpy(buf + k, q, (size_t)l);
		k += (size_t)l;
	}
	for (; *words; words++) {
		size_t m = 0;
		for (const char *q = *words; *q && m < sizeof(w); q++)
			if (*q != ' ')
				w[m++] = *q;
		if (m == k && memcmp(buf, w, k) == 0)
			return true;
	}
	return false;
}

bool kb_is_page_credit(struct parse *p, struct unit *u, const struct shape *sh)
{
	static const char *const roles[] = {"本版制图", "制图", "图表制作", "本版设计",
					    "版式设计", "美术设计", NULL};
	const char *s = u->text;
	size_t n = u->len;
	if (sh->nchars > 24)
		return false;
	kb_trim(&s, &n);
	if (is_word_spaced(s, n, agencies)) {
		u->credit = kb_arena_strndup(p->arena, s, n);
		u->caption_len = n;
		return true;
	}
	for (size_t i = 0; roles[i]; i++) {
		if (!kb_starts(s, n, roles[i]))
			continue;
		const char *q = s + strlen(roles[i]), *e = s + n;
		int l;
		uint32_t c = q < e ? kb_cp_at(q, e, &l) : 0;
		if (c != 0xFF1A && c != ':' && !kb_is_space(c))
			return false;
		q += l;
		size_t rn = (size_t)(e - q);
		kb_trim(&q, &rn);
		struct kb_author *as;
		size_t na;
		if (!rn || !kb_parse_names(p->arena, q, rn, 4, &as, &na))
			return false;
		u->credit = kb_arena_strndup(p->arena, q, rn);
		u->caption_len = n;
		return true;
	}
	return false;
}

bool kb_photo_credit(struct kb_arena *a, const char *s, size_t n,
		     struct kb_author **authors, size_t *n_authors)
{
	int l;
	kb_trim(&s, &n);
	if (!n || kb_nchars(s, n) > 40)
		return false;
	/* （人民视觉）: the agency that distributed the photo */
	uint32_t close = kb_cp_before(s, s + n, &l);
	if (close == 0xFF09 || close == ')') {
		const char *q = s + n - l;
		int steps = 0;
		while (q > s && steps++ < 14) {
			uint32_t c = kb_cp_before(s, q, &l);
			q -= l;
			if (c == 0xFF08 || c == '(')
				break;
		}
		if (q <= s || steps >= 14)
			return false;
		n = (size_t)(q - s);
		kb_trim(&s, &n);
	}
	size_t ml = kb_ends(s, n, "摄影") ? strlen("摄影") : kb_ends(s, n, "摄") ? strlen("摄") : 0;
	if (!ml || n <= ml)
		return false;
	if (kb_parse_byline(a, s, n, authors, n_authors))
		return true;
	return kb_parse_names(a, s, n - ml, 4, authors, n_authors);
}
