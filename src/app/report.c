/*
 * The report's sections (see report.h), each from the one source the commands use: the
 * intake and safety gate (app/safety_gate.h), the chart data (app/chart_gather.h), the
 * progress status (core/progress.h) and the plan. A section whose data is missing says so
 * in one honest line.
 */
#include "app/report.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/plan.h"
#include "app/safety_gate.h"
#include "base/strbuf.h"
#include "base/timeutil.h"
#include "core/intake.h"
#include "core/plan.h"
#include "core/progress.h"
#include "core/region.h"
#include "render/chart.h"
#include "render/module.h"
#include "render/render.h"
#include "render/report_pdf.h"
#include "store/store_clinic.h"

#define REPORT_MAX_ROWS 8

struct report_ctx {
    struct arena *a;
    struct trp_err *err;
    struct store *s;
    int client;
    struct chart_gather g;
    int clinician;
    int have_intake;
    struct intake intake;
    struct store_intake rec;
    struct store_plan_item *plan;
    size_t n_plan;
};

static const char *day_text(struct report_ctx *r, int64_t day)
{
    char buf[CHART_DATE_BUF];
    return arena_strdup(r->a, chart_date(day, 2, buf));
}

static const char *utc_day_text(struct report_ctx *r, int64_t utc)
{
    return day_text(r, trp_local_day_of(utc));
}

/* Precautions ticked at intake, in the words a therapist needs. */
static const struct {
    const char *id;
    const char *clinician, *patient;
} precautions[] = {
    {"anticoagulants", "Anticoagulants: light pressure only (at most 3/10); check with the prescriber.",
     "You take blood thinners: press lightly only, and ask your doctor first."},
    {"dvt_history", "History of DVT or thrombophlebitis: no compression or friction on the legs.",
     "You have had a blood clot in a leg: no pressing or rubbing on your legs."},
    {"varicose_veins", "Varicose veins (%s): not over them or further down that limb.",
     "Varicose veins (%s): do not press on them or below them."},
    {"bleeding_disorder", "Bleeding disorder or low platelets: light pressure only (at most 3/10).",
     "You bruise or bleed easily: press lightly only, and ask your doctor first."},
    {"neuropathy", "Reduced sensation: light pressure only (at most 3/10), not on numb skin.",
     "Some of your skin feels less: press lightly only, and not on numb skin."},
    {"active_cancer", "Cancer now or in treatment: light pressure only (at most 3/10), not over a "
                      "tumour, port or irradiated skin; involve the oncology team.",
     "You have cancer now: press lightly only, never over a tumour or treated skin; ask your "
     "cancer team."},
    {"long_term_steroids", "Long-term steroids: light pressure only (at most 4/10), not over bone.",
     "You take steroid tablets long term: press lightly only, not over bone."},
    {"pregnancy", "Pregnancy: no abdominal, groin or pelvic work; no deep calf work (light "
                  "pressure, at most 3/10); involve the midwife or doctor.",
     "You are pregnant: no pressure on the belly and only light pressure on the calves; ask "
     "your midwife or doctor."},
    {"recent_birth", "Birth in the last six weeks: no abdominal or pelvic work; light calf "
                     "pressure only (clot risk).",
     "You gave birth recently: no pressure on the belly and only light pressure on the calves."},
    {"recent_injury", "Recent injury or surgery (%s): no deep work there.",
     "A recent injury (%s): leave that place alone until it has healed."},
    {"skin_problems", "Skin problems (%s): no work over them.",
     "Skin problems (%s): do not press or rub there."},
};

static const char *region_list(struct report_ctx *r, const struct intake_answer *a)
{
    struct strbuf sb;
    strbuf_init(&sb, 4096);
    for (size_t i = 0; i < a->n_regions; i++) {
        const struct region *reg = region_find(a->regions[i]);
        strbuf_addf(&sb, "%s%s", i ? ", " : "", reg ? reg->label : a->regions[i]);
    }
    const char *out = arena_strdup(r->a, strbuf_str(&sb));
    strbuf_release(&sb);
    return out;
}

