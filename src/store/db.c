/* SPDX-License-Identifier: MIT */
/*
 * Opening the library: where it lives, the connection settings that keep
 * two kanbao processes working side by side (WAL, a busy timeout, writers in
 * BEGIN IMMEDIATE), and the schema as numbered migrations under
 * PRAGMA user_version, each in one transaction. A database made by a newer
 * kanbao is refused rather than rewritten.
 */
#include "store_int.h"

#include <errno.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "kanbao/fts.h"

/* The schema, one migration per entry; entry i brings user_version i to i+1.
 * Never edit a migration that has shipped: add one. */
static const char *const migrations[] = {
	/* 1: editions, articles, their search index, annotations */
	"CREATE TABLE edition("
	"  id INTEGER PRIMARY KEY,"
	"  source TEXT NOT NULL UNIQUE,"  /* path as imported (absolute) */
	"  name TEXT NOT NULL,"           /* file name */
	"  hash TEXT NOT NULL,"           /* SHA-256 of the file's bytes */
	"  size INTEGER NOT NULL, mtime INTEGER NOT NULL," /* to skip by stat */
	"  encoding TEXT, paper TEXT, date TEXT, page TEXT, title TEXT,"
	"  parser INTEGER NOT NULL,"      /* KB_PARSER_VERSION that read it */
	"  imported_at TEXT NOT NULL);"
	"CREATE INDEX edition_hash ON edition(hash);"
	"CREATE INDEX edition_order ON edition(date, page, name);"
	"CREATE TABLE article("
	"  n INTEGER PRIMARY KEY,"        /* rowid, also the search index's */
	"  id TEXT NOT NULL UNIQUE,"      /* stable id */
	"  edition INTEGER NOT NULL REFERENCES edition(id),"
	"  ord INTEGER NOT NULL,"         /* position on the page */
	"  kicker TEXT, title TEXT NOT NULL, subtitle TEXT,"
	"  authors TEXT NOT NULL,"        /* role TAB name, one per line */
	"  kinds TEXT NOT NULL,"          /* p or h per block */
	"  body TEXT NOT NULL,"           /* the blocks joined by LF */
	"  heads TEXT NOT NULL,"          /* kicker, title, subtitle: searched */
	"  annot TEXT NOT NULL DEFAULT '');" /* note and highlight notes: searched */
	"CREATE INDEX article_edition ON article(edition, ord);"
	"CREATE VIRTUAL TABLE search USING fts5(heads, body, annot,"
	"  content='article', content_rowid='n', tokenize='kanbao');"
	/* rank: bm25 with headlines weighted; FTS5 sorts by it itself */
	"INSERT INTO search(search, rank) VALUES('rank', 'bm25(10.0, 1.0, 2.0)');"
	"CREATE TABLE tag(article TEXT NOT NULL, name TEXT NOT NULL, at TEXT NOT NULL,"
	"  PRIMARY KEY(article, name)) WITHOUT ROWID;"
	"CREATE INDEX tag_name ON tag(name);"
	"CREATE TABLE note(article TEXT PRIMARY KEY, text TEXT NOT NULL,"
	"  at TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE highlight(id INTEGER PRIMARY KEY, article TEXT NOT NULL,"
	"  quote TEXT NOT NULL, prefix TEXT NOT NULL, suffix TEXT NOT NULL,"
	"  start INTEGER NOT NULL, end INTEGER NOT NULL, note TEXT,"
	"  detached INTEGER NOT NULL DEFAULT 0, at TEXT NOT NULL);"
	"CREATE INDEX highlight_article ON highlight(article);"
	"CREATE TABLE read(article TEXT PRIMARY KEY, at TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE seen(article TEXT PRIMARY KEY, title TEXT NOT NULL,"
	"  edition TEXT NOT NULL) WITHOUT ROWID;",
	/* 2: each edition keeps its article count (the reader's first screen
	 * then reads no article index); search ranks with headlines weighted */
	"ALTER TABLE edition ADD COLUMN articles INTEGER NOT NULL DEFAULT 0;"
	"UPDATE edition SET articles = (SELECT count(*) FROM article WHERE article.edition = edition.id);"
	"INSERT INTO search(search, rank) VALUES('rank', 'bm25(10.0, 1.0, 2.0)');",
	/* 3: the reading order as one indexed key (paper, date, page, name),
	 * so a listing reads only the rows it shows; articles numbered in date
	 * order (rowid = day << 20 | sequence), so a search walking the index
	 * newest first stops at its limit; a search index without positions
	 * (detail=none, a sixth of the size), phrases confirmed against the
	 * text (fts_match.c). The articles are copied once and indexed again. */
	"ALTER TABLE edition ADD COLUMN sortkey TEXT NOT NULL DEFAULT '';"
	"UPDATE edition SET sortkey = " KB_EDITION_SORTKEY ";"
	"DROP INDEX IF EXISTS edition_order;"
	"CREATE INDEX edition_sort ON edition(sortkey, id);"
	"CREATE TABLE article_v3("
	"  n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,"
	"  edition INTEGER NOT NULL REFERENCES edition(id), ord INTEGER NOT NULL,"
	"  kicker TEXT, title TEXT NOT NULL, subtitle TEXT, authors TEXT NOT NULL,"
	"  kinds TEXT NOT NULL, body TEXT NOT NULL, heads TEXT NOT NULL,"
	"  annot TEXT NOT NULL DEFAULT '');"
	"INSERT INTO article_v3(n, id, edition, ord, kicker, title, subtitle, authors, kinds, body,"
	"  heads, annot)"
	" SELECT (" KB_EDITION_DAY("e.date") " << 20) + row_number() OVER"
	"   (PARTITION BY " KB_EDITION_DAY("e.date") " ORDER BY e.sortkey, e.id, a.ord) - 1,"
	"  a.id, a.edition, a.ord, a.kicker, a.title, a.subtitle, a.authors, a.kinds, a.body,"
	"  a.heads, a.annot FROM article a JOIN edition e ON e.id = a.edition;"
	"DROP TABLE search;"
	"DROP TABLE article;"
	"ALTER TABLE article_v3 RENAME TO article;"
	"CREATE INDEX article_edition ON article(edition, ord);"
	"CREATE VIRTUAL TABLE search USING fts5(heads, body, annot,"
	"  content='article', content_rowid='n', tokenize='kanbao', detail=none);"
	"INSERT INTO search(search, rank) VALUES('rank', 'bm25(10.0, 1.0, 2.0)');"
	"INSERT INTO search(search) VALUES('rebuild');",
	/* 4: a smaller, quicker index. The searched headline is made from
	 * kicker, title and subtitle when read, not stored twice; the index,
	 * keeping no positions, takes each distinct token of an article once
	 * ('kanbao set'); its segments merge sixteen at a time, not four, so
	 * each level's data is rewritten half as often (an import into a
	 * 100,000-edition library a quarter faster; a search reads at most a
	 * few more segments). */
	"ALTER TABLE article DROP COLUMN heads;"
	"ALTER TABLE article ADD COLUMN heads TEXT GENERATED ALWAYS AS"
	"  (coalesce(kicker || char(10), '') || title || coalesce(char(10) || subtitle, ''))"
	"  VIRTUAL;"
	"DROP TABLE search;"
	"CREATE VIRTUAL TABLE search USING fts5(heads, body, annot,"
	"  content='article', content_rowid='n', tokenize='kanbao set', detail=none);"
	"INSERT INTO search(search, rank) VALUES('rank', 'bm25(10.0, 1.0, 2.0)');"
	"INSERT INTO search(search, rank) VALUES('automerge', 16);"
	"INSERT INTO search(search) VALUES('rebuild');",
	/* 5: an edition's articles in page order with their ids and titles in
	 * the index itself: the list's rows (an edition's first headline, its
	 * unread count) read no article, each of which is a page of text of
	 * its own (the first screen of a 100,000-edition library had to read
	 * a few hundred of them) */
	"CREATE INDEX article_place ON article(edition, ord, id, title);"
	"DROP INDEX article_edition;",
	/* 6: the reader's tree: paper, issue newest first, page (issue, rkey:
	 * KB_EDITION_ISSUE, KB_EDITION_RKEY), generated from the edition's
	 * columns and kept in two indexes: the tree reads its rows by keyset
	 * on rkey, an issue's counts from its range of edition_issue */
	"ALTER TABLE edition ADD COLUMN issue TEXT GENERATED ALWAYS AS (" KB_EDITION_ISSUE ") VIRTUAL;"
	"ALTER TABLE edition ADD COLUMN rkey TEXT GENERATED ALWAYS AS (" KB_EDITION_RKEY ") VIRTUAL;"
	"CREATE INDEX edition_tree ON edition(rkey, id);"
	"CREATE INDEX edition_issue ON edition(issue, articles);",
	/* 7: a highlight's colour, one of kb_highlight_colors (Zotero's set);
	 * NULL is yellow, the default, so older highlights need no rewrite */
	"ALTER TABLE highlight ADD COLUMN color TEXT;",
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

bool kb_store_fail(struct kb_store *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	int code = s->db ? sqlite3_errcode(s->db) : SQLITE_OK;
	if (code != SQLITE_OK && code != SQLITE_ROW && code != SQLITE_DONE && n >= 0 &&
	    (size_t)n < sizeof(s->err))
		snprintf(s->err + n, sizeof(s->err) - (size_t)n, ": %s", sqlite3_errmsg(s->db));
	return false;
}

const char *kb_store_error(const struct kb_store *s)
{
	return s->err;
}

sqlite3_stmt *kb_store_prepare(struct kb_store *s, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		kb_store_fail(s, "%s: cannot prepare a statement", s->path);
		return NULL;
	}
	return st;
}

