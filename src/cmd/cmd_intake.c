/*
 * `trp intake`: the safety questionnaire, asked in plain words on the terminal or read from
 * a JSON answers file. Answers are stored with their date (retaking adds a new record; the
 * latest counts). Urgent flags are shown first with what to do now, and lock guided
 * self-treatment until a clinician's clearance is recorded (--cleared-by); other red flags
 * lock it until the person acknowledges the advice (--acknowledge). --questions lists every
 * question with its group and source.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "app/intake.h"
#include "cmd/prompt.h"
#include "app/safety_gate.h"
#include "core/intake.h"
#include "core/region.h"
#include "store/store.h"

static const char *const section_title[] = {
    [INTAKE_URGENT] = "Urgent warning signs (answer yes if any part applies)",
    [INTAKE_RED_FLAG] = "About you and other warning signs (answer yes if any part applies)",
    [INTAKE_PRECAUTION] = "Precautions for pressure and friction",
    [INTAKE_PERPETUATING] = "Things that can keep trigger points active",
};

struct ask_state {
    const struct intake_question *q;
    struct arena *a;
    struct intake_answer *ans;
};

static int parse_one(const char *text, void *data, struct trp_err *err)
{
    struct ask_state *st = data;
    return intake_parse_answer(st->q, text, st->a, st->ans, err);
}

static int ask_all(struct cmd_ctx *ctx, struct intake *in)
{
    memset(in, 0, sizeof *in);
    int section = -1;
    fputs("trp intake: a few questions so that self-treatment stays safe. Answer y or n unless\n"
          "asked otherwise. Ctrl-D stops without saving.\n",
          ctx->out);
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        if ((int)q->section != section) {
            section = (int)q->section;
            fprintf(ctx->out, "\n%s\n", section_title[section]);
        }
        struct ask_state st = {q, ctx->arena, &in->a[i]};
        const char *hint = q->type == INTAKE_YESNO ? "y/n" : q->type == INTAKE_AGE ? "years" : "where, or no";
        int rc = prompt_until(ctx, q->prompt, hint, parse_one, &st);
        if (rc)
            return rc;
    }
    return 0;
}

/* Prints the flags and precautions of an intake. Urgent flags come first, with what to do
 * now and nothing reassuring next to them. */
static void print_summary(struct cmd_ctx *ctx, const struct intake *in, int acknowledged)
{
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(in, flags), nu = 0;
    for (size_t i = 0; i < nf; i++)
        nu += flags[i].urgent;
    if (nu) {
        fprintf(ctx->out, "\nURGENT (%zu). Act now:\n", nu);
        for (size_t i = 0; i < nf; i++)
            if (flags[i].urgent)
                fprintf(ctx->out, "  * %s:\n    %s\n    See: %s. (%s)\n", flags[i].what,
                        flags[i].advice, flags[i].see, flags[i].source);
        if (in->cleared_at) {
            struct trp_time t = trp_time_zoned(in->cleared_at);
            char when[TRP_TIME_BUF];
            fprintf(ctx->out, "  Cleared for self-treatment by %s on %s.\n",
                    in->cleared_by ? in->cleared_by : "a clinician", trp_time_format(&t, when));
        } else {
            fputs("  All self-treatment stays locked until a clinician has seen you and you\n"
                  "  record it with 'trp intake --cleared-by \"NAME\"'.\n",
                  ctx->out);
        }
    }
    if (nf > nu) {
        fprintf(ctx->out, "\nRED FLAGS (%zu). Please see a doctor before treating yourself:\n", nf - nu);
        for (size_t i = 0; i < nf; i++)
            if (!flags[i].urgent)
                fprintf(ctx->out, "  * %s:\n    %s\n    See: %s. (%s)\n", flags[i].what,
                        flags[i].advice, flags[i].see, flags[i].source);
        if (!nu)
            fputs("  A single sign can have a harmless cause, but only a clinician can tell.\n",
                  ctx->out);
        if (!acknowledged && !in->cleared_at && nu)
            fputs("  Acknowledge these with 'trp intake --acknowledge'; the urgent signs above\n"
                  "  still need a clinician's clearance.\n",
                  ctx->out);
        else if (!acknowledged && !in->cleared_at)
            fputs("  Guided self-treatment stays locked until you acknowledge this with\n"
                  "  'trp intake --acknowledge'.\n",
                  ctx->out);
    }
    if (!nf)
        fputs("\nNo red flags reported.\n", ctx->out);
    int any = 0;
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        const struct intake_answer *a = &in->a[i];
        if (q->section != INTAKE_PRECAUTION)
            continue;
        if ((q->type == INTAKE_YESNO && a->yes) || (q->type == INTAKE_REGIONS && a->n_regions)) {
            if (!any++)
                fputs("Precautions that will narrow what trp offers:\n", ctx->out);
            fprintf(ctx->out, "  - %s", app_intake_precaution_label(q->id));
            for (size_t k = 0; k < a->n_regions; k++) {
                const struct region *r = region_find(a->regions[k]);
                fprintf(ctx->out, "%s%s", k ? ", " : ": ", r ? r->label : a->regions[k]);
            }
            fputc('\n', ctx->out);
        }
    }
    const char *labels[8];
    size_t np = intake_perpetuating(in, labels, 8);
    if (np) {
        fputs("Possible perpetuating factors to work on (Gerwin, Acupunct Med 2005):\n", ctx->out);
        for (size_t i = 0; i < np; i++)
            fprintf(ctx->out, "  - %s\n", labels[i]);
    }
}

