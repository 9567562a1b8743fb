/*
 * The SQLite implementation of store.h. One connection per process, WAL journal so that
 * readers never block the writer, a busy timeout so that two `trp log` commands started at
 * the same moment both succeed, and prepared statements cached for the life of the store
 * (importing a million rows reuses the same few statements).
 */
/* O_PATH (file_private). */
#define _GNU_SOURCE
#include "store/sqlite_names.h"
#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "core/entry_json.h"
#include "store/migrations.h"
#include "store/sqlite_internal.h"

enum stmt_id {
    ST_INSERT_ENTRY,
    ST_INSERT_REGION,
    ST_INSERT_TREATMENT,
    ST_UPDATE_ENTRY,
    ST_INSERT_PASS,
    ST_DELETE_REGIONS,
    ST_DELETE_PASSES,
    ST_DELETE_TREATMENT,
    ST_INSERT_REVISION,
    ST_GET_ENTRY,
    ST_SET_DELETED,
    ST_COUNT
};

_Static_assert((int)ST_COUNT <= (int)SQLITE_STMT_SLOTS, "raise SQLITE_STMT_SLOTS");

static const char *const stmt_sql[ST_COUNT] = {
    [ST_INSERT_ENTRY] =
        "INSERT INTO entry (kind, at_utc, at_local, utc_offset, value, name, "
        "minutes, effort, posture, note, flare, qualities, created_at, updated_at, unit, "
        "person_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13, ?15, :person)",
    [ST_INSERT_REGION] = "INSERT INTO pain_region (entry_id, region, intensity) VALUES (?1, ?2, ?3)",
    [ST_INSERT_TREATMENT] =
        "INSERT INTO treatment (entry_id, technique, muscle, side, hold_seconds, passes, "
        "released, pressure, pain_before, pain_after, performer) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [ST_UPDATE_ENTRY] =
        "UPDATE entry SET kind = ?1, at_utc = ?2, at_local = ?3, utc_offset = ?4, value = ?5, "
        "name = ?6, minutes = ?7, effort = ?8, posture = ?9, note = ?10, flare = ?11, "
        "qualities = ?12, updated_at = ?13, unit = ?15 WHERE id = ?14 AND deleted_at IS NULL",
    [ST_INSERT_PASS] = "INSERT INTO treatment_pass (entry_id, pass, hold_seconds, softened) "
                       "VALUES (?1, ?2, ?3, ?4)",
    [ST_DELETE_REGIONS] = "DELETE FROM pain_region WHERE entry_id = ?1",
    [ST_DELETE_PASSES] = "DELETE FROM treatment_pass WHERE entry_id = ?1",
    [ST_DELETE_TREATMENT] = "DELETE FROM treatment WHERE entry_id = ?1",
    [ST_INSERT_REVISION] =
        "INSERT INTO entry_revision (entry_id, revised_at, previous) VALUES (?1, ?2, ?3)",
    [ST_GET_ENTRY] = NULL, /* built from the shared SELECT below */
    [ST_SET_DELETED] = "UPDATE entry SET deleted_at = ?2 WHERE id = ?1",
};

/* One SELECT shape for every read, so get and each decode rows the same way. Regions come
 * as "id:intensity;id:" so that a walk over a million entries is a single statement. */
/* Earlier versions as the JSON Lines "revisions" array (times in UTC), for export. */
#define REVISIONS_COLUMN                                                                   \
    ", (SELECT json_group_array(json_object("                                              \
    "     'revised_at', strftime('%Y-%m-%dT%H:%M:%S+00:00', v.revised_at, 'unixepoch'),"   \
    "     'previous', json(v.previous))) "                                                 \
    "   FROM (SELECT revised_at, previous FROM entry_revision WHERE entry_id = e.id "      \
    "         ORDER BY id) v) "

#define ENTRY_SELECT_HEAD                                                                  \
    "SELECT e.id, e.kind, e.at_utc, e.utc_offset, e.value, e.name, e.minutes, e.effort, "  \
    "e.posture, e.note, e.flare, e.qualities, e.created_at, e.deleted_at, "                \
    "(SELECT group_concat(r.region || ':' || coalesce(r.intensity, ''), ';') "             \
    "   FROM pain_region r WHERE r.entry_id = e.id), "                                     \
    "t.technique, t.muscle, t.side, t.hold_seconds, t.passes, t.released, t.pressure, "    \
    "t.pain_before, t.pain_after, t.performer, e.unit, "                                 \
    "(SELECT group_concat(p.hold_seconds || ':' || p.softened, ';') "                      \
    "   FROM (SELECT hold_seconds, softened FROM treatment_pass WHERE entry_id = e.id "    \
    "         ORDER BY pass) p) "
#define ENTRY_SELECT_FROM "FROM entry e LEFT JOIN treatment t ON t.entry_id = e.id "
#define ENTRY_SELECT ENTRY_SELECT_HEAD ENTRY_SELECT_FROM

int sqlite_db_error(struct store *s, struct trp_err *err, const char *what)
{
    if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_READONLY)
        return trp_err_set(err, TRP_EIO,
                           "%s is read-only for you: reading commands work, %s needs write "
                           "permission",
                           s->path, what);
    return trp_err_set(err, TRP_EIO, "database: %s: %s", what, sqlite3_errmsg(s->db));
}

