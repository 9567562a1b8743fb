/*
 * `trp plan ...` and `trp today`: the self-care programme. A plan item asks for release,
 * stretching and strengthening of one muscle at set frequencies; `today` shows what is
 * due with the instructions from the knowledge base; `plan done` records an activity as a
 * treatment entry; `plan ics` exports reminders for phone calendars; weekly adherence is
 * computed from the diary. The work is in app/plan.h; this file parses and prints.
 */
#include <getopt.h>
#include <string.h>

#include "app/safety_gate.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "base/atomic_file.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "cmd/say.h"
#include "app/muscle_view.h"
#include "app/plan.h"
#include "core/plan.h"
#include "io/ics.h"
#include "store/store.h"

/* "3", "3/week", "2/day": the unit, when given, must match the activity's. The range is
 * app_plan_add's, checked here too so the message names the option. */
static int parse_freq(struct cmd_ctx *ctx, enum plan_activity a, const char *text, int *out)
{
    const char *slash = strchr(text, '/');
    const char *unit = app_plan_per_unit(a);
    char *num = slash ? arena_strndup(ctx->arena, text, (size_t)(slash - text)) : (char *)text;
    if (slash && strcmp(slash + 1, unit) != 0)
        return trp_err_set(&ctx->err, TRP_EINVAL, "--%s is counted per %s, as in 3/%s",
                           plan_activity_name(a), unit, unit);
    char what[32];
    snprintf(what, sizeof what, "--%s", plan_activity_name(a));
    return args_int(what, num, 0, app_plan_per_max(a), out, &ctx->err);
}

static int plan_add(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"side", required_argument, NULL, 's'},
        {"release", required_argument, NULL, 'r'},
        {"stretch", required_argument, NULL, 't'},
        {"strengthen", required_argument, NULL, 'g'},
        {NULL, 0, NULL, 0},
    };
    struct app_plan_add req;
    app_plan_add_defaults(&req, NULL);
    int opt, rc;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 's': req.side = optarg; rc = 0; break;
        case 'r': rc = parse_freq(ctx, PLAN_RELEASE, optarg, &req.per[PLAN_RELEASE]); break;
        case 't': rc = parse_freq(ctx, PLAN_STRETCH, optarg, &req.per[PLAN_STRETCH]); break;
        case 'g': rc = parse_freq(ctx, PLAN_STRENGTHEN, optarg, &req.per[PLAN_STRENGTHEN]); break;
        default:
            return cmd_usage(ctx, &cmd_plan_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
        if (rc)
            return rc;
    }
    if (argc - optind != 1)
        return cmd_usage(ctx, &cmd_plan_entry, "plan add takes one muscle");
    req.muscle = argv[optind];
    /* A typo is refused before the database is opened (and perhaps created). */
    struct store *s;
    struct app_plan_added got;
    if ((rc = app_plan_add_check(&req, &ctx->err)) || (rc = cmd_store(ctx, &s)) ||
        (rc = app_plan_add(s, ctx->arena, &req, &got, &ctx->err)))
        return rc;
    const struct store_plan_item *it = &got.item;
    fprintf(ctx->out, "plan: %s%s%s: release %d/week, stretch %d/day, strengthen %d/week\n",
            got.name, it->side ? " " : "", it->side ? it->side : "", it->release_per_week,
            it->stretch_per_day, it->strengthen_per_week);
    return 0;
}

static int plan_remove(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc != 2)
        return cmd_usage(ctx, &cmd_plan_entry, "plan remove takes one muscle");
    struct muscle_view v;
    struct store *s;
    const char *name;
    int rc;
    if ((rc = muscle_view_find(argv[1], &v, &ctx->err)) || (rc = cmd_store(ctx, &s)) ||
        (rc = app_plan_remove(s, argv[1], &name, &ctx->err)))
        return rc;
    fprintf(ctx->out, "plan: %s removed (its history stays in the diary)\n", name);
    return 0;
}

