/*
 * Asking a person questions on the terminal or from a script: one line per answer read
 * from the command's input, a bad answer explained and asked again (a few times), and end
 * of input treated as "stop" so that nothing half-answered is saved.
 */
#ifndef TRP_CMD_PROMPT_H
#define TRP_CMD_PROMPT_H

#include "cmd/cmd.h"

#define PROMPT_TRIES 5

/* Prints question (and hint) and reads one line into the arena; trailing newline removed.
 * TRP_ECONFLICT ("stopped") at end of input. */
int prompt_line(struct cmd_ctx *ctx, const char *question, const char *hint, char **out);

/* Asks until parse(text, data, err) returns 0, printing its message after each bad answer;
 * gives up after PROMPT_TRIES with the last message. */
int prompt_until(struct cmd_ctx *ctx, const char *question, const char *hint,
                 int (*parse)(const char *text, void *data, struct trp_err *err), void *data);

#endif
