#!/usr/bin/env bash
# End-to-end tests of the knowledge base as a person meets it: `trp muscle` puts the
# condition to rule out (and its source) before the trigger points, in text and JSON;
# muscles whose points refer to different places name each point's zones; the new muscles
# answer to their lay names; and `trp muscles` lists at least 130.
. "$(dirname "$0")/lib.sh"

run muscle temporalis;            expect_rc 0
expect_out_contains "Caution: A new headache at the temple after the age of 50"
expect_out_contains "giant cell arteritis"
expect_out_contains "SNOOP10"
# The caution comes before the trigger points, so it is read first.
case "$OUT" in *Caution:*"Trigger points:"*) ;; *) fail "caution is not above the trigger points: $OUT" ;; esac
CHECKS=$((CHECKS + 1))

run muscle temporalis --json;     expect_rc 0
expect_out_contains '"caution": {'
expect_out_contains '"source": "Do TP'

run muscle "calf muscle";         expect_rc 0; expect_out_contains "blood clot"
run muscle soleus --json;         expect_rc 0; expect_out_contains "NG158"
run muscle scm;                   expect_rc 0; expect_out_contains "light pressure only"
run muscle pectoralis-major;      expect_rc 0; expect_out_contains "heart pain first"
# A muscle with nothing to rule out shows no caution.
run muscle infraspinatus;         expect_rc 0
case "$OUT" in *Caution:*) fail "infraspinatus shows a caution: $OUT" ;; esac
CHECKS=$((CHECKS + 1))
run muscle infraspinatus --json;  expect_rc 0
case "$OUT" in *'"caution"'*) fail "infraspinatus JSON has a caution" ;; esac
CHECKS=$((CHECKS + 1))

# The digastric's anterior belly is its own point, referring to the lower front teeth.
run muscle digastric;             expect_rc 0
expect_out_contains "anterior belly"
expect_out_contains "Refers to: lower-teeth"
run muscle digastric --json;      expect_rc 0; expect_out_contains '"refers_to": ['

# New muscles by their lay or alternative names.
run muscle "peroneus brevis";     expect_rc 0; expect_out_contains "Fibularis brevis (fibularis-brevis)"
run muscle "neck multifidi";      expect_rc 0; expect_out_contains "cervical-multifidi"
run muscle "sphincter ani";       expect_rc 0; expect_out_contains "anal-sphincter"

run muscles --json;               expect_rc 0
n=$(printf '%s\n' "$OUT" | grep -c '"id":')
CHECKS=$((CHECKS + 1))
[ "$n" -ge 130 ] || fail "trp muscles lists $n muscles, expected at least 130"

finish
