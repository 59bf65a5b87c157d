#!/usr/bin/env node
// The `igv` program. The commands live in commands/, the dispatch in cli.ts.
import { enableCompileCache } from "node:module"

// V8's code cache on disk (NODE_COMPILE_CACHE names the folder, else the system's temporary one;
// NODE_DISABLE_COMPILE_CACHE=1 turns it off): a short command spends most of its time compiling. It covers only
// modules loaded after this call, hence the dynamic import below.
enableCompileCache()
const { main } = await import("./cli.js")

// A closed pipe (`igv … | head`) is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
