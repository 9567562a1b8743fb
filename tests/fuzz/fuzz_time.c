/*
 * Fuzz target for trp_time_parse: any bytes must give either a valid time inside the
 * accepted years or a clean error, and a parsed ISO time must format and parse back to the
 * same instant.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"

/* A zone with daylight saving, so the gap and the repeated hour are reached. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("TZ", "Europe/Berlin", 1);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[128];
    if (size >= sizeof buf)
        size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    struct trp_time now = {1772352000, 60}, t, back;
    struct trp_err err;
    if (trp_time_parse(buf, &now, &t, &err) == 0) {
        if (t.utc < TRP_TIME_MIN - 86400 * 2 || t.utc > TRP_TIME_MAX + 86400 * 2)
            abort();
        char text[TRP_TIME_BUF];
        trp_time_format(&t, text);
        if (t.utc >= TRP_TIME_MIN && t.utc <= TRP_TIME_MAX) {
            if (trp_time_parse(text, &now, &back, &err) != 0 || back.utc != t.utc ||
                back.offset_min != t.offset_min)
                abort();
        }
    } else if (err.msg[0] == '\0') {
        abort();
    }
    return 0;
}
