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
#include <sys/ioctl.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "app/safety_gate.h"
#include "base/strbuf.h"
#include "base/termsafe.h"
#include "base/timeutil.h"
#include "cmd/args.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/entry_print.h"
#include "cmd/prompt.h"
#include "cmd/say.h"
#include "app/session_targets.h"
#include "core/safety.h"
#include "core/session.h"
#include "kb/muscle.h"
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
    /* Already raw: saving the raw settings now would make "restore" keep it raw. */
    if (t->raw)
        return;
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


/* What the person is asked to do, for the person themselves or for a practitioner treating
 * a client. */
struct voice {
    int practitioner;
    int width;
};

static const char *pain_question(const struct voice *v, int after)
{
    if (v->practitioner)
        return after ? "Client's pain now, 0-10:" : "Client's pain right now, 0-10:";
    return after ? "Pain now, 0-10:" : "Pain right now, 0-10:";
}

/* Where each trigger point is and how to find it, how to position, the tool, the pressure
 * (capped by the safety gate), endangerment sites, cautions and the gate's notes. */
static void print_target(struct cmd_ctx *ctx, const struct voice *vo, const struct session_target *t)
{
    const struct muscle *m = t->muscle;
    int w = vo->width;
    for (size_t i = 0; i < m->n_tp; i++) {
        SAYF(ctx, w, "", 4, "  Point %zu of %zu (%s): %s", i + 1, m->n_tp, m->tp[i].name,
             m->tp[i].location);
        if (!vo->practitioner)
            SAYF(ctx, w, "", 6, "    Find it: %s", m->tp[i].how_to_find);
    }
    if (vo->practitioner)
        say(ctx, w, "", 4, "  Find it: palpate across the fibres at each point for a taut band with a "
                           "spot that reproduces the client's familiar pain (Fernandez-de-las-Penas & "
                           "Dommerholt, Pain Med 2018).");
    if (vo->practitioner) {
        say(ctx, w, "", 4, "  Position: settle the client so that the muscle is relaxed and "
                           "supported, and the point is within easy reach.");
        say(ctx, w, "", 4, "  Tool: your thumb or fingertips, or a pressure bar; work within "
                           "what the client reports.");
    } else {
        SAYF(ctx, w, "", 4, "  Position: %s", m->position);
        SAYF(ctx, w, "", 4, "  Tool: %s", m->tool);
    }
    if (t->max_pressure < SAFETY_NO_CAP)
        SAYF(ctx, w, "", 4, "  Pressure: LIGHT, at most %d of 10 (see the notes below).", t->max_pressure);
    else
        SAYF(ctx, w, "", 4, "  Pressure: %s.", m->pressure);
    if (m->n_endangerment) {
        struct strbuf sb;
        strbuf_init(&sb, 4096);
        strbuf_adds(&sb, "  Take care near:");
        for (size_t i = 0; i < m->n_endangerment; i++)
            strbuf_addf(&sb, "%s %s", i ? "," : "", m->endangerment[i]);
        strbuf_adds(&sb, " (endangerment sites: vessels and nerves run close to the surface)");
        say(ctx, w, "", 4, strbuf_str(&sb));
        strbuf_release(&sb);
    }
    for (size_t i = 0; i < m->n_cautions; i++)
        SAYF(ctx, w, "", 4, "  Caution: %s", m->cautions[i]);
    for (size_t i = 0; i < t->verdict.n_reasons; i++)
        SAYF(ctx, w, "", 4, "  Note: %s", t->verdict.reasons[i]);
}

/* What a key or answer asks for besides its value. */
enum step {
    STEP_GO,
    STEP_SKIP, /* s: leave this muscle (what was done is saved) */
    STEP_QUIT, /* q: stop the session (what was done is saved) */
};

/* One compression hold on the terminal: returns seconds held and sets *softened. Keys:
 * Enter or space = softened, s = stop this pass without release, q = quit the session. */
