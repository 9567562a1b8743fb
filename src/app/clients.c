/*
 * The client list and a client's card (clients.h).
 */
#include "app/clients.h"

#include <math.h>
#include <pthread.h>
#include <string.h>
#include <time.h>

#include "app/progress_data.h"
#include "app/safety_gate.h"
#include "base/timeutil.h"
#include "base/xalloc.h"
#include "core/intake.h"
#include "store/store.h"

/* A 2-point difference of the 0-10 scale (Farrar et al. 2001); see clients.h. */
#define CLIENTS_TREND_POINTS 2.0

static const char *trend_of(const struct store_client_row *r)
{
    if (r->pain_recent < 0 || r->pain_before < 0)
        return NULL;
    double d = r->pain_recent - r->pain_before;
    return d <= -CLIENTS_TREND_POINTS ? "better" : d >= CLIENTS_TREND_POINTS ? "worse" : "steady";
}

/* The flags of the client's latest intake (read with the list); none when no intake was
 * taken or a clinician has cleared it. */
static int intake_flags(struct arena *a, struct app_client *c, struct trp_err *err)
{
    const struct store_intake *rec = &c->row.intake;
    if (!rec->id || !rec->answers_json || rec->cleared_at)
        return 0;
    struct intake in;
    int rc = safety_intake_parse(rec, a, &in, err);
    if (rc)
        return rc;
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(&in, flags);
    c->red_flags = (int)nf;
    for (size_t i = 0; i < nf; i++)
        c->urgent |= flags[i].urgent != 0;
    return 0;
}

/* The progress status needs a pass over the client's whole diary (about 12 ms for a year
 * on PostgreSQL), and the 28-day means a read of 56 days of ratings: a list of 20 clients
 * cost a quarter of a second per request under load. A server keeps each client's figures
 * while the diary's change mark (store_client_row.diary_mark: every write, edit, removal
 * or restore of an entry moves it) holds, and for at most CLIENTS_STATUS_TTL seconds, as
 * the 28-day windows slide with the clock. When a mark moves, the means (one short read)
 * follow at once; the progress status of at most CLIENTS_STATUS_BUDGET clients per list is
 * recomputed, the longest-standing first, and the others keep their previous status a
 * little longer, with its time ("progress_as_of"): a status weighs weeks of ratings, and
 * a list that recomputed every client whose diary moved would cost a therapist whose
 * twenty clients all check in a quarter of a second. A client never seen before is always
 * computed. The client's own pages always compute afresh. Direct-mapped by person id: a
 * collision only costs a recomputation. */
#define CLIENTS_STATUS_TTL 120
#define CLIENTS_STATUS_BUDGET 2
#define CLIENTS_STATUS_SLOTS 4096
struct status_slot {
    int64_t person_id;
    int64_t means_mark, means_at; /* means_at: CLOCK_MONOTONIC seconds; 0 = none */
    double pain_recent, pain_before;
    int64_t status_mark, status_at, status_utc;
    const char *progress; /* progress_status_name(): static text */
    int seek_other_opinion;
};
static struct status_slot status_cache[CLIENTS_STATUS_SLOTS];
static pthread_mutex_t status_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t monotonic_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec + 1; /* never 0, the empty mark */
}

/* The cached slot of person (zeroed when there is none). */
static struct status_slot status_get(int64_t person)
{
    struct status_slot out = {0};
    pthread_mutex_lock(&status_lock);
    const struct status_slot *e = &status_cache[(uint64_t)person % CLIENTS_STATUS_SLOTS];
    if (e->person_id == person)
        out = *e;
    pthread_mutex_unlock(&status_lock);
    return out;
}

static int status_fresh(const struct status_slot *v, int64_t mark, int64_t now)
{
    return v->status_at && v->status_mark == mark && now - v->status_at < CLIENTS_STATUS_TTL;
}

/* The background refresher (app_clients_refresher_start): stale statuses a list met,
 * recomputed one at a time on the refresher's own connection, so that no request waits
 * for a pass over a diary it already has a status for. A small queue without repeats; a
 * full queue drops the request, and the next list asks again. */
