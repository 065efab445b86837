/* SPDX-License-Identifier: MIT */
/*
 * The reader's actions that are no single pane's: tagging (with the prompt
 * and quick tags), tagging every listed result, the note in the box editor
 * or in $VISUAL/$EDITOR, highlighting the selection, undo and redo, library
 * search and tag filter, read state, export, help and quit. Each changes
 * state and the store; painting follows in app.c.
 */
#include "ui.h"

#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/export.h"

/* The article the actions apply to: the list's row, else the open one. */
const char *kb_current_id(struct app *a)
{
	if (a->focus == P_LIST) {
		const struct kb_row *r = kb_list_current(a);
		if (r)
			return r->id;
	}
	return a->art ? a->art->id : NULL;
}

/* Edit text in $VISUAL/$EDITOR; NULL when it failed or was left empty
 * and unchanged. */
static char *external_edit(struct app *a, const char *initial, bool *changed)
{
	const char *dir = getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char path[512];
	snprintf(path, sizeof(path), "%s/kanbao-note-XXXXXX", dir);
	int fd = mkstemp(path);
	*changed = false;
	if (fd < 0) {
		kb_message(a, true, _("cannot create a file in %s: %s"), dir, strerror(errno));
		return NULL;
	}
	size_t n = initial ? strlen(initial) : 0;
	if (n && write(fd, initial, n) != (ssize_t)n) {
		close(fd);
		unlink(path);
		kb_message(a, true, _("cannot write %s"), path);
		return NULL;
	}
	close(fd);
	const char *ed = getenv("VISUAL") && *getenv("VISUAL") ? getenv("VISUAL")
			 : getenv("EDITOR") && *getenv("EDITOR") ? getenv("EDITOR") : "vi";
	kb_ui_suspend();
	pid_t pid = fork();
	if (pid == 0) {
		execlp("sh", "sh", "-c", "exec $0 \"$1\"", ed, path, (char *)NULL);
		_exit(127);
	}
	int status = 0;
	if (pid > 0)
		waitpid(pid, &status, 0);
	kb_ui_resume(a);
	FILE *f = fopen(path, "rb");
	struct kb_buf b;
	kb_buf_init(&b);
	char buf[4096];
	size_t got;
	while (f && (got = fread(buf, 1, sizeof(buf), f)) > 0)
		kb_buf_append(&b, buf, got);
	if (f)
		fclose(f);
	unlink(path);
	if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		kb_buf_finish(&b);
		kb_message(a, true, _("the editor (%s) failed; note unchanged"), ed);
		return NULL;
	}
	char *text = kb_buf_steal(&b);
	size_t l = strlen(text);
	while (l && (text[l - 1] == '\n' || text[l - 1] == ' '))
		text[--l] = '\0';
	*changed = strcmp(text, initial ? initial : "") != 0;
	return text;
}

/* The article whose note is about to be edited, as it stands now. If the
 * id is gone (another process re-imported the edition and the id changed)
 * the open article is looked for under its new id; if it cannot be found,
 * the status line says so and nothing is edited. Caller destroys. */
static struct kb_full *note_target(struct app *a, const char *id)
{
	struct kb_full *f = kb_store_get(a->store, id);
	if (f)
		return f;
	char *moved = a->art && strcmp(a->art->id, id) == 0 ? kb_find_moved(a, a->art) : NULL;
	kb_list_reload(a, moved);
	if (!moved) {
		kb_message(a, true, "%s",
			   _("this article is no longer in the library (its edition was"
			     " re-imported meanwhile): choose it again in the list"));
		return NULL;
	}
	kb_article_close(a);
	kb_article_open(a, moved);
	f = kb_store_get(a->store, moved);
	free(moved);
	return f;
}