static int plan_done(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"at", required_argument, NULL, 'a'},
        {"side", required_argument, NULL, 's'},
        {"friction", no_argument, NULL, 'f'},
        {NULL, 0, NULL, 0},
    };
    struct trp_time now;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    struct app_plan_done req = {0};
    int opt;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        if (opt == 'a') {
            if ((rc = trp_time_parse(optarg, &now, &req.at, &ctx->err)))
                return rc;
            req.has_at = 1;
        } else if (opt == 's') {
            req.side = optarg;
        } else if (opt == 'f') {
            req.friction = 1;
        } else {
            return cmd_usage(ctx, &cmd_plan_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
    }
    if (argc - optind != 2)
        return cmd_usage(ctx, &cmd_plan_entry, "plan done takes a muscle and release, stretch or strengthen");
    req.muscle = argv[optind];
    req.activity = argv[optind + 1];
    struct store *s;
    struct entry e;
    if ((rc = app_plan_done_check(&req, &ctx->err)) || (rc = cmd_store(ctx, &s)) ||
        (rc = app_plan_done(s, ctx->arena, &req, &e, &ctx->err)))
        return rc;
    fputs("done: ", ctx->out);
    entry_print_line(ctx, &e);
    return 0;
}

static int plan_list(struct cmd_ctx *ctx)
{
    struct store *s;
    struct app_plan st;
    int rc;
    if ((rc = cmd_store(ctx, &s)) || (rc = app_plan_load(s, ctx->arena, &st, &ctx->err)))
        return rc;
    if (!st.n) {
        fputs("Your plan is empty. Add a muscle with 'trp plan add MUSCLE'.\n", ctx->out);
        return 0;
    }
    fputs("muscle                     release/week  stretch/day  strengthen/week   (done this week)\n",
          ctx->out);
    for (size_t i = 0; i < st.n; i++) {
        const struct store_plan_item *it = &st.items[i];
        const struct plan_tally *t = &st.tallies[i];
        char name[64];
        snprintf(name, sizeof name, "%s%s%s", it->muscle, it->side ? " " : "", it->side ? it->side : "");
        fprintf(ctx->out, "%-26s %2d (%d done)   %2d (%d today)  %2d (%d done)\n", name,
                it->release_per_week, t->this_week[PLAN_RELEASE], it->stretch_per_day,
                t->today[PLAN_STRETCH], it->strengthen_per_week, t->this_week[PLAN_STRENGTHEN]);
    }
    return 0;
}

static int plan_adherence(struct cmd_ctx *ctx, int argc, char **argv)
{
    int weeks = 4, json = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--weeks") && i + 1 < argc) {
            int rc = args_int("--weeks", argv[++i], 1, 104, &weeks, &ctx->err);
            if (rc)
                return rc;
        } else
            return cmd_usage(ctx, &cmd_plan_entry, "plan adherence [--weeks N] [--json]");
    }
    struct store *s;
    struct trp_time now;
    int rc;
    if ((rc = cmd_store(ctx, &s)) || (rc = trp_time_now(&now, &ctx->err)))
        return rc;
    int64_t today = trp_time_local_day(&now);
    struct app_plan_adherence *rows;
    size_t n;
    if ((rc = app_plan_adherence(s, ctx->arena, plan_week_start(today) - 7 * (weeks - 1), today,
                                 &rows, &n, &ctx->err)))
        return rc;
    if (json)
        return cmd_print_json(ctx, app_plan_adherence_json(rows, n), APP_PLAN_ADHERENCE_FLAGS,
                              "adherence");
    fprintf(ctx->out, "Adherence over the last %d week%s (each week capped at 100%%):\n", weeks,
            weeks == 1 ? "" : "s");
    for (size_t i = 0; i < n; i++) {
        const struct plan_adherence *ad = &rows[i].ad;
        fprintf(ctx->out, "  %-24s", rows[i].item->muscle);
        for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++) {
            if (ad->rate[a] < 0)
                fprintf(ctx->out, "  %s -   ", plan_activity_name((enum plan_activity)a));
            else
                fprintf(ctx->out, "  %s %3.0f%% (%d/%d)", plan_activity_name((enum plan_activity)a),
                        100 * ad->rate[a], ad->done[a], ad->target[a]);
        }
        fputc('\n', ctx->out);
    }
    return 0;
}

