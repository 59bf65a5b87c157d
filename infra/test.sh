#!/usr/bin/env bash
# Every test: the tests' types (tsconfig.test.json), lint and format (biome.jsonc), unit and property
# (*.test.ts), against real Kafka and ClickHouse (*.int.test.ts), and through the CLI and HTTP (*.e2e.test.ts).
# Starts the servers it needs and stops those it started. A failed check does not stop the tests: every failure is reported, then the exit is 1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/setup.sh
source infra/runtime.sh

checks=0
# Tests are code too: a type error in any test file (every tier) fails the run.
pnpm exec tsc -b tsconfig.test.json || { echo "test: the tests do not typecheck (pnpm run typecheck)" >&2; checks=1; }
# One style: a lint error or a file not as `pnpm run format` writes it fails the run.
pnpm exec biome ci . || { echo "test: lint errors or unformatted files (pnpm run lint; pnpm run format fixes the format)" >&2; checks=1; }

source infra/servers.sh

mkdir -p .cache
rm -f .cache/test-results*.json
run() { pnpm exec vitest run --reporter=default --reporter=json "$@"; }
set +e
if [ "$#" -gt 0 ]; then
  run --outputFile.json=.cache/test-results.json "$@"
  status=$?
else
  # Tests that measure latency (*.alone.e2e.test.ts) run last, with no other test file loading the machine.
  run --outputFile.json=.cache/test-results.json --project unit --project int --project e2e
  status=$?
  run --outputFile.json=.cache/test-results-alone.json --project e2e-alone || status=1
fi
set -e
node infra/test-summary.mjs .cache/test-results*.json || status=1
[ "$checks" -eq 0 ] || status=1
exit $status
