/**
 * SQLite event store benchmark: append 1,000,000 envelopes in batches of 1,000 (target ≥ 100,000 events/s),
 * re-append them all (every one a duplicate), read them back with readAll, catch a subscription up, read one stream.
 * Run after `pnpm build`: node simulations/dist/bench/store-sqlite.js (or `pnpm bench store-sqlite`).
 * Options (env): BENCH_EVENTS, BENCH_BATCH, BENCH_DB (a path to keep the file; default a temp dir).
 */
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { collect } from "@igv/event-store"
import { SqliteEventStore } from "@igv/event-store-sqlite"
import { benchEnvironment } from "@igv/test-env"
import { AREAS, appendAll, EVENTS, readAllBack, report, subscribeCatchUp, timed } from "./store-common.js"

const dir = mkdtempSync(join(tmpdir(), "igv-bench-store-"))
const path = benchEnvironment().sqliteFile ?? join(dir, "events.db")
const store = new SqliteEventStore(path)
try {
  const first = await timed(() => appendAll(store))
  if (first.value.appended !== EVENTS) throw new Error(`appended ${first.value.appended}, expected ${EVENTS}`)
  report("sqlite append (batches, 1 writer)", EVENTS, first)

  const again = await timed(() => appendAll(store))
  if (again.value.duplicates !== EVENTS || again.value.appended !== 0)
    throw new Error(`re-append stored ${again.value.appended}`)
  report("sqlite re-append, all duplicates", EVENTS, again)

  report("sqlite readAll from 0", EVENTS, await timed(() => readAllBack(store, EVENTS)))
  report("sqlite subscribe from 0 (catch-up)", EVENTS, await timed(() => subscribeCatchUp(store, EVENTS)))

  const stream = await timed(() => collect(store.readStream("area-lpo0")))
  if (stream.value.length !== Math.ceil(EVENTS / AREAS)) throw new Error(`readStream returned ${stream.value.length}`)
  report("sqlite readStream (one area)", stream.value.length, stream)
  console.log(
    `sqlite file: ${(statSync(path).size / 2 ** 20).toFixed(0)} MiB for ${EVENTS.toLocaleString("en-US")} events`
  )
} finally {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
}
