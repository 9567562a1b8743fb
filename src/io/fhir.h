/*
 * A diary as a FHIR R4 Bundle (type "collection"), for a clinic's other systems: the
 * Patient, an Observation per pain rating (LOINC 72514-3, "Pain severity - 0-10 verbal
 * numeric rating [Score] - Reported", with the body site), a Procedure per treatment, other
 * Observations for tasks, factors and notes, and a QuestionnaireResponse for the latest
 * intake. Every diary resource also carries trp's own entry (its JSON Lines line) in an
 * extension, so that `trp import` of the Bundle gives back exactly what was exported.
 */
#ifndef TRP_IO_FHIR_H
#define TRP_IO_FHIR_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/entry.h"

/* The extension that carries trp's entry (a JSON Lines line, as a string). */
#define FHIR_TRP_ENTRY_URL "https://trp.invalid/fhir/StructureDefinition/trp-entry"
/* The extension on the intake's QuestionnaireResponse that carries what the items cannot say
 * exactly: trp's answers object ("answers", as JSON text), when the person acknowledged the
 * red-flag advice ("acknowledged") and when and by whom they were cleared ("cleared",
 * "clearedBy"). The items stay for other systems; trp reads the extension back. */
#define FHIR_TRP_INTAKE_URL "https://trp.invalid/fhir/StructureDefinition/trp-intake"

/* An intake as the Bundle carries it. Times are UTC seconds; 0 and NULL when not done. */
struct fhir_intake {
    const char *answers_json; /* trp's answers object, as JSON text */
    int64_t taken_at;
    int64_t acknowledged_at;
    int64_t cleared_at;
    const char *cleared_by;
};

struct fhir_patient {
    const char *id;            /* the Patient's logical id ("trp-person-7") */
    const char *name;          /* NULL for a one-person diary */
    const char *date_of_birth; /* YYYY-MM-DD or NULL */
};

/* A new Bundle holding the Patient. */
json_t *fhir_bundle_new(const struct fhir_patient *p);

/* Adds the resource for one diary entry. */
void fhir_bundle_add_entry(json_t *bundle, const struct fhir_patient *p, const struct entry *e);

/* Adds the intake as a QuestionnaireResponse: one item per answer, "authored" its time,
 * and trp's own record in the FHIR_TRP_INTAKE_URL extension. */
void fhir_bundle_add_intake(json_t *bundle, const struct fhir_patient *p,
                            const struct fhir_intake *in);

/* True when text (a whole file) is a JSON object with "resourceType": "Bundle". */
int fhir_is_bundle(const char *text, size_t len);

/* The trp entries carried by a Bundle, as JSON Lines text (malloc'd) for `trp import`.
 * Resources without trp's extension are not trp's and are skipped (*skipped counts them). */
int fhir_bundle_to_jsonl(const char *text, size_t len, char **out, size_t *out_len,
                         size_t *skipped, struct trp_err *err);

/* The intake carried by a Bundle from trp (the latest QuestionnaireResponse with trp's
 * extension), strings copied into a: 0, or TRP_ENOTFOUND (no message) when the Bundle has
 * none; TRP_EINVAL when trp's extension is there but malformed. The answers are not checked
 * against the questionnaire here (core/intake.h does that). */
int fhir_bundle_intake(const char *text, size_t len, struct arena *a, struct fhir_intake *out,
                       struct trp_err *err);

#endif
