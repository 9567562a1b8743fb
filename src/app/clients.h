/*
 * A therapist's client list with what she needs before opening a diary: the last visit,
 * the pain trend and the flags that ask for action. Shared by `trp clinic clients` and GET
 * /api/v1/clients, so the terminal and the browser can never disagree on a flag. The
 * rules:
 *   - trend: the mean pain of the last 28 days against the 28 days before; a difference
 *     of 2 points on the 0-10 scale is "better" or "worse", anything smaller "steady"
 *     (about 2 points is what patients call "much improved": Farrar et al., Pain
 *     2001;94:149-158);
 *   - urgent: the latest intake raised an urgent sign (emergency or same-day care) that no
 *     clinician has cleared; the client reading the advice does not clear it;
 *   - red flags: the signs of the latest intake that need a doctor, until a clinician has
 *     cleared them;
 *   - seek another opinion: trp's progress rule says so (after 6 weeks without
 *     improvement, or 3 weeks of clear worsening: NICE CKS neck pain, reassess at 4 weeks,
 *     consider referral at 4 to 12 weeks), the same status `trp progress` shows.
 */
#ifndef TRP_APP_CLIENTS_H
#define TRP_APP_CLIENTS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "app/authz.h"
#include "base/arena.h"
#include "base/err.h"
#include "store/store_clinic.h"

struct app_client {
    struct store_client_row row;
    const char *trend;      /* "better", "steady", "worse", or NULL when too few ratings */
    int urgent;             /* an urgent sign not cleared by a clinician */
    int red_flags;          /* signs of the latest intake not cleared by a clinician */
    int seek_other_opinion; /* the progress rule advises another opinion */
    const char *progress;   /* progress status: "improving", "no-change", "worsening",
                             * "too-early" */
    int64_t progress_as_of; /* when that status was computed (a server may keep it a
                             * while after the diary moved: clients.c) */
};

/* A server's background refresher of the list's progress statuses, on its own
 * connection to db_path: with it running, a list keeps a client's previous status (dated)
 * while the new one is computed, instead of computing it in the request. Stop joins the
 * thread. Without it (the terminal), a list recomputes at most two stale statuses. */
int app_clients_refresher_start(const char *db_path, struct trp_err *err);
void app_clients_refresher_stop(void);

/* The clients who may see (audited as "clients.list"), by name, in arena a, as of now
 * ($TRP_NOW when set, like every other figure of trp). The store's handle points at
 * nobody afterwards. */
int app_clients_list(struct store *s, struct arena *a, const struct authz_actor *who,
                     struct app_client **out, size_t *n, struct trp_err *err);

/* One row as the web API's JSON (times as UTC seconds). */
json_t *app_client_json(const struct app_client *c);

/* One client's card: {id, name, date_of_birth, medications, notes, therapist}, for who,
 * after authz (a client that is not who's answers TRP_ENOTFOUND). */
int app_client_show(struct store *s, struct arena *a, const struct authz_actor *who,
                    int64_t person, json_t **out, struct trp_err *err);

#endif
