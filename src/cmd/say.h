/*
 * Text for people at a terminal, wrapped at words to its width: the session screen and
 * `trp where` use it so that long advice never breaks mid-word. Output that is not a
 * terminal and has no $COLUMNS keeps whole lines, so scripts and files see one line each.
 */
#ifndef TRP_CMD_SAY_H
#define TRP_CMD_SAY_H

#include "base/arena.h"
#include "cmd/cmd.h"

/* Width to wrap ctx->out at: the terminal's, else $COLUMNS (20-1000), else 0 (no wrap). */
int say_width(struct cmd_ctx *ctx);

/* Prints `first` (the first line's lead) then text, wrapping at spaces to width with
 * continuation lines indented by `cont` spaces, and a newline. width 0: one line. */
void say(struct cmd_ctx *ctx, int width, const char *first, int cont, const char *text);

#define SAYF(ctx, w, first, cont, ...) say(ctx, w, first, cont, arena_printf((ctx)->arena, __VA_ARGS__))

#endif
