#!/usr/bin/env bash
# Starts a local ClickHouse for development and tests on 127.0.0.1:8123 (HTTP).
# Installs Debian's clickhouse-server (18.16) when it is missing. Config, data and
# logs live under infra/clickhouse/run/ (gitignored). Idempotent: a running server is left alone.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/run"
http_port="${CLICKHOUSE_HTTP_PORT:-8123}"
tcp_port="${CLICKHOUSE_TCP_PORT:-9000}"
url="http://127.0.0.1:${http_port}/"

answers() { [ "$(curl -fsS --max-time 2 "${url}?query=SELECT%201" 2>/dev/null || true)" = "1" ]; }

if answers; then
  echo "clickhouse: already answering on ${url}"
  exit 0
fi

if ! command -v clickhouse-server >/dev/null 2>&1; then
  echo "clickhouse: installing Debian's clickhouse-server"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends clickhouse-server clickhouse-client >/dev/null
fi

mkdir -p "$run/data" "$run/tmp" "$run/user_files" "$run/log" "$run/format_schemas"

# A stale pid file from a killed server would make --daemon refuse to start.
if [ -f "$run/clickhouse.pid" ]; then
  pid="$(cat "$run/clickhouse.pid" || true)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    echo "clickhouse: pid $pid is running but not answering yet; waiting"
  else
    rm -f "$run/clickhouse.pid"
  fi
fi

sed -e "s#@RUN@#$run#g" -e "s#@HTTP_PORT@#$http_port#g" -e "s#@TCP_PORT@#$tcp_port#g" \
  "$here/config.xml.in" > "$run/config.xml"
cp "$here/users.xml" "$run/users.xml"

if [ ! -f "$run/clickhouse.pid" ]; then
  # Timezone UTC so DateTime text round-trips without the host's zone leaking in.
  TZ=UTC clickhouse-server --config-file="$run/config.xml" --pid-file="$run/clickhouse.pid" --daemon
fi

for _ in $(seq 1 120); do
  if answers; then
    echo "clickhouse: up on ${url} ($(curl -fsS "${url}?query=SELECT%20version()"))"
    exit 0
  fi
  sleep 0.5
done
echo "clickhouse: did not answer SELECT 1 within 60 s; see $run/log/" >&2
tail -n 30 "$run/log/clickhouse-server.err.log" >&2 || true
exit 1