const char *kb_quick_tag(struct app *a, int slot, char *buf, size_t n)
{
	if (slot < 1 || slot > 9)
		return NULL;
	if (a->cfg && a->cfg->quick_tags[slot - 1])
		return a->cfg->quick_tags[slot - 1];
	/* not configured: the slots not set take the most used tags, in
	 * order, skipping those configured in another slot */
	struct kb_tag_count *tc = NULL;
	size_t nt = 0;
	if (!kb_store_tags_most_used(a->store, 18, &tc, &nt))
		return NULL;
	int k = 0;
	const char *got = NULL;
	for (size_t i = 0; i < nt && !got; i++) {
		bool configured = false;
		for (int j = 0; a->cfg && j < 9; j++)
			configured |= a->cfg->quick_tags[j] && strcmp(a->cfg->quick_tags[j], tc[i].name) == 0;
		if (configured)
			continue;
		while (k < 9 && a->cfg && a->cfg->quick_tags[k])
			k++;
		if (k == slot - 1) {
			snprintf(buf, n, "%s", tc[i].name);
			got = buf;
		}
		k++;
	}
	kb_tag_counts_free(tc, nt);
	return got;
}

/* The tags line typed at t: words to add, -words to remove (t 人物 -待核),
 * applied to article id as one action (one u undoes it), and said. */
static void apply_tags(struct app *a, const char *id, char *line)
{
	struct kb_full *f = kb_store_get(a->store, id);
	if (!f) {
		kb_message(a, true, "%s", kb_store_error(a->store));
		return;
	}
	char added[300] = "", removed[300] = "", kept[300] = "";
	kb_group_begin(a);
	char *save = NULL;
	for (char *t = strtok_r(line, " \t", &save); t; t = strtok_r(NULL, " \t", &save)) {
		bool on = t[0] != '-' || !t[1];
		const char *tag = on ? t : t + 1;
		bool has = false;
		for (size_t i = 0; i < f->n_tags; i++)
			has |= strcmp(f->tags[i], tag) == 0;
		char *to = has == on ? kept : on ? added : removed;
		/* only what changes is done (and undone) */
		if (has == on || kb_do_tag(a, id, tag, on, true)) {
			size_t l = strlen(to);
			snprintf(to + l, 300 - l, "%s%s", l ? " " : "", tag);
		}
	}
	kb_group_end(a);
	kb_full_destroy(f);
	char msg[1000] = "";
	/* TRANSLATORS: between the parts of a message on the status line */
	const char *sep = _("; ");
	if (added[0])
		snprintf(msg, sizeof(msg), _("tagged %s"), added);
	if (removed[0]) {
		size_t l = strlen(msg);
		snprintf(msg + l, sizeof(msg) - l, "%s", l ? sep : "");
		l = strlen(msg);
		snprintf(msg + l, sizeof(msg) - l, _("untagged %s"), removed);
	}
	if (kept[0]) {
		size_t l = strlen(msg);
		snprintf(msg + l, sizeof(msg) - l, "%s", l ? sep : "");
		l = strlen(msg);
		snprintf(msg + l, sizeof(msg) - l, _("%s as it was"), kept);
	}
	if (added[0] || removed[0])
		kb_message(a, false, _("%s (saved) · u: undo"), msg);
	else if (kept[0])
		kb_message(a, false, "%s", msg);
}

static void tag_prompt(struct app *a, const char *id)
{
	a->in_prompt = true;
	char *line = kb_prompt(a, _("tag (spaces between, -tag removes; Tab completes): "), NULL,
			       &kb_complete_tags);
	a->in_prompt = false;
	if (!line)
		return;
	apply_tags(a, id, line);
	free(line);
}

/* The most articles e exports from the reader in one document (each is
 * held in memory until written). */
#define EXPORT_MAX 2000

/* Write arts to where (a file, or a folder: "dir/" or an existing one,
 * created when missing): one article into the folder's file holding its
 * id (or a new one), several as one document named from what is listed;
 * the user's text below the keep-marker of an existing file stays. */