sqlite3_stmt *kb_store_cached(struct kb_store *s, const char *sql)
{
	for (size_t i = 0; i < s->n_cache; i++)
		if (s->cache[i].sql == sql)
			return s->cache[i].st;
	if (s->n_cache == sizeof(s->cache) / sizeof(s->cache[0])) {
		/* more statements than places: a programming error, seen in tests */
		if (kb_fatal_hook)
			kb_fatal_hook();
		fprintf(stderr, "kanbao: kb_store_cached: too many statements\n");
		abort();
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		kb_store_fail(s, "%s: cannot prepare a statement", s->path);
		return NULL;
	}
	s->cache[s->n_cache].sql = sql;
	s->cache[s->n_cache++].st = st;
	return st;
}

void kb_store_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

bool kb_store_exec(struct kb_store *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return kb_store_fail(s, "%s", s->path);
	return true;
}

bool kb_store_begin(struct kb_store *s)
{
	if (s->readonly)
		return kb_store_fail(s, "%s: the library is read-only (its file, directory or disk"
				     " cannot be written): it can be read and searched, not changed",
				     s->path);
	return kb_store_batch_flush(s) && kb_store_exec(s, "BEGIN IMMEDIATE");
}

bool kb_store_pending(struct kb_store *s, int64_t n, bool drop)
{
	for (size_t i = 0; i < s->n_pending; i++) {
		if (s->pending[i] != n)
			continue;
		if (drop)
			s->pending[i] = s->pending[--s->n_pending];
		return true;
	}
	return false;
}

