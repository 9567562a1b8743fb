/*
 * safety.h: precaution rules. Distal-to-varicose uses a coarse six-level model of the leg
 * (hip, thigh, knee, lower leg, ankle, foot) because referral and vein maps are not finer
 * than that, and erring toward "not here" is the safe side.
 */
#include "core/safety.h"

#include <string.h>

static const struct {
    const char *base;
    int level;
} leg_levels[] = {
    {"hip-front", 1}, {"groin", 1}, {"buttock", 1}, {"hip-outer", 1},
    {"thigh-front", 2}, {"thigh-inner", 2}, {"thigh-outer", 2}, {"thigh-back", 2},
    {"kneecap", 3}, {"knee-inner", 3}, {"knee-outer", 3}, {"back-of-knee", 3},
    {"shin", 4}, {"calf", 4}, {"leg-outer", 4},
    {"ankle-front", 5}, {"ankle-outer", 5}, {"ankle-inner", 5}, {"achilles", 5},
    {"heel", 6}, {"sole", 6}, {"arch", 6}, {"ball-of-foot", 6}, {"instep", 6},
    {"great-toe", 6}, {"lesser-toes", 6},
};

int safety_leg_level(const char *base)
{
    for (size_t i = 0; i < sizeof leg_levels / sizeof *leg_levels; i++)
        if (strcmp(leg_levels[i].base, base) == 0)
            return leg_levels[i].level;
    return 0;
}

static void reason(struct safety_verdict *v, const char *text)
{
    for (size_t i = 0; i < v->n_reasons; i++)
        if (v->reasons[i] == text)
            return;
    if (v->n_reasons < SAFETY_MAX_REASONS)
        v->reasons[v->n_reasons++] = text;
}

static void block(struct safety_verdict *v, const char *why)
{
    v->compression_ok = 0;
    v->friction_ok = 0;
    reason(v, why);
}

static int sides_meet(enum region_side a, enum region_side b)
{
    return a == REGION_MIDLINE || b == REGION_MIDLINE || a == b;
}

static int is_leg_muscle(const struct safety_target *t)
{
    if (t->area && (!strcmp(t->area, "thigh") || !strcmp(t->area, "leg") || !strcmp(t->area, "foot")))
        return 1;
    for (size_t i = 0; i < t->n_tp; i++)
        if (safety_leg_level(t->tp_bases[i]) >= 2)
            return 1;
    return 0;
}

/* True when any trigger point of t lies at one of the answer's regions (same base, or the
 * same CHOIR segment, on a side that meets). */
static int at_any(const struct safety_target *t, const struct intake_answer *ans)
{
    for (size_t i = 0; i < ans->n_regions; i++) {
        const struct region *r = region_find(ans->regions[i]);
        if (!r || !sides_meet(r->side, t->side))
            continue;
        for (size_t k = 0; k < t->n_tp; k++) {
            if (strcmp(r->base, t->tp_bases[k]) == 0)
                return 1;
            char id[96];
            const char *suffix = t->side == REGION_LEFT ? ".l" : t->side == REGION_RIGHT ? ".r" : "";
            snprintf(id, sizeof id, "%s%s", t->tp_bases[k], suffix);
            const struct region *tp = region_find(id);
            if (!tp && r->side != REGION_MIDLINE) {
                snprintf(id, sizeof id, "%s%s", t->tp_bases[k], r->side == REGION_LEFT ? ".l" : ".r");
                tp = region_find(id);
            }
            if (tp && region_choir_of(tp) == region_choir_of(r))
                return 1;
        }
    }
    return 0;
}

/* True when a trigger point of t is on the leg at or below a varicose region (same side). */
static int distal_to_any(const struct safety_target *t, const struct intake_answer *ans)
{
    for (size_t i = 0; i < ans->n_regions; i++) {
        const struct region *r = region_find(ans->regions[i]);
        if (!r || !sides_meet(r->side, t->side))
            continue;
        int vein = safety_leg_level(r->base);
        if (!vein)
            continue;
        for (size_t k = 0; k < t->n_tp; k++) {
            int lvl = safety_leg_level(t->tp_bases[k]);
            if (lvl && lvl >= vein)
                return 1;
        }
    }
    return 0;
}

void safety_check(const struct intake *in, const struct safety_target *t,
                  struct safety_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->compression_ok = 1;
    v->friction_ok = 1;
    v->max_pressure = 10;
    if (!in) {
        reason(v, "No intake on record: run 'trp intake' so that red flags and precautions "
                  "are checked.");
        return;
    }
    if (intake_get(in, "dvt_history")->yes && is_leg_muscle(t))
        block(v, "You have had a clot or phlebitis: no deep pressure or friction on the legs. "
                 "Ask your doctor what is safe.");
    const struct intake_answer *vv = intake_get(in, "varicose_veins");
    if (distal_to_any(t, vv) || at_any(t, vv))
        block(v, "Varicose veins: no pressure or friction over them or further down the same "
                 "leg.");
    if (at_any(t, intake_get(in, "recent_injury")))
        block(v, "A recent injury or operation is here: leave this area until it has healed "
                 "and your clinician agrees.");
    if (at_any(t, intake_get(in, "skin_problems")))
        block(v, "Broken or irritated skin here: do not press or rub until it has healed.");
    if (intake_get(in, "pregnancy")->yes && t->muscle &&
        (!strcmp(t->muscle, "rectus-abdominis") || !strcmp(t->muscle, "abdominal-obliques") ||
         !strcmp(t->muscle, "pelvic-floor") || !strcmp(t->muscle, "iliopsoas")))
        block(v, "Pregnancy: no deep work on the abdomen or pelvis. Ask your midwife or doctor.");
    if (intake_get(in, "anticoagulants")->yes) {
        if (v->max_pressure > 3)
            v->max_pressure = 3;
        reason(v, "Blood thinners: light pressure only (at most 3 of 10) because bruising comes "
                  "easily; ask your prescriber.");
    }
    if (intake_get(in, "osteoporosis")->yes) {
        if (v->max_pressure > 4)
            v->max_pressure = 4;
        reason(v, "Osteoporosis: light pressure only (at most 4 of 10), never over bone.");
    }
    if (intake_get(in, "pregnancy")->yes)
        reason(v, "Pregnancy: keep pressure comfortable and avoid lying flat on your back for "
                  "long.");
}
