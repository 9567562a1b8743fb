/*
 * Fuzz target for reading a FHIR Bundle on import: any bytes are recognised as a Bundle or
 * not, and a Bundle gives JSON Lines (one line per trp entry, no line breaks inside) or a
 * clean error with a message; its intake is found (with answers, and a clearance only with
 * both its time and its clinician), absent, or refused with a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "io/fhir.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    if (!fhir_is_bundle(text, size))
        return 0;
    char *out = NULL;
    size_t n = 0, skipped = 0;
    struct trp_err err = {0};
    if (fhir_bundle_to_jsonl(text, size, &out, &n, &skipped, &err) == 0) {
        if (strlen(out) != n || (n && out[n - 1] != '\n'))
            abort();
        free(out);
    } else if (!err.msg[0]) {
        abort();
    }
    struct arena *a = arena_new();
    struct fhir_intake in;
    struct trp_err ierr = {0};
    int rc = fhir_bundle_intake(text, size, a, &in, &ierr);
    if (rc == 0 && (!in.answers_json || !in.cleared_at != !in.cleared_by))
        abort();
    if (rc && rc != TRP_ENOTFOUND && !ierr.msg[0])
        abort();
    arena_free(a);
    return 0;
}
