/* SPDX-License-Identifier: MIT */
/*
 * `kanbao tag`, `untag` and `note`: the user's annotations. Each (article,
 * tag) and each note is one durable write of the store; its acknowledgment
 * line is printed and flushed only after the store returned, so what was
 * printed is on disk (the crash test relies on it). A note comes from the
 * command line, from stdin (-) or from $VISUAL/$EDITOR on a temporary file.
 */
#include "commands.h"
#include "opts.h"
#include "term.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unistr.h>

#include "kanbao/i18n.h"

static void tag_usage(FILE *f, const char *cmd)
{
	if (strcmp(cmd, "tag") == 0)
		fputs(_("usage: kanbao tag [--db PATH] ID... -- TAG...\n"
			"       kanbao tag [--db PATH] ID TAG\n"
			"\n"
			"Add each tag to each article ID (see `kanbao list`). Without --, the last\n"
			"argument is the tag. Each article and tag is saved on its own; a line\n"
			"`tagged ID TAG` is printed once it is on disk. An error names the article\n"
			"and the others are still done; the exit status is then 1.\n"),
		      f);
	else
		fputs(_("usage: kanbao untag [--db PATH] ID... -- TAG...\n"
			"       kanbao untag [--db PATH] ID TAG\n"
			"\n"
			"Remove each tag from each article ID (see `kanbao list`). Without --, the\n"
			"last argument is the tag. Each article and tag is saved on its own; a\n"
			"line `untagged ID TAG` is printed once it is on disk. An error names the\n"
			"article and the others are still done; the exit status is then 1.\n"),
		      f);
	fputs(_("\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

static void note_usage(FILE *f)
{
	fputs(_("usage: kanbao note [--db PATH] ID TEXT...\n"
		"       kanbao note [--db PATH] ID -\n"
		"       kanbao note [--db PATH] ID\n"
		"       kanbao note [--db PATH] ID --clear\n"
		"\n"
		"Set the note of the article ID: to TEXT (several words are joined by\n"
		"spaces), to what stdin holds (-), or, without text, to what you write in\n"
		"$VISUAL or $EDITOR (default vi), which opens on the current note. An\n"
		"unchanged note is not saved; an empty one removes the note. Trailing\n"
		"line breaks are dropped.\n"
		"\n"
		"  --clear     remove the note\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

/* Print an acknowledgment line and push it out at once. Its verb (tagged,
 * noted, ...) is not translated: scripts and the crash test read it. */
static void ack(const char *verb, const char *id, const char *what)
{
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_puts(&b, verb);
	kb_buf_putc(&b, ' ');
	kb_term_put_safe(&b, id, 0);
	if (what) {
		kb_buf_putc(&b, ' ');
		kb_term_put_safe(&b, what, 0);
	}
	kb_buf_putc(&b, '\n');
	fputs(b.data, stdout);
	fflush(stdout);
	kb_buf_finish(&b);
}

/* Whether s is valid UTF-8; if not, say so with the message what (a
 * translated "the tag is not valid UTF-8"). */
static bool valid_text(const char *what, const char *s)
{
	if (!u8_check((const uint8_t *)s, strlen(s)))
		return true;
	fprintf(stderr, "kanbao: %s\n", what);
	return false;
}

/* tag and untag. */
static int tag_run(int argc, char **argv, const struct kb_cli_globals *g, bool add)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, 0, g->db);
	size_t split = o.dashdash != SIZE_MAX ? o.dashdash : (o.n_args ? o.n_args - 1 : 0);
	if (pr != KB_OPTS_OK || split == 0 || split >= o.n_args) {
		if (pr == KB_OPTS_OK)
			fprintf(stderr, _("kanbao %s: give at least one ID and one TAG\n"), argv[0]);
		tag_usage(pr == KB_OPTS_HELP ? stdout : stderr, argv[0]);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	for (size_t t = split; t < o.n_args; t++)
		if (!valid_text(_("the tag is not valid UTF-8"), o.args[t])) {
			kb_opts_finish(&o);
			return 2;
		}
	struct kb_store *s = kb_opts_open(&o);
	int status = s ? 0 : 1;
	for (size_t i = 0; s && i < split; i++) {
		for (size_t t = split; t < o.n_args; t++) {
			const char *id = o.args[i], *tag = o.args[t];
			bool ok = add ? kb_store_tag(s, id, tag) : kb_store_untag(s, id, tag);
			if (ok) {
				ack(add ? "tagged" : "untagged", id, tag);
				continue;
			}
			kb_term_error(id, kb_store_error(s));
			status = 1;
			/* an unknown article fails for every tag: say it once */
			if (strstr(kb_store_error(s), "no article"))
				break;
		}
	}
	kb_store_close(s);
	kb_opts_finish(&o);
	return status;
}

int kb_cmd_tag(int argc, char **argv, const struct kb_cli_globals *g)
{
	return tag_run(argc, argv, g, true);
}

int kb_cmd_untag(int argc, char **argv, const struct kb_cli_globals *g)
{
	return tag_run(argc, argv, g, false);
}

/* Read all of f into a string; caller frees. NULL on a read error. */
static char *slurp(FILE *f)
{
	struct kb_buf b;
	kb_buf_init(&b);
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		kb_buf_append(&b, chunk, n);
	if (ferror(f)) {
		kb_buf_finish(&b);
		return NULL;
	}
	return kb_buf_steal(&b);
}

/* Drop trailing line breaks and white space (editors add a last newline). */
static void trim_end(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

/* Open $VISUAL/$EDITOR/vi on a temporary file holding current; return what
 * the user left in it (caller frees), or NULL after saying why not. */
static char *edit(const char *current)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	const char *dir = getenv("TMPDIR");
	struct kb_buf path;
	kb_buf_init(&path);
	kb_buf_printf(&path, "%s/kanbao-note-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path.data);
	if (fd < 0) {
		kb_term_errorf(path.data, _("cannot create a temporary file: %s"), strerror(errno));
		kb_buf_finish(&path);
		return NULL;
	}
	char *text = NULL;
	size_t len = current ? strlen(current) : 0;
	bool ok = (size_t)write(fd, current ? current : "", len) == len &&
		  (len == 0 || write(fd, "\n", 1) == 1);
	close(fd);
	if (!ok) {
		kb_term_errorf(path.data, _("cannot write: %s"), strerror(errno));
		goto out;
	}
	/* through the shell, so that EDITOR="code --wait" works */
	struct kb_buf cmd;
	kb_buf_init(&cmd);
	kb_buf_printf(&cmd, "%s \"$1\"", editor);
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd.data, "sh", path.data, (char *)NULL);
		_exit(127);
	}
	int wst = 0;
	while (pid > 0 && waitpid(pid, &wst, 0) < 0 && errno == EINTR)
		;
	kb_buf_finish(&cmd);
	if (pid < 0 || !WIFEXITED(wst) || WEXITSTATUS(wst) != 0) {
		kb_term_eprintf(_("kanbao: the editor (%s) failed; the note is unchanged"), editor);
		goto out;
	}
	FILE *f = fopen(path.data, "rb");
	text = f ? slurp(f) : NULL;
	if (f)
		fclose(f);
	if (!text)
		kb_term_errorf(path.data, _("cannot read the note back: %s"), strerror(errno));
out:
	unlink(path.data);
	kb_buf_finish(&path);
	return text;
}

/* Save text as the note of id unless it equals current; "" removes. */
static int save_note(struct kb_store *s, const char *id, const char *current, char *text)
{
	trim_end(text);
	if (!valid_text(_("the note is not valid UTF-8"), text))
		return 1;
	if (strcmp(text, current ? current : "") == 0) {
		fputs(*text ? _("note unchanged\n") : _("no note (nothing written)\n"), stderr);
		return 0;
	}
	if (!*text)
		fputs(_("the note is empty: removing it\n"), stderr);
	if (!kb_store_set_note(s, id, text)) {
		kb_term_error(id, kb_store_error(s));
		return 1;
	}
	ack(*text ? "noted" : "unnoted", id, NULL);
	return 0;
}

int kb_cmd_note(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, KB_OPT_CLEAR, g->db);
	if (pr != KB_OPTS_OK || o.n_args == 0 || (o.clear && o.n_args != 1)) {
		note_usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	const char *id = o.args[0];
	struct kb_store *s = kb_opts_open(&o);
	int status = 1;
	struct kb_full *a = s ? kb_store_get(s, id) : NULL;
	if (s && !a) {
		kb_term_error(id, kb_store_error(s));
	} else if (a && o.clear) {
		if (kb_store_set_note(s, id, NULL)) {
			ack("unnoted", id, NULL);
			status = 0;
		} else {
			kb_term_error(id, kb_store_error(s));
		}
	} else if (a) {
		char *text = NULL;
		if (o.n_args == 1) {
			text = edit(a->note);
		} else if (o.n_args == 2 && strcmp(o.args[1], "-") == 0) {
			text = slurp(stdin);
			if (!text)
				fprintf(stderr, _("kanbao: cannot read the note from stdin: %s\n"),
					strerror(errno));
		} else {
			struct kb_buf b;
			kb_buf_init(&b);
			for (size_t i = 1; i < o.n_args; i++) {
				if (i > 1)
					kb_buf_putc(&b, ' ');
				kb_buf_puts(&b, o.args[i]);
			}
			text = kb_buf_steal(&b);
		}
		if (text)
			status = save_note(s, id, a->note, text);
		free(text);
	}
	kb_full_destroy(a);
	kb_store_close(s);
	kb_opts_finish(&o);
	return status;
}
