/*
 * Loading the latest stored intake back into a struct intake, for the commands that must
 * respect it (intake --show, session, plan, report).
 */
#ifndef TRP_CMD_INTAKE_LOAD_H
#define TRP_CMD_INTAKE_LOAD_H

#include "cmd/cmd.h"
#include "core/intake.h"
#include "store/store.h"

/* TRP_ENOTFOUND with "run 'trp intake'" when there is none. */
int intake_load_latest(struct cmd_ctx *ctx, struct store *s, struct intake *in,
                       struct store_intake *rec);

#endif