int sqlite_exec(struct store *s, const char *sql, struct trp_err *err)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_READONLY) {
            sqlite3_free(msg);
            return sqlite_db_error(s, err, "this command");
        }
        if ((sqlite3_errcode(s->db) & 0xff) == SQLITE_BUSY) {
            sqlite3_free(msg);
            return trp_err_set(err, TRP_EIO,
                               "another trp kept the database busy for %d s; nothing was "
                               "written, try again",
                               s->wait_seconds);
        }
        int rc = trp_err_set(err, TRP_EIO, "database: %s", msg ? msg : "error");
        sqlite3_free(msg);
        return rc;
    }
    return 0;
}

static sqlite3_stmt *stmt_get(struct store *s, enum stmt_id id, struct trp_err *err)
{
    if (!s->stmt[id]) {
        const char *sql = stmt_sql[id];
        if (id == ST_GET_ENTRY)
            sql = ENTRY_SELECT "WHERE e.id = ?1 AND e.person_id = :person";
        if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[id], NULL) !=
            SQLITE_OK) {
            sqlite_db_error(s, err, "prepare");
            return NULL;
        }
    }
    sqlite3_reset(s->stmt[id]);
    sqlite3_clear_bindings(s->stmt[id]);
    sqlite_bind_person(s, s->stmt[id]);
    return s->stmt[id];
}

int store_schema_version(struct store *s)
{
    sqlite3_stmt *st;
    int v = -1;
    if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return v;
}

static int query_has_row(struct store *s, const char *sql, int *has, struct trp_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return sqlite_db_error(s, err, "checking the schema");
    int step = sqlite3_step(st);
    sqlite3_finalize(st);
    if (step != SQLITE_ROW && step != SQLITE_DONE)
        return sqlite_db_error(s, err, "checking the schema");
    *has = step == SQLITE_ROW;
    return 0;
}

/* After a table rebuild every child row must still point at a parent. */
static int foreign_keys_intact(struct store *s, struct trp_err *err)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return sqlite_db_error(s, err, "checking foreign keys");
    int step = sqlite3_step(st);
    int rc = 0;
    if (step == SQLITE_ROW)
        rc = trp_err_set(err, TRP_EIO, "a row of table %s lost its parent; nothing was changed",
                         (const char *)sqlite3_column_text(st, 0));
    else if (step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "checking foreign keys");
    sqlite3_finalize(st);
    return rc;
}

static int migrate(struct store *s, struct trp_err *err)
{
    int version = store_schema_version(s);
    if (version < 0)
        return sqlite_db_error(s, err, "reading schema version");
    int latest = store_sqlite_migrations[store_sqlite_migrations_count - 1].version;
    if (version > latest)
        return trp_err_set(err, TRP_EIO,
                           "database schema %d is newer than this trp knows (%d); upgrade trp",
                           version, latest);
    for (size_t i = 0; i < store_sqlite_migrations_count; i++) {
        const struct store_migration *m = &store_sqlite_migrations[i];
        if (m->version <= version)
            continue;
        /* PRAGMA foreign_keys is a no-op inside a transaction, so it is switched before. */
        int rc = m->rebuilds_tables ? sqlite_exec(s, "PRAGMA foreign_keys = OFF", err) : 0;
        if (rc)
            return rc;
        if ((rc = sqlite_exec(s, "BEGIN IMMEDIATE", err))) {
            /* nothing to do but switch the keys back on below */
        } else if (store_schema_version(s) >= m->version) {
            /* Re-read inside the write lock: another process may have migrated meanwhile. */
            rc = sqlite_exec(s, "COMMIT", err);
        } else {
            char pragma[64];
            snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", m->version);
            int done = 0;
            if ((m->done_if && (rc = query_has_row(s, m->done_if, &done, err))) ||
                (!done && (rc = sqlite_exec(s, m->sql, err))) ||
                (m->rebuilds_tables && (rc = foreign_keys_intact(s, err))) ||
                (rc = sqlite_exec(s, pragma, err)) || (rc = sqlite_exec(s, "COMMIT", err))) {
                sqlite_exec(s, "ROLLBACK", NULL);
                trp_err_prefix(err, "migration %d (%s): ", m->version, m->name);
            }
        }
        if (m->rebuilds_tables) {
            int rc2 = sqlite_exec(s, "PRAGMA foreign_keys = ON", rc ? NULL : err);
            if (!rc)
                rc = rc2;
        }
        if (rc)
            return rc;
    }
    return 0;
}

/* Makes FILE readable and writable by its owner only (creating it when CREATE is set).
 * Errors are left for SQLite to report with its own words. */
static void file_private(const char *file, int create)
{
    if (create) {
        /* A new file is locked by nobody, so this descriptor may be closed freely. */
        int fd = open(file, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_CREAT | O_EXCL, 0600);
        if (fd >= 0)
            close(fd);
    }
    /* An O_PATH descriptor, because closing an ordinary one would drop every POSIX lock
     * this process holds on the file (fcntl locks belong to the process): the other
     * connections of the same process (trp serve's worker threads) would lose their locks
     * and fail with "disk I/O error". O_PATH cannot fchmod, so chmod goes through /proc. */
    int fd = open(file, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
        (st.st_mode & 0777) != 0600) {
        char proc[64];
        snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
        chmod(proc, 0600);
    }
    close(fd);
}

