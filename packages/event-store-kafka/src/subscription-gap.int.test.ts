import { Kafka, Partitioners, logLevel } from "kafkajs"
import { beforeAll, describe, expect, it } from "vitest"
import type { StoredEvent } from "@igv/event-store"
import { KafkaEventStore } from "./kafka-store.js"
import { requireBroker, testBrokers } from "./test-broker.js"

beforeAll(requireBroker)

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

describe("kafka subscription and a position gap", () => {
  it("skips a position that never arrives instead of stalling, once every partition is read to its end", async () => {
    const topic = `igv-gap-${process.pid}-${Date.now().toString(36)}`
    const store = await KafkaEventStore.open({ brokers: testBrokers, topic, partitions: 2, gapWaitMs: 3_000 })
    const producer = new Kafka({ clientId: "igv-gap-test", brokers: testBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner
    })
    await producer.connect()
    try {
      // Positions 1-2 and 4-5: position 3 was lost (e.g. a write the broker took after its writer gave up).
      await producer.send({
        topic,
        messages: [
          { key: "area-1", value: JSON.stringify([wire("a", 1, 1), wire("b", 2, 2)]) },
          { key: "area-2", value: JSON.stringify([wire("d", 1, 4), wire("e", 2, 5)]) }
        ]
      })
      const seen: StoredEvent[] = []
      const subscription = await store.subscribe({ from: 0n, handler: async (batch) => void seen.push(...batch) })
      const started = Date.now()
      while (seen.length < 4 && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 50))
      await subscription.close()
      expect(seen.map((e) => [e.id, Number(e.position)])).toEqual([["a", 1], ["b", 2], ["d", 4], ["e", 5]])
      // It waited for the missing position first.
      expect(Date.now() - started).toBeGreaterThanOrEqual(3_000)
    } finally {
      await producer.disconnect()
      await store.close()
      await KafkaEventStore.deleteTopic({ brokers: testBrokers, topic })
    }
  })

  it("waits for a position that arrives late (a writer still retrying it) and hands everything over in position order", async () => {
    const topic = `igv-late-${process.pid}-${Date.now().toString(36)}`
    const store = await KafkaEventStore.open({ brokers: testBrokers, topic, partitions: 2, gapWaitMs: 60_000 })
    const producer = new Kafka({ clientId: "igv-gap-test", brokers: testBrokers, logLevel: logLevel.NOTHING }).producer({
      createPartitioner: Partitioners.DefaultPartitioner
    })
    await producer.connect()
    try {
      // Position 3 (area-1) is not there yet while 4-5 (another stream, on the other partition) are: an append that
      // reached one partition only.
      const other = ["area-2", "area-3", "area-4", "area-5", "area-6"].find((s) => store.partitionFor(s) !== store.partitionFor("area-1"))!
      await producer.send({
        topic,
        messages: [
          { key: "area-1", value: JSON.stringify([wire("a", 1, 1), wire("b", 2, 2)]) },
          { key: other, value: JSON.stringify([wire("d", 1, 4), wire("e", 2, 5)]) }
        ]
      })
      const seen: StoredEvent[] = []
      const subscription = await store.subscribe({ from: 0n, handler: async (batch) => void seen.push(...batch) })
      const started = Date.now()
      while (seen.length < 2 && Date.now() - started < 30_000) await new Promise((resolve) => setTimeout(resolve, 50))
      // Longer than the old fixed 3 s wait, after which position 3 would have been skipped and then dropped.
      await new Promise((resolve) => setTimeout(resolve, 4_000))
      expect(seen.map((e) => e.id)).toEqual(["a", "b"])
      await producer.send({ topic, messages: [{ key: "area-1", value: JSON.stringify([wire("c", 3, 3)]) }] })
      while (seen.length < 5 && Date.now() - started < 60_000) await new Promise((resolve) => setTimeout(resolve, 50))
      await subscription.close()
      expect(seen.map((e) => [e.id, Number(e.position)])).toEqual([["a", 1], ["b", 2], ["c", 3], ["d", 4], ["e", 5]])
    } finally {
      await producer.disconnect()
      await store.close()
      await KafkaEventStore.deleteTopic({ brokers: testBrokers, topic })
    }
  })
})
