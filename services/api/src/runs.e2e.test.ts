import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { decodeWith, parseInstant, ReplicatedReport, Report, Scenario } from "@igv/domain"
import { interruptionLogIn } from "@igv/metrics"
import { foldSimulation, replicationSeed } from "@igv/runner"
import { cliMain, eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

const createScenario = async (t: TestApi, scenario: object) => {
  const r = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario } })
  expect(r.status).toBe(201)
  return r.body.id as string
}

const finished = (t: TestApi, id: string) =>
  eventually(async () => {
    const r = await t.call("GET", `/runs/${id}`, { key: t.keys["rlc-manager"] })
    return ["completed", "failed", "cancelled"].includes(r.body.status) ? r.body : undefined
  }, `run ${id} to finish`)

describe("runs: queued with 202, executed in the pool, read back as reports and interruptions", () => {
  let t: TestApi
  let scenarioId: string
  beforeAll(async () => {
    t = await startTestApi()
    scenarioId = await createScenario(t, tinyScenario())
  })
  afterAll(async () => {
    await t.close()
  })

  it("runs one replication: the report is the CLI's Report, and the interruption log adds up to it", async () => {
    const posted = await t.call("POST", "/runs", {
      key: t.keys.researcher,
      body: { scenarioId, seed: 7, replications: 1 }
    })
    expect(posted.status).toBe(202)
    expect(posted.headers.get("location")).toBe(`/runs/${posted.body.id}`)
    expect(posted.body).toMatchObject({ status: "queued", scenarioId, version: 1, seed: 7, replications: 1 })
    const run = await finished(t, posted.body.id)
    expect(run).toMatchObject({ status: "completed", attempts: 1, progress: { done: 1, total: 1 } })

    const report = await t.call("GET", `/runs/${run.id}/report`, { key: t.keys["rlc-manager"] })
    expect(report.status).toBe(200)
    const decoded = Schema.decodeUnknownSync(Report)(report.body)
    expect(decoded.interruptions.total).toBeGreaterThan(0)

    // Every page, followed to the end, is the whole log; its priorities match the report's counts.
    const rows: Array<any> = []
    let cursor: string | undefined
    do {
      const page = await t.call(
        "GET",
        `/runs/${run.id}/interruptions?limit=7${cursor === undefined ? "" : `&cursor=${cursor}`}`,
        { key: t.keys.planner }
      )
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(7)
      rows.push(...page.body.items)
      cursor = page.body.nextCursor
    } while (cursor !== undefined)
    expect(rows).toHaveLength(decoded.interruptions.total)
    for (const prio of [1, 2, 3] as const) {
      expect(rows.filter((r) => r.prio === prio)).toHaveLength(decoded.interruptions.byPriority[prio])
      const filtered = await t.call("GET", `/runs/${run.id}/interruptions?prio=${prio}&limit=1000`, {
        key: t.keys.planner
      })
      expect(filtered.body.items).toHaveLength(decoded.interruptions.byPriority[prio])
    }
    expect(rows[0]).toMatchObject({
      at: expect.stringMatching(/^2024-03-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+0[12]:00$/),
      area: expect.any(String),
      patrol: expect.any(String),
      block: expect.any(String),
      incident: expect.any(String),
      minutesLost: expect.any(Number)
    })

    const promise = await t.call("GET", `/runs/${run.id}/interruptions?tag=promise-1&limit=1000`, {
      key: t.keys.planner
    })
    expect(promise.body.items.length).toBeGreaterThan(0)
    expect(promise.body.items).toHaveLength(rows.filter((r) => r.tag === "promise-1").length)
    const patrol = rows[0].patrol
    expect(
      (
        await t.call("GET", `/runs/${run.id}/interruptions?patrol=${encodeURIComponent(patrol)}&limit=1000`, {
          key: t.keys.planner
        })
      ).body.items
    ).toHaveLength(rows.filter((r) => r.patrol === patrol).length)
    // An area with interruptions, so the filter has rows to keep.
    const areaId = rows[0].area
    const area = await t.call("GET", `/runs/${run.id}/interruptions?area=${areaId}&limit=1000`, { key: t.keys.planner })
    expect(area.body.items.length, `interruptions in ${areaId}`).toBeGreaterThan(0)
    expect(area.body.items.every((r: { area: string }) => r.area === areaId)).toBe(true)
    expect(area.body.items).toHaveLength(rows.filter((r) => r.area === areaId).length)
    const mid = rows[Math.floor(rows.length / 2)]
    const window = await t.call("GET", `/runs/${run.id}/interruptions?from=${encodeURIComponent(mid.at)}&limit=1000`, {
      key: t.keys.planner
    })
    const fromT = parseInstant(mid.at)!
    expect(window.body.items.length).toBeGreaterThan(0)
    expect(window.body.items).toHaveLength(rows.filter((r) => r.t >= fromT).length)
    expect(
      (await t.call("GET", `/runs/${run.id}/interruptions?limit=5000`, { key: t.keys.planner })).body
    ).toMatchObject({ code: "limit_exceeded", path: "query.limit" })
    expect((await t.call("GET", `/runs/${run.id}/interruptions?prio=4`, { key: t.keys.planner })).status).toBe(400)
  })

  it("lists every replication's interruptions, each the log of that replication's own simulation", async () => {
    const posted = await t.call("POST", "/runs", {
      key: t.keys.researcher,
      body: { scenarioId, seed: 7, replications: 3 }
    })
    const run = await finished(t, posted.body.id)
    expect(run.status).toBe("completed")
    const decoded = decodeWith(Scenario)(tinyScenario())
    if (!decoded.ok) throw new Error("tinyScenario does not decode")
    const logs: Array<Array<unknown>> = []
    for (let r = 0; r < 3; r++) {
      const page = await t.call("GET", `/runs/${run.id}/interruptions?replication=${r}&limit=1000`, {
        key: t.keys.planner
      })
      expect(page.status).toBe(200)
      expect(page.body.nextCursor).toBeUndefined()
      const expected = foldSimulation(decoded.value, interruptionLogIn(decoded.value.timeZone), {
        seed: replicationSeed(7, r)
      })
      expect(expected.length).toBeGreaterThan(0)
      expect(page.body.items).toEqual(JSON.parse(JSON.stringify(expected)))
      logs.push(page.body.items)
    }
    expect(logs[1]).not.toEqual(logs[0])
    expect(
      (await t.call("GET", `/runs/${run.id}/interruptions?limit=1000`, { key: t.keys.planner })).body.items
    ).toEqual(logs[0])
    const beyond = await t.call("GET", `/runs/${run.id}/interruptions?replication=3`, { key: t.keys.planner })
    expect(beyond.status).toBe(400)
    expect(beyond.body).toMatchObject({ path: "query.replication" })

    // `igv interruptions --run` lists the same replication from the store the API wrote, and refuses one beyond.
    const cli = (...args: Array<string>) =>
      spawnSync(
        process.execPath,
        [cliMain, "interruptions", "--run", run.id, "--store", `sqlite:${join(t.dir, "igv.db")}`, ...args],
        { encoding: "utf8" }
      )
    const listed = cli("--replication", "2", "--json")
    expect(listed.status).toBe(0)
    expect(JSON.parse(listed.stdout).interruptions).toEqual(logs[2])
    const refused = cli("--replication", "3")
    expect(refused.status).toBe(2)
    expect(refused.stderr).toContain("has replications 0 to 2")
  })

  it("runs replications and compares two rule sets on common random numbers", async () => {
    const proposal = await createScenario(t, tinyScenario({ rules: { interruptingPriorities: [1] } }))
    const [a, b] = await Promise.all([
      t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId, replications: 4, seed: 11 } }),
      t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: proposal, replications: 4, seed: 11 } })
    ])
    const [ra, rb] = [await finished(t, a.body.id), await finished(t, b.body.id)]
    expect([ra.status, rb.status]).toEqual(["completed", "completed"])
    const report = await t.call("GET", `/runs/${ra.id}/report`, { key: t.keys.planner })
    expect(Schema.decodeUnknownSync(ReplicatedReport)(report.body).replications).toBe(4)

    const cmp = await t.call("GET", `/compare?runs=${ra.id},${rb.id}`, { key: t.keys["rlc-manager"] })
    expect(cmp.status).toBe(200)
    expect(cmp.body.runs).toEqual({ a: ra.id, b: rb.id })
    expect(cmp.body.commonRandomNumbers).toBe(true)
    const survival = cmp.body.rows.find((r: { path: string }) => r.path === "lineTime.survival")
    // Only prio 1 may interrupt: more planned time survives.
    expect(survival.delta).toBeGreaterThan(0)
    expect(survival.delta).toBeCloseTo(survival.b - survival.a, 9)
    const prio3 = cmp.body.rows.find((r: { path: string }) => r.path === "interruptions.byPriority.3")
    // (Blocks that start while the patrol is still on a prio-3 job count as interrupted at their start.)
    expect(prio3.delta).toBeLessThan(0)
    expect(prio3.significant).toBe(true)
    expect((await t.call("GET", `/compare?runs=${ra.id}`, { key: t.keys.planner })).body.path).toBe("query.runs")
    expect(cmp.body.paired).toBe(true)
    expect(cmp.body.differences).toEqual([])
    expect(cmp.body.changes).toEqual([
      { path: "rules.interruptingPriorities", op: "changed", from: [1, 2, 3], to: [1] }
    ])
    expect(cmp.body.attribution).toBeUndefined()

    // One changed setting: all of b − a is its own effect, paired with a on the same calls; no interaction.
    const attributed = await t.call("GET", `/compare?runs=${ra.id},${rb.id}&attribute=true`, {
      key: t.keys["rlc-manager"]
    })
    expect(attributed.status, JSON.stringify(attributed.body)).toBe(200)
    const [setting] = attributed.body.attribution.settings
    expect(setting).toMatchObject({ path: "rules.interruptingPriorities", from: [1, 2, 3], to: [1] })
    const own = setting.rows.find((r: { path: string }) => r.path === "lineTime.survival")
    expect(own.delta).toBeCloseTo(survival.delta, 9)
    expect(own.halfWidth).toBeCloseTo(survival.halfWidth, 9)
    expect(
      attributed.body.attribution.interaction.every((r: { delta: number | null }) => r.delta === 0 || r.delta === null)
    ).toBe(true)
  })

  it("refuses to pair runs that do not see the same calls, compares them unpaired when allowed, and attributes only paired runs", async () => {
    const longer = await createScenario(t, tinyScenario({ days: 14, rules: { prio3: { handledOtherwiseShare: 0.2 } } }))
    const [a, b] = await Promise.all([
      t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId, replications: 3, seed: 5 } }),
      t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: longer, replications: 3, seed: 5 } })
    ])
    const [ra, rb] = [await finished(t, a.body.id), await finished(t, b.body.id)]
    const refused = await t.call("GET", `/compare?runs=${ra.id},${rb.id}`, { key: t.keys["rlc-manager"] })
    expect(refused.status).toBe(400)
    expect(refused.body).toMatchObject({ code: "invalid_request", path: "query.runs" })
    expect(refused.body.message).toContain("horizon: A 7 days, B 14 days")
    expect(refused.body.message).toContain("allowDifferent=true")

    const unpaired = await t.call("GET", `/compare?runs=${ra.id},${rb.id}&allowDifferent=true`, {
      key: t.keys["rlc-manager"]
    })
    expect(unpaired.status).toBe(200)
    expect(unpaired.body).toMatchObject({
      paired: false,
      commonRandomNumbers: false,
      differences: ["horizon: A 7 days, B 14 days"]
    })
    expect(unpaired.body.changes.map((c: { path: string }) => c.path)).toEqual([
      "days",
      "rules.prio3.handledOtherwiseShare"
    ])
    const attributed = await t.call("GET", `/compare?runs=${ra.id},${rb.id}&allowDifferent=true&attribute=true`, {
      key: t.keys["rlc-manager"]
    })
    expect(attributed.body).toMatchObject({ code: "invalid_request", path: "query.attribute" })
  })

  it("reports planned time the reserve left unstaffed and calls never dispatched, in the run report and the comparison", async () => {
    // The reserve holds back two of lpo1's three day patrols while its 2-patrol promise block is due at 09:00;
    // lpo2's prio-2 demand is about three times what its two patrols can serve.
    const tiny = tinyScenario()
    const overloaded = {
      ...tiny.demand,
      synthetic: [
        ...tiny.demand.synthetic,
        { area: "lpo2", prio: 2, perDay: 200, service: { _tag: "exponential", meanMinutes: 45 } }
      ]
    }
    const base = await createScenario(t, tinyScenario({ demand: overloaded }))
    const reserved = await createScenario(
      t,
      tinyScenario({
        demand: overloaded,
        rules: { reserve: [{ area: "lpo1", start: "08:00", end: "12:00", patrols: 2 }] }
      })
    )
    const [a, b] = await Promise.all([
      t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: base, replications: 2, seed: 5 } }),
      t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: reserved, replications: 2, seed: 5 } })
    ])
    const [ra, rb] = [await finished(t, a.body.id), await finished(t, b.body.id)]
    const report = Schema.decodeUnknownSync(ReplicatedReport)(
      (await t.call("GET", `/runs/${rb.id}/report`, { key: t.keys["rlc-manager"] })).body
    ).mean
    // Seven days, one of the block's two patrols: 7 × 2 h unstaffed, all of it for the reserve.
    expect(report.lineTime).toMatchObject({
      unstaffedHours: 14,
      unstaffed: { nobodyOnDuty: 0, reserve: 14, tooFewPatrols: 0 }
    })
    expect(report.lineTime.plannedHours).toBeCloseTo(report.lineTime.staffedHours + report.lineTime.unstaffedHours, 9)
    expect(report.byTag.find((x) => x.tag === "promise-1")).toMatchObject({ plannedHours: 28, unstaffedHours: 14 })
    const lpo2 = report.byArea["lpo2"]!.response[2]
    expect(lpo2.undispatched).toBeGreaterThan(lpo2.dispatched)
    expect(lpo2.n).toBeCloseTo(lpo2.dispatched + lpo2.undispatched, 9)
    expect(lpo2.p90ArrivalMinutes).toBeGreaterThan(lpo2.p90DispatchMinutes!)

    const cmp = await t.call("GET", `/compare?runs=${ra.id},${rb.id}`, { key: t.keys["rlc-manager"] })
    const row = (path: string) => cmp.body.rows.find((r: { path: string }) => r.path === path)
    expect(row("lineTime.unstaffedHours")).toMatchObject({ a: 0, b: 14, delta: 14 })
    expect(row("lineTime.plannedHours").delta).toBe(0)
    expect(row("response.2.undispatched").a).toBeGreaterThan(0)
  })

  it("rejects runs of unknown scenarios and over the replications limit", async () => {
    expect(
      (await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: "sc_nope" } })).body
    ).toMatchObject({ code: "not_found", path: "body.scenarioId" })
    expect(
      (await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId, version: 9 } })).body
    ).toMatchObject({ code: "not_found", path: "body.version" })
    expect(
      (await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId, replications: 1001 } })).body
    ).toEqual({ code: "limit_exceeded", message: "limit replications is 1000, got 1001", path: "body.replications" })
    const list = await t.call("GET", "/runs?limit=2", { key: t.keys.planner })
    expect(list.body.items).toHaveLength(2)
    expect(list.body.nextCursor).toBe("2")
    const ofScenario = await t.call("GET", `/runs?scenarioId=${scenarioId}&status=completed`, {
      key: t.keys["rlc-manager"]
    })
    expect(ofScenario.body.items.length).toBeGreaterThanOrEqual(2)
    expect(
      ofScenario.body.items.every(
        (r: { scenarioId: string; status: string }) => r.scenarioId === scenarioId && r.status === "completed"
      )
    ).toBe(true)
    const all = (await t.call("GET", "/runs?limit=1000", { key: t.keys.planner })).body.items
    expect(all.length).toBeGreaterThan(ofScenario.body.items.length)
  })
})

