/* SPDX-License-Identifier: MIT */
/*
 * kanbao's FTS5 tokenizer ("kanbao") and the query builder of fts.h.
 *
 * Han text (and kana, Hangul syllables) has no spaces between words, so a
 * document indexes every character at its own position, with the pair it
 * starts colocated there:
 *
 *   郑州市  ->  郑@0 +郑州@0   州@1 +州市@1   市@2      (+ = colocated)
 *
 * The single character comes first at each position because highlight() and
 * snippet() take a position's byte offsets from its first (non-colocated)
 * token: with the pair first, a match of 州 alone would be marked as 州市.
 * A query run of n >= 2 characters becomes its n-1 pairs followed by the last
 * character alone (郑州市 -> 郑州 州市 市): one token per character position,
 * so the phrase spans exactly the matched characters (exact highlighting) and
 * whatever follows the run in the same phrase (网络5G) lands on the right
 * position. A one-character run is the character. Every query substring of a
 * run is thus found exactly where the text contains it.
 *
 * Digits (ASCII or full-width) are indexed like Han characters, so any part
 * of a number is found, as a substring search would (17年 in 2017年).
 * Letters form one token per run, NFKC and case folded (ＧＤＰ = GDP = gdp).
 * Everything else separates tokens. Offsets are byte offsets into the input;
 * invalid UTF-8 bytes are skipped as separators. Tokens are built in stack
 * buffers; only a letter run longer than WORD_STACK bytes touches the heap.
 */
#include "kanbao/fts.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>

#include "kanbao/util.h"

#define WORD_STACK 256 /* bytes of a letter run kept on the stack */
#define WORD_MAX 32768 /* longest letter token kept (FTS5's own limit) */

/* What a code point does to tokenization. */
enum kind {
	K_SEP,    /* ends any run, emits nothing */
	K_HAN,    /* one character of a Han (kana, Hangul) run */
	K_WORD,   /* letter or digit: part of a letter run */
	K_MARK,   /* combining mark: continues the current run */
	K_IGNORE, /* zero-width format character: continues a run, no text */
};

/* One Han character: its span in the input (with any marks after it) and
 * its folded UTF-8 text. */
struct han {
	int start, end;  /* byte offsets in the input */
	uint8_t text[4]; /* folded character */
	int len;         /* bytes in text */
};

/* The state of one xTokenize call. */
struct tok {
	void *ctx;                                             /* FTS5's context */
	int (*emit)(void *, int, const char *, int, int, int); /* FTS5's xToken */
	bool doc;                                              /* document or aux mode */
	bool have_prev;                                        /* prev holds a character */
	struct han prev;                                       /* last Han character seen */
	bool in_word;                                          /* a letter run is open */
	bool word_slow;                                        /* run needs NFKC casefold */
	bool word_digit;                                       /* last run character a digit */
	int word_start, word_end;                              /* span of the letter run */
	uint8_t *word;                                         /* run text (stack or heap) */
	size_t word_len, word_cap;                             /* bytes used / available */
	uint8_t stack[WORD_STACK];                             /* initial run text buffer */
	int run_len;                                           /* characters in the Han run */
	bool have_pending;                                     /* query: a run's last character */
	struct han pending;                                    /* waits for a token after it */
};

/* Query mode: the last character of a Han run is emitted only when another
 * token follows (to keep the phrase's positions aligned with what comes
 * after); a query ending in a run of two or more needs only the pairs, and
 * the frequent single character would make every search read its long
 * list. Called before each emission. */
static int flush_pending(struct tok *t)
{
	if (!t->have_pending)
		return SQLITE_OK;
	t->have_pending = false;
	return t->emit(t->ctx, 0, (const char *)t->pending.text, t->pending.len,
		       t->pending.start, t->pending.end);
}

/* Decode one UTF-8 character at s[0..n) into *cp. Returns its length, or 0
 * for an invalid, overlong, surrogate or truncated sequence. */
