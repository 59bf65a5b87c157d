#!/usr/bin/env bash
# Every test: unit and property (*.test.ts), against real Kafka and ClickHouse (*.int.test.ts),
# and through the CLI and HTTP (*.e2e.test.ts). Starts the servers it needs and stops those it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/setup.sh
source infra/runtime.sh

source infra/servers.sh

mkdir -p .cache
set +e
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=.cache/test-results.json "$@"
status=$?
set -e
node infra/test-summary.mjs .cache/test-results.json || status=1
exit $status
