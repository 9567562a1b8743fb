#!/usr/bin/env bash
# End-to-end tests of `trp serve` and its API with curl: every route, and every refusal a
# browser or another page on the machine could provoke (no cookie, a spent or wrong login
# link, a foreign Host (DNS rebinding) or Origin, a missing CSRF token, a body over the cap,
# bad JSON, a bad entry, unknown paths and methods). Read routes are compared byte for byte
# with the CLI's --json output on the same database; refused writes must leave it unchanged.
. "$(dirname "$0")/lib.sh"
EX="$TRP_SOURCE_ROOT/doc/intake-answers.example.json"

# Refusals before anything listens.
run serve --listen 0.0.0.0:0;       expect_rc 2 "wide listen without TLS"; expect_err_contains "--tls-cert"
run serve --listen 127.0.0.1:99999; expect_rc 2 "port out of range"
run serve --tls-cert "$WORK/none.pem"; expect_rc 2 "cert without key"
run serve --listen 127.0.0.1:0 --tls-cert "$WORK/none.pem" --tls-key "$WORK/none.pem"
expect_rc 1 "missing PEM file"; expect_err_contains "cannot open"

run simulate --days 60 --seed 3 -o "$WORK/sim.csv"; expect_rc 0
run import "$WORK/sim.csv"; expect_rc 0

"$TRP" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 50); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/serve.out")
CHECKS=$((CHECKS + 1))
[[ "$URL" =~ ^http://127\.0\.0\.1:([0-9]+)/login\?token=[0-9a-f]{64}$ ]] || fail "first line is not the login URL: $URL"
PORT=${BASH_REMATCH[1]:-0}
BASE="http://127.0.0.1:$PORT"
JAR="$WORK/jar"
COOKIE=""

# req METHOD PATH [curl args...]: status in $CODE, body in $BODY, headers in $WORK/h.
req() {
    local m="$1" p="$2"; shift 2
    CODE=$(curl -s -o "$WORK/body" -D "$WORK/h" -w '%{http_code}' -X "$m" ${COOKIE:+-H "Cookie: $COOKIE"} "$@" "$BASE$p")
    BODY=$(tr -d '\0' <"$WORK/body")
}
expect_code() {
    CHECKS=$((CHECKS + 1))
    [ "$CODE" = "$1" ] || fail "$2: HTTP $CODE, expected $1 ($BODY)"
}
expect_body() {
    CHECKS=$((CHECKS + 1))
    case "$BODY" in *"$1"*) ;; *) fail "${2:-body} lacks '$1': ${BODY:0:300}" ;; esac
}
expect_header() {
    CHECKS=$((CHECKS + 1))
    grep -qi "$1" "$WORK/h" || fail "header '$1' missing: $(cat "$WORK/h")"
}
# same_as_cli PATH ARGS...: the API's body equals what `trp ARGS` prints.
same_as_cli() {
    local p="$1"; shift
    req GET "$p"
    expect_code 200 "GET $p"
    run "$@"
    CHECKS=$((CHECKS + 1))
    [ "$BODY" = "$OUT" ] || fail "GET $p differs from trp $*: $(diff <(echo "$BODY") <(echo "$OUT") | head -5)"
}