/* A diary holds health data: the database file is 0600 whatever the umask, also when an
 * older trp left it readable by others. SQLite creates -wal and -shm with the database's
 * mode; companions left by an older version are tightened too. */
static void store_file_private(const char *path, int create)
{
    file_private(path, create);
    char companion[4096];
    if (snprintf(companion, sizeof companion, "%s-wal", path) < (int)sizeof companion)
        file_private(companion, 0);
    if (snprintf(companion, sizeof companion, "%s-shm", path) < (int)sizeof companion)
        file_private(companion, 0);
}

/* Milliseconds on a monotonic clock, for the busy handler. */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Called by SQLite while another process holds the write lock. After a second it tells the
 * person once (through on_wait) and keeps waiting, up to wait_seconds: an entry typed during
 * a long import is saved when the import ends instead of being lost to "database is locked". */
static int busy_wait(void *data, int count)
{
    struct store *s = data;
    int64_t t = now_ms();
    if (count == 0) {
        s->wait_started_ms = t;
        s->wait_noticed = 0;
    }
    int64_t waited = t - s->wait_started_ms;
    if (waited >= (int64_t)s->wait_seconds * 1000)
        return 0;
    if (waited >= 1000 && !s->wait_noticed) {
        s->wait_noticed = 1;
        if (s->on_wait)
            s->on_wait(s->wait_data);
    }
    sqlite3_sleep(count < 10 ? 5 : count < 50 ? 20 : 100);
    return 1;
}

/* Paths SQLite would not keep on disk: "" is a temporary file deleted on close, ":memory:"
 * and URIs name in-memory databases, so "logged" would be a lie. */
static int path_refused(const char *path, struct trp_err *err)
{
    if (!path || !path[0])
        return trp_err_set(err, TRP_EUSAGE, "the database path is empty: give --db FILE");
    if (!strcmp(path, ":memory:") || !strncmp(path, "file:", 5))
        return trp_err_set(err, TRP_EUSAGE,
                           "\"%.100s\" is not a file: trp keeps the diary in a database file, "
                           "give --db FILE",
                           path);
    return 0;
}

/* Opens a read-only connection that can read the file. A WAL database needs its -shm file;
 * when the person may not create it (a read-only directory), the file is opened as
 * immutable instead, which SQLite reads without any side file. */
static int open_read_only(const char *path, sqlite3 **out)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
    int code = rc & 0xff;
    if (rc == SQLITE_OK || (code != SQLITE_READONLY && code != SQLITE_CANTOPEN)) {
        *out = db;
        return rc;
    }
    sqlite3_close(db);
    db = NULL;
    struct strbuf uri;
    strbuf_init(&uri, 8192);
    strbuf_adds(&uri, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '?' || *p == '#' || *p == '%')
            strbuf_addf(&uri, "%%%02X", (unsigned char)*p);
        else
            strbuf_addc(&uri, *p);
    }
    strbuf_adds(&uri, "?immutable=1");
    rc = sqlite3_open_v2(strbuf_str(&uri), &db,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
    strbuf_release(&uri);
    *out = db;
    return rc;
}

/* Decides, through a read-only connection that cannot change a byte, whether path is a trp
 * database (marked with STORE_APPLICATION_ID), an older trp database from before the mark
 * (trp's tables, schema version set), a new empty file, or something else, which is refused.
 * Another program's database must not get trp's tables, WAL mode or a schema version. */
