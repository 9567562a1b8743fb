/*
 * say.h: wrapping at words for terminal output.
 */
#include "cmd/say.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Width to wrap text at: the terminal's, else $COLUMNS, else 0 (no wrapping, so scripts
 * and files get whole lines). */
int say_width(struct cmd_ctx *ctx)
{
    struct winsize ws;
    if (ctx->out == stdout && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col >= 20)
        return ws.ws_col;
    const char *c = getenv("COLUMNS");
    int w = c ? atoi(c) : 0;
    return w >= 20 && w <= 1000 ? w : 0;
}

/* Prints text after `first` (the first line's lead), wrapping at words to the width with
 * continuation lines indented by `cont` spaces. */
void say(struct cmd_ctx *ctx, int width, const char *first, int cont, const char *text)
{
    FILE *out = ctx->out;
    fputs(first, out);
    int col = (int)strlen(first);
    if (width <= 0) {
        fprintf(out, "%s\n", text);
        return;
    }
    const char *p = text;
    int line_start = 1;
    while (*p) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        size_t wl = strcspn(p, " ");
        if (!line_start && col + 1 + (int)wl > width) {
            fprintf(out, "\n%*s", cont, "");
            col = cont;
            line_start = 1;
        }
        if (!line_start) {
            fputc(' ', out);
            col++;
        }
        fwrite(p, 1, wl, out);
        col += (int)wl;
        p += wl;
        line_start = 0;
    }
    fputc('\n', out);
}

