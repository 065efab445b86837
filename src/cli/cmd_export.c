/* SPDX-License-Identifier: MIT */
/*
 * `kanbao export` and `kanbao restore`. Export writes the notes, highlights
 * and tags of the chosen articles as Markdown (one document, or one file
 * per article with --split), or every annotation as a JSON backup
 * (--format json); files are written atomically. Restore brings a backup
 * into this library, attaching annotations to the same articles or keeping
 * them detached; restoring twice changes nothing. Messages reach stderr
 * sanitised (a path or an id may hold escape sequences); the paths written
 * are printed on stdout, sanitised when it is a terminal and exact for a
 * script otherwise.
 */
#include "commands.h"
#include "json.h"
#include "opts.h"
#include "term.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/config.h"
#include "kanbao/export.h"
#include "kanbao/i18n.h"

static void export_usage(FILE *f)
{
	fprintf(f,
		_("usage: kanbao export [--tag TAG]... [--edition ED] [--article ID]... [--date FROM..TO]\n"
		  "                     [--all] [--with-text] [-o FILE|DIR [--split]]\n"
		  "                     [--format md|json|csl-json|bibtex]\n"
		  "\n"
		  "Write the notes, highlights and tags of articles as Markdown with YAML front\n"
		  "matter: one document (with contents when there are several articles, named\n"
		  "from what was asked: \"tag 郑州.md\"), or with -o DIR --split one file per\n"
		  "article named from its date and headline (the folder is created). Without\n"
		  "-o, or with -o -, the document goes to stdout.\n"
		  "\n"
		  "Exporting again updates: an article's file is found by the id in its front\n"
		  "matter anywhere under the folder, even renamed, and rewritten; what you\n"
		  "write below its last line, %s,\n"
		  "is kept. Settings (config, or --config FILE before export):\n"
		  "export-notes-as markdown|text (notes are Markdown by default),\n"
		  "export-links wiki|markdown (the contents' links).\n"
		  "\n"
		  "  --article ID   this article (repeatable)\n"
		  "  --tag, --edition, --date   the annotated articles matching the filters\n"
		  "  --all          every annotated article\n"
		  "  --with-text    add the article text with the highlights marked\n"
		  "                 (and include matching articles without annotations)\n"
		  "  -o, --output FILE|DIR|-   where to write (- or none: stdout)\n"
		  "  --format json  a backup of every annotation (for kanbao restore)\n"
		  "  --format csl-json, --format bibtex\n"
		  "                 the articles as citations for a reference manager\n"
		  "                 (Zotero, pandoc, biblatex): headline, authors, paper,\n"
		  "                 page, date, note and tags; one file, no --split\n"
		  "  --db PATH      the library (default: $KANBAO_DB, else\n"
		  "                 $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		  "  --help         show this help\n"
		  "Files are written atomically: a failed export leaves any old file whole.\n"),
		KB_EXPORT_MARKER);
}

static void restore_usage(FILE *f)
{
	fputs(_("usage: kanbao restore [--db PATH] FILE|-\n"
		"\n"
		"Bring the annotations of a backup (kanbao export --format json) into this\n"
		"library: attached to the same articles where their editions are imported,\n"
		"detached (see kanbao detached) otherwise. Restoring twice changes nothing.\n"
		"- reads the backup from standard input.\n"
		"\n"
		"  --db PATH   the library (default: $KANBAO_DB, else\n"
		"              $XDG_DATA_HOME/kanbao/kanbao.db)\n"
		"  --help      show this help\n"),
	      f);
}

static bool ends_slash(const char *p)
{
	size_t n = strlen(p);
	return n && p[n - 1] == '/';
}

static void quiet(void *ctx, const char *path, size_t line, const char *msg)
{
	(void)ctx, (void)path, (void)line, (void)msg; /* the reader reports the config */
}

/* What a document of several articles holds, from what was asked: "tag
 * 郑州 2021-02-01..2021-02-28", "3 articles", "all annotations". Caller
 * frees. */
