#!/usr/bin/env bash
# `trp export --format fhir`: the Bundle validates as FHIR R4 JSON (the `fhir` package from
# npm, pinned by tests/fhir/package-lock.json, installed into the build directory), carries
# pain as LOINC 72514-3 Observations with their body sites and treatments as Procedures, and
# `trp import` of it gives back exactly the diary that was exported. The intake round trip:
# a diary with an urgent red flag (acknowledged, not yet cleared), treatments with their
# passes, PGIC and PSFS goes out as a Bundle and into a fresh diary, whose own Bundle is the
# same apart from the entries' ids; the fresh diary's safety gate blocks a session for the
# same urgent reason; a clearance recorded later travels too; nothing older replaces a newer
# intake; a Bundle whose intake is not trp's questionnaire is refused whole.
. "$(dirname "$0")/lib.sh"

check_dir="$(dirname "$TRP")/fhir-check"
mkdir -p "$check_dir"
cp "$TRP_SOURCE_ROOT/tests/fhir/package.json" "$TRP_SOURCE_ROOT/tests/fhir/package-lock.json" \
    "$TRP_SOURCE_ROOT/tests/fhir/validate.js" "$check_dir/"
if [ ! -d "$check_dir/node_modules/fhir" ]; then
    (cd "$check_dir" && npm ci --no-audit --no-fund >/dev/null 2>&1) ||
        { echo "FAIL: cannot install the fhir validator (npm ci in $check_dir)" >&2; exit 1; }
fi

run log pain 6 --region "left temple=7" --region "left low back" --quality aching --note "after \"driving\""
run log pain 3.5 --at "2026-03-09T08:00"
run log treat upper-trapezius --technique compression --side right --hold 60 --passes 2 --practitioner
run log task "computer work" 2h --effort 3 --posture sitting
run log factor sleep_hours 6.5
run log note "felt better in the evening"
run export --format fhir -o "$WORK/diary.fhir.json"
expect_rc 0 "export --format fhir"
CHECKS=$((CHECKS + 1))
node "$check_dir/validate.js" "$WORK/diary.fhir.json" >"$WORK/validate.out" 2>&1 ||
    { fail "not valid FHIR R4:"; cat "$WORK/validate.out" >&2; }
OUT=$(cat "$WORK/diary.fhir.json")
expect_out_contains '"resourceType": "Bundle"'
expect_out_contains '"resourceType": "Patient"'
expect_out_contains '"code": "72514-3"'
expect_out_contains '"code": "temple.l"'
expect_out_contains '"resourceType": "Procedure"'
expect_out_contains '"text": "compression of upper-trapezius, right"'

# A broken Bundle fails validation: the check can fail.
sed 's/"status": "final"/"status": "finished"/' "$WORK/diary.fhir.json" >"$WORK/bad.json"
CHECKS=$((CHECKS + 1))
node "$check_dir/validate.js" "$WORK/bad.json" >/dev/null 2>&1 && fail "a wrong status passed validation"

# Re-import: trp's own fields come back unchanged (every field of every entry).
run export --format jsonl
printf '%s\n' "$OUT" >"$WORK/before.jsonl"
run --db "$WORK/copy.db" import "$WORK/diary.fhir.json"
expect_rc 0 "import of the Bundle"
run --db "$WORK/copy.db" export --format jsonl
printf '%s\n' "$OUT" >"$WORK/after.jsonl"
CHECKS=$((CHECKS + 1))
# Ids are the database's own (a new database numbers its entries afresh); all else is equal.
diff <(sed 's/^{"id":[0-9]*,//' "$WORK/before.jsonl" | sort) \
     <(sed 's/^{"id":[0-9]*,//' "$WORK/after.jsonl" | sort) >"$WORK/d" ||
    { fail "the diary changed through FHIR:"; cat "$WORK/d" >&2; }
