/*
 * The PostgreSQL implementation of store.h, for a clinic's server. One connection per
 * handle; every statement through PQexecParams. Transactions are SERIALIZABLE: PostgreSQL
 * then guarantees that concurrent writers (two therapists, a client on the phone) give the
 * result of some one-at-a-time order, and tells the loser to retry (SQLSTATE 40001), which
 * pg_run does for a store call that owns its transaction. An explicit transaction (an
 * import) is not retried inside the store: it fails whole, nothing written, and says so.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/strbuf.h"
#include "base/xalloc.h"
#include "core/entry_json.h"
#include "store/migrations_pg.h"
#include "store/pg_internal.h"

void pgp_init(struct pg_params *p)
{
    p->n = 0;
}

static void pgp_check(struct pg_params *p)
{
    if (p->n >= PG_PARAMS_MAX)
        BUG("too many statement parameters");
}

void pgp_text(struct pg_params *p, const char *v)
{
    pgp_check(p);
    p->v[p->n++] = v;
}

void pgp_null(struct pg_params *p)
{
    pgp_text(p, NULL);
}

void pgp_int(struct pg_params *p, int64_t v)
{
    pgp_check(p);
    snprintf(p->num[p->n], PG_NUM_BUF, "%lld", (long long)v);
    p->v[p->n] = p->num[p->n];
    p->n++;
}

void pgp_int_or_null(struct pg_params *p, int v)
{
    if (v == ENTRY_UNSET)
        pgp_null(p);
    else
        pgp_int(p, v);
}

void pgp_double(struct pg_params *p, double v)
{
    pgp_check(p);
    snprintf(p->num[p->n], PG_NUM_BUF, "%.17g", v);
    p->v[p->n] = p->num[p->n];
    p->n++;
}

/* The first line of libpq's message (it may hold a DETAIL and a caret picture). */
static void first_line(const char *msg, char *out, size_t cap)
{
    size_t n = strcspn(msg ? msg : "", "\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, msg ? msg : "", n);
    out[n] = '\0';
}

/* FNV-1a: the statement's name on the connection. */
static uint64_t sql_hash(const char *sql)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *c = (const unsigned char *)sql; *c; c++)
        h = (h ^ *c) * 1099511628211ull;
    return h;
}

