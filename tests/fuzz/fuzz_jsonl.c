/*
 * Fuzz target for the JSON entry decoder used by JSON Lines import: any bytes give a valid
 * entry or a clean error with a message.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "core/entry_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *obj = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj)
        return 0;
    struct arena *a = arena_new();
    struct entry e;
    struct trp_err err = {0};
    if (entry_from_json(obj, a, &e, &err) == 0) {
        if (entry_validate(&e, NULL) != 0)
            abort();
        char *s = entry_json_encode(&e);
        free(s);
    } else if (!err.msg[0]) {
        abort();
    }
    json_decref(obj);
    arena_free(a);
    return 0;
}