/* Index the articles the open batch added, in one go. One single-row
 * INSERT ... VALUES per article: an INSERT ... SELECT would open a statement
 * savepoint each time, and an FTS5 savepoint writes out its pending terms,
 * three times slower in all. */
static bool index_pending(struct kb_store *s)
{
	if (!s->n_pending)
		return true;
	sqlite3_stmt *rd = kb_store_prepare(s, "SELECT heads, body, annot FROM article WHERE n=?1");
	sqlite3_stmt *st = kb_store_prepare(s,
		"INSERT INTO search(rowid, heads, body, annot) VALUES(?1, ?2, ?3, ?4)");
	bool ok = rd && st;
	for (size_t i = 0; ok && i < s->n_pending; i++) {
		sqlite3_reset(rd);
		sqlite3_bind_int64(rd, 1, s->pending[i]);
		int rc = sqlite3_step(rd);
		if (rc == SQLITE_DONE)
			continue; /* removed again within the batch */
		if (rc != SQLITE_ROW) {
			ok = kb_store_fail(s, "%s: cannot index the imported articles", s->path);
			break;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, s->pending[i]);
		for (int c = 0; c < 3; c++)
			sqlite3_bind_value(st, c + 2, sqlite3_column_value(rd, c));
		ok = sqlite3_step(st) == SQLITE_DONE ||
		     kb_store_fail(s, "%s: cannot index the imported articles", s->path);
	}
	sqlite3_finalize(rd);
	sqlite3_finalize(st);
	s->n_pending = 0;
	return ok;
}