static int preparable(const char *sql)
{
    static const char *const verbs[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"};
    for (size_t i = 0; i < sizeof verbs / sizeof verbs[0]; i++)
        if (!strncmp(sql, verbs[i], strlen(verbs[i])))
            return 1;
    return 0;
}

/* The name of sql prepared on this connection, preparing it now if need be; NULL when it
 * is not to be prepared (or the cache is full, or preparing failed). */
static const char *prepared_name(struct pg_store *p, const char *sql, int nparams, char *name,
                                 size_t cap)
{
    if (!preparable(sql))
        return NULL;
    uint64_t h = sql_hash(sql);
    snprintf(name, cap, "trp_%016llx", (unsigned long long)h);
    for (int i = 0; i < p->n_prepared; i++)
        if (p->prepared[i].hash == h && !strcmp(p->prepared[i].sql, sql))
            return name;
    if (p->n_prepared == PG_PREPARED_MAX)
        return NULL;
    PGresult *r = PQprepare(p->conn, name, sql, nparams, NULL);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    if (!ok)
        return NULL; /* the plain path reports the error */
    p->prepared[p->n_prepared].hash = h;
    p->prepared[p->n_prepared].sql = xstrdup(sql);
    p->n_prepared++;
    return name;
}

int pg_exec(struct pg_store *p, const char *sql, const struct pg_params *params,
            PGresult **res, const char *what, struct trp_err *err)
{
    if (res)
        *res = NULL;
    char name[32];
    int n = params ? params->n : 0;
    const char *const *values = params ? params->v : NULL;
    const char *prep = prepared_name(p, sql, n, name, sizeof name);
    PGresult *r = prep ? PQexecPrepared(p->conn, prep, n, values, NULL, NULL, 0)
                       : PQexecParams(p->conn, sql, n, NULL, values, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
        if (res)
            *res = r;
        else
            PQclear(r);
        return 0;
    }
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    char line[300];
    first_line(r ? PQresultErrorMessage(r) : PQerrorMessage(p->conn), line, sizeof line);
    int rc = TRP_EIO;
    if (state && (!strcmp(state, "40001") || !strcmp(state, "40P01"))) {
        p->retryable = 1;
        rc = trp_err_set(err, TRP_EIO,
                         "database: %s: another writer changed the same rows at the same time; "
                         "nothing was written, try again",
                         what);
    } else if (state && !strcmp(state, "25006")) {
        rc = trp_err_set(err, TRP_EIO,
                         "%s is read-only (a standby, or a read-only role): reading commands "
                         "work, %s needs the primary server",
                         p->label, what);
    } else if (state && !strcmp(state, "23505")) {
        rc = trp_err_set(err, TRP_ECONFLICT, "database: %s: %s", what, line);
    } else {
        rc = trp_err_set(err, TRP_EIO, "database: %s: %s", what, line);
    }
    PQclear(r);
    return rc;
}

int64_t pg_int(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtoll(PQgetvalue(r, row, col), NULL, 10);
}

int pg_int_or_unset(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? ENTRY_UNSET : atoi(PQgetvalue(r, row, col));
}

double pg_double(const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? 0 : strtod(PQgetvalue(r, row, col), NULL);
}

const char *pg_text(struct arena *a, const PGresult *r, int row, int col)
{
    return PQgetisnull(r, row, col) ? NULL : arena_strdup(a, PQgetvalue(r, row, col));
}

static int pg_begin(struct store *s, struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    if (p->in_tx)
        BUG("nested store transaction");
    p->retryable = 0;
    int rc = pg_exec(p, "BEGIN ISOLATION LEVEL SERIALIZABLE", NULL, NULL, "starting a write",
                     err);
    if (!rc)
        p->in_tx = 1;
    return rc;
}

static void pg_rollback(struct store *s)
{
    struct pg_store *p = pg_of(s);
    if (!p->in_tx)
        return;
    pg_exec(p, "ROLLBACK", NULL, NULL, "rollback", NULL);
    p->in_tx = 0;
}

static int pg_commit(struct store *s, struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    if (!p->in_tx)
        BUG("commit without a transaction");
    int rc = pg_exec(p, "COMMIT", NULL, NULL, "saving", err);
    if (rc)
        pg_exec(p, "ROLLBACK", NULL, NULL, "rollback", NULL);
    p->in_tx = 0;
    return rc;
}

/* Enough for a handful of writers on one row; two therapists writing the same entry at the
 * same moment is rare, a burst of fifty on one row would mostly wait. */
enum { PG_RETRIES = 40 };

int pg_run(struct pg_store *p, pg_body_fn body, void *arg, struct trp_err *err)
{
    if (p->in_tx)
        return body(p, arg, err);
    struct store *s = (struct store *)(void *)p;
    for (int attempt = 0;; attempt++) {
        int rc = pg_begin(s, err);
        if (rc)
            return rc;
        rc = body(p, arg, err);
        if (rc)
            pg_rollback(s);
        else
            rc = pg_commit(s, err);
        if (!rc || !p->retryable || attempt == PG_RETRIES)
            return rc;
        /* Writers retrying at once would collide again: wait a random while that grows
         * with each attempt, up to about 50 ms. */
        trp_err_clear(err);
        int span = attempt < 10 ? 2 + 5 * attempt : 50;
        usleep((useconds_t)(1000 * (1 + rand() % span)));
    }
}

/* --- opening, marks and migrations --- */

/* The URI for messages: "postgresql://user:secret@host/db" loses ":secret". */
static char *uri_label(const char *uri)
{
    char *out = xstrdup(uri);
    char *scheme = strstr(out, "://");
    if (!scheme)
        return out;
    char *auth = scheme + 3;
    char *at = strchr(auth, '@');
    char *slash = strchr(auth, '/');
    if (!at || (slash && slash < at))
        return out;
    char *colon = memchr(auth, ':', (size_t)(at - auth));
    if (colon)
        memmove(colon, at, strlen(at) + 1);
    return out;
}

static int pg_schema_version_part(struct pg_store *p, const char *part)
{
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, part);
    PGresult *r;
    if (pg_exec(p, "SELECT version FROM trp_schema WHERE part = $1", &pp, &r, "schema", NULL))
        return -1;
    int v = PQntuples(r) ? (int)pg_int(r, 0, 0) : 0;
    PQclear(r);
    return v;
}

static int pg_schema_version(struct store *s)
{
    return pg_schema_version_part(pg_of(s), "diary");
}

/* Refuses a database that holds tables but not trp's (another program's), the way the
 * SQLite store refuses another program's file, and creates the mark in an empty one. */