static int probe_owner(const char *path, struct trp_err *err)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || sb.st_size == 0)
        return 0; /* new database */
    sqlite3 *db = NULL;
    int rc = 0;
    if (open_read_only(path, &db) != SQLITE_OK && !db) {
        rc = trp_err_set(err, TRP_EIO, "cannot open database %s: %s", path,
                         db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return rc;
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_stmt *st = NULL;
    int64_t app = 0, version = 0, objects = 0, ours = 0;
    const char *sql =
        "SELECT (SELECT application_id FROM pragma_application_id), "
        "(SELECT user_version FROM pragma_user_version), "
        "(SELECT count(*) FROM sqlite_master), "
        "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
        "  name IN ('person', 'entry', 'pain_region', 'treatment', 'entry_revision'))";
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW) {
        rc = trp_err_set(err, TRP_EINVAL,
                         "%s is not a trp database (%s); trp left it unchanged: give another "
                         "--db path",
                         path, sqlite3_errmsg(db));
    } else {
        app = sqlite3_column_int64(st, 0);
        version = sqlite3_column_int64(st, 1);
        objects = sqlite3_column_int64(st, 2);
        ours = sqlite3_column_int64(st, 3);
        int mine = app == STORE_APPLICATION_ID || (app == 0 && version == 0 && objects == 0) ||
                   (app == 0 && version >= 1 && ours == 5);
        if (!mine)
            rc = trp_err_set(err, TRP_EINVAL,
                             "%s belongs to another program (SQLite application id %lld, "
                             "schema version %lld, %lld objects); trp left it unchanged: give "
                             "another --db path",
                             path, (long long)app, (long long)version, (long long)objects);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return rc;
}

/* A database the person may read but not write (a copy from a clinician, a backup on
 * read-only media) opens read-only: reading commands work, writes say why they cannot. */
static int want_read_only(const char *path)
{
    if (access(path, F_OK) != 0)
        return 0;
    return access(path, W_OK) != 0 && (errno == EACCES || errno == EROFS || errno == EPERM);
}

static const struct store_ops sqlite_ops;

/* Once per process, even when the server's worker threads open their connections at once. */
static void sqlite_configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int store_sqlite_open(const char *path, const struct store_open_opts *opts, struct store **out,
                      struct trp_err *err)
{
    /* Nothing reads SQLite's global memory statistics (a mutex on every allocation, shared
     * by all of the server's connections); turning them off speeds up bulk imports. It must
     * happen before SQLite initialises, hence once and first. */
    static pthread_once_t configured = PTHREAD_ONCE_INIT;
    pthread_once(&configured, sqlite_configure);
    int rc = path_refused(path, err);
    if (rc || (rc = probe_owner(path, err)))
        return rc;
    struct store *s = xcalloc(1, sizeof *s);
    s->common.ops = &sqlite_ops;
    s->common.person = 1; /* the diary's one person, created by migration 1 */
    s->path = xstrdup(path);
    s->read_only = want_read_only(path);
    s->wait_seconds = opts && opts->wait_seconds > 0 ? opts->wait_seconds : 600;
    if (opts) {
        s->on_wait = opts->on_wait;
        s->wait_data = opts->wait_data;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (!s->read_only)
        store_file_private(path, 1);
    if (s->read_only ? open_read_only(path, &s->db) != SQLITE_OK
                     : sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        rc = trp_err_set(err, TRP_EIO, "cannot open database %s: %s", path,
                         s->db ? sqlite3_errmsg(s->db) : "out of memory");
        sqlite3_close(s->db);
        free(s->path);
        free(s);
        return rc;
    }
    sqlite3_busy_handler(s->db, busy_wait, s);
    sqlite3_extended_result_codes(s->db, 1);
    /* secure_delete: whatever is deleted or replaced is overwritten with zeros, so a purged
     * note does not linger in free space of the file. */
    rc = sqlite_exec(s,
                     "PRAGMA foreign_keys = ON;"
                     "PRAGMA secure_delete = ON;"
                     "PRAGMA cache_size = -32768;"
                     "PRAGMA temp_store = MEMORY;",
                     err);
    if (!rc && !s->read_only)
        rc = sqlite_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", err);
    if (!rc && !s->read_only)
        rc = migrate(s, err);
    if (!rc && s->read_only) {
        int latest = store_sqlite_migrations[store_sqlite_migrations_count - 1].version;
        int version = store_schema_version(s);
        if (version != latest)
            rc = trp_err_set(err, TRP_EIO,
                             "the database is read-only for you and has schema %d; this trp "
                             "needs %d: open it once with write permission to upgrade it",
                             version, latest);
    }
    if (rc) {
        trp_err_prefix(err, "%s: ", path);
        store_close(s);
        return rc;
    }
    s->scratch = arena_new();
    *out = s;
    return 0;
}

static const char *sqlite_label(struct store *s)
{
    return s->path;
}

int store_is_read_only(struct store *s)
{
    return s->read_only;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_finalize(s->same_stmt);
    for (int i = 0; i < SQLITE_EACH_SHAPES; i++)
        sqlite3_finalize(s->each_stmt[i]);
    if (s->in_tx)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(s->db);
    arena_free(s->scratch);
    free(s->path);
    free(s);
}

int store_begin(struct store *s, struct trp_err *err)
{
    if (s->in_tx)
        BUG("nested store transaction");
    int rc = sqlite_exec(s, "BEGIN IMMEDIATE", err);
    if (!rc)
        s->in_tx = 1;
    return rc;
}

int store_commit(struct store *s, struct trp_err *err)
{
    if (!s->in_tx)
        BUG("commit without a transaction");
    int rc = sqlite_exec(s, "COMMIT", err);
    if (rc) {
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    }
    s->in_tx = 0;
    return rc;
}

void store_rollback(struct store *s)
{
    if (!s->in_tx)
        return;
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = 0;
}

/* Runs body inside the caller's transaction, or a fresh one if there is none. */
int sqlite_tx_enter(struct store *s, int *owned, struct trp_err *err)
{
    *owned = !s->in_tx;
    return *owned ? store_begin(s, err) : 0;
}

int sqlite_tx_leave(struct store *s, int owned, int rc, struct trp_err *err)
{
    if (!owned)
        return rc;
    if (rc) {
        store_rollback(s);
        return rc;
    }
    return store_commit(s, err);
}

static void bind_text_or_null(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, i);
}

static void bind_int_or_null(sqlite3_stmt *st, int i, int v)
{
    if (v == ENTRY_UNSET)
        sqlite3_bind_null(st, i);
    else
        sqlite3_bind_int(st, i, v);
}

static int step_done(struct store *s, sqlite3_stmt *st, struct trp_err *err, const char *what)
{
    int rc = sqlite3_step(st);
    if (rc != SQLITE_DONE) {
        int r = sqlite_db_error(s, err, what);
        sqlite3_reset(st);
        return r;
    }
    sqlite3_reset(st);
    return 0;
}

/* Joins qualities with ';' into buf; returns NULL when there are none. */
static const char *join_qualities(const struct entry *e, struct strbuf *sb)
{
    if (!e->n_qualities)
        return NULL;
    strbuf_reset(sb);
    for (size_t i = 0; i < e->n_qualities; i++) {
        if (i)
            strbuf_addc(sb, ';');
        strbuf_adds(sb, e->qualities[i]);
    }
    return strbuf_str(sb);
}

/* Binds the columns shared by INSERT and UPDATE (?1..?12 and ?15). */
static void bind_entry_columns(sqlite3_stmt *st, const struct entry *e, const char *local,
                               const char *qualities)
{
    sqlite3_bind_text(st, 1, entry_kind_name(e->kind), -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, e->at.utc);
    sqlite3_bind_text(st, 3, local, 19, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 4, e->at.offset_min);
    if (e->kind == ENTRY_PAIN || e->kind == ENTRY_FACTOR || e->kind == ENTRY_PGIC ||
        e->kind == ENTRY_PSFS || (e->kind == ENTRY_MEDICATION && e->value >= 0))
        sqlite3_bind_double(st, 5, e->value);
    else
        sqlite3_bind_null(st, 5);
    bind_text_or_null(st, 6, e->name);
    if (e->kind == ENTRY_TASK)
        sqlite3_bind_int(st, 7, e->minutes);
    else
        sqlite3_bind_null(st, 7);
    bind_int_or_null(st, 8, e->effort);
    bind_text_or_null(st, 9, e->posture);
    bind_text_or_null(st, 10, e->note);
    sqlite3_bind_int(st, 11, e->flare ? 1 : 0);
    bind_text_or_null(st, 12, qualities);
    bind_text_or_null(st, 15, e->kind == ENTRY_MEDICATION ? e->unit : NULL);
}

static int write_children(struct store *s, int64_t id, const struct entry *e,
                          struct trp_err *err)
{
    int rc;
    for (size_t i = 0; i < e->n_regions; i++) {
        sqlite3_stmt *st = stmt_get(s, ST_INSERT_REGION, err);
        if (!st)
            return TRP_EIO;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, e->regions[i].region, -1, SQLITE_STATIC);
        bind_int_or_null(st, 3, e->regions[i].intensity);
        if ((rc = step_done(s, st, err, "saving a pain region")))
            return rc;
    }
    if (e->kind == ENTRY_TREATMENT) {
        const struct entry_treatment *t = &e->treat;
        sqlite3_stmt *st = stmt_get(s, ST_INSERT_TREATMENT, err);
        if (!st)
            return TRP_EIO;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_text(st, 2, t->technique, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, t->muscle, -1, SQLITE_STATIC);
        bind_text_or_null(st, 4, t->side);
        bind_int_or_null(st, 5, t->hold_seconds);
        bind_int_or_null(st, 6, t->passes);
        bind_int_or_null(st, 7, t->released);
        if (t->pressure >= 0)
            sqlite3_bind_double(st, 8, t->pressure);
        else
            sqlite3_bind_null(st, 8);
        bind_int_or_null(st, 9, t->pain_before);
        bind_int_or_null(st, 10, t->pain_after);
        sqlite3_bind_text(st, 11, t->performer, -1, SQLITE_STATIC);
        if ((rc = step_done(s, st, err, "saving treatment details")))
            return rc;
        for (size_t i = 0; i < t->n_per_pass; i++) {
            if (!(st = stmt_get(s, ST_INSERT_PASS, err)))
                return TRP_EIO;
            sqlite3_bind_int64(st, 1, id);
            sqlite3_bind_int(st, 2, (int)i + 1);
            sqlite3_bind_int(st, 3, t->per_pass[i].hold_seconds);
            sqlite3_bind_int(st, 4, t->per_pass[i].softened ? 1 : 0);
            if ((rc = step_done(s, st, err, "saving the passes")))
                return rc;
        }
    }
    return 0;
}

