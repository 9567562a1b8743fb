#!/usr/bin/env bash
# The body of bench/clinic_pg.sh, run inside the throwaway cluster (TRP_TEST_PG set).
set -euo pipefail
. bench/lib.sh
TRP=${TRP:-$PWD/build/trp}
CLIENTS=${CLIENTS:-1000}
DAYS=${DAYS:-365}
THERAPISTS=${THERAPISTS:-50}
SECS=${SECONDS_EACH:-10}
THREADS=${THREADS:-4}
THINK_MS=${THINK_MS:-1000 100}
RUNS=${RUNS:-5}
PG="$TRP_TEST_PG"
W=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
now() { date +%s%N; }
command -v wrk >/dev/null || { echo "clinic bench: wrk is missing (scripts/install-deps.sh)"; exit 1; }
PW="correct horse battery"

# Five different simulated years ending today (so "the last week" holds a week of entries),
# reused in turn: the import is what is measured.
start=$(date -d "-$((DAYS - 1)) days" +%F)
week=$(date -d '-7 days' +%F)
for seed in 1 2 3 4 5; do
    "$TRP" simulate --days "$DAYS" --seed "$seed" --start "$start" -o "$W/year$seed.csv" >/dev/null 2>&1
done
entries=$(($(wc -l <"$W/year1.csv") - 1))
if [ -z "${LOAD_ONLY:-}" ]; then
    echo "== $CLIENTS clients x one simulated year (about $entries entries each), $THERAPISTS therapists"
    for k in $(seq "$THERAPISTS"); do
        printf '%s\n' "$PW" | "$TRP" --db "$PG" clinic add-therapist "t$k" --password-stdin >/dev/null
    done

    t0=$(now)
    "$TRP" --db "$W/one.db" import "$W/year1.csv" >/dev/null
    t1=$(now)
    sqlite_rate=$(python3 -c "print(int($entries / (($t1 - $t0) / 1e9)))")

    # Client i belongs to therapist t((i-1) mod THERAPISTS + 1): 20 clients each for 1,000 and 50.
    total=0
    t0=$(now)
    for i in $(seq "$CLIENTS"); do
        id=$("$TRP" --db "$PG" clinic add-client "Client $i" --therapist "t$(( (i - 1) % THERAPISTS + 1 ))" --dob 1980-01-01)
        out=$("$TRP" --db "$PG" --client "$id" import "$W/year$(( (i - 1) % 5 + 1 )).csv")
        total=$((total + $(printf '%s' "$out" | sed -n 's/^imported \([0-9]*\) .*/\1/p')))
        [ "$i" = 1 ] && first=$id
    done
    t1=$(now)
    # What autovacuum does shortly after a bulk load on a live server: the visibility map (for
    # index-only scans) and table statistics, without which the planner takes the
    # 3,000,000-row tables for empty ones.
    psql -q "$PG" -c "VACUUM ANALYZE" >/dev/null
    secs=$(python3 -c "print('%.1f' % (($t1 - $t0) / 1e9))")
    echo "import: $total entries in ${secs} s = $(python3 -c "print(int($total / (($t1 - $t0) / 1e9)))") entries/s on PostgreSQL, one transaction per client (SQLite, one diary: $sqlite_rate entries/s)"
    echo "database: $(psql -qtA "$PG" -c "SELECT pg_size_pretty(pg_database_size(current_database()))")"
else
    # LOAD_ONLY=1: the clients are already in TRP_TEST_PG (an earlier run): no import.
    "$TRP" --db "$W/one.db" import "$W/year1.csv" >/dev/null
    first=$(psql -qtA "$PG" -c "SELECT min(person_id) FROM care_link")
    CLIENTS=$(psql -qtA "$PG" -c "SELECT count(DISTINCT person_id) FROM care_link")
fi
echo "clients (terminal, all $CLIENTS): $(median_ms "$TRP" --db "$PG" clinic clients) ms"
echo "list last week: PostgreSQL $(median_ms "$TRP" --db "$PG" --client "$first" list --since "$week") ms," \
     "SQLite $(median_ms "$TRP" --db "$W/one.db" list --since "$week") ms"
echo "analyze: PostgreSQL $(median_ms "$TRP" --db "$PG" --client "$first" analyze) ms," \
     "SQLite $(median_ms "$TRP" --db "$W/one.db" analyze) ms"