static void export_to(struct app *a, const char *where, struct kb_full **arts, size_t n)
{
	const char *home = getenv("HOME") ? getenv("HOME") : ".";
	char path[2048];
	if (where[0] == '~' && where[1] == '/')
		snprintf(path, sizeof(path), "%s%s", home, where + 1);
	else
		snprintf(path, sizeof(path), "%s", where);
	struct stat sb;
	size_t pl = strlen(path);
	bool dir = (pl && path[pl - 1] == '/') || (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
	while (pl > 1 && path[pl - 1] == '/')
		path[--pl] = '\0';
	time_t t = time(NULL);
	struct tm tm;
	char when[32];
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	char *subject = n > 1 ? kb_export_subject(a->res_name ? NULL : a->res_query,
						  a->res_name ? a->res_name : a->res_tag)
			      : NULL;
	struct kb_export_opts eo = {
		.exported = when,
		.notes_as_text = a->cfg && a->cfg->export_notes_text,
		.links = a->cfg && a->cfg->export_links_markdown ? KB_LINKS_MARKDOWN : KB_LINKS_WIKI,
		.subject = subject,
	};
	char err[2048] = "";
	char *target = NULL;
	bool ok, updated = false;
	if (dir && !kb_mkdirs(path, err, sizeof(err))) {
		ok = false;
	} else if (dir && n == 1) {
		struct kb_vault *v = kb_vault_scan(path);
		ok = kb_export_article_into(path, v, arts[0], &eo, &target, &updated, err, sizeof(err));
		kb_vault_free(v);
	} else {
		char *md = n == 1 ? kb_export_article_md(arts[0], &eo) : kb_export_document_md(arts, n, &eo);
		if (dir) {
			char *name = kb_export_subject_filename(subject);
			struct kb_buf b;
			kb_buf_init(&b);
			kb_buf_printf(&b, "%s/%s", path, name);
			free(name);
			target = kb_buf_steal(&b);
		} else {
			target = kb_xstrdup(path);
		}
		ok = kb_export_write_keeping(target, md, &updated, err, sizeof(err));
		free(md);
	}
	if (ok && updated)
		kb_message(a, false,
			   ngettext("updated %zu article in %s (your text kept)",
				    "updated %zu articles in %s (your text kept)", n),
			   n, target);
	else if (ok)
		kb_message(a, false,
			   ngettext("exported %zu article to %s", "exported %zu articles to %s", n), n,
			   target);
	else
		kb_message(a, true, "%s", err);
	free(target);
	free(subject);
}

/* e: export the listed search or filter results (when the list shows
 * them and has focus), else the current article, to a file or directory
 * the user names. */
static void export_action(struct app *a, const char *id)
{
	struct kb_full **arts = NULL;
	size_t n = 0;
	if (a->results && a->focus == P_LIST && a->res.n) {
		char **ids;
		size_t n_ids;
		if (!kb_results_ids(a, &ids, &n_ids))
			return;
		if (n_ids > EXPORT_MAX) {
			kb_message(a, true,
				   _("%zu results: more than the reader exports at once (%d);"
				     " narrow the search or filter"),
				   n_ids, EXPORT_MAX);
			n_ids = 0;
		}
		arts = kb_xcalloc(n_ids + 1, sizeof(*arts));
		for (size_t i = 0; i < n_ids; i++)
			if ((arts[n] = kb_store_get(a->store, ids[i])))
				n++;
		for (size_t i = 0; i < n_ids; i++)
			free(ids[i]);
		free(ids);
		if (!n && a->msg_error)
			return;
	} else if (id) {
		arts = calloc(1, sizeof(*arts));
		if ((arts[0] = kb_store_get(a->store, id)))
			n = 1;
	}
	if (!n) {
		free(arts);
		kb_message(a, true, "%s",
			   _("nothing to export: open an article, or search or filter first"));
		return;
	}
	const char *home = getenv("HOME") ? getenv("HOME") : ".";
	char def[1024];
	snprintf(def, sizeof(def), "%s/kanbao-export/", home);
	char label[256];
	snprintf(label, sizeof(label),
		 ngettext("export %zu article to (file.md or directory/): ",
			  "export %zu articles to (file.md or directory/): ", n),
		 n);
	a->in_prompt = true;
	char *where = kb_prompt(a, label, def, NULL);
	a->in_prompt = false;
	if (where && *where)
		export_to(a, where, arts, n);
	free(where);
	for (size_t i = 0; i < n; i++)
		kb_full_destroy(arts[i]);
	free(arts);
}

static void global_action_id(struct app *a, enum action act, int slot, const char *id);

/* The actions that are no single pane's. The current article's id is
 * copied first: an annotation change reloads the article it points into. */
void kb_global_action(struct app *a, enum action act, int slot)
{
	const char *cur = kb_current_id(a);
	char *id = cur ? strdup(cur) : NULL;
	global_action_id(a, act, slot, id);
	free(id);
}

static void global_action_id(struct app *a, enum action act, int slot, const char *id)
{
	switch (act) {
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE:
		a->focus = (enum pane)((a->focus + (act == ACT_NEXT_PANE ? 1 : P_COUNT - 1)) % P_COUNT);
		kb_geometry(a);
		break;
	case ACT_NEXT_ARTICLE:
	case ACT_PREV_ARTICLE:
		kb_list_step_article(a, act == ACT_NEXT_ARTICLE ? 1 : -1);
		break;
	case ACT_NEXT_UNREAD:
	case ACT_PREV_UNREAD: {
		/* from the article open (or under the cursor), across pages and issues */
		int dir = act == ACT_NEXT_UNREAD ? 1 : -1;
		const char *from = a->art ? a->art->id : id;
		char *next = NULL;
		if (!kb_store_next_unread(a->store, from, dir, &next))
			kb_message(a, true, "%s", kb_store_error(a->store));
		else if (!next)
			kb_message(a, false, "%s",
				   dir > 0 ? _("no unread article after this one")
					   : _("no unread article before this one"));
		else if (!kb_list_goto_article(a, next, false))
			kb_message(a, true, "%s", _("the next unread article could not be shown"));
		free(next);
		break;
	}
	case ACT_TAG:
		if (id)
			tag_prompt(a, id);
		break;
	case ACT_QUICK_TAG: {
		char most[200];
		const char *tag = kb_quick_tag(a, slot, most, sizeof(most));
		if (!tag) {
			kb_message(a, true,
				   _("quick tag %d is not set (quick-tag %d NAME in the config;"
				     " unset, the slots take the most used tags)"),
				   slot, slot);
			break;
		}
		if (!id)
			break;
		struct kb_full *f = kb_store_get(a->store, id);
		bool has = false;
		for (size_t i = 0; f && i < f->n_tags; i++)
			has |= strcmp(f->tags[i], tag) == 0;
		kb_full_destroy(f);
		kb_do_tag(a, id, tag, !has, true);
		break;
	}
	case ACT_TAG_ALL: {
		if (!a->results) {
			kb_message(a, true, "%s", _("T tags every article of a search (s) or filter (f)"));
			break;
		}
		a->in_prompt = true;
		char *line = kb_prompt(a, _("tag every listed article (-tag removes): "), NULL,
				       &kb_complete_tags);
		a->in_prompt = false;
		if (!line)
			break;
		/* every result, not only those held: their ids read first, so
		 * the tags go on while no listing is being read; each tag in one
		 * transaction, the whole line one action (one u) */
		char **ids;
		size_t n_ids;
		if (!kb_results_ids(a, &ids, &n_ids)) {
			free(line);
			break;
		}
		char said[600] = "";
		bool ok = true;
		kb_group_begin(a);
		char *save = NULL;
		for (char *t = strtok_r(line, " \t", &save); t && ok; t = strtok_r(NULL, " \t", &save)) {
			bool on = t[0] != '-' || !t[1];
			size_t changed = 0;
			ok = kb_do_many(a, ids, n_ids, on ? t : t + 1, on, &changed);
			size_t l = strlen(said);
			if (ok && l)
				snprintf(said + l, sizeof(said) - l, "%s", _("; "));
			l = strlen(said);
			if (ok)
				snprintf(said + l, sizeof(said) - l,
					 on ? _("tagged %zu of %zu with %s") : _("untagged %zu of %zu of %s"),
					 changed, n_ids, on ? t : t + 1);
		}
		kb_group_end(a);
		for (size_t i = 0; i < n_ids; i++)
			free(ids[i]);
		free(ids);
		if (ok && !said[0]) {
			kb_message(a, false, "%s", _("no tag given: nothing changed"));
		} else if (ok) {
			kb_list_reload(a, NULL); /* the rows' tag marks */
			kb_message(a, false, _("%s (saved) · u: undo"), said);
		}
		free(line);
		break;
	}
	case ACT_NOTE: {
		struct kb_full *f = id ? note_target(a, id) : NULL;
		if (!f)
			break;
		a->in_prompt = true;
		char *text = kb_edit_box(a, _("note"), f->note);
		a->in_prompt = false;
		if (text && strcmp(text, f->note ? f->note : "") != 0)
			kb_save_note(a, f, text);
		free(text);
		kb_full_destroy(f);
		break;
	}
	case ACT_NOTE_EDITOR: {
		struct kb_full *f = id ? note_target(a, id) : NULL;
		if (!f)
			break;
		bool changed;
		char *text = external_edit(a, f->note, &changed);
		if (text && changed)
			kb_save_note(a, f, text);
		free(text);
		kb_full_destroy(f);
		break;
	}
	case ACT_HIGHLIGHT: {
		if (!a->selecting || !a->art) {
			kb_message(a, true, "%s", _("select a passage first: v in the article"));
			break;
		}
		size_t lo, hi;
		kb_selection_range(a, &lo, &hi);
		a->in_prompt = true;
		char *note = kb_prompt(a, _("note for the highlight (Enter: none): "), NULL, NULL);
		a->in_prompt = false;
		if (note) { /* Esc keeps the selection */
			a->selecting = false;
			if (hi > lo)
				kb_do_highlight(a, lo, hi, *note ? note : NULL,
						kb_highlight_colors[a->sel_color]);
		}
		free(note);
		break;
	}
	case ACT_DELETE:
		kb_message(a, true, "%s",
			   _("d deletes the annotation under the cursor in the notes pane (Tab to it)"));
		break;
	case ACT_UNDO:
	case ACT_REDO:
		kb_undo(a, act == ACT_REDO);
		break;
	case ACT_SEARCH:
	case ACT_FILTER: {
		bool search = act == ACT_SEARCH;
		a->in_prompt = true;
		char *q = kb_prompt(a, search ? _("search the library: ")
					      : _("narrow (words tag:X -tag:X date:2021-02 page:2 paper:… unread; "
						  "empty: all): "),
				    NULL, &kb_complete_tags);
		a->in_prompt = false;
		if (!q)
			break;
		size_t l = strlen(q);
		while (l && q[l - 1] == ' ')
			q[--l] = '\0';
		if (!*q) {
			kb_list_show_results(a, NULL, NULL);
			kb_message(a, false, "%s", _("all issues"));
		} else if (kb_list_show_results(a, search ? q : NULL, search ? NULL : q)) {
			if (a->results && a->res.n == 0) {
				/* nothing: say so, and keep what was listed */
				kb_list_show_results(a, NULL, NULL);
				kb_message(a, false, _("nothing found for %s"), q);
			} else {
				a->focus = P_LIST;
				kb_geometry(a);
			}
		}
		free(q);
		break;
	}
	case ACT_TOGGLE_READ: {
		if (!id)
			break;
		char *keep = strdup(id);
		struct kb_full *f = kb_store_get(a->store, keep);
		if (f && kb_do_read(a, keep, !f->read, true))
			kb_message(a, false, "%s",
				   f->read ? _("marked unread · u: undo") : _("marked read · u: undo"));
		kb_full_destroy(f);
		free(keep);
		break;
	}
	case ACT_EXPORT:
		export_action(a, id);
		break;
	case ACT_TAGS:
		kb_tagview_open(a);
		break;
	case ACT_HELP:
		a->help = true;
		a->help_top = 0;
		break;
	case ACT_QUIT_NOW:
		a->quit = true;
		break;
	case ACT_QUIT:
		/* one level back: the article or notes to the list, results to
		 * the issues, then out (asked first with confirm-quit on) */
		if (a->focus != P_LIST) {
			a->focus = P_LIST;
			kb_geometry(a);
			kb_message(a, false, "%s",
				   a->results ? _("q again: back to the issues") : _("q again: quit"));
		} else if (a->results) {
			kb_list_show_results(a, NULL, NULL);
			kb_message(a, false, "%s", _("back to the issues"));
		} else if (a->cfg && a->cfg->confirm_quit) {
			a->in_prompt = true;
			char *yes = kb_prompt(a, _("quit kanbao? (y: yes) "), NULL, NULL);
			a->in_prompt = false;
			if (yes && (strcmp(yes, "y") == 0 || strcmp(yes, "yes") == 0))
				a->quit = true;
			free(yes);
		} else {
			a->quit = true;
		}
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_SUSPEND:
		/* the terminal as it was, the shell's job control, then back
		 * (the reader is in raw mode: C-z reaches it as a key) */
		kb_ui_suspend();
		raise(SIGTSTP);
		kb_ui_resume(a);
		break;
	default:
		break;
	}
}

