/*
 * Commands that live in a loadable module. Charts and reports need cairo and pango, whose
 * forty-odd shared libraries cost about 12 ms at every process start; linking them into
 * build/trp would make `trp log` and `trp where` miss their 10 ms budget. So those commands
 * are built into trp-render.so, and the main table holds small proxies (name and summary,
 * for `trp help`) that load the module on first use.
 */
#ifndef TRP_CMD_PLUGIN_H
#define TRP_CMD_PLUGIN_H

#include "cmd/cmd.h"

extern const struct cmd_entry cmd_chart_proxy;
extern const struct cmd_entry cmd_report_proxy;

/* True for a proxy entry. */
int cmd_is_plugin(const struct cmd_entry *cmd);

/* Loads the module (next to the executable, else $TRP_PLUGIN_DIR, else the install
 * directory) and returns the real entry for the proxy. */
int cmd_plugin_resolve(const struct cmd_entry *proxy, const struct cmd_entry **out,
                       struct trp_err *err);

#endif
