import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

let t: TestApi
beforeAll(async () => {
  t = await startTestApi()
})
afterAll(async () => {
  await t.close()
})

/** tinyScenario with its neighbours borrowed from for prio 2 (without a borrowing rule they would do nothing). */
const clean = tinyScenario({ rules: { borrowing: [{ prio: 2, afterMinutes: 15 }] } })
/** tinyScenario with a defer limit under dispatch (no effect) and prio-1 borrowing slower than its 4-minute target. */
const flawed = tinyScenario({
  rules: { prio3: { handling: "dispatch", deferLimitMinutes: 90 }, borrowing: [{ prio: 1, afterMinutes: 6 }] }
})
const expected = [
  {
    path: "rules.prio3.deferLimitMinutes",
    severity: "inert",
    message: "no effect: prio 3 is dispatched at once (prio3.handling: dispatch); the limit applies only under defer"
  },
  {
    path: "rules.borrowing[0].afterMinutes",
    severity: "warning",
    message:
      "borrowing starts after 6 min, later than the 4-minute target it serves for prio 1: a borrowed patrol is never ordered in time"
  }
]

describe("the scenario linter's warnings over HTTP", () => {
  it("come back on scenario create and revise, empty for a scenario without flaws", async () => {
    const created = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: clean } })
    expect(created.status).toBe(201)
    expect(created.body.warnings).toEqual([])
    const revised = await t.call("POST", `/scenarios/${created.body.id}/versions`, {
      key: t.keys.planner,
      body: { scenario: flawed }
    })
    expect(revised.status).toBe(201)
    expect(revised.body.warnings).toEqual(expected)
    // Reading a version back gives the scenario as stored; the warnings belong to the write.
    expect(
      (await t.call("GET", `/scenarios/${created.body.id}`, { key: t.keys.planner })).body.warnings
    ).toBeUndefined()
  })

  it("come back on a queued run and on the comparison of two runs", async () => {
    const a = (await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: clean } })).body.id as string
    const b = (await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: flawed } })).body
      .id as string
    const runA = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: a, replications: 2, seed: 3 }
    })
    const runB = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: b, replications: 2, seed: 3 }
    })
    expect([runA.status, runB.status]).toEqual([202, 202])
    expect(runA.body.warnings).toEqual([])
    expect(runB.body.warnings).toEqual(expected)
    for (const id of [runA.body.id, runB.body.id]) {
      await eventually(async () => {
        const r = await t.call("GET", `/runs/${id}`, { key: t.keys.planner })
        return r.body.status === "completed" ? r.body : undefined
      }, `run ${id} to complete`)
    }
    const cmp = await t.call("GET", `/compare?runs=${runA.body.id},${runB.body.id}`, { key: t.keys.planner })
    expect(cmp.status).toBe(200)
    expect(cmp.body.warnings).toEqual({ a: [], b: expected })
  })
})
