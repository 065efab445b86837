/*
 * The reader's key table: every action has a name, help text and a default
 * key; the config rebinds keys by name; bad bindings are reported with
 * their line; help text comes from the same table.
 */
#include "tap.h"

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

int main(void)
{
	for (int a = 1; a < ACT_COUNT; a++) {
		char keys[64];
		kb_keys_describe((enum action)a, keys, sizeof(keys));
		CHECK(kb_action_name((enum action)a)[0] && kb_action_help((enum action)a)[0] && keys[0],
		      "action %s has help and a key (%s)", kb_action_name((enum action)a), keys);
	}
	int slot = 0;
	CHECK(kb_keys_action('j', NULL) == ACT_MOVE_DOWN, "j moves down");
	CHECK(kb_keys_action(KEY_FN(KEY_DOWN), NULL) == ACT_MOVE_DOWN, "Down moves down");
	CHECK(kb_keys_action('\t', NULL) == ACT_NEXT_PANE, "Tab switches pane");
	CHECK(kb_keys_action(KEY_FN(KEY_BTAB), NULL) == ACT_PREV_PANE, "S-Tab switches back");
	CHECK(kb_keys_action(18, NULL) == ACT_REDO, "C-r redoes");
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
