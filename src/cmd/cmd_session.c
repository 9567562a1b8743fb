/*
 * `trp session [MUSCLE...] [--side S] [--where PHRASE]`: a guided treatment in the terminal.
 * Safety first: the latest intake must exist and any red flag must have been acknowledged;
 * precautions narrow what is offered (core/safety.h). For each muscle: how to find the
 * trigger point and how to position, pain before, passes of compression with a live clock
 * and cues (Enter when the point softens), rests, pain after. Each point is saved as a
 * treatment entry as soon as it is finished; Ctrl-C saves the point in progress and stops.
 *
 * Without a terminal on standard input the same questions are read one line each, so a
 * session can be scripted: pain before; per pass the seconds until it softened or "n" for
 * no release (friction: the number of strokes); pain after. $TRP_CLOCK_SCALE speeds the
 * clock up for tests.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "base/termsafe.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "cmd/intake_load.h"
#include "cmd/prompt.h"
#include "cmd/session_targets.h"
#include "core/safety.h"
#include "core/session.h"
#include "store/store.h"

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
}

struct term {
    int raw;
    struct termios saved;
};

static void term_raw(struct term *t)
{
    if (tcgetattr(STDIN_FILENO, &t->saved) != 0)
        return;
    struct termios r = t->saved;
    r.c_lflag &= ~(tcflag_t)(ICANON | ECHO); /* ISIG stays on: Ctrl-C still signals */
    r.c_cc[VMIN] = 0;
    r.c_cc[VTIME] = 0;
    if (tcsetattr(STDIN_FILENO, TCSANOW, &r) == 0)
        t->raw = 1;
}

static void term_restore(struct term *t)
{
    if (t->raw)
        tcsetattr(STDIN_FILENO, TCSANOW, &t->saved);
    t->raw = 0;
}

static double clock_scale(void)
{
    const char *s = getenv("TRP_CLOCK_SCALE");
    double v = s ? atof(s) : 1;
    return v >= 1 && v <= 1000 ? v : 1;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (ts.tv_sec + ts.tv_nsec / 1e9) * clock_scale();
}

/* One compression hold on the terminal: returns seconds held and sets *softened. Keys:
 * Enter or space = softened, s = stop this pass without release. */
static int hold_live(struct cmd_ctx *ctx, int max_hold, int *softened)
{
    double start = now_seconds();
    int shown = -1;
    *softened = 0;
    for (;;) {
        int sec = (int)(now_seconds() - start);
        if (sec != shown) {
            for (int s = shown + 1; s <= sec && s <= max_hold; s++) {
                const char *cue = session_cue(s, max_hold);
                if (cue && s > 0)
                    fprintf(ctx->out, "\r\033[K  %s\n", cue);
            }
            shown = sec;
            fprintf(ctx->out, "\r\033[K  pressing  %d:%02d / %d:%02d   [Enter] softened  [s] stop pass",
                    sec / 60, sec % 60, max_hold / 60, max_hold % 60);
            fflush(ctx->out);
        }
        if (sec >= max_hold || interrupted) {
            fputc('\n', ctx->out);
            return sec > max_hold ? max_hold : sec;
        }
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        int pr = poll(&pfd, 1, 100);
        if (pr > 0) {
            char c;
            if (read(STDIN_FILENO, &c, 1) == 1) {
                if (c == '\n' || c == '\r' || c == ' ') {
                    *softened = 1;
                    fprintf(ctx->out, "\n  Softened after %d s: release slowly.\n", sec);
                    return sec;
                }
                if (c == 's' || c == 'S') {
                    fputc('\n', ctx->out);
                    return sec;
                }
            }
        }
    }
}

/* Rest between passes with a countdown; any key skips. */
static void rest_live(struct cmd_ctx *ctx, int seconds)
{
    double start = now_seconds();
    int shown = -1;
    while (!interrupted) {
        int left = seconds - (int)(now_seconds() - start);
        if (left <= 0)
            break;
        if (left != shown) {
            fprintf(ctx->out, "\r\033[K  rest %d s (any key to go on)", left);
            fflush(ctx->out);
            shown = left;
        }
        struct pollfd pfd = {STDIN_FILENO, POLLIN, 0};
        if (poll(&pfd, 1, 100) > 0) {
            char c;
            if (read(STDIN_FILENO, &c, 1) == 1)
                break;
        }
    }
    fputs("\r\033[K", ctx->out);
}

/* Reads a line in raw or cooked mode alike. */
static int ask_line(struct cmd_ctx *ctx, struct term *t, const char *q, char **out)
{
    int was_raw = t->raw;
    term_restore(t);
    int rc = prompt_line(ctx, q, NULL, out);
    if (was_raw)
        term_raw(t);
    if (interrupted)
        return trp_err_set(&ctx->err, TRP_ECONFLICT, "stopped");
    return rc;
}

