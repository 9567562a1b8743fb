#!/usr/bin/env bash
# The client list's trend and flags (run by tests/pg/with_cluster.sh), from their sources:
# a 2-point change of mean pain is the smallest that patients call "much improved" (Farrar
# et al., Pain 2001), so 28-day means 2.0 apart are "better"/"worse" and 1.9 apart
# "steady"; an urgent sign of the latest intake stays flagged after the client read the
# advice and clears only with a clinician's clearance; six weeks of unchanged pain advise
# another opinion (NICE CKS neck pain: consider referral at 4-12 weeks), a clear
# improvement does not. `trp clinic clients --json` and GET /api/v1/clients say the same.
. "$(dirname "$0")/lib.sh"
: "${TRP_TEST_PG:?run through tests/pg/with_cluster.sh}"
PG="$TRP_TEST_PG"
PW="correct horse battery"

printf '%s\n' "$PW" | "$TRP" --db "$PG" clinic add-therapist anna --password-stdin >/dev/null ||
    fail "setup: therapist"
client() { "$TRP" --db "$PG" clinic add-client "$1" --therapist anna || fail "setup: $1"; }
NOW=$(date -d "$TRP_NOW" +%s)
# pains CLIENT FROM_DAY TO_DAY VALUE: one rating a day, FROM_DAY..TO_DAY days before now.
pains() {
    local d
    for ((d = $2; d >= $3; d--)); do
        printf '{"time":"%s","kind":"pain","value":%s}\n' \
            "$(date -u -d "@$((NOW - d * 86400))" +%Y-%m-%dT%H:%M:%SZ)" "$4"
    done >"$WORK/p.jsonl"
    "$TRP" --db "$PG" --client "$1" import "$WORK/p.jsonl" >/dev/null || fail "setup: pains $1"
}
intake() { # intake CLIENT QUESTION: the example answers with one yes
    python3 -c 'import json,sys
a = json.load(open(sys.argv[1]))
for k, v in a.items():
    if v is True: a[k] = False
a[sys.argv[2]] = True
print(json.dumps(a))' "$TRP_SOURCE_ROOT/doc/intake-answers.example.json" "$2" >"$WORK/answers.json"
    "$TRP" --db "$PG" --client "$1" intake --answers "$WORK/answers.json" >/dev/null 2>&1
}

better=$(client "Bea Better");  pains "$better" 55 29 6.0; pains "$better" 27 1 4.0
steady=$(client "Sid Steady");  pains "$steady" 55 29 6.0; pains "$steady" 27 1 4.1
worse=$(client "Wim Worse");    pains "$worse" 55 29 3.0;  pains "$worse" 27 1 5.0
flat=$(client "Fay Flat");      pains "$flat" 62 1 6
mend=$(client "Meg Mending");   pains "$mend" 62 49 7;     pains "$mend" 48 1 2
urgent=$(client "Uli Urgent");  intake "$urgent" bladder_bowel
flagged=$(client "Rae Redflag"); intake "$flagged" cancer_history
quiet=$(client "Quinn Quiet")

# field NAME KEY: the value of KEY in NAME's object of `clinic clients --json`.
field() {
    printf '%s' "$LIST" | python3 -c 'import json,sys
for c in json.load(sys.stdin):
    if c["name"] == sys.argv[1]: print(json.dumps(c[sys.argv[2]]))' "$1" "$2"
}
expect_field() {
    CHECKS=$((CHECKS + 1))
    local got
    got=$(field "$1" "$2")
    [ "$got" = "$3" ] || fail "$1: $2 is $got, expected $3"
}
run --db "$PG" clinic clients --json
expect_rc 0 "client list"
LIST=$OUT
expect_field "Bea Better" trend '"better"'
expect_field "Sid Steady" trend '"steady"'
expect_field "Wim Worse" trend '"worse"'
expect_field "Quinn Quiet" trend 'null'
expect_field "Fay Flat" seek_other_opinion true
expect_field "Fay Flat" progress '"no-change"'
expect_field "Meg Mending" seek_other_opinion false
expect_field "Meg Mending" progress '"improving"'
expect_field "Quinn Quiet" seek_other_opinion false
expect_field "Uli Urgent" urgent true
expect_field "Uli Urgent" red_flags 1
expect_field "Rae Redflag" urgent false
expect_field "Rae Redflag" red_flags 1
expect_field "Quinn Quiet" urgent false
expect_field "Quinn Quiet" red_flags 0
run --db "$PG" clinic clients
expect_out_contains "URGENT: red flag"
expect_out_contains "red flag: needs a doctor"
expect_out_contains "seek another opinion"

