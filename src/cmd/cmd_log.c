/*
 * `trp log KIND ...`: the everyday command. One entry per call, validated, written in its
 * own transaction, and confirmed in one line with its id so a mistake can be undone with
 * `trp delete ID`.
 */
#include <ctype.h>
#include <getopt.h>
#include <string.h>

#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "cmd/log.h"
#include "kb/muscle.h"
#include "store/store.h"

enum {
    OPT_AT = 1000, OPT_REGION, OPT_QUALITY, OPT_NOTE, OPT_FLARE, OPT_EFFORT, OPT_POSTURE,
    OPT_TECHNIQUE, OPT_SIDE, OPT_HOLD, OPT_PASSES, OPT_RELEASED, OPT_PRESSURE, OPT_BEFORE,
    OPT_AFTER, OPT_PRACTITIONER, OPT_JSON, OPT_DOSE, OPT_UNIT,
    OPT_FUTURE,
};

static const struct option log_options[] = {
    {"at", required_argument, NULL, OPT_AT},
    {"region", required_argument, NULL, OPT_REGION},
    {"quality", required_argument, NULL, OPT_QUALITY},
    {"note", required_argument, NULL, OPT_NOTE},
    {"flare", no_argument, NULL, OPT_FLARE},
    {"effort", required_argument, NULL, OPT_EFFORT},
    {"posture", required_argument, NULL, OPT_POSTURE},
    {"technique", required_argument, NULL, OPT_TECHNIQUE},
    {"side", required_argument, NULL, OPT_SIDE},
    {"hold", required_argument, NULL, OPT_HOLD},
    {"passes", required_argument, NULL, OPT_PASSES},
    {"released", required_argument, NULL, OPT_RELEASED},
    {"pressure", required_argument, NULL, OPT_PRESSURE},
    {"before", required_argument, NULL, OPT_BEFORE},
    {"after", required_argument, NULL, OPT_AFTER},
    {"practitioner", no_argument, NULL, OPT_PRACTITIONER},
    {"json", no_argument, NULL, OPT_JSON},
    {"dose", required_argument, NULL, OPT_DOSE},
    {"unit", required_argument, NULL, OPT_UNIT},
    {"future", no_argument, NULL, OPT_FUTURE},
    {NULL, 0, NULL, 0},
};

/* Which options make sense for which kind: anything else is a usage error rather than
 * being silently ignored. */
static int option_allowed(enum entry_kind k, int opt)
{
    switch (opt) {
    case OPT_AT:
    case OPT_NOTE:
    case OPT_JSON:
    case OPT_FUTURE:
        return 1;
    case OPT_REGION:
    case OPT_QUALITY:
    case OPT_FLARE:
        return k == ENTRY_PAIN;
    case OPT_EFFORT:
    case OPT_POSTURE:
        return k == ENTRY_TASK;
    case OPT_DOSE:
    case OPT_UNIT:
        return k == ENTRY_MEDICATION;
    default:
        return k == ENTRY_TREATMENT;
    }
}

static const char *option_name(int opt)
{
    for (const struct option *o = log_options; o->name; o++)
        if (o->val == opt)
            return o->name;
    return "?";
}

/* getopt would read the "-1" of `trp log pain -1` (or a task called "-2+3") as options.
 * Nothing here is an option that starts with a digit or a dot, so such words are values:
 * the arguments are reordered as options with their values, then "--", then every other
 * argument in the order given, and the range check can say what is wrong with the value. */
static int takes_value(const char *arg)
{
    const char *name = arg + 2;
    size_t n = strcspn(name, "=");
    if (name[n] == '=')
        return 0;
    const struct option *match = NULL;
    for (const struct option *o = log_options; o->name; o++) {
        if (strncmp(o->name, name, n) != 0)
            continue;
        if (strlen(o->name) == n)
            return o->has_arg == required_argument;
        if (match)
            return 0; /* ambiguous: getopt reports it */
        match = o;
    }
    return match && match->has_arg == required_argument;
}