static void section_safety(struct report_ctx *r, struct report_doc *d)
{
    report_heading(d, r->clinician ? "Red flags and precautions" : "Safety first");
    if (!r->have_intake) {
        report_alert(d, r->clinician
                            ? "No intake on record: red flags and precautions were not screened. "
                              "Ask the patient to run 'trp intake'."
                            : "You have not answered the safety questions yet. Run 'trp intake' "
                              "before treating yourself.");
        return;
    }
    struct intake_flag flags[INTAKE_MAX_FLAGS];
    size_t nf = intake_red_flags(&r->intake, flags), nu = 0;
    /* Urgent flags first, with what to do now and their own source. */
    for (size_t i = 0; i < nf; i++)
        if (flags[i].urgent) {
            nu++;
            report_alert(d, "URGENT - %s: %s (%s)", flags[i].what, flags[i].advice, flags[i].source);
        }
    for (size_t i = 0; i < nf; i++)
        if (!flags[i].urgent)
            report_alert(d, "%s: %s (%s)", flags[i].what, flags[i].advice, flags[i].source);
    if (nu && r->rec.cleared_at)
        report_note(d, r->clinician ? "Cleared for self-treatment by %s on %s."
                                    : "%s cleared you for self-treatment on %s.",
                    r->rec.cleared_by ? r->rec.cleared_by : "a clinician",
                    utc_day_text(r, r->rec.cleared_at));
    else if (nu)
        report_alert(d, r->clinician ? "Not yet cleared by a clinician: self-treatment is locked."
                                     : "Self-treatment stays locked until a clinician has seen you "
                                       "and you record it with 'trp intake --cleared-by NAME'.");
    if (r->intake.missing)
        report_alert(d, "This intake predates the question \"%s\": %s", r->intake.missing,
                     r->clinician ? "ask the patient to retake 'trp intake'."
                                  : "answer the safety questions again with 'trp intake'.");
    if (nf == 0)
        report_para(d, r->clinician ? "No red flags reported at intake on %s."
                                    : "At your check on %s you reported no warning signs.",
                    utc_day_text(r, r->rec.taken_at));
    else if (r->rec.acknowledged_at)
        report_note(d, "Intake of %s; red-flag advice acknowledged on %s.",
                    utc_day_text(r, r->rec.taken_at), utc_day_text(r, r->rec.acknowledged_at));
    else
        report_note(d, "Intake of %s; the red-flag advice has not been acknowledged.",
                    utc_day_text(r, r->rec.taken_at));
    size_t np = 0;
    for (size_t i = 0; i < sizeof precautions / sizeof precautions[0]; i++) {
        const struct intake_answer *a = intake_get(&r->intake, precautions[i].id);
        if (!a->yes && a->n_regions == 0)
            continue;
        const char *fmt = r->clinician ? precautions[i].clinician : precautions[i].patient;
        if (strstr(fmt, "%s"))
            report_bullet(d, fmt, a->n_regions ? region_list(r, a) : "site not given");
        else
            report_bullet(d, "%s", fmt);
        np++;
    }
    if (np == 0)
        report_para(d, r->clinician ? "No precautions for pressure or friction reported."
                                    : "Nothing in your answers limits pressing or rubbing.");
    const char *labels[16];
    size_t nl = intake_perpetuating(&r->intake, labels, 16);
    if (nl) {
        struct strbuf sb;
        strbuf_init(&sb, 4096);
        for (size_t i = 0; i < nl; i++)
            strbuf_addf(&sb, "%s%s", i ? ", " : "", labels[i]);
        report_para(d, r->clinician ? "Perpetuating factors ticked at intake: %s."
                                    : "Things you said may keep the pain going: %s.",
                    strbuf_str(&sb));
        strbuf_release(&sb);
    }
}

