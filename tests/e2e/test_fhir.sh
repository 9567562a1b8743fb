#!/usr/bin/env bash
# `trp export --format fhir`: the Bundle validates as FHIR R4 JSON (the `fhir` package from
# npm, pinned by tests/fhir/package-lock.json, installed into the build directory), carries
# pain as LOINC 72514-3 Observations with their body sites and treatments as Procedures, and
# `trp import` of it gives back exactly the diary that was exported.
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

finish
