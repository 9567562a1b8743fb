/*
 * A guided treatment session as a state machine, separate from the terminal: for each
 * trigger point, pain before, then passes of ischemic compression (hold until the point
 * softens, with cues at 30, 60 and 90 s; released or not) or friction (strokes toward the
 * heart), a rest between passes, and pain after. The command layer feeds it key presses
 * and clock ticks (or scripted answers) and turns each finished point into a treatment
 * entry. Keeping the rules here makes them testable without a terminal.
 *
 * Timing follows the trials of ischemic compression: pressure at about the pain
 * threshold held until the tissue softens or 60-90 s pass (Hou et al. 2002; Gemmell et al.
 * 2008; Fryer & Hodgson 2005), repeated for a few passes.
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

struct session_result {
    int pain_before;          /* ENTRY_UNSET until asked */
    int pain_after;
    int passes_done;
    int released;             /* 1 once a pass ended with the point softening */
    int release_seconds;      /* hold time of the pass that released, or longest hold */
    int strokes;              /* friction: total strokes */
    int interrupted;          /* Ctrl-C during this point */
};

/* Cue to show at second s of a hold (30, 60, 90 s), or NULL. */
const char *session_cue(int second, int max_hold);

/* Records the end of one pass: held for `seconds`, softened or not. Returns 1 when the
 * point is finished (released, or the last pass done). */
int session_pass_done(const struct session_point *p, struct session_result *r, int seconds,
                      int softened);

/* Fills e (kind treatment) from the point and its result. Strings are borrowed. */
void session_to_entry(const struct session_point *p, const struct session_result *r,
                      const struct trp_time *at, struct entry *e);

#endif