#define REFRESH_QUEUE 256
#define REFRESH_PER_SECOND 10
static struct {
    pthread_t thread;
    pthread_cond_t wake;
    int running, stopping;
    char *db_path;
    struct {
        int64_t person, mark, utc;
    } q[REFRESH_QUEUE];
    size_t head, n;
} refresher = {.wake = PTHREAD_COND_INITIALIZER};

/* Called with status_lock held. */
static void refresh_enqueue(int64_t person, int64_t mark, int64_t utc)
{
    for (size_t i = 0; i < refresher.n; i++)
        if (refresher.q[(refresher.head + i) % REFRESH_QUEUE].person == person)
            return;
    if (refresher.n == REFRESH_QUEUE)
        return;
    size_t at = (refresher.head + refresher.n++) % REFRESH_QUEUE;
    refresher.q[at].person = person;
    refresher.q[at].mark = mark;
    refresher.q[at].utc = utc;
    pthread_cond_signal(&refresher.wake);
}

static int status_compute(struct store *s, struct arena *a, int64_t mark, int64_t utc,
                          struct status_slot *v, struct trp_err *err);

static void *refresher_main(void *arg)
{
    (void)arg;
    struct store *s = NULL;
    pthread_mutex_lock(&status_lock);
    while (!refresher.stopping) {
        if (!refresher.n) {
            pthread_cond_wait(&refresher.wake, &status_lock);
            continue;
        }
        int64_t person = refresher.q[refresher.head].person;
        int64_t mark = refresher.q[refresher.head].mark;
        int64_t utc = refresher.q[refresher.head].utc;
        refresher.head = (refresher.head + 1) % REFRESH_QUEUE;
        refresher.n--;
        pthread_mutex_unlock(&status_lock);
        struct trp_err err = {0};
        struct arena *a = arena_new();
        struct status_slot v = status_get(person);
        int rc = s ? 0 : store_open(refresher.db_path, &s, &err);
        if (!rc) {
            store_set_person(s, person);
            rc = status_compute(s, a, mark, utc, &v, &err);
            store_set_person(s, 0);
        }
        if (!rc && v.person_id == person) {
            /* Keep what a request stored meanwhile, but with the new status. */
            pthread_mutex_lock(&status_lock);
            struct status_slot *e = &status_cache[(uint64_t)person % CLIENTS_STATUS_SLOTS];
            if (e->person_id == person && (!e->status_at || e->status_at <= v.status_at)) {
                e->status_mark = v.status_mark;
                e->status_at = v.status_at;
                e->status_utc = v.status_utc;
                e->progress = v.progress;
                e->seek_other_opinion = v.seek_other_opinion;
            }
            pthread_mutex_unlock(&status_lock);
        } else if (rc && s) {
            /* A broken connection is opened afresh for the next one. */
            store_close(s);
            s = NULL;
        }
        arena_free(a);
        /* At most REFRESH_PER_SECOND passes a second: the refresher and its database
         * connection take a bounded share of the machine from the requests, however many
         * diaries move (plenty for check-ins at a human pace: 36,000 an hour). */
        struct timespec pause = {0, 1000000000L / REFRESH_PER_SECOND};
        nanosleep(&pause, NULL);
        pthread_mutex_lock(&status_lock);
    }
    pthread_mutex_unlock(&status_lock);
    if (s)
        store_close(s);
    return NULL;
}

int app_clients_refresher_start(const char *db_path, struct trp_err *err)
{
    pthread_mutex_lock(&status_lock);
    int already = refresher.running;
    if (!already) {
        refresher.db_path = xstrdup(db_path);
        refresher.stopping = 0;
        refresher.head = refresher.n = 0;
    }
    pthread_mutex_unlock(&status_lock);
    if (already)
        return 0;
    if (pthread_create(&refresher.thread, NULL, refresher_main, NULL) != 0) {
        free(refresher.db_path);
        refresher.db_path = NULL;
        return trp_err_set(err, TRP_EIO, "cannot start the client list's refresher thread");
    }
    pthread_mutex_lock(&status_lock);
    refresher.running = 1;
    pthread_mutex_unlock(&status_lock);
    return 0;
}

