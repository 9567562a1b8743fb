/*
 * The shape of a trp subcommand (after tmux's struct cmd_entry): each command lives in its
 * own file under src/cmd/, exports one `const struct cmd_entry`, and is listed once in the
 * table in src/main.c. A command gets a context with its arena, the database path, its
 * output streams and an error buffer; it returns 0 or a negative TRP_E* code and leaves the
 * printing of errors to main.
 */
#ifndef TRP_CMD_CMD_H
#define TRP_CMD_CMD_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "base/arena.h"
#include "base/err.h"

struct store;

struct cmd_ctx {
    struct arena *arena;  /* freed by main after the command returns */
    const char *db_path;  /* resolved: --db, $TRP_DB, or the XDG default */
    FILE *out;            /* standard output (tests may redirect) */
    FILE *in;             /* standard input */
    struct trp_err err;   /* filled by the command on failure */
    struct store *store;  /* opened lazily by cmd_store(); closed by main */
    const char *client;   /* --client ID: a clinic client's diary instead of the default */
    const char *cmd_name; /* the running command, for the clinic's audit log */
    const char *flare_spec; /* --flare given to this command (cmd/flares.h), or NULL */
};

struct cmd_entry {
    const char *name;
    const char *usage;   /* one line, after "trp NAME " */
    const char *summary; /* one line for `trp help` */
    const char *help;    /* full help text, printed by --help and `trp help NAME` */
    int (*exec)(struct cmd_ctx *ctx, int argc, char **argv);
};

/* Opens (creating and migrating if needed) the database at ctx->db_path on first use and
 * returns it in *out. */
int cmd_store(struct cmd_ctx *ctx, struct store **out);

/* The terminal as the clinic's actor (authz.h), named after the system user. */
struct authz_actor;
void cmd_terminal_actor(struct cmd_ctx *ctx, struct authz_actor *who);

/* Prints a use case's JSON (src/app) to ctx->out with the given json_dumps flags and a
 * newline, and takes the reference. what names it in the error if it cannot be encoded. */
int cmd_print_json(struct cmd_ctx *ctx, json_t *o, size_t flags, const char *what);

/* Prints the command's help to ctx->out. */
void cmd_print_help(struct cmd_ctx *ctx, const struct cmd_entry *cmd);

/* Sets a usage error naming the command: "usage: trp NAME USAGE". Returns TRP_EUSAGE. */
int cmd_usage(struct cmd_ctx *ctx, const struct cmd_entry *cmd, const char *why);

/* Parses a --since/--until style TIME relative to now into UTC seconds; the message names
 * the option. */
int cmd_parse_time(struct cmd_ctx *ctx, const char *opt, const char *text, int64_t *out);

/* True if argv holds --help or -h before any "--". Commands call it first. */
int cmd_wants_help(int argc, char **argv);

/* Every command, NULL-terminated (defined in main.c). */
extern const struct cmd_entry *const trp_commands[];
const struct cmd_entry *cmd_find(const char *name);

#endif
