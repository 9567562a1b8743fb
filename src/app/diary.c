/*
 * app/diary.h: the diary's JSON use cases. The parser is the one `trp import` uses for JSON
 * Lines (entry_from_json, which validates), so an entry the API accepts is one the CLI
 * would accept and the refusals read the same.
 */
#include "app/diary.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/entry_json.h"

/* Parses and validates; *id gets the object's "id" (0 when absent). */
static int parse_with_id(struct arena *a, const char *text, size_t len, struct entry *e,
                         int64_t *id, struct trp_err *err)
{
    json_error_t jerr;
    json_t *obj = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!obj)
        return trp_err_set(err, TRP_EINVAL, "not JSON: %s", jerr.text);
    int rc = entry_from_json(obj, a, e, err);
    json_t *v = json_is_object(obj) ? json_object_get(obj, "id") : NULL;
    *id = json_is_integer(v) ? (int64_t)json_integer_value(v) : 0;
    json_decref(obj);
    return rc;
}

int app_entry_parse(struct arena *a, const char *text, size_t len, struct entry *e,
                    struct trp_err *err)
{
    int64_t id;
    return parse_with_id(a, text, len, e, &id, err);
}

int app_entry_create(struct store *s, struct arena *a, const char *text, size_t len,
                     struct entry *e, struct trp_err *err)
{
    int rc = app_entry_parse(a, text, len, e, err);
    if (rc)
        return rc;
    e->id = 0;
    if ((rc = store_entry_insert(s, e, err)))
        return rc;
    return store_entry_get(s, a, e->id, e, err);
}

int app_entry_replace(struct store *s, struct arena *a, int64_t id, const char *text,
                      size_t len, struct entry *e, struct trp_err *err)
{
    struct entry old;
    int rc = store_entry_get(s, a, id, &old, err);
    if (rc)
        return rc;
    if (old.deleted_at)
        return trp_err_set(err, TRP_ECONFLICT,
                           "entry %lld is deleted; restore it first", (long long)id);
    int64_t body_id;
    if ((rc = parse_with_id(a, text, len, e, &body_id, err)))
        return rc;
    if (body_id && body_id != id)
        return trp_err_set(err, TRP_EINVAL, "id %lld in the body is not entry %lld",
                           (long long)body_id, (long long)id);
    e->id = id;
    if ((rc = store_entry_update(s, e, err)))
        return rc;
    return store_entry_get(s, a, id, e, err);
}

struct list_state {
    struct strbuf *out;
    int64_t n;
    int64_t skip; /* older matches before the newest `limit` */
};

static int list_one(const struct entry *e, void *data)
{
    struct list_state *st = data;
    if (st->skip > 0) {
        st->skip--;
        return 0;
    }
    int rc = strbuf_adds(st->out, st->n ? ",\n" : "\n");
    if (!rc)
        rc = entry_json_append(e, st->out);
    st->n++;
    return rc;
}

int app_entries_json(struct store *s, const struct store_query *q, struct strbuf *out,
                     struct trp_err *err)
{
    struct list_state st = {out, 0, 0};
    struct store_query walk = *q;
    if (walk.limit > 0) {
        /* The newest N, still oldest first (as `trp list --limit`): count, then skip. */
        int64_t total;
        int rc = store_entry_count(s, &walk, &total, err);
        if (rc)
            return rc;
        st.skip = total > walk.limit ? total - walk.limit : 0;
        walk.limit = 0;
    }
    q = &walk;
    int rc = strbuf_adds(out, "[");
    if (!rc)
        rc = store_entry_each(s, q, list_one, &st, err);
    if (rc == TRP_EINVAL && !err->msg[0])
        trp_err_set(err, TRP_EINVAL, "the answer would be too large; ask for a shorter period");
    if (!rc)
        rc = strbuf_adds(out, st.n ? "\n]\n" : "]\n");
    return rc;
}
