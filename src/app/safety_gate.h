/*
 * The safety gate as a use case shared by every face (CLI commands now, the web server
 * later): gathers the person's latest intake from the store and a muscle from the knowledge
 * base, and asks core/safety.h whether self-treatment of that muscle and side is allowed,
 * at what highest pressure, whether something is urgent, who to see and why. Takes a store,
 * an arena and an error; never a face's own context.
 */
#ifndef TRP_APP_SAFETY_GATE_H
#define TRP_APP_SAFETY_GATE_H

#include <jansson.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/intake.h"
#include "core/safety.h"
#include "kb/muscle.h"
#include "store/store.h"

/* The person's safety state, loaded once per command or request. */
struct safety_gate {
    int have_intake;
    struct intake in;
    struct store_intake rec;
};

/* The latest stored intake into in (with acknowledgement and clearance). TRP_ENOTFOUND
 * ("run 'trp intake'") when none; an intake saved before a question existed loads with
 * in->missing set rather than failing. */
int safety_intake_latest(struct store *s, struct arena *a, struct intake *in,
                         struct store_intake *rec, struct trp_err *err);

/* The intake stored in rec (as store_intake_latest reads it) into in. */
int safety_intake_parse(const struct store_intake *rec, struct arena *a, struct intake *in,
                        struct trp_err *err);

/* Loads the gate's state; no intake on record is not an error (the gate then blocks). */
int safety_gate_load(struct store *s, struct arena *a, struct safety_gate *g, struct trp_err *err);

/* One verdict. */
struct safety_result {
    const struct muscle *muscle;
    const char *side;              /* "left", "right", "midline", or "both" when not given */
    struct safety_verdict v;
};

/* The verdict for one muscle (id or alias) and side ("left", "right" or NULL). For a sided
 * muscle without a side both sides are checked and the stricter verdict returned (side
 * "both"). Unknown muscle or a side for a midline muscle: TRP_EINVAL. */
int safety_gate_check(const struct safety_gate *g, const char *muscle, const char *side,
                      struct arena *a, struct safety_result *out, struct trp_err *err);

/* Same, for a knowledge-base entry already in hand. */
void safety_gate_muscle(const struct safety_gate *g, const struct muscle *m, const char *side,
                        struct arena *a, struct safety_result *out);

/* {"muscle", "side", "allowed", "pressure_max" (0-10 or null), "urgent", "reasons", "see"}. */
json_t *safety_result_json(const struct safety_result *r);

/* The first reason of a blocked verdict, for one-line refusals. */
const char *safety_result_why(const struct safety_result *r);

#endif
