import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Report } from "@igv/domain"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

describe("a run with dated events, through the API", () => {
  let t: TestApi
  beforeAll(async () => {
    t = await startTestApi()
  })
  afterAll(async () => {
    await t.close()
  })

  it("reports the dated events' hours and the blocks that gave way in the run's report", async () => {
    const calendar = [
      {
        id: "op",
        kind: "operation",
        from: "2024-03-26",
        to: "2024-03-26",
        start: "08:00",
        end: "12:00",
        takes: [{ area: "lpo2", patrols: 1 }],
        interruptsPlannedWork: true
      }
    ]
    const created = await t.call("POST", "/scenarios", {
      key: t.keys.planner,
      body: { scenario: tinyScenario({ calendar }) }
    })
    expect(created.status).toBe(201)
    const posted = await t.call("POST", "/runs", {
      key: t.keys.researcher,
      body: { scenarioId: created.body.id, seed: 3, replications: 1 }
    })
    expect(posted.status).toBe(202)
    await eventually(async () => {
      const r = await t.call("GET", `/runs/${posted.body.id}`, { key: t.keys["rlc-manager"] })
      return r.body.status === "completed" ? r.body : undefined
    }, "the run to complete")
    const report = await t.call("GET", `/runs/${posted.body.id}/report`, { key: t.keys["rlc-manager"] })
    expect(report.status).toBe(200)
    const decoded = Schema.decodeUnknownSync(Report)(report.body)
    // lpo2 has two patrols around the clock: the operation holds one of them from 08:00 to 12:00.
    expect(decoded.byArea["lpo2"]!.timeUse.calendarEventHours).toBeCloseTo(4, 9)
    expect(decoded.timeUse.calendarEventHours).toBeCloseTo(4, 9)
    expect(decoded.interruptions.calendarEvents).toEqual(expect.any(Number))
  }, 120_000)
})
