#!/usr/bin/env bash
# Checks that the build and the repository stay honest: the unit tests cannot silently
# disappear (cmocka required), tests rebuild what they run, no build step swallows its
# errors, only dependencies in use are declared, and the tree holds the product only (no
# helper notes, no citations of documents users do not have, no promises of commands that
# do not exist, no ignore rules for folders that do not exist).
set -u
root=${TRP_SOURCE_ROOT:?}
cd "$root" || exit 1
fails=0
checks=0
check() { # check DESCRIPTION COMMAND...: the command must succeed
    local what=$1; shift
    checks=$((checks + 1))
    if ! "$@" >/dev/null 2>&1; then
        echo "FAIL: $what" >&2
        fails=$((fails + 1))
    fi
}
absent() { ! "$@"; }

check "cmocka is required" grep -Eq "dependency\('cmocka', *required *: *true\)" meson.build
check "unit tests are not optional" absent grep -q "cmocka_dep.found()" tests/unit/meson.build
check "e2e tests depend on trp and its chart module" grep -Eq "depends *: *\[trp_exe, *trp_render\]" tests/e2e/meson.build
check "no swallowed reconfigure in the Makefile" absent grep -Eq "meson.*\|\| *true" Makefile
check "no swallowed reconfigure in run-tests.sh" absent grep -Eq "meson.*\|\| *true" scripts/run-tests.sh
# A library may be declared only when some source includes its header.
for pair in libmicrohttpd:microhttpd.h libsodium:sodium.h libpq:libpq-fe.h; do
    dep=${pair%%:*} header=${pair#*:}
    if ! grep -rqs "#include <$header>" src; then
        check "no unused $dep declared" absent grep -q "dependency('$dep'" meson.build
    fi
done
check "no helper notes in doc/agents/CONTEXT.md" test ! -e doc/agents/CONTEXT.md
check "no absolute machine paths in the product" absent grep -rIlq "/""work/" src tests/unit tests/e2e scripts doc README.md Makefile meson.build
check "sources are cited, not DOMAIN.md" absent grep -rIq "DOMAIN.md" src doc README.md
check "no mention of a trp doctor command" absent grep -rIq "trp doctor" src doc README.md
while IFS= read -r line; do
    case "$line" in ''|'#'*|*'*'*|/build/) continue ;; esac
    # What a tool creates (node_modules) may be absent, but its folder must exist.
    entry=${line#/}; entry=${entry%/}
    parent=$(dirname "$entry")
    check ".gitignore entry $line names something that exists, or lies in a subfolder that does" \
        test -e "./$entry" -o \( "$parent" != . -a -d "./$parent" \)
done <.gitignore
echo "$((checks - fails))/$checks checks passed"
[ "$fails" -eq 0 ]
