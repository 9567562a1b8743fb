#!/usr/bin/env bash
# `trp where` and `--region` with complaints typed as people say them: what is understood,
# what is refused, the order explained, and the diary still asking for a side.
. "$TRP_SOURCE_ROOT/tests/e2e/lib.sh"

# unquoted words are one sentence
run where pain behind my left eye
expect_rc 0 "where, unquoted sentence"
expect_out_contains "Understood: left behind eye"
expect_out_contains "documented to refer pain here"
expect_out_contains "strongest documented match first"
# places read as `trp regions` names them, in English: "behind the eye", not "the behind eye"
expect_out_contains "refers behind the eye (essential)"
expect_out_lacks "the behind eye"

run where "headache at the back of my head" --json
expect_rc 0 "where --json"
CHECKS=$((CHECKS + 1))
python3 - "$OUT" <<'PY' || fail "where --json: understood, regions, matched or order wrong: $OUT"
import json, sys
d = json.loads(sys.argv[1])
assert [u["text"] for u in d["understood"]] == ["back of head"], d["understood"]
assert sorted(d["regions"]) == ["occiput.l", "occiput.r"], d["regions"]
c = d["candidates"][0]
assert c["matched"][0]["place"] == "back of head"
assert c["matched"][0]["zone"] in ("essential", "spillover", "trigger point",
                                   "spillover and trigger point")
assert c["places_explained"] == 1 and "essential_places" in c and "specificity" in c
assert 0 < c["coverage"] <= 1
assert "essential zone counts twice a spillover zone" in d["order"]
scores = [x["score"] for x in d["candidates"]]
assert scores == sorted(scores, reverse=True), scores
PY

# several places in one sentence; the side carries over
run where "my left jaw and temple" --json
expect_rc 0 "two places"
CHECKS=$((CHECKS + 1))
python3 - "$OUT" <<'PY' || fail "two places: $OUT"
import json, sys
d = json.loads(sys.argv[1])
u = d["understood"]
assert [(x["text"], x["side"]) for x in u] == [("jaw", "left"), ("temple", "left")], u
assert d["candidates"][0]["places_explained"] == 2
PY

# a place without a side means either side; "neck" is understood
run where neck
expect_rc 0 "where neck"
expect_out_contains "Understood: neck (either side)"
run where instep --json
expect_rc 0 "instep"
expect_out_contains '"arch.l"'

# a word that is no place is reported; a sentence naming none is refused with help
run where temple elbw
expect_rc 0 "where with an unknown word"
expect_out_contains "Not understood (left out): elbw"
run where it hurts in the morning
expect_rc 1 "no place"
expect_err_contains "names no body region"
run where tempel
expect_rc 1 "typo"
expect_err_contains "did you mean: temple"

# the diary goes through the same reader, asks for a side and refuses stray words
run log pain 4 --region "toothache upper jaw on the left"
expect_rc 0 "log with a sentence"
run list --json
expect_out_contains '"upper-teeth.l"'
run log pain 4 --region "between the shoulder blades"
expect_rc 0 "log a midline place"
before=$(db_digest)
run log pain 5 --region "pain in my neck"
expect_rc 1 "log without a side"
expect_err_contains "both sides"
run log pain 5 --region "left elbw and knee"
expect_rc 1 "log with a stray word"
expect_err_contains "did you mean: elbow"
CHECKS=$((CHECKS + 1))
[ "$(db_digest)" = "$before" ] || fail "a refused log changed the database"

# --- at a narrow terminal the place warnings wrap at words like the rest; to a file or
# pipe without $COLUMNS each warning stays one line.
OUT=$(COLUMNS=44 "$TRP" where chest calf 2>&1)
CHECKS=$((CHECKS + 1))
long=$(printf '%s\n' "$OUT" | awk 'length($0) > 44')
[ -z "$long" ] || fail "lines wider than 44 columns: $long"
expect_out_contains "WARNING - Chest: pain here can come from the"
# Joined back, the warning is whole: no word was split or lost.
CHECKS=$((CHECKS + 1))
joined=$(printf '%s\n' "$OUT" | sed -n '/^WARNING - Chest/,/^$/p' | tr -s ' \n' ' ')
case "$joined" in *"call emergency services now; chest pain on effort that eases with rest: see a doctor today"*) ;;
    *) fail "wrapped chest warning lost words: $joined" ;; esac
OUT=$(env -u COLUMNS "$TRP" where chest 2>&1 | grep '^WARNING - Chest')
expect_out_contains "see a doctor today (NICE CG95)."
# list --region reads places as where does: "neck" without a side is both sides' necks; a
# CHOIR segment takes in the smaller regions inside it; --limit counts only those in the place.
run log pain 5 --region "left side of neck" --at "2026-03-01T08:00"
run log pain 4 --region "right temple" --at "2026-03-01T09:00"
run log pain 3 --region "choir 105" --at "2026-03-01T10:00"
run log pain 2 --region "left temple" --at "2026-03-01T11:00"
run list --region neck
expect_rc 0
expect_out_contains "side-neck.l"
expect_out_contains "anterior-neck.r"
expect_out_lacks "temple"
run list --region "choir 106"
expect_out_contains "side-neck.l"
expect_out_lacks "anterior-neck.r"
run list --region temple --limit 1
expect_out_contains "temple.l"
expect_out_lacks "temple.r"
expect_out_lacks "neck"
run list --region "left knee"
expect_rc 0
expect_out_contains "No entries in that region"
run list --region "nosuch"
expect_rc 1
expect_err_contains "unknown body region"

finish