static char *export_subject(const struct kb_filter *f, size_t n_ids, bool all)
{
	struct kb_buf q;
	kb_buf_init(&q);
	for (size_t i = 0; i < f->n_tags; i++)
		kb_buf_printf(&q, "%stag:%s", q.len ? " " : "", f->tags[i]);
	if (f->paper)
		kb_buf_printf(&q, "%spaper:%s", q.len ? " " : "", f->paper);
	if (f->edition)
		kb_buf_printf(&q, "%sedition:%s", q.len ? " " : "", f->edition);
	if (f->date_from || f->date_to) {
		const char *a = f->date_from ? f->date_from : "", *b = f->date_to ? f->date_to : "";
		if (strcmp(a, b) == 0)
			kb_buf_printf(&q, "%sdate:%s", q.len ? " " : "", a);
		else
			kb_buf_printf(&q, "%sdate:%s..%s", q.len ? " " : "", a, b);
	}
	if (f->unread)
		kb_buf_printf(&q, "%sunread", q.len ? " " : "");
	char *s;
	if (q.len)
		s = kb_export_subject(NULL, q.data);
	else if (n_ids && !all) {
		struct kb_buf b;
		kb_buf_init(&b);
		/* not translated: it names the document's file, which must stay
		 * the same to be updated whatever the locale */
		kb_buf_printf(&b, "%zu articles", n_ids);
		s = kb_buf_steal(&b);
	} else {
		s = kb_xstrdup("all annotations");
	}
	kb_buf_finish(&q);
	return s;
}

/* Does the article carry anything worth exporting? */
static bool annotated(const struct kb_full *a)
{
	return a->n_tags || a->note || a->n_highlights;
}

