// The `igv` commands: one file each in this folder, one line each here. A command's module is imported only when
// it runs (or when the overview lists every command), so a short command compiles only what it uses.
import type { Command } from "../command.js"

export const commandLoaders: Readonly<Record<string, () => Promise<Command>>> = {
  analytics: async () => (await import("./analytics.js")).analytics,
  check: async () => (await import("./check.js")).check,
  compare: async () => (await import("./compare.js")).compare,
  fit: async () => (await import("./fit.js")).fit,
  history: async () => (await import("./history.js")).history,
  ingest: async () => (await import("./ingest.js")).ingest,
  interruptions: async () => (await import("./interruptions.js")).interruptions,
  quarantine: async () => (await import("./quarantine.js")).quarantine,
  report: async () => (await import("./report.js")).report,
  serve: async () => (await import("./serve.js")).serve,
  simulate: async () => (await import("./simulate.js")).simulate,
  sweep: async () => (await import("./sweep.js")).sweep,
  timeline: async () => (await import("./timeline.js")).timeline,
  validate: async () => (await import("./validate.js")).validate,
  worker: async () => (await import("./worker.js")).worker
}
