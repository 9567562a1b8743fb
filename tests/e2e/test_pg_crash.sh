#!/usr/bin/env bash
# The PostgreSQL server dies in the middle of writes (SIGKILL to the postmaster and every
# backend, as in a power cut of the server process) while trp keeps logging. After a
# restart (crash recovery from the write-ahead log) every entry trp acknowledged is there:
# nothing acknowledged is lost, and at most the one write in flight may or may not be.
# Run by tests/pg/with_cluster.sh with TRP_PG_FSYNC=on.
. "$(dirname "$0")/lib.sh"
: "${TRP_TEST_PG:?run through tests/pg/with_cluster.sh}"
: "${TRP_TEST_PG_DIR:?}"
PG="$TRP_TEST_PG"

run --db "$PG" list
expect_rc 0 "a fresh clinic database"

# The writer: one trp log after another; each acknowledged number is appended to acked.
: >"$WORK/acked"
(
    n=0
    while [ ! -e "$WORK/stop" ] && [ "$n" -lt 100000 ]; do
        n=$((n + 1))
        if "$TRP" --db "$PG" log note "write number $n" >/dev/null 2>&1; then
            echo "$n" >>"$WORK/acked"
        fi
    done
) &
writer=$!

# Let it write a while, then kill the server and all its processes at once.
for _ in $(seq 50); do
    [ "$(wc -l <"$WORK/acked")" -ge 40 ] && break
    sleep 0.1
done
pm=$(head -1 "$TRP_TEST_PG_DIR/data/postmaster.pid")
kids=$(ps -o pid= --ppid "$pm" | tr '\n' ' ')
# shellcheck disable=SC2086
kill -KILL "$pm" $kids 2>/dev/null
before=$(wc -l <"$WORK/acked")
sleep 1
# While the server is down, writes fail and say so (they are not acknowledged).
run --db "$PG" log note "while down"
expect_rc 1 "a write while the server is down"
# Where nothing reaps orphans (a container whose first process is not an init), the dead
# postmaster stays a zombie and its lock file looks alive; an operator removes it then.
for _ in $(seq 20); do
    stat=$(ps -o stat= -p "$pm" 2>/dev/null || true)
    case "$stat" in '' | Z*) break ;; esac
    sleep 0.1
done
case "$(ps -o stat= -p "$pm" 2>/dev/null)" in
    Z*) rm -f "$TRP_TEST_PG_DIR/data/postmaster.pid" "$TRP_TEST_PG_DIR"/.s.PGSQL.*.lock ;;
esac
bash "$TRP_TEST_PG_DIR/start.sh" || { fail "the server did not restart"; tail -5 "$TRP_TEST_PG_DIR/server.log" >&2; }
sleep 1
touch "$WORK/stop"
wait "$writer"

run --db "$PG" list --json
expect_rc 0 "list after recovery"
printf '%s\n' "$OUT" >"$WORK/list.json"
lost=0
while read -r n; do
    grep -q "\"write number $n\"" "$WORK/list.json" || lost=$((lost + 1))
done <"$WORK/acked"
CHECKS=$((CHECKS + 1))
[ "$lost" -eq 0 ] || fail "$lost acknowledged writes lost after the crash"
CHECKS=$((CHECKS + 1))
[ "$before" -ge 10 ] || fail "only $before writes before the crash: the test did not test much"
case "$OUT" in *"while down"*) fail "a refused write appeared" ;; esac
echo "acknowledged before the crash: $before; in total: $(wc -l <"$WORK/acked"); lost: $lost"

finish
