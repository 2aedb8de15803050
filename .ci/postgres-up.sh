#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suites that need one (the PostgreSQL ledger, leases, two daemons):
# installs Debian's postgresql when missing, starts a cluster in /tmp/smsmatch-pg on 127.0.0.1 (trust auth,
# nothing outside this machine can reach it) and writes /tmp/smsmatch-pg/env.json with its URL.
# Safe to run again: a running cluster is reused. Postgres refuses to run as root, so it runs as `postgres`.
set -euo pipefail
ROOT=${SMSMATCH_PG_DIR:-/tmp/smsmatch-pg}
PORT=${SMSMATCH_PG_PORT:-55432}
BIN=/usr/lib/postgresql/15/bin
if [ ! -x "$BIN/pg_ctl" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql-15 >/dev/null
fi
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
mkdir -p "$ROOT"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$ROOT"; fi
DATA="$ROOT/data"
if [ ! -f "$DATA/PG_VERSION" ]; then
  as_pg "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --no-locale >/dev/null
fi
if ! as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  as_pg "$BIN/pg_ctl" -D "$DATA" -l "$ROOT/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $ROOT -c max_connections=300 -c fsync=off -c full_page_writes=off" >/dev/null
fi
as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='smsmatch_test'" | grep -q 1 \
  || as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres smsmatch_test
cat > "$ROOT/env.json" <<JSON
{ "url": "postgres://postgres@127.0.0.1:$PORT/smsmatch_test", "dataDir": "$DATA", "bin": "$BIN", "port": $PORT, "socketDir": "$ROOT" }
JSON
chmod 644 "$ROOT/env.json"
echo "PostgreSQL ready: postgres://postgres@127.0.0.1:$PORT/smsmatch_test (env: $ROOT/env.json)"