static char **numbers_as_values(struct arena *a, int argc, char **argv, int *out_argc)
{
    char **out = arena_zalloc(a, (size_t)argc + 2, sizeof *out);
    char **pos = arena_zalloc(a, (size_t)argc + 1, sizeof *pos);
    int n = 0, np = 0, i = 1;
    out[n++] = argv[0];
    for (; i < argc; i++) {
        const char *s = argv[i];
        if (!strcmp(s, "--")) {
            i++;
            break;
        }
        int number = s[0] == '-' && (isdigit((unsigned char)s[1]) || s[1] == '.');
        if (s[0] != '-' || !s[1] || number) {
            pos[np++] = argv[i];
            continue;
        }
        out[n++] = argv[i];
        if (s[1] == '-' && takes_value(s) && i + 1 < argc)
            out[n++] = argv[++i];
    }
    for (; i < argc; i++)
        pos[np++] = argv[i];
    out[n++] = "--";
    for (int k = 0; k < np; k++)
        out[n++] = pos[k];
    out[n] = NULL;
    *out_argc = n;
    return out;
}

/* Parses options and positional arguments of `log KIND` (also used by `edit`, which passes
 * an entry already filled from the store). */
int cmd_log_fill(struct cmd_ctx *ctx, const struct cmd_entry *self, enum entry_kind kind,
                 int argc, char **argv, struct entry *e, int *json)
{
    struct trp_err *err = &ctx->err;
    struct trp_time now;
    int rc = trp_time_now(&now, err);
    if (rc)
        return rc;
    int at_given = 0;
    struct entry_clock clock = {now.utc, 0};
    argv = numbers_as_values(ctx->arena, argc, argv, &argc);
    opterr = 0;
    optind = 0;
    int opt;
    while ((opt = getopt_long(argc, argv, ":", log_options, NULL)) != -1) {
        if (opt == '?')
            return cmd_usage(ctx, self, arena_printf(ctx->arena, "unknown option %s",
                                                     argv[optind - 1]));
        if (opt == ':')
            return cmd_usage(ctx, self, arena_printf(ctx->arena, "option %s needs a value",
                                                     argv[optind - 1]));
        if (!option_allowed(kind, opt))
            return cmd_usage(ctx, self,
                             arena_printf(ctx->arena, "option --%s does not apply to %s entries",
                                          option_name(opt), entry_kind_name(kind)));
        struct entry_treatment *t = &e->treat;
        switch (opt) {
        case OPT_AT:
            rc = trp_time_parse(optarg, &now, &e->at, err);
            at_given = 1;
            break;
        case OPT_REGION:
            rc = args_add_region(ctx->arena, e, optarg, err);
            break;
        case OPT_QUALITY:
            rc = args_add_qualities(ctx->arena, e, optarg, err);
            break;
        case OPT_NOTE:
            e->note = optarg[0] ? optarg : NULL;
            break;
        case OPT_FLARE:
            e->flare = 1;
            break;
        case OPT_EFFORT:
            rc = args_int("--effort", optarg, 0, 10, &e->effort, err);
            break;
        case OPT_POSTURE:
            e->posture = optarg;
            break;
        case OPT_TECHNIQUE:
            t->technique = optarg;
            break;
        case OPT_SIDE:
            t->side = optarg;
            break;
        case OPT_HOLD:
            rc = args_seconds("--hold", optarg, &t->hold_seconds, err);
            break;
        case OPT_PASSES:
            rc = args_int("--passes", optarg, 1, 20, &t->passes, err);
            break;
        case OPT_RELEASED:
            rc = args_yes_no("--released", optarg, &t->released, err);
            break;
        case OPT_PRESSURE:
            rc = args_double("--pressure", optarg, 0, 10, &t->pressure, err);
            break;
        case OPT_BEFORE:
            rc = args_int("--before", optarg, 0, 10, &t->pain_before, err);
            break;
        case OPT_AFTER:
            rc = args_int("--after", optarg, 0, 10, &t->pain_after, err);
            break;
        case OPT_PRACTITIONER:
            t->performer = "practitioner";
            break;
        case OPT_JSON:
            *json = 1;
            break;
        case OPT_DOSE:
            rc = args_double("--dose", optarg, 0, 1e6, &e->value, err);
            if (!rc && e->value <= 0)
                rc = trp_err_set(err, TRP_EINVAL, "--dose must be more than 0");
            break;
        case OPT_UNIT:
            e->unit = optarg;
            break;
        case OPT_FUTURE:
            clock.allow_future = 1;
            break;
        }
        if (rc)
            return rc;
    }
    if (!at_given && !e->id)
        e->at = now;

    char **pos = argv + optind;
    int npos = argc - optind;
    switch (kind) {
    case ENTRY_PAIN:
        if (npos != 1 && !(e->id && npos == 0))
            return cmd_usage(ctx, self, "give one pain value 0-10, as in 'trp log pain 6'");
        if (npos == 1 && (rc = args_double("pain value", pos[0], 0, 10, &e->value, err)))
            return rc;
        break;
    case ENTRY_TASK:
        if (npos != 2 && !(e->id && npos == 0))
            return cmd_usage(ctx, self,
                             "give a task name and a duration, as in 'trp log task \"computer work\" 2h'");
        if (npos == 2) {
            e->name = pos[0];
            if ((rc = trp_duration_parse(pos[1], ENTRY_TASK_MAX_MINUTES, &e->minutes, err)))
                return rc;
        }
        break;
    case ENTRY_FACTOR:
        if (npos != 2 && !(e->id && npos == 0))
            return cmd_usage(ctx, self, "give a factor name and a value, as in 'trp log factor sleep_hours 6.5'");
        if (npos == 2) {
            e->name = pos[0];
            if ((rc = args_double("factor value", pos[1], -1e9, 1e9, &e->value, err)))
                return rc;
        }
        break;
    case ENTRY_TREATMENT:
        if (npos != 1 && !(e->id && npos == 0))
            return cmd_usage(ctx, self, "give the muscle treated, as in 'trp log treat upper-trapezius --hold 60'");
        if (npos == 1) {
            /* A muscle trp does not know is refused with suggestions, as 'trp muscle' does;
             * an alias is stored as the muscle's id so that analyses group it. */
            const struct muscle *m;
            if ((rc = muscle_lookup(pos[0], &m, err)))
                return rc;
            e->treat.muscle = m->id;
        }
        if (!e->treat.technique)
            e->treat.technique = "compression";
        if (!e->treat.performer)
            e->treat.performer = "self";
        break;
    case ENTRY_MEDICATION:
        if (npos != 1 && !(e->id && npos == 0))
            return cmd_usage(ctx, self,
                             "give the medication's name, as in 'trp log med ibuprofen --dose 400 "
                             "--unit mg'");
        if (npos == 1)
            e->name = pos[0];
        break;
    case ENTRY_PGIC:
        if (npos != 1 && !(e->id && npos == 0))
            return cmd_usage(ctx, self,
                             "give one answer 1-7 to \"since you started, how has your condition "
                             "changed?\" (1 very much improved, 4 no change, 7 very much worse)");
        if (npos == 1 && (rc = args_double("PGIC", pos[0], 1, 7, &e->value, err)))
            return rc;
        break;
    case ENTRY_PSFS:
        if (npos != 2 && !(e->id && npos == 0))
            return cmd_usage(ctx, self,
                             "give an activity and how well you can do it 0-10, as in 'trp log "
                             "psfs \"reaching overhead\" 4' (0 unable, 10 as before the problem)");
        if (npos == 2) {
            e->name = pos[0];
            if ((rc = args_double("PSFS rating", pos[1], 0, 10, &e->value, err)))
                return rc;
        }
        break;
    case ENTRY_NOTE:
        if (npos < 1 && !e->id)
            return cmd_usage(ctx, self, "give the note text, as in 'trp log note \"new pillow\"'");
        if (npos >= 1) {
            /* Words after "note" are joined, so quoting is optional. */
            size_t len = 0;
            for (int i = 0; i < npos; i++)
                len += strlen(pos[i]) + 1;
            char *text = arena_alloc(ctx->arena, len + 1);
            text[0] = '\0';
            for (int i = 0; i < npos; i++) {
                if (i)
                    strcat(text, " ");
                strcat(text, pos[i]);
            }
            e->note = text;
        }
        break;
    default:
        BUG("unknown kind");
    }
    return entry_validate_new(e, &clock, err);
}