/* Weekday abbreviations for RRULE BYDAY, spreading N sessions over the week. */
static const char *byday_for(int n)
{
    static const char *const spread[] = {"", "MO", "MO,TH", "MO,WE,FR", "MO,TU,TH,FR",
                                         "MO,TU,WE,TH,FR", "MO,TU,WE,TH,FR,SA",
                                         "MO,TU,WE,TH,FR,SA,SU"};
    return spread[n > 7 ? 7 : n];
}

static int plan_ics(struct cmd_ctx *ctx, int argc, char **argv)
{
    const char *out_path = NULL;
    int hour = 18, minute = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-o") && i + 1 < argc)
            out_path = argv[++i];
        else if (!strcmp(argv[i], "--time") && i + 1 < argc) {
            const char *t = argv[++i];
            if (sscanf(t, "%d:%d", &hour, &minute) != 2 || hour < 0 || hour > 23 || minute < 0 ||
                minute > 59)
                return trp_err_set(&ctx->err, TRP_EINVAL, "--time \"%.20s\": write HH:MM", t);
        } else
            return cmd_usage(ctx, &cmd_plan_entry, "plan ics [-o FILE] [--time HH:MM]");
    }
    struct store *s;
    struct app_plan st;
    int rc;
    if ((rc = cmd_store(ctx, &s)) || (rc = app_plan_load(s, ctx->arena, &st, &ctx->err)))
        return rc;
    if (!st.n)
        return trp_err_set(&ctx->err, TRP_EINVAL, "your plan is empty: add a muscle with 'trp plan add MUSCLE'");
    struct trp_time now;
    if ((rc = trp_time_now(&now, &ctx->err)))
        return rc;
    int64_t y;
    int mo, d;
    trp_civil_from_days(st.today + 1, &y, &mo, &d);
    struct trp_time utc_now = {now.utc, 0};
    char stamp[TRP_TIME_BUF];
    trp_time_format(&utc_now, stamp);
    /* DTSTAMP is UTC basic format: 20260310T110000Z. */
    char dtstamp[20];
    snprintf(dtstamp, sizeof dtstamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", stamp, stamp + 5, stamp + 8,
             stamp + 11, stamp + 14, stamp + 17);
    struct strbuf sb;
    strbuf_init(&sb, 1 << 22);
    ics_raw(&sb, "BEGIN", "VCALENDAR");
    ics_raw(&sb, "VERSION", "2.0");
    ics_raw(&sb, "PRODID", "-//trp//self-care plan//EN");
    ics_raw(&sb, "CALSCALE", "GREGORIAN");
    ics_text(&sb, "X-WR-CALNAME", "trp self-care");
    struct safety_gate g;
    if ((rc = safety_gate_load(s, ctx->arena, &g, &ctx->err))) {
        strbuf_release(&sb);
        return rc;
    }
    for (size_t i = 0; i < st.n; i++) {
        struct muscle_view v;
        if ((rc = muscle_view_find(st.items[i].muscle, &v, &ctx->err)))
            break;
        /* Reminders only for what the safety gate allows now. */
        const char *gside = st.items[i].side;
        struct safety_result res;
        safety_gate_muscle(&g, v.kb, gside && strcmp(gside, "both") ? gside : NULL, ctx->arena, &res);
        if (!res.v.allowed)
            continue;
        for (int a = 0; a < PLAN_ACTIVITY_COUNT; a++) {
            int per = st.goals[i].per[a];
            if (per <= 0)
                continue;
            /* Stretching N times a day becomes N daily events two hours apart. */
            int events = a == PLAN_STRETCH ? per : 1;
            for (int k = 0; k < events; k++) {
                /* Stretch reminders spread over 09:00-21:00. */
                int h = a == PLAN_STRETCH ? 9 + (k * 12) / per : hour;
                char buf[96];
                ics_raw(&sb, "BEGIN", "VEVENT");
                snprintf(buf, sizeof buf, "trp-plan-%lld-%s-%d@trp.invalid", (long long)st.items[i].id,
                         plan_activity_name((enum plan_activity)a), k);
                ics_raw(&sb, "UID", buf);
                ics_raw(&sb, "DTSTAMP", dtstamp);
                snprintf(buf, sizeof buf, "%04lld%02d%02dT%02d%02d00", (long long)y, mo, d, h,
                         a == PLAN_STRETCH ? 0 : minute);
                ics_raw(&sb, "DTSTART", buf);
                ics_raw(&sb, "DURATION", "PT10M");
                if (a == PLAN_STRETCH)
                    ics_raw(&sb, "RRULE", "FREQ=DAILY");
                else {
                    snprintf(buf, sizeof buf, "FREQ=WEEKLY;BYDAY=%s", byday_for(per));
                    ics_raw(&sb, "RRULE", buf);
                }
                const char *what = a == PLAN_RELEASE ? "Release" : a == PLAN_STRETCH ? "Stretch" : "Strengthen";
                char *summary = arena_printf(ctx->arena, "%s: %s", what, v.name);
                ics_text(&sb, "SUMMARY", summary);
                const char *desc = a == PLAN_STRETCH ? v.stretch : a == PLAN_STRENGTHEN ? v.strengthen
                                   : arena_printf(ctx->arena, "%s%s Hold %d s, %d passes. Then: trp plan done %s release",
                                                  v.position ? v.position : "",
                                                  res.v.max_pressure < SAFETY_NO_CAP
                                                      ? arena_printf(ctx->arena, " Light pressure only, at most %d of 10.", res.v.max_pressure)
                                                      : "",
                                                  v.hold_seconds, v.passes, v.id);
                ics_text(&sb, "DESCRIPTION", desc ? desc : "");
                ics_raw(&sb, "BEGIN", "VALARM");
                ics_raw(&sb, "ACTION", "DISPLAY");
                ics_text(&sb, "DESCRIPTION", summary);
                ics_raw(&sb, "TRIGGER", "-PT5M");
                ics_raw(&sb, "END", "VALARM");
                ics_raw(&sb, "END", "VEVENT");
            }
        }
    }
    ics_raw(&sb, "END", "VCALENDAR");
    if (!rc) {
        rc = atomic_file_write_all(ctx->arena, out_path, ctx->out, sb.buf, sb.len, &ctx->err);
        if (!rc && !atomic_file_is_stdout(out_path))
            fprintf(ctx->out, "wrote %s: import it into your phone's calendar\n", out_path);
    }
    strbuf_release(&sb);
    return rc;
}