static bool is_dir(const char *p)
{
	struct stat sb;
	return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Write text to path (atomically) or stdout (NULL path; main reports a
 * failed write there). */
static bool emit(const char *path, const char *text)
{
	if (!path)
		return kb_term_out(text, strlen(text));
	char err[2048];
	if (!kb_write_atomic(path, text, strlen(text), err, sizeof(err))) {
		kb_term_error(NULL, err);
		return false;
	}
	return true;
}

static const char *iso_now(void)
{
	static char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

int kb_cmd_export(int argc, char **argv, const struct kb_cli_globals *g)
{
	/* export's own options first; the filters go to the shared parser */
	const char **ids = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	char **rest = kb_xcalloc((size_t)argc + 1, sizeof(char *));
	size_t n_ids = 0;
	int n_rest = 0;
	const char *out = NULL, *format = "md";
	bool all = false, split = false, with_text = false, bad = false;
	rest[n_rest++] = argv[0];
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		bool has = i + 1 < argc;
		if (strcmp(a, "--article") == 0 && has)
			ids[n_ids++] = argv[++i];
		else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) && has)
			out = argv[++i];
		else if (strcmp(a, "--format") == 0 && has)
			format = argv[++i];
		else if (strcmp(a, "--all") == 0)
			all = true;
		else if (strcmp(a, "--split") == 0)
			split = true;
		else if (strcmp(a, "--with-text") == 0)
			with_text = true;
		else if (strcmp(a, "--article") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "--format") == 0)
			bad = true;
		else
			rest[n_rest++] = argv[i];
	}
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, n_rest, rest, KB_OPT_FILTER, g->db);
	int status = 2;
	if (pr == KB_OPTS_HELP) {
		export_usage(stdout);
		status = 0;
		goto done;
	}
	bool cite = strcmp(format, "csl-json") == 0 || strcmp(format, "bibtex") == 0;
	bool known = cite || strcmp(format, "md") == 0 || strcmp(format, "json") == 0;
	if (pr != KB_OPTS_OK || bad || o.n_args || !known) {
		if (!known)
			kb_term_eprintf(_("kanbao export: --format is md, json, csl-json or bibtex,"
					  " not %s"),
					format);
		export_usage(stderr);
		goto done;
	}
	if (cite && split) {
		kb_term_eprintf(_("kanbao export: --split writes Markdown files; --format %s is"
				  " one file (-o FILE) or stdout"),
				format);
		goto done;
	}
	bool filtered = o.filter.n_tags || o.filter.edition || o.filter.date_from ||
			o.filter.date_to || o.filter.unread;
	if (strcmp(format, "json") != 0 && !all && !filtered && !n_ids) {
		fputs(_("kanbao export: say what to export: --article ID, --tag, --edition, --date"
			" or --all\n"),
		      stderr);
		goto done;
	}
	if (out && strcmp(out, "-") == 0)
		out = NULL; /* -o -: stdout */
	if (split && !out) {
		fputs(_("kanbao export: --split needs -o DIR (a folder, created when missing)\n"),
		      stderr);
		goto done;
	}
	struct kb_store *s = kb_opts_open(&o);
	status = 1;
	if (!s)
		goto done;
	if (strcmp(format, "json") == 0) {
		char *json = kb_store_backup_json(s);
		struct kb_buf safe;
		kb_buf_init(&safe);
		if (json) /* safe to print, the same once parsed */
			kb_json_safe_document(&safe, json);
		if (!json)
			kb_term_error(NULL, kb_store_error(s));
		else if (emit(out, safe.data ? safe.data : ""))
			status = 0;
		kb_buf_finish(&safe);
		free(json);
		kb_store_close(s);
		goto done;
	}
	/* the articles: named ones, else those the filters (or --all) find */
	struct kb_full **arts = NULL;
	size_t n = 0, cap = 0;
	bool ok = true;
	if (n_ids) {
		for (size_t i = 0; i < n_ids; i++) {
			struct kb_full *a = kb_store_get(s, ids[i]);
			if (!a) {
				kb_term_error(ids[i], kb_store_error(s));
				ok = false;
				continue;
			}
			void *v = arts;
			kb_xgrow(&v, &cap, n + 1, sizeof(*arts));
			arts = v;
			arts[n++] = a;
		}
	} else {
		struct kb_rows rows;
		if (!kb_store_list(s, &o.filter, &rows)) {
			kb_term_error(NULL, kb_store_error(s));
			ok = false;
			rows.n = 0;
			rows.v = NULL;
		}
		for (size_t i = 0; i < rows.n; i++) {
			struct kb_full *a = kb_store_get(s, rows.v[i].id);
			if (!a)
				continue;
			if (!annotated(a) && !with_text) {
				kb_full_destroy(a);
				continue;
			}
			void *v = arts;
			kb_xgrow(&v, &cap, n + 1, sizeof(*arts));
			arts = v;
			arts[n++] = a;
		}
		kb_rows_finish(&rows);
	}
	/* the export settings of the config (export-notes-as, export-links) */
	struct kb_config cfg;
	if (kb_config_load(&cfg, g->config, quiet, NULL) && g->config && !cfg.path)
		kb_term_error(g->config, _("no such config file; using the default settings"));
	char *subject = export_subject(&o.filter, n_ids, all);
	struct kb_export_opts eo = {
		.with_text = with_text,
		.exported = iso_now(),
		.notes_as_text = cfg.export_notes_text,
		.links = cfg.export_links_markdown ? KB_LINKS_MARKDOWN : KB_LINKS_WIKI,
		.subject = subject,
	};
	kb_config_finish(&cfg);
	if (ok && n == 0) {
		fputs(_("kanbao export: no annotated article matches (--with-text exports the text"
			" of articles without annotations)\n"),
		      stderr);
		ok = false;
	}
	size_t written = 0, updated = 0;
	if (ok && cite) { /* one file of citations; in a directory, named for its format */
		bool csl = strcmp(format, "csl-json") == 0;
		char *text = csl ? kb_export_csl_json(arts, n) : kb_export_bibtex(arts, n);
		char *joined = NULL;
		if (out && is_dir(out)) {
			size_t pl = strlen(out) + 32;
			joined = kb_xmalloc(pl);
			snprintf(joined, pl, "%s/kanbao-export.%s", out, csl ? "json" : "bib");
		}
		const char *target = joined ? joined : out;
		if (emit(target, text)) {
			written = n;
			if (target)
				kb_term_print_path(target);
		} else {
			ok = false;
		}
		free(joined);
		free(text);
	} else if (ok && !out) {
		char *md = n == 1 ? kb_export_article_md(arts[0], &eo)
				  : kb_export_document_md(arts, n, &eo);
		if (emit(NULL, md))
			written = n;
		else
			ok = false;
		free(md);
	} else if (ok && (split || (n == 1 && (is_dir(out) || ends_slash(out))))) {
		/* into a folder: each article into the file holding its id
		 * (wherever it is under the folder, however renamed), else a
		 * new file named from its date and title */
		char err[2048];
		struct kb_vault *v = NULL;
		if (!kb_mkdirs(out, err, sizeof(err))) {
			kb_term_error(NULL, err);
			ok = false;
		} else {
			v = kb_vault_scan(out);
		}
		for (size_t i = 0; ok && i < n; i++) {
			char *path;
			bool was;
			if (kb_export_article_into(out, v, arts[i], &eo, &path, &was, err, sizeof(err))) {
				written++;
				updated += was;
				kb_term_print_path(path);
				free(path);
			} else {
				kb_term_error(NULL, err);
				ok = false;
			}
		}
		kb_vault_free(v);
	} else if (ok) {
		/* one file: the path, or in a folder the subject's name */
		char err[2048];
		char *target = NULL;
		if (is_dir(out) || ends_slash(out)) {
			if (kb_mkdirs(out, err, sizeof(err))) {
				char *name = kb_export_subject_filename(subject);
				struct kb_buf b;
				kb_buf_init(&b);
				kb_buf_printf(&b, "%s%s%s", out, ends_slash(out) ? "" : "/", name);
				free(name);
				target = kb_buf_steal(&b);
			}
		} else {
			target = kb_xstrdup(out);
		}
		char *md = n == 1 ? kb_export_article_md(arts[0], &eo)
				  : kb_export_document_md(arts, n, &eo);
		bool was = false;
		if (target && kb_export_write_keeping(target, md, &was, err, sizeof(err))) {
			written = n;
			updated = was ? n : 0;
			kb_term_print_path(target);
		} else {
			kb_term_error(NULL, err);
			ok = false;
		}
		free(md);
		free(target);
	}
	if (out && updated)
		fprintf(stderr,
			ngettext("exported %zu article (%zu updated, your text below the marker kept)\n",
				 "exported %zu articles (%zu updated, your text below the marker"
				 " kept)\n",
				 written),
			written, updated);
	else if (out)
		fprintf(stderr, ngettext("exported %zu article\n", "exported %zu articles\n", written),
			written);
	free(subject);
	for (size_t i = 0; i < n; i++)
		kb_full_destroy(arts[i]);
	free(arts);
	kb_store_close(s);
	status = ok ? 0 : 1;
