#!/usr/bin/env bash
# End-to-end tests of `trp intake`: the scripted prompt (bad answers asked again), the JSON
# answers file (every question required, unknown keys refused, nothing saved on error),
# red flags locking until acknowledged, and retaking.
. "$(dirname "$0")/lib.sh"
EX="$TRP_SOURCE_ROOT/doc/intake-answers.example.json"

run intake --show;            expect_rc 1 "show before any intake"; expect_err_contains "run 'trp intake'"
run intake --answers "$EX";   expect_rc 0 "answers file"; expect_out_contains "No red flags"
expect_out_contains "varicose_veins: calf.l"
run intake --show --json;     expect_rc 0; expect_out_contains '"varicose_veins": ['
expect_out_contains '"red_flags": []'

# A file with a red flag: advice, lock, acknowledge.
sed 's/"cardiac": false/"cardiac": true/' "$EX" >"$WORK/flag.json"
run intake --answers "$WORK/flag.json"
expect_rc 0; expect_out_contains "URGENT"; expect_out_contains "trp intake --acknowledge"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$TRP_DB" "SELECT count(*) FROM intake")" = 2 ] || fail "retake did not add a record"
run intake --show --json;     expect_out_contains '"acknowledged": false'; expect_out_contains '"id": "cardiac"'
run intake --acknowledge;     expect_rc 0; expect_out_contains "Acknowledged"
run intake --show --json;     expect_out_contains '"acknowledged": true'

# Bad files change nothing.
before=$(db_digest)
sed 's/"age": 42,//' "$EX" >"$WORK/missing.json"
run intake --answers "$WORK/missing.json";  expect_rc 1; expect_err_contains 'question "age" is not answered'
sed 's/"age": 42,/"age": 42, "agee": 1,/' "$EX" >"$WORK/unknown.json"
run intake --answers "$WORK/unknown.json";  expect_rc 1; expect_err_contains 'unknown question "agee"'
sed 's/"left calf"/"left clf"/' "$EX" >"$WORK/region.json"
run intake --answers "$WORK/region.json";   expect_rc 1; expect_err_contains "did you mean"
sed 's/"left calf"/"calf"/' "$EX" >"$WORK/side.json"
run intake --answers "$WORK/side.json";     expect_rc 1; expect_err_contains "both sides"
printf '{"age": 42' >"$WORK/broken.json"
run intake --answers "$WORK/broken.json";   expect_rc 1; expect_err_contains "line 1"
run intake --answers "$WORK/nonexistent.json"; expect_rc 1
CHECKS=$((CHECKS + 1))
[ "$(db_digest)" = "$before" ] || fail "a refused intake changed the database"

# The prompt: a bad answer is explained and asked again; end of input saves nothing.
answers='200\n42\nn\nn\nn\nn\nn\nn\nn\nn\nn\nmaybe\nn\nn\nn\nn\nright calf\nn\nno\nno\ny\nn\nn\nn\nn\nn\n'
OUT=$(printf "$answers" | "$TRP" intake 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 0 "prompted intake"
expect_out_contains "give your age in whole years (1-120), not \"200\"; please try again"
expect_out_contains "answer yes or no, not \"maybe\"; please try again"
expect_out_contains "varicose_veins: calf.r"
before=$(db_digest)
OUT=$(printf '42\nn\nn\n' | "$TRP" intake 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 1 "stopped intake"; expect_err_contains "nothing was saved"
CHECKS=$((CHECKS + 1))
[ "$(db_digest)" = "$before" ] || fail "a stopped intake changed the database"

finish
