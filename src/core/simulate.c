/*
 * simulate.h. The generator uses its own PRNG (splitmix64 seeding xoshiro256**) so that a
 * seed gives the same diary on every platform and C library.
 */
#include "core/simulate.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/timeutil.h"

struct rng {
    uint64_t s[4];
};

static uint64_t splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t next_u64(struct rng *r)
{
    uint64_t result = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;
    r->s[2] ^= r->s[0];
    r->s[3] ^= r->s[1];
    r->s[1] ^= r->s[2];
    r->s[0] ^= r->s[3];
    r->s[2] ^= t;
    r->s[3] = rotl(r->s[3], 45);
    return result;
}

static double uniform(struct rng *r)
{
    return (next_u64(r) >> 11) * (1.0 / 9007199254740992.0);
}

static double normal(struct rng *r)
{
    double u = uniform(r), v = uniform(r);
    if (u < 1e-300)
        u = 1e-300;
    return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

static int clampi(double v, int lo, int hi)
{
    int i = (int)lround(v);
    return i < lo ? lo : i > hi ? hi : i;
}

void sim_config_default(struct sim_config *c)
{
    memset(c, 0, sizeof *c);
    c->days = 70;
    c->seed = 1;
    c->start_day = trp_days_from_civil(2026, 1, 5);
    c->offset_min = 60;
    c->n_planted = 1;
    c->planted[0] = (struct sim_planted){"computer work", 1.35, 1, 0, 0};
    c->base_rate = 0.04;
    c->workday_or = 1.5;
    c->pain_level = 6.2;
    c->pain_trend = 2.6;
    c->pain_noise = 0.6;
    c->flare_rise = 3.0;
    c->pain_step = 1;
    c->sports = 0;
}

int sim_parse_planted(const char *spec, struct arena *a, struct sim_config *c, struct trp_err *err)
{
    c->n_planted = 0;
    if (!strcmp(spec, "none"))
        return 0;
    char *copy = arena_strdup(a, spec), *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        if (c->n_planted == SIM_MAX_PLANTED)
            return trp_err_set(err, TRP_EINVAL, "at most %d planted tasks", SIM_MAX_PLANTED);
        struct sim_planted *p = &c->planted[c->n_planted];
        char *s2 = NULL, *name = strtok_r(item, ":", &s2);
        if (!name || !*name)
            return trp_err_set(err, TRP_EINVAL, "planted: a task name is missing in \"%.60s\"", spec);
        p->task = name;
        p->or_per_hour = 0;
        p->lag = 0;
        p->window = 0;
        p->share = 0;
        for (char *kv = strtok_r(NULL, ":", &s2); kv; kv = strtok_r(NULL, ":", &s2)) {
            char *end;
            if (!strncmp(kv, "or=", 3)) {
                p->or_per_hour = strtod(kv + 3, &end);
                if (*end || !(p->or_per_hour > 0 && p->or_per_hour <= 20))
                    return trp_err_set(err, TRP_EINVAL, "planted %s: or must be a number above 0 and at most 20", name);
            } else if (!strncmp(kv, "win=", 4)) {
                long w = strtol(kv + 4, &end, 10);
                if (*end || w < 2 || w > 28)
                    return trp_err_set(err, TRP_EINVAL, "planted %s: win must be 2-28 days", name);
                p->window = (int)w;
            } else if (!strncmp(kv, "lag=", 4)) {
                long lag = strtol(kv + 4, &end, 10);
                if (*end || lag < 0 || lag > 3)
                    return trp_err_set(err, TRP_EINVAL, "planted %s: lag must be 0-3 days", name);
                p->lag = (int)lag;
            } else {
                return trp_err_set(err, TRP_EINVAL, "planted %s: \"%.20s\" is not or=N or lag=N", name, kv);
            }
        }
        if (p->or_per_hour == 0)
            return trp_err_set(err, TRP_EINVAL, "planted %s: give its effect, as in %s:or=2:lag=1", name, name);
        c->n_planted++;
    }
    return 0;
}

enum { T_COMPUTER, T_PHONE, T_VIDEO, T_DRIVING, T_GARDEN, T_BAG, T_SPORT, T_COUNT };
static const char *const task_names[T_COUNT] = {"computer work", "phone calls", "video calls", "driving",
                                                "gardening",     "carrying a bag", "cycling"};

/* Rounds a rating to the diary's step (1: whole numbers) within 0-10. */
static double rate(double v, double step)
{
    if (step >= 1)
        return clampi(v, 0, 10);
    double r = round(v / step) * step;
    return r < 0 ? 0 : r > 10 ? 10 : r;
}

static struct entry mk(enum entry_kind k, int64_t day, int minute, int offset)
{
    struct entry e;
    entry_init(&e, k);
    e.at.offset_min = offset;
    e.at.utc = day * 86400 + (int64_t)minute * 60 - (int64_t)offset * 60;
    return e;
}

