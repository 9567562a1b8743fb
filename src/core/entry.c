/*
 * Validation and vocabularies for diary entries (entry.h). The ranges here are the product's
 * contract with its users: the CLI, the importer and the web API all refuse what fails here,
 * with the same words.
 */
#include "core/entry.h"

#include <math.h>
#include <string.h>

#include "base/arena.h"
#include "core/region.h"

static const char *const kind_names[ENTRY_KIND_COUNT] = {
    [ENTRY_PAIN] = "pain",
    [ENTRY_TASK] = "task",
    [ENTRY_FACTOR] = "factor",
    [ENTRY_TREATMENT] = "treatment",
    [ENTRY_NOTE] = "note",
    [ENTRY_MEDICATION] = "medication",
    [ENTRY_PGIC] = "pgic",
    [ENTRY_PSFS] = "psfs",
};

const char *entry_kind_name(enum entry_kind kind)
{
    return kind < ENTRY_KIND_COUNT ? kind_names[kind] : "?";
}

int entry_kind_parse(const char *name, enum entry_kind *out, struct trp_err *err)
{
    for (int k = 0; k < ENTRY_KIND_COUNT; k++) {
        if (strcmp(name, kind_names[k]) == 0) {
            *out = (enum entry_kind)k;
            return 0;
        }
    }
    if (strcmp(name, "treat") == 0) {
        *out = ENTRY_TREATMENT;
        return 0;
    }
    if (strcmp(name, "med") == 0) {
        *out = ENTRY_MEDICATION;
        return 0;
    }
    return trp_err_set(err, TRP_EINVAL,
                       "unknown kind \"%.40s\": use pain, task, factor, treatment, note, "
                       "medication, pgic or psfs",
                       name);
}

/* Sleep, stress and mood are the factors the analysis adjusts for, so their scales are
 * fixed; the 0-10 scales follow the pain NRS so that people use one mental ruler. */
const struct factor_info entry_known_factors[] = {
    {"sleep_hours", 0, 24, "hours", "hours slept last night"},
    {"sleep_quality", 0, 10, "0-10", "how well you slept (10 = very well)"},
    {"stress", 0, 10, "0-10", "stress today (10 = worst)"},
    {"mood", 0, 10, "0-10", "mood today (10 = best)"},
    {"exercise_minutes", 0, 1440, "minutes", "minutes of exercise"},
    {"steps", 0, 200000, "steps", "steps walked"},
    {"caffeine_cups", 0, 30, "cups", "cups of coffee or tea"},
    {"alcohol_units", 0, 50, "units", "units of alcohol"},
    {"water_litres", 0, 15, "litres", "water drunk"},
    {"fatigue", 0, 10, "0-10", "tiredness (10 = exhausted)"},
    {"diet_quality", 0, 10, "0-10", "how well you ate (10 = very well)"},
    {"screen_hours", 0, 24, "hours", "hours in front of a screen"},
};
const size_t entry_known_factors_count = sizeof entry_known_factors / sizeof entry_known_factors[0];

const char *const entry_qualities[] = {
    "aching", "burning", "tingling", "numb", "sharp", "dull", "throbbing", "stabbing",
    "shooting", "cramping", "stiff", "tender", "deep", "pressing", "pulling", "electric",
};
const size_t entry_qualities_count = sizeof entry_qualities / sizeof entry_qualities[0];

const char *const entry_med_units[] = {"mg", "mcg", "g", "ml", "IU", "drop", "puff",
                                       "tablet", "capsule", "patch"};
const size_t entry_med_units_count = sizeof entry_med_units / sizeof entry_med_units[0];

const char *entry_pgic_label(int value)
{
    static const char *const labels[] = {"very much improved", "much improved",
                                         "minimally improved", "no change", "minimally worse",
                                         "much worse", "very much worse"};
    return value >= 1 && value <= 7 ? labels[value - 1] : NULL;
}

const struct factor_info *entry_factor_info(const char *name)
{
    for (size_t i = 0; i < entry_known_factors_count; i++)
        if (strcmp(entry_known_factors[i].name, name) == 0)
            return &entry_known_factors[i];
    return NULL;
}

void entry_init(struct entry *e, enum entry_kind kind)
{
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->effort = ENTRY_UNSET;
    e->treat.hold_seconds = ENTRY_UNSET;
    e->treat.passes = ENTRY_UNSET;
    e->treat.released = ENTRY_UNSET;
    e->treat.pressure = -1;
    e->treat.pain_before = ENTRY_UNSET;
    e->treat.pain_after = ENTRY_UNSET;
    if (kind == ENTRY_MEDICATION)
        e->value = -1; /* no dose given */
}

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

