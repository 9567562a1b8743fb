/*
 * safety.h: the gate's rules. Distal-to-varicose uses a coarse six-level model of the leg
 * (hip, thigh, knee, lower leg, ankle, foot) because referral and vein maps are not finer
 * than that, and erring toward "not here" is the safe side. Muscle groups come from the
 * CHOIR segment each trigger point lies in, so new knowledge-base entries need no list.
 */
#include "core/safety.h"

#include <stdio.h>
#include <string.h>

const char *const safety_question_ids[] = {
    "calf_swelling", "breathless_calf", "dvt_history", "varicose_veins", "recent_injury",
    "skin_problems", "pregnancy", "recent_birth", "myelopathy", "anticoagulants",
    "bleeding_disorder", "neuropathy", "active_cancer", "osteoporosis", "long_term_steroids",
};
const size_t safety_question_ids_count = sizeof safety_question_ids / sizeof *safety_question_ids;

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

/* The CHOIR segment base ("posterior-calf") of a base region name, or "" when unknown. */
static const char *segment_of(const char *base)
{
    const struct region *r = region_find(base);
    if (!r) {
        char id[96];
        snprintf(id, sizeof id, "%s.l", base);
        r = region_find(id);
    }
    const struct region *c = r ? region_choir_of(r) : NULL;
    return c ? c->base : "";
}

static int any_tp_in(const struct safety_target *t, const char *const *segments)
{
    for (size_t i = 0; i < t->n_tp; i++) {
        const char *seg = segment_of(t->tp_bases[i]);
        for (size_t k = 0; segments[k]; k++)
            if (strcmp(seg, segments[k]) == 0)
                return 1;
    }
    return 0;
}

static int area_is(const struct safety_target *t, const char *area)
{
    return t->area && strcmp(t->area, area) == 0;
}

int safety_is_leg(const struct safety_target *t)
{
    static const char *const leg[] = {
        "anterior-thigh", "posterior-thigh", "anterior-knee", "posterior-knee",
        "anterior-lower-leg", "posterior-calf", "anterior-ankle", "posterior-ankle",
        "anterior-foot", "posterior-foot", NULL,
    };
    return area_is(t, "thigh") || area_is(t, "leg") || area_is(t, "foot") || any_tp_in(t, leg);
}

int safety_is_calf_popliteal(const struct safety_target *t)
{
    static const char *const calf[] = {"posterior-calf", "posterior-knee", NULL};
    return any_tp_in(t, calf);
}

int safety_is_abdomen_pelvis(const struct safety_target *t)
{
    /* The belly and the lower belly, groin and pelvic floor (CHOIR 117/118, 122/121). */
    static const char *const abdomen[] = {"anterior-abdomen", "anterior-groin", NULL};
    return any_tp_in(t, abdomen);
}

int safety_is_neck(const struct safety_target *t)
{
    static const char *const neck[] = {"anterior-neck", "posterior-neck", NULL};
    return area_is(t, "neck") || any_tp_in(t, neck);
}

static void reason(struct safety_verdict *v, const char *text)
{
    for (size_t i = 0; i < v->n_reasons; i++)
        if (v->reasons[i] == text || strcmp(v->reasons[i], text) == 0)
            return;
    if (v->n_reasons < SAFETY_MAX_REASONS)
        v->reasons[v->n_reasons++] = text;
}

/* A blocking reason goes before the notes, so the first reason always says why. */
static void block(struct safety_verdict *v, const char *why)
{
    v->allowed = 0;
    for (size_t i = 0; i < v->n_reasons; i++)
        if (strcmp(v->reasons[i], why) == 0)
            return;
    if (v->n_reasons == SAFETY_MAX_REASONS)
        v->n_reasons--;
    memmove(&v->reasons[v->n_blocking + 1], &v->reasons[v->n_blocking],
            (v->n_reasons - v->n_blocking) * sizeof *v->reasons);
    v->reasons[v->n_blocking++] = why;
    v->n_reasons++;
}

static void cap(struct safety_verdict *v, int level, const char *why)
{
    if (v->max_pressure > level)
        v->max_pressure = level;
    reason(v, why);
}

static void see(struct safety_verdict *v, const char *who)
{
    if (!v->see)
        v->see = who;
}