static int decode(const uint8_t *s, size_t n, uint32_t *cp)
{
	uint8_t b = s[0];
	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	int len;
	uint32_t c, min;
	if (b >= 0xC2 && b <= 0xDF) {
		len = 2, c = b & 0x1F, min = 0x80;
	} else if (b >= 0xE0 && b <= 0xEF) {
		len = 3, c = b & 0x0F, min = 0x800;
	} else if (b >= 0xF0 && b <= 0xF4) {
		len = 4, c = b & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

/* Encode c as UTF-8 into out (4 bytes available); returns the length. */
static int encode(uint32_t c, uint8_t *out)
{
	if (c < 0x80) {
		out[0] = (uint8_t)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (uint8_t)(0xC0 | (c >> 6));
		out[1] = (uint8_t)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (uint8_t)(0xE0 | (c >> 12));
		out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (uint8_t)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (uint8_t)(0xF0 | (c >> 18));
	out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (uint8_t)(0x80 | (c & 0x3F));
	return 4;
}

/* Classify c. For letters and digits with an ASCII folding (ASCII and
 * full-width forms) *fold gets the lower-case ASCII byte, otherwise 0.
 * The common CJK ranges are decided without a table look-up. */
static enum kind classify(uint32_t c, char *fold)
{
	*fold = 0;
	if (c < 0x80) {
		if (c >= '0' && c <= '9')
			return K_HAN; /* digits index like characters: 17年 finds 2017年 */
		if (c >= 'a' && c <= 'z')
			return *fold = (char)c, K_WORD;
		if (c >= 'A' && c <= 'Z')
			return *fold = (char)(c + 32), K_WORD;
		return K_SEP;
	}
	if (c >= 0x4E00 && c <= 0x9FFF)
		return K_HAN;
	if (c >= 0x3000 && c <= 0x30FF) {
		if (c == 0x3005 || c == 0x3006 || c == 0x3007 || (c >= 0x3021 && c <= 0x3029) ||
		    (c >= 0x3038 && c <= 0x303A))
			return K_HAN; /* 々 〆 〇, Hangzhou numerals */
		if ((c >= 0x302A && c <= 0x302F) || c == 0x3099 || c == 0x309A)
			return K_MARK;
		if ((c >= 0x3041 && c <= 0x3096) || (c >= 0x309D && c <= 0x309F))
			return K_HAN; /* hiragana */
		if (c >= 0x30A1 && c <= 0x30FF && c != 0x30FB)
			return K_HAN; /* katakana, not the middle dot */
		return K_SEP;
	}
	if (c >= 0xFF00 && c <= 0xFFEF) {
		if (c >= 0xFF10 && c <= 0xFF19)
			return K_HAN; /* full-width digits, folded by han_fold */
		if (c >= 0xFF21 && c <= 0xFF3A)
			return *fold = (char)(c - 0xFF21 + 'a'), K_WORD;
		if (c >= 0xFF41 && c <= 0xFF5A)
			return *fold = (char)(c - 0xFF41 + 'a'), K_WORD;
		if (c >= 0xFF66 && c <= 0xFF9D)
			return K_HAN; /* half-width katakana */
		if (c == 0xFF9E || c == 0xFF9F)
			return K_MARK;
		if (c >= 0xFFA0 && c <= 0xFFDC)
			return K_WORD; /* half-width Hangul letters */
		return K_SEP;
	}
	if (c >= 0x2000 && c <= 0x206F) {
		if ((c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064))
			return K_IGNORE;
		return K_SEP;
	}
	if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0xF900 && c <= 0xFAFF) ||
	    (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x20000 && c <= 0x323AF) ||
	    (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0x3100 && c <= 0x312F) ||
	    (c >= 0x31A0 && c <= 0x31BF) || (c >= 0x31F0 && c <= 0x31FF))
		return K_HAN;
	if ((c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) ||
	    (c >= 0x0300 && c <= 0x036F))
		return K_MARK;
	if (c == 0xFEFF || c == 0x00AD)
		return K_IGNORE;
	if (uc_is_general_category_withtable(c, UC_CATEGORY_MASK_L | UC_CATEGORY_MASK_Nd))
		return K_WORD;
	if (uc_is_general_category_withtable(c, UC_CATEGORY_MASK_M))
		return K_MARK;
	if (uc_is_general_category_withtable(c, UC_CATEGORY_MASK_Cf))
		return K_IGNORE;
	return K_SEP;
}

/* The searchable form of a Han-class character: compatibility ideographs,
 * Kangxi radicals (common in text extracted from PDF) and half-width
 * katakana become the character they stand for. */
static uint32_t han_fold(uint32_t c)
{
	if (c >= 0xFF10 && c <= 0xFF19)
		return c - 0xFF10 + '0';
	if ((c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F) ||
	    (c >= 0x2E80 && c <= 0x2FDF) || (c >= 0xFF66 && c <= 0xFF9D)) {
		int tag;
		ucs4_t d[UC_DECOMPOSITION_MAX_LENGTH];
		if (uc_decomposition(c, &tag, d) == 1)
			return d[0];
	}
	return c;
}

/* Is c a decimal digit (ASCII or full-width)? */
static bool is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* Emit the Han character h alone as a new position. */
static int emit_single(struct tok *t, const struct han *h)
{
	int rc = flush_pending(t);
	if (rc != SQLITE_OK)
		return rc;
	return t->emit(t->ctx, 0, (const char *)h->text, h->len, h->start, h->end);
}

/* Emit the pair a b with the given flags, spanning both characters. */
static int emit_pair(struct tok *t, int flags, const struct han *a, const struct han *b)
{
	char pair[8];
	int rc = flush_pending(t);
	if (rc != SQLITE_OK)
		return rc;
	memcpy(pair, a->text, (size_t)a->len);
	memcpy(pair + a->len, b->text, (size_t)b->len);
	return t->emit(t->ctx, flags, pair, a->len + b->len, a->start, b->end);
}

/* A Han character h arrives: emit what its predecessor in the run now
 * allows (document: predecessor alone, then the pair colocated; query: the
 * pair) and make h the predecessor. */
static int han_push(struct tok *t, const struct han *h)
{
	int rc = SQLITE_OK;
	if (t->have_prev) {
		if (t->doc) {
			rc = emit_single(t, &t->prev);
			if (rc == SQLITE_OK)
				rc = emit_pair(t, FTS5_TOKEN_COLOCATED, &t->prev, h);
		} else {
			rc = emit_pair(t, 0, &t->prev, h);
		}
	}
	t->prev = *h;
	t->have_prev = true;
	t->run_len++;
	return rc;
}

/* End a Han run: its last character stands alone in both modes. */
static int han_end(struct tok *t)
{
	if (!t->have_prev)
		return SQLITE_OK;
	t->have_prev = false;
	int len = t->run_len;
	t->run_len = 0;
	if (t->doc || len < 2)
		return emit_single(t, &t->prev);
	int rc = flush_pending(t);
	t->pending = t->prev;
	t->have_pending = true;
	return rc;
}

/* Append n bytes to the letter run, growing to the heap if needed. Text past
 * WORD_MAX is dropped (whole characters only). Returns an SQLite code. */
static int word_append(struct tok *t, const uint8_t *s, size_t n)
{
	if (t->word_len + n > t->word_cap) {
		if (t->word_len + n > WORD_MAX)
			return SQLITE_OK;
		size_t cap = t->word_cap * 2;
		while (cap < t->word_len + n)
			cap *= 2;
		uint8_t *p = t->word == t->stack ? malloc(cap) : realloc(t->word, cap);
		if (!p)
			return SQLITE_NOMEM;
		if (t->word == t->stack)
			memcpy(p, t->stack, t->word_len);
		t->word = p;
		t->word_cap = cap;
	}
	memcpy(t->word + t->word_len, s, n);
	t->word_len += n;
	return SQLITE_OK;
}

/* End a letter run: fold it if it holds more than ASCII and emit it. */
static int word_end(struct tok *t)
{
	if (!t->in_word)
		return SQLITE_OK;
	t->in_word = false;
	if (t->word_len == 0)
		return SQLITE_OK;
	int frc = flush_pending(t);
	if (frc != SQLITE_OK)
		return frc;
	int rc;
	if (!t->word_slow) {
		rc = t->emit(t->ctx, 0, (const char *)t->word, (int)t->word_len, t->word_start,
			     t->word_end);
	} else {
		uint8_t buf[WORD_STACK];
		size_t len = sizeof(buf);
		uint8_t *f = u8_casefold(t->word, t->word_len, NULL, UNINORM_NFKC, buf, &len);
		if (f && len > 0)
			rc = t->emit(t->ctx, 0, (const char *)f, (int)len, t->word_start,
				     t->word_end);
		else
			rc = t->emit(t->ctx, 0, (const char *)t->word, (int)t->word_len,
				     t->word_start, t->word_end);
		if (f && f != buf)
			free(f);
	}
	t->word_len = 0;
	return rc;
}

/* Tokenize s[0..n) into t's callback. */
static int run(struct tok *t, const uint8_t *s, size_t n)
{
	int rc = SQLITE_OK;
	size_t i = 0;
	while (i < n && rc == SQLITE_OK) {
		uint32_t c;
		int len = decode(s + i, n - i, &c);
		if (len == 0) { /* invalid byte: a separator */
			rc = han_end(t);
			if (rc == SQLITE_OK)
				rc = word_end(t);
			i++;
			continue;
		}
		char fold;
		enum kind k = classify(c, &fold);
		if (k == K_HAN) {
			if ((rc = word_end(t)) != SQLITE_OK)
				break;
			struct han h = { .start = (int)i };
			h.len = encode(han_fold(c), h.text);
			i += (size_t)len;
			/* Marks and zero-width characters after it belong to it. */
			while (i < n) {
				uint32_t m;
				char f2;
				int l2 = decode(s + i, n - i, &m);
				enum kind k2 = l2 ? classify(m, &f2) : K_SEP;
				if (k2 != K_MARK && k2 != K_IGNORE)
					break;
				i += (size_t)l2;
			}
			h.end = (int)i;
			rc = han_push(t, &h);
			continue;
		}
		if (k == K_WORD) {
			if ((rc = han_end(t)) != SQLITE_OK)
				break;
			if (!t->in_word) {
				t->in_word = true;
				t->word_slow = false;
				t->word_start = (int)i;
			}
			if (fold) {
				uint8_t b = (uint8_t)fold;
				rc = word_append(t, &b, 1);
			} else {
				t->word_slow = true;
				rc = word_append(t, s + i, (size_t)len);
			}
			t->word_digit = is_digit(c);
			i += (size_t)len;
			t->word_end = (int)i;
			continue;
		}
		if (k == K_MARK || k == K_IGNORE) {
			if (t->in_word) {
				if (k == K_MARK) {
					t->word_slow = true;
					rc = word_append(t, s + i, (size_t)len);
				}
				t->word_end = (int)(i + (size_t)len);
			}
			i += (size_t)len;
			continue;
		}
		/* A separator, unless a '.' or ',' between two digits. */
		if (t->in_word && t->word_digit && (c == '.' || c == ',' || c == 0xFF0E) &&
		    i + (size_t)len < n) {
			uint32_t next;
			int l2 = decode(s + i + len, n - i - (size_t)len, &next);
			if (l2 && is_digit(next)) {
				uint8_t b = c == ',' ? ',' : '.';
				rc = word_append(t, &b, 1);
				t->word_digit = false;
				i += (size_t)len;
				continue;
			}
		}
		rc = han_end(t);
		if (rc == SQLITE_OK)
			rc = word_end(t);
		i += (size_t)len;
	}
	if (rc == SQLITE_OK)
		rc = han_end(t);
	if (rc == SQLITE_OK)
		rc = word_end(t);
	return rc;
}

/* The tokenizer has no state of its own: every table shares one of these
 * two objects, full (every token in its place) or set (each distinct token
 * of a document once: tokenize='kanbao set', for an index without
 * positions). */
static int full_instance, set_instance;

/* fts5_tokenizer.xCreate: kanbao takes no argument, or "set". */
static int tok_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ctx;
	*out = NULL;
	if (argc == 0)
		*out = (Fts5Tokenizer *)&full_instance;
	else if (argc == 1 && strcmp(argv[0], "set") == 0)
		*out = (Fts5Tokenizer *)&set_instance;
	return *out ? SQLITE_OK : SQLITE_ERROR;
}

