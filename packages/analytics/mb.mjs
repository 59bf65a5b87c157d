import { feedEventRow, connectAnalytics, migrate } from "./dist/index.js"
import { SqliteEventStore } from "@igv/event-store-sqlite"
import { mkdtempSync, rmSync } from "node:fs"; import { join } from "node:path"; import { tmpdir } from "node:os"
const N = 200000
const dir = mkdtempSync(join(tmpdir(), "mb-"))
const store = new SqliteEventStore(join(dir, "e.db"), { pageSize: 10000 })
for (let k = 0; k < N; k += 10000) await store.append("area-x", Array.from({ length: 10000 }, (_, i) => ({ id: `ev-${k + i}`, type: "PatrolDispatched", occurredAt: "2024-01-01T00:00:00+01:00", schemaVersion: 1, payload: { _tag: "PatrolDispatched", t: 28000000 + k + i, incident: `inc-${k + i}`, patrol: "lpo1/igv/1", prio: 2 } })))
let t = performance.now(); const evs = []; for await (const e of store.readAll()) evs.push(e); const tRead = performance.now() - t
t = performance.now(); const rows = evs.map(feedEventRow); const tMap = performance.now() - t
t = performance.now(); const s = rows.map((r) => JSON.stringify(r)).join("\n"); const tStr = performance.now() - t
const a = connectAnalytics({ database: "igv_mb" }); await migrate(a)
t = performance.now(); await a.client.insert({ table: "igv_mb.feed_events", values: rows, format: "JSONEachRow" }); const tIns = performance.now() - t
t = performance.now(); await a.client.command({ query: "INSERT INTO igv_mb.feed_events FORMAT JSONEachRow\n" + s }).catch(e => console.log(e.message.slice(0,100))); const tRaw = performance.now() - t
console.log({ tRead, tMap, tStr, tIns, tRaw, bytes: s.length })
await a.client.command({ query: "DROP DATABASE igv_mb" }); await a.close(); await store.close(); rmSync(dir, { recursive: true })
