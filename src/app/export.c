/*
 * The export use case (see export.h): entries streamed from the store in chunks of about a
 * megabyte, so a diary of years is never held in memory twice; FHIR as one Bundle built
 * with io/fhir.
 */
#include "app/export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "base/strbuf.h"
#include "core/entry_json.h"
#include "io/diary_csv.h"
#include "io/fhir.h"
#include "store/store_clinic.h"

int app_export_check(const char *format, const struct store_query *q, struct trp_err *err)
{
    if (strcmp(format, "csv") && strcmp(format, "jsonl") && strcmp(format, "fhir"))
        return trp_err_set(err, TRP_EUSAGE, "--format must be csv, jsonl or fhir");
    if ((q->include_deleted || q->with_revisions) && strcmp(format, "jsonl"))
        return trp_err_set(err, TRP_EUSAGE, "--deleted and --history need --format jsonl");
    return 0;
}

struct export_state {
    const struct app_sink *sink;
    int jsonl;
    struct strbuf sb;
    int failed;
};

static int flush(struct export_state *st)
{
    if (st->sb.len && st->sink->write(st->sink->data, st->sb.buf, st->sb.len))
        return st->failed = 1;
    strbuf_reset(&st->sb);
    return 0;
}

static int export_one(const struct entry *e, void *data)
{
    struct export_state *st = data;
    if (st->jsonl) {
        char *line = entry_json_encode(e);
        strbuf_adds(&st->sb, line);
        strbuf_addc(&st->sb, '\n');
        free(line);
    } else {
        diary_csv_write_entry(&st->sb, e);
    }
    return st->sb.len > (1 << 20) ? flush(st) : 0;
}

struct fhir_state {
    json_t *bundle;
    const struct fhir_patient *patient;
};

static int fhir_one(const struct entry *e, void *data)
{
    struct fhir_state *st = data;
    fhir_bundle_add_entry(st->bundle, st->patient, e);
    return 0;
}

static int sink_dump(const char *buf, size_t len, void *data)
{
    const struct app_sink *sink = data;
    return sink->write(sink->data, buf, len);
}

/* The diary as one FHIR R4 Bundle: the client (name and birth date on a clinic's server),
 * the entries, and the latest intake. */
static int export_fhir(struct store *s, struct arena *a, const struct store_query *q,
                       const struct app_sink *sink, struct trp_err *err)
{
    struct fhir_patient p = {arena_printf(a, "trp-person-%lld", (long long)store_person(s)), NULL,
                             NULL};
    int rc;
    if (!strcmp(store_backend(s), "postgresql")) {
        struct store_person_info info;
        if ((rc = store_person_get(s, a, store_person(s), &info, err)))
            return rc;
        p.name = info.name;
        p.date_of_birth = info.date_of_birth;
    }
    struct fhir_state st = {fhir_bundle_new(&p), &p};
    rc = store_entry_each(s, q, fhir_one, &st, err);
    struct store_intake in;
    if (!rc) {
        rc = store_intake_latest(s, a, &in, err);
        if (!rc) {
            struct fhir_intake fi = {in.answers_json, in.taken_at, in.acknowledged_at,
                                     in.cleared_at, in.cleared_by};
            fhir_bundle_add_intake(st.bundle, &p, &fi);
        } else if (rc == TRP_ENOTFOUND) {
            trp_err_clear(err);
            rc = 0;
        }
    }
    if (!rc && (json_dump_callback(st.bundle, sink_dump, (void *)sink,
                                   JSON_INDENT(1) | JSON_PRESERVE_ORDER) ||
                sink->write(sink->data, "\n", 1)))
        rc = trp_err_set(err, TRP_EIO, "cannot write the FHIR Bundle");
    json_decref(st.bundle);
    return rc;
}

int app_export(struct store *s, struct arena *a, const char *format, const struct store_query *q,
               const struct app_sink *sink, struct trp_err *err)
{
    int rc = app_export_check(format, q, err);
    if (rc)
        return rc;
    if (!strcmp(format, "fhir"))
        return export_fhir(s, a, q, sink, err);
    struct export_state st = {sink, !strcmp(format, "jsonl"), {0}, 0};
    strbuf_init(&st.sb, 1 << 24);
    if (!st.jsonl)
        diary_csv_write_header(&st.sb);
    rc = store_entry_each(s, q, export_one, &st, err);
    if (!rc)
        flush(&st);
    strbuf_release(&st.sb);
    /* A failed write stops the walk with the callback's 1, not an error code. */
    if (st.failed)
        return trp_err_set(err, TRP_EIO, "cannot write the export");
    return rc;
}
