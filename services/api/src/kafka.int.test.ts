import { Kafka, logLevel } from "kafkajs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"
import { kafkaBrokers, requireKafka } from "@igv/test-env"

// The service on the Kafka store (IGV_STORE=kafka://...), against the broker the test command starts.
const brokers = [...kafkaBrokers]
const topic = `igv-api-test-${process.pid}-${Date.now().toString(36)}`
const store = `kafka://${brokers.join(",")}/${topic}`

const admin = () =>
  new Kafka({
    clientId: "igv-api-test",
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3_000,
    retry: { retries: 2 }
  }).admin()

beforeAll(() => requireKafka(brokers))
afterAll(async () => {
  const a = admin()
  await a.connect()
  await a.deleteTopics({ topics: [topic] }).catch(() => undefined)
  await a.disconnect()
})

describe("the API on the Kafka event store", () => {
  let first: TestApi
  const state: { scenarioId?: string; runId?: string; report?: string } = {}
  beforeAll(async () => {
    first = await startTestApi({ store })
  }, 120_000)

  it("keeps scenarios, runs and keys in Kafka: everything is there after a restart", async () => {
    const scenario = await first.call("POST", "/scenarios", {
      key: first.keys.planner,
      body: { scenario: tinyScenario() }
    })
    expect(scenario.status).toBe(201)
    state.scenarioId = scenario.body.id
    const run = await first.call("POST", "/runs", {
      key: first.keys.planner,
      body: { scenarioId: scenario.body.id, replications: 25 }
    })
    expect(run.status).toBe(202)
    state.runId = run.body.id
    await eventually(
      async () =>
        (await first.call("GET", `/runs/${run.body.id}`, { key: first.keys.planner })).body.status === "completed"
          ? true
          : undefined,
      "the run"
    )
    state.report = JSON.stringify(
      (await first.call("GET", `/runs/${run.body.id}/report`, { key: first.keys.planner })).body
    )
    const planner = first.keys.planner
    await first.api.close()

    // A new process on the same topic: same keys, same scenario versions, same run and report.
    const second = await startTestApi({ store })
    try {
      const health = await second.call("GET", "/health")
      expect(health.body.store).toBe("kafka")
      const read = await second.call("GET", `/scenarios/${state.scenarioId}`, { key: planner })
      expect(read.status).toBe(200)
      expect(read.body.version).toBe(1)
      const status = await second.call("GET", `/runs/${state.runId}`, { key: planner })
      expect(status.body).toMatchObject({ status: "completed", attempts: 1 })
      const report = await second.call("GET", `/runs/${state.runId}/report`, { key: planner })
      expect(JSON.stringify(report.body)).toBe(state.report)
      // Every replication's report is read back from the store (they are stored in several events and appends).
      const same = await second.call("GET", `/compare?runs=${state.runId},${state.runId}`, { key: planner })
      expect(same.body.replications).toBe(25)
      expect(same.body.rows.every((r: { delta: number | null }) => r.delta === null || r.delta === 0)).toBe(true)
    } finally {
      await second.close()
    }
  })
})