static int sides_meet(enum region_side a, enum region_side b)
{
    return a == REGION_MIDLINE || b == REGION_MIDLINE || a == b;
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

static int yes(const struct intake *in, const char *id)
{
    return intake_get(in, id)->yes;
}

/* Red flags: urgent ones need a clinician's clearance, others an acknowledgement. */
static void flags(const struct intake *in, struct arena *a, struct safety_verdict *v)
{
    struct intake_flag f[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(in, f);
    int cleared = in->cleared_at != 0;
    int acknowledged = in->acknowledged_at != 0 || cleared;
    for (size_t i = 0; i < nf; i++) {
        if (f[i].urgent && !cleared) {
            v->urgent = 1;
            see(v, f[i].see);
            block(v, arena_printf(a, "URGENT: %s. %s (%s)", f[i].what, f[i].advice, f[i].source));
        } else if (f[i].urgent) {
            reason(v, arena_printf(a, "Urgent sign (%s) cleared by %s; if it returns or changes, "
                                      "seek care again at once.",
                                   f[i].what, in->cleared_by ? in->cleared_by : "a clinician"));
        } else if (!acknowledged) {
            see(v, f[i].see);
            block(v, arena_printf(a, "Red flag: %s. %s Then record that you read this with "
                                     "'trp intake --acknowledge'. (%s)",
                                  f[i].what, f[i].advice, f[i].source));
        } else {
            reason(v, arena_printf(a, "Red flag noted: %s. %s", f[i].what, f[i].advice));
        }
    }
}

void safety_check(const struct intake *in, const struct safety_target *t, struct arena *a,
                  struct safety_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->allowed = 1;
    v->max_pressure = SAFETY_NO_CAP;
    if (!in) {
        block(v, "No safety questions answered yet: run 'trp intake' first.");
        see(v, "no one yet: answer the safety questions with 'trp intake'");
        v->max_pressure = 0;
        return;
    }
    if (in->missing) {
        block(v, arena_printf(a, "Your saved intake is from before the question \"%s\" was asked: "
                                 "answer the safety questions again with 'trp intake'.",
                              in->missing));
        see(v, "no one yet: answer the safety questions again with 'trp intake'");
    }
    flags(in, a, v);

    int leg = safety_is_leg(t), calf = safety_is_calf_popliteal(t);
    /* A possible clot now stops all leg work, whatever was acknowledged or cleared: the
     * answer must change (a retaken intake) before the legs are offered again. */
    if (leg && (yes(in, "calf_swelling") || yes(in, "breathless_calf")))
        block(v, "A painful, swollen, warm or red calf now can be a blood clot: no pressure, "
                 "rubbing or stretching on either leg until a doctor has ruled it out (NICE "
                 "NG158); retake 'trp intake' once it has.");
    if (leg && yes(in, "dvt_history"))
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
    int pregnant = yes(in, "pregnancy"), birth = yes(in, "recent_birth");
    if ((pregnant || birth) && safety_is_abdomen_pelvis(t))
        block(v, pregnant ? "Pregnancy: no work on the abdomen, groin or pelvis. Ask your midwife "
                            "or doctor."
                          : "After giving birth: no work on the abdomen, groin or pelvis for now. "
                            "Ask your midwife or doctor.");
    if (yes(in, "myelopathy") && !in->cleared_at && safety_is_neck(t))
        block(v, "Clumsy hands or unsteady walking can come from the spinal cord in the neck: "
                 "no neck work until a doctor has examined you and cleared it (Rushton et al., "
                 "JOSPT 2023).");
    if ((pregnant || birth) && calf)
        cap(v, SAFETY_CAP_LIGHT,
            "Pregnancy and the weeks after birth raise the risk of clots: no deep calf work, "
            "light pressure only (at most 3 of 10) on the calf and back of the knee.");
    if (yes(in, "anticoagulants"))
        cap(v, SAFETY_CAP_LIGHT, "Blood thinners: light pressure only (at most 3 of 10) because "
                                 "bruising comes easily; ask your prescriber.");
    if (yes(in, "bleeding_disorder"))
        cap(v, SAFETY_CAP_LIGHT, "Bleeding disorder, low platelets or easy bruising: light "
                                 "pressure only (at most 3 of 10); ask your doctor first.");
    if (yes(in, "neuropathy"))
        cap(v, SAFETY_CAP_LIGHT, "Reduced feeling: light pressure only (at most 3 of 10), because "
                                 "you may not feel when pressure is too much; not on numb skin.");
    if (yes(in, "active_cancer"))
        cap(v, SAFETY_CAP_LIGHT, "Cancer now or in treatment: light pressure only (at most 3 of "
                                 "10), never over a tumour, a port or skin treated with "
                                 "radiotherapy; ask your cancer team.");
    if (yes(in, "osteoporosis"))
        cap(v, SAFETY_CAP_BONE, "Osteoporosis: light pressure only (at most 4 of 10), never over "
                                "bone.");
    if (yes(in, "long_term_steroids"))
        cap(v, SAFETY_CAP_BONE, "Long-term steroids thin bones and skin: light pressure only (at "
                                "most 4 of 10), never over bone.");
    if (pregnant)
        reason(v, "Pregnancy: keep pressure comfortable and avoid lying flat on your back for "
                  "long.");
    if (calf)
        reason(v, "Calf and back of the knee: if the calf becomes swollen, warm, red or tender to "
                  "touch, stop and see a doctor the same day (possible clot, NICE NG158).");
    /* Whatever the intake says: pressing beside the carotid artery or inside the pelvis is
     * a therapist's work, so a guided self-treatment session must not offer it. */
    if (t->therapist_only)
        block(v, arena_printf(a, "%s; trp offers no guided self-treatment for this muscle.",
                              t->therapist_only));
    if (!v->allowed) {
        v->max_pressure = 0;
        see(v, "a doctor or physiotherapist, before treating this muscle yourself");
    }
}

size_t safety_place_notes(const struct region *const *regions, size_t n, const char **notes,
                          size_t max)
{
    static const struct {
        const char *const segments[6]; /* CHOIR segment bases, or base names with '=' prefix */
        const char *note;
    } rules[] = {
        {{"anterior-chest", NULL},
         "Chest: pain here can come from the heart. Chest, jaw or arm pain with breathlessness, "
         "sweating or feeling sick: call emergency services now; chest pain on effort that eases "
         "with rest: see a doctor today (NICE CG95)."},
        {{"posterior-calf", "posterior-knee", NULL},
         "Calf and back of the knee: a calf that is swollen, warm or red can be a blood clot: see "
         "a doctor today and do not press, rub or stretch it; with breathlessness call emergency "
         "services now (NICE NG158)."},
        {{"anterior-abdomen", "anterior-groin", NULL},
         "Belly and groin: pain here can come from the organs inside, not only from muscles. With "
         "fever, vomiting, blood, pregnancy or pain that keeps getting worse, see a doctor today "
         "instead of pressing on it; in pregnancy no abdominal work."},
        {{"=temple", "=forehead", "anterior-upper-head", "posterior-upper-head",
          "posterior-lower-head", NULL},
         "Headache: a sudden severe headache that peaks within a minute, fever with a stiff neck, "
         "or new sight problems: call emergency services now; a new headache after 50, a tender "
         "scalp or jaw pain on chewing: see a doctor today (SNOOP10, Do et al., Neurology 2019). "
         "'trp intake' asks about these."},
        {{"=temple", "=jaw", "=tmj", "=cheek", NULL},
         "Temple and jaw: jaw pain on chewing that eases with rest, a tender scalp or temple, or "
         "sight changes, especially after 50, can be giant cell arteritis: see a doctor today, "
         "an emergency department if sight changes (SNOOP10, Do et al., Neurology 2019). Jaw pain "
         "with breathlessness or sweating can be the heart: call emergency services (NICE "
         "CG95)."},
        {{"anterior-neck", NULL},
         "Front and side of the neck: arteries and nerves lie close under the skin. Press only on "
         "muscle, never on a pulse; stop and call emergency services if you feel dizzy, see "
         "double, your speech slurs or swallowing is hard (Rushton et al., JOSPT 2023)."},
    };
    size_t count = 0;
    for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
        int hit = 0;
        for (size_t i = 0; i < n && !hit; i++) {
            const struct region *r = regions[i];
            const struct region *c = region_choir_of(r);
            for (size_t s = 0; rules[k].segments[s] && !hit; s++) {
                const char *want = rules[k].segments[s];
                if (want[0] == '=')
                    hit = strcmp(r->base, want + 1) == 0;
                else
                    hit = (c && strcmp(c->base, want) == 0) || strcmp(r->base, want) == 0;
            }
        }
        if (hit && count < max)
            notes[count++] = rules[k].note;
    }
    return count;
}
