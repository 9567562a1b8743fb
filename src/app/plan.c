/*
 * The plan's use cases (see plan.h): one scan of the diary's treatments per question, local
 * days from base/timeutil, the rules from core/plan and the gate from app/safety_gate.
 * Adding a muscle lives here rather than in a face, so the terminal and the web page pass
 * through the same checks and the same gate.
 */
#include "app/plan.h"

#include <string.h>

#include "app/muscle_view.h"

static int tally_one(const struct entry *e, void *data)
{
    struct app_plan *p = data;
    for (size_t i = 0; i < p->n; i++)
        plan_tally_add(&p->tallies[i], &p->goals[i], e, p->today);
    return 0;
}

int app_plan_load(struct store *s, struct arena *a, struct app_plan *p, struct trp_err *err)
{
    memset(p, 0, sizeof *p);
    int rc = store_plan_list(s, a, &p->items, &p->n, err);
    if (rc)
        return rc;
    struct trp_time now;
    if ((rc = trp_time_now(&now, err)))
        return rc;
    p->today = trp_time_local_day(&now);
    p->goals = arena_zalloc(a, p->n + 1, sizeof *p->goals);
    p->tallies = arena_zalloc(a, p->n + 1, sizeof *p->tallies);
    for (size_t i = 0; i < p->n; i++) {
        p->goals[i].muscle = p->items[i].muscle;
        p->goals[i].per[PLAN_RELEASE] = p->items[i].release_per_week;
        p->goals[i].per[PLAN_STRETCH] = p->items[i].stretch_per_day;
        p->goals[i].per[PLAN_STRENGTHEN] = p->items[i].strengthen_per_week;
    }
    struct store_query q;
    store_query_init(&q);
    q.kind = ENTRY_TREATMENT;
    q.has_since = 1;
    /* A day early: an entry's own offset may differ from today's zone by up to 26 hours. */
    q.since = trp_local_day_start(plan_week_start(p->today) - 2);
    return store_entry_each(s, &q, tally_one, p, err);
}

/* Treatment entries per item, local day and activity. */
struct adh_state {
    struct app_plan_adherence *rows;
    size_t n;
    int64_t last_day;
    int (**done)[PLAN_ACTIVITY_COUNT]; /* done[i][day - rows[i].first_day][activity] */
};

static int adh_one(const struct entry *e, void *data)
{
    struct adh_state *st = data;
    int act = plan_activity_of(e);
    if (act < 0 || !e->treat.muscle)
        return 0;
    /* The day it was done where the person was (the offset it was logged with). */
    int64_t day = trp_time_local_day(&e->at);
    for (size_t i = 0; i < st->n; i++) {
        int64_t d = day - st->rows[i].first_day;
        if (d >= 0 && day <= st->last_day && !strcmp(e->treat.muscle, st->rows[i].item->muscle))
            st->done[i][d][act]++;
    }
    return 0;
}

int app_plan_adherence(struct store *s, struct arena *a, int64_t first_day, int64_t last_day,
                       struct app_plan_adherence **rows, size_t *n, struct trp_err *err)
{
    struct store_plan_item *items;
    size_t ni;
    int rc = store_plan_list(s, a, &items, &ni, err);
    if (rc)
        return rc;
    struct adh_state st = {arena_zalloc(a, ni + 1, sizeof *st.rows), ni, last_day,
                           arena_zalloc(a, ni + 1, sizeof *st.done)};
    int64_t earliest = last_day;
    for (size_t i = 0; i < ni; i++) {
        /* The day it was created in the local zone of that moment: a plan started at 23:30
         * in winter started that day, whatever today's offset is. */
        int64_t created = trp_local_day_of(items[i].created_at);
        st.rows[i].item = &items[i];
        st.rows[i].first_day = created > first_day ? created : first_day;
        int64_t days = last_day >= st.rows[i].first_day ? last_day - st.rows[i].first_day + 1 : 0;
        st.done[i] = arena_zalloc(a, (size_t)days + 1, sizeof *st.done[i]);
        if (st.rows[i].first_day < earliest)
            earliest = st.rows[i].first_day;
    }
    if (ni) {
        struct store_query q;
        store_query_init(&q);
        q.kind = ENTRY_TREATMENT;
        /* A day either side: entries carry their own offsets, which may differ from $TZ's. */
        q.has_since = q.has_until = 1;
        q.since = trp_local_day_start(earliest - 1);
        q.until = trp_local_day_start(last_day + 2);
        if ((rc = store_entry_each(s, &q, adh_one, &st, err)))
            return rc;
    }
    for (size_t i = 0; i < ni; i++) {
        const struct store_plan_item *it = &items[i];
        struct plan_goal goal = {it->muscle,
                                 {it->release_per_week, it->stretch_per_day,
                                  it->strengthen_per_week},
                                 st.rows[i].first_day};
        plan_adherence_compute(&goal, st.rows[i].first_day, last_day,
                               (const int(*)[PLAN_ACTIVITY_COUNT])st.done[i], &st.rows[i].ad);
    }
    *rows = st.rows;
    *n = ni;
    return 0;
}

