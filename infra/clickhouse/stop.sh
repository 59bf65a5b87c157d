#!/usr/bin/env bash
# Stops the ClickHouse started by start.sh (only that one, by its pid file). Idempotent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pidfile="$here/run/clickhouse.pid"
if [ ! -f "$pidfile" ]; then
  echo "clickhouse: not running (no pid file)"
  exit 0
fi
pid="$(cat "$pidfile" || true)"
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null; then
  rm -f "$pidfile"
  echo "clickhouse: not running (stale pid file removed)"
  exit 0
fi
kill -TERM "$pid"
for _ in $(seq 1 60); do
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$pidfile"
    echo "clickhouse: stopped (pid $pid)"
    exit 0
  fi
  sleep 0.5
done
echo "clickhouse: pid $pid did not stop after 30 s, sending KILL" >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$pidfile"
