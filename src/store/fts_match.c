/* SPDX-License-Identifier: MIT */
/*
 * Confirming a search's candidates. The search index keeps no positions
 * (detail=none: a third of the size of one that does), so a query piece of
 * several tokens (高新区 = 高新 + 新区) finds every row holding all of them,
 * anywhere. Each such candidate is tokenized here exactly as the index
 * tokenized it, and kept only when every piece stands as a phrase: its
 * tokens at consecutive positions in one column. What a search returns is
 * then what a phrase index (or a substring scan by the tokenizer's rules)
 * would return.
 */
#include "kanbao/fts.h"

#include <stdlib.h>
#include <string.h>

#include "kanbao/util.h"

/* A token as collected: its bytes (in a shared buffer) and its position. */
struct tok_at {
	size_t off, len; /* in the owner's text buffer */
	size_t pos;
};

struct toks {
	struct kb_buf text;
	struct tok_at *v;
	size_t n, cap;
	size_t pos;  /* position of the next non-colocated token */
	bool any;    /* a token was collected */
};

static int collect(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	(void)start;
	(void)end;
	struct toks *t = ctx;
	if (!(flags & 1 /* FTS5_TOKEN_COLOCATED */) && t->any)
		t->pos++;
	t->any = true;
	void *v = t->v;
	kb_xgrow(&v, &t->cap, t->n + 1, sizeof(*t->v));
	t->v = v;
	t->v[t->n++] = (struct tok_at){t->text.len, (size_t)n, t->pos};
	kb_buf_append(&t->text, tok, (size_t)n);
	return 0;
}

static void toks_of(struct toks *t, const char *s, size_t n, bool query)
{
	memset(t, 0, sizeof(*t));
	kb_buf_init(&t->text);
	kb_buf_puts(&t->text, "");
	kb_fts_tokenize(s, n, query, collect, t);
}

static void toks_finish(struct toks *t)
{
	kb_buf_finish(&t->text);
	free(t->v);
}

static bool same(const struct toks *a, size_t i, const struct toks *b, size_t k)
{
	return a->v[i].len == b->v[k].len &&
	       memcmp(a->text.data + a->v[i].off, b->text.data + b->v[k].off, a->v[i].len) == 0;
}

/* Does the document hold the query's tokens at consecutive positions? The
 * document's tokens are in position order, one or two at each. */
static bool phrase_in(const struct toks *doc, const struct toks *q)
{
	if (!q->n)
		return true;
	for (size_t i = 0; i < doc->n; i++) {
		if (!same(doc, i, q, 0))
			continue;
		size_t at = doc->v[i].pos, j = i;
		bool ok = true;
		for (size_t k = 1; ok && k < q->n; k++) {
			/* the tokens at position at + k */
			while (j < doc->n && doc->v[j].pos < at + k)
				j++;
			ok = false;
			for (size_t m = j; m < doc->n && doc->v[m].pos == at + k; m++)
				if (same(doc, m, q, k))
					ok = true;
		}
		if (ok)
			return true;
	}
	return false;
}

/* Length of the white space (ASCII or U+3000) at s[0..n), 0 if none: the
 * same pieces kb_fts_query makes. */
static size_t space_len(const char *s, size_t n)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (n >= 3 && (unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
	    (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

/* Call fn for each piece of the query; stop when it returns false. */
static bool each_piece(const char *text, bool (*fn)(void *, const char *, size_t), void *ctx)
{
	size_t n = strlen(text), i = 0;
	while (i < n) {
		size_t sp = space_len(text + i, n - i);
		if (sp) {
			i += sp;
			continue;
		}
		size_t start = i;
		while (i < n && space_len(text + i, n - i) == 0)
			i++;
		if (!fn(ctx, text + start, i - start))
			return false;
	}
	return true;
}

static bool single_token(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	struct toks q;
	toks_of(&q, s, n, true);
	bool one = q.n <= 1;
	toks_finish(&q);
	return one;
}

bool kb_fts_needs_verify(const char *text)
{
	return text && !each_piece(text, single_token, NULL);
}

struct verify {
	const char *const *cols;
	size_t n_cols;
	struct toks *docs; /* each column tokenized once, when first needed */
	bool *made;
};

static bool piece_found(void *ctx, const char *s, size_t n)
{
	struct verify *v = ctx;
	struct toks q;
	toks_of(&q, s, n, true);
	bool found = q.n == 0;
	for (size_t c = 0; !found && c < v->n_cols; c++) {
		if (!v->cols[c])
			continue;
		if (!v->made[c]) {
			toks_of(&v->docs[c], v->cols[c], strlen(v->cols[c]), false);
			v->made[c] = true;
		}
		found = phrase_in(&v->docs[c], &q);
	}
	toks_finish(&q);
	return found;
}

bool kb_fts_verify(const char *text, const char *const *cols, size_t n_cols)
{
	if (!text)
		return false;
	struct verify v = {cols, n_cols, kb_xcalloc(n_cols + 1, sizeof(struct toks)),
			   kb_xcalloc(n_cols + 1, sizeof(bool))};
	bool ok = each_piece(text, piece_found, &v);
	for (size_t c = 0; c < n_cols; c++)
		if (v.made[c])
			toks_finish(&v.docs[c]);
	free(v.docs);
	free(v.made);
	return ok;
}
