/*
 * A therapist's visit notes in SOAP form (subjective, objective, assessment, plan), tied to
 * that visit's day's practitioner treatments and PGIC and PSFS ratings: recording one and
 * listing them, for `trp clinic visit(s)` and /api/v1/clients/ID/visits alike.
 */
#ifndef TRP_APP_VISITS_H
#define TRP_APP_VISITS_H

#include <jansson.h>
#include <stdint.h>

#include "app/authz.h"
#include "base/arena.h"
#include "base/err.h"

/* Longest note of one SOAP part: a page of text, more than a visit needs. */
#define APP_VISIT_NOTE_MAX 8000

struct app_visit_in {
    const char *time; /* when it was ("2026-03-01T10:00+01:00", "today 10:00"); NULL: now */
    const char *subjective, *objective, *assessment, *plan; /* NULL or "" when not written */
};

/* Records a visit of person by who (authz: write), its therapist being who's login.
 * TRP_EINVAL with a one-line reason when no part is written, a part is too long or the
 * time is not a time or lies in the future. */
int app_visit_add(struct store *s, const struct authz_actor *who, int64_t person,
                  const struct app_visit_in *in, int64_t *id, struct trp_err *err);

/* The visits of person (authz: read), newest first: [{id, time, therapist, subjective,
 * objective, assessment, plan, entries: [ids]}]. *out is the caller's to json_decref. */
int app_visits_json(struct store *s, struct arena *a, const struct authz_actor *who,
                    int64_t person, json_t **out, struct trp_err *err);

#endif