json_t *app_plan_adherence_json(const struct app_plan_adherence *rows, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        const struct plan_adherence *ad = &rows[i].ad;
        json_t *o = json_object();
        json_object_set_new(o, "muscle", json_string(rows[i].item->muscle));
        json_object_set_new(o, "weeks", json_integer(ad->weeks));
        for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++) {
            json_t *x = json_object();
            json_object_set_new(x, "done", json_integer(ad->done[a]));
            json_object_set_new(x, "target", json_integer(ad->target[a]));
            json_object_set_new(x, "rate", ad->rate[a] < 0 ? json_null() : json_real(ad->rate[a]));
            json_object_set_new(o, plan_activity_name((enum plan_activity)a), x);
        }
        json_array_append_new(arr, o);
    }
    return arr;
}

int app_today(struct store *s, struct arena *a, struct app_today *out, struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    struct app_plan p;
    struct safety_gate g;
    int rc;
    if ((rc = app_plan_load(s, a, &p, err)) || (rc = safety_gate_load(s, a, &g, err)))
        return rc;
    out->n_plan = p.n;
    out->items = arena_zalloc(a, p.n * PLAN_ACTIVITY_COUNT + 1, sizeof *out->items);
    for (size_t i = 0; i < p.n; i++) {
        struct muscle_view v;
        if ((rc = muscle_view_find(p.items[i].muscle, &v, err)))
            return rc;
        /* The gate decides per muscle and side, as for a session: a blocked muscle is not
         * offered today, and a pressure cap replaces the knowledge base's usual pressure. */
        const char *side = p.items[i].side;
        struct safety_result res;
        safety_gate_muscle(&g, v.kb, side && strcmp(side, "both") ? side : NULL, a, &res);
        const char *pressure = res.v.max_pressure < SAFETY_NO_CAP
                                   ? arena_printf(a, "LIGHT, at most %d of 10", res.v.max_pressure)
                                   : v.pressure ? v.pressure : "moderate";
        for (int k = 0; k < PLAN_ACTIVITY_COUNT; k++) {
            int due = plan_due_today(&p.goals[i], &p.tallies[i], (enum plan_activity)k);
            if (!due)
                continue;
            const char *how = k == PLAN_STRETCH ? v.stretch : k == PLAN_STRENGTHEN ? v.strengthen
                              : arena_printf(a, "Where: %s\n    Tool: %s. Pressure: %s.\n    Hold about %d s, up to %d passes.",
                                             v.tp_location[0] ? v.tp_location[0] : "", v.tool ? v.tool : "thumb",
                                             pressure, v.hold_seconds, v.passes);
            if (!res.v.allowed)
                how = arena_printf(a, "Not today: %s%s%s", safety_result_why(&res),
                                   res.v.see ? " See: " : "", res.v.see ? res.v.see : "");
            struct app_today_item *t = &out->items[out->n++];
            t->muscle = v.id;
            t->name = v.name;
            t->activity = (enum plan_activity)k;
            t->due = due;
            t->how = how ? how : "";
            t->res = res;
        }
    }
    return 0;
}

json_t *app_today_json(const struct app_today *t)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < t->n; i++) {
        const struct app_today_item *it = &t->items[i];
        json_t *o = json_object();
        json_object_set_new(o, "muscle", json_string(it->muscle));
        json_object_set_new(o, "activity", json_string(plan_activity_name(it->activity)));
        json_object_set_new(o, "due", json_integer(it->due));
        json_object_set_new(o, "allowed", json_boolean(it->res.v.allowed));
        json_object_set_new(o, "how", json_string(it->how));
        json_object_set_new(o, "safety", safety_result_json(&it->res));
        json_array_append_new(arr, o);
    }
    return arr;
}

/* The activity, the muscle and the side, checked without a store. */
static int done_check(const struct app_plan_done *req, enum plan_activity *act,
                      struct muscle_view *v, const char **side, struct trp_err *err)
{
    if (plan_activity_parse(req->activity, act))
        return trp_err_set(err, TRP_EINVAL, "\"%.40s\" is not release, stretch or strengthen",
                           req->activity);
    int rc = muscle_view_find(req->muscle, v, err);
    *side = NULL;
    if (!rc && req->side)
        rc = muscle_view_side(v, req->side, side, err);
    return rc;
}

