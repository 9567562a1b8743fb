/*
 * The app's files (HTML, CSS, JavaScript, icon), compiled into the binary by
 * scripts/embed.py from src/http/www/, so `trp serve` needs no install path and makes no
 * request to anywhere else.
 */
#include <string.h>

#include "base/embedded.h"
#include "http/http.h"

extern const struct trp_embedded_file trp_www_files[];
extern const size_t trp_www_files_count;

static const char *type_of(const char *name)
{
    const char *dot = strrchr(name, '.');
    if (!dot)
        return "application/octet-stream";
    if (!strcmp(dot, ".html"))
        return "text/html; charset=utf-8";
    if (!strcmp(dot, ".css"))
        return "text/css; charset=utf-8";
    if (!strcmp(dot, ".js"))
        return "text/javascript; charset=utf-8";
    if (!strcmp(dot, ".svg"))
        return "image/svg+xml";
    if (!strcmp(dot, ".json") || !strcmp(dot, ".webmanifest"))
        return "application/manifest+json";
    return "application/octet-stream";
}

int http_asset_find(const char *path, const char **data, size_t *len, const char **type)
{
    if (!strcmp(path, "/"))
        path = "/index.html";
    if (path[0] != '/' || strchr(path + 1, '/'))
        return 0;
    for (size_t i = 0; i < trp_www_files_count; i++)
        if (!strcmp(trp_www_files[i].name, path + 1)) {
            *data = trp_www_files[i].data;
            *len = trp_www_files[i].size;
            *type = type_of(path);
            return 1;
        }
    return 0;
}
