/*
 * Unit tests for entry validation and the JSON mapping: each kind's rules, the messages
 * that name the field, region resolution with sides, and JSON round trips with strict
 * refusal of unknown keys and wrong types.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <math.h>

#include "base/arena.h"
#include "base/strbuf.h"
#include "core/entry.h"
#include "core/entry_json.h"

static void expect_invalid(const struct entry *e, const char *fragment)
{
    struct trp_err err = {0};
    assert_int_equal(entry_validate(e, &err), TRP_EINVAL);
    if (!strstr(err.msg, fragment))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, fragment);
}

static struct entry base_entry(enum entry_kind k)
{
    struct entry e;
    entry_init(&e, k);
    e.at.utc = 1772352000;
    e.at.offset_min = 60;
    return e;
}

static void test_pain_rules(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct entry e = base_entry(ENTRY_PAIN);
    e.value = 6;
    assert_int_equal(entry_validate(&e, NULL), 0);
    e.value = 11;
    expect_invalid(&e, "pain value 11 is outside 0-10");
    e.value = -0.5;
    expect_invalid(&e, "outside 0-10");
    e.value = 5;
    struct trp_err err = {0};
    assert_int_equal(entry_add_region(a, &e, "left temple", 7, &err), 0);
    assert_int_equal(e.n_regions, 1);
    assert_string_equal(e.regions[0].region, "temple.l");
    assert_int_equal(entry_add_region(a, &e, "both heels", ENTRY_UNSET, &err), 0);
    assert_int_equal(e.n_regions, 3);
    assert_int_equal(entry_validate(&e, NULL), 0);
    assert_int_equal(entry_add_region(a, &e, "temple", ENTRY_UNSET, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "both sides"));
    assert_int_equal(e.n_regions, 3);
    assert_int_equal(entry_add_region(a, &e, "left temple", ENTRY_UNSET, &err), 0);
    expect_invalid(&e, "given twice");
    e.n_regions = 1;
    e.regions[0].intensity = 12;
    expect_invalid(&e, "intensity 12");
    e.regions[0].intensity = 3;
    const char *q[] = {"aching", "burnig"};
    e.qualities = q;
    e.n_qualities = 2;
    expect_invalid(&e, "unknown pain quality \"burnig\"");
    e.n_qualities = 1;
    assert_int_equal(entry_validate(&e, NULL), 0);
    arena_free(a);
}

static void test_task_factor_note_rules(void **state)
{
    (void)state;
    struct entry t = base_entry(ENTRY_TASK);
    t.name = "computer work";
    t.minutes = 90;
    assert_int_equal(entry_validate(&t, NULL), 0);
    t.minutes = 0;
    expect_invalid(&t, "more than 0");
    t.minutes = 1441;
    expect_invalid(&t, "more than a day");
    t.minutes = 30;
    t.name = "";
    expect_invalid(&t, "task name is missing");
    t.name = " padded";
    expect_invalid(&t, "starts or ends with a space");
    t.name = "tab\there";
    expect_invalid(&t, "control character");
    t.name = "ok";
    t.effort = 11;
    expect_invalid(&t, "effort 11");

    struct entry f = base_entry(ENTRY_FACTOR);
    f.name = "sleep_hours";
    f.value = 7.5;
    assert_int_equal(entry_validate(&f, NULL), 0);
    f.value = 25;
    expect_invalid(&f, "sleep_hours value 25 is outside 0-24");
    f.name = "stress";
    f.value = 10.5;
    expect_invalid(&f, "outside 0-10");
    f.name = "my_custom_factor";
    f.value = 123;
    assert_int_equal(entry_validate(&f, NULL), 0);

    struct entry n = base_entry(ENTRY_NOTE);
    expect_invalid(&n, "note text is empty");
    n.note = "new pillow";
    assert_int_equal(entry_validate(&n, NULL), 0);
    n.flare = 1;
    expect_invalid(&n, "belong to pain entries");

    struct entry late = base_entry(ENTRY_NOTE);
    late.note = "x";
    late.at.utc = TRP_TIME_MAX + 1;
    expect_invalid(&late, "1900-2199");
}

static void test_treatment_rules(void **state)
{
    (void)state;
    struct entry e = base_entry(ENTRY_TREATMENT);
    e.treat.technique = "compression";
    e.treat.muscle = "upper-trapezius";
    e.treat.performer = "self";
    assert_int_equal(entry_validate(&e, NULL), 0);
    e.treat.technique = "acupuncture";
    expect_invalid(&e, "technique \"acupuncture\"");
    e.treat.technique = "friction";
    e.treat.side = "up";
    expect_invalid(&e, "side \"up\"");
    e.treat.side = "left";
    e.treat.passes = 0;
    expect_invalid(&e, "passes 0");
    e.treat.passes = 3;
    e.treat.pain_after = 11;
    expect_invalid(&e, "pain_after");
    e.treat.pain_after = 2;
    e.treat.pressure = 10.5;
    expect_invalid(&e, "pressure");
    e.treat.pressure = 6;
    e.treat.performer = "robot";
    expect_invalid(&e, "performer");
    e.treat.performer = "practitioner";
    assert_int_equal(entry_validate(&e, NULL), 0);
}

static void test_json_round_trip(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct entry e = base_entry(ENTRY_PAIN);
    e.value = 6.5;
    assert_int_equal(entry_add_region(a, &e, "right heel", 8, NULL), 0);
    const char *q[] = {"aching"};
    e.qualities = q;
    e.n_qualities = 1;
    e.note = "après le jardin \"quoted\"";
    e.flare = 1;
    char *text = entry_json_encode(&e);
    json_error_t jerr;
    json_t *obj = json_loads(text, 0, &jerr);
    assert_non_null(obj);
    struct entry back;
    struct trp_err err = {0};
    if (entry_from_json(obj, a, &back, &err))
        fail_msg("decode failed: %s", err.msg);
    char *again = entry_json_encode(&back);
    assert_string_equal(text, again);
    assert_string_equal(back.regions[0].region, "heel.r");
    assert_int_equal(back.regions[0].intensity, 8);
    free(text);
    free(again);
    json_decref(obj);
    arena_free(a);
}

static void expect_json_refused(const char *text, const char *fragment);

/* A rating dated next year is a typo; tomorrow morning is not; a plan says --future. */
static void test_future_times(void **state)
{
    (void)state;
    struct entry e = base_entry(ENTRY_PAIN);
    e.value = 5;
    struct entry_clock clock = {e.at.utc, 0};
    struct trp_err err = {0};
    e.at.utc = clock.now + 20 * 3600;
    assert_int_equal(entry_validate_new(&e, &clock, &err), 0);
    e.at.utc = clock.now + 24 * 3600 + 60;
    assert_int_equal(entry_validate_new(&e, &clock, &err), TRP_EINVAL);
    assert_non_null(strstr(err.msg, "more than a day ahead"));
    assert_int_equal(entry_validate(&e, &err), 0); /* stored entries are not re-judged */
    clock.allow_future = 1;
    assert_int_equal(entry_validate_new(&e, &clock, &err), 0);
    e.value = 11; /* the clock does not replace the other rules */
    assert_int_equal(entry_validate_new(&e, &clock, &err), TRP_EINVAL);
}

