#!/usr/bin/env bash
# Crash consistency: import and log are killed with SIGKILL at random moments (before,
# during and after their transaction). After every kill the database passes
# PRAGMA integrity_check, and each command happened wholly or not at all: an import adds
# all of its entries or none, a log adds its entry with all of its regions or nothing.
. "$(dirname "$0")/lib.sh"
RANDOM=20261130
ROUNDS=${TRP_CRASH_ROUNDS:-12}

count() { sqlite3 "$TRP_DB" "SELECT count(*) FROM entry"; }
check_db() {
    CHECKS=$((CHECKS + 1))
    local ic
    ic=$(sqlite3 "$TRP_DB" "PRAGMA integrity_check" 2>&1)
    [ "$ic" = ok ] || fail "$1: integrity_check says: $ic"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# Distinct diaries (a different seed and a start two years apart, so that no two of them
# overlap and the idempotent import skips nothing), so every import adds all its entries.
for i in $(seq 1 "$ROUNDS"); do
    "$TRP" simulate --days 600 --seed "$i" --start "$((1980 + 2 * i))-01-01" -o "$WORK/sim$i.csv" >/dev/null
done
run log pain 1 --at 2026-01-01T08:00; expect_rc 0
# How long one import takes here (sanitizers slow it down), to spread the kills over it.
t0=$(now_ms)
"$TRP" --db "$WORK/timing.db" import "$WORK/sim1.csv" >/dev/null
span=$(( $(now_ms) - t0 + 20 ))

killed_mid=0
for i in $(seq 1 "$ROUNDS"); do
    # What a complete import adds (import leaves out entries repeated within a file).
    size=$("$TRP" --db "$WORK/ref$i.db" import "$WORK/sim$i.csv" >/dev/null && sqlite3 "$WORK/ref$i.db" "SELECT count(*) FROM entry")
    before=$(count)
    delay=$(( RANDOM % span ))
    "$TRP" import "$WORK/sim$i.csv" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check_db "import killed after ${delay} ms"
    after=$(count)
    CHECKS=$((CHECKS + 1))
    if [ "$after" -ne "$before" ] && [ "$after" -ne $((before + size)) ]; then
        fail "import of $size entries killed after ${delay} ms left $((after - before)) of them"
    fi
    [ "$after" -eq "$before" ] && killed_mid=$((killed_mid + 1))
done

# Spread the log kills over twice the time one log takes here, so that on a loaded
# machine some still complete (the all-or-nothing check below needs a few that did).
t0=$(now_ms)
"$TRP" --db "$WORK/timing.db" log pain 4 --region "left temple" --at "2026-02-01T08:00" >/dev/null
logspan=$(( 2 * ($(now_ms) - t0) + 10 ))
for i in $(seq 1 $((ROUNDS * 3))); do
    before=$(count)
    delay=$(( RANDOM % logspan ))
    "$TRP" log pain 4 --region "left temple" --region "right heel=3" --at "2026-02-01T08:00" >/dev/null 2>&1 &
    pid=$!
    sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    check_db "log killed after ${delay} ms"
    after=$(count)
    CHECKS=$((CHECKS + 1))
    [ "$after" -eq "$before" ] || [ "$after" -eq $((before + 1)) ] || fail "log added $((after - before)) entries"
done
CHECKS=$((CHECKS + 1))
logged=$(sqlite3 "$TRP_DB" "SELECT count(*) FROM entry WHERE at_utc = strftime('%s','2026-02-01T07:00:00')")
[ "$logged" -gt 0 ] || fail "no log survived its kill: the check below would prove nothing"
CHECKS=$((CHECKS + 1))
half=$(sqlite3 "$TRP_DB" "SELECT count(*) FROM entry e WHERE e.at_utc = strftime('%s','2026-02-01T07:00:00')
    AND (SELECT count(*) FROM pain_region r WHERE r.entry_id = e.id) <> 2")
[ "$half" = 0 ] || fail "$half logged entries lack some of their regions"

# The diary still works after all that.
run log pain 2 --at 2026-03-01T08:00; expect_rc 0
run list --limit 1; expect_out_contains "pain 2"
check_db "final"
echo "imports killed before committing: $killed_mid of $ROUNDS; logs that completed: $logged of $((ROUNDS * 3))"
finish
