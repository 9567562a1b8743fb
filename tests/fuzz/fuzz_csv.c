/*
 * Fuzz target for the CSV reader and the row-to-entry mapper: any bytes must give rows or a
 * clean error with a message, never a crash, a leak or an entry that fails validation.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/csv.h"
#include "io/diary_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_reader r;
    struct trp_err err = {0};
    if (csv_open(&r, (const char *)data, size, &err) != 0) {
        if (!err.msg[0])
            abort();
        return 0;
    }
    struct arena *a = arena_new();
    struct diary_csv_header h;
    int rc = csv_next(&r, &err);
    if (rc > 0 && diary_csv_header_parse(&r, &h, &err) == 0) {
        while ((rc = csv_next(&r, &err)) > 0) {
            struct entry e;
            trp_err_clear(&err);
            if (diary_csv_row(&r, &h, a, &e, &err) == 0) {
                if (entry_validate(&e, NULL) != 0)
                    abort();
            } else if (!err.msg[0]) {
                abort();
            }
        }
    }
    if (rc < 0 && !err.msg[0])
        abort();
    csv_close(&r);
    arena_free(a);
    return 0;
}
