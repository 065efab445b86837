/* SPDX-License-Identifier: MIT */
/*
 * Internal interface of the loader: the units it classifies (a blank-line
 * separated block of the page, or one line of a block), their kinds, and the
 * passes that turn them into an edition: split (blocks.c), classify
 * (classify.c, byline.c), join broken paragraphs (join.c), group into
 * articles (group.c). Text is valid UTF-8 throughout.
 */
#ifndef KANBAO_LOADER_H
#define KANBAO_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kanbao/edition.h"
#include "kanbao/util.h"

/* ---- characters (utf8.c) ---- */

/* Decode the code point at s (valid UTF-8, s < end); *len gets its size.
 * Inline: it runs once per character of every edition. */
static inline uint32_t kb_cp_at(const char *s, const char *end, int *len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t avail = (size_t)(end - s);
	if (p[0] < 0x80 || avail < 2) {
		*len = 1;
		return p[0];
	}
	if (p[0] < 0xE0) {
		*len = 2;
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	}
	if (p[0] < 0xF0 || avail < 4) {
		if (avail < 3) {
			*len = 1;
			return 0xFFFD;
		}
		*len = 3;
		return ((uint32_t)(p[0] & 0x0F) << 12) | ((uint32_t)(p[1] & 0x3F) << 6) |
		       (p[2] & 0x3F);
	}
	*len = 4;
	return ((uint32_t)(p[0] & 0x07) << 18) | ((uint32_t)(p[1] & 0x3F) << 12) |
	       ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
}

/* The code point ending just before end (s <= start of it); *len its size. */
uint32_t kb_cp_before(const char *start, const char *end, int *len);
bool kb_is_han(uint32_t c);
/* White space, including the ideographic space U+3000 and NBSP. */
static inline bool kb_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == 0x3000 || c == 0xA0 || c == 0x2002 ||
	       c == 0x2003 || c == 0x2009 || c == 0x202F || c == 0xFEFF;
}

/* 。！？!?… and the full stop: a sentence may end here. */
bool kb_is_final(uint32_t c);
/* ，、；：,;: : a sentence goes on after this. Inline: measured per
 * character of every unit. */
static inline bool kb_is_pause(uint32_t c)
{
	switch (c) {
	case 0xFF0C: /* ， */
	case 0x3001: /* 、 */
	case 0xFF1B: /* ； */
	case 0xFF1A: /* ： */
	case ',':
	case ';':
	case ':':
		return true;
	default:
		return false;
	}
}

/* ”’」』）)】》〉" ' : closes a quote or bracket. */
bool kb_is_closer(uint32_t c);
/* “‘「『（(【《〈 : opens a quote or bracket. */
bool kb_is_opener(uint32_t c);
/* Any punctuation, ASCII or CJK. */
bool kb_is_punct(uint32_t c);
/* Bullets that mark a page label or kicker: ■□●◆◇★☆▲△▶►※. */
bool kb_is_bullet(uint32_t c);
/* Chinese numerals 一..十 as 1..10, else 0. */
int kb_cn_digit(uint32_t c);
/* s[0..n) with leading and trailing white space removed (pointers into s). */
void kb_trim(const char **s, size_t *n);
/* Does s[0..n) start with the UTF-8 string p? */
bool kb_starts(const char *s, size_t n, const char *p);
bool kb_ends(const char *s, size_t n, const char *p);
/* The first occurrence of the string w in s[0..n), or NULL. */
const char *kb_find(const char *s, size_t n, const char *w);
/* Number of code points in s[0..n), white space excluded. */
size_t kb_nchars(const char *s, size_t n);
/* Is s[0..n) a personal name: 2-4 Han characters, or Han parts joined by
 * the middle dot (少数民族 names), at most 12 characters? */
bool kb_is_name(const char *s, size_t n);

/* Does s[0..n) contain / end with any of the NULL-ended words? */
bool kb_contains_any(const char *s, size_t n, const char *const *words);
bool kb_ends_any(const char *s, size_t n, const char *const *words);

