# Sourced by test.sh and bench.sh: starts Kafka and ClickHouse when they do not answer, and on exit stops
# only the ones it started (a developer's own running servers are left alone).
started=()
stop_started() {
  for s in "${started[@]}"; do bash "infra/$s/stop.sh" || true; done
}
trap stop_started EXIT
for s in kafka clickhouse; do
  if ! bash "infra/$s/check.sh" >/dev/null 2>&1; then
    bash "infra/$s/start.sh"
    started+=("$s")
  fi
done
