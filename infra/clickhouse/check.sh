#!/usr/bin/env bash
# Exit 0 when the local ClickHouse answers SELECT 1 over HTTP, 1 otherwise.
set -euo pipefail
url="${CLICKHOUSE_URL:-http://127.0.0.1:${CLICKHOUSE_HTTP_PORT:-8123}}"
if [ "$(curl -fsS --max-time 2 "${url%/}/?query=SELECT%201" 2>/dev/null || true)" = "1" ]; then
  echo "clickhouse: up on ${url} ($(curl -fsS --max-time 2 "${url%/}/?query=SELECT%20version()"))"
  exit 0
fi
echo "clickhouse: not answering on ${url}" >&2
exit 1