/* `--questions [--json]`: every question with its kind, group and source. */
static int list_questions(struct cmd_ctx *ctx, int json)
{
    if (json)
        return cmd_print_json(ctx, app_intake_questions_json(), APP_INTAKE_FLAGS, "questions");
    int section = -1;
    for (size_t i = 0; i < intake_questions_count; i++) {
        const struct intake_question *q = &intake_questions[i];
        if ((int)q->section != section) {
            section = (int)q->section;
            fprintf(ctx->out, "%s%s\n", i ? "\n" : "", section_title[section]);
        }
        fprintf(ctx->out, "  %s (%s): %s\n    Source: %s\n", q->id, intake_kind_name(q->type),
                q->prompt, q->source);
    }
    return 0;
}

static int saved(struct cmd_ctx *ctx, const struct intake *in, int64_t id)
{
    fprintf(ctx->out, "Intake saved (#%lld).\n", (long long)id);
    print_summary(ctx, in, 0);
    return 0;
}

static int cmd_intake_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"answers", required_argument, NULL, 'a'},
        {"acknowledge", no_argument, NULL, 'k'},
        {"show", no_argument, NULL, 's'},
        {"json", no_argument, NULL, 'j'},
        {"cleared-by", required_argument, NULL, 'c'},
        {"questions", no_argument, NULL, 'q'},
        {NULL, 0, NULL, 0},
    };
    const char *answers = NULL, *cleared_by = NULL;
    int acknowledge = 0, show = 0, json = 0, questions = 0, opt;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 'a': answers = optarg; break;
        case 'k': acknowledge = 1; break;
        case 's': show = 1; break;
        case 'j': json = 1; break;
        case 'c': cleared_by = optarg; break;
        case 'q': questions = 1; break;
        default:
            return cmd_usage(ctx, &cmd_intake_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
    }
    if (optind < argc)
        return cmd_usage(ctx, &cmd_intake_entry,
                         arena_printf(ctx->arena, "unexpected argument \"%s\"", argv[optind]));
    if (!!answers + acknowledge + show + !!cleared_by + questions > 1)
        return cmd_usage(ctx, &cmd_intake_entry,
                         "use one of --answers, --acknowledge, --cleared-by, --show, --questions");
    if (json && !show && !questions)
        return cmd_usage(ctx, &cmd_intake_entry, "--json goes with --show or --questions");
    if (questions)
        return list_questions(ctx, json);
    if (cleared_by) {
        while (*cleared_by == ' ')
            cleared_by++;
        if (!*cleared_by || strlen(cleared_by) > 200)
            return cmd_usage(ctx, &cmd_intake_entry,
                             "--cleared-by needs the clinician's name (at most 200 characters)");
    }
    struct store *s;
    int rc = cmd_store(ctx, &s);
    if (rc)
        return rc;

    if (show && json) {
        json_t *o;
        rc = app_intake_show(s, ctx->arena, &o, &ctx->err);
        return rc ? rc : cmd_print_json(ctx, o, APP_INTAKE_FLAGS, "intake");
    }
    if (cleared_by) {
        struct app_intake_latest l;
        struct trp_time now;
        if ((rc = app_intake_clear(s, ctx->arena, cleared_by, &l, &ctx->err)) ||
            (rc = trp_time_now(&now, &ctx->err)))
            return rc;
        struct trp_time at = {l.rec.cleared_at, now.offset_min};
        char when[TRP_TIME_BUF];
        fprintf(ctx->out, "Recorded: %s cleared you for self-treatment on %s (intake #%lld).\n",
                cleared_by, trp_time_format(&at, when), (long long)l.rec.id);
        print_summary(ctx, &l.in, 1);
        fputs("\nIf a warning sign returns or changes, stop and seek care again at once.\n",
              ctx->out);
        return 0;
    }
    if (acknowledge) {
        struct app_intake_latest l;
        int nothing;
        if ((rc = app_intake_acknowledge(s, ctx->arena, &l, &nothing, &ctx->err)))
            return rc;
        if (nothing) {
            fputs("Your latest intake has no red flags; nothing to acknowledge.\n", ctx->out);
            return 0;
        }
        print_summary(ctx, &l.in, 1);
        fputs("\nAcknowledged: you have read the advice above. trp will still name the red\n"
              "flags before each session.\n",
              ctx->out);
        if (l.n_urgent && !l.in.cleared_at)
            fputs("Acknowledging does not unlock URGENT signs: self-treatment stays locked until\n"
                  "a clinician has seen you and you record it with 'trp intake --cleared-by\n"
                  "\"NAME\"'.\n",
                  ctx->out);
        return 0;
    }
    if (show) {
        struct intake in;
        struct store_intake rec;
        if ((rc = safety_intake_latest(s, ctx->arena, &in, &rec, &ctx->err)))
            return rc;
        if (in.missing)
            fprintf(ctx->out, "This intake was saved before the question \"%s\" existed: answer the\n"
                              "questions again with 'trp intake'.\n",
                    in.missing);
        print_summary(ctx, &in, rec.acknowledged_at != 0);
        return 0;
    }

    struct intake in;
    int64_t id;
    if (answers) {
        json_error_t jerr;
        json_t *obj = strcmp(answers, "-") == 0 ? json_loadf(ctx->in, JSON_REJECT_DUPLICATES, &jerr)
                                                : json_load_file(answers, JSON_REJECT_DUPLICATES, &jerr);
        if (!obj)
            return trp_err_set(&ctx->err, TRP_EINVAL, "%s: line %d: %s", answers, jerr.line, jerr.text);
        rc = app_intake_answers(s, ctx->arena, obj, &in, &id, &ctx->err);
        json_decref(obj);
        if (rc)
            return trp_err_prefix(&ctx->err, "%s: ", answers);
        return saved(ctx, &in, id);
    }
    if ((rc = ask_all(ctx, &in)) || (rc = app_intake_save(s, &in, &id, &ctx->err)))
        return rc;
    return saved(ctx, &in, id);
}

const struct cmd_entry cmd_intake_entry = {
    .name = "intake",
    .usage = "[--answers FILE] | --show [--json] | --acknowledge | --cleared-by NAME | "
             "--questions [--json]",
    .summary = "Safety questions: red flags, precautions, perpetuating factors.",
    .help = "  Without options, asks the questions on the terminal (or reads one answer per\n"
            "  line from standard input). --answers FILE reads a JSON object with every\n"
            "  question id as key (see doc/intake-answers.example.json); '-' is standard input.\n"
            "  --show prints the latest intake's red flags, precautions and perpetuating\n"
            "  factors; --acknowledge records that you read the red-flag advice, which unlocks\n"
            "  guided self-treatment when no sign is urgent. Urgent signs (heart, cauda equina,\n"
            "  clot, neck arteries, sudden or inflamed-artery headache, meningitis) unlock only\n"
            "  with --cleared-by \"NAME\": the clinician who saw you (recorded with the date).\n"
            "  --questions lists every question id with its kind, group and source.\n"
            "  Retaking the intake adds a new record; the latest counts.\n",
    .exec = cmd_intake_exec,
};
