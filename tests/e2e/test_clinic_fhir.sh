#!/usr/bin/env bash
# A clinic client's record through FHIR on PostgreSQL (run by tests/pg/with_cluster.sh): a
# client with an urgent red flag on her intake (acknowledged, not cleared), a practitioner's
# treatment with its passes, PGIC and PSFS at the visit and a pain rating is exported as a
# Bundle and imported into a new client's empty diary. The new client's Bundle is the same
# apart from the ids a database gives (the Patient's trp-person-N, the entries' trp-entry-N
# and their JSON lines' "id"), the intake's acknowledgement included, and the new client's
# safety gate blocks a session for the same urgent reason. The first client's diary is not
# touched by the import into the second.
. "$(dirname "$0")/lib.sh"
: "${TRP_TEST_PG:?run through tests/pg/with_cluster.sh}"
PG="$TRP_TEST_PG"

printf '%s\n' "correct horse battery" | "$TRP" --db "$PG" clinic add-therapist anna --password-stdin >/dev/null ||
    fail "setup: add-therapist"
first=$("$TRP" --db "$PG" clinic add-client "Ada Lovelace" --therapist anna --dob 1985-12-10)
python3 - "$TRP_SOURCE_ROOT/doc/intake-answers.example.json" "$WORK/urgent.json" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
answers = {k: (False if isinstance(v, bool) else [] if isinstance(v, list) else 42) for k, v in base.items()}
answers["cardiac"] = True          # chest pain with sweating: urgent, locks self-treatment
json.dump(answers, open(sys.argv[2], "w"))
PY
c1=(--db "$PG" --client "$first")
run "${c1[@]}" intake --answers "$WORK/urgent.json";          expect_rc 0 "urgent intake"
TRP_NOW=2026-03-10T12:20:00+01:00 run "${c1[@]}" intake --acknowledge; expect_rc 0 "acknowledge"
printf '%s\n' '{"time":"2026-03-10T10:00:00+01:00","kind":"treatment","treatment":{"technique":"compression","muscle":"infraspinatus","side":"left","hold_seconds":60,"passes":2,"performer":"practitioner","each_pass":[{"hold_seconds":60,"softened":false},{"hold_seconds":25,"softened":true}]}}' >"$WORK/t.jsonl"
run "${c1[@]}" import "$WORK/t.jsonl";                        expect_rc 0 "treatment with passes"
run "${c1[@]}" log pgic 2 --at "2026-03-10T10:20";           expect_rc 0 "pgic"
run "${c1[@]}" log psfs "lifting the kettle" 6 --at "2026-03-10T10:21"; expect_rc 0 "psfs"
run "${c1[@]}" log pain 3 --region "left shoulder" --at "2026-03-10T08:00"; expect_rc 0 "pain"
run "${c1[@]}" export --format fhir -o "$WORK/a.json";        expect_rc 0 "export"
before_first=$("$TRP" "${c1[@]}" export --format jsonl --deleted --history)

second=$("$TRP" --db "$PG" clinic add-client "Ada Lovelace" --therapist anna --dob 1985-12-10)
c2=(--db "$PG" --client "$second")
run "${c2[@]}" import "$WORK/a.json";                         expect_rc 0 "import into the new client"
expect_out_contains "imported 4 entries"
expect_out_contains "(1 red flag, acknowledged): intake imported"
run "${c2[@]}" export --format fhir -o "$WORK/b.json";        expect_rc 0 "export of the new client"
ids() { sed -E 's/trp-(entry|person)-[0-9]+/trp-\1-N/g; s/\{\\"id\\":[0-9]+,/{/' "$1"; }
CHECKS=$((CHECKS + 1))
diff <(ids "$WORK/a.json") <(ids "$WORK/b.json") >"$WORK/d" ||
    { fail "the Bundle changed through a new client:"; head -40 "$WORK/d" >&2; }
CHECKS=$((CHECKS + 1))
grep -q "\"reference\": \"Patient/trp-person-$second\"" "$WORK/b.json" ||
    fail "the new Bundle is not about the new client"
OUT=$(cat "$WORK/b.json")
expect_out_contains '"birthDate": "1985-12-10"'
expect_out_contains '"url": "acknowledged"'
expect_out_contains 'softened\":true'

for c in "$first" "$second"; do
    run --db "$PG" --client "$c" session pectoralis-major --side left </dev/null
    expect_rc 1 "session of client $c with an urgent flag"
    expect_err_contains "URGENT: chest, jaw or arm pain"
done
CHECKS=$((CHECKS + 1))
[ "$before_first" = "$("$TRP" "${c1[@]}" export --format jsonl --deleted --history)" ] ||
    fail "importing into the new client changed the first client's diary"

finish
