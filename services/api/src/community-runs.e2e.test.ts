import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { completedRunReport, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

describe("a run with community officers' shifts taken, through the API", () => {
  let t: TestApi
  beforeAll(async () => {
    t = await startTestApi()
  })
  afterAll(async () => {
    await t.close()
  })

  it("reports their rostered time, the shifts taken into IGV and the own-mission share in the run's report", async () => {
    const base = tinyScenario()
    const scenario = tinyScenario({
      dimensioning: [
        ...(base.dimensioning as ReadonlyArray<unknown>),
        { area: "lpo2", kind: "community", patrols: 2, start: "08:00", end: "16:00" }
      ],
      rules: { communityOfficers: { drawnFor: [3], shiftsTaken: [{ into: "igv", shiftsPerOfficerPerWeek: 1 }] } }
    })
    const community = (await completedRunReport(t, scenario)).communityOfficers
    // Two community slots, 08:00–16:00 every day of the one week: one shift of each is taken into IGV, 8 h apiece.
    expect(community?.shiftsTaken.igv).toMatchObject({ shifts: 2 })
    expect(community?.shiftsTaken.igv.hours).toBeCloseTo(16, 9)
    expect(community?.ownMissionShare).toEqual(expect.any(Number))
    expect(community!.ownMissionShare!).toBeGreaterThan(0)
    expect(community!.ownMissionShare!).toBeLessThanOrEqual(1)
  }, 120_000)
})