/* ---- units ---- */

enum unit_kind {
	U_BODY,     /* body text: a paragraph or part of one */
	U_HEADLINE, /* a headline-shaped line: kicker, title, subtitle, heading */
	U_SPEAKER,  /* role + name label heading a speech or interview answer */
	U_BYLINE,   /* 记者 张三 通讯员 李四 文/图 */
	U_CAPTION,  /* photo caption, maybe with a credit */
	U_MEDIA,    /* 扫码看 视频新闻 */
	U_HEADER,   /* page header: date, weekday, editors */
	U_JUMP,     /* 下转第三版 */
};

/* Captions, media notes, page headers and jump lines: page furniture that
 * stands between the pieces of the text without belonging to it. */
static inline bool kb_is_extra_kind(enum unit_kind k)
{
	return k == U_CAPTION || k == U_MEDIA || k == U_HEADER || k == U_JUMP;
}

/* Shape of a headline-kind unit, for kicker/title/subtitle assignment. */
enum {
	HL_DASH = 1,   /* starts with —— : a subtitle */
	HL_LABEL = 2,  /* ■ 相关新闻 : a section label, used as kicker */
	HL_SERIES = 4, /* ends with (一) (上) : a series marker of a subtitle */
	HL_NOTICE = 8, /* 遗失声明, 更名公告, 寻人启事 : a notice, its own item */
	HL_SECTION = 16, /* a section head set like the text (lineparas.c) */
};

struct unit {
	const char *text; /* trimmed text; for a block-level unit lines are
			   * joined by '\n'; owned by the parse arena */
	size_t len;
	size_t line;       /* 1-based line of the unit's start */
	enum unit_kind kind;
	unsigned hl;       /* HL_* flags for U_HEADLINE */
	bool block_start;  /* first unit of its blank-line block */
	bool indented;     /* the source line started with white space */
	bool gone;         /* merged into another unit by join.c */
	bool under_head;   /* body unit right under a headline or heading */
	bool sealed;       /* complete as it stands (a signature): never joined */
	bool spaced;       /* white space inside, between printed characters */
	size_t pauses;     /* pause marks (，、：) inside, a label's colon aside */
	bool label;        /* starts with a short label and a colon (市民：…) */
	bool dialogue;     /* starts with a one-character label (问：答：) */
	const char *credit; /* caption credit (arena), or NULL */
	size_t caption_len; /* a credited caption's text without the credit */
	struct kb_author *authors; /* parsed byline (arena) */
	size_t n_authors;
};

/* The state of one parse: units and the arena everything lives in. */
struct parse {
	struct kb_arena *arena;
	struct unit *units;
	size_t n_units, cap_units;
	bool indent_style; /* the edition marks paragraph starts by indenting */
	bool line_paras;   /* ... and sets every paragraph whole on one line */
	size_t first_line; /* line number of the text's first line (after a header) */
};

/* ---- what a unit is, from its own text (classify.c, furniture.c,
 * dateline.c) ---- */

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

/* Measure s[0..n) into sh. */
void kb_measure(const char *s, size_t n, struct shape *sh);
/* 扫码看 视频新闻: a note about a QR code or video. */
bool kb_is_media_note(const char *s, size_t n, const struct shape *sh);
/* The page's own header (weekday, date, editors) or footer (广告热线). */
bool kb_is_page_header(const char *s, size_t n, const struct shape *sh);
/* A jump line: 下转第三版, (上接A2版), 相关报道见第四版. */
bool kb_is_jump(const char *s, size_t n, const struct shape *sh);
/* A photo caption; sets u->credit and u->caption_len when it is credited. */
bool kb_is_caption(struct parse *p, struct unit *u, const struct shape *sh);
/* Does a credited caption describe something before its credit's role? */
bool kb_described_credit(const struct unit *u);
/* 欢迎读者来信来稿 邮箱：…: a box inviting letters. */
bool kb_is_contribution_box(const char *s, size_t n, const struct shape *sh);
/* A telephone number (seven digits in a row) or an e-mail address. */
bool kb_has_contact(const char *s, size_t n);
/* 一是…, 第一，…: a list item that is a clause of running text. */
bool kb_starts_clause_item(const char *s, size_t n);

