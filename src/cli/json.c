/* SPDX-License-Identifier: MIT */
/*
 * JSON writer for the command line. Every string comes out as valid JSON
 * whatever its bytes: quotes and backslashes escaped, bytes that are not
 * UTF-8 (a file name, an old database) as \ufffd, and every code point the
 * sanitiser (kanbao/sanitize.h) keeps off a terminal -- C0, DEL, C1, bidi
 * and zero-width controls, U+2028/9 -- as a \uXXXX escape, so the JSON is
 * exact once parsed and still safe to print on a terminal.
 */
#include "json.h"

#include <stdio.h>
#include <string.h>

#include "kanbao/sanitize.h"

void kb_json_safe_document(struct kb_buf *b, const char *json)
{
	size_t n = strlen(json), i = 0;
	while (i < n) {
		unsigned char c = (unsigned char)json[i];
		if (c < 0x80 && c != 0x7F) {
			kb_buf_putc(b, (char)c); /* C0 is escaped in strings, whitespace outside */
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = kb_utf8_next(json + i, n - i, &cp);
		if (cp == 0xFFFD && len == 1)
			kb_buf_puts(b, "\\ufffd");
		else if (kb_char_class(cp) != KB_CHAR_TEXT)
			kb_buf_printf(b, "\\u%04x", (unsigned)cp);
		else
			kb_buf_append(b, json + i, len);
		i += len;
	}
}

void kb_json_strings(struct kb_buf *b, char *const *v, size_t n)
{
	kb_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i)
			kb_buf_puts(b, ", ");
		kb_json_string(b, v[i]);
	}
	kb_buf_putc(b, ']');
}

void kb_json_authors(struct kb_buf *b, const struct kb_author *au, size_t n)
{
	kb_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		kb_buf_puts(b, i ? ", {\"role\": " : "{\"role\": ");
		kb_json_string(b, au[i].role);
		kb_buf_puts(b, ", \"name\": ");
		kb_json_string(b, au[i].name);
		kb_buf_putc(b, '}');
	}
	kb_buf_putc(b, ']');
}

void kb_json_blocks(struct kb_buf *b, const struct kb_block *bl, size_t n, const char *indent)
{
	kb_buf_putc(b, '[');
	for (size_t i = 0; i < n; i++) {
		kb_buf_printf(b, "%s\n%s  {\"type\": ", i ? "," : "", indent);
		kb_json_string(b, kb_block_type_name(bl[i].type));
		kb_buf_puts(b, ", \"text\": ");
		kb_json_string(b, bl[i].text);
		kb_buf_putc(b, '}');
	}
	if (n)
		kb_buf_printf(b, "\n%s", indent);
	kb_buf_putc(b, ']');
}

static void article(struct kb_buf *b, const struct kb_article *a)
{
	kb_buf_puts(b, "    {\n      \"kicker\": ");
	kb_json_string(b, a->kicker);
	kb_buf_puts(b, ",\n      \"title\": ");
	kb_json_string(b, a->title);
	kb_buf_puts(b, ",\n      \"subtitle\": ");
	kb_json_string(b, a->subtitle);
	kb_buf_puts(b, ",\n      \"authors\": ");
	kb_json_authors(b, a->authors, a->n_authors);
	kb_buf_printf(b, ",\n      \"line\": %zu,\n      \"blocks\": ", a->line);
	kb_json_blocks(b, a->blocks, a->n_blocks, "      ");
	kb_buf_puts(b, "\n    }");
}

void kb_json_edition(struct kb_buf *b, const struct kb_edition *ed)
{
	kb_buf_puts(b, "{\n  \"edition\": {\n    \"source\": ");
	kb_json_string(b, ed->source);
	kb_buf_puts(b, ",\n    \"encoding\": ");
	kb_json_string(b, ed->encoding);
	kb_buf_puts(b, ",\n    \"title\": ");
	kb_json_string(b, ed->title);
	kb_buf_puts(b, ",\n    \"date\": ");
	kb_json_string(b, ed->date);
	kb_buf_puts(b, ",\n    \"page\": ");
	kb_json_string(b, ed->page);
	kb_buf_puts(b, ",\n    \"paper\": ");
	kb_json_string(b, ed->paper);
	kb_buf_puts(b, "\n  },\n  \"articles\": [");
	for (size_t i = 0; i < ed->n_articles; i++) {
		kb_buf_puts(b, i ? ",\n" : "\n");
		article(b, &ed->articles[i]);
	}
	kb_buf_puts(b, ed->n_articles ? "\n  ],\n  \"extras\": [" : "],\n  \"extras\": [");
	for (size_t i = 0; i < ed->n_extras; i++) {
		const struct kb_extra *x = &ed->extras[i];
		kb_buf_puts(b, i ? ",\n    {\"type\": " : "\n    {\"type\": ");
		kb_json_string(b, kb_extra_type_name(x->type));
		kb_buf_puts(b, ", \"text\": ");
		kb_json_string(b, x->text);
		if (x->credit) {
			kb_buf_puts(b, ", \"credit\": ");
			kb_json_string(b, x->credit);
		}
		kb_buf_printf(b, ", \"line\": %zu}", x->line);
	}
	kb_buf_puts(b, ed->n_extras ? "\n  ]\n}" : "]\n}");
}
