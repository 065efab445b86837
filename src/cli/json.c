/*
 * JSON writer for `kanbao parse --json`. Text is valid UTF-8 (the decoder
 * guarantees it) and is written as is, with quotes, backslashes and control
 * characters escaped, so any edition, escape sequences and all, gives valid
 * JSON.
 */
#include "json.h"

#include <stdio.h>

void kb_json_string(struct kb_buf *b, const char *s)
{
	if (!s) {
		kb_buf_puts(b, "null");
		return;
	}
	kb_buf_putc(b, '"');
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		/* C1 controls (U+0080..U+009F, C2 80..C2 9F) and bidi controls
		 * (E2 80 8E/8F, E2 80 AA..AE, E2 81 A6..A9) are escaped too, so
		 * the JSON is safe to print on a terminal */
		if (c == 0xC2 && (unsigned char)s[1] >= 0x80 && (unsigned char)s[1] <= 0x9F) {
			kb_buf_append(b, run, (size_t)(s - run));
			kb_buf_printf(b, "\\u%04x", (unsigned char)s[1]);
			s++;
			run = s + 1;
			continue;
		}
		if (c == 0xE2 && ((unsigned char)s[1] == 0x80 &&
				  (((unsigned char)s[2] >= 0x8E && (unsigned char)s[2] <= 0x8F) ||
				   ((unsigned char)s[2] >= 0xAA && (unsigned char)s[2] <= 0xAE))) ) {
			kb_buf_append(b, run, (size_t)(s - run));
			kb_buf_printf(b, "\\u20%02x", (unsigned char)s[2] - 0x80);
			s += 2;
			run = s + 1;
			continue;
		}
		if (c == 0xE2 && (unsigned char)s[1] == 0x81 && (unsigned char)s[2] >= 0xA6 &&
		    (unsigned char)s[2] <= 0xA9) {
			kb_buf_append(b, run, (size_t)(s - run));
			kb_buf_printf(b, "\\u20%02x", (unsigned char)s[2] - 0x80 + 0x40);
			s += 2;
			run = s + 1;
			continue;
		}
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F)
			continue;
		kb_buf_append(b, run, (size_t)(s - run));
		run = s + 1;
		switch (c) {
		case '"':
			kb_buf_puts(b, "\\\"");
			break;
		case '\\':
			kb_buf_puts(b, "\\\\");
			break;
		case '\n':
			kb_buf_puts(b, "\\n");
			break;
		case '\t':
			kb_buf_puts(b, "\\t");
			break;
		case '\r':
			kb_buf_puts(b, "\\r");
			break;
		default:
			kb_buf_printf(b, "\\u%04x", c);
		}
	}
	kb_buf_append(b, run, (size_t)(s - run));
	kb_buf_putc(b, '"');
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