static int pg_claim(struct pg_store *p, struct trp_err *err)
{
    PGresult *r;
    int rc = pg_exec(p,
                     "SELECT to_regclass('trp_schema') IS NOT NULL, "
                     "(SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = "
                     "c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r')",
                     NULL, &r, "checking the database", err);
    if (rc)
        return rc;
    int marked = !strcmp(PQgetvalue(r, 0, 0), "t");
    int64_t tables = pg_int(r, 0, 1);
    PQclear(r);
    if (marked)
        return 0;
    if (tables > 0)
        return trp_err_set(err, TRP_EINVAL,
                           "%s holds %lld tables of another program; trp left it unchanged: "
                           "give an empty database",
                           p->label, (long long)tables);
    if (p->read_only)
        return trp_err_set(err, TRP_EIO, "%s is empty and read-only: nothing to read",
                           p->label);
    return pg_exec(p,
                   "CREATE TABLE IF NOT EXISTS trp_schema (part TEXT PRIMARY KEY, "
                   "version INTEGER NOT NULL)",
                   NULL, NULL, "marking the database", err);
}

static int migrate_part(struct pg_store *p, const char *part,
                        const struct store_pg_migration *list, size_t count,
                        struct trp_err *err)
{
    int latest = list[count - 1].version;
    int version = pg_schema_version_part(p, part);
    if (version < 0)
        return trp_err_set(err, TRP_EIO, "%s: cannot read the schema version", p->label);
    if (version > latest)
        return trp_err_set(err, TRP_EIO,
                           "database %s schema %d is newer than this trp knows (%d); upgrade "
                           "trp",
                           part, version, latest);
    if (version == latest)
        return 0;
    if (p->read_only)
        return trp_err_set(err, TRP_EIO,
                           "the database is read-only and has %s schema %d; this trp needs %d: "
                           "upgrade it on the primary server",
                           part, version, latest);
    struct store *s = (struct store *)(void *)p;
    for (size_t i = 0; i < count; i++) {
        const struct store_pg_migration *m = &list[i];
        if (m->version <= version)
            continue;
        int rc = pg_begin(s, err);
        if (rc)
            return rc;
        /* One migrating trp at a time; the others wait here, then find the work done. */
        rc = pg_exec(p, "SELECT pg_advisory_xact_lock(1414680625)", NULL, NULL,
                     "waiting for another trp's migration", err);
        if (!rc && pg_schema_version_part(p, part) >= m->version) {
            pg_rollback(s);
            continue;
        }
        for (int k = 0; !rc && m->sql[k]; k++)
            rc = pg_exec(p, m->sql[k], NULL, NULL, "migration", err);
        if (!rc) {
            struct pg_params pp;
            pgp_init(&pp);
            pgp_text(&pp, part);
            pgp_int(&pp, m->version);
            rc = pg_exec(p,
                         "INSERT INTO trp_schema (part, version) VALUES ($1, $2) "
                         "ON CONFLICT (part) DO UPDATE SET version = EXCLUDED.version",
                         &pp, NULL, "migration", err);
        }
        if (rc) {
            pg_rollback(s);
            return trp_err_prefix(err, "%s migration %d (%s): ", part, m->version, m->name);
        }
        if ((rc = pg_commit(s, err)))
            return rc;
    }
    return 0;
}