static int cmd_log_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc < 2)
        return cmd_usage(ctx, &cmd_log_entry,
                         "say what to log: pain, task, factor, treat, note, med, pgic or psfs");
    enum entry_kind kind;
    int rc = entry_kind_parse(argv[1], &kind, &ctx->err);
    if (rc) {
        trp_err_set(&ctx->err, TRP_EUSAGE,
                    "cannot log \"%.40s\": use pain, task, factor, treat, note, med, pgic or "
                    "psfs",
                    argv[1]);
        return TRP_EUSAGE;
    }
    struct entry e;
    entry_init(&e, kind);
    int json = 0;
    if ((rc = cmd_log_fill(ctx, &cmd_log_entry, kind, argc - 1, argv + 1, &e, &json)))
        return rc;
    struct store *s;
    if ((rc = cmd_store(ctx, &s)) || (rc = store_entry_insert(s, &e, &ctx->err)))
        return rc;
    if (json)
        return entry_print_json(ctx, &e);
    fputs("logged ", ctx->out);
    entry_print_line(ctx, &e);
    return 0;
}

const struct cmd_entry cmd_log_entry = {
    .name = "log",
    .usage = "pain|task|factor|treat|note|med|pgic|psfs ARGS... [--at TIME] [--note TEXT]",
    .summary = "Write one diary entry.",
    .help =
        "  trp log pain VALUE [--region R]... [--quality Q] [--flare] [--at TIME] [--note TEXT]\n"
        "      VALUE is 0-10 (0 = no pain, 10 = worst imaginable). R is a body region in\n"
        "      plain words or an id: \"left temple\", \"low back\", \"both heels\", temple.l;\n"
        "      add =N for that region's own intensity (\"left temple=7\"). Q: aching, burning,\n"
        "      tingling, numb, sharp, dull, throbbing, ... (comma-separated or repeated).\n"
        "      --flare marks the entry as the start of a flare-up.\n"
        "  trp log task NAME DURATION [--effort 0-10] [--posture P] [--at TIME]\n"
        "      DURATION: 45m, 3h, 1h30m. Use the same NAME each time (\"computer work\").\n"
        "      Log it when you are done: the time is when the task ended.\n"
        "  trp log factor NAME VALUE [--at TIME]\n"
        "      Known: sleep_hours 0-24, sleep_quality, stress, mood, fatigue, diet_quality 0-10,\n"
        "      exercise_minutes, steps, caffeine_cups, alcohol_units, water_litres, screen_hours.\n"
        "      Other names are accepted as your own factors.\n"
        "  trp log treat MUSCLE [--technique compression|friction|stretch|strengthen|other]\n"
        "      [--side left|right|both|midline] [--hold SECONDS] [--passes N]\n"
        "      [--released yes|no] [--pressure 0-10] [--before 0-10] [--after 0-10]\n"
        "      [--practitioner]\n"
        "  trp log note TEXT...\n"
        "  trp log med NAME [--dose N --unit mg|mcg|g|ml|IU|drop|puff|tablet|capsule|patch]\n"
        "      A medication taken. It is kept out of the trigger analysis: people take\n"
        "      medication because of pain, so it would look like a cause.\n"
        "  trp log pgic 1-7\n"
        "      Patient Global Impression of Change (Guy 1976; Hurst & Bolton 2004): since\n"
        "      you started, your condition is 1 very much improved, 2 much improved,\n"
        "      3 minimally improved, 4 no change, 5 minimally worse, 6 much worse,\n"
        "      7 very much worse.\n"
        "  trp log psfs ACTIVITY 0-10\n"
        "      Patient-Specific Functional Scale (Stratford et al. 1995): an activity the\n"
        "      pain makes hard, rated 0 (unable) to 10 (as before the problem). Use the same\n"
        "      3-5 activities each time; about 2 points on their mean is a change that counts.\n"
        "\n"
        "  TIME: now (default), 2026-03-01T08:00[:SS][+01:00], \"today 14:00\",\n"
        "  \"yesterday 21:30\", -2h, -30m, -1d.\n"
        "  A time more than a day ahead is refused as a typo; --future accepts it (a plan).\n"
        "  --json prints the stored entry as JSON.\n",
    .exec = cmd_log_exec,
};
