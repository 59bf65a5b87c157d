# The project's own runtime, Node 24 LTS and pnpm under it, installed by infra/setup.sh into infra/tools/
# (ignored by git). Sourced by the infra scripts to put it first on PATH; run as
# `bash infra/runtime.sh COMMAND ...` to run one command with it (the package.json scripts do).
IGV_NODE_VERSION=24.22.3
IGV_PNPM_VERSION=12.25.1
IGV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IGV_TOOLS="$IGV_ROOT/infra/tools"
export PATH="$IGV_TOOLS/node/bin:$IGV_TOOLS/pnpm/bin:$PATH"
# node-gyp builds native modules (better-sqlite3) against the headers in the unpacked Node package.
export npm_config_nodedir="$IGV_TOOLS/node"
# V8's code cache on disk: a short command such as a one-day `igv simulate` spends most of its CPU compiling
# modules (measured in simulations/bench/LOG.md). NODE_DISABLE_COMPILE_CACHE=1 turns it off.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$IGV_ROOT/.cache/node-compile-cache}"
# kafkajs 2.2.4 arms a timer with a negative delay, which Node has always run after 1 ms and Node 24 also reports
# on stderr (https://github.com/tulios/kafkajs/issues/1751). That one warning, and only it, is not printed.
case " ${NODE_OPTIONS:-} " in
  *" --disable-warning=TimeoutNegativeWarning "*) ;;
  *) export NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--disable-warning=TimeoutNegativeWarning" ;;
esac

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  if [[ ! -x "$IGV_TOOLS/node/bin/node" ]]; then
    echo "igv: the project's Node $IGV_NODE_VERSION is not installed yet; run: npm run setup" >&2
    exit 1
  fi
  exec "$@"
fi