/* "deleted" and "revisions" survive JSON; the id is a hint; the content text leaves out id,
 * deletion and history. */
static void test_json_deleted_revisions_and_content(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    const char *text =
        "{\"id\":7,\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"note\",\"note\":\"now\","
        "\"deleted\":true,\"revisions\":[{\"revised_at\":\"2026-03-02T10:00:00+00:00\","
        "\"previous\":{\"id\":7,\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"note\","
        "\"note\":\"before\"}}]}";
    json_t *obj = json_loads(text, 0, NULL);
    struct entry e;
    struct trp_err err = {0};
    if (entry_from_json(obj, a, &e, &err))
        fail_msg("decode failed: %s", err.msg);
    assert_int_equal(e.id, 7);
    assert_true(e.deleted_at != 0);
    assert_non_null(e.revisions);
    assert_non_null(strstr(e.revisions, "\"note\":\"before\""));
    char *out = entry_json_encode(&e);
    assert_non_null(strstr(out, "\"deleted\":true"));
    assert_non_null(strstr(out, "\"revisions\":[{\"revised_at\":\"2026-03-02T10:00:00+00:00\""));
    char *content = entry_json_content(&e);
    assert_string_equal(content,
                        "{\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"note\",\"note\":\"now\"}");
    free(out);
    free(content);
    json_decref(obj);
    arena_free(a);
    expect_json_refused("{\"kind\":\"note\",\"time\":\"2026-03-01T08:00\",\"note\":\"x\","
                        "\"revisions\":[{\"revised_at\":\"2026-03-01T08:00\"}]}",
                        "revision 1 must be");
    expect_json_refused("{\"kind\":\"note\",\"time\":\"2026-03-01T08:00\",\"note\":\"x\","
                        "\"revisions\":[{\"revised_at\":\"2026-03-01T08:00\",\"previous\":"
                        "{\"kind\":\"pain\",\"time\":\"2026-03-01T08:00\",\"value\":12}}]}",
                        "revision 1: pain value 12");
    expect_json_refused("{\"kind\":\"note\",\"time\":\"2026-03-01T08:00\",\"note\":\"x\",\"id\":0}",
                        "\"id\" must be");
}