describe("a bounded queue: 503 with Retry-After when full, and cancellation", () => {
  let t: TestApi
  let slow: string
  beforeAll(async () => {
    t = await startTestApi({ concurrentRuns: 1, queueCapacity: 1 })
    slow = await createScenario(t, tinyScenario({ days: 28 }))
  })
  afterAll(async () => {
    await t.close()
  })

  it("refuses a run beyond the queue, cancels a queued and an executing run", async () => {
    const executing = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: slow, replications: 200 }
    })
    const queued = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: slow, replications: 1 } })
    expect([executing.status, queued.status]).toEqual([202, 202])
    const refused = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: slow, replications: 1 } })
    expect(refused.status).toBe(503)
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1)
    expect(refused.body).toMatchObject({ code: "queue_full", message: expect.stringContaining("runQueue is 1") })

    const cancelQueued = await t.call("POST", `/runs/${queued.body.id}/cancel`, { key: t.keys.planner })
    expect(cancelQueued.body).toMatchObject({ status: "cancelled", cancelledBy: expect.any(String) })
    await eventually(async () => {
      const r = await t.call("GET", `/runs/${executing.body.id}`, { key: t.keys.planner })
      return r.body.status === "running" && r.body.progress.done > 0 ? true : undefined
    }, "the executing run to make progress")
    const cancelRunning = await t.call("DELETE", `/runs/${executing.body.id}`, { key: t.keys.researcher })
    expect(cancelRunning.body.status).toBe("cancelled")
    expect((await t.call("POST", `/runs/${executing.body.id}/cancel`, { key: t.keys.planner })).status).toBe(409)
    expect((await t.call("GET", `/runs/${executing.body.id}/report`, { key: t.keys.planner })).body).toMatchObject({
      code: "conflict"
    })
    // The pool is free again: a new run is taken and completes.
    const next = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: slow, replications: 1 } })
    expect(next.status).toBe(202)
    expect((await finished(t, next.body.id)).status).toBe("completed")
    expect((await t.call("GET", `/runs/${executing.body.id}`, { key: t.keys.planner })).body.status).toBe("cancelled")
  })
})
