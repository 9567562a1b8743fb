#!/usr/bin/env bash
# The safety gate as data: every case of tests/fixtures/safety_cases.tsv (intake answers ->
# muscle and side -> allowed, pressure cap, urgent) is run through `trp safety --json`, and
# the other ways to treat must agree with it: `trp plan add` refuses exactly the blocked
# muscles naming the reason, `trp today` offers or withholds the release with the same cap,
# and `trp session` exits 1 naming the reason or starts with the same pressure cap.
# One Python driver runs the cases (a process per case would be slow).
. "$(dirname "$0")/lib.sh"

python3 - "$TRP" "$TRP_SOURCE_ROOT" "$WORK" <<'PY'
import json, os, subprocess, sys
trp, root, work = sys.argv[1:4]
base = json.load(open(os.path.join(root, "doc/intake-answers.example.json")))
clean = {k: (False if isinstance(v, bool) else [] if isinstance(v, list) else 42) for k, v in base.items()}
checks = fails = 0

def run(db, *args, stdin=subprocess.DEVNULL):
    env = dict(os.environ, TRP_DB=db)
    p = subprocess.run([trp, *args], env=env, stdin=stdin, capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr

def check(ok, what):
    global checks, fails
    checks += 1
    if not ok:
        fails += 1
        print("FAIL: " + what, file=sys.stderr)

n = 0
muscles = set()
for line in open(os.path.join(root, "tests/fixtures/safety_cases.tsv")):
    line = line.rstrip("\n")
    if not line or line.startswith("#") or line.startswith("answers\t"):
        continue
    answers, state, muscle, side, allowed, pressure, urgent, rule = line.split("\t")
    n += 1
    muscles.add(muscle)
    what = "case %d (%s)" % (n, rule)
    db = os.path.join(work, "case%d.db" % n)
    sideopt = [] if side == "-" else ["--side", side]
    if answers != "none":
        d = dict(clean)
        if answers != "-":
            for change in answers.split(";"):
                k, v = change.split("=", 1)
                check(k in d, what + ": unknown question " + k)
                d[k] = (v == "true") if v in ("true", "false") else int(v) if v.isdigit() else [p.strip() for p in v.split(",")]
        path = os.path.join(work, "case.json")
        json.dump(d, open(path, "w"))
        rc, out, err = run(db, "intake", "--answers", path)
        check(rc == 0, what + ": intake: " + err)
        if state == "ack":
            rc, out, err = run(db, "intake", "--acknowledge"); check(rc == 0, what + ": acknowledge")
        elif state == "cleared":
            rc, out, err = run(db, "intake", "--cleared-by", "Dr Test"); check(rc == 0, what + ": clearance")

    # The gate's verdict.
    rc, out, err = run(db, "safety", muscle, *sideopt, "--json")
    check(rc == 0, what + ": trp safety: " + err)
    v = json.loads(out)
    got = ("yes" if v["allowed"] else "no", "null" if v["pressure_max"] is None else str(v["pressure_max"]),
           "yes" if v["urgent"] else "no")
    check(got == (allowed, pressure, urgent), "%s: trp safety says %s, expected %s" % (what, got, (allowed, pressure, urgent)))
    if allowed == "no":
        check(len(v["reasons"]) >= 1 and v["see"], what + ": a blocked verdict needs a reason and who to see")
    first = v["reasons"][0][:40] if v["reasons"] else ""

    # plan add agrees.
    rc, out, err = run(db, "plan", "add", muscle, *sideopt)
    if allowed == "yes":
        check(rc == 0, what + ": plan add of an allowed muscle failed: " + err)
    else:
        check(rc == 1 and first in err, what + ": plan add of a blocked muscle: rc %d, %s" % (rc, err))
        # As if the intake had changed after the plan was made.
        subprocess.run(["sqlite3", db, "INSERT INTO plan_item (person_id, muscle, side, release_per_week, "
                        "stretch_per_day, strengthen_per_week, created_at) VALUES (1, '%s', %s, 3, 2, 2, 0)"
                        % (muscle, "NULL" if side == "-" else "'%s'" % side)], check=True)

    # today agrees.
    rc, out, err = run(db, "today", "--json")
    check(rc == 0, what + ": today: " + err)
    items = [i for i in json.loads(out or "[]") if i["activity"] == "release"]
    check(len(items) == 1, what + ": today lists no release")
    if items:
        i = items[0]
        check(i["allowed"] == (allowed == "yes"), what + ": today allowed=%s" % i["allowed"])
        check(i["safety"]["pressure_max"] == (None if pressure == "null" else int(pressure)),
              what + ": today pressure_max=%s" % i["safety"]["pressure_max"])
        capped = "LIGHT, at most %s of 10" % pressure in i["how"]
        check(capped == (allowed == "yes" and pressure != "null"), what + ": today says: " + i["how"])
        if allowed == "no":
            check(first in i["how"], what + ": today does not say why: " + i["how"])

    # session agrees: blocked -> exit 1 naming the reason; allowed -> starts with the cap.
    rc, out, err = run(db, "session", muscle, *sideopt)
    if allowed == "no":
        check(rc == 1 and first in err, what + ": session of a blocked muscle: rc %d, %s" % (rc, err))
    else:
        check("== " in out, what + ": session did not start: " + err)
        if pressure == "null":
            check("Pressure: LIGHT" not in out, what + ": session caps pressure without a rule")
        else:
            check("Pressure: LIGHT, at most %s of 10" % pressure in out, what + ": session cap missing")

check(n >= 80, "only %d safety cases (at least 80 wanted)" % n)
# Every muscle a case names exists in the knowledge base.
for m in sorted(muscles):
    rc, out, err = run(os.path.join(work, "misc.db"), "muscle", m)
    check(rc == 0, "muscle %s named by a safety case exists" % m)
open(os.path.join(work, "py_counts"), "w").write("%d %d\n" % (checks, fails))
PY
read -r c f <"$WORK/py_counts" || { c=1; f=1; }
CHECKS=$((CHECKS + c)); FAILS=$((FAILS + f))
# --- where: warnings for the places themselves, and the gate's verdict per candidate.
export TRP_DB="$WORK/where.db"
run where "left chest"; expect_rc 0; expect_out_contains "WARNING - Chest"; expect_out_contains "NICE CG95"
expect_out_contains "the order is not a probability"; expect_out_lacks "most likely first"
expect_out_contains "Answer the safety questions with 'trp intake'"
run where "right calf" --json; expect_rc 0; expect_out_contains '"warnings": ['
expect_out_contains "NICE NG158"; expect_out_contains '"safety": {'; expect_out_contains '"order": "more of the places named first'
run where "lower belly"; expect_out_contains "organs inside"
run where "left temple"; expect_out_contains "SNOOP10"; expect_out_contains "giant cell arteritis"
expect_out_contains "new headache after 50"
run where "right jaw"; expect_out_contains "jaw pain on chewing"
run where "front of the neck" --json; expect_out_contains "Rushton"
run where "outer elbow"; expect_rc 0; expect_out_lacks "WARNING"
run log pain 5 --region "left calf" --at "today 08:00"; expect_rc 0
run where --from-diary; expect_rc 0; expect_out_contains "WARNING - Calf"
# The review's scenario: a past clot and blood thinners, the soleus wanted in the plan.
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d.update(dvt_history=True, anticoagulants=True, varicose_veins=[]); print(json.dumps(d))' \
    "$TRP_SOURCE_ROOT/doc/intake-answers.example.json" >"$WORK/clot.json"
run intake --answers "$WORK/clot.json"; expect_rc 0
run where "right calf"; expect_out_contains "Safety: not for self-treatment now"
run where "right temple" --json; expect_out_contains '"pressure_max": 3'
run plan add soleus --side right; expect_rc 1; expect_err_contains "clot"
sqlite3 "$TRP_DB" "INSERT INTO plan_item (person_id, muscle, side, release_per_week, stretch_per_day, strengthen_per_week, created_at) VALUES (1, 'soleus', 'right', 3, 2, 2, 0)"
run plan add upper-trapezius --side right; expect_rc 0
run today; expect_rc 0; expect_out_lacks "Firm"; expect_out_contains "release Soleus: not offered"
expect_out_lacks "[x]"   # a ticked box reads as done: a muscle not offered must not look done
expect_out_contains "LIGHT, at most 3 of 10"
run plan ics -o "$WORK/plan.ics"; expect_rc 0
CHECKS=$((CHECKS + 1)); grep -q "Soleus" "$WORK/plan.ics" && fail "plan ics reminds of a blocked muscle"
CHECKS=$((CHECKS + 1)); grep -q "Light pressure only" "$WORK/plan.ics" || fail "plan ics lacks the pressure cap"
run safety soleus --side right; expect_rc 0; expect_out_contains "not allowed"; expect_out_contains "See:"
run safety upper-trapezius --side left; expect_out_contains "allowed, light pressure only: at most 3 of 10"
run safety soleus --side middle; expect_rc 1; expect_err_contains "left or right"
run safety sternalis --side left; expect_rc 1; expect_err_contains "midline"
run safety;                      expect_rc 2
run safety soleous;              expect_rc 1; expect_err_contains "did you mean"

# --- honest wording in 'trp about': the right meta-analysis, the pilot as it was, no files
# users do not have.
run about; expect_rc 0
expect_out_contains "Lu W et al. Chiropr Man Therap 2022;30:34"
expect_out_contains "pilot, n=2"; expect_out_contains "did not measure"
expect_out_contains "no change in nutritive"
expect_out_lacks "DOMAIN"; expect_out_lacks "Cagnie"

finish