bool kb_store_batch_lost(struct kb_store *s)
{
	if (!s->batch_open || !sqlite3_get_autocommit(s->db))
		return false;
	/* the transaction is gone, rolled back by SQLite after an error:
	 * nothing of the batch was written, nothing is waiting any more */
	s->lost = s->batch_editions;
	s->batch_open = false;
	s->batch_editions = 0;
	s->n_pending = 0;
	kb_store_exec(s, "PRAGMA synchronous=FULL");
	return true;
}

size_t kb_store_lost(const struct kb_store *s)
{
	return s->lost;
}

bool kb_store_batch_flush(struct kb_store *s)
{
	if (!s->batch_open)
		return true;
	size_t editions = s->batch_editions;
	s->lost = 0;
	if (kb_store_batch_lost(s))
		return kb_store_fail(s, "%s: the last %zu editions imported were not saved"
				     " (the transaction was rolled back): import again", s->path,
				     editions);
	s->batch_open = false;
	s->batch_editions = 0;
	s->lost = 0;
	bool ok = index_pending(s);
	if (ok) {
		ok = kb_store_commit(s);
		if (!ok)
			s->lost = editions;
	} else {
		s->lost = editions;
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		kb_store_rollback(s);
		memcpy(s->err, keep, sizeof(keep));
	}
	kb_store_exec(s, "PRAGMA synchronous=FULL");
	return ok;
}

bool kb_store_batch(struct kb_store *s, bool on)
{
	bool ok = kb_store_batch_flush(s);
	s->batch = on;
	/* each edition is a savepoint, whose journal of the pages it changed
	 * goes to a temporary file past 64 KiB: in memory, a third fewer
	 * writes. (Only while importing: a VACUUM would then build its copy
	 * of the whole library in memory.) */
	if (!s->readonly)
		kb_store_exec(s, on ? "PRAGMA temp_store=MEMORY" : "PRAGMA temp_store=DEFAULT");
	return ok;
}

bool kb_store_commit(struct kb_store *s)
{
	if (kb_store_exec(s, "COMMIT"))
		return true;
	kb_store_rollback(s);
	return false;
}

void kb_store_rollback(struct kb_store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int kb_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

char *kb_column_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? kb_xstrdup((const char *)t) : NULL;
}

const char *kb_now(void)
{
	static char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf;
}

