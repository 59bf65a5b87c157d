// `pnpm --filter @igv/api start`: the service on 127.0.0.1 with the embedded store unless the environment says otherwise.
import { resolve } from "node:path"
import { sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { createApi } from "./app.js"

// Signals are taken from the first moment: one that arrives while the service starts stops it once it is up,
// rather than killing it halfway through opening the store.
let signalled: string | undefined
let onSignal = (signal: string) => {
  signalled ??= signal
}
process.on("SIGINT", () => onSignal("SIGINT"))
process.on("SIGTERM", () => onSignal("SIGTERM"))

const started = await createApi()
  .then(async (api) => ({ api, address: await api.app.listen({ host: api.config.host, port: api.config.port }) }))
  .catch((e: unknown) => {
    // Effect wraps a failed layer (store or ClickHouse unreachable) in a FiberFailure; the cause's message is what helps.
    const message = e instanceof Error ? e.message.replace(/^\(FiberFailure\) /, "") : String(e)
    process.stderr.write(`igv api could not start: ${message}\n`)
    process.exit(1)
  })
const { api, address } = started
// The admin command must reach the store this process opened, from any directory: name the SQLite file absolutely
// (a relative IGV_STORE is read against this process's directory, which `pnpm --filter` moves to services/api).
const store = api.config.store.startsWith("kafka://")
  ? api.config.store
  : `sqlite:${resolve(sqlitePathFromUrl(api.config.store))}`
process.stdout.write(
  `igv api listening on ${address} (pid ${process.pid}, store ${store}${api.config.clickhouseUrl === undefined ? "" : `, analytics ${api.config.clickhouseUrl}`})\n` +
    `OpenAPI document: ${address}/docs (needs a key)\n` +
    `Create the first admin key for this store (shown once), from any directory:\n` +
    `  IGV_STORE=${store} ${process.execPath} ${resolve(import.meta.dirname, "admin.js")} create-key --role admin\n`
)

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  process.stdout.write(`${signal}: stopping (finishing requests, handing back runs, closing the store)\n`)
  api.close().then(
    () => {
      process.stdout.write("igv api stopped\n", () => process.exit(0))
    },
    (e: unknown) => {
      process.stderr.write(`shutdown failed: ${e instanceof Error ? e.message : String(e)}\n`)
      process.exit(1)
    }
  )
}
onSignal = stop
if (signalled !== undefined) stop(signalled)
