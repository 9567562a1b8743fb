/*
 * `trp muscle NAME [--json]` (a whole knowledge-base entry) and `trp muscles [--area A]
 * [--json]` (the list).
 */
#include <jansson.h>
#include <string.h>

#include "app/muscles.h"
#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "kb/muscle.h"

static void print_list(FILE *out, const char *title, const char *const *v, size_t n)
{
    if (!n)
        return;
    fprintf(out, "%s", title);
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%s%s", i ? ", " : "", v[i]);
    fputc('\n', out);
}

static int cmd_muscle_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    const char *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (argv[i][0] == '-')
            return cmd_usage(ctx, &cmd_muscle_entry, arena_printf(ctx->arena, "unknown option %s", argv[i]));
        else if (name)
            return cmd_usage(ctx, &cmd_muscle_entry, "name one muscle");
        else
            name = argv[i];
    }
    if (!name)
        return cmd_usage(ctx, &cmd_muscle_entry, "name a muscle (see 'trp muscles')");
    if (json) {
        json_t *o;
        int rc = app_muscle(name, &o, &ctx->err);
        return rc ? rc : cmd_print_json(ctx, o, APP_MUSCLES_FLAGS, "muscle");
    }
    const struct muscle *m;
    int rc = muscle_lookup(name, &m, &ctx->err);
    if (rc)
        return rc;
    FILE *out = ctx->out;
    fprintf(out, "%s (%s)\n", m->name, m->id);
    print_list(out, "Also called: ", m->aliases, m->n_aliases);
    fprintf(out, "Area: %s\n", m->area);
    /* Before anything else: the condition to rule out belongs above the self-treatment. */
    if (m->caution)
        fprintf(out, "\nCaution: %s\n  (Source: %s)\n", m->caution, m->caution_source);
    fputs("\nTrigger points:\n", out);
    for (size_t i = 0; i < m->n_tp; i++) {
        fprintf(out, "  - %s: %s\n    Find it: %s\n", m->tp[i].name, m->tp[i].location, m->tp[i].how_to_find);
        print_list(out, "    Refers to: ", m->tp[i].refers_to, m->tp[i].n_refers);
    }
    fputc('\n', out);
    print_list(out, "Pain is usually felt at (essential): ", m->essential, m->n_essential);
    print_list(out, "It can spread to (spillover): ", m->spillover, m->n_spillover);
    print_list(out, "Other symptoms: ", m->symptoms, m->n_symptoms);
    fprintf(out, "\nSelf-treatment: %s%s%s\n  Position: %s\n  Tool: %s\n  Pressure: %s\n  Hold about %d s, %d passes.\n",
            m->compression ? "ischemic compression" : "", m->compression && m->friction ? ", " : "",
            m->friction ? "friction massage" : "", m->position, m->tool, m->pressure, m->hold_seconds, m->passes);
    if (m->friction)
        fprintf(out, "  Friction: %s\n", m->friction_direction);
    for (size_t i = 0; i < m->n_cautions; i++)
        fprintf(out, "  Caution: %s\n", m->cautions[i]);
    print_list(out, "  Endangerment sites nearby: ", m->endangerment, m->n_endangerment);
    fprintf(out, "\nStretch: %s\nStrengthen: %s\n\nTasks that can keep it going:\n", m->stretch, m->strengthen);
    for (size_t i = 0; i < m->n_perpetuating; i++)
        fprintf(out, "  - %s\n", m->perpetuating[i].task);
    fputs("\nSources:\n", out);
    for (size_t i = 0; i < m->n_sources; i++)
        fprintf(out, "  - %s [%s]\n", m->sources[i].citation, m->sources[i].kind);
    fprintf(out, "Evidence: %s; reviewed %s.\n", m->evidence, m->reviewed);
    return 0;
}

const struct cmd_entry cmd_muscle_entry = {
    .name = "muscle",
    .usage = "NAME [--json]",
    .summary = "Everything the knowledge base holds on one muscle.",
    .help = "  NAME is an id or an alias (\"scm\", \"traps\", \"peroneus longus\").\n",
    .exec = cmd_muscle_exec,
};

static int cmd_muscles_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
    int json = 0;
    const char *area = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--json"))
            json = 1;
        else if (!strcmp(argv[i], "--area") && i + 1 < argc)
            area = argv[++i];
        else
            return cmd_usage(ctx, &cmd_muscles_entry, arena_printf(ctx->arena, "unexpected \"%s\"", argv[i]));
    }
    json_t *arr;
    int rc = app_muscles(area, &arr, &ctx->err);
    if (rc)
        return rc;
    if (json)
        return cmd_print_json(ctx, arr, APP_MUSCLES_FLAGS, "muscles");
    /* The list comes grouped by area: a header where the area changes. */
    const char *last = NULL;
    size_t i;
    json_t *m;
    json_array_foreach(arr, i, m) {
        const char *a = json_string_value(json_object_get(m, "area"));
        if (!last || strcmp(last, a))
            fprintf(ctx->out, "%s:\n", a);
        last = a;
        fprintf(ctx->out, "  %-34s %s\n", json_string_value(json_object_get(m, "id")),
                json_string_value(json_object_get(m, "name")));
    }
    json_decref(arr);
    return 0;
}

const struct cmd_entry cmd_muscles_entry = {
    .name = "muscles",
    .usage = "[--area AREA] [--json]",
    .summary = "List the muscles in the knowledge base.",
    .help = "",
    .exec = cmd_muscles_exec,
};
