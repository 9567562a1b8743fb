/*
 * A guided treatment session as a state machine, separate from the terminal: for each
 * trigger point, pain before, then passes of ischemic compression (hold until the point
 * softens, with cues at 30, 60 and 90 s; released or not) or friction (strokes toward the
 * heart), a rest between passes, and pain after. The command layer feeds it key presses
 * and clock ticks (or scripted answers) and turns each finished point into a treatment
 * entry. Keeping the rules here makes them testable without a terminal.
 *
 * Timing follows the trials: pressure at about the pain threshold held until the tissue
 * softens or 60-90 s pass (Hou et al., Arch Phys Med Rehabil 2002; Gemmell et al., J
 * Manipulative Physiol Ther 2008; Fryer & Hodgson, J Bodyw Mov Ther 2005), repeated for a
 * few passes. Every pass is kept (its hold and whether the point softened), so 90 s without
 * release followed by 3 s that softened is recorded as exactly that.
 */
#ifndef TRP_CORE_SESSION_H
#define TRP_CORE_SESSION_H

#include "core/entry.h"

struct session_point {
    const char *muscle;       /* knowledge-base id */
    const char *muscle_name;  /* display name */
    const char *side;         /* left | right | midline */
    const char *technique;    /* compression | friction */
    int max_hold;             /* seconds before a pass ends unreleased (default 90) */
    int max_passes;           /* default 3 */
    int rest_seconds;         /* between passes (default 15) */
    const char *performer;    /* self | practitioner */
};

#define SESSION_MAX_PASSES 20

struct session_pass {
    int seconds;              /* how long the pressure was held */
    int softened;             /* 1 when the point softened during this pass */
    int point;                /* which trigger point of the muscle (0-based) */
};

struct session_result {
    int pain_before;          /* ENTRY_UNSET until asked */
    int pain_after;
    int passes_done;
    int released;             /* 1 once a pass ended with the point softening */
    int release_seconds;      /* hold time of the pass that released, or longest hold */
    int strokes;              /* friction: total strokes */
    int interrupted;          /* Ctrl-C during this point */
    size_t n_pass;            /* every pass, in order (at most SESSION_MAX_PASSES) */
    struct session_pass pass[SESSION_MAX_PASSES];
};

/* Cue to show at second s of a hold (30, 60, 90 s), or NULL. */
const char *session_cue(int second, int max_hold);

/* Records the end of one pass at trigger point `point`: held for `seconds`, softened or not.
 * Returns 1 when this point is finished (it softened, or its last pass is done). */
int session_pass_done(const struct session_point *p, struct session_result *r, int seconds,
                      int softened);
int session_pass_done_at(const struct session_point *p, struct session_result *r, int point,
                         int seconds, int softened);

/* Passes recorded at `point` so far. */
int session_passes_at(const struct session_result *r, int point);

/* Fills e (kind treatment) from the point and its result. Strings are borrowed. */
void session_to_entry(const struct session_point *p, const struct session_result *r,
                      const struct trp_time *at, struct entry *e);

#endif