int store_entry_insert(struct store *s, struct entry *e, struct trp_err *err)
{
    int rc = entry_validate(e, err);
    if (rc)
        return rc;
    int owned;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    char local[TRP_TIME_BUF];
    trp_time_format(&e->at, local);
    struct strbuf q;
    strbuf_init(&q, 4096);
    int64_t now = (int64_t)time(NULL);
    sqlite3_stmt *st = stmt_get(s, ST_INSERT_ENTRY, err);
    if (!st) {
        rc = TRP_EIO;
        goto out;
    }
    bind_entry_columns(st, e, local, join_qualities(e, &q));
    sqlite3_bind_int64(st, 13, now);
    if ((rc = step_done(s, st, err, "saving an entry")))
        goto out;
    int64_t id = sqlite3_last_insert_rowid(s->db);
    if ((rc = write_children(s, id, e, err)))
        goto out;
    if (e->deleted_at) {
        if (!(st = stmt_get(s, ST_SET_DELETED, err))) {
            rc = TRP_EIO;
            goto out;
        }
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int64(st, 2, now);
        if ((rc = step_done(s, st, err, "saving a deleted entry")))
            goto out;
        e->deleted_at = now;
    }
    if (e->revisions && (rc = sqlite_write_revisions(s, id, e->revisions, err)))
        goto out;
    e->id = id;
    e->created_at = now;
out:
    strbuf_release(&q);
    return sqlite_tx_leave(s, owned, rc, err);
}

