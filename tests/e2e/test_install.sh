#!/usr/bin/env bash
# End-to-end test of installing: the install script (what `make install` runs) puts trp,
# its chart module, the man page and bash, zsh and fish completions under DESTDIR/PREFIX;
# the installed trp draws charts, also after the tree is moved and through a symlink; the
# bash completion offers commands and options.
. "$(dirname "$0")/lib.sh"
build=$(dirname "$TRP")
dest="$WORK/dest"
root="$dest/usr/local"

CHECKS=$((CHECKS + 1))
bash "$TRP_SOURCE_ROOT/scripts/install.sh" "$root" "$build" >/dev/null || fail "install script failed"
for f in bin/trp lib/trp/trp-render.so share/man/man1/trp.1 share/bash-completion/completions/trp \
         share/zsh/site-functions/_trp share/fish/vendor_completions.d/trp.fish; do
    CHECKS=$((CHECKS + 1)); [ -f "$root/$f" ] || fail "$f was not installed"
done
CHECKS=$((CHECKS + 1)); [ -x "$root/bin/trp" ] || fail "bin/trp is not executable"

# The installed binary draws a chart: it finds its module relative to itself.
run log pain 5 --region "left temple" --at 2026-03-09T08:00
OUT=$("$root/bin/trp" chart timeline -o "$WORK/chart.svg" 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 0 "installed chart"; expect_out_contains "wrote"
CHECKS=$((CHECKS + 1)); grep -q "<svg" "$WORK/chart.svg" || fail "the installed trp wrote no SVG"
mv "$dest" "$WORK/moved"
OUT=$("$WORK/moved/usr/local/bin/trp" report --format html -o - 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 0 "moved install"; expect_out_contains "<html"
mkdir "$WORK/path"; ln -s "$WORK/moved/usr/local/bin/trp" "$WORK/path/trp"
OUT=$("$WORK/path/trp" chart bodymap 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 0 "through a symlink"; expect_out_contains "<svg"
# A lone copy of the binary says where it looked.
cp "$WORK/moved/usr/local/bin/trp" "$WORK/lone-trp"
OUT=$(TRP_PLUGIN_DIR=/nonexistent "$WORK/lone-trp" chart timeline 2>"$WORK/stderr"); RC=$?; ERR=$(cat "$WORK/stderr")
expect_rc 1 "lone binary"; expect_err_contains "lib/trp/trp-render.so"

# The man page is well-formed.
CHECKS=$((CHECKS + 1))
if command -v groff >/dev/null; then
    groff -man -Tutf8 -ww -z "$WORK/moved/usr/local/share/man/man1/trp.1" 2>"$WORK/groff" || fail "man page: groff failed"
    [ ! -s "$WORK/groff" ] || fail "man page warnings: $(head -3 "$WORK/groff")"
fi

# Bash completion, with the installed trp on PATH.
complete_words() {
    PATH="$WORK/moved/usr/local/bin:$PATH" bash -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _trp; printf "%s\n" "${COMPREPLY[@]}"' \
        _ "$WORK/moved/usr/local/share/bash-completion/completions/trp" "$@"
}
OUT=$(complete_words trp ex);             expect_out_contains "export"
OUT=$(complete_words trp --db x.db li);   expect_out_contains "list"
OUT=$(complete_words trp list --l);       expect_out_contains "--limit"
OUT=$(complete_words trp log "");         expect_out_contains "treat"
OUT=$(complete_words trp chart "");       expect_out_contains "bodymap"
OUT=$(complete_words trp export --format ""); expect_out_contains "jsonl"

# make install passes PREFIX and DESTDIR on.
CHECKS=$((CHECKS + 1))
make -n -C "$TRP_SOURCE_ROOT" install PREFIX=/opt/trp DESTDIR=/tmp/stage 2>/dev/null |
    grep -q 'install.sh "/tmp/stage/opt/trp"' || fail "make install ignores PREFIX or DESTDIR"
finish