int app_plan_done_check(const struct app_plan_done *req, struct trp_err *err)
{
    enum plan_activity act;
    struct muscle_view v;
    const char *side;
    return done_check(req, &act, &v, &side, err);
}

int app_plan_done(struct store *s, struct arena *a, const struct app_plan_done *req,
                  struct entry *e, struct trp_err *err)
{
    (void)a;
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    entry_init(e, ENTRY_TREATMENT);
    e->at = req->has_at ? req->at : now;
    enum plan_activity act;
    struct muscle_view v;
    if ((rc = done_check(req, &act, &v, &e->treat.side, err)))
        return rc;
    if (!req->side && v.midline)
        e->treat.side = "midline";
    e->treat.muscle = v.id;
    e->treat.performer = "self";
    e->treat.technique = act == PLAN_STRETCH      ? "stretch"
                         : act == PLAN_STRENGTHEN ? "strengthen"
                         : req->friction || !v.can_compress ? "friction"
                                                            : "compression";
    return store_entry_insert(s, e, err);
}

static const int per_max[PLAN_ACTIVITY_COUNT] = {21, 10, 14};
static const char *const per_unit[PLAN_ACTIVITY_COUNT] = {"week", "day", "week"};

int app_plan_per_max(enum plan_activity a)
{
    return per_max[a];
}

const char *app_plan_per_unit(enum plan_activity a)
{
    return per_unit[a];
}

void app_plan_add_defaults(struct app_plan_add *req, const char *muscle)
{
    memset(req, 0, sizeof *req);
    req->muscle = muscle;
    req->per[PLAN_RELEASE] = 3;
    req->per[PLAN_STRETCH] = 2;
    req->per[PLAN_STRENGTHEN] = 2;
}

/* The muscle, its side and the frequencies, checked without a store. */
static int add_check(const struct app_plan_add *req, struct muscle_view *v, const char **side,
                     struct trp_err *err)
{
    int rc = muscle_view_find(req->muscle, v, err);
    *side = NULL;
    if (!rc && req->side)
        rc = muscle_view_side(v, req->side, side, err);
    if (rc)
        return rc;
    int any = 0;
    for (int k = 0; k < PLAN_ACTIVITY_COUNT; k++) {
        if (req->per[k] < 0 || req->per[k] > per_max[k])
            return trp_err_set(err, TRP_EINVAL, "%s %d times a %s is outside 0-%d",
                               plan_activity_name((enum plan_activity)k), req->per[k],
                               per_unit[k], per_max[k]);
        any |= req->per[k] > 0;
    }
    if (!any)
        return trp_err_set(err, TRP_EINVAL, "a plan item needs at least one activity");
    return 0;
}

int app_plan_add_check(const struct app_plan_add *req, struct trp_err *err)
{
    struct muscle_view v;
    const char *side;
    return add_check(req, &v, &side, err);
}

int app_plan_add(struct store *s, struct arena *a, const struct app_plan_add *req,
                 struct app_plan_added *out, struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    struct muscle_view v;
    const char *side;
    struct trp_time now;
    int rc;
    if ((rc = add_check(req, &v, &side, err)) || (rc = trp_time_now(&now, err)))
        return rc;
    /* A plan asks the person to treat this muscle on their own: only what the gate allows. */
    struct safety_gate g;
    struct safety_result res;
    if ((rc = safety_gate_load(s, a, &g, err)))
        return rc;
    safety_gate_muscle(&g, v.kb, side, a, &res);
    if (!res.v.allowed)
        return trp_err_set(err, TRP_ECONFLICT, "%s%s%s is not offered for self-care: %s%s%s",
                           v.name, side ? " " : "", side ? side : "", safety_result_why(&res),
                           res.v.see ? " See: " : "", res.v.see ? res.v.see : "");
    struct store_plan_item *it = &out->item;
    it->muscle = v.id;
    it->side = side;
    it->release_per_week = req->per[PLAN_RELEASE];
    it->stretch_per_day = req->per[PLAN_STRETCH];
    it->strengthen_per_week = req->per[PLAN_STRENGTHEN];
    it->created_at = now.utc;
    out->name = v.name;
    return store_plan_put(s, it, err);
}

int app_plan_remove(struct store *s, const char *muscle, const char **name, struct trp_err *err)
{
    struct muscle_view v;
    struct trp_time now;
    int rc;
    if ((rc = muscle_view_find(muscle, &v, err)) || (rc = trp_time_now(&now, err)) ||
        (rc = store_plan_end(s, v.id, now.utc, err)))
        return rc;
    if (name)
        *name = v.name;
    return 0;
}
