#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL 15 cluster: initdb in a fresh temporary
# directory, the server listening only on a unix socket there, TRP_TEST_PG set to its URI,
# and the cluster stopped and removed when the command ends (whatever its outcome). Run as
# root (CI), the server runs as the postgres user (or nobody), since PostgreSQL refuses to
# run as root. Usage: with_cluster.sh COMMAND [ARGS...]
set -euo pipefail

PGBIN="${TRP_PG_BIN:-/usr/lib/postgresql/15/bin}"
if [ ! -x "$PGBIN/initdb" ]; then
    echo "with_cluster: $PGBIN/initdb not found: install the postgresql package" >&2
    exit 1
fi

# /tmp keeps the socket path short (unix sockets allow about 100 bytes).
dir="$(mktemp -d /tmp/trp-pg.XXXXXX)"
as=()
if [ "$(id -u)" -eq 0 ]; then
    user=postgres
    id -u "$user" >/dev/null 2>&1 || user=nobody
    group="$(id -gn "$user")"
    chown "$user:$group" "$dir"
    as=(setpriv --reuid="$user" --regid="$group" --clear-groups --)
fi

stop() {
    ( cd "$dir" && "${as[@]}" "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w stop ) \
        >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT

# The server's own working directory must be one its user may enter.
cd "$dir"
"${as[@]}" "$PGBIN/initdb" -D "$dir/data" -U trp --auth=trust -E UTF8 --locale=C \
    --no-sync >"$dir/initdb.log" 2>&1 </dev/null ||
    { cat "$dir/initdb.log" >&2; exit 1; }
# fsync off: a test cluster is thrown away, and the suite stays quick. TRP_PG_FSYNC=on
# keeps it for tests about durability.
fsync="${TRP_PG_FSYNC:-off}"
cat >"$dir/start.sh" <<START
cd "$dir" && ${as[*]} "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \\
    -o "-k $dir -c listen_addresses= -c fsync=$fsync -c full_page_writes=$fsync -c max_connections=60" \\
    start >/dev/null </dev/null
START
bash "$dir/start.sh" || { cat "$dir/server.log" >&2; exit 1; }
cd - >/dev/null

export TRP_TEST_PG="postgresql:///postgres?host=$dir&user=trp"
export TRP_TEST_PG_DIR="$dir"
# A test may crash the server and start it again with: bash "$TRP_TEST_PG_DIR/start.sh".
"$@"
