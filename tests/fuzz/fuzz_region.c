/*
 * Fuzz target for the region reader. Region phrases come from the command line (`trp where`,
 * `--region`), CSV and JSON imports and intake answers: any bytes as a sentence
 * (region_parse) and as a diary phrase (region_resolve) give either places whose regions all
 * exist and whose counts stay within bounds, or a clean one-line error, never a crash.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/region.h"

static void check_region(const struct region *r)
{
    if (!r || region_find(r->id) != r)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[REGION_SENTENCE_MAX + 64];
    if (size >= sizeof buf)
        size = sizeof buf - 1;
    memcpy(buf, data, size);
    buf[size] = '\0';
    struct trp_err err;
    struct region_sentence s;
    trp_err_clear(&err);
    if (region_parse(buf, &s, &err) == 0) {
        if (s.n_places == 0 || s.n_places > REGION_PLACES_MAX)
            abort();
        for (size_t p = 0; p < s.n_places; p++) {
            if (s.places[p].count == 0 || s.places[p].count > REGION_MATCH_MAX ||
                strlen(s.places[p].text) >= sizeof s.places[p].text)
                abort();
            for (size_t i = 0; i < s.places[p].count; i++)
                check_region(s.places[p].regions[i]);
        }
        if (strlen(s.ignored) > REGION_SENTENCE_MAX)
            abort();
    } else if (err.msg[0] == '\0' || strchr(err.msg, '\n')) {
        abort();
    }
    struct region_match m;
    trp_err_clear(&err);
    if (region_resolve(buf, &m, &err) == 0) {
        if (m.count == 0 || m.count > REGION_MATCH_MAX || !m.base || m.places == 0)
            abort();
        for (size_t i = 0; i < m.count; i++)
            check_region(m.regions[i]);
    } else if (err.msg[0] == '\0' || strchr(err.msg, '\n')) {
        abort();
    }
    return 0;
}
