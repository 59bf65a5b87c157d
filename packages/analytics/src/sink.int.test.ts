import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import type { EventStore, StoredEvent } from "@igv/event-store"
import { openKafkaStore } from "@igv/event-store-kafka"
import { SqliteEventStore } from "@igv/event-store-sqlite"
import fc from "fast-check"
import { Kafka, logLevel } from "kafkajs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { connectAnalytics, selectRows, type Analytics } from "./client.js"
import { feedFixture, streamFor, toStoreEvent } from "./feed-fixture.test-util.js"
import { dropDatabase, freshAnalytics, relayToClickHouse } from "./int-helpers.test-util.js"
import { migrate } from "./migrations.js"
import { readCheckpoint, startFeedSink } from "./sink.js"
import { sql } from "./sql.js"
import { table, TABLES } from "./tables.js"
import { kafkaBrokers } from "@igv/test-env"

const counts = async (a: Analytics) => {
  // No FINAL: these are the rows as inserted, so a duplicate would show before any merge hides it.
  const rows = await selectRows<{ n: string; ids: string; maxPos: string }>(
    a,
    sql`SELECT count() AS n, uniqExact(event_id) AS ids, max(position) AS maxPos FROM ${table(a, "feedEvents")}`
  )
  return { rows: Number(rows[0]!.n), ids: Number(rows[0]!.ids), maxPos: BigInt(rows[0]!.maxPos) }
}

const appendAll = async (store: EventStore, prefix: string, events: ReturnType<typeof feedFixture>) => {
  // One append per stream and chunk, as ingest does; streams interleave in the store's global order.
  for (let k = 0; k < events.length; k += 200) {
    const byStream = new Map<string, Array<ReturnType<typeof toStoreEvent>>>()
    events.slice(k, k + 200).forEach((e, i) => {
      const s = streamFor(e)
      byStream.set(s, [...(byStream.get(s) ?? []), toStoreEvent(e, `${prefix}-${k + i}`)])
    })
    for (const [s, evs] of byStream) await store.append(s, evs)
  }
}

const headOf = async (store: EventStore) => {
  let last = 0n
  for await (const e of store.readAll({ from: 0n })) last = e.position
  return last
}

interface Backend {
  readonly name: string
  open(): Promise<EventStore>
  dispose(): Promise<void>
}

const KAFKA_BROKERS = [...kafkaBrokers]

const sqliteBackend = (): Backend => {
  const dir = mkdtempSync(join(tmpdir(), "igv-sink-"))
  return {
    name: "SQLite",
    open: async () => new SqliteEventStore(join(dir, "events.db"), { pageSize: 300, pollIntervalMs: 20 }),
    dispose: async () => rmSync(dir, { recursive: true, force: true })
  }
}

const kafkaBackend = (): Backend => {
  const topic = `igv-analytics-sink-${process.pid}-${Date.now().toString(36)}`
  return {
    name: "Kafka",
    open: async () => {
      try {
        return await openKafkaStore(`kafka://${KAFKA_BROKERS.join(",")}/${topic}?partitions=3`)
      } catch (e) {
        throw new Error(
          `Kafka is not answering on ${KAFKA_BROKERS.join(",")}: start it with infra/kafka/start.sh (${String(e)})`
        )
      }
    },
    dispose: async () => {
      const admin = new Kafka({
        clientId: "igv-analytics-test",
        brokers: KAFKA_BROKERS,
        logLevel: logLevel.NOTHING
      }).admin()
      try {
        await admin.connect()
      } catch (e) {
        console.warn(`could not delete topic ${topic}: ${String(e)}`)
        return
      }
      // Cleanup only: a broker restarted by another suite must not fail this one.
      try {
        await admin.deleteTopics({ topics: [topic] })
      } catch (e) {
        console.warn(`could not delete topic ${topic}: ${String(e)}`)
      } finally {
        await admin.disconnect()
      }
    }
  }
}

