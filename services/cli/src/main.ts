#!/usr/bin/env node
// The `igv` program. The commands live in commands/, the dispatch in cli.ts.
import * as nodeModule from "node:module"

// The project brings its own Node (infra/setup.sh, the root package.json's engines); an older one would fail on
// the first API it lacks (Node 20 has no `enableCompileCache`), with an error that says nothing of the cause.
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number)
if (major < 24 || (major === 24 && minor < 11)) {
  process.stderr.write(
    `igv needs Node 24.11 or later, and this is Node ${process.versions.node}. Run it as "pnpm -s igv …", or ` +
      `"source infra/runtime.sh" first: both use the Node that infra/setup.sh installs into infra/tools/.\n`
  )
  process.exit(1)
}

// V8's code cache on disk (NODE_COMPILE_CACHE names the folder, else the system's temporary one;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): a short command spends most of its time compiling. It covers only
// modules loaded after this call, hence the dynamic import below.
nodeModule.enableCompileCache()
const { main } = await import("./cli.js")

// A closed pipe (`igv … | head`) is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
