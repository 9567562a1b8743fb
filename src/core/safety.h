/*
 * The safety gate's rules, pure (no I/O): for a person's latest intake and one muscle and
 * side, is self-treatment allowed, at what highest pressure, is something urgent, who to
 * see, and why. src/app/safety_gate.c gathers the intake and the muscle and calls this;
 * every way to treat (session, today, plan, where, reports, the web app) goes through it.
 *
 * Order of the rules:
 *  - no intake, or one saved before a question existed: blocked until it is (re)taken;
 *  - urgent flags (core/intake.h): blocked until a clinician's clearance is recorded;
 *    the person's own acknowledgement is not enough;
 *  - other red flags: blocked until acknowledged (or cleared);
 *  - precautions, applied whatever was acknowledged or cleared:
 *    a swollen warm calf now, or calf pain with breathlessness: no work on the legs at all
 *    (possible clot, NICE NG158); a past DVT or phlebitis: no work on the legs;
 *    varicose veins: none over them or further down the same leg; a recent injury or
 *    operation, or skin problems: none at that place; pregnancy or a birth in the last six
 *    weeks: no abdominal or pelvic work, light pressure only on the calf and back of the knee;
 *    myelopathy signs: no neck work until a clinician has cleared it;
 *    blood thinners, bleeding disorders or low platelets, reduced sensation, cancer now:
 *    light pressure (at most 3 of 10); osteoporosis or long-term steroids: at most 4 of 10;
 *    every calf and popliteal muscle carries a clot caution;
 *  - a muscle only a trained therapist treats (longus colli beside the carotid artery, the
 *    internal pelvic floor) is never offered for self-treatment.
 * Muscles are grouped by where their trigger points lie in the region vocabulary (CHOIR
 * segments) and by knowledge-base area, so a muscle added to the knowledge base is covered
 * without editing a list here.
 * Sources: Batavia, J Bodyw Mov Ther 2004;8:48-57 (massage contraindications); NICE NG158
 * (clots); the red-flag sources in core/intake.h.
 */
#ifndef TRP_CORE_SAFETY_H
#define TRP_CORE_SAFETY_H

#include <stddef.h>

#include "base/arena.h"
#include "core/intake.h"
#include "core/region.h"

struct safety_target {
    const char *muscle;            /* knowledge-base id, e.g. "soleus" */
    const char *area;              /* knowledge-base area: "leg", "chest-abdomen", ... */
    const char *const *tp_bases;   /* base region names of its trigger points */
    size_t n_tp;
    enum region_side side;         /* the side to treat (REGION_MIDLINE for midline muscles) */
    const char *therapist_only;    /* non-NULL: the knowledge base says only a trained
                                    * therapist treats this muscle (its pressure guidance) */
};

#define SAFETY_MAX_REASONS 32
#define SAFETY_NO_CAP 10           /* max_pressure when only comfort limits the pressure */

/* Caps, as rules state them (tests break them on purpose and must notice). */
#define SAFETY_CAP_LIGHT 3         /* blood thinners, bleeding, neuropathy, cancer, pregnant calf */
#define SAFETY_CAP_BONE 4          /* osteoporosis, long-term steroids */

struct safety_verdict {
    int allowed;                   /* 1: self-treatment of this muscle and side may go ahead */
    int max_pressure;              /* 0-10 of tolerance; SAFETY_NO_CAP means no cap; 0 when blocked */
    int urgent;                    /* an urgent flag not yet cleared by a clinician */
    const char *see;               /* who to see and how soon; NULL when nothing asks for it */
    size_t n_reasons;
    const char *reasons[SAFETY_MAX_REASONS]; /* one line each; what blocks comes first */
    size_t n_blocking;             /* the first n_blocking reasons are why it is blocked */
};

/* The gate. in == NULL means no intake on record. Reason lines are allocated in a. */
void safety_check(const struct intake *in, const struct safety_target *t, struct arena *a,
                  struct safety_verdict *v);

/* Level of a base region along the leg, 1 (hip) to 6 (foot), or 0 when not on the leg. */
int safety_leg_level(const char *base);

/* Groups, from the region data of the trigger points (and the area): exposed for tests. */
int safety_is_leg(const struct safety_target *t);
int safety_is_calf_popliteal(const struct safety_target *t);
int safety_is_abdomen_pelvis(const struct safety_target *t);
int safety_is_neck(const struct safety_target *t);

/* Warnings about places themselves (chest, calf, abdomen, temple and head, jaw, front of the
 * neck), whatever the intake says: fills notes (static strings, each once) and returns how
 * many. */
#define SAFETY_MAX_PLACE_NOTES 8
size_t safety_place_notes(const struct region *const *regions, size_t n, const char **notes,
                          size_t max);

/* The intake question ids the rules read (a test checks each exists). */
extern const char *const safety_question_ids[];
extern const size_t safety_question_ids_count;

#endif