static int ask_pain(struct cmd_ctx *ctx, struct term *t, const char *q, int *out)
{
    for (int tries = 0; tries < PROMPT_TRIES; tries++) {
        char *line;
        int rc = ask_line(ctx, t, q, &line);
        if (rc)
            return rc;
        struct trp_err why = {0};
        if (args_int("pain", line, 0, 10, out, &why) == 0)
            return 0;
        fprintf(ctx->out, "  %s; please answer 0-10.\n", termsafe(ctx->arena, why.msg));
    }
    return trp_err_set(&ctx->err, TRP_EINVAL, "no valid pain rating after %d tries", PROMPT_TRIES);
}

/* Scripted pass: "45" softened after 45 s, "n" or "no" held the full time. */
static int pass_scripted(struct cmd_ctx *ctx, struct term *t, int max_hold, int pass, int *secs,
                         int *softened)
{
    for (int tries = 0; tries < PROMPT_TRIES; tries++) {
        char *line;
        char *q = arena_printf(ctx->arena, "  pass %d: seconds until it softened, or n:", pass);
        int rc = ask_line(ctx, t, q, &line);
        if (rc)
            return rc;
        if (!strcasecmp(line, "n") || !strcasecmp(line, "no")) {
            *secs = max_hold;
            *softened = 0;
            return 0;
        }
        struct trp_err why = {0};
        if (args_int("seconds", line, 1, 600, secs, &why) == 0) {
            *softened = 1;
            return 0;
        }
        fprintf(ctx->out, "  %s; give seconds (1-600) or n.\n", termsafe(ctx->arena, why.msg));
    }
    return trp_err_set(&ctx->err, TRP_EINVAL, "no valid answer after %d tries", PROMPT_TRIES);
}

static int save_point(struct cmd_ctx *ctx, struct store *s, const struct session_point *p,
                      const struct session_result *r, int *saved)
{
    struct trp_time now;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    struct entry e;
    session_to_entry(p, r, &now, &e);
    if (r->strokes > 0)
        e.note = arena_printf(ctx->arena, "%d strokes toward the heart%s", r->strokes,
                              r->interrupted ? "; session stopped early (Ctrl-C)" : "");
    if ((rc = store_entry_insert(s, &e, &ctx->err)))
        return rc;
    fputs("  saved ", ctx->out);
    entry_print_line(ctx, &e);
    (*saved)++;
    return 0;
}

static int run_point(struct cmd_ctx *ctx, struct store *s, struct term *t, int live,
                     const struct session_target *tg, int *saved)
{
    const struct session_point *p = &tg->point;
    struct session_result r = {ENTRY_UNSET, ENTRY_UNSET, 0, 0, 0, 0, 0};
    fprintf(ctx->out, "\n== %s (%s), %s\n", p->muscle_name, p->side, p->technique);
    session_target_print(ctx, tg);
    int rc = ask_pain(ctx, t, "Pain right now, 0-10:", &r.pain_before);
    if (rc)
        return rc;
    int finished = 0;
    while (!finished && !interrupted) {
        int pass = r.passes_done + 1;
        if (!strcmp(p->technique, "friction")) {
            char *line;
            int strokes = 0;
            fprintf(ctx->out, "  Round %d: slow strokes toward the heart (%s).\n", pass,
                    tg->friction_direction ? tg->friction_direction : "toward the heart");
            for (int tries = 0; tries < PROMPT_TRIES; tries++) {
                if ((rc = ask_line(ctx, t, "  How many strokes did you do?", &line)))
                    break;
                struct trp_err why = {0};
                if (args_int("strokes", line, 1, 200, &strokes, &why) == 0)
                    break;
                fprintf(ctx->out, "  %s; give a number of strokes.\n", termsafe(ctx->arena, why.msg));
                strokes = 0;
            }
            if (rc)
                break;
            if (!strokes)
                return trp_err_set(&ctx->err, TRP_EINVAL, "no valid stroke count");
            r.strokes += strokes;
            finished = session_pass_done(p, &r, 0, 0);
            if (!finished) {
                char *more;
                if ((rc = ask_line(ctx, t, "  Another round? [y/n]", &more)))
                    break;
                if (more[0] != 'y' && more[0] != 'Y')
                    finished = 1;
            }
            continue;
        }
        fprintf(ctx->out, "  Pass %d of up to %d: press steadily at the spot%s.\n", pass,
                p->max_passes, tg->max_pressure < 10 ? " with LIGHT pressure" : "");
        int secs = 0, softened = 0;
        if (live) {
            char *go;
            if ((rc = ask_line(ctx, t, "  Press Enter to start the timer.", &go)))
                break;
            term_raw(t);
            secs = hold_live(ctx, p->max_hold, &softened);
        } else if ((rc = pass_scripted(ctx, t, p->max_hold, pass, &secs, &softened))) {
            break;
        }
        if (interrupted) {
            /* The pass in progress counts: the person did hold the point. */
            r.interrupted = 1;
            session_pass_done(p, &r, secs, 0);
            break;
        }
        finished = session_pass_done(p, &r, secs, softened);
        if (!finished && live) {
            rest_live(ctx, p->rest_seconds);
            term_restore(t);
        }
    }
    term_restore(t);
    if (interrupted) {
        r.interrupted = 1;
        if (r.passes_done > 0 || r.strokes > 0)
            return save_point(ctx, s, p, &r, saved);
        return 0;
    }
    if (rc)
        return rc;
    if ((rc = ask_pain(ctx, t, "Pain now, 0-10:", &r.pain_after)))
        return rc;
    return save_point(ctx, s, p, &r, saved);
}

