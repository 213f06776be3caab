#!/usr/bin/env bash
# Installs Redis from Debian's packages when missing, starts a private instance on loopback (reused when
# one already answers PING on the port) and prints its URL. Used by .ci/run; safe to run by hand.
set -euo pipefail
PORT="${REELPATH_REDIS_PORT:-63799}"
DIR="${REELPATH_REDIS_DIR:-/tmp/reelpath-redis}"
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing Redis from Debian packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq redis-server >&2
fi
if [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null || true)" != "PONG" ]; then
  mkdir -p "$DIR"
  redis-server --bind 127.0.0.1 --port "$PORT" --dir "$DIR" --daemonize yes --pidfile "$DIR/redis.pid" \
    --logfile "$DIR/server.log" --appendonly yes --appendfsync everysec --save '' >&2
  for _ in $(seq 1 100); do
    [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null || true)" = "PONG" ] && break
    sleep 0.1
  done
  if [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null || true)" != "PONG" ]; then
    echo "Redis did not answer PING on 127.0.0.1:$PORT (see $DIR/server.log)" >&2
    exit 1
  fi
fi
echo "redis://127.0.0.1:$PORT"