char *kb_store_default_path(void)
{
	const char *env = getenv("KANBAO_DB");
	if (env && *env)
		return kb_xstrdup(env);
	struct kb_buf b;
	kb_buf_init(&b);
	const char *xdg = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");
	if (!home || home[0] != '/') {
		/* HOME unset (cron, a service): the account's home, never the
		 * current directory */
		struct passwd *pw = getpwuid(getuid());
		home = pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
	}
	if (xdg && xdg[0] == '/')
		kb_buf_printf(&b, "%s/kanbao/kanbao.db", xdg);
	else if (home)
		kb_buf_printf(&b, "%s/.local/share/kanbao/kanbao.db", home);
	else
		return NULL;
	return kb_buf_steal(&b);
}

/* mkdir -p of the directory that will hold path. */
static bool make_parent(const char *path, char *err, size_t errlen)
{
	char *dir = kb_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir) {
		free(dir);
		return true;
	}
	*slash = '\0';
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(dir, 0700);
		*p = '/';
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s: cannot create the directory: %s", dir, strerror(errno));
		free(dir);
		return false;
	}
	free(dir);
	return true;
}

/* Bring the schema up to date, each migration in its own transaction. */
static bool migrate(struct kb_store *s)
{
	sqlite3_stmt *st = kb_store_prepare(s, "PRAGMA user_version");
	if (!st)
		return false;
	int version = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (version < 0)
		return kb_store_fail(s, "%s: not a kanbao database (cannot read its version)", s->path);
	if (version > N_MIGRATIONS)
		return kb_store_fail(s, "%s: made by a newer kanbao (schema %d, this program knows %d);"
				     " upgrade kanbao to open it", s->path, version, N_MIGRATIONS);
	if (s->readonly && version == 0)
		return kb_store_fail(s, "%s: not a kanbao library, and read-only", s->path);
	bool vacuum = false;
	for (int v = version; v < N_MIGRATIONS; v++) {
		char pragma[64];
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version=%d", v + 1);
		if (!kb_store_begin(s))
			return false;
		/* check inside the transaction: another process may have migrated */
		st = kb_store_prepare(s, "PRAGMA user_version");
		int now = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
		sqlite3_finalize(st);
		if (now > v) {
			kb_store_rollback(s);
			v = now - 1;
			continue;
		}
		if (!kb_store_exec(s, migrations[v]) || !kb_store_exec(s, pragma)) {
			/* SQLite's reason, taken before the rollback replaces it
			 * (s->err holds it after the path, which is said once) */
			char why[256];
			snprintf(why, sizeof(why), "%s", sqlite3_errmsg(s->db));
			kb_store_rollback(s);
			snprintf(s->err, sizeof(s->err), "%s: schema migration %d failed: %s",
				 s->path, v + 1, why);
			return false;
		}
		if (!kb_store_commit(s))
			return false;
		/* migrations 3 and 4 rewrote every article and the index: give
		 * the old pages back, once, after the last of them */
		vacuum |= v + 1 == 3 || v + 1 == 4;
	}
	if (vacuum && !kb_store_exec(s, "VACUUM"))
		return false;
	return true;
}

/* Is the path something a library cannot be: empty, or SQLite's
 * in-memory database (which would take an import and keep nothing)? */
static bool not_a_file(const char *path)
{
	return !*path || strcmp(path, ":memory:") == 0 || strncmp(path, "file:", 5) == 0;
}

/* Can the library at path be written: the file (if there) and its
 * directory (for the WAL's -wal and -shm files)? */
static bool writable(const char *path)
{
	char *dir = kb_xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash)
		slash == dir ? (void)(slash[1] = '\0') : (void)(*slash = '\0');
	bool ok = access(slash ? dir : ".", W_OK) == 0 && (access(path, F_OK) != 0 ||
							    access(path, W_OK) == 0);
	/* root passes access(); a read-only mount still says no */
	struct statvfs vs;
	if (ok && statvfs(slash ? dir : ".", &vs) == 0 && (vs.f_flag & ST_RDONLY))
		ok = false;
	free(dir);
	return ok;
}

/* Open the connection: read-write (created if absent) where the library can
 * be written, else read-only, so that a library on a read-only disk or in a
 * read-only directory can still be read and searched. A WAL library whose
 * directory cannot hold the -shm file is opened immutable. */
