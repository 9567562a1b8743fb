/*
 * What the intake answers allow for one muscle: the precautions for deep pressure and
 * friction applied to a treatment target. Red flags block all self-treatment until acknowledged
 * (checked by the caller with intake_red_flags); the rules here narrow what remains:
 *  - DVT or phlebitis history: no compression or friction on the legs at all;
 *  - varicose veins: none over the veins or further down the same limb (distal);
 *  - recent injury or surgery, skin problems: none at that place;
 *  - blood thinners: light pressure only (at most 3 of 10), and ask the prescriber;
 *  - osteoporosis: light pressure only (at most 4 of 10);
 *  - pregnancy: no deep work on the abdomen or pelvic floor, and ask the midwife or doctor.
 * Sources: Benjamin & Tappan, Tappan's Handbook of Healing Massage Techniques (endangerment
 * sites); Batavia 2004 (contraindications review, Phys Ther 84:565).
 */
#ifndef TRP_CORE_SAFETY_H
#define TRP_CORE_SAFETY_H

#include <stddef.h>

#include "core/intake.h"
#include "core/region.h"

struct safety_target {
    const char *muscle;            /* knowledge-base id, e.g. "soleus" */
    const char *area;              /* knowledge-base area: "leg", "chest-abdomen", ... */
    const char *const *tp_bases;   /* base region names of its trigger points */
    size_t n_tp;
    enum region_side side;         /* the side to treat (REGION_MIDLINE for midline muscles) */
};

#define SAFETY_MAX_REASONS 8

struct safety_verdict {
    int compression_ok;
    int friction_ok;
    double max_pressure;           /* 0-10 of tolerance: 10 means no cap beyond comfort */
    size_t n_reasons;
    const char *reasons[SAFETY_MAX_REASONS]; /* plain-words explanations, static strings */
};

/* Applies the precaution rules. Never fails; an intake of NULL means "no intake on record"
 * and allows everything with a reason saying so. */
void safety_check(const struct intake *in, const struct safety_target *t,
                  struct safety_verdict *v);

/* Level of a base region along the leg, 1 (hip) to 6 (foot), or 0 when not on the leg. */
int safety_leg_level(const char *base);

#endif