/* fts5_tokenizer.xDelete: nothing to free. */
static void tok_delete(Fts5Tokenizer *tk)
{
	(void)tk;
}

/* A document's tokens for an index that keeps no positions (detail=none):
 * each distinct token once, in its first place. The index stores only
 * which documents hold a token, so the repeats cost FTS5 a hash lookup
 * each for nothing: a Chinese article repeats about half of its tokens.
 * Tokens of up to 7 bytes (a character, a pair, a short number or word)
 * are remembered exactly, packed into 64 bits with their length; longer
 * ones are always passed on. */
struct dedup {
	void *ctx;
	int (*emit)(void *, int, const char *, int, int, int);
	uint64_t *slot; /* 0: empty */
	size_t mask, used;
	uint64_t stack[4096];
};

static int dedup_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	struct dedup *d = ctx;
	/* (a table more than half full passes the rest on: never a long probe) */
	if (n > 0 && n <= 7 && d->used <= d->mask / 2) {
		uint64_t key = (uint64_t)n << 56; /* the length above the bytes */
		for (int b = 0; b < n; b++)
			key |= (uint64_t)(unsigned char)tok[b] << (8 * b);
		uint64_t h = key * 0x9E3779B97F4A7C15u;
		size_t i = (size_t)(h >> 32) & d->mask;
		while (d->slot[i] && d->slot[i] != key)
			i = (i + 1) & d->mask;
		if (d->slot[i] == key)
			return SQLITE_OK;
		d->slot[i] = key;
		d->used++;
	}
	return d->emit(d->ctx, flags & ~FTS5_TOKEN_COLOCATED, tok, n, start, end);
}