done:
	kb_opts_finish(&o);
	free(ids);
	free(rest);
	return status;
}

int kb_cmd_restore(int argc, char **argv, const struct kb_cli_globals *g)
{
	struct kb_opts o;
	enum kb_opts_result pr = kb_opts_parse(&o, argc, argv, 0, g->db);
	if (pr != KB_OPTS_OK || o.n_args != 1) {
		restore_usage(pr == KB_OPTS_HELP ? stdout : stderr);
		kb_opts_finish(&o);
		return pr == KB_OPTS_HELP ? 0 : 2;
	}
	const char *path = o.args[0];
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		kb_term_error(path, strerror(errno));
		kb_opts_finish(&o);
		return 1;
	}
	struct kb_buf b;
	kb_buf_init(&b);
	char buf[65536];
	size_t got;
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		kb_buf_append(&b, buf, got);
	bool read_ok = !ferror(f); /* a backup read in part is no backup */
	int read_errno = errno;
	if (f != stdin)
		fclose(f);
	if (!read_ok) {
		kb_term_errorf(path, _("cannot read: %s"), strerror(read_errno));
		kb_buf_finish(&b);
		kb_opts_finish(&o);
		return 1;
	}
	int status = 1;
	struct kb_store *s = kb_opts_open(&o);
	if (s) {
		struct kb_restore_stats st = {0};
		if (kb_store_restore_json(s, b.data ? b.data : "", &st)) {
			/* an acknowledgment, as tagged and noted: not translated */
			printf("restored: %zu added (%zu on articles not in this library, kept detached),"
			       " %zu already there\n", st.added, st.detached, st.unchanged);
			status = 0;
		} else {
			kb_term_error(path, kb_store_error(s));
		}
		kb_store_close(s);
	}
	kb_buf_finish(&b);
	kb_opts_finish(&o);
	return status;
}
