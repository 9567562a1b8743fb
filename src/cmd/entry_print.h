/*
 * How entries look on a terminal and as JSON on standard output, shared by log, list, show,
 * edit, delete and restore so that an entry always reads the same.
 */
#ifndef TRP_CMD_ENTRY_PRINT_H
#define TRP_CMD_ENTRY_PRINT_H

#include "cmd/cmd.h"
#include "core/entry.h"

/* "#12  2026-03-01 08:00  pain 6  temple.l, jaw.l  (aching)  note" and a newline. */
void entry_print_line(struct cmd_ctx *ctx, const struct entry *e);

/* Every field, one per line (for `trp show`). */
void entry_print_detail(struct cmd_ctx *ctx, const struct entry *e);

/* The entry as one JSON object and a newline. */
int entry_print_json(struct cmd_ctx *ctx, const struct entry *e);

#endif
