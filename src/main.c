/*
 * trp's entry point: global options, the table of subcommands, and the one place where an
 * error from a command is printed and turned into an exit status (0 ok, 1 failure, 2 usage).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"
#include "base/termsafe.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "cmd/plugin.h"
#include "store/store.h"

/* The command table: one line per subcommand, in the order `trp help` lists them. */
const struct cmd_entry *const trp_commands[] = {
    &cmd_log_entry,
    &cmd_list_entry,
    &cmd_show_entry,
    &cmd_edit_entry,
    &cmd_delete_entry,
    &cmd_restore_entry,
    &cmd_history_entry,
    &cmd_erase_entry,
    &cmd_clinic_entry,
    &cmd_import_entry,
    &cmd_export_entry,
    &cmd_regions_entry,
    &cmd_where_entry,
    &cmd_muscle_entry,
    &cmd_muscles_entry,
    &cmd_about_entry,
    &cmd_intake_entry,
    &cmd_session_entry,
    &cmd_safety_entry,
    &cmd_plan_entry,
    &cmd_today_entry,
    &cmd_recurrences_entry,
    &cmd_analyze_entry,
    &cmd_config_entry,
    &cmd_progress_entry,
    &cmd_simulate_entry,
    &cmd_chart_proxy,
    &cmd_report_proxy,
    &cmd_serve_entry,
    &cmd_demo_entry,
    &cmd_help_entry,
    NULL,
};

static const char *const main_usage =
    "usage: trp [--db PATH] COMMAND [ARGS...]\n"
    "       trp --db postgresql://HOST/DB [--client ID] COMMAND [ARGS...]\n"
    "       trp help [COMMAND]\n";

static int exit_status(int rc)
{
    if (rc == 0)
        return 0;
    return rc == TRP_EUSAGE ? 2 : 1;
}

/* "trp: CMD: TEXT QUOTED TAIL" on standard error. Messages quote what people typed and
 * what files held, so the quoted part is shown terminal-safe (base/termsafe.h). */
static void print_error(const char *cmd, const char *text, const char *quoted, const char *tail)
{
    fputs("trp: ", stderr);
    if (cmd) {
        termsafe_fputs(cmd, stderr);
        fputs(": ", stderr);
    }
    fputs(text, stderr);
    termsafe_fputs(quoted, stderr);
    fputs(tail, stderr);
    fputc('\n', stderr);
}

/* Takes --client ID (or --client=ID) out of a command's arguments, up to a "--", so that
 * every diary command accepts it without parsing it itself. Returns the new argc, or -1
 * when --client lacks its value. */
static int take_client(int argc, char **argv, const char **client)
{
    int out = 0;
    for (int k = 0; k < argc; k++) {
        if (!strcmp(argv[k], "--")) {
            while (k < argc)
                argv[out++] = argv[k++];
            break;
        }
        if (!strcmp(argv[k], "--client")) {
            if (k + 1 >= argc)
                return -1;
            *client = argv[++k];
        } else if (!strncmp(argv[k], "--client=", 9)) {
            *client = argv[k] + 9;
        } else {
            argv[out++] = argv[k];
        }
    }
    argv[out] = NULL;
    return out;
}

int main(int argc, char **argv)
{
    const char *db = NULL, *client = NULL;
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--client") == 0 && i + 1 < argc) {
            client = argv[++i];
        } else if (strncmp(argv[i], "--client=", 9) == 0) {
            client = argv[i] + 9;
        } else if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc) {
                fprintf(stderr, "trp: --db needs a path\n%s", main_usage);
                return 2;
            }
            db = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            db = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            argv[i] = "help";
            break;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("trp %s\n", TRP_VERSION);
            return 0;
        } else if (argv[i][0] == '-') {
            print_error(NULL, "unknown option ", argv[i], "");
            fputs(main_usage, stderr);
            return 2;
        } else {
            break;
        }
    }
    if (i >= argc) {
        fputs(main_usage, stderr);
        fputs("Run 'trp help' for the list of commands.\n", stderr);
        return 2;
    }

    const struct cmd_entry *cmd = cmd_find(argv[i]);
    if (!cmd) {
        print_error(NULL, "unknown command '", argv[i], "'; run 'trp help' for the list");
        return 2;
    }

    struct trp_err perr = {0};
    if (cmd_is_plugin(cmd) && cmd_plugin_resolve(cmd, &cmd, &perr) != 0) {
        print_error(argv[i], "", perr.msg, "");
        return 1;
    }

    int cargc = take_client(argc - i, argv + i, &client);
    if (cargc < 0) {
        print_error(cmd->name, "--client needs a client id", "", "");
        return 2;
    }
    argc = i + cargc;

    struct cmd_ctx ctx = {0};
    ctx.client = client;
    ctx.cmd_name = cmd->name;
    ctx.arena = arena_new();
    ctx.out = stdout;
    ctx.in = stdin;
    ctx.db_path = db;
    trp_err_clear(&ctx.err);

    int rc;
    if (cmd_wants_help(argc - i, argv + i)) {
        cmd_print_help(&ctx, cmd);
        rc = 0;
    } else {
        rc = cmd->exec(&ctx, argc - i, argv + i);
    }
    if (rc != 0) {
        if (ctx.err.msg[0] == '\0')
            trp_err_set(&ctx.err, rc, "failed");
        print_error(cmd->name, "", ctx.err.msg, "");
    }
    if (ctx.store)
        store_close(ctx.store);
    arena_free(ctx.arena);
    if (fflush(stdout) != 0 && rc == 0) {
        fprintf(stderr, "trp: %s: could not write output\n", cmd->name);
        return 1;
    }
    return exit_status(rc);
}