static void section_period(struct report_ctx *r, struct report_doc *d)
{
    const struct chart_gather *g = &r->g;
    report_heading(d, r->clinician ? "Pain over the period" : "Your pain in this period");
    if (g->n_entries == 0) {
        report_para(d, "No entries in this period.");
        return;
    }
    if (r->clinician) {
        report_para(d, "%lld entries; %lld pain ratings on %d of %zu days; mean daily maximum "
                    "%.1f/10; %d flare%s; %lld treatment sessions.",
                    (long long)g->n_entries, (long long)g->n_pain, g->pain_days, g->n_days,
                    isnan(g->mean_daily_max) ? 0.0 : g->mean_daily_max, g->n_flares,
                    g->n_flares == 1 ? "" : "s", (long long)g->n_treatments);
    } else {
        if (g->pain_days)
            report_para(d, "You rated your pain on %d of the %zu days. On a typical day the "
                        "worst it got was %.1f out of 10.",
                        g->pain_days, g->n_days, g->mean_daily_max);
        else
            report_para(d, "You did not rate any pain in this period.");
    }
    if (g->n_med_totals) {
        struct strbuf sb;
        strbuf_init(&sb, 4096);
        for (size_t i = 0; i < g->n_med_totals && i < 6; i++)
            strbuf_addf(&sb, "%s%s (%d time%s on %d day%s)", i ? ", " : "",
                        g->med_totals[i].name, g->med_totals[i].times,
                        g->med_totals[i].times == 1 ? "" : "s", g->med_totals[i].days,
                        g->med_totals[i].days == 1 ? "" : "s");
        if (g->n_med_totals > 6)
            strbuf_addf(&sb, " and %zu more", g->n_med_totals - 6);
        report_para(d, r->clinician ? "Medication logged: %s. Left out of the factor analysis "
                                      "(taken because of pain, it would pass for a trigger)."
                                    : "Medication you logged: %s. It is not counted as a "
                                      "possible trigger: people take it because of pain.",
                    strbuf_str(&sb));
        strbuf_release(&sb);
    }
    report_chart(d, CHART_BODYMAP, &g->bodymap, r->clinician ? 215 : 270);
    double th = chart_natural_height(CHART_TIMELINE, &g->timeline, RENDER_A4_WIDTH);
    report_chart(d, CHART_TIMELINE, &g->timeline, r->clinician && th > 270 ? 270 : th);
    report_note(d, "%s", r->clinician
                             ? "Flare onsets: pain at least 2 points above the previous week's "
                               "median for 2 h or more after a quiet spell, or marked by hand "
                               "(trp recurrences). Lanes: task minutes per day, sleep hours, "
                               "stress (0-10)."
                             : "Orange lines mark flares: days your pain rose well above your "
                               "usual level. Look down each line: what did the days before it "
                               "hold?");
}