/* Is s[0..n) of measure sh shaped like a headline line (kicker, title,
 * subtitle, heading): short, no sentence in it, no dateline or list clause,
 * no date, contact or open bracket? */
bool kb_headline_text(const char *s, size_t n, const struct shape *sh);
/* HL_* flags of a headline line. */
unsigned kb_headline_flags(const char *s, size_t n, const struct shape *sh);
/* 制图：王婷, 本版制图：蔡华伟, 人民视觉: a credit for the page's graphics
 * or an agency's photos standing alone (sets u->credit). */
bool kb_is_page_credit(struct parse *p, struct unit *u, const struct shape *sh);
/* 王炳真摄（人民视觉）, 新华社记者  潘昱龙摄: a photo credit standing alone;
 * authors set to the photographers. */
bool kb_photo_credit(struct kb_arena *a, const char *s, size_t n,
		     struct kb_author **authors, size_t *n_authors);
/* （本报东京10月14日电）, （本报…电 记者屈佩、黄云迪）: a report's
 * dateline set at its end in brackets, maybe naming its reporters. */
bool kb_dateline_note(struct kb_arena *a, const char *s, size_t n,
		      struct kb_author **authors, size_t *n_authors);

/* Split text into units (blocks.c). */
void kb_split_units(struct parse *p, const char *text, size_t len);
/* Classify one unit's text (classify.c); sets kind, hl, credit, authors. */
void kb_classify_unit(struct parse *p, struct unit *u);
/* Is the unit a body unit whose last sentence is unfinished? */
bool kb_unit_open(const struct unit *u);
/* 咨询电话:0371-67181120, 来信地址:… 邮编:450046: a labelled contact line,
 * complete where it ends in its number. */
bool kb_contact_line(const struct unit *u);
/* 郑州报业集团广告中心 承接各类公告 电话:0371-…: segments set apart by
 * spaces, a phone number, no sentence: a footer when it ends the page. */
bool kb_footer_line(const struct unit *u);
/* Does the body text start a paragraph beyond doubt: a dateline (本报讯,
 * 新华社…电) or a list marker (一是 （一） 1.)? */
/* The paper's masthead and page name under the page header: furniture. */
void kb_mark_masthead(struct parse *p);
bool kb_starts_dateline(const char *s, size_t n);
/* 据…消息（: just past 消息 when s opens a relayed report's dateline, or NULL */
const char *kb_relay_dateline(const char *s, size_t n);
/* 据《经济日报》报道， 据新华社消息，: a report relayed from another outlet.
 * Opens a story only right under a headline: inside one it is a sentence. */
bool kb_relay_report(const char *s, size_t n);
bool kb_starts_list_item(const char *s, size_t n);

/* Parse a byline block (byline.c): true and authors set when s[0..n) is one. */
bool kb_parse_byline(struct kb_arena *a, const char *s, size_t n,
		     struct kb_author **authors, size_t *n_authors);
/* Is s[0..n) a role: a role word, or up to 14 characters ending in a role
 * suffix (记者, 评论员 …) with no digits or punctuation in it but a joining
 * middle dot? */
bool kb_is_role(const char *s, size_t n);
/* 郑  彦, 王浩、李明: names alone, no role (padded single characters
 * joined: 孙  振 is 孙振); true and authors (role "") set when s is only
 * that, one to max names. */
bool kb_parse_names(struct kb_arena *a, const char *s, size_t n, size_t max,
		    struct kb_author **authors, size_t *n_authors);
/* Parse the byline inside a dateline at the start of a paragraph, as in
 * 本报讯(郑报全媒体记者 张昕): true and authors set when there is one. */