# Signing in.
req GET /api/v1/entries;              expect_code 401 "no cookie"; expect_body '"error"'
req GET /;                            expect_code 200 "the app page is public"
expect_header "Content-Security-Policy: default-src 'self'; script-src 'self'"
expect_header "X-Content-Type-Options: nosniff"; expect_header "Content-Type: text/html"
req GET "/login?token=0000";          expect_code 403 "wrong token"
req GET "/login";                     expect_code 403 "no token"
CODE=$(curl -s -o /dev/null -D "$WORK/h" -w '%{http_code}' -c "$JAR" "$URL")
expect_code 303 "login"; expect_header "Set-Cookie: trp_session=[0-9a-f]\{64\}; Path=/; HttpOnly; SameSite=Strict"
expect_header "Location: /"
CODE=$(curl -s -o /dev/null -w '%{http_code}' "$URL"); expect_code 403 "the login link works once"
COOKIE="trp_session=$(awk '$6 == "trp_session" {print $7}' "$JAR")"
req GET /api/v1/session;              expect_code 200 "session"
CSRF=$(printf '%s' "$BODY" | sed -n 's/.*"csrf": "\([0-9a-f]*\)".*/\1/p')
CHECKS=$((CHECKS + 1)); [ ${#CSRF} = 64 ] || fail "no CSRF token: $BODY"
COOKIE="trp_session=0123" req GET /api/v1/entries;   expect_code 401 "wrong cookie"

# Host and Origin.
req GET /api/v1/session -H "Host: evil.example:$PORT";   expect_code 403 "rebound host name"
req GET / -H "Host: evil.example:$PORT";                 expect_code 403 "rebound host, page"
req GET /api/v1/session -H "Host: 127.0.0.1:1";          expect_code 403 "other port"
req GET /api/v1/session -H "Host: localhost:$PORT";      expect_code 200 "localhost"
req GET /api/v1/session -H "Origin: http://evil.example"; expect_code 403 "foreign origin"
req GET /api/v1/session -H "Origin: $BASE";               expect_code 200 "own origin"

# Writes need the CSRF token; refused writes change nothing.
J='{"time":"2026-03-10T09:00:00+01:00","kind":"pain","value":6,"regions":[{"region":"left temple","intensity":5}]}'
before=$(db_digest)
req POST /api/v1/entries -d "$J";                          expect_code 403 "no CSRF"
req POST /api/v1/entries -d "$J" -H "X-CSRF-Token: 00";   expect_code 403 "wrong CSRF"
req POST /api/v1/entries -d "$J" -H "X-CSRF-Token: $CSRF" -H "Origin: http://evil.example"
expect_code 403 "CSRF token from a foreign origin"
req POST /api/v1/entries -d '{"kind":"pain",' -H "X-CSRF-Token: $CSRF"
expect_code 400 "bad JSON"; expect_body '"error":"not JSON:'
req POST /api/v1/entries -d '{"time":"2026-03-10T09:00:00+01:00","kind":"pain","value":11}' -H "X-CSRF-Token: $CSRF"
expect_code 400 "pain 11"
printf '%s\n' '{"time":"2026-03-10T09:00:00+01:00","kind":"pain","value":11}' >"$WORK/bad.jsonl"
run import "$WORK/bad.jsonl"
CHECKS=$((CHECKS + 1))
[ "$BODY" = "{\"error\":\"${ERR##*line 1: }\"}" ] || fail "API message $BODY differs from the CLI's: $ERR"
req POST /api/v1/entries -d '{"time":"2026-03-10T09:00:00+01:00","kind":"pain","value":5,"colour":1}' -H "X-CSRF-Token: $CSRF"
expect_code 400 "unknown key"; expect_body 'unknown field'
head -c 70000 /dev/zero | tr '\0' ' ' >"$WORK/big"
req POST /api/v1/entries --data-binary @"$WORK/big" -H "X-CSRF-Token: $CSRF"; expect_code 413 "body over the cap"
CHECKS=$((CHECKS + 1)); [ "$(db_digest)" = "$before" ] || fail "a refused request changed the database"

# Entries: create, read, list, edit, delete, restore.
req POST /api/v1/entries -d "$J" -H "X-CSRF-Token: $CSRF"
expect_code 201 "create"; expect_header "Location: /api/v1/entries/[0-9]"
expect_body '"regions":[{"region":"temple.l","intensity":5}]'
ID=$(printf '%s' "$BODY" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
run show "$ID" --json; expect_rc 0 "the CLI sees the posted entry"; expect_out_contains '"value":6'
same_as_cli "/api/v1/entries?since=-7d" list --since -7d --json
same_as_cli "/api/v1/entries?since=2026-02-01&until=2026-02-15&kind=task" list --since 2026-02-01 --until 2026-02-15 --kind task --json
same_as_cli "/api/v1/entries?limit=3" list --limit 3 --json
req GET "/api/v1/entries?since=someday";  expect_code 400 "bad since"; expect_body 'since: '
req GET "/api/v1/entries?kind=mood";      expect_code 400 "bad kind"; expect_body 'unknown kind'
req GET "/api/v1/entries?since=%zz";      expect_code 400 "bad escape"; expect_body 'query parameter since'
req GET "/api/v1/entries?since=%00";      expect_code 400 "NUL in a query"
req GET "/api/v1/entries/$ID";            expect_code 200 "one entry"; expect_body "\"id\":$ID"
req GET /api/v1/entries/99999;            expect_code 404 "unknown id"
req GET /api/v1/entries/abc;              expect_code 404 "not an id"
before=$(db_digest)
req PUT "/api/v1/entries/$ID" -d '{"time":"2026-03-10T09:00:00+01:00","kind":"pain","value":12}' -H "X-CSRF-Token: $CSRF"
expect_code 400 "bad edit"
req PUT "/api/v1/entries/$ID" -d '{"id":1,"time":"2026-03-10T09:00:00+01:00","kind":"pain","value":2}' -H "X-CSRF-Token: $CSRF"
expect_code 400 "edit with another id"
CHECKS=$((CHECKS + 1)); [ "$(db_digest)" = "$before" ] || fail "a refused edit changed the database"
req PUT "/api/v1/entries/$ID" -d '{"time":"2026-03-10T09:30:00+01:00","kind":"pain","value":3}' -H "X-CSRF-Token: $CSRF"
expect_code 200 "edit"; expect_body '"value":3'
run show "$ID" --json; expect_out_contains '"value":3'
req GET "/api/v1/entries/$ID/history";   expect_code 200 "history"
expect_body '"versions": ['; expect_body '"value": 6'; expect_body '"current": {'
req GET /api/v1/entries/99999/history;   expect_code 404 "history of an unknown entry"
req DELETE "/api/v1/entries/$ID" -H "X-CSRF-Token: $CSRF";   expect_code 200 "delete"; expect_body '"deleted"'
req DELETE "/api/v1/entries/$ID" -H "X-CSRF-Token: $CSRF";   expect_code 409 "delete twice"
req PUT "/api/v1/entries/$ID" -d "$J" -H "X-CSRF-Token: $CSRF"; expect_code 409 "edit a deleted entry"
same_as_cli "/api/v1/entries?deleted=1" list --deleted --json
req POST "/api/v1/entries/$ID/restore" -H "X-CSRF-Token: $CSRF"; expect_code 200 "restore"
req POST "/api/v1/entries/$ID/restore" -H "X-CSRF-Token: $CSRF"; expect_code 409 "restore twice"
req DELETE /api/v1/entries/99999 -H "X-CSRF-Token: $CSRF";      expect_code 404 "delete unknown"

# Every acknowledged POST is committed, also when twenty arrive at once.
n0=$(sqlite3 "$TRP_DB" "SELECT count(*) FROM entry")
for i in $(seq 20); do
    curl -s -o /dev/null -w '%{http_code}\n' -H "Cookie: $COOKIE" -H "X-CSRF-Token: $CSRF" \
        -d "{\"time\":\"2026-03-10T10:$((10 + i)):00+01:00\",\"kind\":\"task\",\"name\":\"typing\",\"minutes\":$i}" \
        "$BASE/api/v1/entries" >>"$WORK/codes" &
done
wait $(jobs -p | grep -v "^$SERVER$") 2>/dev/null
CHECKS=$((CHECKS + 1))
[ "$(grep -c '^201$' "$WORK/codes")" = "$(( $(sqlite3 "$TRP_DB" "SELECT count(*) FROM entry") - n0 ))" ] ||
    fail "acknowledged POSTs ($(grep -c '^201$' "$WORK/codes")) and stored entries differ"

# Knowledge base and regions, as the CLI prints them.
same_as_cli "/api/v1/where?q=temple" where temple --json
same_as_cli "/api/v1/where?q=left%20temple,outer%20elbow&limit=3" where "left temple" "outer elbow" --limit 3 --json
req GET /api/v1/where;                   expect_code 400 "where without a place"
req GET "/api/v1/where?q=--from-diary";  expect_code 400 "an option smuggled as a place"
req GET "/api/v1/where?q=elbw";          expect_code 400 "unknown place"; expect_body 'elbw'
same_as_cli "/api/v1/where?q=jaw&side=left&limit=2" where jaw --side left --limit 2 --json
req GET "/api/v1/where?q=temple&limit=31"; expect_code 400 "limit over 30"
req GET "/api/v1/where?q=temple&side=up";  expect_code 400 "a side that is not left or right"
same_as_cli /api/v1/muscles muscles --json
same_as_cli "/api/v1/muscles?area=neck" muscles --area neck --json
same_as_cli /api/v1/muscles/upper-trapezius muscle upper-trapezius --json
req GET /api/v1/muscles/no-such-muscle;  expect_code 404 "unknown muscle"
same_as_cli /api/v1/regions regions --json
same_as_cli "/api/v1/regions?q=both%20heels" regions --json "both heels"
req GET "/api/v1/regions?q=elbw";        expect_code 400 "unknown region phrase"; expect_body elbw
req GET /api/v1/bodymap;                 expect_code 200 "body map"
CHECKS=$((CHECKS + 1))
[ "$(printf '%s' "$BODY" | grep -o '"view":"\(front\|back\)"' | wc -l)" = 74 ] || fail "body map lacks the 74 CHOIR segments"
expect_body '"label":"Right shoulder, front"'
# The close-ups: fine regions by the labels `trp regions` prints, and outlines with no id.
expect_body '"id":"temple.l","label":"Left temple","view":"face"'
expect_body '"id":"base-of-skull.r","label":"Right base of the skull","view":"head-back"'
expect_body '"id":"index-finger.l","label":"Left index finger","view":"palms"'
expect_body '"id":"arch.r","label":"Right arch of the foot","view":"soles"'
expect_body '"outline":true,"view":"hand-backs","points":"'

# Intake.
req GET /api/v1/intake/questions;        expect_code 200 "questions"; expect_body '"id": "bladder_bowel"'
req GET /api/v1/intake;                  expect_code 200 "no intake yet"; CHECKS=$((CHECKS + 1)); [ "$BODY" = null ] || fail "no intake is not null: $BODY"
req POST /api/v1/intake -d '{"age": 42}' -H "X-CSRF-Token: $CSRF"
expect_code 400 "incomplete intake"; expect_body 'is not answered'
req POST /api/v1/intake --data-binary @"$EX" -H "X-CSRF-Token: $CSRF"; expect_code 201 "intake"
same_as_cli /api/v1/intake intake --show --json
sed 's/"bladder_bowel": false/"bladder_bowel": true/' "$EX" >"$WORK/flag.json"
req POST /api/v1/intake --data-binary @"$WORK/flag.json" -H "X-CSRF-Token: $CSRF"
expect_code 201 "urgent intake"; expect_body '"urgent": true'; expect_body '"acknowledged": false'
req POST /api/v1/intake/acknowledge -H "X-CSRF-Token: $CSRF"; expect_code 200 "acknowledge"; expect_body '"acknowledged": true'
same_as_cli /api/v1/intake intake --show --json
req POST /api/v1/intake -d '{"age": 42' -H "X-CSRF-Token: $CSRF"; expect_code 400 "intake that is not JSON"; expect_body '"error":"line 1: '

# The safety gate, as `trp safety` decides it (the urgent flag above blocks everything).
same_as_cli "/api/v1/safety?muscle=upper-trapezius&side=left" safety upper-trapezius --side left --json
expect_body '"allowed": false'
req GET "/api/v1/safety?muscle=no-such-muscle";  expect_code 400 "safety of an unknown muscle"
req GET "/api/v1/safety?side=left";              expect_code 400 "a side without a muscle"
req GET /api/v1/safety;                          expect_code 200 "every muscle's verdict"
CHECKS=$((CHECKS + 1))
[ "$(printf '%s' "$BODY" | grep -c '"muscle":')" = "$(ls "$TRP_SOURCE_ROOT"/data/muscles/*.json | wc -l)" ] ||
    fail "the safety list does not hold every muscle"
# A clinician's clearance (`trp intake --cleared-by`) unlocks the urgent sign.
req POST /api/v1/intake/cleared-by -d '{"cleared_by":"   "}' -H "X-CSRF-Token: $CSRF"; expect_code 400 "clearance without a name"
req POST /api/v1/intake/cleared-by -d '{"name":"Dr Ada"}' -H "X-CSRF-Token: $CSRF";    expect_code 400 "clearance with another key"
req POST /api/v1/intake/cleared-by -d '{"cleared_by":"Dr Ada Lovelace"}';             expect_code 403 "clearance without the CSRF token"
req POST /api/v1/intake/cleared-by -d '{"cleared_by":"Dr Ada Lovelace"}' -H "X-CSRF-Token: $CSRF"
expect_code 200 "clearance"; expect_body '"cleared_by": "Dr Ada Lovelace"'
same_as_cli /api/v1/intake intake --show --json
same_as_cli "/api/v1/safety?muscle=upper-trapezius&side=left" safety upper-trapezius --side left --json
expect_body '"allowed": true'
req POST /api/v1/intake --data-binary @"$EX" -H "X-CSRF-Token: $CSRF"; expect_code 201 "intake without flags"
same_as_cli "/api/v1/safety?muscle=gastrocnemius&side=left" safety gastrocnemius --side left --json
same_as_cli "/api/v1/where?q=calf" where calf --json

# Plan and sessions.
run plan add upper-trapezius; expect_rc 0 "plan add"
req GET /api/v1/plan;                    expect_code 200 "plan"; expect_body '"muscle": "upper-trapezius"'
req POST /api/v1/plan/done -d '{"muscle":"upper-trapezius","activity":"stretch"}' -H "X-CSRF-Token: $CSRF"
expect_code 201 "plan done"; expect_header "Location: /api/v1/entries/[0-9]"
DONE_ID=$(printf '%s' "$BODY" | sed -n 's/^{"id":\([0-9]*\),.*/\1/p')
run show "$DONE_ID" --json; CHECKS=$((CHECKS + 1))
[ "$BODY" = "$OUT" ] || fail "plan done answers another entry than 'trp show $DONE_ID --json': $BODY / $OUT"
run list --kind treatment --json; expect_out_contains '"technique":"stretch","muscle":"upper-trapezius"'
req POST /api/v1/plan/done -d '{"muscle":"upper-trapezius","activity":"stretch","side":"middle"}' -H "X-CSRF-Token: $CSRF"
expect_code 400 "plan done with a bad side"; expect_body '"error":"side \"middle\" is not left or right"'
req POST /api/v1/plan/done -d '{"muscle":"upper-trapezius"}' -H "X-CSRF-Token: $CSRF"; expect_code 400 "plan done without activity"
same_as_cli /api/v1/plan/adherence plan adherence --json
expect_body '"muscle": "upper-trapezius"'
same_as_cli "/api/v1/plan/adherence?weeks=9" plan adherence --weeks 9 --json
req GET "/api/v1/plan/adherence?weeks=0"; expect_code 400 "adherence over no weeks"
req POST /api/v1/plan/done -d '{"muscle":"upper-trapezius","activity":"nap"}' -H "X-CSRF-Token: $CSRF"; expect_code 400 "unknown activity"
req POST /api/v1/plan/done -d '{"muscle":"--help","activity":"stretch"}' -H "X-CSRF-Token: $CSRF"; expect_code 400 "an option as a muscle"
req POST /api/v1/entries -d '{"time":"2026-03-10T08:00:00+01:00","kind":"treatment","treatment":{"technique":"compression","muscle":"upper-trapezius","side":"left","passes":2,"hold_seconds":60,"released":true,"performer":"self"}}' -H "X-CSRF-Token: $CSRF"
expect_code 201 "a session"
req GET "/api/v1/sessions?since=2026-03-01"; expect_code 200 "sessions"
expect_body '"technique":"compression","muscle":"upper-trapezius","side":"left"'
CHECKS=$((CHECKS + 1)); case "$BODY" in *'"technique":"stretch"'*) fail "a stretch listed as a session" ;; esac
req GET "/api/v1/sessions?since=never";  expect_code 400 "sessions since nonsense"

# Analysis, plan, charts, report.
same_as_cli /api/v1/recurrences recurrences --json
same_as_cli "/api/v1/recurrences?since=2026-03-05" recurrences --since 2026-03-05 --json
req GET "/api/v1/recurrences?since=soonish"; expect_code 400 "a bad since"; expect_body "since"
same_as_cli "/api/v1/analyze?since=-60d" analyze --since -60d --json
same_as_cli /api/v1/progress progress --json
same_as_cli "/api/v1/progress?since=2026-03-05" progress --since 2026-03-05 --json
same_as_cli /api/v1/today today --json
req GET "/api/v1/charts/timeline.svg?since=-30d"; expect_code 200 "chart"; expect_header "Content-Type: image/svg+xml"
expect_body '<svg'
req GET /api/v1/charts/timeline.png;     expect_code 404 "charts are SVG only"
req GET /api/v1/charts/pie.svg;          expect_code 400 "unknown chart"
req GET "/api/v1/report.pdf?since=-30d"; expect_code 200 "report"; expect_header "Content-Type: application/pdf"
CHECKS=$((CHECKS + 1)); [ "$(head -c 5 "$WORK/body")" = "%PDF-" ] || fail "report is not a PDF"
CHECKS=$((CHECKS + 1)); [ "$(tail -c 6 "$WORK/body" | tr -d '\n')" = "%%EOF" ] || fail "the PDF is cut short"
CHECKS=$((CHECKS + 1)); pdftotext "$WORK/body" - >/dev/null 2>&1 || fail "the PDF does not parse"
req GET "/api/v1/report.pdf?for=nobody"; expect_code 400 "bad report audience"
# The moved use cases (src/app) answer exactly as the CLI prints them on the same database.
same_as_cli /api/v1/analyze analyze --json
req GET "/api/v1/analyze?since=tomorrowish"; expect_code 400 "analyze with a bad since"; expect_body '"error":"--since: '
for kind in timeline bodymap factors progress; do
    same_as_cli "/api/v1/charts/$kind.svg" chart "$kind"
    expect_header "Content-Type: image/svg+xml"
done
same_as_cli "/api/v1/charts/timeline.svg?since=2026-02-01&until=2026-02-20" chart timeline --since 2026-02-01 --until 2026-02-20
same_as_cli "/api/v1/charts/progress.svg?since=-30d" chart progress --since -30d
req GET "/api/v1/charts/timeline.svg?until=someday"; expect_code 400 "chart with a bad until"; expect_body '"error":"--until: '
req GET "/api/v1/charts/timeline.svg?since=2026-03-01&until=2026-02-01"; expect_code 400 "until before since"
expect_body '"error":"--until must be after --since"'
req GET /api/v1/charts/pie.svg; expect_body '"error":"unknown chart \"pie\": use timeline, bodymap, factors or progress"'
for who in clinician patient; do
    req GET "/api/v1/report.pdf?since=-30d&for=$who"; expect_code 200 "report for the $who"
    expect_header 'Content-Disposition: attachment; filename="trp-report.pdf"'
    "$TRP" report --since -30d --for "$who" --format pdf >"$WORK/cli.pdf" 2>/dev/null
    CHECKS=$((CHECKS + 1)); cmp -s "$WORK/body" "$WORK/cli.pdf" || fail "report.pdf for the $who differs from trp report's PDF"
done

# Export and import.
same_as_cli "/api/v1/export?format=jsonl" export --format jsonl
same_as_cli "/api/v1/export" export
expect_header 'Content-Disposition: attachment; filename="trp-diary.csv"'
same_as_cli "/api/v1/export?format=jsonl&since=2026-03-05&until=2026-03-08" export --format jsonl --since 2026-03-05 --until 2026-03-08
same_as_cli "/api/v1/export?format=fhir" export --format fhir
expect_header 'Content-Type: application/fhir+json'
cp "$WORK/body" "$WORK/bundle.json"
req GET "/api/v1/export?since=someday";  expect_code 400 "export since nonsense"; expect_body '"error":"--since: '
req GET "/api/v1/export?format=xml";     expect_code 400 "unknown export format"
before=$(db_digest)
printf '%s\n%s\n' '{"time":"2026-03-11T09:00:00+01:00","kind":"note","note":"ok"}' \
    '{"time":"2026-03-11T09:00:00+01:00","kind":"pain","value":-1}' >"$WORK/half.jsonl"
req POST "/api/v1/import?format=jsonl" --data-binary @"$WORK/half.jsonl" -H "X-CSRF-Token: $CSRF"
expect_code 400 "import with a bad line"; expect_body '"error":"line 2: '
CHECKS=$((CHECKS + 1)); [ "$(db_digest)" = "$before" ] || fail "a refused import changed the database"
head -1 "$WORK/half.jsonl" >"$WORK/good.jsonl"
req POST "/api/v1/import?format=jsonl&dry_run=1" --data-binary @"$WORK/good.jsonl" -H "X-CSRF-Token: $CSRF"
expect_code 200 "dry run"; expect_body 'nothing written'
run import "$WORK/good.jsonl" --dry-run; expect_body "\"message\": \"$OUT\"" "the dry run's message is the CLI's"
CHECKS=$((CHECKS + 1)); [ "$(db_digest)" = "$before" ] || fail "a dry run changed the database"
# The Bundle exported above comes back as entries already in the diary.
req POST /api/v1/import --data-binary @"$WORK/bundle.json" -H "X-CSRF-Token: $CSRF"
expect_code 200 "import of a FHIR Bundle"; expect_body 'imported 0 entries'; expect_body 'already in the diary'
CHECKS=$((CHECKS + 1)); [ "$(db_digest)" = "$before" ] || fail "re-importing the export changed the database"
req POST "/api/v1/import?format=jsonl" --data-binary @"$WORK/good.jsonl" -H "X-CSRF-Token: $CSRF"
expect_code 200 "import"; expect_body 'imported 1 entry'
req POST "/api/v1/import?format=xml" -d 'x' -H "X-CSRF-Token: $CSRF"; expect_code 400 "unknown import format"

# Unknown paths and methods answer in JSON.
req GET /api/v1/nope;          expect_code 404 "unknown API"; expect_header "Content-Type: application/json"
req GET /nope.html;            expect_code 404 "unknown page"; expect_body '"error"'
req GET /../../etc/passwd;     expect_code 404 "path traversal"
req PATCH /api/v1/entries -H "X-CSRF-Token: $CSRF"; expect_code 405 "PATCH"
req DELETE /api/v1/entries -H "X-CSRF-Token: $CSRF"; expect_code 405 "DELETE on the list"
req GET /app.js;               expect_code 200 "script"; expect_header "Content-Type: text/javascript"

kill -TERM "$SERVER"
wait "$SERVER"
RC=$?
expect_rc 0 "serve stops cleanly on SIGTERM"
CHECKS=$((CHECKS + 1))
[ ! -s "$WORK/serve.err" ] || ! grep -v "open the address above" "$WORK/serve.err" | grep -q . ||
    fail "serve printed: $(cat "$WORK/serve.err")"

# Beyond loopback only with TLS, with a warning; the cookie is then Secure.
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
    -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
"$TRP" serve --listen 0.0.0.0:0 --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" \
    >"$WORK/tls.out" 2>"$WORK/tls.err" &
SERVER=$!
for _ in $(seq 50); do [ -s "$WORK/tls.out" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/tls.out")
CHECKS=$((CHECKS + 1))
[[ "$URL" =~ ^https://localhost:[0-9]+/login\?token= ]] || fail "TLS login URL: $URL"
grep -q "warning: listening on 0.0.0.0" "$WORK/tls.err" || fail "no warning for a wide listen"
CODE=$(curl -sk -o /dev/null -D "$WORK/h" -w '%{http_code}' "$URL")
expect_code 303 "TLS login"; expect_header "SameSite=Strict; Secure"
expect_header "Strict-Transport-Security"
CODE=$(curl -s -o /dev/null -w '%{http_code}' "${URL/https:/http:}")
CHECKS=$((CHECKS + 1)); [ "$CODE" != 303 ] || fail "plain HTTP accepted by the TLS server"
kill -TERM "$SERVER"; wait "$SERVER"
finish
