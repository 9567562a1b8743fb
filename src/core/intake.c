/*
 * intake.h: the questions, parsing of answers and the red-flag rules.
 */
#include "core/intake.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/entry.h"
#include "core/region.h"

/* Sources, cited beside each question and flag. */
#define SRC_SPINE "Finucane et al., J Orthop Sports Phys Ther 2020;50(7):350-372 (IFOMPT spinal red flags)"
#define SRC_NECK "Rushton et al., J Orthop Sports Phys Ther 2023;53(1):7-22 (IFOMPT cervical framework)"
#define SRC_HEAD "Do et al., Neurology 2019;92(3):134-144 (SNOOP10 headache red flags)"
#define SRC_CHEST "NICE CG95, Recent-onset chest pain of suspected cardiac origin"
#define SRC_CLOT "NICE NG158, Venous thromboembolic diseases: diagnosis and management (2020)"
#define SRC_MASSAGE "Batavia, J Bodyw Mov Ther 2004;8:48-57 (contraindications for massage)"
#define SRC_PERP "Gerwin, Acupunct Med 2005;23:121-134 (perpetuating factors)"

const struct intake_question intake_questions[] = {
    /* Urgent: emergency services or a same-day doctor. */
    {"cardiac", INTAKE_URGENT, INTAKE_YESNO,
     "Chest, jaw or arm pain together with breathlessness, sweating or feeling sick?", SRC_CHEST},
    {"exertional_chest_pain", INTAKE_URGENT, INTAKE_YESNO,
     "Chest pain or tightness that comes on with effort (walking, stairs) and eases with rest?",
     SRC_CHEST},
    {"bladder_bowel", INTAKE_URGENT, INTAKE_YESNO,
     "Any new trouble controlling your bladder or bowels, or numbness around the genitals, "
     "buttocks or inner thighs (the 'saddle' area)?", SRC_SPINE},
    {"sexual_dysfunction", INTAKE_URGENT, INTAKE_YESNO,
     "Together with back pain: new loss of sexual function or feeling (for example erection or "
     "sensation)?", SRC_SPINE},
    {"both_legs", INTAKE_URGENT, INTAKE_YESNO,
     "Together with back pain: new pain, numbness or weakness going down both legs?", SRC_SPINE},
    {"neck_neuro", INTAKE_URGENT, INTAKE_YESNO,
     "Together with neck pain: dizziness, double vision, slurred speech, trouble swallowing, "
     "or sudden falls?", SRC_NECK},
    {"sudden_neck_pain", INTAKE_URGENT, INTAKE_YESNO,
     "Neck pain or headache that came on suddenly and feels new and unlike any you have had "
     "before?", SRC_NECK},
    {"thunderclap_headache", INTAKE_URGENT, INTAKE_YESNO,
     "A sudden, severe headache that reached its worst within about a minute (the worst "
     "headache of your life)?", SRC_HEAD},
    {"jaw_claudication", INTAKE_URGENT, INTAKE_YESNO,
     "Pain or tiredness in the jaw when chewing that eases when you stop?", SRC_HEAD},
    {"scalp_tenderness", INTAKE_URGENT, INTAKE_YESNO,
     "A new tender scalp or temple (sore to touch, for example when brushing your hair)?",
     SRC_HEAD},
    {"vision_change", INTAKE_URGENT, INTAKE_YESNO,
     "New problems with your sight: blurring, double vision or loss of sight in one eye?",
     SRC_HEAD},
    {"fever_neck_stiffness", INTAKE_URGENT, INTAKE_YESNO,
     "Fever together with a stiff neck (it hurts to bend your chin to your chest) or a "
     "headache?", SRC_HEAD},
    {"calf_swelling", INTAKE_URGENT, INTAKE_YESNO,
     "A painful calf that is also swollen, warm or red?", SRC_CLOT},
    {"breathless_calf", INTAKE_URGENT, INTAKE_YESNO,
     "Calf or leg pain together with new breathlessness, chest pain on breathing in, or "
     "coughing blood?", SRC_CLOT},
    /* Red flags: a doctor's check before self-treatment. */
    {"age", INTAKE_RED_FLAG, INTAKE_AGE, "How old are you (years)?", SRC_SPINE},
    {"new_pain", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Did this pain first start within the last three months?", SRC_SPINE},
    {"new_headache", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Have you started having headaches, or a new kind of headache, in the last few months?",
     SRC_HEAD},
    {"headache_cough_lying", INTAKE_RED_FLAG, INTAKE_YESNO,
     "A headache that gets worse when you cough, strain or sneeze, or when you lie down?",
     SRC_HEAD},
    {"progressive_weakness", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Is weakness, numbness or pins and needles in an arm or leg getting worse?", SRC_SPINE},
    {"myelopathy", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Have your hands become clumsy (buttons, writing) or your walking unsteady?", SRC_NECK},
    {"fever_weight_loss", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Do you have a fever, or have you lost weight without trying?", SRC_SPINE},
    {"cancer_history", INTAKE_RED_FLAG, INTAKE_YESNO, "Have you ever had cancer?", SRC_SPINE},
    {"night_pain", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Is there pain at night that does not ease whatever position you lie in?", SRC_SPINE},
    {"infection_risk", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Is your immune system weakened (for example chemotherapy, transplant or other "
     "immune-suppressing drugs, HIV), or do you inject drugs?", SRC_SPINE},
    {"trauma", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Did the pain start after a fall, accident or other hard knock?", SRC_SPINE},
    {"osteoporosis", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Have you been told you have osteoporosis (thin, fragile bones)?", SRC_SPINE},
    {"long_term_steroids", INTAKE_RED_FLAG, INTAKE_YESNO,
     "Have you taken steroid tablets (for example prednisolone) for more than three months?",
     SRC_SPINE},
    /* Precautions: narrow what is offered. */
    {"anticoagulants", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Do you take blood thinners (for example warfarin, apixaban, rivaroxaban, heparin, "
     "clopidogrel, or daily aspirin)?", SRC_MASSAGE},
    {"bleeding_disorder", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Do you have a bleeding disorder (for example haemophilia) or a low platelet count, or "
     "do you bruise very easily?", SRC_MASSAGE},
    {"dvt_history", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Have you ever had a blood clot in a vein (DVT) or an inflamed vein (phlebitis)?",
     SRC_CLOT},
    {"varicose_veins", INTAKE_PRECAUTION, INTAKE_REGIONS,
     "Do you have varicose veins? Say where (for example \"left calf\"), or no.", SRC_MASSAGE},
    {"pregnancy", INTAKE_PRECAUTION, INTAKE_YESNO, "Are you pregnant?", SRC_MASSAGE},
    {"recent_birth", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Have you given birth in the last six weeks?", SRC_CLOT},
    {"neuropathy", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Is feeling reduced anywhere you might press (numb skin, for example from diabetes or "
     "nerve damage)?", SRC_MASSAGE},
    {"active_cancer", INTAKE_PRECAUTION, INTAKE_YESNO,
     "Do you have cancer now, or are you being treated for it?", SRC_MASSAGE},
    {"recent_injury", INTAKE_PRECAUTION, INTAKE_REGIONS,
     "An injury or operation in the last three months? Say where, or no.", SRC_MASSAGE},
    {"skin_problems", INTAKE_PRECAUTION, INTAKE_REGIONS,
     "Broken skin, a rash, an infection or a burn where you might press? Say where, or no.",
     SRC_MASSAGE},
    /* Perpetuating factors. */
    {"workstation", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Do you spend long stretches at a desk, screen or steering wheel, or does your "
     "workstation feel awkward?", SRC_PERP},
    {"poor_sleep", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Do you usually sleep badly, or less than six hours?", SRC_PERP},
    {"stress_mood", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Is your stress high or your mood low on most days?", SRC_PERP},
    {"metabolic", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Have you been told of a thyroid problem, low iron, or low vitamin D or B12?", SRC_PERP},
    {"structural", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Have you been told that one leg is shorter, or of a scoliosis or a similar difference "
     "in build?", SRC_PERP},
    {"inactivity", INTAKE_PERPETUATING, INTAKE_YESNO,
     "Do you sit most of the day, or get little exercise?", SRC_PERP},
};
const size_t intake_questions_count = sizeof intake_questions / sizeof intake_questions[0];

_Static_assert(sizeof intake_questions / sizeof intake_questions[0] <= INTAKE_MAX_QUESTIONS,
               "struct intake holds at most INTAKE_MAX_QUESTIONS answers");

const char *intake_kind_name(enum intake_qtype t)
{
    return t == INTAKE_YESNO ? "yes-no" : t == INTAKE_AGE ? "number" : "regions";
}

const char *intake_group_name(enum intake_section s)
{
    static const char *const names[] = {
        [INTAKE_URGENT] = "urgent",
        [INTAKE_RED_FLAG] = "red-flag",
        [INTAKE_PRECAUTION] = "precaution",
        [INTAKE_PERPETUATING] = "perpetuating",
    };
    return names[s];
}

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

const struct intake_answer *intake_find(const struct intake *in, const char *id)
{
    int i = question_index(id);
    return i < 0 ? NULL : &in->a[i];
}

int intake_question_exists(const char *id)
{
    return question_index(id) >= 0;
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

static int from_json(const json_t *obj, int stored, struct intake *out, struct trp_err *err)
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
        if (!val && stored) {
            if (!out->missing)
                out->missing = q->id;
            continue;
        }
        if (!val)
            return trp_err_set(err, TRP_EINVAL,
                               "question \"%s\" is not answered (see 'trp intake --questions')",
                               q->id);
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
    return 0;
}

int intake_from_json(const json_t *obj, struct arena *a, struct intake *out, struct trp_err *err)
{
    (void)a;
    return from_json(obj, 0, out, err);
}

int intake_from_json_stored(const json_t *obj, struct arena *a, struct intake *out,
                            struct trp_err *err)
{
    (void)a;
    return from_json(obj, 1, out, err);
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

#define SEE_EMERGENCY "emergency services (112, 999 or 911) now"
#define SEE_EMERGENCY_DEPT "an emergency department now"
#define SEE_SAME_DAY "a doctor today"
#define SEE_SOON "your doctor within a few days, before treating yourself"

size_t intake_red_flags(const struct intake *in, struct intake_flag *f)
{
    size_t n = 0;
    /* Urgent flags first, emergencies before same-day care; their advice says what to do now
     * and never carries reassurance. */
#define FLAG(ID, WHAT, ADVICE, SEE, SRC, URGENT, EMERGENCY) \
    f[n++] = (struct intake_flag){ID, WHAT, ADVICE, SEE, SRC, URGENT, EMERGENCY}
    if (yes(in, "cardiac"))
        FLAG("cardiac", "chest, jaw or arm pain with breathlessness, sweating or nausea",
             "This can be a heart attack. If it is happening now or happened in the last 12 "
             "hours, call emergency services now; if it has stopped, see a doctor today. Do not "
             "treat it yourself.",
             SEE_EMERGENCY, SRC_CHEST, 1, 1);
    if (yes(in, "bladder_bowel") || yes(in, "sexual_dysfunction") || yes(in, "both_legs"))
        FLAG("cauda_equina",
             "new bladder or bowel trouble, saddle numbness, loss of sexual function or pain "
             "down both legs",
             "This can mean pressure on the nerves at the base of the spine (cauda equina), "
             "which needs a scan and can need surgery within hours. Go to an emergency "
             "department now.",
             SEE_EMERGENCY_DEPT, SRC_SPINE, 1, 1);
    if (yes(in, "neck_neuro") || yes(in, "sudden_neck_pain"))
        FLAG("neck_vascular",
             "dizziness, double vision, slurred speech, swallowing trouble or falls with neck "
             "pain, or new sudden neck pain or headache",
             "This can be a problem with an artery in the neck (for example a tear). Call "
             "emergency services now if it is happening now or came on in the last days; no one "
             "should press on or manipulate your neck until a doctor has examined you.",
             SEE_EMERGENCY, SRC_NECK, 1, 1);
    if (yes(in, "thunderclap_headache"))
        FLAG("thunderclap", "a sudden severe headache that peaked within a minute",
             "This can be bleeding around the brain. Call emergency services now.",
             SEE_EMERGENCY, SRC_HEAD, 1, 1);
    if (yes(in, "fever_neck_stiffness"))
        FLAG("meningitis", "fever with a stiff neck or headache",
             "This can be meningitis. Call emergency services now.", SEE_EMERGENCY, SRC_HEAD, 1, 1);
    if (yes(in, "breathless_calf"))
        FLAG("pulmonary_embolism", "leg or calf pain with breathlessness, chest pain or coughing blood",
             "This can be a clot that has travelled to the lungs. Call emergency services now.",
             SEE_EMERGENCY, SRC_CLOT, 1, 1);
    if (yes(in, "vision_change"))
        FLAG("giant_cell_arteritis", "new problems with your sight",
             "With headache, jaw pain on chewing or a tender scalp this can be giant cell "
             "arteritis, which can take the sight within days. Go to an emergency department "
             "now.",
             SEE_EMERGENCY_DEPT, SRC_HEAD, 1, 1);
    else if (yes(in, "jaw_claudication") || yes(in, "scalp_tenderness"))
        FLAG("giant_cell_arteritis", "jaw pain on chewing or a tender scalp or temple",
             "This can be giant cell arteritis, an inflamed artery that can take the sight. See "
             "a doctor today and ask for a blood test; go to an emergency department now if "
             "your sight changes.",
             SEE_SAME_DAY, SRC_HEAD, 1, 0);
    if (yes(in, "exertional_chest_pain"))
        FLAG("angina", "chest pain on effort that eases with rest",
             "This can be angina (the heart not getting enough blood). See a doctor today; call "
             "emergency services now if the pain comes at rest or lasts more than 15 minutes.",
             SEE_SAME_DAY, SRC_CHEST, 1, 0);
    if (yes(in, "calf_swelling"))
        FLAG("dvt", "a painful calf that is swollen, warm or red",
             "This can be a blood clot (DVT). See a doctor today, within 4 hours if you can, "
             "and do not massage, press or stretch the leg.",
             SEE_SAME_DAY, SRC_CLOT, 1, 0);
    if (yes(in, "new_headache") && (yes(in, "pregnancy") || yes(in, "recent_birth")))
        FLAG("pregnancy_headache", "a new headache during pregnancy or just after giving birth",
             "This needs checking the same day (for example for high blood pressure). Call your "
             "midwife or doctor today.",
             "your midwife or a doctor today", SRC_HEAD, 1, 0);
    if (yes(in, "fever_weight_loss") && yes(in, "infection_risk"))
        FLAG("infection", "fever with a weakened immune system or injected drugs",
             "This can be an infection of the spine or elsewhere. See a doctor today.",
             SEE_SAME_DAY, SRC_SPINE, 1, 0);
    /* Red flags: a doctor's check before self-treatment. */
    if (yes(in, "progressive_weakness"))
        FLAG("neuro_deficit", "weakness or numbness that is getting worse",
             "Worsening nerve symptoms need a doctor's examination within days, before "
             "self-treatment; sooner if they spread or worsen quickly.",
             SEE_SOON, SRC_SPINE, 0, 0);
    if (yes(in, "myelopathy"))
        FLAG("myelopathy", "clumsy hands or unsteady walking",
             "This can come from pressure on the spinal cord in the neck. See a doctor within "
             "days, and leave your neck alone until then.",
             SEE_SOON, SRC_NECK, 0, 0);
    const struct intake_answer *age = intake_get(in, "age");
    if (yes(in, "new_headache") && age->age > 50)
        FLAG("headache_over_50", "a new headache after the age of 50",
             "A new headache after 50 needs a doctor's check within days (for example for "
             "giant cell arteritis); the same day if chewing hurts, the scalp is tender or "
             "sight changes.",
             SEE_SOON, SRC_HEAD, 0, 0);
    if (yes(in, "headache_cough_lying"))
        FLAG("headache_pressure", "a headache worse on coughing, straining or lying down",
             "A headache that changes with pressure inside the head needs a doctor's check "
             "within days.",
             SEE_SOON, SRC_HEAD, 0, 0);
    if (yes(in, "fever_weight_loss") || yes(in, "cancer_history") || yes(in, "night_pain")) {
        FLAG("systemic",
             "fever, unexplained weight loss, a history of cancer, or night pain that does not ease",
             "Pain with these can have causes other than muscles (for example cancer or "
             "infection). Ask your doctor to check before starting self-treatment.",
             SEE_SOON, SRC_SPINE, 0, 0);
    }
    if (yes(in, "infection_risk") && !yes(in, "fever_weight_loss"))
        FLAG("infection_risk", "a weakened immune system or injected drugs",
             "Infections of the spine and muscles are more likely: ask your doctor before "
             "self-treatment, and the same day if you get a fever.",
             SEE_SOON, SRC_SPINE, 0, 0);
    if (yes(in, "trauma") || yes(in, "osteoporosis") || yes(in, "long_term_steroids"))
        FLAG("fracture_risk", "pain after a fall or knock, osteoporosis, or long-term steroids",
             "A doctor should rule out a fracture first; with fragile bones use light pressure "
             "only.",
             SEE_SOON, SRC_SPINE, 0, 0);
    if (yes(in, "new_pain") && (age->age < 18 || age->age > 50))
        FLAG("age_new_pain", "new pain under 18 or over 50",
             "New pain at this age is worth a doctor's check before you rely on self-treatment.",
             SEE_SOON, SRC_SPINE, 0, 0);
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
