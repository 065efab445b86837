/* SPDX-License-Identifier: MIT */
/*
 * Export: an article's annotations (note, highlights, tags) and metadata as
 * Markdown with YAML front matter that note tools can query, written so that
 * what a renderer shows is exactly the text (every character Markdown or
 * YAML would read as syntax is escaped or quoted); file names made safe;
 * files written atomically (temporary file, fsync, rename, fsync of the
 * directory), so a failed export leaves any old file whole. No curses.
 */
#ifndef KANBAO_EXPORT_H
#define KANBAO_EXPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "kanbao/store.h"
#include "kanbao/util.h"

/* How a document's contents link its sections: Obsidian/Logseq wiki links
 * ([[#标题]]) or CommonMark links to the heading's GitHub-style id. */
enum kb_export_links { KB_LINKS_WIKI, KB_LINKS_MARKDOWN };

struct kb_export_opts {
	bool with_text;       /* add the article's text, highlights marked */
	const char *exported; /* ISO 8601 time of the export (front matter) */
	bool notes_as_text;   /* escape the user's notes as the paper's text is
			       * (default: they are Markdown, passed through) */
	enum kb_export_links links;
	const char *subject;  /* what a document of several articles holds, as
			       * asked ("tag 郑州 2021-02"): its title and name */
};

/* The title an export gives a: its headline, or its first words (the
 * first sentence, at most 20 characters, "…" where cut). Caller frees. */
char *kb_export_title(const struct kb_full *a);

/* What a document holds, said as its title and file name: "search 黄河"
 * for a search, the filter's terms without their keys' colons for a
 * filter in the query syntax ("tag:郑州 date:2021-02" → "tag 郑州
 * 2021-02"); either may be NULL. Caller frees. */
char *kb_export_subject(const char *search, const char *filter);

/* Markdown of one article: front matter (title, aliases, subtitle, author,
 * bylines, date, issued, container-title, page, kicker, tags, id, source,
 * exported; see markdown.c), the title as a level-1 heading, the note, each highlight as a block quote followed by its note,
 * the tags; with_text adds the text with highlights marked. Caller frees. */
char *kb_export_article_md(const struct kb_full *a, const struct kb_export_opts *o);

/* One document for several articles: front matter describing the export
 * (title: o->subject, exported, count, and an `articles` list with each id,
 * title, date and tags), contents linking the sections (o->links), then one
 * level-2 section per article (its metadata as a list, then as in kb_export_article_md).
 * Caller frees. */
char *kb_export_document_md(struct kb_full *const *arts, size_t n, const struct kb_export_opts *o);

/* Append s as Markdown inline text: characters CommonMark would read as
 * syntax are backslash-escaped, so a renderer shows s exactly. Line breaks
 * in s become hard line breaks (a backslash at the end of the line). */
void kb_md_text(struct kb_buf *b, const char *s);

/* Append s as a double-quoted YAML scalar (always valid YAML, exactly s). */
void kb_yaml_string(struct kb_buf *b, const char *s);

/* A file name for the article in dir: "YYYY-MM-DD 标题.md" (or the title
 * alone, or the id), without '/', NUL, control characters, a leading '-'
 * or '.', at most 255 bytes on a character boundary, and not the name of an
 * existing file in dir (" (2)", " (3)" … added). Caller frees. */
char *kb_export_filename(const struct kb_full *a, const char *dir);

/* A document's file name: the subject made safe as above, ".md" (the
 * same subject, the same name: exporting it again updates it). Caller
 * frees. */
char *kb_export_subject_filename(const char *subject);

/* ---- re-export (vault.c) ----
 * Every exported file ends with the keep-marker line; what the user writes
 * below it survives every later export of the same file. An article's
 * file is found by the id in its front matter, anywhere under the target
 * folder, whatever it is named now. */
#define KB_EXPORT_MARKER "<!-- kanbao: your text below is kept -->"

/* The Markdown files under a folder, by the id of their front matter. */
struct kb_vault;
/* Read dir and the folders under it (not hidden ones, not through
 * symlinks): each regular *.md file whose front matter names an id.
 * Never NULL; empty when dir does not exist. */
struct kb_vault *kb_vault_scan(const char *dir);
/* The path of the file holding id, or NULL. */
const char *kb_vault_find(const struct kb_vault *v, const char *id);
void kb_vault_free(struct kb_vault *v);

/* Create dir and the folders above it that are missing (mkdir -p). */
bool kb_mkdirs(const char *dir, char *err, size_t errlen);

/* Write md to path (atomically) followed by the keep-marker and what the
 * file there already holds below its marker. *existed (may be NULL)
 * gets whether the path held a file before. A file that cannot be read is
 * not written over. */
bool kb_export_write_keeping(const char *path, const char *md, bool *existed, char *err,
			     size_t errlen);

/* Export article a into dir: into the file holding its id (v, which the
 * new file is added to), else a new file named by kb_export_filename.
 * *path gets the file's path (caller frees), *updated whether it existed. */
bool kb_export_article_into(const char *dir, struct kb_vault *v, const struct kb_full *a,
			    const struct kb_export_opts *o, char **path, bool *updated, char *err,
			    size_t errlen);

/* Write data to path atomically: a temporary file in path's directory
 * (mkstemp), fsync, rename over path, fsync of the directory. On failure
 * the old file (if any) is untouched, the temporary file removed, and err
 * says what failed, naming the path. */
bool kb_write_atomic(const char *path, const char *data, size_t n, char *err, size_t errlen);

/* Citations for reference managers (cite.c). Each of the n articles as a
 * newspaper article: title (kb_export_title), authors' names (without
 * their role words, each one whole name), paper, page, date, note and
 * tags; a field the article lacks is left out. What a reader (Zotero,
 * pandoc, biber) reads back is exactly the store's text. Caller frees. */

/* A CSL-JSON array of items: id, type "article-newspaper", title, author
 * [{literal}], container-title, page, issued {date-parts}, note, keyword
 * (the tags joined by ", "). Safe to print on a terminal. */
char *kb_export_csl_json(struct kb_full *const *arts, size_t n);

/* BibTeX: one @article{ID, ...} per article (entrysubtype newspaper) with
 * title, author ({name} and {name}), journal, date, year, month, pages,
 * keywords and note; LaTeX's special characters written as commands.
 * Control characters become U+FFFD, invisible ones are dropped, a tab is
 * a space: BibTeX cannot carry them. */
char *kb_export_bibtex(struct kb_full *const *arts, size_t n);

#endif
