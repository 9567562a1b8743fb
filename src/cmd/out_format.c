/*
 * Matching -o FILE names with output formats (out_format.h).
 */
#include "cmd/out_format.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Extensions people use for formats trp writes, and for common file types it does not
 * write (an image or office document name is a mistake, not a wish for SVG). */
static const struct {
    const char *ext, *format;
} known[] = {
    {"csv", "csv"},   {"jsonl", "jsonl"}, {"ndjson", "jsonl"}, {"json", "jsonl"},
    {"svg", "svg"},   {"png", "png"},     {"pdf", "pdf"},      {"html", "html"},
    {"htm", "html"},  {"jpg", "jpg"},     {"jpeg", "jpg"},     {"gif", "gif"},
    {"webp", "webp"}, {"bmp", "bmp"},     {"tif", "tiff"},     {"tiff", "tiff"},
    {"eps", "eps"},   {"ps", "ps"},       {"txt", "text"},     {"tsv", "tsv"},
    {"xls", "xls"},   {"xlsx", "xlsx"},   {"ods", "ods"},      {"doc", "doc"},
    {"docx", "docx"}, {"odt", "odt"},     {"xml", "xml"},      {"ics", "ics"},
};

int out_format_check(const char *path, const char *const *formats, const char **format,
                     struct trp_err *err)
{
    if (!path || !strcmp(path, "-"))
        return 0;
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash + 1 : path, '.');
    if (!dot || dot[1] == '\0')
        return 0;
    const char *named = NULL;
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (!strcasecmp(dot + 1, known[i].ext))
            named = known[i].format;
    if (!named)
        return 0;
    int writable = 0;
    for (size_t i = 0; formats[i]; i++)
        writable |= !strcmp(formats[i], named);
    if (!writable) {
        char list[128] = "";
        for (size_t i = 0; formats[i]; i++) {
            size_t len = strlen(list);
            snprintf(list + len, sizeof list - len, "%s%s", i ? ", " : "", formats[i]);
        }
        return trp_err_set(err, TRP_EUSAGE,
                           "-o %.200s: this command writes %s, not %s; name the file .%s",
                           path, list, named, *format ? *format : formats[0]);
    }
    if (!*format) {
        for (size_t i = 0; formats[i]; i++)
            if (!strcmp(formats[i], named))
                *format = formats[i];
        return 0;
    }
    if (strcmp(*format, named) != 0)
        return trp_err_set(err, TRP_EUSAGE,
                           "-o %.200s names a .%s file but --format is %s; make them agree",
                           path, dot + 1, *format);
    return 0;
}