/* Splits "a;b;c" into an arena array. */
static size_t split_list(struct arena *a, const char *text, const char ***out)
{
    *out = NULL;
    if (!text || !*text)
        return 0;
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == ';';
    const char **items = arena_zalloc(a, n, sizeof *items);
    size_t k = 0;
    const char *start = text;
    for (const char *p = text;; p++) {
        if (*p == ';' || *p == '\0') {
            items[k++] = arena_strndup(a, start, (size_t)(p - start));
            if (!*p)
                break;
            start = p + 1;
        }
    }
    *out = items;
    return k;
}

static const char *col_text(struct arena *a, sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? arena_strdup(a, (const char *)t) : NULL;
}

static int col_int_or_unset(sqlite3_stmt *st, int i)
{
    return sqlite3_column_type(st, i) == SQLITE_NULL ? ENTRY_UNSET : sqlite3_column_int(st, i);
}

static void row_to_entry(struct arena *a, sqlite3_stmt *st, struct entry *e)
{
    enum entry_kind kind = ENTRY_NOTE;
    entry_kind_parse((const char *)sqlite3_column_text(st, 1), &kind, NULL);
    entry_init(e, kind);
    e->id = sqlite3_column_int64(st, 0);
    e->at.utc = sqlite3_column_int64(st, 2);
    e->at.offset_min = sqlite3_column_int(st, 3);
    if (kind != ENTRY_MEDICATION || sqlite3_column_type(st, 4) != SQLITE_NULL)
        e->value = sqlite3_column_double(st, 4);
    e->unit = col_text(a, st, 25);
    e->name = col_text(a, st, 5);
    e->minutes = sqlite3_column_int(st, 6);
    e->effort = col_int_or_unset(st, 7);
    e->posture = col_text(a, st, 8);
    e->note = col_text(a, st, 9);
    e->flare = sqlite3_column_int(st, 10);
    e->n_qualities = split_list(a, (const char *)sqlite3_column_text(st, 11), &e->qualities);
    e->created_at = sqlite3_column_int64(st, 12);
    e->deleted_at = sqlite3_column_int64(st, 13);
    const char **regs;
    size_t nr = split_list(a, (const char *)sqlite3_column_text(st, 14), &regs);
    if (nr) {
        e->regions = arena_zalloc(a, nr, sizeof *e->regions);
        for (size_t i = 0; i < nr; i++) {
            char *colon = strrchr(regs[i], ':');
            e->regions[i].intensity = ENTRY_UNSET;
            if (colon) {
                *colon = '\0';
                if (colon[1])
                    e->regions[i].intensity = atoi(colon + 1);
            }
            e->regions[i].region = regs[i];
        }
        e->n_regions = nr;
    }
    if (kind == ENTRY_TREATMENT && sqlite3_column_type(st, 15) != SQLITE_NULL) {
        struct entry_treatment *t = &e->treat;
        t->technique = col_text(a, st, 15);
        t->muscle = col_text(a, st, 16);
        t->side = col_text(a, st, 17);
        t->hold_seconds = col_int_or_unset(st, 18);
        t->passes = col_int_or_unset(st, 19);
        t->released = col_int_or_unset(st, 20);
        t->pressure = sqlite3_column_type(st, 21) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 21);
        t->pain_before = col_int_or_unset(st, 22);
        t->pain_after = col_int_or_unset(st, 23);
        t->performer = col_text(a, st, 24);
        const char **ps;
        size_t np = split_list(a, (const char *)sqlite3_column_text(st, 26), &ps);
        if (np) {
            struct entry_pass *pp = arena_zalloc(a, np, sizeof *pp);
            for (size_t i = 0; i < np; i++) {
                const char *colon = strchr(ps[i], ':');
                pp[i].hold_seconds = atoi(ps[i]);
                pp[i].softened = colon && atoi(colon + 1) ? 1 : 0;
            }
            t->per_pass = pp;
            t->n_per_pass = np;
        }
    }
    if (sqlite3_column_count(st) > 27) {
        const char *revs = (const char *)sqlite3_column_text(st, 27);
        if (revs && strcmp(revs, "[]") != 0)
            e->revisions = arena_strdup(a, revs);
    }
}

int store_entry_get(struct store *s, struct arena *a, int64_t id, struct entry *out,
                    struct trp_err *err)
{
    sqlite3_stmt *st = stmt_get(s, ST_GET_ENTRY, err);
    if (!st)
        return TRP_EIO;
    sqlite3_bind_int64(st, 1, id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        row_to_entry(a, st, out);
        sqlite3_reset(st);
        return 0;
    }
    sqlite3_reset(st);
    if (rc == SQLITE_DONE)
        return trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld", (long long)id);
    return sqlite_db_error(s, err, "reading an entry");
}

