/*
 * `trp help [COMMAND]`: the list of commands with one line each, or one command's help.
 */
#include "cmd/cmd.h"
#include "cmd/commands.h"

static int cmd_help_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc >= 2) {
        const struct cmd_entry *c = cmd_find(argv[1]);
        if (!c)
            return trp_err_set(&ctx->err, TRP_EUSAGE,
                               "no command \"%.40s\"; run 'trp help' for the list", argv[1]);
        cmd_print_help(ctx, c);
        return 0;
    }
    fputs("trp: a trigger point therapy workbench: find which muscles refer your pain, treat\n"
          "them safely, keep a diary, and see what keeps the pain coming back.\n"
          "trp supports care; it does not diagnose.\n\n"
          "usage: trp [--db PATH] COMMAND [ARGS...]\n\ncommands:\n",
          ctx->out);
    for (size_t i = 0; trp_commands[i]; i++)
        fprintf(ctx->out, "  %-12s %s\n", trp_commands[i]->name, trp_commands[i]->summary);
    fputs("\nThe database is --db PATH, else $TRP_DB, else $XDG_DATA_HOME/trp/trp.db\n"
          "(~/.local/share/trp/trp.db). 'trp help COMMAND' or 'trp COMMAND --help' for more.\n",
          ctx->out);
    return 0;
}

const struct cmd_entry cmd_help_entry = {
    .name = "help",
    .usage = "[COMMAND]",
    .summary = "List the commands, or explain one.",
    .help = "",
    .exec = cmd_help_exec,
};