static void expect_json_refused(const char *text, const char *fragment)
{
    struct arena *a = arena_new();
    json_error_t jerr;
    json_t *obj = json_loads(text, 0, &jerr);
    assert_non_null(obj);
    struct entry e;
    struct trp_err err = {0};
    assert_int_equal(entry_from_json(obj, a, &e, &err), TRP_EINVAL);
    if (!strstr(err.msg, fragment))
        fail_msg("\"%s\": message \"%s\" lacks \"%s\"", text, err.msg, fragment);
    json_decref(obj);
    arena_free(a);
}

static void test_json_refusals(void **state)
{
    (void)state;
    expect_json_refused("{\"kind\":\"pain\",\"time\":\"2026-03-01T08:00\",\"value\":6,\"vlaue\":1}",
                        "unknown field \"vlaue\"");
    expect_json_refused("{\"kind\":\"pain\",\"time\":\"2026-03-01T08:00\"}", "\"value\" is missing");
    expect_json_refused("{\"kind\":\"pain\",\"value\":3}", "\"time\" is missing");
    expect_json_refused("{\"kind\":\"pain\",\"time\":\"now\",\"value\":3}", "ISO 8601");
    expect_json_refused("{\"kind\":\"pain\",\"time\":\"2026-03-01T08:00\",\"value\":\"6\"}",
                        "must be a number");
    expect_json_refused("{\"kind\":\"walk\",\"time\":\"2026-03-01T08:00\"}", "unknown kind");
    expect_json_refused("{\"time\":\"2026-03-01T08:00\"}", "\"kind\" is missing");
    expect_json_refused("{\"kind\":\"task\",\"time\":\"2026-03-01T08:00\",\"name\":\"x\",\"minutes\":1.5}",
                        "whole number");
    expect_json_refused("{\"kind\":\"pain\",\"time\":\"2026-03-01T08:00\",\"value\":3,\"regions\":[\"elbw\"]}",
                        "unknown body region");
    expect_json_refused("{\"kind\":\"treatment\",\"time\":\"2026-03-01T08:00\",\"treatment\":{\"muscle\":\"x\",\"technique\":\"compression\",\"pases\":2}}",
                        "treatment.pases");
    expect_json_refused("[1,2]", "JSON object");
}

/* A session's passes: "held 90 s, did not soften; softened after 3 s" survives JSON both
 * ways; a pass with a misspelt, missing, extra or mistyped field is refused; the count of
 * passes must agree with the passes listed. */