static int cmd_plan_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return plan_list(ctx);
    const char *sub = argv[1];
    if (!strcmp(sub, "add"))
        return plan_add(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "remove"))
        return plan_remove(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "done"))
        return plan_done(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "ics"))
        return plan_ics(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "adherence"))
        return plan_adherence(ctx, argc - 1, argv + 1);
    if (!strcmp(sub, "list"))
        return plan_list(ctx);
    return cmd_usage(ctx, &cmd_plan_entry,
                     arena_printf(ctx->arena, "unknown plan command \"%.40s\"", sub));
}

const struct cmd_entry cmd_plan_entry = {
    .name = "plan",
    .usage = "[list | add MUSCLE [--side S] [--release N/week] [--stretch N/day] "
             "[--strengthen N/week] | remove MUSCLE | done MUSCLE release|stretch|strengthen "
             "[--at TIME] | adherence [--weeks N] [--json] | ics [-o FILE] [--time HH:MM]]",
    .summary = "Your self-care programme: release, stretch and strengthen.",
    .help = "  Defaults for a new item: release 3/week, stretch 2/day, strengthen 2/week.\n"
            "  'plan done' records the activity as a treatment entry, so it counts in\n"
            "  the diary and the analysis. 'plan ics' writes reminders (RFC 5545) that phone\n"
            "  calendars import; --time sets the hour for release and strengthening.\n",
    .exec = cmd_plan_exec,
};

