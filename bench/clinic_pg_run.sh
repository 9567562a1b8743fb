#!/usr/bin/env bash
# The body of bench/clinic_pg.sh, run inside the throwaway cluster (TRP_TEST_PG set).
set -euo pipefail
. bench/lib.sh
TRP=${TRP:-$PWD/build/trp}
CLIENTS=${CLIENTS:-1000}
CONC=${CONC:-50}
ROUNDS=${ROUNDS:-20}
RUNS=${RUNS:-5}
PG="$TRP_TEST_PG"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
now() { date +%s%N; }

# Five different simulated years, reused in turn (the import is what is measured).
for seed in 1 2 3 4 5; do
    "$TRP" simulate --days 365 --seed "$seed" --start 2025-01-01 -o "$W/year$seed.csv" >/dev/null
done
entries=$(($(wc -l <"$W/year1.csv") - 1))
echo "== $CLIENTS clients x one simulated year (about $entries entries each)"
printf '%s\n' "correct horse battery" | "$TRP" --db "$PG" clinic add-therapist anna --password-stdin >/dev/null

t0=$(now)
"$TRP" --db "$W/one.db" import "$W/year1.csv" >/dev/null
t1=$(now)
sqlite_rate=$(python3 -c "print(int($entries / (($t1 - $t0) / 1e9)))")

total=0
t0=$(now)
for i in $(seq "$CLIENTS"); do
    id=$("$TRP" --db "$PG" clinic add-client "Client $i" --therapist anna --dob 1980-01-01)
    out=$("$TRP" --db "$PG" --client "$id" import "$W/year$(( (i - 1) % 5 + 1 )).csv")
    total=$((total + $(printf '%s' "$out" | sed -n 's/^imported \([0-9]*\) .*/\1/p')))
    [ "$i" = 1 ] && first=$id
done
t1=$(now)
# What autovacuum does shortly after a bulk load on a live server: table statistics, without
# which the planner takes the 300,000-row tables for empty ones.
psql -q "$PG" -c "ANALYZE" >/dev/null
secs=$(python3 -c "print('%.1f' % (($t1 - $t0) / 1e9))")
echo "import: $total entries in ${secs} s = $(python3 -c "print(int($total / (($t1 - $t0) / 1e9)))") entries/s on PostgreSQL (SQLite, one diary: $sqlite_rate entries/s)"

echo "clients: $(median_ms "$TRP" --db "$PG" clinic clients) ms for $CLIENTS clients"
echo "list last week: PostgreSQL $(median_ms "$TRP" --db "$PG" --client "$first" list --since 2025-12-24) ms," \
     "SQLite $(median_ms "$TRP" --db "$W/one.db" list --since 2025-12-24) ms"
echo "analyze: PostgreSQL $(median_ms "$TRP" --db "$PG" --client "$first" analyze) ms," \
     "SQLite $(median_ms "$TRP" --db "$W/one.db" analyze) ms"
echo "report: PostgreSQL $(median_ms "$TRP" --db "$PG" --client "$first" report --format html -o -) ms," \
     "SQLite $(median_ms "$TRP" --db "$W/one.db" report --format html -o -) ms"

echo "== load: $CONC concurrent therapists x $ROUNDS list commands"
one_therapist() {
    local k=$1 id
    for r in $(seq "$ROUNDS"); do
        id=$((first + (k * ROUNDS + r) % CLIENTS))
        local s e
        s=$(now)
        "$TRP" --db "$PG" --client "$id" list --since 2025-12-24 >/dev/null
        e=$(now)
        echo $(( (e - s) / 1000 ))
    done >"$W/lat.$k"
}
t0=$(now)
for k in $(seq "$CONC"); do one_therapist "$k" & done
wait
t1=$(now)
cat "$W"/lat.* | sort -n >"$W/lat"
n=$(wc -l <"$W/lat")
p50=$(sed -n "$(( (n + 1) / 2 ))p" "$W/lat")
p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$W/lat")
echo "$n requests in $(python3 -c "print('%.1f' % (($t1 - $t0) / 1e9))") s:" \
     "$(python3 -c "print('%.0f' % ($n / (($t1 - $t0) / 1e9)))") req/s, p50 $((p50 / 1000)) ms, p99 $((p99 / 1000)) ms" \
     "(whole trp processes, connection and audit row included)"
