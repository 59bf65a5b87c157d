// `pnpm --filter @igv/api start`: the service on 127.0.0.1 with the embedded store unless the environment says otherwise.
import { resolve } from "node:path"
import { sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { createApi } from "./app.js"

const started = await createApi().then(async (api) => ({ api, address: await api.app.listen({ host: api.config.host, port: api.config.port }) })).catch((e: unknown) => {
  // Effect wraps a failed layer (store or ClickHouse unreachable) in a FiberFailure; the cause's message is what helps.
  const message = e instanceof Error ? e.message.replace(/^\(FiberFailure\) /, "") : String(e)
  process.stderr.write(`igv api could not start: ${message}\n`)
  process.exit(1)
})
const { api, address } = started
// The admin command must reach the same store from any directory: name the SQLite file absolutely.
const store = api.config.store.startsWith("kafka://") ? api.config.store : `sqlite:${resolve(sqlitePathFromUrl(api.config.store))}`
process.stdout.write(
  `igv api listening on ${address} (store ${store}${api.config.clickhouseUrl === undefined ? "" : `, analytics ${api.config.clickhouseUrl}`})\n` +
  `OpenAPI document: ${address}/docs (needs a key)\n` +
  `Create the first admin key (shown once):  pnpm --filter @igv/api run create-admin-key\n` +
  `  (or from anywhere: IGV_STORE=${store} node ${resolve(import.meta.dirname, "admin.js")} create-key --role admin)\n`
)

let stopping = false
const stop = (signal: string) => {
  if (stopping) return
  stopping = true
  process.stdout.write(`${signal}: stopping (finishing requests, handing back runs, closing the store)\n`)
  api.close().then(() => process.exit(0), (e: unknown) => {
    process.stderr.write(`shutdown failed: ${e instanceof Error ? e.message : String(e)}\n`)
    process.exit(1)
  })
}
process.on("SIGINT", () => stop("SIGINT"))
process.on("SIGTERM", () => stop("SIGTERM"))
