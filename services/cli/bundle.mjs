// Bundles the built CLI (dist/) into bundle/main.js and the worker threads it starts into bundle/worker.js and
// bundle/ingest-worker.js (found beside the bundle, as beside their modules in dist/): one file to load instead of
// hundreds of modules cuts a short command's start-up (simulations/bench/LOG.md). Packages with native code or
// ones only some commands use load at run time from where pnpm installed them, by a path relative to the bundle.
import { createRequire } from "node:module"
import { dirname, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const here = dirname(fileURLToPath(import.meta.url))
const outdir = `${here}/bundle`
const external = new Set(["better-sqlite3", "kafkajs", "@clickhouse/client"])

await build({
  entryPoints: {
    main: `${here}/dist/main.js`,
    worker: `${here}/../../packages/runner/dist/worker.js`,
    "ingest-worker": `${here}/../../packages/ingest/dist/ingest-worker.js`
  },
  outdir, bundle: true, platform: "node", format: "esm", target: "node24", logLevel: "warning",
  // CommonJS dependencies bundled into ESM call require for Node's own modules.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
  plugins: [{
    name: "installed-packages",
    setup: (b) => b.onResolve({ filter: /^[@a-z]/ }, (args) => {
      const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0]
      if (!external.has(name)) return undefined
      const resolved = createRequire(args.importer).resolve(args.path)
      return { path: `./${relative(outdir, resolved)}`, external: true }
    })
  }]
})
