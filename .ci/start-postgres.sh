#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when missing, starts a private cluster on loopback and
# prints the URL of an empty test database. Used by .ci/run; safe to run by hand.
set -euo pipefail
PORT="${REELPATH_PG_PORT:-54329}"
DIR="${REELPATH_PG_DIR:-/tmp/reelpath-pg}"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$BIN" ]; then
  echo "installing PostgreSQL from Debian packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
RUN_AS=()
if [ "$(id -u)" = "0" ]; then RUN_AS=(runuser -u postgres --); fi
if ! "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  rm -rf "$DIR"; mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$DIR"
  "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -A trust -U postgres >/dev/null
  "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" -w start >/dev/null
fi
"${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAt -c "DROP DATABASE IF EXISTS reelpath_test" >/dev/null
"${RUN_AS[@]}" "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qAt -c "CREATE DATABASE reelpath_test" >/dev/null
echo "postgres://postgres@127.0.0.1:$PORT/reelpath_test"
