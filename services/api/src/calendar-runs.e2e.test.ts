import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { completedRunReport, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

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
    const decoded = await completedRunReport(t, tinyScenario({ calendar }))
    // lpo2 has two patrols around the clock: the operation holds one of them from 08:00 to 12:00.
    expect(decoded.byArea["lpo2"]!.timeUse.calendarEventHours).toBeCloseTo(4, 9)
    expect(decoded.timeUse.calendarEventHours).toBeCloseTo(4, 9)
    expect(decoded.interruptions.calendarEvents).toEqual(expect.any(Number))
  }, 120_000)
})
