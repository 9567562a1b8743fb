/*
 * Writes a deterministic diary of N days ending on 2026-03-10 into a database, through the
 * store interface in one transaction: three pain ratings a day with regions, weekday
 * computer work, driving, carrying, sleep and stress, a treatment session every third day
 * and a marked flare now and then. For benchmarks (bench/report_bench.sh) where thousands
 * of `trp log` processes would take longer than what is being measured.
 *
 * usage: gen_diary DB DAYS
 */
#include <stdio.h>
#include <stdlib.h>

#include "base/arena.h"
#include "base/timeutil.h"
#include "core/entry.h"
#include "store/store.h"

static unsigned long long rng = 88172645463325252ULL;

static double uniform(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (double)(rng >> 11) / 9007199254740992.0;
}

static int put(struct store *s, struct entry *e, int64_t day, int hour)
{
    e->at.utc = day * 86400 + hour * 3600 - 3600; /* local time at +01:00 */
    e->at.offset_min = 60;
    struct trp_err err;
    if (entry_validate(e, &err) || store_entry_insert(s, e, &err)) {
        fprintf(stderr, "gen_diary: %s\n", err.msg);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: gen_diary DB DAYS\n");
        return 2;
    }
    int days = atoi(argv[2]);
    struct store *s;
    struct trp_err err;
    if (store_open(argv[1], &s, &err) || store_begin(s, &err)) {
        fprintf(stderr, "gen_diary: %s\n", err.msg);
        return 1;
    }
    int64_t last = trp_days_from_civil(2026, 3, 10);
    struct arena *a = arena_new();
    static const char *const places[] = {"right upper trapezius", "right neck", "left temple",
                                         "both low back"};
    for (int64_t day = last - days + 1; day <= last; day++) {
        int i = (int)(day - (last - days + 1));
        int wd = (int)(((day + 3) % 7 + 7) % 7); /* 0 = Monday */
        double level = 6.0 - 3.0 * i / days + (wd < 5 ? 0.5 : -0.5);
        for (int k = 0; k < 3; k++) {
            struct entry e;
            entry_init(&e, ENTRY_PAIN);
            double v = level + 2 * (uniform() - 0.5) + (k == 1);
            e.value = v < 0 ? 0 : v > 10 ? 10 : (int)(v + 0.5);
            e.flare = k == 1 && uniform() < 0.05;
            if (entry_add_region(a, &e, places[(i + k) % 4], (int)e.value, &err)) {
                fprintf(stderr, "gen_diary: %s\n", err.msg);
                return 1;
            }
            if (put(s, &e, day, 8 + 5 * k))
                return 1;
        }
        struct entry t;
        if (wd < 5) {
            entry_init(&t, ENTRY_TASK);
            t.name = "computer work";
            t.minutes = 180 + (int)(uniform() * 240);
            if (put(s, &t, day, 17))
                return 1;
        }
        if (uniform() < 0.3) {
            entry_init(&t, ENTRY_TASK);
            t.name = "driving";
            t.minutes = 30 + (int)(uniform() * 90);
            if (put(s, &t, day, 8))
                return 1;
        }
        if (uniform() < 0.2) {
            entry_init(&t, ENTRY_TASK);
            t.name = "carrying a bag";
            t.minutes = 20 + (int)(uniform() * 40);
            if (put(s, &t, day, 12))
                return 1;
        }
        entry_init(&t, ENTRY_FACTOR);
        t.name = "sleep_hours";
        t.value = 5 + (int)(uniform() * 4);
        if (put(s, &t, day, 7))
            return 1;
        entry_init(&t, ENTRY_FACTOR);
        t.name = "stress";
        t.value = (int)(uniform() * 9);
        if (put(s, &t, day, 21))
            return 1;
        if (i % 3 == 0) {
            entry_init(&t, ENTRY_TREATMENT);
            t.treat.technique = "compression";
            t.treat.muscle = i % 6 ? "upper-trapezius" : "levator-scapulae";
            t.treat.side = "right";
            t.treat.hold_seconds = 60;
            t.treat.passes = 3;
            t.treat.released = uniform() < 0.7;
            t.treat.pain_before = 6;
            t.treat.pain_after = 4;
            t.treat.performer = "self";
            if (put(s, &t, day, 20))
                return 1;
        }
    }
    if (store_commit(s, &err)) {
        fprintf(stderr, "gen_diary: %s\n", err.msg);
        return 1;
    }
    store_close(s);
    arena_free(a);
    return 0;
}