static void quiet_notices(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void pg_close(struct store *s)
{
    struct pg_store *p = pg_of(s);
    if (p->in_tx)
        pg_rollback(s);
    PQfinish(p->conn);
    for (int i = 0; i < p->n_prepared; i++)
        free(p->prepared[i].sql);
    arena_free(p->scratch);
    free(p->label);
    free(p);
}

static const struct store_ops pg_ops;

int store_pg_open(const char *uri, const struct store_open_opts *opts, struct store **out,
                  struct trp_err *err)
{
    struct pg_store *p = xcalloc(1, sizeof *p);
    p->common.ops = &pg_ops;
    p->common.person = 1; /* the one-person diary's owner, created by migration 1 */
    p->label = uri_label(uri);
    p->scratch = arena_new();
    const char *keys[] = {"dbname", "application_name", NULL};
    const char *vals[] = {uri, "trp", NULL};
    p->conn = PQconnectdbParams(keys, vals, 1);
    if (!p->conn || PQstatus(p->conn) != CONNECTION_OK) {
        char line[300];
        first_line(p->conn ? PQerrorMessage(p->conn) : "out of memory", line, sizeof line);
        int rc = trp_err_set(err, TRP_EIO, "cannot connect to %s: %s", p->label, line);
        pg_close((struct store *)(void *)p);
        return rc;
    }
    PQsetNoticeProcessor(p->conn, quiet_notices, NULL);
    struct store *s = (struct store *)(void *)p;
    PGresult *r;
    /* UTC and a fixed output style, whatever the server's defaults; a write that waits for a
     * lock gives up after wait_seconds instead of hanging. JIT compilation is off: trp's
     * statements are short, and compiling one cost more than running it (about 50 ms per
     * client list while tables had no statistics yet). Prepared statements keep one
     * generic plan: every statement names its person and reads through the (person, ...)
     * indexes, whatever the values. With PostgreSQL's default, a diary read was planned
     * afresh at each call (0.36 ms, more than running it for a week of entries), and for a
     * whole diary the fresh plan scanned every client's treatments (43 ms against 10 ms
     * for a year among 1,000 clients). No parallel workers either: once the statistics
     * grew, the kept plan of a week's read gathered two workers to read 75 rows (6.5 ms
     * instead of 0.3, and 270 requests a second instead of 3,000). */
    char lock_ms[32];
    snprintf(lock_ms, sizeof lock_ms, "%d",
             1000 * (opts && opts->wait_seconds > 0 ? opts->wait_seconds : 600));
    struct pg_params pp;
    pgp_init(&pp);
    pgp_text(&pp, lock_ms);
    int rc = pg_exec(p,
                     "SELECT set_config('TimeZone', 'UTC', false), "
                     "set_config('lock_timeout', $1, false), "
                     "set_config('extra_float_digits', '1', false), "
                     "set_config('jit', 'off', false), "
                     "set_config('plan_cache_mode', 'force_generic_plan', false), "
                     "set_config('max_parallel_workers_per_gather', '0', false), "
                     "pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'",
                     &pp, &r, "setting up the connection", err);
    if (!rc) {
        p->read_only = !strcmp(PQgetvalue(r, 0, 6), "t");
        PQclear(r);
        rc = pg_claim(p, err);
    }
    if (!rc)
        rc = migrate_part(p, "diary", store_pg_diary_migrations,
                          store_pg_diary_migrations_count, err);
    if (!rc)
        rc = migrate_part(p, "clinic", store_pg_clinic_migrations,
                          store_pg_clinic_migrations_count, err);
    if (rc) {
        pg_close(s);
        return rc;
    }
    *out = s;
    return 0;
}

static const char *pg_label(struct store *s)
{
    return pg_of(s)->label;
}

static int pg_is_read_only(struct store *s)
{
    return pg_of(s)->read_only;
}

/* --- diary entries --- */

/* One SELECT shape for every read, as in the SQLite store. Regions come as
 * "id:intensity;id:" in byte order of their ids (SQLite's key order). */
/* Only pain entries have regions and only treatments passes: the CASEs spare the other
 * rows a lookup each (a week of a clinic client's diary is read on every page). */
#define PG_ENTRY_HEAD                                                                      \
    "SELECT e.id, e.kind, e.at_utc, e.utc_offset, e.value, e.name, e.minutes, e.effort, "  \
    "e.posture, e.note, e.flare, e.qualities, e.created_at, e.deleted_at, "                \
    "CASE WHEN e.kind = 'pain' THEN "                                                      \
    "(SELECT string_agg(r.region || ':' || coalesce(r.intensity::text, ''), ';' "          \
    "   ORDER BY r.region COLLATE \"C\") FROM pain_region r WHERE r.entry_id = e.id) END, " \
    "t.technique, t.muscle, t.side, t.hold_seconds, t.passes, t.released, t.pressure, "    \
    "t.pain_before, t.pain_after, t.performer, e.unit, "                                 \
    "CASE WHEN e.kind = 'treatment' THEN "                                                 \
    "(SELECT string_agg(p.hold_seconds || ':' || p.softened, ';' ORDER BY p.pass) "        \
    "   FROM treatment_pass p WHERE p.entry_id = e.id) END "
#define PG_ENTRY_FROM "FROM entry e LEFT JOIN treatment t ON t.entry_id = e.id "
#define PG_REVISIONS_COLUMN                                                                \
    ", (SELECT json_agg(json_build_object("                                                \
    "     'revised_at', to_char(to_timestamp(v.revised_at) AT TIME ZONE 'UTC', "           \
    "                           'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"'),"                   \
    "     'previous', v.previous::json) ORDER BY v.id) "                                   \
    "   FROM entry_revision v WHERE v.entry_id = e.id) "

const char pg_entry_select[] = PG_ENTRY_HEAD PG_ENTRY_FROM;

/* Splits "a;b;c" into an arena array. */
static size_t split_list(struct arena *a, const char *text, const char ***out)
{
    *out = NULL;
    if (!text || !*text)
        return 0;
    size_t n = 1;
    for (const char *c = text; *c; c++)
        n += *c == ';';
    const char **items = arena_zalloc(a, n, sizeof *items);
    size_t k = 0;
    const char *start = text;
    for (const char *c = text;; c++) {
        if (*c == ';' || *c == '\0') {
            items[k++] = arena_strndup(a, start, (size_t)(c - start));
            if (!*c)
                break;
            start = c + 1;
        }
    }
    *out = items;
    return k;
}

void pg_row_to_entry(struct arena *a, const PGresult *r, int row, struct entry *e)
{
    enum entry_kind kind = ENTRY_NOTE;
    entry_kind_parse(PQgetvalue(r, row, 1), &kind, NULL);
    entry_init(e, kind);
    e->id = pg_int(r, row, 0);
    e->at.utc = pg_int(r, row, 2);
    e->at.offset_min = (int)pg_int(r, row, 3);
    if (kind != ENTRY_MEDICATION || !PQgetisnull(r, row, 4))
        e->value = pg_double(r, row, 4);
    e->unit = pg_text(a, r, row, 25);
    e->name = pg_text(a, r, row, 5);
    e->minutes = (int)pg_int(r, row, 6);
    e->effort = pg_int_or_unset(r, row, 7);
    e->posture = pg_text(a, r, row, 8);
    e->note = pg_text(a, r, row, 9);
    e->flare = (int)pg_int(r, row, 10);
    e->n_qualities = split_list(a, PQgetisnull(r, row, 11) ? NULL : PQgetvalue(r, row, 11),
                                &e->qualities);
    e->created_at = pg_int(r, row, 12);
    e->deleted_at = pg_int(r, row, 13);
    const char **regs;
    size_t nr = split_list(a, PQgetisnull(r, row, 14) ? NULL : PQgetvalue(r, row, 14), &regs);
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
    if (kind == ENTRY_TREATMENT && !PQgetisnull(r, row, 15)) {
        struct entry_treatment *t = &e->treat;
        t->technique = pg_text(a, r, row, 15);
        t->muscle = pg_text(a, r, row, 16);
        t->side = pg_text(a, r, row, 17);
        t->hold_seconds = pg_int_or_unset(r, row, 18);
        t->passes = pg_int_or_unset(r, row, 19);
        t->released = pg_int_or_unset(r, row, 20);
        t->pressure = PQgetisnull(r, row, 21) ? -1 : pg_double(r, row, 21);
        t->pain_before = pg_int_or_unset(r, row, 22);
        t->pain_after = pg_int_or_unset(r, row, 23);
        t->performer = pg_text(a, r, row, 24);
        const char **ps;
        size_t np = split_list(a, PQgetisnull(r, row, 26) ? NULL : PQgetvalue(r, row, 26), &ps);
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
    if (PQnfields(r) > 27 && !PQgetisnull(r, row, 27))
        e->revisions = arena_strdup(a, PQgetvalue(r, row, 27));
}

/* Joins qualities with ';' into sb; NULL when there are none. */
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

/* The columns shared by INSERT and UPDATE ($1..$13: $13 is a medication's unit). */
static void params_entry(struct pg_params *pp, const struct entry *e, const char *local,
                         const char *qualities)
{
    pgp_text(pp, entry_kind_name(e->kind));
    pgp_int(pp, e->at.utc);
    pgp_text(pp, local);
    pgp_int(pp, e->at.offset_min);
    if (e->kind == ENTRY_PAIN || e->kind == ENTRY_FACTOR || e->kind == ENTRY_PGIC ||
        e->kind == ENTRY_PSFS || (e->kind == ENTRY_MEDICATION && e->value >= 0))
        pgp_double(pp, e->value);
    else
        pgp_null(pp);
    pgp_text(pp, e->name);
    if (e->kind == ENTRY_TASK)
        pgp_int(pp, e->minutes);
    else
        pgp_null(pp);
    pgp_int_or_null(pp, e->effort);
    pgp_text(pp, e->posture);
    pgp_text(pp, e->note);
    pgp_int(pp, e->flare ? 1 : 0);
    pgp_text(pp, qualities);
    pgp_text(pp, e->kind == ENTRY_MEDICATION ? e->unit : NULL);
}

static int write_children(struct pg_store *p, int64_t id, const struct entry *e,
                          struct trp_err *err)
{
    int rc;
    struct pg_params pp;
    for (size_t i = 0; i < e->n_regions; i++) {
        pgp_init(&pp);
        pgp_int(&pp, id);
        pgp_text(&pp, e->regions[i].region);
        pgp_int_or_null(&pp, e->regions[i].intensity);
        if ((rc = pg_exec(p,
                          "INSERT INTO pain_region (entry_id, region, intensity) "
                          "VALUES ($1, $2, $3)",
                          &pp, NULL, "saving a pain region", err)))
            return rc;
    }
    if (e->kind == ENTRY_TREATMENT) {
        const struct entry_treatment *t = &e->treat;
        pgp_init(&pp);
        pgp_int(&pp, id);
        pgp_text(&pp, t->technique);
        pgp_text(&pp, t->muscle);
        pgp_text(&pp, t->side);
        pgp_int_or_null(&pp, t->hold_seconds);
        pgp_int_or_null(&pp, t->passes);
        pgp_int_or_null(&pp, t->released);
        if (t->pressure >= 0)
            pgp_double(&pp, t->pressure);
        else
            pgp_null(&pp);
        pgp_int_or_null(&pp, t->pain_before);
        pgp_int_or_null(&pp, t->pain_after);
        pgp_text(&pp, t->performer);
        if ((rc = pg_exec(p,
                          "INSERT INTO treatment (entry_id, technique, muscle, side, "
                          "hold_seconds, passes, released, pressure, pain_before, pain_after, "
                          "performer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                          &pp, NULL, "saving treatment details", err)))
            return rc;
        for (size_t i = 0; i < t->n_per_pass; i++) {
            pgp_init(&pp);
            pgp_int(&pp, id);
            pgp_int(&pp, (int64_t)i + 1);
            pgp_int(&pp, t->per_pass[i].hold_seconds);
            pgp_int(&pp, t->per_pass[i].softened ? 1 : 0);
            if ((rc = pg_exec(p,
                              "INSERT INTO treatment_pass (entry_id, pass, hold_seconds, "
                              "softened) VALUES ($1, $2, $3, $4)",
                              &pp, NULL, "saving the passes", err)))
                return rc;
        }
    }
    return 0;
}

static int insert_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    struct entry *e = arg;
    char local[TRP_TIME_BUF];
    trp_time_format(&e->at, local);
    local[19] = '\0'; /* the local wall time without its offset, as SQLite keeps it */
    struct strbuf q;
    strbuf_init(&q, 4096);
    int64_t now = (int64_t)time(NULL);
    struct pg_params pp;
    pgp_init(&pp);
    params_entry(&pp, e, local, join_qualities(e, &q));
    pgp_int(&pp, now);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p,
                     "INSERT INTO entry (kind, at_utc, at_local, utc_offset, value, name, "
                     "minutes, effort, posture, note, flare, qualities, unit, created_at, "
                     "updated_at, person_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                     "$11, $12, $13, $14, $14, $15) RETURNING id",
                     &pp, &r, "saving an entry", err);
    strbuf_release(&q);
    if (rc)
        return rc;
    int64_t id = pg_int(r, 0, 0);
    PQclear(r);
    if ((rc = write_children(p, id, e, err)))
        return rc;
    if (e->deleted_at) {
        pgp_init(&pp);
        pgp_int(&pp, id);
        pgp_int(&pp, now);
        if ((rc = pg_exec(p, "UPDATE entry SET deleted_at = $2 WHERE id = $1", &pp, NULL,
                          "saving a deleted entry", err)))
            return rc;
    }
    if (e->revisions && (rc = pg_write_revisions(p, id, e->revisions, err)))
        return rc;
    e->id = id;
    e->created_at = now;
    return 0;
}

static int pg_entry_insert(struct store *s, struct entry *e, struct trp_err *err)
{
    int rc = entry_validate(e, err);
    if (rc)
        return rc;
    struct entry work = *e;
    int64_t deleted = e->deleted_at;
    rc = pg_run(pg_of(s), insert_body, &work, err);
    if (!rc) {
        e->id = work.id;
        e->created_at = work.created_at;
        if (deleted)
            e->deleted_at = work.created_at;
    }
    return rc;
}

static int pg_entry_get(struct store *s, struct arena *a, int64_t id, struct entry *out,
                        struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, id);
    pgp_int(&pp, p->common.person);
    PGresult *r;
    int rc = pg_exec(p, PG_ENTRY_HEAD PG_ENTRY_FROM "WHERE e.id = $1 AND e.person_id = $2", &pp,
                     &r, "reading an entry", err);
    if (rc)
        return rc;
    if (PQntuples(r) == 0)
        rc = trp_err_set(err, TRP_ENOTFOUND, "no entry with id %lld", (long long)id);
    else
        pg_row_to_entry(a, r, 0, out);
    PQclear(r);
    return rc;
}

static int update_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    const struct entry *e = arg;
    struct store *s = (struct store *)(void *)p;
    struct arena *a = arena_new();
    struct strbuf q;
    strbuf_init(&q, 4096);
    struct entry old;
    struct pg_params pp;
    int rc = pg_entry_get(s, a, e->id, &old, err);
    if (rc)
        goto out;
    if (old.deleted_at) {
        rc = trp_err_set(err, TRP_ECONFLICT,
                         "entry %lld is deleted; restore it first with 'trp restore %lld'",
                         (long long)e->id, (long long)e->id);
        goto out;
    }
    int64_t now = (int64_t)time(NULL);
    char *previous = entry_json_encode(&old);
    pgp_init(&pp);
    pgp_int(&pp, e->id);
    pgp_int(&pp, now);
    pgp_text(&pp, previous);
    rc = pg_exec(p, "INSERT INTO entry_revision (entry_id, revised_at, previous) "
                    "VALUES ($1, $2, $3)", &pp, NULL, "saving the previous version", err);
    free(previous);
    if (rc)
        goto out;
    char local[TRP_TIME_BUF];
    trp_time_format(&e->at, local);
    local[19] = '\0';
    pgp_init(&pp);
    params_entry(&pp, e, local, join_qualities(e, &q));
    pgp_int(&pp, now);
    pgp_int(&pp, e->id);
    pgp_int(&pp, p->common.person);
    if ((rc = pg_exec(p,
                      "UPDATE entry SET kind = $1, at_utc = $2, at_local = $3, utc_offset = $4, "
                      "value = $5, name = $6, minutes = $7, effort = $8, posture = $9, "
                      "note = $10, flare = $11, qualities = $12, unit = $13, updated_at = $14 "
                      "WHERE id = $15 AND person_id = $16 AND deleted_at IS NULL",
                      &pp, NULL, "updating an entry", err)))
        goto out;
    pgp_init(&pp);
    pgp_int(&pp, e->id);
    if ((rc = pg_exec(p, "DELETE FROM pain_region WHERE entry_id = $1", &pp, NULL,
                      "updating an entry", err)) ||
        (rc = pg_exec(p, "DELETE FROM treatment_pass WHERE entry_id = $1", &pp, NULL,
                      "updating an entry", err)) ||
        (rc = pg_exec(p, "DELETE FROM treatment WHERE entry_id = $1", &pp, NULL,
                      "updating an entry", err)))
        goto out;
    rc = write_children(p, e->id, e, err);
out:
    strbuf_release(&q);
    arena_free(a);
    return rc;
}

