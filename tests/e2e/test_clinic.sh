#!/usr/bin/env bash
# The clinic on PostgreSQL, end to end through the CLI (run by tests/pg/with_cluster.sh,
# which sets TRP_TEST_PG): therapists and clients, each client's diary apart from the
# others, an unknown client answered like a missing one, the audit log of every read and
# write, a diary moved between PostgreSQL and SQLite unchanged, and an import that fails
# half-way leaving nothing behind.
. "$(dirname "$0")/lib.sh"
: "${TRP_TEST_PG:?run through tests/pg/with_cluster.sh}"
PG="$TRP_TEST_PG"

# run_in TEXT CMD...: like run, with TEXT on standard input.
run_in() {
    local input=$1; shift
    OUT=$(printf '%s\n' "$input" | "$TRP" "$@" 2>"$WORK/stderr")
    RC=$?
    ERR=$(cat "$WORK/stderr")
}

run_in "correct horse battery" --db "$PG" clinic add-therapist anna --password-stdin
expect_rc 0 "add-therapist"
run_in "correct horse battery" --db "$PG" clinic add-therapist anna --password-stdin
expect_rc 1 "a login twice"
expect_err_contains "taken"
run_in "short" --db "$PG" clinic add-therapist bert --password-stdin
expect_rc 1 "a short password"
expect_err_contains "at least 10"
run_in "another good passphrase" --db "$PG" clinic add-therapist bert --password-stdin
expect_rc 0 "second therapist"

run --db "$PG" clinic add-client "Ada Lovelace" --therapist anna --dob 1985-12-10 \
    --medications "ibuprofen 400 mg as needed"
expect_rc 0 "add-client"
ada=$OUT
run --db "$PG" clinic add-client "Ben Bauer" --therapist bert
expect_rc 0 "second client"
ben=$OUT
[ "$ada" -gt 1 ] && [ "$ben" -gt "$ada" ] || fail "client ids $ada, $ben"
run --db "$PG" clinic add-client "Cleo" --therapist nobody
expect_rc 1 "unknown therapist"
expect_err_contains "no therapist with the login nobody"
run --db "$PG" clinic add-client "Cleo" --therapist anna --dob 1990-02-30
expect_rc 1 "impossible date of birth"

# Each client's diary is their own.
run --db "$PG" --client "$ada" log pain 6 --region "left temple" --note "after the long drive"
expect_rc 0 "log for Ada"
run --db "$PG" log pain 2 --client "$ben"
expect_rc 0 "log for Ben (--client after the command)"
# A flare definition is kept per client.
run --db "$PG" --client "$ada" config flare classic; expect_rc 0; expect_out_contains "kept with 'trp config flare'"
run --db "$PG" --client "$ben" config flare;     expect_rc 0; expect_out_contains "(the default)"
run --db "$PG" --client "$ada" config flare;     expect_out_contains "rise=2,floor=4"
run --db "$PG" --client "$ada" list --json
expect_rc 0 "list Ada"
expect_out_contains "after the long drive"
case "$OUT" in *'"value": 2'*) fail "Ben's entry in Ada's list" ;; esac
run --db "$PG" --client "$ben" list --json
case "$OUT" in *"long drive"*) fail "Ada's entry in Ben's list" ;; esac
run --db "$PG" list
case "$OUT" in *"long drive"*) fail "a client's entry in the default diary" ;; esac
run --db "$PG" --client 999 list
expect_rc 1 "an unknown client"
expect_err_contains "no client with id 999"
run --db "$PG" --client abc list
expect_rc 1 "a client id that is not a number"
run --client "$ada" list
expect_rc 1 "--client on an SQLite diary"
expect_err_contains "postgresql://"

# A visit: SOAP notes tied to the day's practitioner treatment; the visit history.
run --db "$PG" --client "$ada" log treat upper-trapezius --technique compression --side right \
    --hold 60 --practitioner --at "2026-03-09T10:30"
expect_rc 0 "a practitioner's treatment"
run --db "$PG" --client "$ada" list --json --kind treatment
treat_id=$(printf '%s' "$OUT" | grep -o '"id":[0-9]*' | head -1 | grep -o '[0-9]*$')
run --db "$PG" --client "$ben" list --json
ben_entry=$(printf '%s' "$OUT" | grep -o '"id":[0-9]*' | head -1 | grep -o '[0-9]*$')
run --db "$PG" clinic visit "$ada" --at "2026-03-09T11:00" --subjective "headache after driving" \
    --objective "active TrP right upper trapezius" --assessment "myofascial pain, no red flags" \
    --plan "self-compression 3x/week; review in 2 weeks"
expect_rc 0 "visit"
run --db "$PG" clinic visit "$ada" --plan "x" --entry "$ben_entry"
expect_rc 1 "a visit naming another client's entry"
expect_err_contains "no entry with id $ben_entry"
run --db "$PG" clinic visits "$ada" --json
expect_rc 0 "visits"
expect_out_contains '"subjective": "headache after driving"'
expect_out_contains "\"entries\": [
      $treat_id"
