import { beforeAll, describe, expect, it } from "vitest"
import { eventStoreContract } from "@igv/event-store/contract"
import { KafkaEventStore } from "./kafka-store.js"
import { openKafkaStore, parseKafkaUrl } from "./open.js"
import { kafkaBrokers as testBrokers, requireKafka } from "@igv/test-env"

beforeAll(() => requireKafka())

let topics = 0
const freshTopic = () => `igv-contract-${process.pid}-${Date.now().toString(36)}-${topics++}`

eventStoreContract(
  "kafka",
  async () => {
    const topic = freshTopic()
    return {
      open: () => openKafkaStore(`kafka://${testBrokers.join(",")}/${topic}?partitions=3`),
      dispose: () => KafkaEventStore.deleteTopic({ brokers: testBrokers, topic })
    }
  },
  { modelRuns: 25, windowRuns: 20 }
)

describe("kafka store URLs", () => {
  it("parses hosts, topic and partitions", () => {
    expect(parseKafkaUrl("kafka://127.0.0.1:9092/igv-feed")).toEqual({ brokers: ["127.0.0.1:9092"], topic: "igv-feed" })
    expect(parseKafkaUrl("kafka://a:1,b:2/feed?partitions=12&area=7")).toEqual({
      brokers: ["a:1", "b:2"],
      topic: "feed",
      partitions: 12
    })
    expect(() => parseKafkaUrl("kafka://a:1")).toThrow(/kafka:\/\/host:port\/topic/)
    expect(() => parseKafkaUrl("kafka://a:1/t?partitions=0")).toThrow(/positive integer/)
  })
})