static int pg_entry_update(struct store *s, const struct entry *e, struct trp_err *err)
{
    int rc = entry_validate(e, err);
    if (rc)
        return rc;
    return pg_run(pg_of(s), update_body, (void *)e, err);
}

struct deleted_arg {
    int64_t id;
    int deleting;
};

static int set_deleted_body(struct pg_store *p, void *arg, struct trp_err *err)
{
    const struct deleted_arg *d = arg;
    struct arena *a = arena_new();
    struct entry old;
    int rc = pg_entry_get((struct store *)(void *)p, a, d->id, &old, err);
    arena_free(a);
    if (rc)
        return rc;
    if (d->deleting && old.deleted_at)
        return trp_err_set(err, TRP_ECONFLICT, "entry %lld is already deleted",
                           (long long)d->id);
    if (!d->deleting && !old.deleted_at)
        return trp_err_set(err, TRP_ECONFLICT, "entry %lld is not deleted", (long long)d->id);
    struct pg_params pp;
    pgp_init(&pp);
    pgp_int(&pp, d->id);
    if (d->deleting)
        pgp_int(&pp, (int64_t)time(NULL));
    else
        pgp_null(&pp);
    pgp_int(&pp, p->common.person);
    return pg_exec(p, "UPDATE entry SET deleted_at = $2 WHERE id = $1 AND person_id = $3", &pp,
                   NULL, d->deleting ? "deleting an entry" : "restoring an entry", err);
}

