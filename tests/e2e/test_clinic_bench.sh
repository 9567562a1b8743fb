#!/usr/bin/env bash
# bench/clinic_pg.sh in miniature (two clients with a month each, two therapists, one-second
# wrk runs, no serve_bench): the script still runs end to end on its own throwaway cluster,
# every figure line is there, no request fails, and every acknowledged POST is stored. The
# figures themselves are not checked (the machine decides them); see `make bench-clinic`.
. "$(dirname "$0")/lib.sh"
OUT=$(cd "$TRP_SOURCE_ROOT" && CLIENTS=2 THERAPISTS=2 DAYS=30 SECONDS_EACH=1 RUNS=1 \
      THINK_MS=100 SERVE_BENCH=0 TRP="$TRP" bash bench/clinic_pg.sh 2>"$WORK/stderr")
RC=$?
ERR=$(cat "$WORK/stderr")
expect_rc 0 "the clinic bench"
for line in "import: " "clients (terminal, all 2): " "list last week: PostgreSQL" "analyze: PostgreSQL" \
            "report: PostgreSQL" "clients per therapist: 2 x 1" "over HTTP, one client: analyze" \
            "PostgreSQL GET entries?since=-7d" "PostgreSQL GET clients" "PostgreSQL POST entries" \
            "PostgreSQL mix 8:1:1" "PostgreSQL mix, 100ms pauses" "SQLite GET entries?since=-7d" \
            "SQLite mix, 100ms pauses"; do
    expect_out_contains "$line"
done
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$OUT" | grep -c ' 0 non-2xx')" = 9 ] || fail "a wrk run had failures: $OUT"
CHECKS=$((CHECKS + 1))
printf '%s\n' "$OUT" | grep -Eq '^stored [1-9][0-9]* new entries for [1-9][0-9]* acknowledged POSTs$' ||
    fail "no POST was acknowledged and stored: $OUT"
finish
