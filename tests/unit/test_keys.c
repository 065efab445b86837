/* SPDX-License-Identifier: MIT */
/*
 * The reader's key table: every action has a name, help text and a default
 * key; the config rebinds keys by name; bad bindings are reported with
 * their line; help text comes from the same table. And the decoding of the
 * bytes the terminal sends: bad bytes dropped, the keys after them kept.
 */
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"

static char warned[1024];

static void warn(void *ctx, const char *msg)
{
	(void)ctx;
	strncat(warned, msg, sizeof(warned) - strlen(warned) - 2);
	strcat(warned, "\n");
}

/* Feed bytes to a fresh decoder as kb_read_key does (a byte that cut a
 * sequence is fed again); the characters come out in out, joined by ',',
 * a dropped run as '!'. */
static void decode(const char *bytes, size_t n, char *out, size_t cap)
{
	struct kb_utf8_in d = {0};
	size_t used = 0;
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		bool again;
		do {
			int r = kb_utf8_in_feed(&d, (unsigned char)bytes[i], &again);
			if (r >= 0)
				used += (size_t)snprintf(out + used, cap - used, "%sU+%04X", used ? "," : "",
							 (unsigned)r);
			else if (r == KB_IN_BAD)
				used += (size_t)snprintf(out + used, cap - used, "%s!", used ? "," : "");
		} while (again);
	}
}

/* Issue 9: one invalid byte from the terminal froze the reader (ncurses'
 * get_wch pushed it back for ever). The decoder drops exactly the bad
 * bytes and gives every key after them. */
static void test_utf8_in(void)
{
	char out[256];
	decode("\xffq", 2, out, sizeof(out));
	CHECK_STR(out, "!,U+0071", "an invalid byte (0xFF) is dropped, q after it comes through");
	decode("\x80j", 2, out, sizeof(out));
	CHECK_STR(out, "!,U+006A", "a lone continuation byte (0x80) is dropped, j comes through");
	decode("\xe4\xb8q", 3, out, sizeof(out));
	CHECK_STR(out, "!,U+0071", "a cut sequence (E4 B8) is dropped, q after it comes through");
	decode("\xe4\xb8\xe4\xb8\xad", 5, out, sizeof(out));
	CHECK_STR(out, "!,U+4E2D", "a cut sequence before a whole one: the whole one (中) comes through");
	decode("\xe4\xb8\xad\xe6\x96\x87", 6, out, sizeof(out));
	CHECK_STR(out, "U+4E2D,U+6587", "中文 decodes");
	decode("\xf0\x9f\x98\x80", 4, out, sizeof(out));
	CHECK_STR(out, "U+1F600", "a four-byte character decodes");
	decode("\xc0\xaf" "a", 3, out, sizeof(out));
	CHECK_STR(out, "!,!,U+0061", "an overlong form is dropped byte by byte");
	decode("\xed\xa0\x80z", 4, out, sizeof(out));
	CHECK_STR(out, "!,!,!,U+007A", "an encoded surrogate is dropped");
	decode("\xf4\x90\x80\x80z", 5, out, sizeof(out));
	CHECK_STR(out, "!,!,!,!,U+007A", "a code point past U+10FFFF is dropped");
	decode("\xe4\x1b", 2, out, sizeof(out));
	CHECK_STR(out, "!,U+001B", "Esc cutting a sequence still comes through");
}

int main(void)
{
	test_utf8_in();

	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[64];
		kb_keys_describe((enum action)a, keys, sizeof(keys));
		CHECK(kb_action_name((enum action)a)[0] && kb_action_help((enum action)a)[0] && keys[0],
		      "action %s has help and a key (%s)", kb_action_name((enum action)a), keys);
	}
	int slot = 0;
	CHECK(kb_keys_action('j', NULL) == ACT_MOVE_DOWN, "j moves down");
	CHECK(kb_keys_action(KEY_FN(KEY_DOWN), NULL) == ACT_CARET_DOWN &&
		      kb_keys_action(KEY_FN(KEY_UP), NULL) == ACT_CARET_UP,
	      "Down and Up move the caret (the cursor outside the article)");
	CHECK(kb_keys_action('w', NULL) == ACT_WORD_NEXT && kb_keys_action('b', NULL) == ACT_WORD_PREV &&
		      kb_keys_action(')', NULL) == ACT_SENTENCE_NEXT &&
		      kb_keys_action('(', NULL) == ACT_SENTENCE_PREV &&
		      kb_keys_action('}', NULL) == ACT_PARA_NEXT && kb_keys_action('{', NULL) == ACT_PARA_PREV &&
		      kb_keys_action('o', NULL) == ACT_SWAP_ENDS,
	      "w b ) ( } { move the caret by word, sentence, paragraph; o swaps the selection's ends");
	CHECK(kb_keys_action('\t', NULL) == ACT_NEXT_PANE, "Tab switches pane");
	CHECK(kb_keys_action(KEY_FN(KEY_BTAB), NULL) == ACT_PREV_PANE, "S-Tab switches back");
	CHECK(kb_keys_action(18, NULL) == ACT_REDO, "C-r redoes");
	CHECK(kb_keys_action(3, NULL) == ACT_QUIT_NOW, "C-c quits at once (raw mode: no SIGINT)");
	CHECK(kb_keys_action(26, NULL) == ACT_SUSPEND, "C-z suspends (raw mode: no SIGTSTP)");
	CHECK(kb_keys_action(KEY_FN(KEY_RIGHT), NULL) == ACT_UNFOLD && kb_keys_action(KEY_FN(KEY_LEFT), NULL) == ACT_FOLD, "→ unfolds, ← folds");
	CHECK(kb_keys_action(']', NULL) == ACT_NEXT_UNREAD && kb_keys_action('[', NULL) == ACT_PREV_UNREAD, "] and [: next and previous unread");
	CHECK(kb_keys_action('7', &slot) == ACT_QUICK_TAG && slot == 7, "7 is quick tag slot 7");
	CHECK(kb_keys_action('Z', NULL) == ACT_NONE, "Z is unbound");

	struct kb_binding b[] = {
		{"C-n", "next-article", 3}, {"x", "quit", 4}, {"y", "no-such-action", 5},
		{"F99", "help", 6}, {"强", "tag", 7}, {"8", "quick-tag-2", 8},
	};
	struct kb_config cfg = {0};
	cfg.bindings = b;
	cfg.n_bindings = sizeof(b) / sizeof(b[0]);
	cfg.path = "/tmp/config";
	kb_keys_configure(&cfg, warn, NULL);
	CHECK(kb_keys_action(14, NULL) == ACT_NEXT_ARTICLE, "bind C-n next-article");
	CHECK(kb_keys_action('x', NULL) == ACT_QUIT, "bind x quit");
	CHECK(kb_keys_action('q', NULL) == ACT_QUIT, "q still quits");
	CHECK(kb_keys_action(0x5F3A, NULL) == ACT_TAG, "a Chinese character can be bound");
	CHECK(kb_keys_action('8', &slot) == ACT_QUICK_TAG && slot == 2, "8 bound to quick tag 2");
	CHECK(strstr(warned, "/tmp/config:5: unknown action 'no-such-action'") != NULL,
	      "an unknown action is reported with its line");
	CHECK(strstr(warned, "/tmp/config:6: unknown key 'F99'") != NULL, "an unknown key is reported");
	char keys[64];
	kb_keys_describe(ACT_QUIT, keys, sizeof(keys));
	CHECK(strstr(keys, "x") && strstr(keys, "q"), "help shows both keys of quit: %s", keys);
	return tap_done();
}
