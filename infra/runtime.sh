# The project's own runtime, Node 24 LTS and pnpm under it, installed by infra/setup.sh into infra/tools/
# (ignored by git). Sourced by the infra scripts to put it first on PATH; run as
# `bash infra/runtime.sh COMMAND ...` to run one command with it (the package.json scripts do).
IGV_NODE_VERSION=24.22.3
IGV_PNPM_VERSION=10.34.9
IGV_TOOLS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/tools"
export PATH="$IGV_TOOLS/node/bin:$IGV_TOOLS/pnpm/bin:$PATH"
# node-gyp builds native modules (better-sqlite3) against the headers in the unpacked Node package.
export npm_config_nodedir="$IGV_TOOLS/node"

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  if [[ ! -x "$IGV_TOOLS/node/bin/node" ]]; then
    echo "igv: the project's Node $IGV_NODE_VERSION is not installed yet; run: npm run setup" >&2
    exit 1
  fi
  exec "$@"
fi
