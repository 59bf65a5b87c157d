import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startTestApi, type TestApi } from "./test/harness.js"

const sample = resolve(import.meta.dirname, "../../../simulations/feeds/full-events.ndjson")
const window = { from: "2024-03-18T00:00:00+01:00", to: "2024-04-08T00:00:00+02:00" }

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
  const stored = await t.call("POST", "/feed", {
    key: t.keys.ingest,
    raw: await readFile(sample),
    headers: { "content-type": "application/x-ndjson" }
  })
  if (stored.status >= 300) throw new Error(JSON.stringify(stored.body))
}, 120_000)
afterAll(async () => {
  await t.close()
})

describe("POST /scenarios/fit", () => {
  it("fits the stored window into a saved scenario with what was not fitted, for planners only", async () => {
    const r = await t.call("POST", "/scenarios/fit", { key: t.keys.planner, body: { ...window, name: "town, fitted" } })
    expect(r.status, JSON.stringify(r.body)).toBe(201)
    expect(r.body).toMatchObject({ version: 1, name: "town, fitted" })
    expect(r.body.scenario.demand.synthetic).toHaveLength(6)
    expect(r.body.scenario.dimensioning.length).toBeGreaterThan(0)
    expect(r.body.notFitted.map((n: { part: string }) => n.part)).toContain("rules")
    expect(r.body.yaml).toMatch(/# \d+ calls over [\d.]+ days/)
    expect(r.body.yaml).not.toMatch(/town-centre\/igv\/\d/)
    const saved = await t.call("GET", `/scenarios/${r.body.id}`, { key: t.keys.planner })
    expect(saved.body.scenario).toEqual(r.body.scenario)
    for (const role of ["rlc-manager", "researcher", "ingest"] as const) {
      expect((await t.call("POST", "/scenarios/fit", { key: t.keys[role], body: window })).status, role).toBe(403)
    }
  })

  it("refuses a window with nothing to fit, an unknown area and a reversed window, naming the field", async () => {
    const empty = await t.call("POST", "/scenarios/fit", {
      key: t.keys.planner,
      body: { from: "2030-01-01", to: "2030-02-01" }
    })
    expect(empty.status).toBe(400)
    expect(empty.body.message).toMatch(/no incident registrations/)
    expect(
      (await t.call("POST", "/scenarios/fit", { key: t.keys.planner, body: { ...window, area: "nowhere" } })).body.path
    ).toBe("body.area")
    expect(
      (await t.call("POST", "/scenarios/fit", { key: t.keys.planner, body: { from: window.to, to: window.from } })).body
        .path
    ).toBe("body.to")
  })
})
