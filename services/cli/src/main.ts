#!/usr/bin/env node
// The `igv` program. The commands live in commands/, the dispatch in cli.ts.
import { main } from "./cli.js"

// A closed pipe (`igv … | head`) is not an error worth a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(process.exitCode ?? 0)
  throw e
})

process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr })
