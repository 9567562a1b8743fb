/*
 * Output file names and formats: `-o report.pdf` implies PDF, and a name whose extension
 * says another format (`-o chart.jpg` for an SVG) is refused rather than written, because a
 * file whose name lies about its content opens as garbage or not at all.
 */
#ifndef TRP_CMD_OUT_FORMAT_H
#define TRP_CMD_OUT_FORMAT_H

#include "base/err.h"

/* Checks path against the format. formats lists the format names the command writes (e.g.
 * "svg", "png", "pdf"; NULL-terminated). When *format is NULL (no --format) and the
 * extension names one of them, *format is set to it (else left NULL for the default). An
 * extension naming any other known file type, or contradicting *format, is TRP_EUSAGE.
 * Names without an extension, with an unknown one, "-" and NULL pass. */
int out_format_check(const char *path, const char *const *formats, const char **format,
                     struct trp_err *err);

#endif
