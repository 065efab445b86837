/* SPDX-License-Identifier: MIT */
/*
 * A parsed edition: the articles of one newspaper page, in page order, and the
 * page's extras (captions, media notes, headers, jump lines). This is what
 * `kanbao parse --json` prints (shared/PARSE-SCHEMA.md) and what the store keeps.
 */
#ifndef KANBAO_EDITION_H
#define KANBAO_EDITION_H

#include <stddef.h>

#include "kanbao/decode.h"
#include "kanbao/status.h"

enum kb_block_type {
	KB_BLOCK_PARAGRAPH, /* one logical paragraph, column breaks rejoined */
	KB_BLOCK_HEADING,   /* an in-article section heading or speaker label */
};

enum kb_extra_type {
	KB_EXTRA_CAPTION,     /* photo caption; credit holds the photographer */
	KB_EXTRA_MEDIA_NOTE,  /* 扫码看 视频新闻 and the like */
	KB_EXTRA_PAGE_HEADER, /* date, weekday, editors of the page */
	KB_EXTRA_JUMP,        /* 下转第三版, 上接第一版 */
};

struct kb_author {
	const char *role; /* the word printed before the name: 记者, 通讯员 ... */
	const char *name;
};

struct kb_block {
	enum kb_block_type type;
	const char *text; /* UTF-8, no line breaks inside a paragraph */
	size_t line;      /* 1-based line of the block's first part in the file */
};

struct kb_article {
	const char *kicker;   /* 引题, or NULL */
	const char *title;    /* main headline; "" when the page lost it */
	const char *subtitle; /* 副题, or NULL */
	struct kb_author *authors;
	size_t n_authors;
	struct kb_block *blocks;
	size_t n_blocks;
	size_t line; /* 1-based line where the article starts */
};

struct kb_extra {
	enum kb_extra_type type;
	const char *text;
	const char *credit; /* photographer of a caption, or NULL */
	size_t line;
};

/* Every pointer inside is owned by the edition and freed with it. The
 * metadata comes from the edition header first, then from the page's own
 * header line (人民日报 2019年2月15日 星期五 第3版 要闻), then from the file's
 * path (rmrb_20190215_p03.txt, 2019/02/15/03.txt, 郑州日报_2021年02月27日_第2版). */
struct kb_edition {
	const char *source;   /* path as given, or NULL */
	const char *encoding; /* as detected by the decoder */
	const char *title;    /* the page's name (要闻) from either header, or NULL */
	const char *date;     /* YYYY-MM-DD, a real calendar day, or NULL */
	const char *page;     /* "3" (no leading zeros; 第三版 is "3") or "A05", or NULL */
	const char *paper;    /* the newspaper's name, or NULL (never made up from a word) */
	struct kb_article *articles;
	size_t n_articles;
	struct kb_extra *extras;
	size_t n_extras;
	struct kb_arena *arena; /* owns everything above */
};

/* Parse decoded text (valid UTF-8, LF line ends). source may be NULL; the
 * result is never NULL (an empty text gives an edition without articles).
 * Caller destroys.
 *
 * The text may start with an edition header, lines between two "---" lines:
 *     ---
 *     paper: 郑州日报
 *     date: 2021-02-27
 *     page: 2
 *     title: 要闻
 *     ---
 * Known keys fill the edition's metadata (over what the file name says);
 * the header is not part of the page's text. */
struct kb_edition *kb_edition_parse(const char *text, size_t len,
				    const char *source);

/* Read, decode and parse the file at path. On success *out is set (caller
 * destroys); warnings of the decoder go to warn. */
enum kb_status kb_edition_load(const char *path, struct kb_edition **out,
			       kb_warn_fn warn, void *ctx);

void kb_edition_destroy(struct kb_edition *ed);

/* The schema names of the types: "paragraph", "heading", "caption",
 * "media-note", "page-header", "jump". */
const char *kb_block_type_name(enum kb_block_type t);
const char *kb_extra_type_name(enum kb_extra_type t);

#endif
