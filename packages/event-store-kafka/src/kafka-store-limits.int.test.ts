import { beforeAll, describe, expect, it } from "vitest"
import { collect } from "@igv/event-store"
import { KafkaEventStore } from "./kafka-store.js"
import { kafkaBrokers as testBrokers, requireKafka } from "@igv/test-env"

beforeAll(() => requireKafka())

describe("kafka store limits", () => {
  it("rejects an append larger than the topic's record batch limit at once, stores none of it, and keeps working", async () => {
    const topic = `igv-limits-${process.pid}-${Date.now().toString(36)}`
    const store = await KafkaEventStore.open({ brokers: testBrokers, topic, partitions: 2, appendRetryMs: 60_000 })
    try {
      const note = "x".repeat(1_000)
      const huge = Array.from({ length: 20_000 }, (_, i) => ({
        id: `huge-${i}`,
        type: "incident.registered",
        occurredAt: "2026-01-01T00:00:00Z",
        schemaVersion: 1,
        payload: { note }
      }))
      const started = Date.now()
      await expect(store.append("area-1", huge, "no-stream")).rejects.toMatchObject({ type: "MESSAGE_TOO_LARGE" })
      expect(Date.now() - started).toBeLessThan(30_000)

      const small = [
        {
          id: "small-1",
          type: "incident.registered",
          occurredAt: "2026-01-01T00:00:00Z",
          schemaVersion: 1,
          payload: {}
        }
      ]
      await expect(store.append("area-1", small, "no-stream")).resolves.toEqual({
        nextVersion: 1,
        appended: 1,
        duplicates: 0
      })
      expect((await collect(store.readAll())).map((e) => e.id)).toEqual(["small-1"])
    } finally {
      await store.close()
      await KafkaEventStore.deleteTopic({ brokers: testBrokers, topic })
    }
  })
})
