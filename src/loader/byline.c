/* SPDX-License-Identifier: MIT */
/*
 * Bylines: who wrote or photographed an article. A byline is a short run of
 * role words (记者, 本报记者, 郑报全媒体记者, 通讯员, 实习生 ...) each followed by
 * names, with credit marks (文/图, 摄, 报道) allowed anywhere; it stands as its
 * own block, over two lines, or inside a dateline: 本报讯(郑报全媒体记者 张昕),
 * 新华社北京3月5日电（记者 张三、李四）. A role must come before the first
 * name, so a caption credit ("张三 摄") or a speaker label is never taken for
 * a byline.
 */
#include "loader.h"

#include <string.h>

#define MAX_AUTHORS 64

/* Words that end a role printed before names. */
static const char *const role_suffixes[] = {
	"记者", "通讯员", "实习生", "评论员", "撰稿人", "撰稿", "摄影师", "编辑",
	"特约作者", "见习生", "读者", NULL};

/* Roles that stand as whole words. */
static const char *const role_words[] = {
	"摄影", "摄像", "撰文", "执笔", "文字", "图片", "视频", "策划", "统筹",
	"制作", "设计", "作者", "读者", "快评", "时评", "短评", "锐评", "社评", "文", "图", "文/图", "图/文", "文图", "图文",
	"文·图", NULL};

/* Credit marks that may follow the names and carry no name themselves. */
static const char *const credit_words[] = {
	"文/图", "图/文", "文图", "图文", "文·图", "文", "图", "摄", "摄影", "报道",
	"整理", "绘", "制图", "文并摄", "摄像", "供图", "综合报道", "摄影报道",
	"联合报道", "图片报道", NULL};

static bool word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(s, *words, n) == 0)
			return true;
	return false;
}

bool kb_is_role(const char *s, size_t n)
{
	if (word_in(s, n, role_words))
		return true;
	size_t chars = 0;
	const char *e = s + n;
	int l;
	for (const char *q = s; q < e; q += l) {
		uint32_t c = kb_cp_at(q, e, &l);
		/* a middle dot joins a paper and its channel: 大河报·豫视频记者 */
		if (!kb_is_han(c) && !((c == 0x00B7 || c == 0x30FB) && q > s && q + l < e))
			return false;
		chars++;
	}
	if (chars > 14)
		return false;
	for (size_t i = 0; role_suffixes[i]; i++)
		if (kb_ends(s, n, role_suffixes[i]))
			return true;
	return false;
}

struct acc {
	struct kb_arena *arena;
	struct kb_author list[MAX_AUTHORS];
	size_t n;
	const char *role;
	size_t role_len;
	bool had_role;
};

static bool add_name(struct acc *a, const char *s, size_t n)
{
	if (!a->role || a->n == MAX_AUTHORS)
		return false;
	a->list[a->n].role = kb_arena_strndup(a->arena, a->role, a->role_len);
	a->list[a->n].name = kb_arena_strndup(a->arena, s, n);
	a->n++;
	return true;
}

static void set_role(struct acc *a, const char *s, size_t n)
{
	a->role = s;
	a->role_len = n;
	a->had_role = true;
}

/* Nouns that follow a role word without being a name: 本报评论员文章. */
static const char *const not_names[] = {"文章", "报道", "综述", "述评", "来信", "专栏",
					"手记", "观察", "评论", "同志", "先生", "女士", "朋友",
					"们", NULL};

/* Does s[0..n) start with a role suffix word glued to a name (记者张三)? */
static bool glued_role(const char *s, size_t n)
{
	for (size_t i = 0; role_suffixes[i]; i++) {
		size_t sl = strlen(role_suffixes[i]);
		if (sl < n && memcmp(s, role_suffixes[i], sl) == 0 && kb_is_name(s + sl, n - sl))
			return true;
	}
	return false;
}

/* One token of a byline: a role, a name, a credit mark, or a role glued to
 * its name (记者张三, 文/张三). False when the token is none of these. */
