#!/usr/bin/env bash
# End-to-end tests of making a self-care plan through `trp serve`: POST /api/v1/plan adds a
# muscle as `trp plan add` does and DELETE /api/v1/plan/MUSCLE removes it as `trp plan
# remove` does. A plan asks the person to treat the muscle on their own, so the safety gate
# decides first, per side: varicose veins in the left calf (the example intake) block the
# left calf and leave the right one, as with compression over varicose veins in any guide to
# massage contraindications. Every refusal (the gate, bad input, no CSRF token) must leave
# the database unchanged.
. "$(dirname "$0")/lib.sh"
EX="$TRP_SOURCE_ROOT/doc/intake-answers.example.json"

"$TRP" serve --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
for _ in $(seq 50); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
URL=$(head -1 "$WORK/serve.out")
CHECKS=$((CHECKS + 1))
[[ "$URL" =~ ^http://127\.0\.0\.1:([0-9]+)/login\?token=[0-9a-f]{64}$ ]] || fail "first line is not the login URL: $URL"
BASE="http://127.0.0.1:${BASH_REMATCH[1]:-0}"
JAR="$WORK/jar"
curl -s -o /dev/null -c "$JAR" "$URL"
COOKIE="trp_session=$(awk '$6 == "trp_session" {print $7}' "$JAR")"

# req METHOD PATH [curl args...]: status in $CODE, body in $BODY.
req() {
    local m="$1" p="$2"; shift 2
    CODE=$(curl -s -o "$WORK/body" -w '%{http_code}' -X "$m" -H "Cookie: $COOKIE" "$@" "$BASE$p")
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
unchanged() {
    CHECKS=$((CHECKS + 1))
    [ "$(db_digest)" = "$before" ] || fail "$1 changed the database"
}
req GET /api/v1/session
CSRF=$(printf '%s' "$BODY" | sed -n 's/.*"csrf": "\([0-9a-f]*\)".*/\1/p')
CHECKS=$((CHECKS + 1)); [ ${#CSRF} = 64 ] || fail "no CSRF token: $BODY"
add() { req POST /api/v1/plan -H "X-CSRF-Token: $CSRF" -d "$1"; }

# Before the health questions nothing is offered for self-care, on the web as in the terminal.
req GET /api/v1/plan; expect_code 200 "empty plan"
before=$(db_digest)
add '{"muscle":"upper-trapezius"}'; expect_code 409 "plan before the intake"
expect_body "safety questions"
unchanged "a plan item refused before the intake"

run intake --answers "$EX"; expect_rc 0 "intake"

# A good add: the defaults of `trp plan add`, seen by the CLI and due on today's list.
add '{"muscle":"upper-trapezius","side":"right"}'
expect_code 201 "add upper trapezius"
expect_body '"name": "Upper trapezius"'
expect_body '"release_per_week": 3'; expect_body '"stretch_per_day": 2'; expect_body '"strengthen_per_week": 2'
run plan; expect_rc 0; expect_out_contains "upper-trapezius right"
run today --json; expect_out_contains '"muscle": "upper-trapezius"'
req GET /api/v1/today; expect_code 200 "today"; expect_body '"activity": "stretch"'
# An alias and chosen frequencies; the same muscle again replaces its frequencies.
add '{"muscle":"sternalis","stretch_per_day":0,"release_per_week":1,"strengthen_per_week":0}'
expect_code 201 "midline muscle without a side"; expect_body '"release_per_week": 1'
add '{"muscle":"upper-trapezius","side":"r","stretch_per_day":4}'
expect_code 201 "replace frequencies"; expect_body '"side": "right"'; expect_body '"stretch_per_day": 4'
run plan; expect_out_contains " 4 (0 today)"

# The safety gate, per side: varicose veins in the left calf block the left calf and, with no
# side given, the calf as a whole (the stricter side); the right calf stays open. The web
# says what the terminal says.
before=$(db_digest)
add '{"muscle":"gastrocnemius","side":"left"}'; expect_code 409 "left calf over varicose veins"
expect_body "Varicose veins"; expect_body "See: a doctor or physiotherapist"
web_msg=$(printf '%s' "$BODY" | sed -n 's/^{"error":"\(.*\)"}$/\1/p')
run plan add gastrocnemius --side left; expect_rc 1 "CLI, left calf"
CHECKS=$((CHECKS + 1))
[ ${#web_msg} -gt 40 ] || fail "no message in the refusal: $BODY"
case "$ERR" in *"$web_msg"*) ;; *) fail "the web's refusal '$web_msg' differs from the CLI's: $ERR" ;; esac
add '{"muscle":"gastrocnemius"}';               expect_code 409 "calf without a side: the stricter side"
add '{"muscle":"soleus","side":"left"}';        expect_code 409 "further down the same leg"
unchanged "a plan item the safety gate refused"
echo "the gate's refusal on the web: $web_msg"
add '{"muscle":"gastrocnemius","side":"right"}'; expect_code 201 "right calf"
run plan; expect_out_contains "gastrocnemius right"

# Bad input: 400 with a message, nothing stored.
before=$(db_digest)
add '{"muscle":"trapezuis"}';                          expect_code 400 "typo"; expect_body "did you mean"
add '{"muscle":"upper-trapezius","side":"up"}';        expect_code 400 "bad side"; expect_body "not left or right"
add '{"muscle":"sternalis","side":"left"}';            expect_code 400 "side of a midline muscle"; expect_body "midline"
add '{"muscle":"soleus","side":"right","release_per_week":22}'; expect_code 400 "too often"; expect_body "0 to 21"
add '{"muscle":"soleus","side":"right","stretch_per_day":-1}';  expect_code 400 "negative"
add '{"muscle":"soleus","side":"right","stretch_per_day":4294967298}'; expect_code 400 "wraps around int"
add '{"muscle":"soleus","side":"right","stretch_per_day":"2"}'; expect_code 400 "a string for a number"
add '{"muscle":"soleus","side":"right","stretch_per_day":2.5}'; expect_code 400 "a fraction"
add '{"muscle":"soleus","side":"right","release_per_week":0,"stretch_per_day":0,"strengthen_per_week":0}'
expect_code 400 "no activity"; expect_body "at least one activity"
add '{"muscle":"soleus","colour":"red"}';               expect_code 400 "unknown key"
add '{"muscle":"soleus","muscle":"sternalis"}';         expect_code 400 "duplicate key"
add '{"side":"right"}';                                  expect_code 400 "no muscle"
add '{"muscle":null}';                                   expect_code 400 "null muscle"
add '["soleus"]';                                        expect_code 400 "not an object"
add '{"muscle":"soleus",';                               expect_code 400 "not JSON"
# No CSRF token, or a wrong one: refused before anything is read.
req POST /api/v1/plan -d '{"muscle":"soleus","side":"right"}';                  expect_code 403 "no CSRF"
req POST /api/v1/plan -d '{"muscle":"soleus","side":"right"}' -H "X-CSRF-Token: 00"; expect_code 403 "wrong CSRF"
req DELETE /api/v1/plan/upper-trapezius;                                         expect_code 403 "remove without CSRF"
req PUT /api/v1/plan -H "X-CSRF-Token: $CSRF" -d '{}';                           expect_code 405 "PUT"
unchanged "refused plan requests"

# Removing: the item ends, its history stays; twice is 404, an unknown muscle 400.
req DELETE /api/v1/plan/upper-trapezius -H "X-CSRF-Token: $CSRF"; expect_code 200 "remove"
CHECKS=$((CHECKS + 1)); case "$BODY" in *upper-trapezius*) fail "still in the plan: $BODY" ;; esac
expect_body '"muscle": "sternalis"'
run plan; expect_out_lacks "upper-trapezius"
req DELETE /api/v1/plan/upper-trapezius -H "X-CSRF-Token: $CSRF"; expect_code 404 "remove twice"; expect_body "not in your plan"
req DELETE /api/v1/plan/trapezuis -H "X-CSRF-Token: $CSRF";       expect_code 400 "remove a typo"; expect_body "did you mean"

kill -TERM "$SERVER"; wait "$SERVER"; src=$?
CHECKS=$((CHECKS + 1)); [ "$src" = 0 ] || fail "serve did not stop cleanly ($src)"
finish
