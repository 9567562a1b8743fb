/*
 * `trp muscle NAME [--json]` (a whole knowledge-base entry) and `trp muscles [--area A]
 * [--json]` (the list).
 */
#include <jansson.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/commands.h"
#include "kb/muscle.h"

static json_t *str_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *muscle_json(const struct muscle *m)
{
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(m->id));
    json_object_set_new(o, "name", json_string(m->name));
    json_object_set_new(o, "aliases", str_array(m->aliases, m->n_aliases));
    json_object_set_new(o, "area", json_string(m->area));
    json_object_set_new(o, "commonness", json_integer(m->commonness));
    json_t *tps = json_array();
    for (size_t i = 0; i < m->n_tp; i++) {
        json_t *tp = json_pack("{s:s,s:s,s:s,s:s}", "name", m->tp[i].name, "region", m->tp[i].region,
                               "location", m->tp[i].location, "how_to_find", m->tp[i].how_to_find);
        if (m->tp[i].n_refers)
            json_object_set_new(tp, "refers_to", str_array(m->tp[i].refers_to, m->tp[i].n_refers));
        json_array_append_new(tps, tp);
    }
    json_object_set_new(o, "trigger_points", tps);
    json_object_set_new(o, "referral", json_pack("{s:o,s:o}", "essential", str_array(m->essential, m->n_essential),
                                                 "spillover", str_array(m->spillover, m->n_spillover)));
    json_object_set_new(o, "symptoms", str_array(m->symptoms, m->n_symptoms));
    json_t *tech = json_array();
    if (m->compression)
        json_array_append_new(tech, json_string("compression"));
    if (m->friction)
        json_array_append_new(tech, json_string("friction"));
    json_object_set_new(o, "self_treatment",
                        json_pack("{s:o,s:s,s:s,s:s,s:i,s:i,s:s,s:o,s:o}", "techniques", tech, "position", m->position,
                                  "tool", m->tool, "pressure", m->pressure, "hold_seconds", m->hold_seconds,
                                  "passes", m->passes, "friction_direction", m->friction_direction, "cautions",
                                  str_array(m->cautions, m->n_cautions), "endangerment_sites",
                                  str_array(m->endangerment, m->n_endangerment)));
    json_object_set_new(o, "stretch", json_string(m->stretch));
    json_object_set_new(o, "strengthen", json_string(m->strengthen));
    json_t *perp = json_array();
    for (size_t i = 0; i < m->n_perpetuating; i++)
        json_array_append_new(perp, json_pack("{s:s,s:o}", "task", m->perpetuating[i].task, "keywords",
                                              str_array(m->perpetuating[i].keywords, m->perpetuating[i].n_keywords)));
    json_object_set_new(o, "perpetuating", perp);
    json_t *src = json_array();
    for (size_t i = 0; i < m->n_sources; i++)
        json_array_append_new(src, json_pack("{s:s,s:s}", "citation", m->sources[i].citation, "kind", m->sources[i].kind));
    json_object_set_new(o, "sources", src);
    if (m->caution)
        json_object_set_new(o, "caution", json_pack("{s:s,s:s}", "text", m->caution, "source", m->caution_source));
    json_object_set_new(o, "evidence", json_string(m->evidence));
    json_object_set_new(o, "reviewed", json_string(m->reviewed));
    return o;
}

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
    const struct muscle *m;
    int rc = muscle_lookup(name, &m, &ctx->err);
    if (rc)
        return rc;
    if (json) {
        json_t *o = muscle_json(m);
        json_dumpf(o, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
        json_decref(o);
        return 0;
    }
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
    int rc = muscle_load(&ctx->err);
    if (rc)
        return rc;
    if (area) {
        size_t a = 0;
        while (a < muscle_areas_count && strcmp(muscle_areas[a], area))
            a++;
        if (a == muscle_areas_count)
            return trp_err_set(&ctx->err, TRP_EINVAL,
                               "unknown area \"%.40s\": use head, neck, shoulder, arm, forearm-hand, "
                               "chest-abdomen, back, hip-pelvis, thigh, leg or foot", area);
    }
    json_t *arr = json_array();
    for (size_t a = 0; a < muscle_areas_count; a++) {
        if (area && strcmp(area, muscle_areas[a]))
            continue;
        int header = 0;
        for (size_t i = 0; i < muscle_count(); i++) {
            const struct muscle *m = muscle_at(i);
            if (strcmp(m->area, muscle_areas[a]))
                continue;
            if (json) {
                json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:i}", "id", m->id, "name", m->name,
                                                     "area", m->area, "commonness", m->commonness));
                continue;
            }
            if (!header++)
                fprintf(ctx->out, "%s:\n", muscle_areas[a]);
            fprintf(ctx->out, "  %-34s %s\n", m->id, m->name);
        }
    }
    if (json) {
        json_dumpf(arr, ctx->out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', ctx->out);
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
