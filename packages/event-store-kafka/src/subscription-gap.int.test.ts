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
    const store = await KafkaEventStore.open({ brokers: testBrokers, topic, partitions: 2 })
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
    } finally {
      await producer.disconnect()
      await store.close()
      await KafkaEventStore.deleteTopic({ brokers: testBrokers, topic })
    }
  })
})