int store_entry_update(struct store *s, const struct entry *e, struct trp_err *err)
{
    int rc = entry_validate(e, err);
    if (rc)
        return rc;
    int owned;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    struct arena *a = arena_new();
    struct strbuf q;
    strbuf_init(&q, 4096);
    struct entry old;
    if ((rc = store_entry_get(s, a, e->id, &old, err)))
        goto out;
    if (old.deleted_at) {
        rc = trp_err_set(err, TRP_ECONFLICT,
                         "entry %lld is deleted; restore it first with 'trp restore %lld'",
                         (long long)e->id, (long long)e->id);
        goto out;
    }
    int64_t now = (int64_t)time(NULL);
    char *previous = entry_json_encode(&old);
    sqlite3_stmt *st = stmt_get(s, ST_INSERT_REVISION, err);
    if (!st) {
        free(previous);
        rc = TRP_EIO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, e->id);
    sqlite3_bind_int64(st, 2, now);
    sqlite3_bind_text(st, 3, previous, -1, SQLITE_TRANSIENT);
    free(previous);
    if ((rc = step_done(s, st, err, "saving the previous version")))
        goto out;

    char local[TRP_TIME_BUF];
    trp_time_format(&e->at, local);
    if (!(st = stmt_get(s, ST_UPDATE_ENTRY, err))) {
        rc = TRP_EIO;
        goto out;
    }
    bind_entry_columns(st, e, local, join_qualities(e, &q));
    sqlite3_bind_int64(st, 13, now);
    sqlite3_bind_int64(st, 14, e->id);
    if ((rc = step_done(s, st, err, "updating an entry")))
        goto out;
    for (enum stmt_id del = ST_DELETE_REGIONS; del <= ST_DELETE_TREATMENT; del++) {
        if (!(st = stmt_get(s, del, err))) {
            rc = TRP_EIO;
            goto out;
        }
        sqlite3_bind_int64(st, 1, e->id);
        if ((rc = step_done(s, st, err, "updating an entry")))
            goto out;
    }
    rc = write_children(s, e->id, e, err);
out:
    strbuf_release(&q);
    arena_free(a);
    return sqlite_tx_leave(s, owned, rc, err);
}

static int set_deleted(struct store *s, int64_t id, int deleting, struct trp_err *err)
{
    int owned, rc;
    if ((rc = sqlite_tx_enter(s, &owned, err)))
        return rc;
    struct arena *a = arena_new();
    struct entry old;
    if ((rc = store_entry_get(s, a, id, &old, err)))
        goto out;
    if (deleting && old.deleted_at) {
        rc = trp_err_set(err, TRP_ECONFLICT, "entry %lld is already deleted", (long long)id);
        goto out;
    }
    if (!deleting && !old.deleted_at) {
        rc = trp_err_set(err, TRP_ECONFLICT, "entry %lld is not deleted", (long long)id);
        goto out;
    }
    sqlite3_stmt *st = stmt_get(s, ST_SET_DELETED, err);
    if (!st) {
        rc = TRP_EIO;
        goto out;
    }
    sqlite3_bind_int64(st, 1, id);
    if (deleting)
        sqlite3_bind_int64(st, 2, (int64_t)time(NULL));
    else
        sqlite3_bind_null(st, 2);
    rc = step_done(s, st, err, deleting ? "deleting an entry" : "restoring an entry");
out:
    arena_free(a);
    return sqlite_tx_leave(s, owned, rc, err);
}

int store_entry_delete(struct store *s, int64_t id, struct trp_err *err)
{
    return set_deleted(s, id, 1, err);
}

int store_entry_restore(struct store *s, int64_t id, struct trp_err *err)
{
    return set_deleted(s, id, 0, err);
}

/* Builds the WHERE clause for q; parameters are bound by bind_query in the same order. */
static void query_sql(const struct store_query *q, struct strbuf *sb, const char *head)
{
    strbuf_adds(sb, head);
    strbuf_adds(sb, "WHERE e.person_id = :person");
    if (q->only_deleted)
        strbuf_adds(sb, " AND e.deleted_at IS NOT NULL");
    else if (!q->include_deleted)
        strbuf_adds(sb, " AND e.deleted_at IS NULL");
    if (q->kind >= 0)
        strbuf_adds(sb, " AND e.kind = :kind");
    if (q->has_since)
        strbuf_adds(sb, " AND e.at_utc >= :since");
    if (q->has_until)
        strbuf_adds(sb, " AND e.at_utc < :until");
}

static void bind_query(struct store *s, sqlite3_stmt *st, const struct store_query *q)
{
    int i;
    sqlite_bind_person(s, st);
    if ((i = sqlite3_bind_parameter_index(st, ":kind")))
        sqlite3_bind_text(st, i, entry_kind_name((enum entry_kind)q->kind), -1, SQLITE_STATIC);
    if ((i = sqlite3_bind_parameter_index(st, ":since")))
        sqlite3_bind_int64(st, i, q->since);
    if ((i = sqlite3_bind_parameter_index(st, ":until")))
        sqlite3_bind_int64(st, i, q->until);
    if ((i = sqlite3_bind_parameter_index(st, ":limit")))
        sqlite3_bind_int64(st, i, q->limit);
}

/* Which of the SQLITE_EACH_SHAPES statements q needs: the SQL depends only on these flags,
 * the values are bound. */
static unsigned each_shape(const struct store_query *q)
{
    unsigned deleted = q->only_deleted ? 2u : q->include_deleted ? 1u : 0u;
    return (q->with_revisions ? 1u : 0u) | deleted << 1 | (q->kind >= 0 ? 8u : 0u) |
           (q->has_since ? 16u : 0u) | (q->has_until ? 32u : 0u) | (q->limit > 0 ? 64u : 0u);
}