/* Why an item is blocked, or NULL when it is offered. */
static const char *block_why(const struct app_today_item *t)
{
    return t->res.v.allowed ? NULL : safety_result_why(&t->res);
}

/* Whether the reason that blocks item i is said once at the top: an urgent sign always
 * (it blocks everything, and nothing reassuring may sit between it and the person), any
 * other reason when it blocks more than one item (no intake yet, red flags not yet
 * acknowledged), so that it is not repeated under every activity. */
static int said_at_top(const struct app_today *t, size_t i)
{
    const char *why = block_why(&t->items[i]);
    if (!why)
        return 0;
    if (t->items[i].res.v.urgent)
        return 1;
    size_t same = 0;
    for (size_t k = 0; k < t->n; k++)
        same += block_why(&t->items[k]) && !strcmp(block_why(&t->items[k]), why);
    return same > 1;
}

static int cmd_today_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int json = argc > 1 && !strcmp(argv[1], "--json");
    if (argc > 1 && !json)
        return cmd_usage(ctx, &cmd_today_entry, "today takes only --json");
    struct store *s;
    struct app_today t;
    int rc;
    if ((rc = cmd_store(ctx, &s)) || (rc = app_today(s, ctx->arena, &t, &ctx->err)))
        return rc;
    if (json)
        return cmd_print_json(ctx, app_today_json(&t), APP_TODAY_FLAGS, "today");
    if (!t.n) {
        fputs(t.n_plan ? "Nothing due today: well done.\n"
                       : "No plan yet. Add a muscle with 'trp plan add MUSCLE'.\n",
              ctx->out);
        return 0;
    }
    /* Reasons said at the top, each once, urgent ones first. */
    int w = say_width(ctx), any_top = 0;
    for (int urgent = 1; urgent >= 0; urgent--)
        for (size_t i = 0; i < t.n; i++) {
            const struct app_today_item *it = &t.items[i];
            if (!said_at_top(&t, i) || it->res.v.urgent != urgent)
                continue;
            int seen = 0;
            for (size_t k = 0; k < i && !seen; k++)
                seen = said_at_top(&t, k) && !strcmp(block_why(&t.items[k]), block_why(it));
            if (seen)
                continue;
            say(ctx, w, "", 4, block_why(it));
            if (it->res.v.see)
                SAYF(ctx, w, "    ", 4, "See: %s.", it->res.v.see);
            if (urgent)
                say(ctx, w, "    ", 4,
                    "No self-care is offered until a clinician has seen you; then record it "
                    "with 'trp intake --cleared-by \"NAME\"'.");
            any_top = 1;
        }
    if (any_top)
        fputc('\n', ctx->out);
    for (size_t i = 0; i < t.n; i++) {
        const struct app_today_item *it = &t.items[i];
        const char *act = plan_activity_name(it->activity);
        if (said_at_top(&t, i)) {
            fprintf(ctx->out, "[!] %s %s: not offered (%s).\n", act, it->name,
                    it->res.v.urgent ? "the urgent sign above" : "see above");
        } else if (!it->res.v.allowed) {
            fprintf(ctx->out, "[!] %s %s: not offered.\n    %s\n", act, it->name, it->how);
        } else {
            fprintf(ctx->out, "[ ] %s %s%s\n    %s\n", act, it->name,
                    it->due > 1 ? arena_printf(ctx->arena, " (x%d)", it->due) : "", it->how);
            for (size_t k = 0; it->activity == PLAN_RELEASE && k < it->res.v.n_reasons; k++)
                fprintf(ctx->out, "    Note: %s\n", it->res.v.reasons[k]);
            fprintf(ctx->out, "    done? trp plan done %s %s\n", it->muscle, act);
        }
    }
    return 0;
}

const struct cmd_entry cmd_today_entry = {
    .name = "today",
    .usage = "[--json]",
    .summary = "What your self-care plan asks for today, with instructions.",
    .help = "",
    .exec = cmd_today_exec,
};
