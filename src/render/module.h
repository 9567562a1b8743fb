/*
 * The loadable module trp-render.so, which holds everything that needs cairo and pango
 * (PNG and PDF charts, the PDF report, and the commands that write them). Their forty-odd
 * shared libraries cost about 12 ms at every process start, so the trp binary does not
 * link them: it draws SVG itself (render.h) and loads the module on first use of PNG or
 * PDF. The module resolves trp's own functions against the running binary.
 */
#ifndef TRP_RENDER_MODULE_H
#define TRP_RENDER_MODULE_H

#include "base/err.h"

/* Loads the module once (beside the executable, in ../lib/trp from it, else
 * $TRP_PLUGIN_DIR, else the install directory; thread-safe) and returns the address of
 * symbol name in it. On failure err names every place tried. */
int render_module_symbol(const char *name, void **out, struct trp_err *err);

#endif