# Reading the advice is not a clearance; a clinician's clearance is.
"$TRP" --db "$PG" --client "$urgent" intake --acknowledge >/dev/null 2>&1
run --db "$PG" clinic clients --json
LIST=$OUT
expect_field "Uli Urgent" urgent true
"$TRP" --db "$PG" --client "$urgent" intake --cleared-by "Dr Test" >/dev/null || fail "clearance"
run --db "$PG" clinic clients --json
LIST=$OUT
expect_field "Uli Urgent" urgent false
expect_field "Uli Urgent" red_flags 0

# The web list says the same as the terminal.
"$TRP" --db "$PG" serve --clinic --listen 127.0.0.1:0 >"$WORK/serve.out" 2>/dev/null &
SERVER=$!
for _ in $(seq 100); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
BASE=$(head -1 "$WORK/serve.out" | sed 's|/api/v1/login$||')
curl -s -c "$WORK/jar" -H 'Content-Type: application/json' \
    -d "{\"login\":\"anna\",\"password\":\"$PW\"}" "$BASE/api/v1/login" >/dev/null
WEB=$(curl -s -b "$WORK/jar" "$BASE/api/v1/clients")
CHECKS=$((CHECKS + 1))
python3 -c 'import json,sys
web = {c["id"]: c for c in json.loads(sys.argv[1])}
cli = {c["id"]: c for c in json.loads(sys.argv[2])}
assert web.keys() == cli.keys(), (web.keys(), cli.keys())
for i, c in cli.items():
    w = web[i]
    # one shape; only "link" differs: how the therapist is linked, none in the terminal
    assert {**w, "link": None} == c, (c["name"], w, c)' "$WEB" "$LIST" ||
    fail "the web list and the terminal disagree: $WEB"

# A server keeps each client's progress status while the diary is unchanged. A new
# check-in moves the figures at once, and the status follows within moments (a background
# thread recomputes it while the list shows the previous one with its time): Quinn's
# first two months of unchanged pain turn "too-early" into "no-change".
# list_until NAME KEY VALUE: the same server's list, asked again until KEY of NAME is
# VALUE (at most 10 s).
list_until() {
    local i
    for i in $(seq 50); do
        LIST=$(curl -s -b "$WORK/jar" "$BASE/api/v1/clients")
        [ "$(field "$1" "$2")" = "$3" ] && return 0
        sleep 0.2
    done
}
pains "$quiet" 62 0 6
LIST=$(curl -s -b "$WORK/jar" "$BASE/api/v1/clients")
expect_field "Quinn Quiet" pain_last_28_days 6.0
list_until "Quinn Quiet" progress '"no-change"'
expect_field "Quinn Quiet" progress '"no-change"'
expect_field "Quinn Quiet" seek_other_opinion true
# So is a change of old entries, which moves neither the newest entry nor the 28-day
# means: two months of 9s before the 6s, typed in from a paper diary, make the same
# server's list say "improving".
pains "$quiet" 130 63 9
list_until "Quinn Quiet" progress '"improving"'
kill "$SERVER"; wait "$SERVER" 2>/dev/null
expect_field "Quinn Quiet" progress '"improving"'
expect_field "Quinn Quiet" seek_other_opinion false
expect_field "Quinn Quiet" pain_last_28_days 6.0
finish
