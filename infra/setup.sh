#!/usr/bin/env bash
# Installs what the project needs on a fresh machine (pnpm 10, dependencies) and builds it. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
want=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$want" ]; then
  echo "setup: installing pnpm $want" >&2
  npm install --global --silent "pnpm@$want" >&2
fi
pnpm install --frozen-lockfile --reporter=silent >&2
pnpm run --silent build >&2
