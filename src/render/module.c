/*
 * module.h: locating trp-render.so and looking up symbols in it. The module is looked for
 * relative to the running binary first (found through /proc/self/exe, so symlinks to trp
 * work): beside it (the build tree), then in ../lib/trp (where `make install` puts it,
 * whatever the prefix, so an installed tree can be moved or installed into a DESTDIR); then
 * $TRP_PLUGIN_DIR, then the configured prefix.
 */
#include "render/module.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef TRP_PLUGIN_DIR
#define TRP_PLUGIN_DIR "/usr/local/lib/trp"
#endif
#define PLUGIN_NAME "trp-render.so"

static void *open_module(char *tried, size_t tried_size)
{
    char path[PATH_MAX + 32];
    tried[0] = '\0';
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            static const char *const rel[] = {"", "/../lib/trp"};
            for (size_t i = 0; i < sizeof rel / sizeof rel[0]; i++) {
                snprintf(path, sizeof path, "%s%s/%s", exe, rel[i], PLUGIN_NAME);
                void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
                if (h)
                    return h;
                size_t len = strlen(tried);
                snprintf(tried + len, tried_size - len, "%s%s", len ? ", " : "", path);
            }
        }
    }
    const char *dir = getenv("TRP_PLUGIN_DIR");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : TRP_PLUGIN_DIR, PLUGIN_NAME);
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        size_t len = strlen(tried);
        snprintf(tried + len, tried_size - len, "%s%s (%s)", len ? ", " : "", path, dlerror());
    }
    return h;
}

/* The web server's workers may ask at the same time: one opens it, the rest wait. */
static pthread_mutex_t module_lock = PTHREAD_MUTEX_INITIALIZER;

int render_module_symbol(const char *name, void **out, struct trp_err *err)
{
    static void *handle;
    char tried[2 * PATH_MAX + 256];
    pthread_mutex_lock(&module_lock);
    if (!handle)
        handle = open_module(tried, sizeof tried);
    void *h = handle;
    pthread_mutex_unlock(&module_lock);
    if (!h)
        return trp_err_set(err, TRP_EIO, "cannot load the chart module %s; tried %s", PLUGIN_NAME, tried);
    void *sym = dlsym(h, name);
    if (!sym)
        return trp_err_set(err, TRP_EIO, "%s has no %s", PLUGIN_NAME, name);
    *out = sym;
    return 0;
}
