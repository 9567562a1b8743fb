/*
 * `trp demo`: fills an empty database with ten weeks of a simulated diary (one transaction),
 * then shows the main job on it: the flare-ups, the perpetuating-factor analysis and the
 * progress verdict, by running those commands.
 */
#include <string.h>

#include "base/timeutil.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/plugin.h"
#include "core/simulate.h"
#include "store/store.h"

struct demo_state {
    struct store *s;
    struct trp_err *err;
    long counts[ENTRY_KIND_COUNT];
};

static int demo_insert(const struct entry *e, void *data)
{
    struct demo_state *st = data;
    struct entry copy = *e;
    int rc = store_entry_insert(st->s, &copy, st->err);
    if (!rc)
        st->counts[e->kind]++;
    return rc;
}

static int cmd_demo_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    (void)argv;
    if (argc > 1)
        return cmd_usage(ctx, &cmd_demo_entry, "demo takes no arguments");
    struct store *s;
    int rc = cmd_store(ctx, &s);
    if (rc)
        return rc;
    struct store_query q;
    store_query_init(&q);
    q.include_deleted = 1;
    int64_t existing = 0;
    if ((rc = store_entry_count(s, &q, &existing, &ctx->err)))
        return rc;
    if (existing)
        return trp_err_set(&ctx->err, TRP_ECONFLICT,
                           "%s already holds %lld entries: the demo needs a new database "
                           "(trp --db demo.db demo)", ctx->db_path, (long long)existing);
    struct trp_time now;
    if ((rc = trp_time_now(&now, &ctx->err)))
        return rc;
    struct sim_config c;
    sim_config_default(&c);
    c.seed = 7;
    c.start_day = trp_time_local_day(&now) - c.days;
    c.offset_min = now.offset_min;
    struct demo_state st = {s, &ctx->err, {0}};
    struct sim_truth truth;
    if ((rc = store_begin(s, &ctx->err)))
        return rc;
    rc = sim_generate(&c, ctx->arena, demo_insert, &st, &truth);
    if (rc) {
        store_rollback(s);
        return rc;
    }
    if ((rc = store_commit(s, &ctx->err)))
        return rc;
    long total = 0;
    for (int k = 0; k < ENTRY_KIND_COUNT; k++)
        total += st.counts[k];
    int64_t y;
    int mo, d;
    trp_civil_from_days(c.start_day, &y, &mo, &d);
    fprintf(ctx->out,
            "Demo diary: %ld entries over %d days from %04lld-%02d-%02d (pain %ld, tasks %ld, "
            "factors %ld, treatments %ld) in %s\n",
            total, c.days, (long long)y, mo, d, st.counts[ENTRY_PAIN], st.counts[ENTRY_TASK],
            st.counts[ENTRY_FACTOR], st.counts[ENTRY_TREATMENT], ctx->db_path);
    fputs("The simulated person has neck and shoulder pain with headaches at the right temple;\n"
          "long computer days raise the chance of a flare the next day (planted, for the demo).\n\n",
          ctx->out);

    /* The main job, with the same commands a person would run next. */
    char *rec_argv[] = {"recurrences", NULL};
    char *ana_argv[] = {"analyze", NULL};
    char *pro_argv[] = {"progress", NULL};
    fputs("== trp recurrences\n", ctx->out);
    if ((rc = cmd_recurrences_entry.exec(ctx, 1, rec_argv)))
        return rc;
    fputs("\n== trp analyze\n", ctx->out);
    if ((rc = cmd_analyze_entry.exec(ctx, 1, ana_argv)))
        return rc;
    fputs("\n== trp progress\n", ctx->out);
    if ((rc = cmd_progress_entry.exec(ctx, 1, pro_argv)))
        return rc;
    /* The report a person would bring to an appointment, next to the database. */
    const struct cmd_entry *report;
    struct trp_err perr = {0};
    char *pdf = arena_printf(ctx->arena, "%s.report.pdf", ctx->db_path);
    char *rep_argv[] = {"report", "-o", pdf, NULL};
    if (cmd_plugin_resolve(&cmd_report_proxy, &report, &perr) == 0 &&
        report->exec(ctx, 3, rep_argv) == 0)
        fprintf(ctx->out, "\nThe clinician report is in %s\n", pdf);
    else
        fprintf(ctx->out, "\n(no report: %s)\n", perr.msg[0] ? perr.msg : ctx->err.msg);
    fprintf(ctx->out, "\nNext, try:\n  trp --db %s where --from-diary\n  trp --db %s report -o report.pdf\n"
                      "  trp --db %s chart timeline -o timeline.svg\n  trp --db %s list --since -2d\n",
            ctx->db_path, ctx->db_path, ctx->db_path, ctx->db_path);
    return 0;
}

const struct cmd_entry cmd_demo_entry = {
    .name = "demo",
    .usage = "",
    .summary = "Fill a new database with ten weeks of a simulated diary and show the main job.",
    .help = "  Refuses a database that already holds entries. Use with --db, as in\n"
            "  'trp --db demo.db demo'.\n",
    .exec = cmd_demo_exec,
};