/* fts5_tokenizer.xTokenize: documents and aux (highlight, snippet)
 * re-tokenization index singles with pairs colocated; queries use pairs. A "set"
 * tokenizer gives a document's tokens through dedup_token. */
static int tok_tokenize(Fts5Tokenizer *tk, void *ctx, int flags, const char *text, int n,
			int (*xToken)(void *, int, const char *, int, int, int))
{
	size_t len = n > 0 ? (size_t)n : 0;
	if (flags != FTS5_TOKENIZE_DOCUMENT || tk != (Fts5Tokenizer *)&set_instance)
		return kb_fts_tokenize(text, len, (flags & FTS5_TOKENIZE_QUERY) != 0, xToken, ctx);
	struct dedup d = {ctx, xToken, NULL, 0, 0, {0}};
	/* about a distinct token for each byte or fewer */
	size_t cap = 4096;
	while (cap < len + 16)
		cap *= 2;
	d.slot = cap == 4096 ? d.stack : calloc(cap, sizeof(uint64_t));
	if (!d.slot)
		return SQLITE_NOMEM;
	d.mask = cap - 1;
	int rc = kb_fts_tokenize(text, len, false, dedup_token, &d);
	if (d.slot != d.stack)
		free(d.slot);
	return rc;
}

int kb_fts_tokenize(const char *text, size_t n, bool query,
		    int (*emit)(void *, int, const char *, int, int, int), void *ctx)
{
	struct tok t = {
		.ctx = ctx,
		.emit = emit,
		.doc = !query,
	};
	t.word = t.stack;
	t.word_cap = sizeof(t.stack);
	int rc = SQLITE_OK;
	if (text && n > 0)
		rc = run(&t, (const uint8_t *)text, n);
	if (t.word != t.stack)
		free(t.word);
	return rc;
}

