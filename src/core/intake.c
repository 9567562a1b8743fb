/*
 * intake.h: the questions, parsing of answers and the red-flag rules.
 */
#include "core/intake.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/entry.h"
#include "core/region.h"

const struct intake_question intake_questions[] = {
    {"age", INTAKE_ABOUT_YOU, INTAKE_AGE, "How old are you (years)?"},
    {"new_pain", INTAKE_ABOUT_YOU, INTAKE_YESNO,
     "Did this pain first start within the last three months?"},
    {"bladder_bowel", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Any new trouble controlling your bladder or bowels, or numbness around the genitals, "
     "buttocks or inner thighs (the 'saddle' area)?"},
    {"progressive_weakness", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Is weakness, numbness or pins and needles in an arm or leg getting worse?"},
    {"fever_weight_loss", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Do you have a fever, or have you lost weight without trying?"},
    {"cancer_history", INTAKE_RED_FLAG, INTAKE_YESNO, "Have you ever had cancer?"},
    {"night_pain", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Is there pain at night that does not ease whatever position you lie in?"},
    {"trauma", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Did the pain start after a fall, accident or other hard knock?"},
    {"osteoporosis", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Have you been told you have osteoporosis (thin, fragile bones)?"},
    {"neck_neuro", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Together with neck pain: dizziness, double vision, slurred speech, trouble swallowing, "
     "or sudden falls?"},
    {"cardiac", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Chest, jaw or arm pain together with breathlessness, sweating or feeling sick?"},
    {"calf_swelling", INTAKE_RED_FLAG, INTAKE_YESNO,
     "A painful calf that is also swollen, warm or red?"},
    {"anticoagulants", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Do you take blood thinners (for example warfarin, apixaban, rivaroxaban, heparin, "
     "clopidogrel, or daily aspirin)?"},
    {"dvt_history", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Have you ever had a blood clot in a vein (DVT) or an inflamed vein (phlebitis)?"},
    {"varicose_veins", INTAKE_PRECAUTION, INTAKE_REGIONS,
     "Do you have varicose veins? Say where (for example \"left calf\"), or no."},
    {"pregnancy", INTAKE_PRECAUTION, INTAKE_YESNO, "Are you pregnant?"},
    {"recent_injury", INTAKE_PRECAUTION, INTAKE_REGIONS,
     "An injury or operation in the last three months? Say where, or no."},
    {"skin_problems", INTAKE_PRECAUTION, INTAKE_REGIONS,
     "Broken skin, a rash, an infection or a burn where you might press? Say where, or no."},
    {"workstation", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Do you spend long stretches at a desk, screen or steering wheel, or does your "
     "workstation feel awkward?"},
    {"poor_sleep", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Do you usually sleep badly, or less than six hours?"},
    {"stress_mood", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Is your stress high or your mood low on most days?"},
    {"metabolic", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Have you been told of a thyroid problem, low iron, or low vitamin D or B12?"},
    {"structural", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Have you been told that one leg is shorter, or of a scoliosis or a similar difference "
     "in build?"},
    {"inactivity", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Do you sit most of the day, or get little exercise?"},
};
const size_t intake_questions_count = sizeof intake_questions / sizeof intake_questions[0];

_Static_assert(sizeof intake_questions / sizeof intake_questions[0] <= 32,
               "struct intake holds at most 32 answers");

static int question_index(const char *id)
{
    for (size_t i = 0; i < intake_questions_count; i++)
        if (strcmp(intake_questions[i].id, id) == 0)
            return (int)i;
    return -1;
}

const struct intake_answer *intake_get(const struct intake *in, const char *id)
{
    int i = question_index(id);
    if (i < 0)
        BUG("unknown intake question");
    return &in->a[i];
}

static int parse_yes_no(const char *text, int *out)
{
    static const char *const yes[] = {"y", "yes", "true", "1"};
    static const char *const no[] = {"n", "no", "false", "0", "none"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (strcasecmp(text, yes[i]) == 0)
            return *out = 1, 0;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (strcasecmp(text, no[i]) == 0)
            return *out = 0, 0;
    return -1;
}

/* Adds the regions a phrase names to out, refusing duplicates and overflow. */
static int add_regions(const char *phrase, struct intake_answer *out, struct trp_err *err)
{
    struct region_match m;
    int rc = region_resolve(phrase, &m, err);
    if (rc)
        return rc;
    if (m.unsided)
        return trp_err_set(err, TRP_EINVAL,
                           "\"%.60s\" is on both sides of the body: say left, right or both",
                           phrase);
    for (size_t i = 0; i < m.count; i++) {
        if (out->n_regions >= INTAKE_MAX_REGIONS)
            return trp_err_set(err, TRP_EINVAL, "name at most %d places", INTAKE_MAX_REGIONS);
        out->regions[out->n_regions++] = m.regions[i]->id;
    }
    return 0;
}

int intake_parse_answer(const struct intake_question *q, const char *text, struct arena *a,
                        struct intake_answer *out, struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    while (text && isspace((unsigned char)*text))
        text++;
    if (!text || !*text)
        return trp_err_set(err, TRP_EINVAL, "%s: please answer", q->id);
    char *copy = arena_strdup(a, text);
    size_t len = strlen(copy);
    while (len && isspace((unsigned char)copy[len - 1]))
        copy[--len] = '\0';
    switch (q->type) {
    case INTAKE_YESNO:
        if (parse_yes_no(copy, &out->yes))
            return trp_err_set(err, TRP_EINVAL, "%s: answer yes or no, not \"%.40s\"", q->id, copy);
        return 0;
    case INTAKE_AGE: {
        char *end;
        long v = strtol(copy, &end, 10);
        if (*end || end == copy || v < 1 || v > 120)
            return trp_err_set(err, TRP_EINVAL, "%s: give your age in whole years (1-120), not \"%.40s\"",
                               q->id, copy);
        out->age = (int)v;
        return 0;
    }
    case INTAKE_REGIONS: {
        int no;
        if (parse_yes_no(copy, &no) == 0 && no == 0)
            return 0;
        if (parse_yes_no(copy, &no) == 0)
            return trp_err_set(err, TRP_EINVAL, "%s: say where (for example \"left calf\"), or no",
                               q->id);
        char *save = NULL;
        for (char *part = strtok_r(copy, ",;", &save); part; part = strtok_r(NULL, ",;", &save)) {
            while (isspace((unsigned char)*part))
                part++;
            if (!*part)
                continue;
            int rc = add_regions(part, out, err);
            if (rc)
                return trp_err_prefix(err, "%s: ", q->id);
        }
        return 0;
    }
    }
    BUG("unknown question type");
}

int intake_from_json(const json_t *obj, struct arena *a, struct intake *out, struct trp_err *err)
{
    memset(out, 0, sizeof *out);
    if (!json_is_object(obj))
        return trp_err_set(err, TRP_EINVAL, "the answers must be one JSON object");
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (question_index(key) < 0)
            return trp_err_set(err, TRP_EINVAL, "unknown question \"%.40s\"", key);
    }
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        json_t *val = json_object_get(obj, q->id);
        if (!val)
            return trp_err_set(err, TRP_EINVAL, "question \"%s\" is not answered", q->id);
        struct intake_answer *ans = &out->a[i];
        int rc;
        switch (q->type) {
        case INTAKE_YESNO:
            if (!json_is_boolean(val))
                return trp_err_set(err, TRP_EINVAL, "%s: answer true or false", q->id);
            ans->yes = json_is_true(val);
            break;
        case INTAKE_AGE:
            if (!json_is_integer(val) || json_integer_value(val) < 1 || json_integer_value(val) > 120)
                return trp_err_set(err, TRP_EINVAL, "%s: give a whole number of years 1-120", q->id);
            ans->age = (int)json_integer_value(val);
            break;
        case INTAKE_REGIONS: {
            if (!json_is_array(val))
                return trp_err_set(err, TRP_EINVAL, "%s: give a list of places ([] for none)", q->id);
            size_t k;
            json_t *item;
            json_array_foreach(val, k, item) {
                if (!json_is_string(item))
                    return trp_err_set(err, TRP_EINVAL, "%s: each place must be a string", q->id);
                if ((rc = add_regions(json_string_value(item), ans, err)))
                    return trp_err_prefix(err, "%s: ", q->id);
            }
            break;
        }
        }
    }
    (void)a;
    return 0;
}

json_t *intake_to_json(const struct intake *in)
{
    json_t *o = json_object();
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        const struct intake_answer *ans = &in->a[i];
        switch (q->type) {
        case INTAKE_YESNO:
            json_object_set_new(o, q->id, json_boolean(ans->yes));
            break;
        case INTAKE_AGE:
            json_object_set_new(o, q->id, json_integer(ans->age));
            break;
        case INTAKE_REGIONS: {
            json_t *arr = json_array();
            for (size_t k = 0; k < ans->n_regions; k++)
                json_array_append_new(arr, json_string(ans->regions[k]));
            json_object_set_new(o, q->id, arr);
            break;
        }
        }
    }
    return o;
}

static int yes(const struct intake *in, const char *id)
{
    return intake_get(in, id)->yes;
}

size_t intake_red_flags(const struct intake *in, struct intake_flag *f)
{
    size_t n = 0;
#define FLAG(ID, WHAT, ADVICE, URGENT) \
    f[n++] = (struct intake_flag){ID, WHAT, ADVICE, URGENT}
    if (yes(in, "cardiac"))
        FLAG("cardiac", "chest, jaw or arm pain with breathlessness, sweating or nausea",
             "This can be a heart problem. If it is happening now or came on recently, call "
             "emergency services; otherwise see a doctor today. Do not treat it yourself.",
             1);
    if (yes(in, "bladder_bowel"))
        FLAG("cauda_equina", "new bladder or bowel trouble or saddle numbness",
             "This can mean pressure on the nerves at the base of the spine. Go to an "
             "emergency department today.",
             1);
    if (yes(in, "neck_neuro"))
        FLAG("neck_vascular", "dizziness, double vision, slurred speech, swallowing trouble or falls with neck pain",
             "These need a doctor's assessment before anyone works on your neck; if they came "
             "on suddenly, call emergency services.",
             1);
    if (yes(in, "calf_swelling"))
        FLAG("dvt", "a painful calf that is swollen, warm or red",
             "This can be a blood clot (DVT). See a doctor today and do not massage the leg.", 1);
    if (yes(in, "progressive_weakness"))
        FLAG("neuro_deficit", "weakness or numbness that is getting worse",
             "Worsening nerve symptoms need a doctor's examination soon, before self-treatment.", 0);
    if (yes(in, "fever_weight_loss") || yes(in, "cancer_history") || yes(in, "night_pain")) {
        FLAG("systemic",
             "fever, unexplained weight loss, a history of cancer, or night pain that does not ease",
             "Pain with these can have causes other than muscles. Ask your doctor to check before "
             "starting self-treatment.",
             0);
    }
    if (yes(in, "trauma") || yes(in, "osteoporosis"))
        FLAG("fracture_risk", "pain after a fall or knock, or osteoporosis",
             "A doctor should rule out a fracture first; with osteoporosis use light pressure only.",
             0);
    const struct intake_answer *age = intake_get(in, "age");
    if (yes(in, "new_pain") && (age->age < 18 || age->age > 50))
        FLAG("age_new_pain", "new pain under 18 or over 50",
             "New pain at this age is worth a doctor's check before you rely on self-treatment.", 0);
#undef FLAG
    return n;
}

size_t intake_perpetuating(const struct intake *in, const char **labels, size_t max)
{
    static const struct {
        const char *id, *label;
    } map[] = {
        {"workstation", "long desk, screen or driving time / awkward workstation"},
        {"poor_sleep", "poor or short sleep"},
        {"stress_mood", "high stress or low mood"},
        {"metabolic", "thyroid, iron, vitamin D or B12 problems"},
        {"structural", "leg-length or other structural difference"},
        {"inactivity", "long sitting or little exercise"},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof map / sizeof *map && n < max; i++)
        if (yes(in, map[i].id))
            labels[n++] = map[i].label;
    return n;
}