static int pg_entry_delete(struct store *s, int64_t id, struct trp_err *err)
{
    struct deleted_arg d = {id, 1};
    return pg_run(pg_of(s), set_deleted_body, &d, err);
}

static int pg_entry_restore(struct store *s, int64_t id, struct trp_err *err)
{
    struct deleted_arg d = {id, 0};
    return pg_run(pg_of(s), set_deleted_body, &d, err);
}

/* The WHERE clause for q with its parameters ($1 is the person). */
static void query_sql(struct pg_store *p, const struct store_query *q, struct strbuf *sb,
                      struct pg_params *pp)
{
    pgp_init(pp);
    pgp_int(pp, p->common.person);
    strbuf_adds(sb, "WHERE e.person_id = $1");
    if (q->only_deleted)
        strbuf_adds(sb, " AND e.deleted_at IS NOT NULL");
    else if (!q->include_deleted)
        strbuf_adds(sb, " AND e.deleted_at IS NULL");
    if (q->kind >= 0) {
        pgp_text(pp, entry_kind_name((enum entry_kind)q->kind));
        strbuf_addf(sb, " AND e.kind = $%d", pp->n);
    }
    if (q->has_since) {
        pgp_int(pp, q->since);
        strbuf_addf(sb, " AND e.at_utc >= $%d", pp->n);
    }
    if (q->has_until) {
        pgp_int(pp, q->until);
        strbuf_addf(sb, " AND e.at_utc < $%d", pp->n);
    }
}