void app_clients_refresher_stop(void)
{
    pthread_mutex_lock(&status_lock);
    int running = refresher.running;
    refresher.stopping = 1;
    pthread_cond_signal(&refresher.wake);
    pthread_mutex_unlock(&status_lock);
    if (!running)
        return;
    pthread_join(refresher.thread, NULL);
    pthread_mutex_lock(&status_lock);
    refresher.running = 0;
    free(refresher.db_path);
    refresher.db_path = NULL;
    pthread_mutex_unlock(&status_lock);
}

static int status_compute(struct store *s, struct arena *a, int64_t mark, int64_t utc,
                          struct status_slot *v, struct trp_err *err)
{
    struct progress_data *pd = arena_zalloc(a, 1, sizeof *pd);
    progress_data_init(pd);
    int rc = app_progress_data_load(s, a, pd, err);
    if (rc)
        return rc;
    v->seek_other_opinion = pd->result.seek_other_opinion;
    v->progress = progress_status_name(pd->result.status);
    v->status_mark = mark;
    v->status_at = monotonic_seconds();
    v->status_utc = utc;
    return 0;
}

/* The 28-day means and the progress status of the handle's person into c and slot v;
 * the status is recomputed when it is stale and recompute is set (or there is none). */
static int diary_figures(struct store *s, struct arena *a, int64_t now_utc, int recompute,
                         struct status_slot *v, struct app_client *c, struct trp_err *err)
{
    int64_t mark = c->row.diary_mark, now = monotonic_seconds();
    int rc = 0;
    v->person_id = c->row.person_id;
    if (!(v->means_at && v->means_mark == mark && now - v->means_at < CLIENTS_STATUS_TTL)) {
        if ((rc = store_pain_means(s, now_utc, &v->pain_recent, &v->pain_before, err)))
            return rc;
        v->means_mark = mark;
        v->means_at = now;
    }
    int stale = !status_fresh(v, mark, now), queued = 0;
    if (stale && v->status_at && !recompute) {
        queued = 1; /* the refresher takes it; keep the previous status meanwhile */
    } else if (stale && (rc = status_compute(s, a, mark, now_utc, v, err))) {
        return rc;
    }
    c->row.pain_recent = v->pain_recent;
    c->row.pain_before = v->pain_before;
    c->progress = v->progress;
    c->seek_other_opinion = v->seek_other_opinion;
    c->progress_as_of = v->status_utc;
    pthread_mutex_lock(&status_lock);
    status_cache[(uint64_t)v->person_id % CLIENTS_STATUS_SLOTS] = *v;
    if (queued && refresher.running)
        refresh_enqueue(v->person_id, mark, now_utc);
    pthread_mutex_unlock(&status_lock);
    return 0;
}