static bool connect(struct kb_store *s, char *err, size_t errlen)
{
	if (writable(s->path)) {
		if (sqlite3_open_v2(s->path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
				    NULL) == SQLITE_OK)
			return true;
	} else {
		static const char *const how[] = { "?mode=ro", "?immutable=1" };
		for (size_t i = 0; i < 2; i++) {
			sqlite3_close_v2(s->db);
			s->db = NULL;
			struct kb_buf uri;
			kb_buf_init(&uri);
			kb_buf_puts(&uri, "file:");
			for (const char *p = s->path; *p; p++) /* URI escapes */
				if (*p == '?' || *p == '#' || *p == '%')
					kb_buf_printf(&uri, "%%%02X", (unsigned char)*p);
				else
					kb_buf_putc(&uri, *p);
			kb_buf_puts(&uri, how[i]);
			int rc = sqlite3_open_v2(uri.data, &s->db,
						 SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
			kb_buf_finish(&uri);
			s->readonly = true;
			if (rc == SQLITE_OK && sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_master",
							    NULL, NULL, NULL) == SQLITE_OK)
				return true;
		}
	}
	snprintf(err, errlen, "%s: cannot open the database: %s", s->path,
		 s->db ? sqlite3_errmsg(s->db) : "out of memory");
	return false;
}

struct kb_store *kb_store_open(const char *path, char *err, size_t errlen)
{
	if (!path) {
		snprintf(err, errlen, "no library path: set HOME or KANBAO_DB, or give --db PATH");
		return NULL;
	}
	if (not_a_file(path)) {
		snprintf(err, errlen, "\"%s\": a library must be a file: give its path", path);
		return NULL;
	}
	struct stat sb;
	if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0) {
		snprintf(err, errlen, "%s: the file is empty (0 bytes), not a kanbao library; if it"
			 " was one it was lost: move it aside and restore a backup, or remove it"
			 " to start a new library", path);
		return NULL;
	}
	if (access(path, F_OK) != 0 && !make_parent(path, err, errlen))
		return NULL;
	struct kb_store *s = kb_xcalloc(1, sizeof(*s));
	s->path = kb_xstrdup(path);
	if (!connect(s, err, errlen)) {
		kb_store_close(s);
		return NULL;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 10000);
	/* A file that is not a database fails here, at the first read. */
	if ((!s->readonly && (!kb_store_exec(s, "PRAGMA journal_mode=WAL") ||
			      !kb_store_exec(s, "PRAGMA synchronous=FULL"))) ||
	    !kb_store_exec(s, "PRAGMA foreign_keys=ON") ||
	    kb_fts_register(s->db) != SQLITE_OK || !migrate(s)) {
		snprintf(err, errlen, "%s", s->err[0] ? s->err : "cannot set up the database");
		if (strstr(err, "not a database") || strstr(err, "malformed"))
			snprintf(err + strlen(err), errlen - strlen(err),
				 " (the file is damaged or not a kanbao database; "
				 "move it aside and re-import, or restore a backup)");
		kb_store_close(s);
		return NULL;
	}
	return s;
}

void kb_store_close(struct kb_store *s)
{
	if (!s)
		return;
	kb_store_batch_flush(s);
	free(s->pending);
	free(s->default_paper);
	sqlite3_finalize(s->st_annotated);
	for (size_t i = 0; i < s->n_cache; i++)
		sqlite3_finalize(s->cache[i].st);
	sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

bool kb_store_remember(struct kb_store *s, const char *id)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"INSERT OR REPLACE INTO seen(article, title, edition)"
		" SELECT a.id, a.title, e.name FROM article a JOIN edition e ON e.id = a.edition"
		" WHERE a.id = ?1");
	if (!st)
		return false;
	sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || kb_store_fail(s, "%s: cannot record article %s", s->path, id);
}

