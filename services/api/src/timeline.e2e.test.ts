// The Gantt chart's data over HTTP: a run's replication drawn again, and the same events stored as history.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { eventually, replicationFeed, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

let t: TestApi
let runId: string
const FROM = "2024-03-25T00:00:00+01:00",
  TO = "2024-04-01T00:00:00+02:00"
const window = (from = FROM, to = TO) => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`

beforeAll(async () => {
  t = await startTestApi({}, { built: true })
  const created = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: tinyScenario() } })
  const started = await t.call("POST", "/runs", {
    key: t.keys.planner,
    body: { scenarioId: created.body.id, replications: 2 }
  })
  runId = started.body.id
  await eventually(
    async () =>
      (await t.call("GET", `/runs/${runId}`, { key: t.keys.planner })).body.status === "completed" ? true : undefined,
    "the run",
    120_000
  )
  // Replication 0's own events, stored as if they had been recorded: history must then draw the same timeline.
  const feed = replicationFeed(tinyScenario())
  const posted = await t.call("POST", "/feed", {
    key: t.keys.ingest,
    raw: feed.ndjson,
    headers: { "content-type": "application/x-ndjson" }
  })
  expect(posted.body).toMatchObject({ stored: feed.events, quarantined: 0 })
}, 300_000)
afterAll(async () => {
  await t?.close()
})

const expectSame = (got: unknown, want: unknown, path: string): void => {
  if (typeof want === "number") {
    expect(Math.abs((got as number) - want), path).toBeLessThan(1 / 60_000)
  } else if (typeof want === "object" && want !== null) {
    expect(Object.keys(got as object).sort(), path).toEqual(Object.keys(want).sort())
    for (const [k, v] of Object.entries(want)) expectSame((got as Record<string, unknown>)[k], v, `${path}.${k}`)
  } else expect(got, path).toEqual(want)
}

describe("the patrol timeline over HTTP", () => {
  it("draws a run's replication 0 by default: shifts, block stretches, jobs, and the stored interruptions with their calls", async () => {
    const r = await t.call("GET", `/runs/${runId}/timeline?${window()}`, { key: t.keys["rlc-manager"] })
    expect(r.status, JSON.stringify(r.body)).toBe(200)
    const stored = (await t.call("GET", `/runs/${runId}/interruptions?limit=1000`, { key: t.keys["rlc-manager"] })).body
      .items
    expect(r.body.interruptions.length).toBe(stored.length)
    expect(stored.length).toBeGreaterThan(0)
    for (const k of ["shifts", "planned", "blocks", "jobs"]) expect(r.body[k].length, k).toBeGreaterThan(0)
    for (const i of r.body.interruptions) {
      expect(i.call).toMatchObject({ incident: i.incident, patrol: i.patrol, prio: i.prio, dispatchedT: i.t })
      expect(i.call.registeredT).toBeLessThanOrEqual(i.call.dispatchedT)
      // The call's area, whose rules let it interrupt: without borrowing, the block's own.
      expect(i.call.area).toBe(i.area)
    }
    // One patrol, one day: only its bars.
    const patrol = stored[0].patrol as string
    const day = await t.call("GET", `/runs/${runId}/timeline?${window("2024-03-26", "2024-03-27")}&patrol=${patrol}`, {
      key: t.keys.planner
    })
    expect(day.body.patrols.map((p: { patrol: string }) => p.patrol)).toEqual([patrol])
    expect(
      day.body.shifts.every((s: { endT: number; startT: number }) => s.endT > day.body.from && s.startT < day.body.to)
    ).toBe(true)
  })

  it("draws any replication the run kept, each with that replication's own interruptions", async () => {
    const second = await t.call("GET", `/runs/${runId}/timeline?${window()}&replication=1`, { key: t.keys.planner })
    expect(second.status, JSON.stringify(second.body)).toBe(200)
    expect(second.body.source).toContain("replication 1")
    const stored = (
      await t.call("GET", `/runs/${runId}/interruptions?replication=1&limit=1000`, { key: t.keys.planner })
    ).body.items
    const keys = (rows: ReadonlyArray<{ t: number; patrol: string; incident: string }>) =>
      rows.map((r) => `${r.t}|${r.patrol}|${r.incident}`).sort()
    expect(stored.length).toBeGreaterThan(0)
    expect(keys(second.body.interruptions)).toEqual(keys(stored))
    const first = (await t.call("GET", `/runs/${runId}/timeline?${window()}`, { key: t.keys.planner })).body
    expect(keys(first.interruptions)).not.toEqual(keys(stored))
    const beyond = await t.call("GET", `/runs/${runId}/timeline?${window()}&replication=2`, { key: t.keys.planner })
    expect(beyond.status).toBe(400)
    expect(beyond.body.path).toBe("query.replication")
  })

  it("draws the same timeline from the same events stored as history, side by side with the run", async () => {
    const run = (await t.call("GET", `/runs/${runId}/timeline?${window()}`, { key: t.keys.planner })).body
    const history = await t.call("GET", `/history/timeline?${window()}`, { key: t.keys["rlc-manager"] })
    expect(history.status, JSON.stringify(history.body)).toBe(200)
    // The feed's times are written to the millisecond: the same picture, to within a millisecond.
    for (const k of ["patrols", "shifts", "planned", "blocks", "jobs", "interruptions"])
      expectSame(history.body[k], run[k], k)
  })

  it("refuses a window over a week, a backwards one, and a role that may not read runs", async () => {
    expect(
      (await t.call("GET", `/runs/${runId}/timeline?${window("2024-03-25", "2024-04-05")}`, { key: t.keys.planner }))
        .body.path
    ).toBe("query.to")
    expect((await t.call("GET", `/history/timeline?${window(TO, FROM)}`, { key: t.keys.planner })).body.path).toBe(
      "query.to"
    )
    expect((await t.call("GET", `/runs/${runId}/timeline?${window()}`, { key: t.keys.ingest })).status).toBe(403)
    // A patrol or area the run's scenario does not have is a typo, not an empty chart.
    const typo = await t.call("GET", `/runs/${runId}/timeline?${window()}&patrol=lpo1-igv-0`, { key: t.keys.planner })
    expect([typo.status, typo.body.path]).toEqual([400, "query.patrol"])
    expect(typo.body.message).toContain('no patrol "lpo1-igv-0" (patrols are named area/kind/slot, e.g. lpo1/igv/0)')
    const area = await t.call("GET", `/runs/${runId}/timeline?${window()}&area=lpo9`, { key: t.keys.planner })
    expect([area.status, area.body.path]).toEqual([400, "query.area"])
    expect(
      (await t.call("GET", `/runs/run_0000000000000000/timeline?${window()}`, { key: t.keys.planner })).status
    ).toBe(404)
  })
})
