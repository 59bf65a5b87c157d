import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { EventStore, StoredEvent } from "@igv/event-store"
import { SqliteEventStore } from "@igv/event-store-sqlite"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { connectAnalytics, selectRows, type Analytics } from "./client.js"
import { feedFixture, streamFor, toStoreEvent } from "./feed-fixture.test-util.js"
import { dropDatabase, freshAnalytics, relayToClickHouse } from "./int-helpers.test-util.js"
import { migrate } from "./migrations.js"
import { readCheckpoint, startFeedSink } from "./sink.js"
import { sql } from "./sql.js"
import { table, TABLES } from "./tables.js"

const counts = async (a: Analytics) => {
  // No FINAL: these are the rows as inserted, so a duplicate would show before any merge hides it.
  const rows = await selectRows<{ n: string; ids: string; maxPos: string }>(a,
    sql`SELECT count() AS n, uniqExact(event_id) AS ids, max(position) AS maxPos FROM ${table(a, "feedEvents")}`)
  return { rows: Number(rows[0]!.n), ids: Number(rows[0]!.ids), maxPos: BigInt(rows[0]!.maxPos) }
}

const appendAll = async (store: EventStore, prefix: string, events: ReturnType<typeof feedFixture>) => {
  let i = 0
  for (let k = 0; k < events.length; k += 500) {
    const chunk = events.slice(k, k + 500)
    for (const e of chunk) await store.append(streamFor(e), [toStoreEvent(e, `${prefix}-${i++}`)])
  }
}

describe("feed sink against the real server and the SQLite event store", () => {
  let a: Analytics
  let dir: string
  let store: EventStore
  const feed = feedFixture({ seed: 7, areas: ["lpo1", "lpo2", "lpo3"], start: 29_000_000, days: 8, incidentsPerDay: 60, patrolsPerArea: 3 })

  beforeAll(async () => {
    a = await freshAnalytics("sink")
    await migrate(a)
    dir = mkdtempSync(join(tmpdir(), "igv-sink-"))
    store = new SqliteEventStore(join(dir, "events.db"), { pageSize: 300, pollIntervalMs: 20 })
    // A non-feed event in the store (e.g. a run's bookkeeping) must be skipped but still passed by the checkpoint.
    await store.append("run-1", [{ id: "run-1-started", type: "RunStarted", occurredAt: "2026-01-01T00:00:00Z", schemaVersion: 1, payload: {} }])
    await appendAll(store, "ev", feed)
  })
  afterAll(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
    await dropDatabase(a)
  })

  const head = async () => {
    let last = 0n
    for await (const e of store.readAll({ from: 0n })) last = e.position
    return last
  }

  it("catches up after being killed mid-way: no gap, no double, position resumes from ClickHouse", async () => {
    const end = await head()
    // First run: its connection to ClickHouse is cut part-way, as if the process were killed: buffered
    // rows are lost and an INSERT in flight may or may not have landed without its checkpoint.
    const relay = await relayToClickHouse()
    const doomed = connectAnalytics({ url: relay.url, database: a.database })
    const first = await startFeedSink({ store, analytics: doomed, batchRows: 400, flushIntervalMs: 10_000, attempts: 1 })
    await first.waitFor(end / 3n)
    await relay.cut()
    await expect(first.waitFor(end, 10_000)).rejects.toThrow()
    await first.close().catch(() => undefined)
    await doomed.close()
    const killedAt = await readCheckpoint(a, "feed-sink")
    expect(killedAt).toBeGreaterThan(0n)
    expect(killedAt).toBeLessThan(end)
    expect((await counts(a)).rows).toBeLessThan(feed.length)

    const second = await startFeedSink({ store, analytics: a, batchRows: 400, flushIntervalMs: 50 })
    await second.waitFor(end)
    await second.close()
    const c = await counts(a)
    expect(c).toEqual({ rows: feed.length, ids: feed.length, maxPos: end })
    expect(await readCheckpoint(a, "feed-sink")).toBe(end)
  })

  it("writes no duplicates when a batch was inserted but its checkpoint was not (crash between the two)", async () => {
    // A consumer whose checkpoint is half-way while every row after it is already stored: the situation after a
    // crash between the rows' INSERT and the checkpoint's INSERT. The store replays the whole second half.
    const all: Array<StoredEvent> = []
    for await (const e of store.readAll({ from: 0n })) all.push(e)
    const replayFrom = all[Math.floor(all.length / 2)]!.position
    await a.client.insert({
      table: `${a.database}.${TABLES.sinkCheckpoints}`,
      values: [{ consumer: "replay", position: replayFrom.toString(), events_written: 0, updated_at: 0 }],
      format: "JSONEachRow"
    })
    const before = await counts(a)
    const sink = await startFeedSink({ store, analytics: a, consumer: "replay", batchRows: 1000, flushIntervalMs: 20 })
    await sink.waitFor(before.maxPos)
    await sink.close()
    expect(sink.written()).toBe(0)
    expect(await counts(a)).toEqual(before)
  })

  it("follows live appends after catching up", async () => {
    const sink = await startFeedSink({ store, analytics: a, batchRows: 1000, flushIntervalMs: 20 })
    const more = feedFixture({ seed: 8, areas: ["lpo4"], start: 29_100_000, days: 1, incidentsPerDay: 20, patrolsPerArea: 1 })
    await appendAll(store, "live", more)
    await sink.waitFor(await head())
    await sink.close()
    const c = await counts(a)
    expect(c.rows).toBe(feed.length + more.length)
    expect(c.ids).toBe(c.rows)
    const byType = await selectRows<{ type: string; n: string }>(a,
      sql`SELECT type, count() AS n FROM ${table(a, "feedEvents")} WHERE area_id = ${"lpo4"} GROUP BY type ORDER BY type`)
    const expected = new Map<string, number>()
    for (const e of more) if ("area" in e) expected.set(e._tag, (expected.get(e._tag) ?? 0) + 1)
    expect(byType.map((r) => [r.type, Number(r.n)])).toEqual([...expected].sort(([x], [y]) => x.localeCompare(y)))
  })
})
