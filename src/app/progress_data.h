/*
 * Gathering what progress needs from the diary: daily median pain per local day from the
 * start of the course, the PSFS and PGIC answers, and the treatment sessions summarised
 * per muscle. The one way to progress for `trp progress`, the progress chart and the
 * report, so the same diary and the same options give the same status everywhere.
 *
 * Where the course starts (its first two weeks are the baseline), first match wins:
 * --baseline DATE; the start of the period (--since); the first treatment on record; the
 * start of the diary when it spans at most 26 weeks; else 26 weeks before its last entry
 * (never the first weeks of a multi-year diary unless asked). The course ends on the last
 * day with a rating, up to --until or today: entries dated after today are left out.
 */
#ifndef TRP_APP_PROGRESS_DATA_H
#define TRP_APP_PROGRESS_DATA_H

#include "base/arena.h"
#include "base/err.h"
#include "core/progress.h"
#include "store/store.h"

struct progress_muscle {
    const char *muscle;
    int sessions;
    int with_pain;              /* sessions with both pain before and after */
    double mean_before, mean_after;
    int with_release, released; /* compression sessions with a released answer */
    /* Holds pass by pass: a session held 90 s without softening and then 3 s until the
     * point softened has two passes, one of them softened. Hand-logged treatments count
     * their hold once per pass, and as softened only when released. */
    int n_passes;                  /* passes with a known hold */
    double median_hold_seconds;    /* over every one of them (NAN when none) */
    int n_softened;                /* passes in which the point softened */
    double median_release_seconds; /* hold of those passes only (NAN when none) */
};

enum progress_start {
    PROGRESS_START_OPTION = 0,  /* --baseline DATE */
    PROGRESS_START_PERIOD,      /* --since */
    PROGRESS_START_TREATMENT,   /* the first treatment on record */
    PROGRESS_START_DIARY,       /* the first entry of a diary of at most 26 weeks */
    PROGRESS_START_RECENT,      /* 26 weeks before the last entry of a longer diary */
};

#define PROGRESS_RECENT_DAYS 182

struct progress_data {
    struct progress_config config;
    /* what was asked (UTC seconds; until exclusive) */
    int has_since, has_until, has_baseline;
    int64_t since, until, baseline_at;
    /* what was found */
    enum progress_start start;
    int64_t first_day, last_day; /* local day numbers of the course; n_days 0 when none */
    int64_t today;              /* local day number of now, to tell an old diary's course */
    size_t n_days;
    double *daily;              /* arena-owned, n_days values */
    struct progress_psfs_rating *psfs;
    size_t n_psfs;
    struct progress_pgic_answer *pgic;
    size_t n_pgic;
    struct progress_result result;
    size_t n_muscles;
    struct progress_muscle *muscles;
};

/* Sets the defaults: default config, nothing asked. */
void progress_data_init(struct progress_data *pd);

/* Loads the entries, chooses where the course starts, computes pd->result and the
 * per-muscle summary. */
int app_progress_data_load(struct store *s, struct arena *a, struct progress_data *pd,
                           struct trp_err *err);

/* Where the baseline comes from, in words: "2 weeks from your first treatment". */
const char *progress_start_text(enum progress_start start);

#endif