static int pg_entry_each(struct store *s, const struct store_query *q, store_entry_fn fn,
                         void *data, struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct strbuf sql;
    strbuf_init(&sql, 8192);
    strbuf_adds(&sql, q->with_revisions ? PG_ENTRY_HEAD PG_REVISIONS_COLUMN PG_ENTRY_FROM
                                        : PG_ENTRY_HEAD PG_ENTRY_FROM);
    struct pg_params pp;
    query_sql(p, q, &sql, &pp);
    strbuf_adds(&sql, " ORDER BY e.at_utc, e.id");
    if (q->limit > 0) {
        pgp_int(&pp, q->limit);
        strbuf_addf(&sql, " LIMIT $%d", pp.n);
    }
    PGresult *r;
    int rc = pg_exec(p, strbuf_str(&sql), &pp, &r, "reading entries", err);
    strbuf_release(&sql);
    if (rc)
        return rc;
    /* The whole result is in memory before the first callback, so a callback may use the
     * store (the connection is free again). */
    int n = PQntuples(r);
    for (int i = 0; i < n && !rc; i++) {
        struct entry e;
        pg_row_to_entry(p->scratch, r, i, &e);
        rc = fn(&e, data);
        if ((i & 4095) == 4095) {
            arena_free(p->scratch);
            p->scratch = arena_new();
        }
    }
    PQclear(r);
    arena_free(p->scratch);
    p->scratch = arena_new();
    return rc;
}

