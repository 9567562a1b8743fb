/*
 * The diary in the import formats, as a use case for every face: CSV, JSON Lines (with
 * deleted entries and earlier versions when asked) or one FHIR R4 Bundle. `trp export`
 * writes it to a file or standard output; GET /api/v1/export answers with it. The bytes go
 * to a sink, so neither face needs the other's kind of output.
 */
#ifndef TRP_APP_EXPORT_H
#define TRP_APP_EXPORT_H

#include <stddef.h>

#include "base/arena.h"
#include "base/err.h"
#include "store/store.h"

/* Where the export goes: write returns 0, or -1 after remembering why (the face names the
 * file or stream in its own message). */
struct app_sink {
    int (*write)(void *data, const char *buf, size_t len);
    void *data;
};

/* Checks a format for the query: csv, jsonl or fhir; --deleted and --history need jsonl
 * (CSV has no column for them: importing would bring deleted entries back as live).
 * TRP_EUSAGE otherwise. */
int app_export_check(const char *format, const struct store_query *q, struct trp_err *err);

/* Writes the entries q selects in format (as checked above). A failed write of the sink:
 * TRP_EIO ("cannot write the export"). */
int app_export(struct store *s, struct arena *a, const char *format, const struct store_query *q,
               const struct app_sink *sink, struct trp_err *err);

#endif
