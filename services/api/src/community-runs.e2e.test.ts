import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Report } from "@igv/domain"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

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
    const created = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario } })
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
    const community = Schema.decodeUnknownSync(Report)(report.body).communityOfficers
    // Two community slots, 08:00–16:00 every day of the one week: one shift of each is taken into IGV, 8 h apiece.
    expect(community?.shiftsTaken.igv).toMatchObject({ shifts: 2 })
    expect(community?.shiftsTaken.igv.hours).toBeCloseTo(16, 9)
    expect(community?.ownMissionShare).toEqual(expect.any(Number))
    expect(community!.ownMissionShare!).toBeGreaterThan(0)
    expect(community!.ownMissionShare!).toBeLessThanOrEqual(1)
  }, 120_000)
})
