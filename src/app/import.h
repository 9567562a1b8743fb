/*
 * Importing a diary (CSV, JSON Lines, or a FHIR Bundle from `trp export --format fhir`) as
 * a use case for every face: all or nothing, and idempotent. The whole file is parsed and
 * checked first without a store (app_import_check); only then does app_import_write take
 * the write lock and read it again to insert, inside one transaction, so another trp waits
 * for the short write rather than for the parsing. The first bad row refuses the file as
 * "line N: field problem" and the database stays exactly as it was. An entry the diary
 * already holds (same time, kind and content, live or deleted, or an earlier version of
 * the entry whose JSON Lines "id" names it) is counted as already there rather than added
 * again, so importing the same file twice changes nothing. Each diary entry answers for
 * one row only: a file holding the same entry twice (two identical notes in one minute)
 * brings both into a diary that has neither. `trp import` and POST /api/v1/import use it.
 */
#ifndef TRP_APP_IMPORT_H
#define TRP_APP_IMPORT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/entry.h"
#include "io/fhir.h"
#include "store/store.h"

struct app_import_counts {
    long kinds[ENTRY_KIND_COUNT];
    long total;
    long already; /* in the diary before, so not added again */
};

struct app_import {
    const char *data;           /* the rows (a FHIR Bundle converted to JSON Lines) */
    size_t len;
    int jsonl;
    int future;                 /* accept times more than a day ahead (a plan) */
    char *owned;                /* the converted Bundle, freed by app_import_release */
    struct app_import_counts c;
    /* A Bundle's intake (answers, acknowledgement, clearance), checked against the
     * questionnaire; written with the entries unless the diary holds a newer intake. */
    int have_intake;
    struct fhir_intake intake;  /* strings in intake_arena */
    struct arena *intake_arena;
    int intake_flags;           /* red flags, counted afresh from the answers */
    char intake_line[512];      /* what became of it, for the faces; "" when no intake */
};

/* Reads data (len bytes, the file as given) and checks every row without a store. format
 * is "csv", "jsonl" or NULL to follow name (.jsonl/.json; may be NULL) or the first
 * character. On success im->c counts what the file holds. Call app_import_release after,
 * whatever the result. data (with a NUL after its len bytes) must outlive im. */
int app_import_check(const char *data, size_t len, const char *format, const char *name,
                     int future, struct app_import *im, struct trp_err *err);

/* Writes the checked rows in one transaction, with a Bundle's intake; im->c then counts
 * what was added and what was already there, and im->intake_line says what became of the
 * intake. On failure nothing is written. */
int app_import_write(struct store *s, struct app_import *im, struct trp_err *err);

void app_import_release(struct app_import *im);

/* "imported 3 entries (pain 2, task 1, factor 0, treatment 0, note 0); 1 already in the
 * diary, not added again": the line both faces show; dry names a check without writing. */
const char *app_import_summary(struct arena *a, const struct app_import_counts *c, int dry);

#endif
