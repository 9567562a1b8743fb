#!/usr/bin/env bash
# The clinic on PostgreSQL at scale: CLIENTS clients (default 1,000) with a simulated year of
# diary each (about 3,200 entries), on a throwaway PostgreSQL 15 cluster with fsync on.
# Measures, each beside the single-person SQLite figure for the same diary:
#   import    entries per second of `trp --client ID import` (one transaction per client)
#   clients   `trp clinic clients` over every client (median)
#   list      `trp --client ID list --since` of one client's last week (median)
#   analyze   one client's `trp analyze` (median)
#   report    one client's clinician report as HTML (median)
#   load      CONC concurrent therapists (default 50) each running `trp --client ID list
#             --since -7d` ROUNDS times: requests per second and p50/p99 latency, as whole
#             processes (connection included); the HTTP figures need `trp serve --clinic`.
# Usage: bash bench/clinic_pg.sh   (CLIENTS=100 for a quick run)
set -euo pipefail
cd "$(dirname "$0")/.."
export TRP_PG_FSYNC=on
exec bash tests/pg/with_cluster.sh bash bench/clinic_pg_run.sh
