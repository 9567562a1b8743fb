/*
 * Fuzz target for the intake answers file (`trp intake --answers FILE`): any bytes give a
 * complete set of answers or a clean error with a message. Accepted answers must survive
 * a round trip through their own JSON form and give the same red flags.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "base/arena.h"
#include "core/intake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t jerr;
    json_t *obj = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj)
        return 0;
    struct arena *a = arena_new();
    struct intake in, back;
    struct trp_err err = {0};
    if (intake_from_json(obj, a, &in, &err) == 0) {
        struct intake_flag f1[INTAKE_MAX_FLAGS], f2[INTAKE_MAX_FLAGS];
        size_t n1 = intake_red_flags(&in, f1);
        json_t *again = intake_to_json(&in);
        if (intake_from_json(again, a, &back, &err) != 0)
            abort();
        if (intake_red_flags(&back, f2) != n1)
            abort();
        json_decref(again);
    } else if (!err.msg[0]) {
        abort();
    }
    json_decref(obj);
    arena_free(a);
    return 0;
}
