/*
 * Every subcommand's entry, declared once for the table in main.c.
 */
#ifndef TRP_CMD_COMMANDS_H
#define TRP_CMD_COMMANDS_H

#include "cmd/cmd.h"

extern const struct cmd_entry cmd_log_entry;
extern const struct cmd_entry cmd_list_entry;
extern const struct cmd_entry cmd_show_entry;
extern const struct cmd_entry cmd_edit_entry;
extern const struct cmd_entry cmd_delete_entry;
extern const struct cmd_entry cmd_restore_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_regions_entry;
extern const struct cmd_entry cmd_where_entry;
extern const struct cmd_entry cmd_muscle_entry;
extern const struct cmd_entry cmd_muscles_entry;
extern const struct cmd_entry cmd_about_entry;
extern const struct cmd_entry cmd_demo_entry;
extern const struct cmd_entry cmd_help_entry;
extern const struct cmd_entry cmd_intake_entry;
extern const struct cmd_entry cmd_progress_entry;
extern const struct cmd_entry cmd_recurrences_entry;
extern const struct cmd_entry cmd_analyze_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_simulate_entry;
extern const struct cmd_entry cmd_session_entry;
extern const struct cmd_entry cmd_safety_entry;
extern const struct cmd_entry cmd_plan_entry;
extern const struct cmd_entry cmd_serve_entry;
extern const struct cmd_entry cmd_today_entry;
extern const struct cmd_entry cmd_chart_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_history_entry;
extern const struct cmd_entry cmd_erase_entry;
extern const struct cmd_entry cmd_clinic_entry;

#endif