/* Names are identifiers people reuse day after day ("computer work"): printable, short. */
static int check_name(const char *what, const char *name, struct trp_err *err)
{
    if (!name || !name[0])
        return trp_err_set(err, TRP_EINVAL, "%s name is missing", what);
    size_t len = strlen(name);
    if (len > ENTRY_NAME_MAX)
        return trp_err_set(err, TRP_EINVAL, "%s name is longer than %d characters", what,
                           ENTRY_NAME_MAX);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            return trp_err_set(err, TRP_EINVAL, "%s name contains a control character", what);
    }
    if (name[0] == ' ' || name[len - 1] == ' ')
        return trp_err_set(err, TRP_EINVAL, "%s name \"%s\" starts or ends with a space", what,
                           name);
    return 0;
}

static int check_text(const char *what, const char *text, struct trp_err *err)
{
    if (!text)
        return 0;
    size_t len = strlen(text);
    if (len > ENTRY_TEXT_MAX)
        return trp_err_set(err, TRP_EINVAL, "%s is longer than %d characters", what,
                           ENTRY_TEXT_MAX);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return trp_err_set(err, TRP_EINVAL, "%s contains a control character", what);
    }
    return 0;
}

static int check_0_10(const char *what, double v, struct trp_err *err)
{
    if (!isfinite(v) || v < 0 || v > 10)
        return trp_err_set(err, TRP_EINVAL, "%s %g is outside 0-10", what, v);
    return 0;
}

static int validate_pain(const struct entry *e, struct trp_err *err)
{
    int rc = check_0_10("pain value", e->value, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < e->n_regions; i++) {
        const char *id = e->regions[i].region;
        if (!id || !region_find(id))
            return trp_err_set(err, TRP_EINVAL, "unknown region id \"%s\"", id ? id : "");
        for (size_t j = 0; j < i; j++)
            if (strcmp(e->regions[j].region, id) == 0)
                return trp_err_set(err, TRP_EINVAL, "region \"%s\" is given twice", id);
        int ri = e->regions[i].intensity;
        if (ri != ENTRY_UNSET && (ri < 0 || ri > 10))
            return trp_err_set(err, TRP_EINVAL, "intensity %d for region %s is outside 0-10", ri,
                               id);
    }
    for (size_t i = 0; i < e->n_qualities; i++) {
        if (!in_list(e->qualities[i], entry_qualities, entry_qualities_count))
            return trp_err_set(err, TRP_EINVAL,
                               "unknown pain quality \"%.40s\" (known: aching, burning, tingling, "
                               "numb, sharp, dull, throbbing, stabbing, shooting, cramping, "
                               "stiff, tender, deep, pressing, pulling, electric)",
                               e->qualities[i]);
    }
    return 0;
}

static int validate_task(const struct entry *e, struct trp_err *err)
{
    int rc = check_name("task", e->name, err);
    if (rc)
        return rc;
    if (e->minutes <= 0)
        return trp_err_set(err, TRP_EINVAL, "task minutes must be more than 0 (got %d)",
                           e->minutes);
    if (e->minutes > ENTRY_TASK_MAX_MINUTES)
        return trp_err_set(err, TRP_EINVAL, "task minutes %d is more than a day; log it in parts",
                           e->minutes);
    if (e->effort != ENTRY_UNSET && (e->effort < 0 || e->effort > 10))
        return trp_err_set(err, TRP_EINVAL, "task effort %d is outside 0-10", e->effort);
    if (e->posture) {
        rc = check_name("posture", e->posture, err);
        if (rc)
            return rc;
    }
    return 0;
}

static int validate_factor(const struct entry *e, struct trp_err *err)
{
    int rc = check_name("factor", e->name, err);
    if (rc)
        return rc;
    if (!isfinite(e->value))
        return trp_err_set(err, TRP_EINVAL, "factor %s needs a number", e->name);
    const struct factor_info *fi = entry_factor_info(e->name);
    if (fi && (e->value < fi->min || e->value > fi->max)) {
        /* A scale's unit is its range ("0-10"): say it once. */
        int scale = fi->unit[0] >= '0' && fi->unit[0] <= '9';
        return trp_err_set(err, TRP_EINVAL, "%s value %g is outside %g-%g%s%s", e->name,
                           e->value, fi->min, fi->max, scale ? "" : " ", scale ? "" : fi->unit);
    }
    if (fabs(e->value) > 1e9)
        return trp_err_set(err, TRP_EINVAL, "factor %s value %g is implausibly large", e->name,
                           e->value);
    return 0;
}