static void test_json_each_pass(void **state)
{
    (void)state;
    struct arena *a = arena_new();
    struct entry e = base_entry(ENTRY_TREATMENT);
    e.treat.technique = "compression";
    e.treat.muscle = "upper-trapezius";
    e.treat.performer = "self";
    e.treat.passes = 2;
    const struct entry_pass ps[2] = {{90, 0}, {3, 1}};
    e.treat.per_pass = ps;
    e.treat.n_per_pass = 2;
    char *text = entry_json_encode(&e);
    assert_non_null(strstr(text, "\"each_pass\":[{\"hold_seconds\":90,\"softened\":false},"
                                 "{\"hold_seconds\":3,\"softened\":true}]"));
    json_t *obj = json_loads(text, 0, NULL);
    struct entry back;
    struct trp_err err = {0};
    if (entry_from_json(obj, a, &back, &err))
        fail_msg("decode failed: %s", err.msg);
    assert_int_equal(back.treat.n_per_pass, 2);
    assert_int_equal(back.treat.per_pass[0].hold_seconds, 90);
    assert_int_equal(back.treat.per_pass[0].softened, 0);
    assert_int_equal(back.treat.per_pass[1].softened, 1);
    char *again = entry_json_encode(&back);
    assert_string_equal(text, again);
    /* Same entry, other passes: different content, so import does not take it as there. */
    char *c1 = entry_json_content(&e);
    struct entry_pass other[2] = {{60, 0}, {3, 1}};
    back.treat.per_pass = other;
    char *c2 = entry_json_content(&back);
    assert_string_not_equal(c1, c2);
    free(c1);
    free(c2);
    free(text);
    free(again);
    json_decref(obj);
    arena_free(a);
#define TREAT "{\"kind\":\"treatment\",\"time\":\"2026-03-01T08:00\",\"treatment\":{\"muscle\":\"x\"," \
              "\"technique\":\"compression\",\"passes\":1,\"each_pass\":"
    expect_json_refused(TREAT "[{\"hold\":90,\"softened\":false}]}}", "pass 1 must be");
    expect_json_refused(TREAT "[{\"hold_seconds\":90}]}}", "pass 1 must be");
    expect_json_refused(TREAT "[{\"hold_seconds\":90,\"softened\":false,\"x\":1}]}}", "pass 1 must be");
    expect_json_refused(TREAT "[{\"hold_seconds\":90,\"softened\":0}]}}", "true or false");
    expect_json_refused(TREAT "[{\"hold_seconds\":9.5,\"softened\":true}]}}", "whole number");
    expect_json_refused(TREAT "[{\"hold_seconds\":4000,\"softened\":true}]}}", "0-3600");
    expect_json_refused(TREAT "{\"hold_seconds\":90}}}", "must be an array");
    expect_json_refused(TREAT "[{\"hold_seconds\":90,\"softened\":true},"
                              "{\"hold_seconds\":9,\"softened\":true}]}}", "must agree");
#undef TREAT
}

/* Medication, PGIC and PSFS: what a person would get wrong, refused with the field named. */
static void test_medication_pgic_psfs_rules(void **state)
{
    (void)state;
    struct entry e = base_entry(ENTRY_MEDICATION);
    e.name = "ibuprofen";
    assert_int_equal(entry_validate(&e, NULL), 0); /* "took ibuprofen", no dose */
    e.value = 400;
    expect_invalid(&e, "a dose needs a unit");
    e.unit = "mgs";
    expect_invalid(&e, "unit \"mgs\"");
    e.unit = "mg";
    assert_int_equal(entry_validate(&e, NULL), 0);
    e.value = 0;
    expect_invalid(&e, "dose 0");
    e.value = -1;
    expect_invalid(&e, "without a dose");
    e.unit = NULL;
    e.name = NULL;
    expect_invalid(&e, "medication name is missing");

    struct entry p = base_entry(ENTRY_PGIC);
    for (int v = 1; v <= 7; v++) {
        p.value = v;
        assert_int_equal(entry_validate(&p, NULL), 0);
    }
    assert_string_equal(entry_pgic_label(1), "very much improved");
    assert_string_equal(entry_pgic_label(4), "no change");
    assert_string_equal(entry_pgic_label(7), "very much worse");
    p.value = 0;
    expect_invalid(&p, "1-7");
    p.value = 8;
    expect_invalid(&p, "1-7");
    p.value = 2.5;
    expect_invalid(&p, "whole number");
    p.unit = "mg";
    p.value = 2;
    expect_invalid(&p, "unit belongs to medication");

    struct entry f = base_entry(ENTRY_PSFS);
    f.name = "reaching overhead";
    f.value = 4.5;
    assert_int_equal(entry_validate(&f, NULL), 0);
    f.value = 11;
    expect_invalid(&f, "PSFS rating 11 is outside 0-10");
    f.value = 3;
    f.name = "";
    expect_invalid(&f, "PSFS activity name is missing");

    enum entry_kind k;
    assert_int_equal(entry_kind_parse("med", &k, NULL), 0);
    assert_int_equal(k, ENTRY_MEDICATION);
    assert_int_equal(entry_kind_parse("psfs", &k, NULL), 0);
    assert_int_equal(k, ENTRY_PSFS);
}

