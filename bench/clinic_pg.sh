#!/usr/bin/env bash
# The clinic on PostgreSQL at scale (`make bench-clinic`): CLIENTS clients (default 1,000)
# with a simulated year of diary each (about 3,150 entries), shared out among THERAPISTS
# therapists (default 50, so 20 clients each), on a throwaway PostgreSQL 15 cluster with
# fsync on. Measures, beside the single-person SQLite figure for the same diary:
#   import    entries per second of `trp --client ID import` (one transaction per client)
#   clients   `trp clinic clients` over every client (median of RUNS whole processes)
#   list      `trp --client ID list --since` of one client's last week
#   analyze   one client's `trp analyze`
#   report    one client's clinician report as HTML
#   load      all therapists at once on `trp serve --clinic` (THREADS worker threads): each
#             signs in (her own session cookie), then wrk on loopback with one connection
#             per therapist, SECONDS_EACH (default 10) seconds per run, rotating the
#             therapists' cookies and their own clients (bench/clinic_wrk.lua): GET
#             entries?since=-7d, GET the client list, POST an entry, a mix of the three, and
#             the mix with a pause of about T ms before each request, for each T in THINK_MS
#             (default "1000 100": a click a second per therapist, and ten):
#             requests/s, p50 and p99, and the server's CPU time per request. Every
#             acknowledged POST must be in the database. The same wrk runs against one
#             person's SQLite diary on `trp serve`, then bench/serve_bench.sh itself
#             (SERVE_BENCH=0 skips it).
# MIX_RUNS (default 1) repeats the back-to-back mix, whose p99 varies from run to run.
# LOAD_ONLY=1 with TRP_TEST_PG set skips the import: the figures on a cluster loaded earlier.
# DAYS (default 365) is the length of each client's diary.
# Usage: bash bench/clinic_pg.sh   (CLIENTS=100 SECONDS_EACH=5 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
export TRP_PG_FSYNC=on
if [ -n "${LOAD_ONLY:-}" ]; then
    exec bash bench/clinic_pg_run.sh
fi
exec bash tests/pg/with_cluster.sh bash bench/clinic_pg_run.sh