static const char *const techniques[] = {"compression", "friction", "stretch", "strengthen",
                                         "other"};
static const char *const sides[] = {"left", "right", "both", "midline"};
static const char *const performers[] = {"self", "practitioner"};

static int validate_treatment(const struct entry *e, struct trp_err *err)
{
    const struct entry_treatment *t = &e->treat;
    if (!t->technique || !in_list(t->technique, techniques, 5))
        return trp_err_set(err, TRP_EINVAL,
                           "treatment technique \"%.40s\" is not one of compression, friction, "
                           "stretch, strengthen, other",
                           t->technique ? t->technique : "");
    int rc = check_name("muscle", t->muscle, err);
    if (rc)
        return rc;
    if (t->side && !in_list(t->side, sides, 4))
        return trp_err_set(err, TRP_EINVAL, "side \"%.40s\" is not left, right, both or midline",
                           t->side);
    if (t->hold_seconds != ENTRY_UNSET && (t->hold_seconds < 0 || t->hold_seconds > 3600))
        return trp_err_set(err, TRP_EINVAL, "hold_seconds %d is outside 0-3600", t->hold_seconds);
    if (t->passes != ENTRY_UNSET && (t->passes < 1 || t->passes > 20))
        return trp_err_set(err, TRP_EINVAL, "passes %d is outside 1-20", t->passes);
    if (t->released != ENTRY_UNSET && t->released != 0 && t->released != 1)
        return trp_err_set(err, TRP_EINVAL, "released must be yes or no");
    if (t->n_per_pass > 20)
        return trp_err_set(err, TRP_EINVAL, "%zu passes recorded; at most 20", t->n_per_pass);
    if (t->n_per_pass && t->passes != (int)t->n_per_pass)
        return trp_err_set(err, TRP_EINVAL,
                           "passes is %d but %zu passes are recorded one by one; they must agree",
                           t->passes, t->n_per_pass);
    for (size_t i = 0; i < t->n_per_pass; i++) {
        if (t->per_pass[i].hold_seconds < 0 || t->per_pass[i].hold_seconds > 3600)
            return trp_err_set(err, TRP_EINVAL, "pass %zu: hold %d s is outside 0-3600", i + 1,
                               t->per_pass[i].hold_seconds);
        if (t->per_pass[i].softened != 0 && t->per_pass[i].softened != 1)
            return trp_err_set(err, TRP_EINVAL, "pass %zu: softened must be yes or no", i + 1);
    }
    if (t->pressure >= 0 && (rc = check_0_10("pressure", t->pressure, err)))
        return rc;
    if (t->pressure < 0 && t->pressure != -1)
        return trp_err_set(err, TRP_EINVAL, "pressure %g is outside 0-10", t->pressure);
    if (t->pain_before != ENTRY_UNSET && (rc = check_0_10("pain_before", t->pain_before, err)))
        return rc;
    if (t->pain_after != ENTRY_UNSET && (rc = check_0_10("pain_after", t->pain_after, err)))
        return rc;
    if (!t->performer || !in_list(t->performer, performers, 2))
        return trp_err_set(err, TRP_EINVAL, "performer \"%.40s\" is not self or practitioner",
                           t->performer ? t->performer : "");
    return 0;
}

/* A dose is optional ("took ibuprofen"), but a dose without a unit means nothing. */
static int validate_medication(const struct entry *e, struct trp_err *err)
{
    int rc = check_name("medication", e->name, err);
    if (rc)
        return rc;
    if (e->value < 0 && e->value != -1)
        return trp_err_set(err, TRP_EINVAL, "dose %g must be more than 0", e->value);
    if (e->value == -1) {
        if (e->unit)
            return trp_err_set(err, TRP_EINVAL, "unit %.20s given without a dose (--dose N)",
                               e->unit);
        return 0;
    }
    if (!isfinite(e->value) || e->value == 0 || e->value > 1e6)
        return trp_err_set(err, TRP_EINVAL, "dose %g must be more than 0 and at most 1000000",
                           e->value);
    if (!e->unit)
        return trp_err_set(err, TRP_EINVAL,
                           "a dose needs a unit: --unit mg, mcg, g, ml, IU, drop, puff, tablet, "
                           "capsule or patch");
    if (!in_list(e->unit, entry_med_units, entry_med_units_count))
        return trp_err_set(err, TRP_EINVAL,
                           "unit \"%.20s\" is not one of mg, mcg, g, ml, IU, drop, puff, tablet, "
                           "capsule, patch",
                           e->unit);
    return 0;
}