static int each_prepare(struct store *s, const struct store_query *q, unsigned flags,
                        sqlite3_stmt **st)
{
    struct strbuf sql;
    strbuf_init(&sql, 4096);
    query_sql(q, &sql, q->with_revisions ? ENTRY_SELECT_HEAD REVISIONS_COLUMN ENTRY_SELECT_FROM
                                         : ENTRY_SELECT);
    strbuf_adds(&sql, " ORDER BY e.at_utc, e.id");
    if (q->limit > 0)
        strbuf_adds(&sql, " LIMIT :limit");
    int rc = sqlite3_prepare_v3(s->db, strbuf_str(&sql), -1, flags, st, NULL);
    strbuf_release(&sql);
    return rc;
}

int store_entry_each(struct store *s, const struct store_query *q, store_entry_fn fn,
                     void *data, struct trp_err *err)
{
    unsigned shape = each_shape(q);
    sqlite3_stmt *st = s->each_stmt[shape];
    /* A callback that walks the same shape again (nested) gets a statement of its own. */
    int cached = !st || !sqlite3_stmt_busy(st);
    if (!st || !cached) {
        if (each_prepare(s, q, cached ? SQLITE_PREPARE_PERSISTENT : 0, &st) != SQLITE_OK)
            return sqlite_db_error(s, err, "querying entries");
        if (cached)
            s->each_stmt[shape] = st;
    }
    int rc = 0;
    bind_query(s, st, q);
    int step;
    /* Free the scratch arena every so often so a million-row walk stays in bounded memory. */
    size_t since_reset = 0;
    while ((step = sqlite3_step(st)) == SQLITE_ROW) {
        struct entry e;
        row_to_entry(s->scratch, st, &e);
        rc = fn(&e, data);
        if (rc)
            break;
        if (++since_reset == 4096) {
            arena_free(s->scratch);
            s->scratch = arena_new();
            since_reset = 0;
        }
    }
    if (!rc && step != SQLITE_DONE)
        rc = sqlite_db_error(s, err, "reading entries");
    if (cached) {
        /* Reset now so the statement holds no read lock between requests. */
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
    } else {
        sqlite3_finalize(st);
    }
    arena_free(s->scratch);
    s->scratch = arena_new();
    return rc;
}

int store_entry_count(struct store *s, const struct store_query *q, int64_t *count,
                      struct trp_err *err)
{
    struct strbuf sql;
    strbuf_init(&sql, 4096);
    query_sql(q, &sql, "SELECT count(*) FROM entry e ");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, strbuf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
        strbuf_release(&sql);
        return sqlite_db_error(s, err, "counting entries");
    }
    strbuf_release(&sql);
    bind_query(s, st, q);
    int rc = 0;
    if (sqlite3_step(st) == SQLITE_ROW)
        *count = sqlite3_column_int64(st, 0);
    else
        rc = sqlite_db_error(s, err, "counting entries");
    sqlite3_finalize(st);
    return rc;
}

int store_entry_last_time(struct store *s, const struct store_query *q, struct trp_time *at,
                          struct trp_err *err)
{
    struct strbuf sql;
    strbuf_init(&sql, 4096);
    query_sql(q, &sql, "SELECT e.at_utc, e.utc_offset FROM entry e ");
    strbuf_adds(&sql, " ORDER BY e.at_utc DESC, e.id DESC LIMIT 1");
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, strbuf_str(&sql), -1, &st, NULL) != SQLITE_OK) {
        strbuf_release(&sql);
        return sqlite_db_error(s, err, "finding the last entry");
    }
    strbuf_release(&sql);
    bind_query(s, st, q);
    int rc = 0, step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        at->utc = sqlite3_column_int64(st, 0);
        at->offset_min = sqlite3_column_int(st, 1);
    } else if (step == SQLITE_DONE) {
        rc = TRP_ENOTFOUND;
    } else {
        rc = sqlite_db_error(s, err, "finding the last entry");
    }
    sqlite3_finalize(st);
    return rc;
}

static const struct store_ops sqlite_ops = {
    .name = "sqlite",
    .close = store_close,
    .is_read_only = store_is_read_only,
    .schema_version = store_schema_version,
    .label = sqlite_label,
    .begin = store_begin,
    .commit = store_commit,
    .rollback = store_rollback,
    .entry_insert = store_entry_insert,
    .entry_update = store_entry_update,
    .entry_get = store_entry_get,
    .entry_delete = store_entry_delete,
    .entry_restore = store_entry_restore,
    .entry_purge = store_entry_purge,
    .scrub = store_scrub,
    .erase_all = store_erase_all,
    .entry_history = store_entry_history,
    .entry_find_same = store_entry_find_same,
    .entry_each = store_entry_each,
    .entry_count = store_entry_count,
    .entry_last_time = store_entry_last_time,
    .intake_save = store_intake_save,
    .intake_latest = store_intake_latest,
    .intake_acknowledge = store_intake_acknowledge,
    .intake_clear = store_intake_clear,
    .treatment_passes_put = store_treatment_passes_put,
    .treatment_passes_get = store_treatment_passes_get,
    .plan_put = store_plan_put,
    .plan_end = store_plan_end,
    .plan_list = store_plan_list,
    .setting_get = store_setting_get,
    .setting_put = store_setting_put,
};