run --db "$WORK/copy.db" import "$WORK/diary.fhir.json"
expect_rc 0 "the same Bundle again"
run --db "$WORK/copy.db" export --format jsonl
CHECKS=$((CHECKS + 1))
[ "$OUT" = "$(cat "$WORK/after.jsonl")" ] || fail "importing the Bundle twice changed the diary"

# --- The intake and the rest of a visit through FHIR, into a fresh diary ---
A="$WORK/a.db"; B="$WORK/b.db"
python3 - "$TRP_SOURCE_ROOT/doc/intake-answers.example.json" "$WORK/urgent.json" <<'PY'
import json, sys
base = json.load(open(sys.argv[1]))
answers = {k: (False if isinstance(v, bool) else [] if isinstance(v, list) else 42) for k, v in base.items()}
answers["cardiac"] = True          # chest pain with sweating: urgent, locks self-treatment
json.dump(answers, open(sys.argv[2], "w"))
PY
run --db "$A" intake --answers "$WORK/urgent.json";        expect_rc 0 "urgent intake"
TRP_NOW=2026-03-10T12:30:00+01:00 run --db "$A" intake --acknowledge; expect_rc 0 "acknowledge"
# Logged out of time order, so the fresh diary numbers the entries differently.
run --db "$A" log pain 7 --region "left temple=8" --region "left upper back" --note "woke with it"
run --db "$A" log pgic 3 --at "2026-03-10T09:00"
run --db "$A" log psfs "reaching overhead" 4 --at "2026-03-10T09:05"
printf '%s\n' '{"time":"2026-03-09T16:00:00+01:00","kind":"treatment","treatment":{"technique":"compression","muscle":"upper-trapezius","side":"right","hold_seconds":90,"passes":2,"performer":"practitioner","each_pass":[{"hold_seconds":90,"softened":false},{"hold_seconds":40,"softened":true}]}}' >"$WORK/t.jsonl"
run --db "$A" import "$WORK/t.jsonl";                      expect_rc 0 "treatment with passes"
run --db "$A" log task "computer work" 2h --at "2026-03-09T10:00"
run --db "$A" export --format fhir -o "$WORK/a.fhir.json"; expect_rc 0 "export with the intake"
CHECKS=$((CHECKS + 1))
node "$check_dir/validate.js" "$WORK/a.fhir.json" >"$WORK/validate.out" 2>&1 ||
    { fail "the Bundle with the intake is not valid FHIR R4:"; cat "$WORK/validate.out" >&2; }

run --db "$B" import "$WORK/a.fhir.json";                  expect_rc 0 "import into a fresh diary"
expect_out_contains "imported 5 entries (pain 1, task 1, factor 0, treatment 1, note 0, pgic 1, psfs 1)"
expect_out_contains "intake of 2026-03-10T11:00:00+00:00 (1 red flag, acknowledged): intake imported"
run --db "$B" export --format fhir -o "$WORK/b.fhir.json"; expect_rc 0 "export of the copy"
# same_bundle X Y: equal once the entries' ids are taken out (trp-entry-N, fullUrl, and the
# "id" of the entry line in trp's extension): a fresh database numbers its entries afresh.
same_bundle() {
    CHECKS=$((CHECKS + 1))
    local x y
    x=$(sed -E 's/trp-entry-[0-9]+/trp-entry-N/; s/\{\\"id\\":[0-9]+,/{/' "$1")
    y=$(sed -E 's/trp-entry-[0-9]+/trp-entry-N/; s/\{\\"id\\":[0-9]+,/{/' "$2")
    diff <(printf '%s\n' "$x") <(printf '%s\n' "$y") >"$WORK/bd" ||
        { fail "$3:"; head -40 "$WORK/bd" >&2; }
}
same_bundle "$WORK/a.fhir.json" "$WORK/b.fhir.json" "the Bundle changed through a fresh diary"
CHECKS=$((CHECKS + 1))
[ "$(grep -c '"resourceType": "QuestionnaireResponse"' "$WORK/b.fhir.json")" = 1 ] ||
    fail "the copy's Bundle has no intake"
