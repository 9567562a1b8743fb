/*
 * Strict parsing of command-line values shared by subcommands: numbers that must be whole
 * and in range, yes/no answers, ids, and the entry fields that several commands accept
 * (--at, --region, --quality). Each failure names the option and what to write instead.
 */
#ifndef TRP_CMD_ARGS_H
#define TRP_CMD_ARGS_H

#include <stdint.h>

#include "base/arena.h"
#include "base/err.h"
#include "core/entry.h"

int args_int(const char *what, const char *text, int min, int max, int *out,
             struct trp_err *err);
int args_double(const char *what, const char *text, double min, double max, double *out,
                struct trp_err *err);
int args_id(const char *text, int64_t *out, struct trp_err *err);
int args_yes_no(const char *what, const char *text, int *out, struct trp_err *err);

/* Adds the regions a --region value names to e ("left temple", "temple.l", "both heels",
 * "low back=6" with a per-region intensity). */
int args_add_region(struct arena *a, struct entry *e, const char *text, struct trp_err *err);

/* Adds one or more comma-separated qualities to e. */
int args_add_qualities(struct arena *a, struct entry *e, const char *text,
                       struct trp_err *err);

/* Parses a hold time: "60", "60s", "1m30s", "90 s". Seconds 1..3600. */
int args_seconds(const char *what, const char *text, int *out, struct trp_err *err);

#endif