run --db "$PG" clinic visits "$ben"
expect_out_contains "no visits yet"
run --db "$PG" clinic visits 999
expect_rc 1 "visits of an unknown client"
run --db "$PG" clinic clients --json
expect_out_contains '"last_visit": "2026-03-09T10:00:00Z"'
# The clinician's report says whose it is: name, birth date, medications, therapist, visits.
run --db "$PG" --client "$ada" report --format html -o -
expect_rc 0 "a client's report"
expect_out_contains "Ada Lovelace"
expect_out_contains "1985-12-10"
expect_out_contains "ibuprofen 400 mg as needed"
expect_out_contains "own therapist: anna"
expect_out_contains "headache after driving"
run --db "$PG" --client "$ben" report --format html -o -
case "$OUT" in *"Ada Lovelace"*) fail "Ada's name in Ben's report" ;; esac

# Sharing and handing over.
run --db "$PG" clinic link "$ada" --therapist bert
expect_rc 0 "share Ada with bert"
run --db "$PG" clinic link 999 --therapist bert
expect_rc 1 "link an unknown client"
run --db "$PG" clinic clients --json
expect_rc 0 "client list"
expect_out_contains '"name": "Ada Lovelace"'
expect_out_contains '"date_of_birth": "1985-12-10"'
run_in "a brand new passphrase" --db "$PG" clinic passwd anna
expect_rc 0 "passwd"

# The audit log holds every access, with who and from where, and cannot be rewritten.
run --db "$PG" clinic audit --json
expect_rc 0 "audit"
expect_out_contains '"action": "log.write"'
expect_out_contains '"action": "list.read"'
expect_out_contains '"action": "denied"'
expect_out_contains '"origin": "terminal"'
expect_out_contains '"action": "account.password"'
run --db "$PG" clinic audit --of "$ada"
expect_rc 0 "audit of one client"
expect_out_contains "list.read"
case "$OUT" in *"#$ben "*) fail "Ben's rows in Ada's audit" ;; esac
if command -v psql >/dev/null; then
    psql -q "$PG" -c "DELETE FROM audit_log" >/dev/null 2>&1 && fail "the audit log was shortened"
fi

# A diary moves between the backends unchanged (JSON Lines, with its history).
run --db "$PG" --client "$ada" edit 1 --value 5 2>/dev/null
run --db "$PG" --client "$ada" export --format jsonl
expect_rc 0 "export from PostgreSQL"
printf '%s\n' "$OUT" >"$WORK/ada.jsonl"
run --db "$WORK/ada.db" import "$WORK/ada.jsonl"
expect_rc 0 "import into SQLite"
run --db "$WORK/ada.db" export --format jsonl
expect_rc 0 "export from SQLite"
printf '%s\n' "$OUT" >"$WORK/ada2.jsonl"
CHECKS=$((CHECKS + 1))
diff <(sed 's/"id":[0-9]*,//; s/"created":"[^"]*",//' "$WORK/ada.jsonl") \
     <(sed 's/"id":[0-9]*,//; s/"created":"[^"]*",//' "$WORK/ada2.jsonl") >"$WORK/d" ||
    { fail "the diary changed between PostgreSQL and SQLite:"; cat "$WORK/d" >&2; }
ada_count=$(grep -c '"kind"' "$WORK/ada.jsonl")
run --db "$PG" --client "$ben" import "$WORK/ada.jsonl"
expect_rc 0 "import into PostgreSQL"
run --db "$PG" --client "$ben" import "$WORK/ada.jsonl"
expect_rc 0 "the same import again"
run --db "$PG" --client "$ben" list --json
CHECKS=$((CHECKS + 1))
[ "$(printf '%s' "$OUT" | grep -c '"kind"')" -eq $((ada_count + 1)) ] || fail "import twice doubled: $OUT"

# All or nothing: a bad line in the middle writes none of the file.
{
    echo '{"time":"2026-03-02T08:00:00+01:00","kind":"pain","value":3}'
    echo '{"time":"2026-03-02T09:00:00+01:00","kind":"pain","value":11}'
} >"$WORK/bad.jsonl"
run --db "$PG" --client "$ben" import "$WORK/bad.jsonl"
expect_rc 1 "an import with a bad line"
run --db "$PG" --client "$ben" list --json
CHECKS=$((CHECKS + 1))
[ "$(printf '%s' "$OUT" | grep -c '"kind"')" -eq $((ada_count + 1)) ] || fail "a failed import wrote: $OUT"

# The password never shows in messages.
run --db "postgresql://trp:hunter2secret@127.0.0.1:1/none?connect_timeout=2" list
expect_rc 1 "an unreachable server"
CHECKS=$((CHECKS + 1))
case "$ERR" in *hunter2secret*) fail "password in the message: $ERR" ;; esac

finish