static void section_factors(struct report_ctx *r, struct report_doc *d)
{
    const struct chart_gather *g = &r->g;
    report_heading(d, r->clinician ? "Perpetuating factors" : "What may keep the pain going");
    if (g->factors_note)
        report_note(d, "%s", g->factors_note);
    if (g->factors_available && g->factors.n) {
        struct chart_factors top = g->factors;
        if (r->clinician && top.n > 10)
            top.n = 10;
        struct chart_factors *copy = arena_alloc(r->a, sizeof *copy);
        *copy = top;
        report_chart(d, CHART_FACTORS, copy, 0);
        if (!r->clinician)
            for (size_t i = 0; i < g->factors.n && i < 5; i++) {
                const struct chart_factor *f = &g->factors.items[i];
                if (strcmp(f->verdict, "likely") && strcmp(f->verdict, "possible"))
                    continue;
                /* An association in your own diary, not proof of a cause. */
                report_bullet(d, "%s: on %d days with it, a flare followed %d times. Flares "
                              "came %s often after it (%s link in your diary; a link, not "
                              "proof that it causes them).",
                              f->name, f->days_exposed, f->events_exposed,
                              strcmp(f->direction, "lowers") == 0 ? "less" : "more",
                              strcmp(f->verdict, "likely") == 0 ? "a likely" : "a possible");
            }
    } else if (g->factors_available) {
        report_note(d, "%s", g->factors.empty_message);
    } else {
        report_note(d, r->clinician ? "Perpetuating-factor analysis not available yet." :
                    "The analysis of what triggers your flares is not available yet.");
    }
    /* Absolute counts of the most frequent tasks, which stand whatever the analysis says. */
    if (g->timeline.n_tasks) {
        const char *hdr[] = {"Task", "Days done", "Total hours", "Mean per day done"};
        const char *hdr_p[] = {"Task", "Days", "Hours in all", "Minutes on a day you did it"};
        double frac[] = {0.40, 0.18, 0.18, 0.24};
        struct report_block *t = report_table(d, 4, r->clinician ? hdr : hdr_p, frac);
        for (size_t i = 0; i < g->timeline.n_tasks && i < (r->clinician ? 5u : 8u); i++) {
            const struct chart_task_total *tt = &g->task_totals[i];
            const char *cells[4] = {
                tt->name, arena_printf(r->a, "%d", tt->days),
                arena_printf(r->a, "%.1f", tt->minutes / 60),
                arena_printf(r->a, "%.0f min", tt->days ? tt->minutes / tt->days : 0)};
            report_table_row(d, t, cells);
        }
    }
}

static void section_progress(struct report_ctx *r, struct report_doc *d)
{
    const struct chart_gather *g = &r->g;
    report_heading(d, r->clinician ? "Progress" : "Is it getting better?");
    if (!g->pd) {
        report_note(d, "Progress not available.");
        return;
    }
    /* Everything below comes from the one status computation (core/progress.h), the same
     * one `trp progress` prints. */
    const struct progress_data *pd = g->pd;
    const struct progress_result *pr = &pd->result;
    if (pr->recheck_red_flags)
        report_alert(d, r->clinician ? "Worsening: re-screen red flags (trp intake)."
                                     : "Your pain is getting worse: go through the warning "
                                       "signs again (trp intake).");
    if (pr->seek_other_opinion)
        report_alert(d, r->clinician ? "Seek another opinion: %s"
                                     : "Time to see someone else about this pain: %s",
                     pr->advice);
    report_chart(d, CHART_PROGRESS, &g->progress, r->clinician ? 165 : 0);
    char trend[160], change[128];
    progress_trend_text(pr, trend, sizeof trend);
    progress_change_text(pr, change, sizeof change);
    if (pd->n_days && pr->status != PROGRESS_TOO_EARLY)
        report_para(d, r->clinician ? "Status %s. Course %s to %s (%d weeks), baseline the "
                                      "first %d days %s."
                                    : "Status: %s. Your course runs from %s to %s (%d weeks); "
                                      "the first %d days, counted %s, are the starting point.",
                    progress_status_name(pr->status), day_text(r, pd->first_day),
                    day_text(r, pd->last_day), pr->weeks, pd->config.baseline_days,
                    progress_start_text(pd->start));
    if (change[0])
        report_para(d, r->clinician ? "Pain (daily medians; now = median of the last %d weekly "
                                      "medians): %s; a change counts from %.1f points here."
                                    : "Pain (now = the middle of your last %d weeks): %s. At "
                                      "your starting level a change counts from %.1f points.",
                    pr->current_weeks, change, pr->threshold);
    if (trend[0])
        report_para(d, "Trend: %s.", trend);
    if (pr->psfs_activities)
        report_para(d, r->clinician ? "Function (PSFS, mean of %d activities): %.1f to %.1f "
                                      "(2 points on the mean count; Stratford et al. 1995)."
                                    : "What you can do (your %d activities, 0-10): from %.1f "
                                      "to %.1f. A change of 2 points counts.",
                    pr->psfs_activities, pr->psfs_first, pr->psfs_latest);
    if (pr->pgic_latest && r->clinician)
        report_para(d, "PGIC %d (%s) on %s.", pr->pgic_latest, entry_pgic_label(pr->pgic_latest),
                    day_text(r, pr->pgic_day));
    else if (pr->pgic_latest)
        report_para(d, "On %s you rated yourself %s since you started.",
                    day_text(r, pr->pgic_day), entry_pgic_label(pr->pgic_latest));
    if (!pr->seek_other_opinion)
        report_para(d, "%s", pr->advice);
}