static int pg_entry_last_time(struct store *s, const struct store_query *q, struct trp_time *at,
                              struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct strbuf sql;
    strbuf_init(&sql, 4096);
    strbuf_adds(&sql, "SELECT e.at_utc, e.utc_offset FROM entry e ");
    struct pg_params pp;
    query_sql(p, q, &sql, &pp);
    strbuf_adds(&sql, " ORDER BY e.at_utc DESC, e.id DESC LIMIT 1");
    PGresult *r;
    int rc = pg_exec(p, strbuf_str(&sql), &pp, &r, "finding the last entry", err);
    strbuf_release(&sql);
    if (rc)
        return rc;
    if (PQntuples(r)) {
        at->utc = pg_int(r, 0, 0);
        at->offset_min = (int)pg_int(r, 0, 1);
    } else {
        rc = TRP_ENOTFOUND;
    }
    PQclear(r);
    return rc;
}

static int pg_entry_count(struct store *s, const struct store_query *q, int64_t *count,
                          struct trp_err *err)
{
    struct pg_store *p = pg_of(s);
    struct strbuf sql;
    strbuf_init(&sql, 4096);
    strbuf_adds(&sql, "SELECT count(*) FROM entry e ");
    struct pg_params pp;
    query_sql(p, q, &sql, &pp);
    PGresult *r;
    int rc = pg_exec(p, strbuf_str(&sql), &pp, &r, "counting entries", err);
    strbuf_release(&sql);
    if (rc)
        return rc;
    *count = pg_int(r, 0, 0);
    PQclear(r);
    return 0;
}

extern const struct store_clinic_ops pg_clinic_ops;

static const struct store_ops pg_ops = {
    .name = "postgresql",
    .close = pg_close,
    .is_read_only = pg_is_read_only,
    .schema_version = pg_schema_version,
    .label = pg_label,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .entry_insert = pg_entry_insert,
    .entry_update = pg_entry_update,
    .entry_get = pg_entry_get,
    .entry_delete = pg_entry_delete,
    .entry_restore = pg_entry_restore,
    .entry_purge = pg_entry_purge,
    .scrub = pg_scrub,
    .erase_all = pg_erase_all,
    .entry_history = pg_entry_history,
    .entry_find_same = pg_entry_find_same,
    .entry_each = pg_entry_each,
    .entry_count = pg_entry_count,
    .entry_last_time = pg_entry_last_time,
    .intake_save = pg_intake_save,
    .intake_latest = pg_intake_latest,
    .intake_acknowledge = pg_intake_acknowledge,
    .intake_clear = pg_intake_clear,
    .treatment_passes_put = pg_treatment_passes_put,
    .treatment_passes_get = pg_treatment_passes_get,
    .plan_put = pg_plan_put,
    .plan_end = pg_plan_end,
    .plan_list = pg_plan_list,
    .setting_get = pg_setting_get,
    .setting_put = pg_setting_put,
    .clinic = &pg_clinic_ops,
};