static void json_round_trip_text(const char *text)
{
    struct arena *a = arena_new();
    json_error_t jerr;
    json_t *obj = json_loads(text, 0, &jerr);
    assert_non_null(obj);
    struct entry back;
    struct trp_err err = {0};
    if (entry_from_json(obj, a, &back, &err))
        fail_msg("decode of %s failed: %s", text, err.msg);
    char *again = entry_json_encode(&back);
    assert_string_equal(text, again);
    free(again);
    json_decref(obj);
    arena_free(a);
}

static void test_json_new_kinds(void **state)
{
    (void)state;
    json_round_trip_text("{\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"medication\","
                         "\"name\":\"ibuprofen\",\"dose\":400,\"unit\":\"mg\"}");
    json_round_trip_text("{\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"medication\","
                         "\"name\":\"paracetamol\"}");
    json_round_trip_text("{\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"pgic\",\"value\":3}");
    json_round_trip_text("{\"time\":\"2026-03-01T08:00:00+01:00\",\"kind\":\"psfs\","
                         "\"name\":\"reaching overhead\",\"value\":4.5}");
    expect_json_refused("{\"kind\":\"medication\",\"time\":\"2026-03-01T08:00\",\"name\":\"x\","
                        "\"value\":400}",
                        "unknown field \"value\"");
    expect_json_refused("{\"kind\":\"medication\",\"time\":\"2026-03-01T08:00\",\"name\":\"x\","
                        "\"dose\":400}",
                        "needs a unit");
    expect_json_refused("{\"kind\":\"pgic\",\"time\":\"2026-03-01T08:00\"}", "\"value\" is missing");
    expect_json_refused("{\"kind\":\"psfs\",\"time\":\"2026-03-01T08:00\",\"value\":3}",
                        "activity name is missing");
}

/* Strings a diary can hold, and some it should not: quotes, backslashes, controls, DEL,
 * accents, CJK, an emoji (a surrogate pair in JSON), and byte sequences that are not UTF-8
 * (overlong, an encoded surrogate, above U+10FFFF, cut short). */
static const char *const odd_strings[] = {
    "plain", "", "say \"ow\"", "back\\slash", "tab\there", "line\nbreak\r\n", "\b\f\x01\x1f",
    "del\x7f", "caf\xc3\xa9 apr\xc3\xa8s", "\xe8\x82\xa9\xe3\x81\x93\xe3\x82\x8a", "\xf0\x9f\x98\xa3 flare",
    "a/b </script>", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "cut \xe2\x82", "\xff", "\xc2",
    "\xef\xbf\xbf\xf4\x8f\xbf\xbf", NULL,
};

static const char *pick_string(unsigned *seed)
{
    return odd_strings[(unsigned)rand_r(seed) % (sizeof odd_strings / sizeof odd_strings[0])];
}

static double pick_number(unsigned *seed)
{
    static const double numbers[] = {0, 6, 6.5, -1, 0.1, 7.25, 1e15, 1e20, 123456.789, 1e-7, -0.0, 10};
    if (rand_r(seed) % 8 == 0)
        return NAN;
    return numbers[(unsigned)rand_r(seed) % (sizeof numbers / sizeof numbers[0])];
}

/* entry_json_append must write exactly what jansson writes (trp list --json, the API and
 * exports all promise the same bytes): many random entries, every kind and odd field. */