static void section_treatment(struct report_ctx *r, struct report_doc *d)
{
    const struct progress_data *pd = r->g.pd;
    report_heading(d, r->clinician ? "Treatment response per muscle" : "How treatment went");
    if (!pd || pd->n_muscles == 0) {
        report_para(d, r->clinician ? "No treatment sessions recorded."
                                    : "You have not logged any treatment yet.");
        return;
    }
    /* Holds are described pass by pass: one median over a 90 s pass that did not soften
     * and a 3 s one that did would hide both, so "to soften" counts softened passes only. */
    const char *hdr[] = {"Muscle", "Sessions", "Pain before", "Pain after", "Released",
                         "Median hold", "To soften"};
    double frac[] = {0.20, 0.12, 0.14, 0.12, 0.14, 0.14, 0.14};
    struct report_block *t = report_table(d, 7, hdr, frac);
    struct arena *a = r->a;
    for (size_t i = 0; i < pd->n_muscles && i < REPORT_MAX_ROWS; i++) {
        const struct progress_muscle *m = &pd->muscles[i];
        const char *cells[7] = {
            m->muscle, arena_printf(a, "%d", m->sessions),
            m->with_pain ? arena_printf(a, "%.1f", m->mean_before) : "-",
            m->with_pain ? arena_printf(a, "%.1f", m->mean_after) : "-",
            m->with_release ? arena_printf(a, "%.0f%% of %d", 100.0 * m->released / m->with_release,
                                           m->with_release) : "-",
            isnan(m->median_hold_seconds)
                ? "-"
                : arena_printf(a, "%.0f s (%d)", m->median_hold_seconds, m->n_passes),
            isnan(m->median_release_seconds)
                ? "-"
                : arena_printf(a, "%.0f s (%d)", m->median_release_seconds, m->n_softened),
        };
        report_table_row(d, t, cells);
    }
    if (pd->n_muscles > REPORT_MAX_ROWS)
        report_note(d, "and %zu more muscles (trp progress lists all).",
                    pd->n_muscles - REPORT_MAX_ROWS);
    report_note(d, "%s", r->clinician
                             ? "Released: sessions in which a point softened. Median hold: over "
                               "every pass, softened or not. To soften: median hold over the "
                               "passes in which the point softened, only. In brackets: number "
                               "of passes. A treatment logged by hand counts its hold once per "
                               "pass ('trp show ID' lists every pass of a guided session)."
                             : "Median hold: how long you usually pressed, counting every pass. "
                               "To soften: how long the point usually took to soften, counting "
                               "only the passes where it did. In brackets: how many passes "
                               "('trp show' lists every pass).");
}

static int section_adherence(struct report_ctx *r, struct report_doc *d)
{
    report_heading(d, r->clinician ? "Self-care adherence" : "Your self-care plan");
    if (r->n_plan == 0) {
        report_para(d, r->clinician ? "No self-care plan on record."
                                    : "You have no self-care plan yet (see 'trp plan').");
        return 0;
    }
    const char *hdr[] = {"Muscle", "Release", "Stretch", "Strengthen"};
    double frac[] = {0.34, 0.22, 0.22, 0.22};
    struct report_block *t = report_table(d, 4, hdr, frac);
    struct arena *a = r->a;
    /* The same adherence as 'trp plan adherence' (app/plan.h), over the report's days. */
    struct app_plan_adherence *rows;
    size_t n;
    int rc = app_plan_adherence(r->s, a, r->g.first_day, r->g.last_day, &rows, &n, r->err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n && i < REPORT_MAX_ROWS; i++) {
        const struct plan_adherence *ad = &rows[i].ad;
        const char *cells[4] = {rows[i].item->muscle, NULL, NULL, NULL};
        for (int k = 0; k < PLAN_ACTIVITY_COUNT; k++)
            cells[k + 1] = ad->rate[k] < 0 ? "not planned"
                                           : arena_printf(a, "%.0f%% (%d of %d)", ad->rate[k] * 100,
                                                          ad->done[k], ad->target[k]);
        report_table_row(d, t, cells);
    }
    return 0;
}

