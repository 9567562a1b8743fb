/*
 * prompt.h: line-oriented questions shared by intake, session and plan.
 */
#include "base/termsafe.h"
#include "cmd/prompt.h"

#include <string.h>

int prompt_line(struct cmd_ctx *ctx, const char *question, const char *hint, char **out)
{
    fprintf(ctx->out, "%s%s%s%s ", question, hint ? " [" : "", hint ? hint : "", hint ? "]" : "");
    fflush(ctx->out);
    char buf[1024];
    if (!fgets(buf, sizeof buf, ctx->in)) {
        fputc('\n', ctx->out);
        return trp_err_set(&ctx->err, TRP_ECONFLICT, "stopped before all questions were answered; nothing was saved");
    }
    size_t len = strlen(buf);
    if (len == sizeof buf - 1 && buf[len - 1] != '\n')
        return trp_err_set(&ctx->err, TRP_EINVAL, "answer is too long");
    while (len && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
        buf[--len] = '\0';
    *out = arena_strdup(ctx->arena, buf);
    return 0;
}

int prompt_until(struct cmd_ctx *ctx, const char *question, const char *hint,
                 int (*parse)(const char *text, void *data, struct trp_err *err), void *data)
{
    struct trp_err why = {0};
    for (int tries = 0; tries < PROMPT_TRIES; tries++) {
        char *line;
        int rc = prompt_line(ctx, question, hint, &line);
        if (rc)
            return rc;
        trp_err_clear(&why);
        if (parse(line, data, &why) == 0)
            return 0;
        fprintf(ctx->out, "  %s; please try again.\n", termsafe(ctx->arena, why.msg));
    }
    return trp_err_set(&ctx->err, TRP_EINVAL, "%s (gave up after %d tries)", why.msg, PROMPT_TRIES);
}