static int validate_pgic(const struct entry *e, struct trp_err *err)
{
    if (!isfinite(e->value) || e->value != floor(e->value) || e->value < 1 || e->value > 7)
        return trp_err_set(err, TRP_EINVAL,
                           "PGIC %g is not a whole number 1-7 (1 very much improved, 4 no "
                           "change, 7 very much worse)",
                           e->value);
    return 0;
}

static int validate_psfs(const struct entry *e, struct trp_err *err)
{
    int rc = check_name("PSFS activity", e->name, err);
    if (!rc)
        rc = check_0_10("PSFS rating", e->value, err);
    return rc;
}

int entry_validate(const struct entry *e, struct trp_err *err)
{
    if (e->at.utc < TRP_TIME_MIN || e->at.utc > TRP_TIME_MAX)
        return trp_err_set(err, TRP_EINVAL, "time is outside the years 1900-2199");
    if (e->at.offset_min < -14 * 60 || e->at.offset_min > 14 * 60)
        return trp_err_set(err, TRP_EINVAL, "UTC offset is outside -14:00..+14:00");
    int rc = check_text("note", e->note, err);
    if (rc)
        return rc;
    if (e->kind != ENTRY_PAIN && (e->n_regions || e->n_qualities || e->flare))
        return trp_err_set(err, TRP_EINVAL, "regions, qualities and flare belong to pain entries");
    if (e->kind != ENTRY_MEDICATION && e->unit)
        return trp_err_set(err, TRP_EINVAL, "a unit belongs to medication entries");
    switch (e->kind) {
    case ENTRY_PAIN:
        return validate_pain(e, err);
    case ENTRY_TASK:
        return validate_task(e, err);
    case ENTRY_FACTOR:
        return validate_factor(e, err);
    case ENTRY_TREATMENT:
        return validate_treatment(e, err);
    case ENTRY_NOTE:
        if (!e->note || !e->note[0])
            return trp_err_set(err, TRP_EINVAL, "note text is empty");
        return 0;
    case ENTRY_MEDICATION:
        return validate_medication(e, err);
    case ENTRY_PGIC:
        return validate_pgic(e, err);
    case ENTRY_PSFS:
        return validate_psfs(e, err);
    default:
        return trp_err_set(err, TRP_EINVAL, "unknown entry kind");
    }
}

int entry_validate_new(const struct entry *e, const struct entry_clock *clock,
                       struct trp_err *err)
{
    int rc = entry_validate(e, err);
    if (rc || clock->allow_future || e->at.utc <= clock->now + ENTRY_FUTURE_SLACK)
        return rc;
    char when[TRP_TIME_BUF];
    trp_time_format(&e->at, when);
    return trp_err_set(err, TRP_EINVAL,
                       "time %s is more than a day ahead; check the date, or give --future "
                       "for a planned entry",
                       when);
}

int entry_add_region(struct arena *a, struct entry *e, const char *phrase, int intensity,
                     struct trp_err *err)
{
    struct region_match m;
    int rc = region_resolve(phrase, &m, err);
    if (rc)
        return rc;
    if (m.unsided && !strchr(phrase, '.'))
        return trp_err_set(err, TRP_EINVAL,
                           "region \"%.60s\" is on both sides of the body: say left, right or "
                           "both (\"left %.60s\")",
                           phrase, phrase);
    if (e->n_regions + m.count > 200)
        return trp_err_set(err, TRP_EINVAL, "too many regions (more than 200)");
    struct entry_region *grown = arena_zalloc(a, e->n_regions + m.count, sizeof *grown);
    if (e->n_regions)
        memcpy(grown, e->regions, e->n_regions * sizeof *grown);
    for (size_t i = 0; i < m.count; i++) {
        grown[e->n_regions + i].region = m.regions[i]->id;
        grown[e->n_regions + i].intensity = intensity;
    }
    e->regions = grown;
    e->n_regions += m.count;
    return 0;
}
