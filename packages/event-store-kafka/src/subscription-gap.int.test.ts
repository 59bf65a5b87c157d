import { Kafka, Partitioners, logLevel } from "kafkajs"
import { beforeAll, describe, expect, it } from "vitest"
import type { StoredEvent } from "@igv/event-store"
import { KafkaEventStore } from "./kafka-store.js"
import { kafkaBrokers as testBrokers, requireKafka } from "@igv/test-env"

beforeAll(() => requireKafka())

const wire = (id: string, version: number, position: number) => ({
  id,
  type: "incident.registered",
  version,
  position,
  occurredAt: "2026-01-01T00:00:00Z",
  recordedAt: "2026-01-01T00:00:01Z",
  schemaVersion: 1,
  payload: {}
})

/**
 * A two-partition topic with a store over it and a raw producer that writes records as a writer would (stream as
 * key, events with positions), so a test can leave a position out; a subscriber collects what it is handed.
 */
const withGapTopic = async (
  gapWaitMs: number,
  test: (t: {
    store: KafkaEventStore
    send: (stream: string, events: Array<ReturnType<typeof wire>>) => Promise<unknown>
    seen: StoredEvent[]
    waitFor: (count: number, ms: number) => Promise<void>
  }) => Promise<void>
) => {
  const topic = `igv-gap-${process.pid}-${Date.now().toString(36)}`
  const store = await KafkaEventStore.open({ brokers: testBrokers, topic, partitions: 2, gapWaitMs })
  const producer = new Kafka({
    clientId: "igv-gap-test",
    brokers: [...testBrokers],
    logLevel: logLevel.NOTHING
  }).producer({
    createPartitioner: Partitioners.DefaultPartitioner
  })
  await producer.connect()
  const seen: StoredEvent[] = []
  try {
    await test({
      store,
      seen,
      send: (stream, events) => producer.send({ topic, messages: [{ key: stream, value: JSON.stringify(events) }] }),
      waitFor: async (count, ms) => {
        const started = Date.now()
        while (seen.length < count && Date.now() - started < ms) await new Promise((resolve) => setTimeout(resolve, 50))
      }
    })
  } finally {
    await producer.disconnect()
    await store.close()
    await KafkaEventStore.deleteTopic({ brokers: testBrokers, topic })
  }
}

describe("kafka subscription and a position gap", () => {
  it("skips a position that never arrives instead of stalling, once every partition is read to its end", async () => {
    await withGapTopic(3_000, async ({ store, send, seen, waitFor }) => {
      // Positions 1-2 and 4-5: position 3 was lost (a writer that crashed between the partitions of one send).
      await send("area-1", [wire("a", 1, 1), wire("b", 2, 2)])
      await send("area-2", [wire("d", 1, 4), wire("e", 2, 5)])
      const started = Date.now()
      const subscription = await store.subscribe({ from: 0n, handler: async (batch) => void seen.push(...batch) })
      await waitFor(4, 30_000)
      await subscription.close()
      expect(seen.map((e) => [e.id, Number(e.position)])).toEqual([
        ["a", 1],
        ["b", 2],
        ["d", 4],
        ["e", 5]
      ])
      // It waited for the missing position first.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000)
    })
  })

  it("waits for a position that arrives late (a writer still retrying it) and hands everything over in position order", async () => {
    await withGapTopic(60_000, async ({ store, send, seen, waitFor }) => {
      // Position 3 (area-1) is not there yet while 4-5 (another stream, on the other partition) are: an append that
      // reached one partition only.
      const other = ["area-2", "area-3", "area-4", "area-5", "area-6"].find(
        (s) => store.partitionFor(s) !== store.partitionFor("area-1")
      )!
      await send("area-1", [wire("a", 1, 1), wire("b", 2, 2)])
      await send(other, [wire("d", 1, 4), wire("e", 2, 5)])
      const subscription = await store.subscribe({ from: 0n, handler: async (batch) => void seen.push(...batch) })
      await waitFor(2, 30_000)
      // Longer than the old fixed 3 s wait, after which position 3 would have been skipped and then dropped.
      await new Promise((resolve) => setTimeout(resolve, 4_000))
      expect(seen.map((e) => e.id)).toEqual(["a", "b"])
      await send("area-1", [wire("c", 3, 3)])
      await waitFor(5, 30_000)
      await subscription.close()
      expect(seen.map((e) => [e.id, Number(e.position)])).toEqual([
        ["a", 1],
        ["b", 2],
        ["c", 3],
        ["d", 4],
        ["e", 5]
      ])
    })
  })
})
