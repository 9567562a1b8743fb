/*
 * The report as an A4 PDF. Built into the loadable module trp-render.so only, with cairo
 * and pango: the trp binary reaches it through render/module.h (REPORT_PDF_SYMBOL).
 */
#ifndef TRP_RENDER_REPORT_PDF_H
#define TRP_RENDER_REPORT_PDF_H

#include "render/report.h"

/* Writes the report as an A4 PDF; *pages gets the page count (may be NULL). */
int report_write_pdf(const struct report_doc *d, FILE *f, int *pages, struct trp_err *err);

/* Its type and name, for looking it up in the module. */
typedef int report_write_pdf_fn(const struct report_doc *d, FILE *f, int *pages,
                                struct trp_err *err);
#define REPORT_PDF_SYMBOL "report_write_pdf"

/* Lays the report out on A4 without drawing and returns the page count (for checks). */
int report_count_pages(const struct report_doc *d);

#endif