static void test_json_append_matches_jansson(void **state)
{
    (void)state;
    unsigned seed = 14;
    struct entry_region regions[3];
    const char *qualities[3];
    for (int round = 0; round < 20000; round++) {
        struct entry e;
        entry_init(&e, (enum entry_kind)((unsigned)rand_r(&seed) % ENTRY_KIND_COUNT));
        e.id = rand_r(&seed) % 3 ? rand_r(&seed) : 0;
        e.at.utc = (int64_t)rand_r(&seed) * 17;
        e.at.offset_min = (rand_r(&seed) % 25 - 12) * 60;
        e.value = pick_number(&seed);
        e.name = pick_string(&seed);
        e.unit = pick_string(&seed);
        e.minutes = rand_r(&seed) % 300;
        e.effort = rand_r(&seed) % 2 ? ENTRY_UNSET : rand_r(&seed) % 11;
        e.posture = pick_string(&seed);
        e.note = pick_string(&seed);
        e.flare = rand_r(&seed) % 2;
        e.n_regions = (size_t)(rand_r(&seed) % 4);
        for (size_t i = 0; i < e.n_regions; i++) {
            regions[i].region = rand_r(&seed) % 4 ? "heel.r" : pick_string(&seed);
            regions[i].intensity = rand_r(&seed) % 2 ? ENTRY_UNSET : rand_r(&seed) % 11;
        }
        e.regions = regions;
        e.n_qualities = (size_t)(rand_r(&seed) % 4);
        for (size_t i = 0; i < e.n_qualities; i++)
            qualities[i] = pick_string(&seed);
        e.qualities = qualities;
        e.treat.technique = pick_string(&seed);
        e.treat.muscle = pick_string(&seed);
        e.treat.side = pick_string(&seed);
        e.treat.hold_seconds = rand_r(&seed) % 2 ? ENTRY_UNSET : rand_r(&seed) % 120;
        e.treat.passes = rand_r(&seed) % 2 ? ENTRY_UNSET : rand_r(&seed) % 20;
        e.treat.released = rand_r(&seed) % 3 - 1 < 0 ? ENTRY_UNSET : rand_r(&seed) % 2;
        e.treat.pressure = rand_r(&seed) % 2 ? -1 : pick_number(&seed);
        e.treat.pain_before = rand_r(&seed) % 2 ? ENTRY_UNSET : rand_r(&seed) % 11;
        e.treat.pain_after = rand_r(&seed) % 2 ? ENTRY_UNSET : rand_r(&seed) % 11;
        e.treat.performer = pick_string(&seed);
        e.deleted_at = rand_r(&seed) % 4 ? 0 : 1;
        e.revisions = rand_r(&seed) % 10 ? NULL : "[{\"note\":\"caf\\u00e9\"}]";
        char *want = entry_json_encode(&e);
        struct strbuf sb;
        strbuf_init(&sb, STRBUF_DEFAULT_MAX);
        assert_int_equal(strbuf_adds(&sb, "[\n"), 0);
        assert_int_equal(entry_json_append(&e, &sb), 0);
        if (strcmp(strbuf_str(&sb) + 2, want) != 0)
            fail_msg("round %d:\n jansson %s\n append  %s", round, want, strbuf_str(&sb) + 2);
        strbuf_release(&sb);
        free(want);
    }
}

/* A full buffer refuses the entry and keeps what it held (the caller answers "too large"). */
static void test_json_append_full_buffer(void **state)
{
    (void)state;
    struct entry e = base_entry(ENTRY_PAIN);
    e.note = "caf\xc3\xa9 and a long note that does not fit in the buffer";
    struct strbuf sb;
    strbuf_init(&sb, 32);
    assert_int_equal(strbuf_adds(&sb, "[\n"), 0);
    assert_int_not_equal(entry_json_append(&e, &sb), 0);
    assert_string_equal(strbuf_str(&sb), "[\n");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pain_rules),
        cmocka_unit_test(test_task_factor_note_rules),
        cmocka_unit_test(test_treatment_rules),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_json_refusals),
        cmocka_unit_test(test_json_each_pass),
        cmocka_unit_test(test_medication_pgic_psfs_rules),
        cmocka_unit_test(test_json_new_kinds),
        cmocka_unit_test(test_future_times),
        cmocka_unit_test(test_json_deleted_revisions_and_content),
        cmocka_unit_test(test_json_append_matches_jansson),
        cmocka_unit_test(test_json_append_full_buffer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