static void section_next_steps(struct report_ctx *r, struct report_doc *d)
{
    report_heading(d, "Next steps");
    if (!r->have_intake)
        report_bullet(d, "Answer the safety questions: trp intake.");
    if (r->g.n_pain < 14)
        report_bullet(d, "Keep rating your pain every day, even on good days: the picture gets "
                         "clearer with every week you log.");
    if (r->g.n_flares == 0)
        report_bullet(d, "When pain is clearly worse than it has been lately, log it as a "
                         "flare (trp log pain N --flare).");
    report_bullet(d, "Log the tasks you do (computer work, driving, carrying) with how long, "
                     "so they can be compared with your flares.");
    if (r->g.pd && r->g.pd->result.recheck_red_flags)
        report_bullet(d, "Your pain is getting worse: go through the warning signs again "
                         "(trp intake) and see your doctor if any of them apply.");
    if (r->g.pd && r->g.pd->result.seek_other_opinion)
        report_bullet(d, "Book an appointment with your doctor or physiotherapist and bring "
                         "this report.");
    else
        report_bullet(d, "Bring this report to your next appointment.");
}

/* A clinic client's report (--client on PostgreSQL) says whose it is: name, date of birth,
 * medications, therapist and the visits with their SOAP notes. */
static int section_client(struct report_ctx *r, struct report_doc *d)
{
    if (!r->client || strcmp(store_backend(r->s), "postgresql"))
        return 0;
    struct store_person_info p;
    int rc = store_person_get(r->s, r->a, store_person(r->s), &p, r->err);
    if (rc)
        return rc;
    report_heading(d, "Client");
    report_para(d, "%s; born %s; own therapist: %s.", p.name,
                p.date_of_birth ? p.date_of_birth : "(date of birth not recorded)",
                p.therapist ? p.therapist : "none");
    report_para(d, "Medications: %s", p.medications && p.medications[0]
                                          ? p.medications
                                          : "none recorded");
    struct store_visit *vs;
    size_t n;
    if ((rc = store_visit_list(r->s, r->a, &vs, &n, r->err)))
        return rc;
    if (!n) {
        report_note(d, "No visits recorded.");
        return 0;
    }
    static const char *const head[] = {"Visit", "Therapist", "Subjective", "Objective",
                                       "Assessment", "Plan"};
    static const double frac[] = {0.11, 0.11, 0.2, 0.2, 0.19, 0.19};
    struct report_block *t = report_table(d, 6, head, frac);
    for (size_t i = 0; i < n && i < 12; i++) {
        struct trp_time at = {vs[i].at, vs[i].offset_min};
        const char *cells[6] = {day_text(r, trp_time_local_day(&at)), vs[i].therapist,
                                vs[i].subjective ? vs[i].subjective : "",
                                vs[i].objective ? vs[i].objective : "",
                                vs[i].assessment ? vs[i].assessment : "",
                                vs[i].plan ? vs[i].plan : ""};
        report_table_row(d, t, cells);
    }
    if (n > 12)
        report_note(d, "The 12 latest of %zu visits ('trp clinic visits' lists all).", n);
    return 0;
}