/* Does every article have its row in the search index, and no more? The
 * index keeps one size record per document (search_docsize), which a
 * read-only connection can count. FTS5's own integrity-check (a write)
 * follows where the library can be written. */
static bool check_index(struct kb_store *s, struct kb_buf *b)
{
	sqlite3_stmt *st = kb_store_prepare(s,
		"SELECT (SELECT count(*) FROM article a WHERE NOT EXISTS"
		"  (SELECT 1 FROM search_docsize d WHERE d.id = a.n)),"
		" (SELECT count(*) FROM search_docsize d WHERE NOT EXISTS"
		"  (SELECT 1 FROM article a WHERE a.n = d.id))");
	if (!st) {
		kb_buf_printf(b, "\nsearch index: %s", s->err);
		return false;
	}
	long long missing = -1, extra = -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		missing = sqlite3_column_int64(st, 0);
		extra = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (missing < 0) {
		kb_buf_printf(b, "\nsearch index: cannot be read: %s", sqlite3_errmsg(s->db));
		return false;
	}
	if (missing || extra) {
		kb_buf_printf(b, "\nsearch index: out of step with the articles (%lld not indexed,"
			      " %lld indexed that are gone): search misses what is not indexed",
			      missing, extra);
		return false;
	}
	if (sqlite3_db_readonly(s->db, "main") == 1)
		return true;
	if (sqlite3_exec(s->db, "INSERT INTO search(search, rank) VALUES('integrity-check', 1)",
			 NULL, NULL, NULL) != SQLITE_OK) {
		kb_buf_printf(b, "\nsearch index: %s", sqlite3_errmsg(s->db));
		return false;
	}
	return true;
}

bool kb_store_check(struct kb_store *s, char **report)
{
	struct kb_buf b;
	kb_buf_init(&b);
	sqlite3_stmt *st = kb_store_prepare(s, "PRAGMA integrity_check");
	if (!st) {
		*report = kb_xstrdup(s->err);
		return false;
	}
	bool ok = true;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (!line || strcmp(line, "ok") != 0)
			ok = false;
		kb_buf_printf(&b, "%s%s", b.len ? "\n" : "", line ? line : "?");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		ok = false;
		kb_store_fail(s, "%s: integrity check failed", s->path);
		kb_buf_printf(&b, "%s%s", b.len ? "\n" : "", s->err);
	}
	/* the search index must agree with the articles it indexes */
	if (ok) {
		b.len = 0; /* SQLite said "ok": the index's verdict is the report */
		ok = check_index(s, &b);
		if (ok)
			kb_buf_puts(&b, "ok");
		else if (b.len && b.data[0] == '\n')
			memmove(b.data, b.data + 1, b.len--);
	}
	if (!ok)
		kb_buf_puts(&b, "\nrun `kanbao check --repair` to rebuild the search index from"
			    " the articles (annotations are not touched)");
	*report = kb_buf_steal(&b);
	return ok;
}

bool kb_store_repair(struct kb_store *s, char **report)
{
	*report = NULL;
	if (!kb_store_begin(s))
		return false;
	/* FTS5 reads every article again from the content table */
	if (!kb_store_exec(s, "INSERT INTO search(search) VALUES('rebuild')")) {
		char keep[sizeof(s->err)];
		memcpy(keep, s->err, sizeof(keep));
		kb_store_rollback(s);
		snprintf(s->err, sizeof(s->err), "%.200s: cannot rebuild the search index: %.250s",
			 s->path, keep);
		return false;
	}
	if (!kb_store_commit(s))
		return false;
	sqlite3_stmt *st = kb_store_prepare(s, "SELECT count(*) FROM article");
	long long n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	struct kb_buf b;
	kb_buf_init(&b);
	kb_buf_printf(&b, "rebuilt the search index of %lld articles", n);
	*report = kb_buf_steal(&b);
	return true;
}
