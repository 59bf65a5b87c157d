#!/usr/bin/env bash
# pnpm bench: every benchmark under simulations/ (simulator, store, ingest, analytics, API), one after another
# so they do not compete for the two cores. Starts Kafka and ClickHouse for the benchmarks that need them.
# Usage: pnpm bench [name ...]   e.g. pnpm bench simulator
set -euo pipefail
cd "$(dirname "$0")/.."
bash infra/setup.sh
source infra/runtime.sh

source infra/servers.sh

mkdir -p .cache
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(lsb_release -ds 2>/dev/null || grep PRETTY /etc/os-release | cut -d= -f2), Node $(node --version), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" | tee .cache/bench.txt
for script in simulations/dist/src/bench/*.js simulations/dist/bench/*.js; do
  [ -f "$script" ] || continue
  name=$(basename "$script" .js)
  # Not benchmarks of their own: shared code, the bare loop `speed` runs as its peer, and the tool that alternates
  # two builds (it needs their checkouts).
  case "$name" in *-common|scenarios|bare-loop|alternate) continue ;; esac
  if [ $# -gt 0 ] && [[ ! " $* " =~ " $name " ]]; then continue; fi
  echo "== $name" | tee -a .cache/bench.txt
  node --expose-gc "$script" 2>&1 | tee -a .cache/bench.txt
done