int kb_fts_register(sqlite3 *db)
{
	static fts5_tokenizer api_tok = { tok_create, tok_delete, tok_tokenize };
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_pointer(st, 1, &api, "fts5_api_ptr", NULL);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (!api || api->iVersion < 2)
		return SQLITE_ERROR; /* SQLite built without FTS5 */
	return api->xCreateTokenizer(api, KB_FTS_TOKENIZER, NULL, &api_tok, NULL);
}

/* Does s[0..n) hold a character the tokenizer indexes? */
static bool searchable(const uint8_t *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		char fold;
		int len = decode(s + i, n - i, &c);
		if (len == 0) {
			i++;
			continue;
		}
		enum kind k = classify(c, &fold);
		if (k == K_HAN || k == K_WORD)
			return true;
		i += (size_t)len;
	}
	return false;
}

/* Length of the white space (ASCII or U+3000) at s[0..n), 0 if none. */
static size_t space_len(const uint8_t *s, size_t n)
{
	if (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		return 1;
	if (n >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Collect a query piece's tokens, each quoted as an FTS5 string of its own
 * (inner quotes doubled), into a buffer. */
static int collect_token(void *ctx, int flags, const char *tok, int n, int start, int end)
{
	(void)flags;
	(void)start;
	(void)end;
	struct kb_buf *b = ctx;
	if (b->len)
		kb_buf_putc(b, ' ');
	kb_buf_putc(b, '"');
	for (int k = 0; k < n; k++) {
		if (tok[k] == '"')
			kb_buf_putc(b, '"');
		kb_buf_putc(b, tok[k]);
	}
	kb_buf_putc(b, '"');
	return SQLITE_OK;
}

char *kb_fts_query(const char *text)
{
	if (!text)
		return NULL;
	const uint8_t *s = (const uint8_t *)text;
	size_t n = strlen(text);
	struct kb_buf b;
	kb_buf_init(&b);
	size_t i = 0;
	while (i < n) {
		size_t sp = space_len(s + i, n - i);
		if (sp) {
			i += sp;
			continue;
		}
		size_t start = i;
		while (i < n && space_len(s + i, n - i) == 0)
			i++;
		if (searchable(s + start, i - start))
			kb_fts_tokenize(text + start, i - start, true, collect_token, &b);
	}
	if (!b.len) {
		kb_buf_finish(&b);
		return NULL;
	}
	return kb_buf_steal(&b);
}
