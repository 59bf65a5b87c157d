// Bundles the built CLI (dist/) into bundle/main.js and the worker threads it starts into bundle/worker.js,
// bundle/calls-worker.js and bundle/ingest-worker.js (found beside the bundle, as beside their modules in dist/): a few files to load instead
// of hundreds of modules cuts a short command's start-up (simulations/bench/LOG.md). Split into chunks: each
// command is a file of its own (NAME-HASH.js) that main.js imports only to run it, and code shared by commands or
// workers is in chunk-HASH.js files, so `igv simulate` never compiles the fit's or the research's code. Packages
// with native code or ones only some commands use load at run time from where pnpm installed them, by a path
// relative to the bundle; the store and analytics clients (LAZY) only when a command first touches them.
import { rmSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, relative } from "node:path"
import { fileURLToPath } from "node:url"
import { build } from "esbuild"

const here = dirname(fileURLToPath(import.meta.url))
const outdir = `${here}/bundle`
// The API and the web page are loaded by `igv serve`, `igv timeline` and `--html` only; they find their worker
// threads and the page's files beside their own built modules, which a bundle would not have.
const external = new Set(["better-sqlite3", "kafkajs", "@clickhouse/client", "@igv/api", "@igv/web"])
/** CommonJS packages of the store and analytics clients, about 85 ms to load, which `igv simulate` never uses. */
const LAZY = new Set(["better-sqlite3", "kafkajs", "@clickhouse/client"])
/**
 * Node's own modules that not every command uses, loaded on first use too: node:crypto (6 ms) names stores and
 * pseudonyms and hashes exported runs, none of which a plain `igv simulate` touches.
 */
const LAZY_BUILTINS = new Set(["node:crypto"])

/**
 * A module standing in for a lazy package: each export is a proxy that requires the package on first use
 * (a property read, a call, `new`) and forwards to the real export. Functions and classes get a callable
 * proxy, objects (enums such as kafkajs' logLevel) a plain one.
 */
const lazyModule = (bundlePath, resolved) => {
  const real = createRequire(import.meta.url)(resolved)
  const names = Object.keys(real).filter(
    (name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== "default" && name !== "__esModule"
  )
  // A string or number export is a constant of the installed version: written in as it is.
  const proxy = (pick, value) =>
    typeof value === "function"
      ? `callable(() => ${pick})`
      : value !== null && typeof value === "object"
        ? `plain(() => ${pick})`
        : (JSON.stringify(value) ?? "undefined")
  return `import { createRequire } from "node:module"
let loaded
const load = () => (loaded ??= createRequire(import.meta.url)(${JSON.stringify(bundlePath)}))
const forward = (pick) => ({
  get: (_, key) => Reflect.get(pick(), key), set: (_, key, value) => Reflect.set(pick(), key, value), has: (_, key) => Reflect.has(pick(), key)
})
const callable = (pick) => {
  const self = new Proxy(function lazyExport() {}, {
    ...forward(pick),
    apply: (_, that, args) => Reflect.apply(pick(), that, args),
    construct: (_, args, target) => Reflect.construct(pick(), args, target === self ? pick() : target)
  })
  return self
}
const plain = (pick) => new Proxy({}, {
  ...forward(pick), ownKeys: () => Reflect.ownKeys(pick()), getOwnPropertyDescriptor: (_, key) => Reflect.getOwnPropertyDescriptor(pick(), key)
})
export default ${proxy("load()", real)}
${names.map((name) => `export const ${name} = ${proxy(`load()[${JSON.stringify(name)}]`, real[name])}`).join("\n")}
`
}

// Chunk names carry a hash of their content: those of an earlier build would pile up.
rmSync(outdir, { recursive: true, force: true })
await build({
  entryPoints: {
    main: `${here}/dist/main.js`,
    worker: `${here}/../../packages/runner/dist/worker.js`,
    "calls-worker": `${here}/../../packages/runner/dist/calls-worker.js`,
    "ingest-worker": `${here}/../../packages/ingest/dist/ingest-worker.js`
  },
  outdir,
  bundle: true,
  splitting: true,
  // Less source for V8 to read, hash for its code cache and parse again for each function it compiles lazily;
  // names are kept, so a stack trace still names its functions.
  minifyWhitespace: true,
  minifySyntax: true,
  platform: "node",
  format: "esm",
  target: "node24",
  logLevel: "warning",
  // CommonJS dependencies bundled into ESM call require for Node's own modules.
  banner: {
    js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);"
  },
  plugins: [
    {
      name: "installed-packages",
      setup: (b) => {
        b.onResolve({ filter: /^node:/ }, (args) =>
          LAZY_BUILTINS.has(args.path) ? { path: args.path, namespace: "lazy", pluginData: args.path } : undefined
        )
        b.onResolve({ filter: /^[@a-z]/ }, (args) => {
          const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0]
          if (!external.has(name)) return undefined
          const resolved = createRequire(args.importer).resolve(args.path)
          const bundlePath = `./${relative(outdir, resolved)}`
          return LAZY.has(name)
            ? { path: resolved, namespace: "lazy", pluginData: bundlePath }
            : { path: bundlePath, external: true }
        })
        b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
          contents: lazyModule(args.pluginData, args.path),
          loader: "js"
        }))
      }
    }
  ]
})
