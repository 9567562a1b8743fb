#!/usr/bin/env bash
# Installs the Debian 12 packages trp builds, tests and benchmarks with. Idempotent: it asks
# dpkg what is already there and calls apt-get only for what is missing, so `make` stays fast
# on a machine that has everything. Needs root (or sudo) only when something is missing.
set -eu

# Build and run-time libraries, then test tools. Kept as one list so the README, CI and a
# fresh machine agree on what trp needs.
PKGS="build-essential pkg-config meson ninja-build clang libclang-rt-14-dev
libsqlite3-dev sqlite3 libpq-dev postgresql libmicrohttpd-dev libjansson-dev
libcairo2-dev libpango1.0-dev libsodium-dev libcmocka-dev
poppler-utils tmux python3 tzdata fonts-dejavu-core
chromium nodejs wrk openssl"

# Optional extras are asked for with TRP_EXTRA_PKGS (for example the R fixture tools).
PKGS="$PKGS ${TRP_EXTRA_PKGS:-}"

missing=""
# npm comes with nodejs from some sources and as its own Debian package otherwise.
command -v npm >/dev/null 2>&1 || missing=" npm"
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done

# The browser tests' npm packages (playwright-core, axe-core), pinned by package-lock.json.
browser_modules() {
    local dir
    dir="$(dirname "$0")/../tests/browser"
    if [ ! -d "$dir/node_modules/playwright-core" ] || [ ! -d "$dir/node_modules/axe-core" ]; then
        (cd "$dir" && npm ci --no-audit --no-fund >/dev/null)
    fi
}

if [ -z "$missing" ]; then
    browser_modules
    exit 0
fi

echo "install-deps: installing:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
        echo "install-deps: need root to install:$missing" >&2; exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
browser_modules
