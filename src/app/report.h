/*
 * The report to bring to an appointment, as a document for every face: `trp report` writes
 * it as PDF or HTML and GET /api/v1/report.pdf serves the same PDF. The clinician version
 * fits on two A4 pages and leads with safety (red flags and precautions from the intake),
 * then the period, the body map, the superimposed timeline, perpetuating factors, progress
 * with the "seek another opinion" advice when it applies, treatment response per muscle
 * and self-care adherence. The patient version says the same in plain words and ends with
 * next steps.
 */
#ifndef TRP_APP_REPORT_H
#define TRP_APP_REPORT_H

#include "app/chart_gather.h"
#include "render/report.h"

struct app_report_opts {
    struct chart_period period;
    int clinician;   /* 1: for the clinician; 0: for the patient, in plain words */
    int client;      /* a clinic client's diary (PostgreSQL): say whose it is, with visits */
};

/* "clinician" | "patient" -> o->clinician; a clear message otherwise. */
int app_report_audience(const char *name, struct app_report_opts *o, struct trp_err *err);

/* Gathers the diary over the period and lays out the report's blocks into *d (render/
 * report.h writes them). Memory from arena a. */
int app_report(struct store *s, struct arena *a, const struct app_report_opts *o,
               struct report_doc *d, struct trp_err *err);

/* The report as an A4 PDF in arena a: *data (NUL bytes and all), *len, *pages. The PDF is
 * drawn by trp-render.so (cairo and pango), loaded on first use. */
int app_report_pdf(struct store *s, struct arena *a, const struct app_report_opts *o,
                   const char **data, size_t *len, int *pages, struct trp_err *err);

#endif