CHECKS=$((CHECKS + 1))
grep -q '"url": "acknowledged"' "$WORK/b.fhir.json" || fail "the acknowledgement was lost"
CHECKS=$((CHECKS + 1))
grep -q '"softened\\": *true' "$WORK/b.fhir.json" || grep -q 'softened\\":true' "$WORK/b.fhir.json" ||
    fail "the treatment's passes were lost"

# The copy's safety gate: blocked for the urgent flag (not merely for lacking an intake).
for db in "$A" "$B"; do
    run --db "$db" session pectoralis-major --side left
    expect_rc 1 "session with an urgent flag ($db)"
    expect_err_contains "URGENT: chest, jaw or arm pain"
done
run --db "$B" safety upper-trapezius --side right --json
expect_out_contains '"urgent": true'

# Importing the Bundle again changes nothing.
run --db "$B" import "$WORK/a.fhir.json";                  expect_rc 0 "the same Bundle again"
expect_out_contains "intake already in the diary"
run --db "$B" export --format fhir -o "$WORK/b2.fhir.json"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/b.fhir.json" "$WORK/b2.fhir.json" || fail "importing the Bundle twice changed it"

# A clinician's clearance recorded later travels to the copy, which then allows the session.
TRP_NOW=2026-03-11T09:00:00+01:00 run --db "$A" intake --cleared-by "Dr Jane Ross"; expect_rc 0 "clearance"
run --db "$A" export --format fhir -o "$WORK/a2.fhir.json"
run --db "$B" import "$WORK/a2.fhir.json";                 expect_rc 0 "import of the clearance"
expect_out_contains "cleared by Dr Jane Ross): intake already in the diary; its clearance imported"
run --db "$B" export --format fhir -o "$WORK/b3.fhir.json"
same_bundle "$WORK/a2.fhir.json" "$WORK/b3.fhir.json" "the cleared Bundle changed through the copy"
run --db "$B" session pectoralis-major --side left </dev/null
CHECKS=$((CHECKS + 1))
case "$OUT$ERR" in *"URGENT"*) fail "the imported clearance did not unlock the session: $ERR" ;; esac
run --db "$B" intake --show --json
expect_out_contains '"cleared_by": "Dr Jane Ross"'

# An older intake never replaces a newer one.
C="$WORK/c.db"
python3 -c "import json; a = json.load(open('$WORK/urgent.json')); a['cardiac'] = False; json.dump(a, open('$WORK/clean.json', 'w'))"
TRP_NOW=2026-03-12T08:00:00+01:00 run --db "$C" intake --answers "$WORK/clean.json"
run --db "$C" import "$WORK/a.fhir.json";                  expect_rc 0 "import beside a newer intake"
expect_out_contains "the diary's own intake is newer"
TRP_NOW=2026-03-12T09:00:00+01:00 run --db "$C" safety pectoralis-major --side left --json
expect_out_contains '"urgent": false'

# A Bundle whose intake answers are not trp's questionnaire is refused, the diary unchanged.
sed 's/\\"cardiac\\":true/\\"cardiac\\":\\"maybe\\"/' "$WORK/a.fhir.json" >"$WORK/bad-intake.json"
CHECKS=$((CHECKS + 1))
cmp -s "$WORK/a.fhir.json" "$WORK/bad-intake.json" && fail "the bad-intake fixture is unchanged"
D="$WORK/d.db"
run --db "$D" import "$WORK/bad-intake.json"
expect_rc 1 "a Bundle with a bad intake"
expect_err_contains "the Bundle's intake"
run --db "$D" export --format jsonl
CHECKS=$((CHECKS + 1))
[ -z "$OUT" ] || fail "entries came in with a refused Bundle: $OUT"

finish
