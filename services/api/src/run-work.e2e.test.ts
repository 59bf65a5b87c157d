import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { syntheticFeedLines } from "@igv/ingest"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

const finished = (t: TestApi, id: string) =>
  eventually(
    async () => {
      const r = await t.call("GET", `/runs/${id}`, { key: t.keys.planner })
      return ["completed", "failed", "cancelled"].includes(r.body.status) ? r.body : undefined
    },
    `run ${id} to finish`,
    120_000
  )

const oneStream = (perDay: number) => ({
  synthetic: [{ area: "lpo1", prio: 2, perDay, service: { _tag: "exponential", meanMinutes: 60 } }]
})

describe("the expected work of a run is bounded before it starts", () => {
  let t: TestApi
  beforeAll(async () => {
    t = await startTestApi({ limits: { runCalls: 1_000_000, runEvents: 5_000_000 } })
  })
  afterAll(async () => {
    await t.close()
  })

  it("refuses a scenario whose one day of demand would draw 1e8 calls, naming runCalls", async () => {
    const r = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ days: 1, demand: oneStream(1e8) }) }
    })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ code: "limit_exceeded", path: "body.scenario.demand.synthetic" })
    expect(r.body.message).toMatch(
      /^limit runCalls is 1,000,000: this run would draw about 100,000,000 synthetic calls/
    )
  })

  it("counts replications and the hour-of-week profile: a run asking for more replications than fit answers 400", async () => {
    // 10,000 calls a day for 7 days, less the hour lost to DST on 2024-03-31 (02–03, weight 1 of 511 a week):
    // 69,863 calls a replication.
    const profile = Array.from({ length: 168 }, (_, h) => (h % 24 === 3 ? 50 : 1))
    const created = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: {
        scenario: tinyScenario({
          demand: {
            synthetic: [
              {
                area: "lpo1",
                prio: 2,
                perDay: 10_000,
                hourOfWeekProfile: profile,
                service: { _tag: "fixed", minutes: 1 }
              }
            ]
          }
        })
      }
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    const over = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: id, replications: 15 } })
    expect(over.status).toBe(400)
    expect(over.body).toMatchObject({ code: "limit_exceeded", path: "body.replications" })
    expect(over.body.message).toMatch(
      /limit runCalls is 1,000,000: this run would draw about 1,047,945 synthetic calls \(Σ perDay × 7 days × 15 replications/
    )
    // Within the limit the run is queued.
    const fits = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: id, replications: 14 } })
    expect(fits.status).toBe(202)
    await t.call("POST", `/runs/${fits.body.id}/cancel`, { key: t.keys.planner })
  })

  it("bounds expected events too: many patrols on short shifts over many days", async () => {
    const shifts = Array.from({ length: 24 }, (_, h) => ({
      area: "lpo1",
      patrols: 200,
      start: `${String(h).padStart(2, "0")}:00`,
      end: `${String(h).padStart(2, "0")}:30`
    }))
    const r = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ days: 600, dimensioning: shifts }) }
    })
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ code: "limit_exceeded", path: "body.scenario" })
    expect(r.body.message).toMatch(/^limit runEvents is 5,000,000: this run would simulate about [\d,]+ events/)
  })
})

describe("a feed-window run counts its replayed incidents once they are read", () => {
  let t: TestApi
  beforeAll(async () => {
    t = await startTestApi({ limits: { runCalls: 2_000 } })
  })
  afterAll(async () => {
    await t.close()
  })

  it("fails the run with a reason naming runCalls when the window holds more incidents than fit", async () => {
    const lines = [
      ...syntheticFeedLines({
        incidents: 1_500,
        seed: 2,
        areas: ["lpo1", "lpo2"],
        start: Date.UTC(2024, 2, 25) / 60_000
      })
    ]
    const ingested = await fetch(`${t.base}/feed`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", "x-api-key": t.keys.ingest },
      body: lines.join("\n")
    })
    expect(ingested.status).toBe(200)
    const created = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ days: 7, demand: { feed: "store" } }) }
    })
    const feed = { from: "2024-03-25T00:00:00+01:00", to: "2024-04-01T00:00:00+02:00" }
    const once = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: created.body.id, replications: 1, feed }
    })
    expect(await finished(t, once.body.id)).toMatchObject({ status: "completed" })
    // 1,500 incidents in each of two replications: 3,000 calls.
    const twice = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: created.body.id, replications: 2, feed }
    })
    expect(twice.status).toBe(202)
    const failed = await finished(t, twice.body.id)
    expect(failed.status).toBe("failed")
    expect(failed.reason).toMatch(
      /^limit runCalls is 2,000: this run would draw about 3,000 calls \(1,500 replayed from the feed window in each replication/
    )
  })
})

describe("a run thread has a heap ceiling", () => {
  let t: TestApi
  // The compiled service, so runs execute in worker threads with their resource limits.
  beforeAll(async () => {
    t = await startTestApi({ runHeapMb: 48 }, { built: true })
  })
  afterAll(async () => {
    await t.close()
  })

  it("fails a run that outgrows it with a reason naming the limit, and the service serves the next run", async () => {
    // One patrol for 300,000 calls a day: the calls wait, and every waiting call is held in memory.
    const flood = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: {
        scenario: tinyScenario({
          days: 5,
          dimensioning: [{ area: "lpo1", patrols: 1, start: "07:00", end: "07:00" }],
          plannedBlocks: [],
          demand: oneStream(300_000)
        })
      }
    })
    expect(flood.status).toBe(201)
    const heavy = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: flood.body.id, replications: 1 }
    })
    expect(heavy.status).toBe(202)
    const failed = await finished(t, heavy.body.id)
    expect(failed.status).toBe("failed")
    expect(failed.reason).toMatch(/IGV_RUN_HEAP_MB is 48 MB/)

    expect((await t.call("GET", "/health")).status).toBe(200)
    const small = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: tinyScenario() } })
    const next = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: small.body.id, replications: 2 }
    })
    expect(await finished(t, next.body.id)).toMatchObject({ status: "completed" })
  })
})