int sim_generate(const struct sim_config *c, struct arena *a, sim_entry_fn fn, void *data,
                 struct sim_truth *truth)
{
    struct rng r;
    uint64_t x = c->seed;
    for (int i = 0; i < 4; i++)
        r.s[i] = splitmix(&x);
    memset(truth, 0, sizeof *truth);
    int days = c->days;
    double *minutes = calloc((size_t)days * T_COUNT, sizeof *minutes);
    if (!minutes)
        abort();
    int flare_left = 0, cut_back = 0, rc = 0;
    double course = 6.2, drift = 0;
    for (int d = 0; d < days && !rc; d++) {
        int64_t day = c->start_day + d;
        int wd = (trp_weekday_of_day(day) + 6) % 7; /* 0 = Monday */
        int workday = wd < 5;
        double *m = &minutes[(size_t)d * T_COUNT];
        /* Office days, and lighter days of meetings and errands (a quarter of workdays). */
        m[T_COMPUTER] = workday ? (uniform(&r) < 0.25 ? 60 + 90 * uniform(&r) : fmax(0, 330 + 90 * normal(&r)))
                                : (uniform(&r) < 0.3 ? 45 : 0);
        /* Bystanders: phone calls rise with computer work, video calls come on most long
         * computer days. Correlated (r about 0.5), not copies: tasks that always come
         * together cannot be told apart by any analysis. */
        m[T_PHONE] = m[T_COMPUTER] > 0 ? fmax(0, 0.06 * m[T_COMPUTER] + 12 + 8 * normal(&r)) : 0;
        m[T_VIDEO] = m[T_COMPUTER] > 300 && uniform(&r) < 0.6 ? 45 + 45 * uniform(&r) : 0;
        m[T_DRIVING] = workday ? fmax(0, 40 + 15 * normal(&r)) : (uniform(&r) < 0.4 ? 90 : 0);
        m[T_GARDEN] = !workday && uniform(&r) < 0.6 && !cut_back ? 60 + 120 * uniform(&r) : 0;
        m[T_BAG] = uniform(&r) < 0.35 ? 20 + 40 * uniform(&r) : 0;
        m[T_SPORT] = 0;
        if (c->sports) {
            /* Training blocks: every 7 weeks the rides build up over two weeks (30 to 150
             * minutes), then drop back to easy rides on about two days in five. */
            int in_block = d % 49;
            m[T_SPORT] = in_block < 14 ? 30 + 120.0 * in_block / 13 * (0.8 + 0.4 * uniform(&r))
                                       : (uniform(&r) < 0.4 ? 20 + 30 * uniform(&r) : 0);
        }
        /* Occasional planted tasks: kept on `share` of the days they would be done (the
         * draw only for such tasks, so other diaries stay as they were). */
        for (size_t p = 0; p < c->n_planted; p++)
            if (c->planted[p].share > 0 && c->planted[p].share < 1)
                for (int t = 0; t < T_COUNT; t++)
                    if (!strcmp(task_names[t], c->planted[p].task) && uniform(&r) >= c->planted[p].share)
                        m[t] = 0;
        if (cut_back)
            cut_back--;

        /* The course: a slow improvement with setbacks (a random walk around the trend). */
        drift = 0.7 * drift + 0.35 * normal(&r);
        course = c->pain_level - c->pain_trend * (double)d / (days > 1 ? days - 1 : 1) + drift;

        double logit = log(c->base_rate / (1 - c->base_rate)) + (workday ? log(c->workday_or) : 0);
        for (size_t p = 0; p < c->n_planted; p++) {
            int src = d - c->planted[p].lag, w = c->planted[p].window;
            if (w) {
                /* A build-up: the mean hours per day over the w days before. */
                if (d < w)
                    continue;
                for (int t = 0; t < T_COUNT; t++)
                    if (!strcmp(task_names[t], c->planted[p].task))
                        for (int k = 1; k <= w; k++)
                            logit += log(c->planted[p].or_per_hour) * minutes[(size_t)(d - k) * T_COUNT + t] / 60.0 / w;
                continue;
            }
            if (src < 0)
                continue;
            for (int t = 0; t < T_COUNT; t++)
                if (!strcmp(task_names[t], c->planted[p].task))
                    logit += log(c->planted[p].or_per_hour) * minutes[(size_t)src * T_COUNT + t] / 60.0;
        }
        /* A flare starts in the early evening, after the day's tasks (the latest planted
         * same-day exposure, carrying a bag, ends by 18:00), so that "same day, before the
         * onset" holds in the data as it does in the model. */
        int flare_today = 0, onset_min = 0;
        if (!flare_left && uniform(&r) < 1 / (1 + exp(-logit))) {
            flare_today = 1;
            onset_min = 18 * 60 + 30 + (int)(uniform(&r) * 85);
            flare_left = 2 + (int)(uniform(&r) * 2);
            cut_back = 3;
            if (truth->n_flares < 512)
                truth->flare_days[truth->n_flares++] = day;
        }

        /* Factors in the morning: last night's sleep, then stress and mood. */
        struct entry e = mk(ENTRY_FACTOR, day, 7 * 60, c->offset_min);
        e.name = "sleep_hours";
        /* A flare spoils the nights after it started; the onset morning is still normal. */
        e.value = round(fmin(10, fmax(3, 7 - (flare_left && !flare_today ? 0.8 : 0) + 0.9 * normal(&r))) * 2) / 2;
        if ((rc = fn(&e, data)))
            break;
        e = mk(ENTRY_FACTOR, day, 21 * 60, c->offset_min);
        e.name = "stress";
        e.value = clampi(4 + (workday ? 1.5 : -1) + 1.5 * normal(&r), 0, 10);
        if ((rc = fn(&e, data)))
            break;

        /* Tasks, at plausible times, each logged when it is done. */
        static const int start_min[T_COUNT] = {9 * 60, 11 * 60, 14 * 60, 8 * 60, 10 * 60, 17 * 60, 6 * 60};
        for (int t = 0; t < T_COUNT && !rc; t++) {
            int mins = (int)lround(m[t]);
            if (mins < 5)
                continue;
            if (mins > 1440)
                mins = 1440;
            e = mk(ENTRY_TASK, day, start_min[t] + mins, c->offset_min); /* logged when done */
            e.name = task_names[t];
            e.minutes = mins;
            rc = fn(&e, data);
        }

        /* Pain: morning, midday (not always) and evening, plus the flare itself. */
        static const char *const spots[] = {"top-of-shoulder.r", "temple.r", "back-neck.r"};
        static const int times[] = {8 * 60, 13 * 60, 20 * 60};
        for (int k = 0; k < 3 && !rc; k++) {
            if (k == 1 && uniform(&r) < 0.4)
                continue;
            if (k == 2 && flare_today) {
                /* The person notes the flare when it starts. */
                e = mk(ENTRY_PAIN, day, onset_min, c->offset_min);
                e.value = rate(course + c->flare_rise + c->pain_noise * normal(&r), c->pain_step);
                struct entry_region *reg = arena_zalloc(a, 1, sizeof *reg);
                reg[0].region = "temple.r";
                reg[0].intensity = ENTRY_UNSET;
                e.regions = reg;
                e.n_regions = 1;
                if ((rc = fn(&e, data)))
                    break;
            }
            int flaring = flare_left && (!flare_today || k == 2);
            double level = course + (flaring ? c->flare_rise : 0) + c->pain_noise * normal(&r) + (k == 2 ? 0.4 : 0);
            e = mk(ENTRY_PAIN, day, times[k] + (int)(uniform(&r) * 40), c->offset_min);
            e.value = rate(level, c->pain_step);
            struct entry_region *reg = arena_zalloc(a, 2, sizeof *reg);
            reg[0].region = spots[k % 3];
            reg[0].intensity = ENTRY_UNSET;
            e.regions = reg;
            e.n_regions = 1;
            if (flare_today && k == 2) {
                reg[1].region = "temple.r";
                reg[1].intensity = clampi(level, 0, 10);
                if (strcmp(reg[0].region, "temple.r"))
                    e.n_regions = 2;
            }
            rc = fn(&e, data);
        }
        if (flare_left)
            flare_left--;

        /* Self-treatment about every third day, better responses later in the course. */
        if (!rc && uniform(&r) < 0.33) {
            e = mk(ENTRY_TREATMENT, day, 19 * 60, c->offset_min);
            e.treat.technique = "compression";
            e.treat.muscle = "upper-trapezius";
            e.treat.side = "right";
            e.treat.performer = "self";
            e.treat.passes = 1 + (int)(uniform(&r) * 3);
            e.treat.released = uniform(&r) < 0.5 + 0.3 * d / days;
            e.treat.hold_seconds = 40 + (int)(uniform(&r) * 50);
            e.treat.pain_before = clampi(course + 1, 0, 10);
            e.treat.pain_after = clampi(course - 1 - uniform(&r), 0, 10);
            rc = fn(&e, data);
        }
        if (!rc && uniform(&r) < 0.5) {
            e = mk(ENTRY_TREATMENT, day, 7 * 60 + 30, c->offset_min);
            e.treat.technique = "stretch";
            e.treat.muscle = "upper-trapezius";
            e.treat.side = "right";
            e.treat.performer = "self";
            rc = fn(&e, data);
        }
    }
    free(minutes);
    return rc;
}
