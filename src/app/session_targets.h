/*
 * Turning what a person asked to treat (muscle names, or "--where it hurts") into the list
 * of trigger points for a guided session, with the knowledge base's instructions and the
 * intake's precautions applied to each.
 */
#ifndef TRP_APP_SESSION_TARGETS_H
#define TRP_APP_SESSION_TARGETS_H

#include "app/safety_gate.h"
#include "base/arena.h"
#include "base/err.h"
#include "core/intake.h"
#include "core/safety.h"
#include "core/session.h"

struct session_request {
    const char **muscles;   /* names or aliases as typed */
    size_t n_muscles;
    const char *where;      /* a region phrase, or NULL */
    const char *side;       /* left | right, or NULL (from --where's side word, else asked) */
    const char *performer;  /* NULL = self */
    int friction;           /* prefer friction where the muscle allows it */
    int max_passes;
};

struct session_target {
    struct session_point point;
    const void *muscle;             /* the knowledge-base entry */
    const char *friction_direction;
    int max_pressure;               /* from the safety gate (SAFETY_NO_CAP: no cap) */
    int blocked;                    /* the safety gate rules this muscle out */
    struct safety_verdict verdict;
};

/* Resolves the request against the knowledge base (unknown names fail with suggestions;
 * a side for a midline muscle is refused) and passes each target through the safety gate. */
int session_targets_build(struct arena *a, const struct session_request *req,
                          const struct safety_gate *g, struct session_target **out, size_t *n,
                          struct trp_err *err);

/* Warnings about the place named with --where itself (chest, calf, temple...), as 'trp
 * where' gives them: fills notes (static strings) and returns how many; 0 without --where. */
size_t session_place_warnings(const struct session_request *req, const char **notes, size_t max);


#endif
