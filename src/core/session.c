/*
 * session.h: pass bookkeeping and the mapping of a finished point to a treatment entry.
 */
#include "core/session.h"

#include <string.h>

const char *session_cue(int second, int max_hold)
{
    if (second == 30 && max_hold > 30)
        return "30 s: keep the pressure steady; ease off a little if it is sharp.";
    if (second == 60 && max_hold > 60)
        return "60 s: many points soften by now. Press Enter if the tenderness has eased.";
    if (second == 90 && max_hold > 90)
        return "90 s: that is long enough for this pass; release if it has not softened.";
    if (second == max_hold)
        return "Time: release the pressure now.";
    return NULL;
}

int session_passes_at(const struct session_result *r, int point)
{
    int n = 0;
    for (size_t i = 0; i < r->n_pass; i++)
        n += r->pass[i].point == point;
    return n;
}

int session_pass_done_at(const struct session_point *p, struct session_result *r, int point,
                         int seconds, int softened)
{
    r->passes_done++;
    if (r->n_pass < SESSION_MAX_PASSES)
        r->pass[r->n_pass++] = (struct session_pass){seconds, softened ? 1 : 0, point};
    /* The entry's hold is the time to release of the last pass that softened (or the
     * longest hold when none did); the passes themselves keep every hold. */
    if (softened) {
        r->released = 1;
        r->release_seconds = seconds;
        return 1;
    }
    if (seconds > r->release_seconds && !r->released)
        r->release_seconds = seconds;
    return session_passes_at(r, point) >= p->max_passes;
}

int session_pass_done(const struct session_point *p, struct session_result *r, int seconds,
                      int softened)
{
    return session_pass_done_at(p, r, 0, seconds, softened);
}

void session_to_entry(const struct session_point *p, const struct session_result *r,
                      const struct trp_time *at, struct entry *e)
{
    entry_init(e, ENTRY_TREATMENT);
    e->at = *at;
    e->treat.technique = p->technique;
    e->treat.muscle = p->muscle;
    e->treat.side = p->side;
    e->treat.performer = p->performer ? p->performer : "self";
    if (r->passes_done > 0) {
        e->treat.passes = r->passes_done > 20 ? 20 : r->passes_done;
        if (r->release_seconds > 0)
            e->treat.hold_seconds = r->release_seconds;
        e->treat.released = strcmp(p->technique, "compression") == 0 ? r->released : ENTRY_UNSET;
    }
    e->treat.pain_before = r->pain_before;
    e->treat.pain_after = r->pain_after;
    if (r->interrupted)
        e->note = "session stopped early (Ctrl-C)";
}