bool kb_parse_inline_byline(struct kb_arena *a, const char *s, size_t n,
			    struct kb_author **authors, size_t *n_authors);

/* A byline in brackets closing a paragraph: "…公益讲座等活动。（记者 韩静）".
 * True and authors set when there is one; *cut gets the length of the text
 * before the bracket (s is trimmed first; *cut counts from the trimmed s). */
bool kb_parse_trailing_byline(struct kb_arena *a, const char *s, size_t n,
			      struct kb_author **authors, size_t *n_authors,
			      size_t *cut);
/* Is s[0..n) a date alone, as under a notice: 2022年3月4日, 2022.3.4? */
bool kb_is_date_line(const char *s, size_t n);

/* Pages that set each paragraph whole on one indented line (lineparas.c):
 * is this one of them, and reading its lines by their indent. */
bool kb_detect_line_paragraphs(const char *text, size_t len);
void kb_read_line_paragraphs(struct parse *p);

/* ---- what the file's path and the page's header say of the edition
 * (filename.c, pagehead.c) ---- */

/* The years a date may fall in: a run of 8 digits is a date only then. */
#define KB_YEAR_MIN 1850
#define KB_YEAR_MAX 2100

/* An edition's metadata from one source; each NULL when it says nothing.
 * The strings live in the arena given (or are static). */
struct kb_meta {
	const char *paper; /* 人民日报 */
	const char *date;  /* YYYY-MM-DD, a real calendar day */
	const char *page;  /* "3" (no leading zeros), "A05" */
	const char *title; /* the page's name: 要闻 (page headers only) */
};

/* What the path says: the date from the base name or, when it has none,
 * from the directories (2019-02-15/, 2019/02/15/); the page (p03, 第2版,
 * 第二版, A05版); the paper (a known code, or a Han name before the date). */
void kb_meta_from_path(struct kb_arena *a, const char *path, struct kb_meta *m);
/* What the page's header says (人民日报 2019年2月15日 星期五 第3版 要闻):
 * read from the page-header extras of ed above its first article. */
void kb_meta_from_page_header(struct kb_arena *a, const struct kb_edition *ed,
			      struct kb_meta *m);
/* Is y-m-d a day of the calendar, in KB_YEAR_MIN..KB_YEAR_MAX? */
bool kb_calendar_date(int y, int m, int d);
/* The first date in s[0..n): YYYYMMDD standing apart from other digits,
 * YYYY-M-D (or _ .), YYYY年M月D日; a real day only. out gets it as
 * YYYY-MM-DD, [*start, *end) its place in s. */
bool kb_find_date(const char *s, size_t n, size_t *start, size_t *end, char out[11]);
/* A Chinese number of up to four characters (二, 十二, 二十三, 一〇), 0 if
 * s[0..n) is none. */
int kb_cn_number(const char *s, size_t n);
/* The paper a well-known pinyin code stands for (rmrb: 人民日报, any case),
 * or NULL. */
const char *kb_paper_of_code(const char *s, size_t n);
/* Is s[0..n) a paper's name: 3 to 12 Han characters ending in 报, and not
 * a word like 简报 or 通报? */
bool kb_paper_name(const char *s, size_t n);
/* A page as printed between 第 and 版 or alone: digits (leading zeros
 * dropped, 0 is none), a section letter and digits (A05), or a Chinese
 * number (二, as 2). False if s[0..n) is none; else out gets the page. */
#define KB_PAGE_MAX 16
bool kb_page_mark(const char *s, size_t n, char out[KB_PAGE_MAX]);
/* 人民日报 2019年2月15日 第3版 要闻: a line of at most eight words, none
 * ending a sentence, with a date of its own and a page's mark or a paper's
 * name: a page header even without a weekday or an editor. */
bool kb_dated_header(const char *s, size_t n);

/* Rejoin paragraphs broken across columns (join.c). */
void kb_join_units(struct parse *p);
/* Group units into the articles and extras of ed (group.c). */
void kb_group_units(struct parse *p, struct kb_edition *ed);

#endif