static int hold_live(struct cmd_ctx *ctx, int max_hold, int *softened, enum step *step)
{
    double start = now_seconds();
    int shown = -1;
    *softened = 0;
    *step = STEP_GO;
    for (;;) {
        int sec = (int)(now_seconds() - start);
        if (sec != shown) {
            for (int s = shown + 1; s <= sec && s <= max_hold; s++) {
                const char *cue = session_cue(s, max_hold);
                if (cue && s > 0)
                    fprintf(ctx->out, "\r\033[K  %s\n", cue);
            }
            shown = sec;
            fprintf(ctx->out, "\r\033[K  pressing %d:%02d / %d:%02d  [Enter] softened [s] end pass [q] quit",
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
                    fprintf(ctx->out, "\n  Pass ended after %d s without softening.\n", sec);
                    return sec;
                }
                if (c == 'q' || c == 'Q') {
                    fprintf(ctx->out, "\n  Stopped after %d s.\n", sec);
                    *step = STEP_QUIT;
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

/* Reads a line in raw or cooked mode alike. End of input is TRP_ECONFLICT "input ended". */
static int ask_line(struct cmd_ctx *ctx, struct term *t, const char *q, char **out)
{
    int was_raw = t->raw;
    term_restore(t);
    int rc = prompt_line(ctx, q, NULL, out);
    if (was_raw)
        term_raw(t);
    if (interrupted)
        return trp_err_set(&ctx->err, TRP_ECONFLICT, "stopped");
    if (rc == TRP_ECONFLICT)
        return trp_err_set(&ctx->err, TRP_ECONFLICT, "input ended");
    return rc;
}

static enum step step_of(const char *line)
{
    if (!strcasecmp(line, "s") || !strcasecmp(line, "skip"))
        return STEP_SKIP;
    if (!strcasecmp(line, "q") || !strcasecmp(line, "quit"))
        return STEP_QUIT;
    return STEP_GO;
}

/* A pain rating, or s / q. */
static int ask_pain(struct cmd_ctx *ctx, struct term *t, const char *q, int *out, enum step *step)
{
    *step = STEP_GO;
    for (int tries = 0; tries < PROMPT_TRIES; tries++) {
        char *line;
        int rc = ask_line(ctx, t, q, &line);
        if (rc)
            return rc;
        if ((*step = step_of(line)) != STEP_GO)
            return 0;
        struct trp_err why = {0};
        if (args_int("pain", line, 0, 10, out, &why) == 0)
            return 0;
        fprintf(ctx->out, "  %s; please answer 0-10 (or s to skip this muscle, q to quit).\n",
                termsafe(ctx->arena, why.msg));
    }
    return trp_err_set(&ctx->err, TRP_EINVAL, "no valid pain rating after %d tries", PROMPT_TRIES);
}

/* Scripted pass: "45" softened after 45 s, "n" or "no" held the full time; s / q. */
static int pass_scripted(struct cmd_ctx *ctx, struct term *t, int max_hold, const char *q, int *secs,
                         int *softened, enum step *step)
{
    *step = STEP_GO;
    for (int tries = 0; tries < PROMPT_TRIES; tries++) {
        char *line;
        int rc = ask_line(ctx, t, q, &line);
        if (rc)
            return rc;
        if ((*step = step_of(line)) != STEP_GO)
            return 0;
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
        fprintf(ctx->out, "  %s; give seconds (1-600), n, s (skip muscle) or q (quit).\n",
                termsafe(ctx->arena, why.msg));
    }
    return trp_err_set(&ctx->err, TRP_EINVAL, "no valid answer after %d tries", PROMPT_TRIES);
}

/* "90s, 3s softened" */
static const char *passes_text(struct arena *a, const struct session_result *r)
{
    char *s = arena_strdup(a, "");
    for (size_t i = 0; i < r->n_pass; i++)
        s = arena_printf(a, "%s%s%ds%s", s, i ? ", " : "", r->pass[i].seconds,
                         r->pass[i].softened ? " softened" : "");
    return s;
}

/* Saves the entry and its passes in one transaction. */
static int save_point(struct cmd_ctx *ctx, struct store *s, const struct session_point *p,
                      const struct session_result *r, const char *why_early, int *saved)
{
    struct trp_time now;
    int rc = trp_time_now(&now, &ctx->err);
    if (rc)
        return rc;
    struct entry e;
    session_to_entry(p, r, &now, &e);
    if (why_early)
        e.note = arena_printf(ctx->arena, "session stopped early (%s)", why_early);
    if (r->strokes > 0)
        e.note = arena_printf(ctx->arena, "%d strokes toward the heart%s%s", r->strokes,
                              why_early ? "; session stopped early: " : "", why_early ? why_early : "");
    /* The entry carries its passes, so export, edit history and reports see them too. */
    struct entry_pass *sp = r->n_pass ? arena_zalloc(ctx->arena, r->n_pass, sizeof *sp) : NULL;
    for (size_t i = 0; i < r->n_pass; i++)
        sp[i] = (struct entry_pass){r->pass[i].seconds, r->pass[i].softened};
    e.treat.per_pass = sp;
    e.treat.n_per_pass = r->n_pass;
    if (r->n_pass)
        e.treat.passes = (int)r->n_pass;
    if ((rc = store_entry_insert(s, &e, &ctx->err)))
        return rc;
    fputs("  saved ", ctx->out);
    entry_print_line(ctx, &e);
    (*saved)++;
    return 0;
}

/* One muscle: its trigger points in turn, passes at each, pain before and after. Returns
 * 0 with *step telling whether the person skipped the muscle or quit the session. */
static int run_point(struct cmd_ctx *ctx, struct store *s, struct term *t, int live,
                     const struct voice *vo, const struct session_target *tg, int *saved,
                     enum step *step)
{
    const struct session_point *p = &tg->point;
    const struct muscle *m = tg->muscle;
    struct session_result r = {.pain_before = ENTRY_UNSET, .pain_after = ENTRY_UNSET};
    *step = STEP_GO;
    fprintf(ctx->out, "\n== %s (%s), %s\n", p->muscle_name, p->side, p->technique);
    print_target(ctx, vo, tg);
    int rc = ask_pain(ctx, t, pain_question(vo, 0), &r.pain_before, step);
    if (rc)
        return rc;
    if (*step != STEP_GO) {
        fprintf(ctx->out, "  %s %s: nothing saved for it.\n",
                *step == STEP_QUIT ? "Stopped before" : "Skipped", p->muscle_name);
        return 0;
    }
    const char *early = NULL;
    if (!strcmp(p->technique, "friction")) {
        int finished = 0;
        while (!finished && !interrupted) {
            char *line;
            int strokes = 0;
            SAYF(ctx, vo->width, "", 4, "  Round %d: slow strokes toward the heart (%s).", r.passes_done + 1,
                 tg->friction_direction ? tg->friction_direction : "toward the heart");
            for (int tries = 0; tries < PROMPT_TRIES && !rc; tries++) {
                if ((rc = ask_line(ctx, t, "  How many strokes (s skip, q quit)?", &line)))
                    break;
                if ((*step = step_of(line)) != STEP_GO)
                    break;
                struct trp_err why = {0};
                if (args_int("strokes", line, 1, 200, &strokes, &why) == 0)
                    break;
                fprintf(ctx->out, "  %s; give a number of strokes.\n", termsafe(ctx->arena, why.msg));
                strokes = 0;
            }
            if (rc || *step != STEP_GO)
                break;
            if (!strokes)
                return trp_err_set(&ctx->err, TRP_EINVAL, "no valid stroke count");
            r.strokes += strokes;
            session_pass_done_at(p, &r, 0, 0, 0);
            r.n_pass = 0; /* friction rounds are counted in strokes, not holds */
            finished = r.passes_done >= p->max_passes;
            if (!finished) {
                char *more;
                if ((rc = ask_line(ctx, t, "  Another round? [y/n]", &more)))
                    break;
                if (more[0] != 'y' && more[0] != 'Y')
                    finished = 1;
            }
        }
    } else {
        /* Compression: each trigger point in turn, passes until it softens or the pass limit. */
        for (size_t k = 0; k < m->n_tp && !rc && *step == STEP_GO && !interrupted; k++) {
            const char *tp_name = m->tp[k].name;
            SAYF(ctx, vo->width, "", 4, "  Now point %zu of %zu (%s).", k + 1, m->n_tp, tp_name);
            int point_done = 0;
            while (!point_done && !interrupted && r.n_pass < SESSION_MAX_PASSES) {
                int pass = session_passes_at(&r, (int)k) + 1;
                SAYF(ctx, vo->width, "", 4, "  Pass %d of up to %d at point %zu (%s): %s%s.", pass,
                     p->max_passes, k + 1, tp_name,
                     vo->practitioner ? "press steadily on the point; ask the client to say when "
                                        "the tenderness eases"
                                      : "press steadily on the point",
                     tg->max_pressure < SAFETY_NO_CAP ? ", LIGHT pressure only" : "");
                int secs = 0, softened = 0;
                if (live) {
                    char *go;
                    /* Once a pass is done, s no longer skips the muscle: it ends it, and
                     * what was done is saved, so the key says so. */
                    if ((rc = ask_line(ctx, t,
                                       r.n_pass ? "  [Enter] start the timer  [s] done with this muscle  [q] quit:"
                                                : "  [Enter] start the timer  [s] skip this muscle  [q] quit:",
                                       &go)))
                        break;
                    if ((*step = step_of(go)) != STEP_GO)
                        break;
                    term_raw(t);
                    secs = hold_live(ctx, p->max_hold, &softened, step);
                } else {
                    char *q = arena_printf(ctx->arena, "  pass %d: seconds until it softened, or n:", pass);
                    if ((rc = pass_scripted(ctx, t, p->max_hold, q, &secs, &softened, step)))
                        break;
                    if (*step != STEP_GO)
                        break;
                }
                if (interrupted) {
                    /* The pass in progress counts: the person did hold the point. */
                    session_pass_done_at(p, &r, (int)k, secs, 0);
                    break;
                }
                point_done = session_pass_done_at(p, &r, (int)k, secs, softened);
                if (*step == STEP_QUIT)
                    break;
                if (softened && live) {
                    /* After a point softens: another pass here, the next point, or on. */
                    char *next;
                    const char *q = k + 1 < m->n_tp
                                        ? "  [Enter] next point  [a] another pass here  [s] done with this muscle  [q] quit:"
                                        : "  [Enter] finish this muscle  [a] another pass here  [q] quit:";
                    if ((rc = ask_line(ctx, t, q, &next)))
                        break;
                    if (!strcasecmp(next, "a"))
                        point_done = r.n_pass >= SESSION_MAX_PASSES;
                    else if ((*step = step_of(next)) != STEP_GO)
                        break;
                }
                if (!point_done && live) {
                    rest_live(ctx, p->rest_seconds);
                    term_restore(t);
                }
            }
        }
    }
    term_restore(t);
    if (interrupted)
        early = "Ctrl-C";
    else if (rc == TRP_ECONFLICT)
        early = "input ended";
    else if (*step == STEP_QUIT)
        early = "quit";
    if (rc && rc != TRP_ECONFLICT)
        return rc;
    int done = r.passes_done > 0 || r.strokes > 0;
    if (early) {
        r.interrupted = 1;
        if (!done) {
            fprintf(ctx->out, "  Nothing saved for %s.\n", p->muscle_name);
            return rc;
        }
        if (r.n_pass)
            fprintf(ctx->out, "  Passes: %s.\n", passes_text(ctx->arena, &r));
        int src = save_point(ctx, s, p, &r, early, saved);
        return src ? src : rc;
    }
    if (!done) {
        fprintf(ctx->out, "  Skipped %s: nothing saved for it.\n", p->muscle_name);
        return 0;
    }
    enum step after_step;
    if ((rc = ask_pain(ctx, t, pain_question(vo, 1), &r.pain_after, &after_step))) {
        if (rc != TRP_ECONFLICT)
            return rc;
        int src = save_point(ctx, s, p, &r, "input ended", saved);
        return src ? src : rc;
    }
    if (after_step == STEP_QUIT)
        *step = STEP_QUIT;
    if (r.n_pass)
        fprintf(ctx->out, "  Passes: %s.\n", passes_text(ctx->arena, &r));
    return save_point(ctx, s, p, &r, NULL, saved);
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
    struct safety_gate g;
    if ((rc = safety_gate_load(s, ctx->arena, &g, &ctx->err)))
        return rc;

    struct session_target *targets;
    size_t n;
    if ((rc = session_targets_build(ctx->arena, &req, &g, &targets, &n, &ctx->err)))
        return rc;
    /* Every muscle blocked: nothing to do, and the person must hear why (exit 1). */
    size_t open = 0;
    for (size_t i = 0; i < n; i++)
        open += !targets[i].blocked;
    if (!open) {
        const struct session_target *b = &targets[0];
        const char *why = b->verdict.n_reasons ? b->verdict.reasons[0] : "the safety gate says no";
        if (b->verdict.urgent)
            return trp_err_set(&ctx->err, TRP_ECONFLICT, "no self-treatment now. %s See: %s.", why,
                               b->verdict.see ? b->verdict.see : "a doctor");
        return trp_err_set(&ctx->err, TRP_ECONFLICT, "%s (%s) is not offered: %s", b->point.muscle_name,
                           b->point.side, why);
    }
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(&g.in, flags);
    int live = isatty(STDIN_FILENO) && ctx->in == stdin;
    struct voice vo = {req.performer != NULL, say_width(ctx)};
    for (size_t i = 0; i < nf; i++)
        SAYF(ctx, vo.width, "", 4, "Reminder (%s): %s. %s", flags[i].urgent ? "urgent sign, cleared" : "red flag",
             flags[i].what, flags[i].advice);
    /* The place itself can be a warning sign: say so before guiding pressure there. */
    const char *notes[SAFETY_MAX_PLACE_NOTES];
    size_t nnotes = session_place_warnings(&req, notes, SAFETY_MAX_PLACE_NOTES);
    for (size_t i = 0; i < nnotes; i++)
        say(ctx, vo.width, "WARNING - ", 4, notes[i]);
    struct term t = {0};
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, &old);
    interrupted = 0;
    int saved = 0, quit = 0;
    for (size_t i = 0; i < n && !rc && !interrupted && !quit; i++) {
        if (targets[i].blocked) {
            fprintf(ctx->out, "\n== %s (%s): skipped by the safety gate.\n", targets[i].point.muscle_name,
                    targets[i].point.side);
            for (size_t k = 0; k < targets[i].verdict.n_reasons; k++)
                say(ctx, vo.width, "  ", 4, targets[i].verdict.reasons[k]);
            continue;
        }
        enum step step;
        rc = run_point(ctx, s, &t, live, &vo, &targets[i], &saved, &step);
        quit = step == STEP_QUIT;
    }
    term_restore(&t);
    sigaction(SIGINT, &old, NULL);
    const char *list = saved ? " See them with 'trp list --kind treatment'." : "";
    if (interrupted || quit) {
        fprintf(ctx->out, "\nStopped. %d muscle%s saved.%s\n", saved, saved == 1 ? "" : "s", list);
        return 0;
    }
    if (rc == TRP_ECONFLICT)
        return trp_err_set(&ctx->err, TRP_ECONFLICT,
                           "input ended before the session was finished; %d muscle%s saved%s", saved,
                           saved == 1 ? "" : "s", saved ? " (see 'trp list --kind treatment')" : "");
    if (rc)
        return rc;
    fprintf(ctx->out, "\nSession done: %d muscle%s saved.%s\n", saved, saved == 1 ? "" : "s", list);
    return 0;
}

const struct cmd_entry cmd_session_entry = {
    .name = "session",
    .usage = "[MUSCLE...] [--where PHRASE] [--side left|right] [--friction] [--passes N] "
             "[--practitioner]",
    .summary = "A guided, timed treatment of trigger points, recorded as you go.",
    .help = "  Name muscles (ids or aliases, see 'trp muscles') or say --where it hurts to treat\n"
            "  the top candidates. Every muscle goes through the safety gate ('trp safety'):\n"
            "  it needs a completed 'trp intake', urgent signs need a clinician's clearance,\n"
            "  other red flags an acknowledgement, and precautions skip a muscle or cap the\n"
            "  pressure. When every muscle named is blocked, the session exits 1 with why.\n"
            "  Each trigger point of a muscle is named with where it is and how to find it.\n"
            "  On a terminal: Enter starts a hold and Enter again marks that the point\n"
            "  softened; then Enter goes to the next point, a does another pass there.\n"
            "  During a hold s ends the pass unsoftened; at a prompt s skips the muscle; q\n"
            "  quits (what was done is saved); Ctrl-C saves what was done and stops.\n"
            "  Every pass's hold and whether the point softened is stored.\n"
            "  Scripted (standard input not a terminal): one line per answer: pain before;\n"
            "  per pass the seconds until it softened or n; pain after; s or q as above.\n"
            "  --practitioner words the guidance for a therapist treating a client.\n",
    .exec = cmd_session_exec,
};
