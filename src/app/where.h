/*
 * "Where does it hurt?" as a use case for every face: from the places a person names (or
 * the regions of their pain entries) to the muscles to check, ranked by kb/where.h, with the
 * safety gate's warnings about the places and its verdict per muscle. `trp where` prints
 * it and GET /api/v1/where serves app_where_json, the shape `trp where --json` prints.
 */
#ifndef TRP_APP_WHERE_H
#define TRP_APP_WHERE_H

#include <jansson.h>

#include "app/safety_gate.h"
#include "base/arena.h"
#include "base/err.h"
#include "kb/where.h"
#include "store/store.h"

#define APP_WHERE_MAX 30

/* What the order means (kb/where.h), said wherever the list is shown. */
#define APP_WHERE_ORDER_TEXT                                                               \
    "more of the places named first, then how strongly and how often the muscle refers "  \
    "there (an essential zone counts twice a spillover zone, times how commonly the "      \
    "muscle is involved), then, weighed together, how much of the places its pattern "    \
    "covers, the grade of evidence for it and how specific its referral is; the order is " \
    "not a probability"

struct app_where_req {
    const char *const *phrases; /* the places as said, one sentence; none with from_diary */
    size_t n_phrases;
    const char *side;           /* left | right, or NULL */
    int limit;                  /* 1..APP_WHERE_MAX */
    int from_diary;             /* rank the regions of pain entries instead */
    int has_since;              /* from_diary: since (default the last 30 days) */
    int64_t since;
};

struct app_where {
    const struct app_where_req *req;
    struct where_query q;       /* what was understood (empty from the diary) */
    struct where_candidate cand[APP_WHERE_MAX];
    size_t n;
    const char *side;           /* the side every place shares, or the one asked for */
    const char *notes[SAFETY_MAX_PLACE_NOTES]; /* warnings about the places themselves */
    size_t n_notes;
    struct safety_result verdicts[APP_WHERE_MAX];
    int have_intake;
    const void *diary;          /* from_diary: the places weighed, for the warnings */
};

/* Fills *out (large: allocate it in the arena; it points at req, which must outlive it). A
 * place trp does not know, no place, or no pain entries with regions (from_diary):
 * TRP_EINVAL with what to say instead. */
int app_where(struct store *s, struct arena *a, const struct app_where_req *req,
              struct app_where *out, struct trp_err *err);

/* app_where in two steps, so that a face can refuse a place it does not know before it
 * opens (and perhaps creates) the store: the ranking (s is read only from the diary, and
 * may be NULL otherwise), then the safety gate's warnings and verdicts. */
int app_where_rank(struct store *s, struct arena *a, const struct app_where_req *req,
                   struct app_where *out, struct trp_err *err);
int app_where_gate(struct store *s, struct arena *a, struct app_where *w, struct trp_err *err);

/* {query, understood, not_understood?, regions, order, side?, warnings, candidates}. */
json_t *app_where_json(const struct app_where *w, struct arena *a);

#define APP_WHERE_FLAGS (JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* Text pieces for faces that print: "left jaw, left temple"; "refers to the temple
 * (essential)..."; "Compression with thumb, about 60 s, 3 passes; stretch: ...". */
const char *app_where_understood(struct arena *a, const struct where_query *q);
const char *app_where_why(struct arena *a, const struct where_candidate *c);
const char *app_where_self_care(struct arena *a, const struct muscle *m);

#endif