static bool take_token(struct acc *a, const char *s, size_t n)
{
	/* a role; a credit mark after names (文/图, 摄影) is taken as a role
	 * too: harmless when no name follows, right when one does */
	if (kb_is_role(s, n)) {
		set_role(a, s, n);
		return true;
	}
	if (word_in(s, n, credit_words) || kb_starts(s, n, "发自"))
		return true;
	/* 文/张三, 文／张三: a credit, a slash, a name */
	size_t sl = 1;
	const char *slash = memchr(s, '/', n);
	const char *fw = kb_find(s, n, "／");
	if (fw && (!slash || fw < slash)) {
		slash = fw;
		sl = strlen("／");
	}
	if (slash && slash > s && (size_t)(slash - s) + sl < n) {
		size_t left = (size_t)(slash - s);
		if (kb_is_role(s, left) && kb_is_name(slash + sl, n - left - sl)) {
			set_role(a, s, left);
			return add_name(a, slash + sl, n - left - sl);
		}
	}
	/* 记者何雯报道, 新华社记者 潘昱龙摄: a credit mark glued after the
	 * name (before the name test: 潘昱龙摄 is four Han characters, but no
	 * name ends in 摄 or 报道) */
	static const char *const tails[] = {"报道", "摄", NULL};
	for (size_t i = 0; tails[i]; i++) {
		size_t tl = strlen(tails[i]);
		if (n > tl + 3 && kb_ends(s, n, tails[i]))
			return take_token(a, s, n - tl);
	}
	/* 殷新宇文 中白工业园区开发公司供图: a three-character name glued to
	 * 文 (text by) as the photo's credit follows; 张博文 stays a name */
	if (n == 12 && kb_ends(s, n, "文") && a->role && kb_is_name(s, 9))
		return add_name(a, s, 9);
	if (kb_is_name(s, n) && !glued_role(s, n))
		return add_name(a, s, n);
	/* 中白工业园区开发公司供图: an organisation credited for the photo
	 * names no person */
	if (kb_ends(s, n, "供图") && kb_nchars(s, n) <= 16)
		return a->role != NULL;
	/* 记者张三: a role word glued to the name */
	for (size_t i = 0; role_suffixes[i]; i++) {
		const char *suf = role_suffixes[i];
		size_t sl = strlen(suf);
		/* the name after the role: 2 to 4 Han characters (6, 9, 12
		 * bytes), or up to 12 with middle dots (their 2-byte dots make
		 * the length odd-sized: try every length up to 36 then) */
		bool dotted = memchr(s, 0xC2, n) != NULL;
		for (size_t nl = 6; nl <= (dotted ? 36u : 12u) && nl + sl < n + 1; nl += dotted ? 1 : 3) {
			size_t k = n - nl - sl;
			if (nl + sl > n || memcmp(s + k, suf, sl) != 0)
				continue;
			size_t rl = k + sl;
			if (kb_is_role(s, rl) && kb_is_name(s + rl, n - rl) &&
			    !word_in(s + rl, n - rl, not_names)) {
				set_role(a, s, rl);
				return add_name(a, s + rl, n - rl);
			}
		}
	}
	return false;
}

/* Separators between byline tokens: white space, 、 ，, ： : and brackets. */
static bool is_sep(uint32_t c)
{
	return kb_is_space(c) || c == 0x3001 || c == 0xFF0C || c == ',' ||
	       c == 0xFF1A || c == ':' || kb_is_opener(c) || kb_is_closer(c) ||
	       kb_is_bullet(c);
}

/* The next token of a byline in [*q, e): skips separators, sets *len, and
 * returns its start (NULL at the end). */
static const char *next_token(const char **q, const char *e, size_t *len)
{
	int l;
	while (*q < e && is_sep(kb_cp_at(*q, e, &l)))
		*q += l;
	const char *t = *q;
	while (*q < e && !is_sep(kb_cp_at(*q, e, &l)))
		*q += l;
	*len = (size_t)(*q - t);
	return *len ? t : NULL;
}

/* □林远, □张三 李四: the hollow square glued to one to three names, no role
 * word, as commentaries sign. (■ 简讯, with its space, is a label.) Adds
 * the names with an empty role. */
