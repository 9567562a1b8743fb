#!/usr/bin/env bash
# Installs a built trp under ROOT (the DESTDIR and PREFIX of `make install`, joined):
#   ROOT/bin/trp                  the program
#   ROOT/lib/trp/trp-render.so    the chart module, found relative to the program
#   ROOT/share/man/man1/trp.1     the manual
#   ROOT/share/{bash-completion,zsh,fish}/...   shell completions
# Usage: scripts/install.sh ROOT [BUILD_DIR]
set -euo pipefail
root=${1:?usage: scripts/install.sh ROOT [BUILD_DIR]}
build=${2:-build}
cd "$(dirname "$0")/.."
for f in "$build/trp" "$build/trp-render.so"; do
    [ -f "$f" ] || { echo "install: $f is missing; run 'make' first" >&2; exit 1; }
done
install -Dm755 "$build/trp" "$root/bin/trp"
install -Dm644 "$build/trp-render.so" "$root/lib/trp/trp-render.so"
install -Dm644 doc/man/trp.1 "$root/share/man/man1/trp.1"
install -Dm644 completions/trp.bash "$root/share/bash-completion/completions/trp"
install -Dm644 completions/_trp "$root/share/zsh/site-functions/_trp"
install -Dm644 completions/trp.fish "$root/share/fish/vendor_completions.d/trp.fish"
echo "installed trp in $root/bin (chart module in $root/lib/trp)"