echo "report: PostgreSQL $(median_ms "$TRP" --db "$PG" --client "$first" report --format html -o -) ms," \
     "SQLite $(median_ms "$TRP" --db "$W/one.db" report --format html -o -) ms"

# serve DB ARGS...: starts `trp --db DB serve ARGS` on a free loopback port; BASE is its address.
serve() {
    "$TRP" --db "$1" serve "${@:2}" --listen 127.0.0.1:0 --threads "$THREADS" >"$W/url" 2>"$W/serve.err" &
    SERVER=$!
    for _ in $(seq 100); do [ -s "$W/url" ] && break; sleep 0.1; done
    URL=$(head -1 "$W/url")
    [[ "$URL" =~ ^(http://127\.0\.0\.1:[0-9]+)/ ]] || { echo "clinic bench: no server ($URL)"; cat "$W/serve.err"; exit 1; }
    BASE=${BASH_REMATCH[1]}
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""; }
# load MIX LABEL: one bounded wrk run with as many connections as therapists.
# Posted ratings are dated two months back: outside the week the GETs read and the client
# list's two 28-day windows, so the GETs measure the same work all along.
export TRP_POST_TIME="$(date -d '-60 days' +%FT09:00:00%:z)"
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
DBCPU=""
# The database server's processes (postmaster, backends, WAL writer...): its CPU per request
# beside trp's. Empty when the cluster runs elsewhere.
dbcpu() {
    local dir=${TRP_TEST_PG_DIR:-}
    [ -n "$DBCPU" ] && [ -n "$dir" ] && [ -f "$dir/data/postmaster.pid" ] || { echo 0; return; }
    local pm
    pm=$(head -1 "$dir/data/postmaster.pid")
    { cat "/proc/$pm/stat"; for c in $(cat "/proc/$pm/task/$pm/children" 2>/dev/null); do cat "/proc/$c/stat" 2>/dev/null || true; done; } |
        awk '{sub(/^.*\) /, ""); t += $12 + $13} END {print t + 0}'
}
load() {
    local c0 d0
    c0=$(cpu)
    d0=$(dbcpu)
    TRP_MIX=$1 TRP_THINK_MS=${3:-0} wrk -t2 -c"$THERAPISTS" -d"${SECS}s" --latency -s bench/clinic_wrk.lua "$BASE" >"$W/wrk.txt"
    awk -v label="$2" '
        /Requests\/sec/ {rps = $2}
        /^ +50%/ {p50 = $2} /^ +99%/ {p99 = $2}
        /requests in/ {n = $1}
        /^acknowledged/ {ack = $2; other = $4}
        /Socket errors/ {sub(/^ +/, ""); errors = "; " $0}
        END {printf "%-34s %6.0f req/s  p50 %8s  p99 %8s  (%d requests, %d non-2xx%s)", label, rps, p50, p99, n, other, errors}' "$W/wrk.txt"
    local n
    n=$(awk '/requests in/ {print $1}' "$W/wrk.txt")
    # The load average says how much of the machine the neighbours took meanwhile.
    local per=$(( 1000000 / $(getconf CLK_TCK) )) d1
    d1=$(dbcpu)
    local db=""
    [ -n "$DBCPU" ] && db=" (database $(( (d1 - d0) * per / (n > 0 ? n : 1) )) us)"
    echo "  server CPU $(( ($(cpu) - c0) * per / (n > 0 ? n : 1) )) us/request$db, load $(cut -d' ' -f1 /proc/loadavg)"
    ACK=$(awk '/^acknowledged/ {print $2}' "$W/wrk.txt")
    # A refused or failed request is a broken run, not a figure.
    if [ "$(awk '/^acknowledged/ {print $4}' "$W/wrk.txt")" != 0 ] || ! grep -q "requests in" "$W/wrk.txt"; then
        echo "clinic bench: $2: requests failed"; cat "$W/wrk.txt"; exit 1
    fi
}

echo "== $THERAPISTS therapists at once on trp serve --clinic ($THREADS threads, wrk -c$THERAPISTS, ${SECS}s each)"
serve "$PG" --clinic
BASE_PG=$BASE
: >"$W/therapists"
lt=()
for k in $(seq "$THERAPISTS"); do
    s=$(now)
    body=$(curl -s -c "$W/jar" -H 'Content-Type: application/json' \
        -d "{\"login\":\"t$k\",\"password\":\"$PW\"}" "$BASE/api/v1/login")
    e=$(now)
    lt+=($(( (e - s) / 1000000 )))
    csrf=$(printf '%s' "$body" | sed -n 's/.*"csrf": *"\([0-9a-f]*\)".*/\1/p')
    cookie=$(awk '$6 == "trp_session" {print $6 "=" $7}' "$W/jar")
    ids=$(curl -s -H "Cookie: $cookie" "$BASE/api/v1/clients" | grep -o '"id": *[0-9]*' | grep -o '[0-9]*$' | paste -sd,)
    [ -n "$csrf" ] && [ -n "$ids" ] || { echo "clinic bench: t$k could not sign in or has no clients"; exit 1; }
    echo "$cookie $csrf $ids" >>"$W/therapists"
done
export TRP_THERAPISTS="$W/therapists"
echo "login (argon2id): median $(printf '%s\n' "${lt[@]}" | sort -n | sed -n "$(( (THERAPISTS + 1) / 2 ))p") ms;" \
     "clients per therapist: $(awk '{print split($3, a, ",")}' "$W/therapists" | sort -n | uniq -c | awk '{printf "%s x %s ", $1, $2}')"
c1=$(head -1 "$W/therapists" | awk '{print $1}')
id1=$(head -1 "$W/therapists" | awk '{split($3, a, ","); print a[1]}')
echo "one client's week over HTTP: $(curl -s -H "Cookie: $c1" "$BASE/api/v1/clients/$id1/entries?since=-7d" | grep -c '"id"') entries"
# http_ms PATH: median wall time in ms of RUNS GETs of PATH as the first therapist.
http_ms() {
    for _ in $(seq "$RUNS"); do
        curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $c1" "$BASE$1"
    done | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p" | awk '{printf "%.1f", $1 * 1000}'
}
echo "over HTTP, one client: analyze $(http_ms "/api/v1/clients/$id1/analyze") ms," \
     "report.pdf $(http_ms "/api/v1/clients/$id1/report.pdf") ms," \
     "client list (20 clients) $(http_ms /api/v1/clients) ms"
count_pg() { psql -qtA "$PG" -c "SELECT count(*) FROM entry"; }
# Five seconds of the mix first, not reported: each worker's connection prepares its
# statements and the server fills its client-list cache, as a server that has run a while has.
TRP_MIX=mix wrk -t2 -c"$THERAPISTS" -d5s -s bench/clinic_wrk.lua "$BASE" >/dev/null
DBCPU=1
before=$(count_pg)
load entries "PostgreSQL GET entries?since=-7d"
load clients "PostgreSQL GET clients"
load post "PostgreSQL POST entries"
ack=$ACK
for r in $(seq "${MIX_RUNS:-1}"); do
    load mix "PostgreSQL mix 8:1:1"
    ack=$((ack + ACK))
done
for t in $THINK_MS; do
    load mix "PostgreSQL mix, ${t}ms pauses" "$t"
    ack=$((ack + ACK))
done
after=$(count_pg)
echo "stored $((after - before)) new entries for $ack acknowledged POSTs"
[ "$((after - before))" -ge "$ack" ] || { echo "clinic bench: acknowledged POSTs are missing"; exit 1; }
stop

DBCPU=""
echo "== the same load on one person's SQLite diary (trp serve, no login, same connections)"
"$TRP" --db "$W/one.db" serve --listen 127.0.0.1:0 --threads "$THREADS" >"$W/url" 2>"$W/serve.err" &
SERVER=$!
for _ in $(seq 100); do [ -s "$W/url" ] && break; sleep 0.1; done
URL=$(head -1 "$W/url")
BASE=${URL%%/login*}
curl -s -o /dev/null -c "$W/jar1" "$URL"
cookie="trp_session=$(awk '$6 == "trp_session" {print $7}' "$W/jar1")"
csrf=$(curl -s -H "Cookie: $cookie" "$BASE/api/v1/session" | sed -n 's/.*"csrf": *"\([0-9a-f]*\)".*/\1/p')
echo "$cookie $csrf" >"$W/therapists"
load entries "SQLite GET entries?since=-7d"
load post "SQLite POST entries"
load mix "SQLite mix 9:0:1"
for t in $THINK_MS; do load mix "SQLite mix, ${t}ms pauses" "$t"; done
stop

if [ "${SERVE_BENCH:-1}" = 1 ]; then
    echo "== bench/serve_bench.sh (single person, SQLite, 16 connections), same run"
    SECONDS_EACH=$SECS TRP="$TRP" bash bench/serve_bench.sh
fi
