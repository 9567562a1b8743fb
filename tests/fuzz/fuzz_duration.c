/*
 * Fuzz target for trp_duration_parse: any bytes give a duration within 1..limit minutes or
 * a clean error with a message.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[128];
    if (size >= sizeof buf)
        size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    struct trp_err err;
    int minutes = -1;
    if (trp_duration_parse(buf, 1440, &minutes, &err) == 0) {
        if (minutes < 1 || minutes > 1440)
            abort();
    } else if (err.msg[0] == '\0') {
        abort();
    }
    return 0;
}