int app_clients_list(struct store *s, struct arena *a, const struct authz_actor *who,
                     struct app_client **out, size_t *n, struct trp_err *err)
{
    int64_t therapist = 0;
    struct store_client_row *rows;
    size_t k = 0;
    struct trp_time now;
    int rc = authz_client_list(who, &therapist, err);
    if (!rc)
        rc = trp_time_now(&now, err);
    if (!rc)
        rc = store_clients_list(s, a, therapist, &rows, &k, err);
    if (!rc)
        rc = authz_audit(s, who, 0, "clients.list", NULL, err);
    if (rc)
        return rc;
    struct app_client *cs = arena_zalloc(a, k ? k : 1, sizeof *cs);
    struct status_slot *slots = arena_zalloc(a, k ? k : 1, sizeof *slots);
    int64_t mono = monotonic_seconds();
    for (size_t i = 0; i < k; i++)
        slots[i] = status_get(rows[i].person_id);
    /* The recompute budget goes to the stale statuses computed longest ago; with the
     * refresher running, the request recomputes none it already has one for. */
    int *recompute = arena_zalloc(a, k ? k : 1, sizeof *recompute);
    pthread_mutex_lock(&status_lock);
    int budget = refresher.running ? 0 : CLIENTS_STATUS_BUDGET;
    pthread_mutex_unlock(&status_lock);
    for (int b = 0; b < budget; b++) {
        size_t pick = k;
        for (size_t i = 0; i < k; i++)
            if (!recompute[i] && slots[i].status_at &&
                !status_fresh(&slots[i], rows[i].diary_mark, mono) &&
                (pick == k || slots[i].status_at < slots[pick].status_at))
                pick = i;
        if (pick < k)
            recompute[pick] = 1;
    }
    for (size_t i = 0; i < k && !rc; i++) {
        cs[i].row = rows[i];
        /* The list holds only the clients linked to who (or, at the terminal, all), whom
         * authz_client would let who read: their intake and progress need no second
         * decision (the list read is audited above). */
        rc = intake_flags(a, &cs[i], err);
        if (!rc) {
            store_set_person(s, rows[i].person_id);
            rc = diary_figures(s, a, now.utc, recompute[i], &slots[i], &cs[i], err);
        }
        cs[i].trend = trend_of(&cs[i].row);
    }
    store_set_person(s, 0);
    if (rc)
        return rc;
    *out = cs;
    *n = k;
    return 0;
}

static json_t *num_or_null(double v)
{
    return v >= 0 && isfinite(v) ? json_real(v) : json_null();
}

/* A UTC instant as "2026-03-09T10:00:00Z", or null when there is none. */
static json_t *utc_or_null(int64_t t)
{
    if (!t)
        return json_null();
    struct trp_time at = {t, 0};
    char buf[TRP_TIME_BUF];
    trp_time_format(&at, buf);
    char *plus = strstr(buf, "+00:00");
    if (plus)
        strcpy(plus, "Z");
    return json_string(buf);
}

json_t *app_client_json(const struct app_client *c)
{
    const struct store_client_row *r = &c->row;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(r->person_id));
    json_object_set_new(o, "name", json_string(r->name));
    json_object_set_new(o, "date_of_birth",
                        r->date_of_birth ? json_string(r->date_of_birth) : json_null());
    json_object_set_new(o, "link", r->link ? json_string(r->link) : json_null());
    json_object_set_new(o, "last_entry", utc_or_null(r->last_entry_at));
    json_object_set_new(o, "last_visit", utc_or_null(r->last_treatment_at));
    json_object_set_new(o, "pain_last_28_days", num_or_null(r->pain_recent));
    json_object_set_new(o, "pain_28_days_before", num_or_null(r->pain_before));
    json_object_set_new(o, "trend", c->trend ? json_string(c->trend) : json_null());
    json_object_set_new(o, "progress", json_string(c->progress));
    json_object_set_new(o, "urgent", json_boolean(c->urgent));
    json_object_set_new(o, "red_flags", json_integer(c->red_flags));
    json_object_set_new(o, "seek_other_opinion", json_boolean(c->seek_other_opinion));
    json_object_set_new(o, "progress_as_of", utc_or_null(c->progress_as_of));
    return o;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

int app_client_show(struct store *s, struct arena *a, const struct authz_actor *who,
                    int64_t person, json_t **out, struct trp_err *err)
{
    struct store_person_info p;
    int rc = authz_client(s, who, person, AUTHZ_READ, "client", err);
    if (!rc)
        rc = store_person_get(s, a, person, &p, err);
    if (rc)
        return rc;
    json_t *o = json_object();
    json_object_set_new(o, "id", json_integer(p.id));
    json_object_set_new(o, "name", json_string(p.name));
    json_object_set_new(o, "date_of_birth", str_or_null(p.date_of_birth));
    json_object_set_new(o, "medications", str_or_null(p.medications));
    json_object_set_new(o, "notes", str_or_null(p.notes));
    json_object_set_new(o, "therapist", str_or_null(p.therapist));
    *out = o;
    return 0;
}
