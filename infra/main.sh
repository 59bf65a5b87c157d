#!/usr/bin/env bash
# The main job on the embedded defaults (no servers): the dense-LPO preset, status quo against the proposed rules.
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/setup.sh
source infra/runtime.sh
node services/cli/dist/main.js compare \
  simulations/scenarios/lpo-dense-status-quo.yaml \
  simulations/scenarios/lpo-dense-proposed.yaml \
  --replications 20 --attribute "$@"