static int cmd_session_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    static const struct option opts[] = {
        {"side", required_argument, NULL, 's'},
        {"where", required_argument, NULL, 'w'},
        {"practitioner", no_argument, NULL, 'p'},
        {"friction", no_argument, NULL, 'f'},
        {"passes", required_argument, NULL, 'n'},
        {NULL, 0, NULL, 0},
    };
    struct session_request req = {0};
    req.max_passes = 3;
    int opt;
    opterr = 0;
    optind = 0;
    while ((opt = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (opt) {
        case 's': req.side = optarg; break;
        case 'w': req.where = optarg; break;
        case 'p': req.performer = "practitioner"; break;
        case 'f': req.friction = 1; break;
        case 'n': {
            int rc = args_int("--passes", optarg, 1, 10, &req.max_passes, &ctx->err);
            if (rc)
                return rc;
            break;
        }
        default:
            return cmd_usage(ctx, &cmd_session_entry,
                             arena_printf(ctx->arena, "bad option %s", argv[optind - 1]));
        }
    }
    req.muscles = (const char **)argv + optind;
    req.n_muscles = (size_t)(argc - optind);
    if (!req.n_muscles && !req.where)
        return cmd_usage(ctx, &cmd_session_entry, "name a muscle or say --where it hurts");

    struct store *s;
    int rc = cmd_store(ctx, &s);
    if (rc)
        return rc;
    struct intake in;
    struct store_intake rec;
    rc = intake_load_latest(ctx, s, &in, &rec);
    if (rc == TRP_ENOTFOUND)
        return trp_err_set(&ctx->err, TRP_ECONFLICT,
                           "answer the safety questions first: run 'trp intake'");
    if (rc)
        return rc;
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(&in, flags);
    if (nf && !rec.acknowledged_at)
        return trp_err_set(&ctx->err, TRP_ECONFLICT,
                           "your intake reports %zu red flag(s): read the advice with 'trp intake "
                           "--show', see a clinician, then acknowledge with 'trp intake --acknowledge'",
                           nf);
    for (size_t i = 0; i < nf; i++)
        fprintf(ctx->out, "Reminder (red flag): %s. %s\n", flags[i].what, flags[i].advice);

    struct session_target *targets;
    size_t n;
    if ((rc = session_targets_build(ctx, &req, &in, &targets, &n)))
        return rc;
    int live = isatty(STDIN_FILENO) && ctx->in == stdin;
    struct term t = {0};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &old);
    interrupted = 0;
    int saved = 0;
    for (size_t i = 0; i < n && !rc && !interrupted; i++) {
        if (targets[i].blocked) {
            fprintf(ctx->out, "\n== %s (%s): skipped.\n", targets[i].point.muscle_name,
                    targets[i].point.side);
            for (size_t k = 0; k < targets[i].verdict.n_reasons; k++)
                fprintf(ctx->out, "  %s\n", targets[i].verdict.reasons[k]);
            continue;
        }
        rc = run_point(ctx, s, &t, live, &targets[i], &saved);
    }
    term_restore(&t);
    sigaction(SIGINT, &old, NULL);
    if (interrupted) {
        fprintf(ctx->out, "\nStopped. %d point(s) saved.\n", saved);
        return 0;
    }
    if (rc)
        return rc;
    fprintf(ctx->out, "\nSession done: %d point(s) saved. See them with 'trp list --kind treatment'.\n",
            saved);
    return 0;
}

const struct cmd_entry cmd_session_entry = {
    .name = "session",
    .usage = "[MUSCLE...] [--where PHRASE] [--side left|right] [--friction] [--passes N] "
             "[--practitioner]",
    .summary = "A guided, timed treatment of trigger points, recorded as you go.",
    .help = "  Name muscles (ids or aliases, see 'trp muscles') or say --where it hurts to treat\n"
            "  the top candidates. Needs a completed 'trp intake'; red flags must be\n"
            "  acknowledged first, and precautions narrow what is offered.\n"
            "  On a terminal: press Enter to start each hold, Enter again when the point\n"
            "  softens, s to end a pass; Ctrl-C saves what was done and stops.\n"
            "  Scripted (standard input not a terminal): one line per answer.\n",
    .exec = cmd_session_exec,
};