static bool bulleted_names(struct acc *a, const char *s, size_t n)
{
	const char *e = s + n;
	int l;
	if (kb_cp_at(s, e, &l) != 0x25A1 || s + l >= e || !kb_is_han(kb_cp_at(s + l, e, &l)))
		return false;
	l = 3; /* □ is three bytes */
	const char *q = s + l;
	a->role = "";
	a->role_len = 0;
	a->n = 0;
	const char *t;
	size_t tn;
	while ((t = next_token(&q, e, &tn))) {
		if (!kb_is_name(t, tn) || a->n == 3)
			return false;
		add_name(a, t, tn);
	}
	return a->n > 0;
}

/* One Han character that is no role or credit word on its own. */
static bool lone_han(const char *s, size_t n)
{
	int l;
	return n == 3 && kb_is_han(kb_cp_at(s, s + n, &l)) && !word_in(s, n, role_words) &&
	       !word_in(s, n, credit_words);
}

/* 孙  振, 李　　浩: a two-character name padded with white space to the
 * width of three, as names are set in print. When t[0..tn) is one Han
 * character and the next token is one too, they are one name: *name gets
 * it (arena) and *q moves past the second. */
static bool padded_name(struct acc *a, const char *t, size_t tn, const char **q,
			const char *e, const char **name, size_t *name_len)
{
	if (!lone_han(t, tn))
		return false;
	const char *q2 = *q;
	size_t tn2;
	const char *t2 = next_token(&q2, e, &tn2);
	if (!t2 || !lone_han(t2, tn2))
		return false;
	/* only white space between them, no 、 or bracket */
	int l;
	for (const char *r = t + tn; r < t2; r += l)
		if (!kb_is_space(kb_cp_at(r, t2, &l)))
			return false;
	char *nm = kb_arena_alloc(a->arena, 7);
	memcpy(nm, t, 3);
	memcpy(nm + 3, t2, 3);
	nm[6] = '\0';
	*name = nm;
	*name_len = 6;
	*q = q2;
	return true;
}

bool kb_parse_names(struct kb_arena *arena, const char *s, size_t n, size_t max,
		    struct kb_author **authors, size_t *n_authors)
{
	struct acc a;
	a.arena = arena;
	a.n = 0;
	a.role = "";
	a.role_len = 0;
	a.had_role = false;
	kb_trim(&s, &n);
	const char *e = s + n, *q = s, *t;
	size_t tn;
	while ((t = next_token(&q, e, &tn))) {
		const char *pt;
		size_t ptn;
		if (a.n == max)
			return false;
		if (padded_name(&a, t, tn, &q, e, &pt, &ptn))
			add_name(&a, pt, ptn);
		else if (kb_is_name(t, tn) && !glued_role(t, tn) &&
			 (kb_nchars(t, tn) <= 3 || memchr(t, 0xC2, tn)))
			add_name(&a, t, tn); /* without a role, no four-character words */
		else
			return false;
	}
	/* names are set apart by white space, 、 or ， only: （以下简称《意见》）
	 * is no list of names */
	int l;
	for (const char *r = s; r < e; r += l) {
		uint32_t c = kb_cp_at(r, e, &l);
		if (kb_is_punct(c) && !kb_is_space(c) && c != 0x3001 && c != 0xFF0C && c != 0x00B7 &&
		    c != 0x30FB)
			return false;
	}
	if (!a.n)
		return false;
	*authors = kb_arena_alloc(arena, a.n * sizeof(struct kb_author));
	memcpy(*authors, a.list, a.n * sizeof(struct kb_author));
	*n_authors = a.n;
	return true;
}

