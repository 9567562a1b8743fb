/*
 * The slice of a knowledge-base muscle that the care use cases (session, plan, today)
 * need, looked up by id or alias with suggestions for unknown names. Keeps them
 * independent of how src/kb stores an entry.
 */
#ifndef TRP_APP_MUSCLE_VIEW_H
#define TRP_APP_MUSCLE_VIEW_H

#include <stddef.h>

#include "base/err.h"

#define MUSCLE_VIEW_MAX_TP 6

struct muscle_view {
    const void *kb;                 /* the knowledge-base entry */
    const char *id;
    const char *name;
    const char *area;
    int midline;                    /* trigger points only on midline regions (no side) */
    int can_compress, can_friction;
    const char *stretch;
    const char *strengthen;
    const char *position, *tool, *pressure, *friction_direction;
    int hold_seconds, passes;
    size_t n_tp;
    const char *tp_name[MUSCLE_VIEW_MAX_TP];
    const char *tp_location[MUSCLE_VIEW_MAX_TP];
    const char *tp_how[MUSCLE_VIEW_MAX_TP];
    const char *tp_base[MUSCLE_VIEW_MAX_TP];
    size_t n_endangerment;
    const char *endangerment[8];
    size_t n_cautions;
    const char *cautions[8];
    const char *caution, *caution_source; /* condition to rule out first; NULL if none */
};

/* Fills v for NAME (id or alias, case-insensitive). Unknown: TRP_EINVAL with suggestions. */
int muscle_view_find(const char *name, struct muscle_view *v, struct trp_err *err);

/* Checks a side word for this muscle: left/right for sided muscles; a side for a midline
 * muscle is refused. Sets *side to the canonical word ("midline" for midline muscles). */
int muscle_view_side(const struct muscle_view *v, const char *text, const char **side,
                     struct trp_err *err);

#endif
