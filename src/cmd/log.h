/*
 * The option and argument parser behind `trp log`, shared with `trp edit` so that both
 * accept the same words for the same fields.
 */
#ifndef TRP_CMD_LOG_H
#define TRP_CMD_LOG_H

#include "cmd/cmd.h"
#include "core/entry.h"

/* Fills e from `KIND-ARGS... OPTIONS` (argv[0] is the kind word). For an entry that already
 * has an id (edit), positional arguments are optional and unset options keep their values.
 * Sets *json when --json was given. Validates e. */
int cmd_log_fill(struct cmd_ctx *ctx, const struct cmd_entry *self, enum entry_kind kind,
                 int argc, char **argv, struct entry *e, int *json);

#endif
