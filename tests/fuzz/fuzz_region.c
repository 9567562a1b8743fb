/*
 * Fuzz target for region phrases ("pain in my left knee", "outer elbow on the right",
 * "choir 105"), which come from the command line, CSV and JSON imports and intake answers:
 * any bytes give regions that exist or a clean error with a message, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/region.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[512];
    if (size >= sizeof buf)
        size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    struct region_match m;
    struct trp_err err = {0};
    if (region_resolve(buf, &m, &err) == 0) {
        if (m.count < 1 || m.count > REGION_MATCH_MAX)
            abort();
        for (size_t i = 0; i < m.count; i++)
            if (!m.regions[i] || !region_base_of(m.regions[i]->id))
                abort();
    } else if (!err.msg[0]) {
        abort();
    }
    return 0;
}
