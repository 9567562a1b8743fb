#!/usr/bin/env bash
# Two builds of `trp serve` side by side on the same one-year diary, so that a change can be
# judged on a machine shared with other work: GET /api/v1/entries?since=-7d rounds
# alternate between the baseline (BASE) and the candidate (TRP) and are reported with the
# load average, then resident memory after ~1k, 100k and 200k GETs, then POST (every
# acknowledged POST must be committed). wrk targets loopback only and each run is bounded.
#   BASE=path/to/old/trp TRP=build/trp bash bench/serve_compare.sh
# ROUNDS (default 3) and SECONDS_EACH (default 10) bound the GET rounds. With PIN=1 the
# servers run on CPU 1 and wrk on CPU 0 (taskset), which steadies figures on two cores.
set -euo pipefail
cd "$(dirname "$0")/.."
TRP=${TRP:-build/trp}
BASE=${BASE:?"BASE=path to the baseline trp binary"}
SECS=${SECONDS_EACH:-10}
ROUNDS=${ROUNDS:-3}
MEM=${MEM_REQUESTS:-100000} # the memory checkpoints are MEM and 2*MEM GETs
W=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$W"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "serve compare: wrk is missing (scripts/install-deps.sh)"; exit 1; }
SRV_PIN=() WRK_PIN=()
if [ "${PIN:-0}" = 1 ]; then SRV_PIN=(taskset -c 1); WRK_PIN=(taskset -c 0); fi

"$TRP" --db "$W/d.db" simulate --days 365 --seed 7 --start "$(date -d '-364 days' +%F)" -o "$W/year.csv" >/dev/null
"$TRP" --db "$W/d.db" import "$W/year.csv" >/dev/null
echo "diary: $(sqlite3 "$W/d.db" 'SELECT count(*) FROM entry') entries over 365 days"

declare -A PID URLBASE COOKIE CSRF
start() { # name binary
    cp "$W/d.db" "$W/$1.db"
    "${SRV_PIN[@]}" "$2" --db "$W/$1.db" serve --listen 127.0.0.1:0 >"$W/$1.url" 2>/dev/null &
    PID[$1]=$!
    PIDS+=("$!")
    for _ in $(seq 100); do [ -s "$W/$1.url" ] && break; sleep 0.1; done
    local url
    url=$(head -1 "$W/$1.url")
    URLBASE[$1]=${url%%/login*}
    curl -s -o /dev/null -c "$W/$1.jar" "$url"
    COOKIE[$1]="trp_session=$(awk '$6 == "trp_session" {print $7}' "$W/$1.jar")"
    CSRF[$1]=$(curl -s -H "Cookie: ${COOKIE[$1]}" "${URLBASE[$1]}/api/v1/session" |
        sed -n 's/.*"csrf": "\([0-9a-f]*\)".*/\1/p')
}
start base "$BASE"
start new "$TRP"
# Both must answer the same bytes before their speed means anything.
for n in base new; do
    curl -s -H "Cookie: ${COOKIE[$n]}" "${URLBASE[$n]}/api/v1/entries?since=-7d" >"$W/$n.json"
done
cmp -s "$W/base.json" "$W/new.json" || { echo "serve compare: the two answers differ"; exit 1; }
echo "week of entries per GET: $(grep -c '"id"' "$W/new.json") entries, same bytes from both"

rss() { awk '/VmRSS/ {print $2}' "/proc/${PID[$1]}/status"; }
cpu() { awk '{print $14 + $15}' "/proc/${PID[$1]}/stat"; }
bench() { # name script [wrk options...]: wrk's output on stdout
    local n=$1 s=$2
    shift 2
    TRP_COOKIE=${COOKIE[$n]} TRP_CSRF=${CSRF[$n]} "${WRK_PIN[@]}" wrk -t2 -c16 "$@" -s "$s" "${URLBASE[$n]}"
}
field() { awk -v k="$1" '$1 == k {print $2}' "$2"; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for n in base new; do TRP_LIMIT=500 bench "$n" bench/serve_get.lua -d30s >/dev/null; done
declare -A RSS1K
for n in base new; do RSS1K[$n]=$(rss "$n"); done
echo "== GET /api/v1/entries?since=-7d, 16 connections, ${SECS}s per run, alternating"
printf '%-6s %-5s %10s %9s %9s %12s\n' round build req/s p50 p99 "CPU us/req"
for r in $(seq "$ROUNDS"); do
    for n in base new; do
        c0=$(cpu "$n")
        bench "$n" bench/serve_get.lua -d"${SECS}s" --latency >"$W/get.txt"
        total=$(awk '/requests in/ {print $1}' "$W/get.txt")
        us=$(( ($(cpu "$n") - c0) * 1000000 / $(getconf CLK_TCK) / total ))
        printf '%-6s %-5s %10s %9s %9s %12s\n' "$r" "$n" \
            "$(awk '/Requests\/sec/ {print $2}' "$W/get.txt")" "$(field 50% "$W/get.txt")" \
            "$(field 99% "$W/get.txt")" "$us"
    done
done
echo "load average after GET rounds: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== memory (VmRSS, KiB)"
for n in base new; do
    total=0
    marks=()
    for target in "$MEM" $((2 * MEM)); do
        while [ "$total" -lt "$target" ]; do
            k=$(bench "$n" bench/serve_get.lua -d"${SECS}s" | awk '/requests in/ {print $1}')
            total=$((total + k))
        done
        marks+=("$(rss "$n") after $total more")
    done
    echo "$n: ${RSS1K[$n]} after ~1k GETs, ${marks[0]}, ${marks[1]}"
done

echo "== POST /api/v1/entries, 16 connections, ${SECS}s"
for n in base new; do
    before=$(sqlite3 "$W/$n.db" 'SELECT count(*) FROM entry')
    bench "$n" bench/serve_post.lua -d"${SECS}s" --latency >"$W/post.txt"
    after=$(sqlite3 "$W/$n.db" 'SELECT count(*) FROM entry')
    ack=$(awk '/^acknowledged/ {print $2}' "$W/post.txt")
    printf '%-5s %10s req/s  p50 %s  p99 %s  acknowledged %s, stored %s\n' "$n" \
        "$(awk '/Requests\/sec/ {print $2}' "$W/post.txt")" "$(field 50% "$W/post.txt")" \
        "$(field 99% "$W/post.txt")" "$ack" "$((after - before))"
    [ "$((after - before))" -ge "$ack" ] || { echo "serve compare: $n lost acknowledged POSTs"; exit 1; }
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
