#!/usr/bin/env bash
# `trp serve` under load with wrk on loopback (16 connections, 2 threads, bounded time) on a
# one-year simulated diary: requests/s and p50/p99 latency for GET /api/v1/entries?since=-7d
# and for POST /api/v1/entries; every acknowledged POST must be in the database; resident
# memory after ~1k requests and after 100k more must not grow.
# SECONDS_EACH (default 10) bounds each wrk run. The server's CPU time per request is
# printed too: on a shared machine requests/s measure the neighbours as much as trp.
set -euo pipefail
cd "$(dirname "$0")/.."
TRP=${TRP:-build/trp}
SECS=${SECONDS_EACH:-10}
W=$(mktemp -d)
SERVER=""
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$W"; }
trap cleanup EXIT
command -v wrk >/dev/null || { echo "serve bench: wrk is missing (scripts/install-deps.sh)"; exit 1; }

# The diary ends today, so "the last week" holds a week of entries.
"$TRP" --db "$W/d.db" simulate --days 365 --seed 7 --start "$(date -d '-364 days' +%F)" -o "$W/year.csv" >/dev/null
"$TRP" --db "$W/d.db" import "$W/year.csv" >/dev/null
echo "diary: $(sqlite3 "$W/d.db" 'SELECT count(*) FROM entry') entries over 365 days"
"$TRP" --db "$W/d.db" serve --listen 127.0.0.1:0 >"$W/url" 2>/dev/null &
SERVER=$!
for _ in $(seq 50); do [ -s "$W/url" ] && break; sleep 0.1; done
URL=$(head -1 "$W/url")
BASE=${URL%%/login*}
curl -s -o /dev/null -c "$W/jar" "$URL"
export TRP_COOKIE="trp_session=$(awk '$6 == "trp_session" {print $7}' "$W/jar")"
export TRP_CSRF=$(curl -s -H "Cookie: $TRP_COOKIE" "$BASE/api/v1/session" | sed -n 's/.*"csrf": "\([0-9a-f]*\)".*/\1/p')
echo "week of entries per GET: $(curl -s -H "Cookie: $TRP_COOKIE" "$BASE/api/v1/entries?since=-7d" | grep -c '"id"') entries"
# Read once the server has been quiet for a few seconds: after a second without requests it
# gives the memory its threads freed back to the system (malloc_trim in cmd_serve.c), so
# this is what it keeps, not the high-water mark of the burst that just ended.
rss() { sleep 3; awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
# Server CPU time in clock ticks: CPU per request does not depend on how busy the machine is.
cpu() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
per_request() { echo "server CPU per request: $(( ($2 - $1) * 1000000 / $(getconf CLK_TCK) / $3 )) us"; }

# About 1,000 requests over all 16 connections (so every worker thread has opened its
# database connection), then the memory baseline.
TRP_LIMIT=500 wrk -t2 -c16 -d30s -s bench/serve_get.lua "$BASE" >/dev/null
rss1k=$(rss)

echo "== GET /api/v1/entries?since=-7d (16 connections, ${SECS}s)"
c0=$(cpu)
wrk -t2 -c16 -d"${SECS}s" --latency -s bench/serve_get.lua "$BASE" | tee "$W/get.txt" |
    grep -E "Requests/sec|Latency |  50%|  99%|requests in|Non-2xx"
total=$(awk '/requests in/ {print $1}' "$W/get.txt")
per_request "$c0" "$(cpu)" "$total"
while [ "$total" -lt 100000 ]; do
    n=$(wrk -t2 -c16 -d"${SECS}s" -s bench/serve_get.lua "$BASE" | awk '/requests in/ {print $1}')
    total=$((total + n))
done
rss100k=$(rss)
echo "memory: ${rss1k} KiB after ~1k requests, ${rss100k} KiB after $total more"
# A leak keeps growing; a cache that filled up does not: another 100k requests.
more=0
while [ "$more" -lt 100000 ]; do
    n=$(wrk -t2 -c16 -d"${SECS}s" -s bench/serve_get.lua "$BASE" | awk '/requests in/ {print $1}')
    more=$((more + n))
done
echo "memory: $(rss) KiB after $more requests more"

echo "== POST /api/v1/entries (16 connections, ${SECS}s)"
before=$(sqlite3 "$W/d.db" 'SELECT count(*) FROM entry')
c0=$(cpu)
wrk -t2 -c16 -d"${SECS}s" --latency -s bench/serve_post.lua "$BASE" | tee "$W/post.txt" |
    grep -E "Requests/sec|Latency |  50%|  99%|requests in|acknowledged"
per_request "$c0" "$(cpu)" "$(awk '/requests in/ {print $1}' "$W/post.txt")"
after=$(sqlite3 "$W/d.db" 'SELECT count(*) FROM entry')
ack=$(awk '/^acknowledged/ {print $2}' "$W/post.txt")
echo "stored $((after - before)) new entries for $ack acknowledged POSTs"
[ "$((after - before))" -ge "$ack" ] || { echo "serve bench: acknowledged POSTs are missing"; exit 1; }
