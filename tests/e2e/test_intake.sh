#!/usr/bin/env bash
# End-to-end tests of `trp intake`: the scripted prompt (bad answers asked again), the JSON
# answers file (every question required, unknown keys refused, nothing saved on error),
# urgent flags locking until a clinician's clearance, other red flags until acknowledged,
# the question list, and retaking.
. "$(dirname "$0")/lib.sh"
EX="$TRP_SOURCE_ROOT/doc/intake-answers.example.json"

run intake --show;            expect_rc 1 "show before any intake"; expect_err_contains "run 'trp intake'"
run intake --answers "$EX";   expect_rc 0 "answers file"; expect_out_contains "No red flags"
expect_out_contains "varicose veins: Left calf"; expect_out_lacks "varicose_veins"
run intake --show --json;     expect_rc 0; expect_out_contains '"varicose_veins": ['
expect_out_contains '"red_flags": []'

# A file with a red flag: advice, lock, acknowledge.
sed 's/"cardiac": false/"cardiac": true/' "$EX" >"$WORK/flag.json"
run intake --answers "$WORK/flag.json"
expect_rc 0; expect_out_contains "URGENT"; expect_out_contains "call emergency services now"
expect_out_contains "trp intake --cleared-by"; expect_out_contains "NICE CG95"
expect_out_lacks "often harmless"; expect_out_lacks "can have a harmless cause"
CHECKS=$((CHECKS + 1))
[ "$(sqlite3 "$TRP_DB" "SELECT count(*) FROM intake")" = 2 ] || fail "retake did not add a record"
run intake --show --json;     expect_out_contains '"acknowledged": false'; expect_out_contains '"id": "cardiac"'
expect_out_contains '"cleared_by": null'
# The person's own acknowledgement does not unlock an urgent flag.
run intake --acknowledge;     expect_rc 0; expect_out_contains "Acknowledged"
expect_out_contains "does not unlock URGENT"
run intake --show --json;     expect_out_contains '"acknowledged": true'
run safety pectoralis-major --side left --json
expect_out_contains '"allowed": false'; expect_out_contains '"urgent": true'
expect_out_contains '"see": "emergency services'
run session pectoralis-major --side left </dev/null; expect_rc 1 "urgent flag acknowledged only"
expect_err_contains "emergency services"
# A clinician's clearance, with name and date, does.
run intake --cleared-by "";   expect_rc 2 "empty clinician name"
TRP_NOW=2026-03-10T09:00:00Z run intake --cleared-by "Dr A. Jones"
expect_rc 0; expect_out_contains "Dr A. Jones cleared you"
run intake --show --json;     expect_out_contains '"cleared_by": "Dr A. Jones"'
expect_out_contains '"cleared_at": "2026-03-10'
run safety pectoralis-major --side left --json; expect_out_contains '"allowed": true'
expect_out_contains '"urgent": false'

# Cauda equina: emergency now, not "today".
sed 's/"bladder_bowel": false/"bladder_bowel": true/' "$EX" >"$WORK/ce.json"
run intake --answers "$WORK/ce.json"; expect_out_contains "emergency department now"
expect_out_lacks "department today"; expect_out_contains "Finucane"

# Only a non-urgent flag: acknowledging unlocks it.
sed 's/"night_pain": false/"night_pain": true/' "$EX" >"$WORK/night.json"
run intake --answers "$WORK/night.json"; expect_out_lacks "URGENT"
run safety upper-trapezius --side left --json; expect_out_contains '"allowed": false'
expect_out_contains '"urgent": false'
run intake --acknowledge; expect_rc 0
run safety upper-trapezius --side left --json; expect_out_contains '"allowed": true'

# The question list: every question with kind, group and its own source.
run intake --questions --json; expect_rc 0
for id in thunderclap_headache jaw_claudication fever_neck_stiffness sudden_neck_pain myelopathy \
          infection_risk long_term_steroids bleeding_disorder neuropathy breathless_calf \
          bladder_bowel cardiac calf_swelling anticoagulants; do
    expect_out_contains "\"id\": \"$id\""
done
expect_out_contains '"kind": "yes-no"'; expect_out_contains '"kind": "regions"'
expect_out_contains '"kind": "number"'; expect_out_contains '"group": "urgent"'
expect_out_contains '"group": "red-flag"'; expect_out_contains '"group": "precaution"'
expect_out_contains '"group": "perpetuating"'; expect_out_contains "SNOOP10"
expect_out_contains "Rushton"; expect_out_contains "NICE CG95"; expect_out_contains "NICE NG158"
if command -v jq >/dev/null; then
    CHECKS=$((CHECKS + 1))
    [ "$(printf '%s' "$OUT" | jq -r '[.[] | select(.group == "urgent")] | length')" -ge 10 ] ||
        fail "fewer than 10 urgent questions"
fi

# An answers file from before a question existed is refused, naming the question.
grep -v '"thunderclap_headache"' "$EX" >"$WORK/old.json"
run intake --answers "$WORK/old.json"; expect_rc 1; expect_err_contains 'question "thunderclap_headache" is not answered'
# A stored intake from before a question existed: the gate asks for a retake.
sqlite3 "$TRP_DB" "UPDATE intake SET answers = json_remove(answers, '$.breathless_calf') WHERE id = (SELECT max(id) FROM intake)"
run safety upper-trapezius --side left --json; expect_out_contains '"allowed": false'
expect_out_contains 'breathless_calf'
run intake --show; expect_rc 0; expect_out_contains 'breathless_calf'

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
# Answers in question order: "200" then 42 for the age, one "maybe" asked again, the right
# calf for varicose veins, no elsewhere.
answers=''
first_yes_no=1
while read -r id kind; do
    case "$kind" in
    number) answers="${answers}200\n42\n" ;;
    regions) if [ "$id" = varicose_veins ]; then answers="${answers}right calf\n"; else answers="${answers}no\n"; fi ;;
    *) if [ $first_yes_no = 1 ]; then answers="${answers}maybe\n"; first_yes_no=0; fi
       answers="${answers}n\n" ;;
    esac
done < <("$TRP" intake --questions | sed -n 's/^  \([a-z_0-9]*\) (\([a-z-]*\)):.*/\1 \2/p')
OUT=$(printf "$answers" | "$TRP" intake 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 0 "prompted intake"
expect_out_contains "give your age in whole years (1-120), not \"200\"; please try again"
expect_out_contains "answer yes or no, not \"maybe\"; please try again"
expect_out_contains "varicose veins: Right calf"
before=$(db_digest)
OUT=$(printf '42\nn\nn\n' | "$TRP" intake 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 1 "stopped intake"; expect_err_contains "nothing was saved"
CHECKS=$((CHECKS + 1))
[ "$(db_digest)" = "$before" ] || fail "a stopped intake changed the database"

finish