bool kb_parse_byline(struct kb_arena *arena, const char *s, size_t n,
		     struct kb_author **authors, size_t *n_authors)
{
	kb_trim(&s, &n);
	if (n == 0 || kb_nchars(s, n) > 80)
		return false;
	int l;
	uint32_t last = kb_cp_before(s, s + n, &l);
	if (last == 0xFF1A || last == ':')
		return false; /* 编辑同志： opens a letter, it signs nothing */
	/* 文/沈一帆（作者系市社会科学院研究员）: the note on the author goes */
	if (last == 0xFF09 || last == ')') {
		const char *open = NULL;
		for (const char *q = s; q < s + n; q += l) {
			uint32_t c = kb_cp_at(q, s + n, &l);
			if (c == 0xFF08 || c == '(')
				open = q;
		}
		if (open && open > s && (kb_find(open, (size_t)(s + n - open), "作者") ||
					 kb_find(open, (size_t)(s + n - open), "系")))
			n = (size_t)(open - s);
	}
	struct acc a;
	a.arena = arena;
	a.n = 0;
	a.role = NULL;
	a.role_len = 0;
	a.had_role = false;
	const char *e = s + n, *q = s, *t;
	size_t tn;
	while ((t = next_token(&q, e, &tn))) {
		const char *pt;
		size_t ptn;
		if (a.role && padded_name(&a, t, tn, &q, e, &pt, &ptn)) {
			add_name(&a, pt, ptn);
			continue;
		}
		if (!take_token(&a, t, tn)) {
			a.had_role = false;
			a.n = 0;
			break;
		}
	}
	if (!a.had_role && bulleted_names(&a, s, n))
		a.had_role = true;
	if (!a.had_role || a.n == 0)
		return false;
	*authors = kb_arena_alloc(arena, a.n * sizeof(struct kb_author));
	memcpy(*authors, a.list, a.n * sizeof(struct kb_author));
	*n_authors = a.n;
	return true;
}

bool kb_parse_inline_byline(struct kb_arena *arena, const char *s, size_t n,
			    struct kb_author **authors, size_t *n_authors)
{
	if (!kb_starts_dateline(s, n))
		return false;
	const char *e = s + n, *q = s;
	int l;
	/* past the dateline word (it ends in 讯 or 电) to the bracket that
	 * opens the byline, with only white space between */
	const char *relay = kb_relay_dateline(s, n);
	while (!relay && q < e) {
		uint32_t c = kb_cp_at(q, e, &l);
		q += l;
		if (c == 0x8BAF || c == 0x7535)
			break;
	}
	if (relay)
		q = relay;
	while (q < e && kb_is_space(kb_cp_at(q, e, &l)))
		q += l;
	if (q < e && kb_cp_at(q, e, &l) != 0xFF08 && *q != '(') {
		/* 本报讯 记者张三报道：… — a run ending in 报道 before the text */
		const char *b = q;
		while (q < e && q - b < 120) {
			uint32_t c = kb_cp_at(q, e, &l);
			if ((kb_is_space(c) && kb_ends(b, (size_t)(q - b), "报道")) ||
			    kb_is_pause(c) || kb_is_final(c))
				break;
			q += l;
		}
		if (q - b > 120 || !kb_ends(b, (size_t)(q - b), "报道"))
			return false;
		return kb_parse_byline(arena, b, (size_t)(q - b), authors, n_authors);
	}
	if (q >= e)
		return false;
	uint32_t open = kb_cp_at(q, e, &l);
	q += l;
	const char *b = q;
	while (q < e) {
		uint32_t c = kb_cp_at(q, e, &l);
		if ((open == 0xFF08 && c == 0xFF09) || (open == '(' && c == ')') ||
		    c == 0xFF09 || c == ')')
			break;
		if (q - b > 300)
			return false;
		q += l;
	}
	if (q >= e)
		return false;
	/* 本报杭州5月11日电  （祝倩）: the dateline's bracket names its
	 * reporters, with or without their role */
	return kb_parse_byline(arena, b, (size_t)(q - b), authors, n_authors) ||
	       kb_parse_names(arena, b, (size_t)(q - b), 4, authors, n_authors);
}

bool kb_parse_trailing_byline(struct kb_arena *arena, const char *s, size_t n,
			      struct kb_author **authors, size_t *n_authors,
			      size_t *cut)
{
	const char *e = s + n;
	int l;
	kb_trim(&s, &n);
	e = s + n;
	if (n < 6)
		return false;
	uint32_t close = kb_cp_before(s, e, &l);
	uint32_t open = close == 0xFF09 ? 0xFF08 : close == ')' ? '(' : 0;
	if (!open)
		return false;
	const char *inner_end = e - l, *q = inner_end;
	int steps = 0;
	while (q > s && steps++ < 40) {
		uint32_t c = kb_cp_before(s, q, &l);
		if (c == open)
			break;
		q -= l;
	}
	if (q <= s || steps >= 40)
		return false;
	const char *opener = q - l;
	if (!kb_parse_byline(arena, q, (size_t)(inner_end - q), authors, n_authors))
		return false;
	*cut = (size_t)(opener - s);
	return true;
}
