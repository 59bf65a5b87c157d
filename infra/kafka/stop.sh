#!/usr/bin/env bash
# Stops the broker started by start.sh with SIGTERM (controlled shutdown: logs flushed, clean restart) and waits for it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"

if ! kafka_pid_alive; then rm -f "$KAFKA_PID_FILE"; echo "kafka: not running"; exit 0; fi
pid="$(cat "$KAFKA_PID_FILE")"
kill -TERM "$pid"
for _ in $(seq 1 120); do
  if ! kill -0 "$pid" 2>/dev/null; then rm -f "$KAFKA_PID_FILE"; echo "kafka: stopped"; exit 0; fi
  sleep 0.5
done
echo "kafka: pid $pid still running after 60 s; sending SIGKILL" >&2
kill -KILL "$pid" 2>/dev/null || true
rm -f "$KAFKA_PID_FILE"
exit 1