const sinkSuite = (makeBackend: () => Backend, label: string, size: { days: number }) =>
  describe(`feed sink: real ClickHouse and the ${label} event store`, () => {
    let a: Analytics
    let backend: Backend
    let store: EventStore
    const feed = feedFixture({
      seed: 7,
      areas: ["lpo1", "lpo2", "lpo3"],
      start: 29_000_000,
      days: size.days,
      patrolsPerArea: 3
    })

    beforeAll(async () => {
      a = await freshAnalytics("sink")
      await migrate(a)
      backend = makeBackend()
      store = await backend.open()
      // A non-feed event in the store (e.g. a run's bookkeeping) must be skipped but still passed by the checkpoint.
      await store.append("run-1", [
        { id: "run-1-started", type: "RunStarted", occurredAt: "2026-01-01T00:00:00Z", schemaVersion: 1, payload: {} }
      ])
      await appendAll(store, "ev", feed)
    })
    afterAll(async () => {
      await store?.close()
      await backend?.dispose()
      await dropDatabase(a)
    })

    it("catches up after being killed mid-way: no gap, no double, position resumes from ClickHouse", async () => {
      const end = await headOf(store)
      // First run: its connection to ClickHouse is cut part-way, as if the process were killed: buffered
      // rows are lost and an INSERT in flight may or may not have landed without its checkpoint.
      const relay = await relayToClickHouse()
      const doomed = connectAnalytics({ url: relay.url, database: a.database })
      const first = await startFeedSink({
        store,
        analytics: doomed,
        batchRows: 400,
        flushIntervalMs: 10_000,
        attempts: 1
      })
      await first.waitFor(end / 3n)
      await relay.cut()
      await expect(first.waitFor(end, 10_000)).rejects.toThrow()
      await first.close().catch(() => undefined)
      await doomed.close()
      const killedAt = await readCheckpoint(a, "feed-sink")
      expect(killedAt).toBeGreaterThan(0n)
      expect(killedAt).toBeLessThan(end)
      // Rows past the checkpoint may or may not have landed (inserts run ahead of checkpoints): the restart copes with both.

      const second = await startFeedSink({ store, analytics: a, batchRows: 400, flushIntervalMs: 50 })
      await second.waitFor(end)
      await second.close()
      expect(await counts(a)).toEqual({ rows: feed.length, ids: feed.length, maxPos: end })
      expect(await readCheckpoint(a, "feed-sink")).toBe(end)
    })

    it("writes no duplicates when a replayed range was already inserted but not checkpointed (crash between the two)", async () => {
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
      const sink = await startFeedSink({
        store,
        analytics: a,
        consumer: "replay",
        batchRows: 1000,
        flushIntervalMs: 20
      })
      await sink.waitFor(before.maxPos)
      await sink.close()
      expect(sink.written()).toBe(0)
      expect(await counts(a)).toEqual(before)
    })

    it("follows live appends after catching up", async () => {
      const sink = await startFeedSink({ store, analytics: a, batchRows: 1000, flushIntervalMs: 20 })
      const more = feedFixture({ seed: 8, areas: ["lpo4"], start: 29_100_000, days: 1, patrolsPerArea: 1 })
      await appendAll(store, "live", more)
      await sink.waitFor(await headOf(store))
      await sink.close()
      const c = await counts(a)
      expect(c.rows).toBe(feed.length + more.length)
      expect(c.ids).toBe(c.rows)
      const byType = await selectRows<{ type: string; n: string }>(
        a,
        sql`SELECT type, count() AS n FROM ${table(a, "feedEvents")} WHERE area_id = ${"lpo4"} GROUP BY type ORDER BY type`
      )
      const expected = new Map<string, number>()
      for (const e of more) if ("area" in e) expected.set(e._tag, (expected.get(e._tag) ?? 0) + 1)
      expect(byType.map((r) => [r.type, Number(r.n)])).toEqual([...expected].sort(([x], [y]) => x.localeCompare(y)))
    })
  })

sinkSuite(sqliteBackend, "SQLite", { days: 8 })
sinkSuite(kafkaBackend, "Kafka", { days: 3 })

describe("feed sink: text survives the way into ClickHouse unchanged", () => {
  it("ids, areas and payloads with tabs, newlines, backslashes, quotes and any Unicode come back as written", async () => {
    const a = await freshAnalytics("sinktext")
    const dir = mkdtempSync(join(tmpdir(), "igv-sinktext-"))
    const store = new SqliteEventStore(join(dir, "events.db"), { pollIntervalMs: 20 })
    try {
      await migrate(a)
      const texts = fc
        .sample(
          fc.oneof(
            fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
            fc.stringMatching(/^[\\\t\n\r\0'"`a]{1,20}$/)
          ),
          { numRuns: 300, seed: 42 }
        )
        .filter((s) => !/[\uD800-\uDFFF]/u.test(s))
      const events = texts.map((s, i) => ({
        id: `text-${i}-${s}`,
        type: "IncidentRegistered",
        occurredAt: "2025-02-20T10:00:00+01:00",
        schemaVersion: 1,
        payload: {
          _tag: "IncidentRegistered",
          t: 29_000_000 + i,
          incident: s,
          area: `${s}-area`,
          prio: 2,
          onSceneMinutes: 1,
          unitsNeeded: 1,
          note: s
        }
      }))
      for (const e of events) await store.append(`area-${e.payload.area}`, [e])
      const sink = await startFeedSink({ store, analytics: a, flushIntervalMs: 20 })
      await sink.waitFor(await headOf(store))
      await sink.close()
      const rows = await selectRows<{ event_id: string; incident_id: string; area_id: string; payload: string }>(
        a,
        sql`SELECT event_id, incident_id, area_id, payload FROM ${table(a, "feedEvents")} ORDER BY position`
      )
      expect(
        rows.map((r) => ({ id: r.event_id, incident: r.incident_id, area: r.area_id, payload: JSON.parse(r.payload) }))
      ).toEqual(
        events.map((e) => ({ id: e.id, incident: e.payload.incident, area: e.payload.area, payload: e.payload }))
      )
    } finally {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
      await dropDatabase(a)
    }
  })
})