static int build(struct report_ctx *r, struct report_doc *d)
{
    const struct chart_gather *g = &r->g;
    report_init(d, r->a,
                r->clinician ? "Pain diary report for the clinician" : "Your pain diary report",
                r->clinician ? 8.5 : 10);
    struct trp_time now;
    int rc = trp_time_now(&now, r->err);
    if (rc)
        return rc;
    d->subtitle = arena_printf(r->a, "Period: %s to %s (%zu day%s). Made by trp on %s.",
                               day_text(r, g->first_day), day_text(r, g->last_day), g->n_days,
                               g->n_days == 1 ? "" : "s", day_text(r, trp_time_local_day(&now)));
    d->footer = r->clinician
                    ? "Self-recorded diary; trigger-point muscles are places to check, not "
                      "diagnoses. Change thresholds: IMMPACT (Dworkin et al., J Pain 2008)."
                    : "This report comes from your own diary. It does not replace a clinician.";
    if (r->clinician && (rc = section_client(r, d)))
        return rc;
    section_safety(r, d);
    section_period(r, d);
    section_factors(r, d);
    section_progress(r, d);
    section_treatment(r, d);
    if ((rc = section_adherence(r, d)))
        return rc;
    if (!r->clinician)
        section_next_steps(r, d);
    return 0;
}

int app_report_audience(const char *name, struct app_report_opts *o, struct trp_err *err)
{
    if (strcmp(name, "clinician") == 0)
        o->clinician = 1;
    else if (strcmp(name, "patient") == 0)
        o->clinician = 0;
    else
        return trp_err_set(err, TRP_EINVAL, "--for \"%s\": use clinician or patient", name);
    return 0;
}

int app_report(struct store *s, struct arena *a, const struct app_report_opts *o,
               struct report_doc *d, struct trp_err *err)
{
    const struct chart_period *p = &o->period;
    if (p->has_since && p->has_until && p->until <= p->since)
        return trp_err_set(err, TRP_EINVAL, "--until must be after --since");
    struct report_ctx *r = arena_zalloc(a, 1, sizeof *r);
    r->a = a;
    r->err = err;
    r->s = s;
    r->client = o->client;
    r->clinician = o->clinician;
    int rc;
    if ((rc = chart_gather_load(s, a, p, &r->g, err)) ||
        (rc = chart_gather_progress(s, a, p, &r->g, err)) ||
        (rc = chart_gather_factors(s, a, p, &r->g, err)))
        return rc;
    rc = safety_intake_latest(s, a, &r->intake, &r->rec, err);
    if (rc == 0)
        r->have_intake = 1;
    else if (rc == TRP_ENOTFOUND)
        trp_err_clear(err);
    else
        return rc;
    if ((rc = store_plan_list(s, a, &r->plan, &r->n_plan, err)))
        return rc;
    return build(r, d);
}

/* The module's renderers were written for one command at a time, and a PDF is a rare
 * request: the web server's workers draw them one after another. */
static pthread_mutex_t pdf_lock = PTHREAD_MUTEX_INITIALIZER;

int app_report_pdf(struct store *s, struct arena *a, const struct app_report_opts *o,
                   const char **data, size_t *len, int *pages, struct trp_err *err)
{
    struct report_doc d;
    void *sym;
    int rc = app_report(s, a, o, &d, err);
    if (!rc)
        rc = render_module_symbol(REPORT_PDF_SYMBOL, &sym, err);
    if (rc)
        return rc;
    report_write_pdf_fn *write_pdf = (report_write_pdf_fn *)sym;
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (!f)
        return trp_err_set(err, TRP_EIO, "out of memory for the report");
    pthread_mutex_lock(&pdf_lock);
    rc = write_pdf(&d, f, pages, err);
    pthread_mutex_unlock(&pdf_lock);
    if (fclose(f) && !rc)
        rc = trp_err_set(err, TRP_EIO, "out of memory for the report");
    if (!rc) {
        char *copy = arena_alloc(a, n + 1);
        if (n)
            memcpy(copy, buf, n);
        copy[n] = 0;
        *data = copy;
        *len = n;
    }
    free(buf);
    return rc;
}
