import { execFile } from "node:child_process"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { beforeAll, describe, expect, it } from "vitest"
import { decodeWith, Scenario, type IncidentRegistered } from "@igv/domain"

// The compiled runner, as the CLI and the API use it: with real worker threads.
type Runner = typeof import("./index.js")
let runner: Runner
const root = fileURLToPath(new URL("../../../", import.meta.url))

const decoded = decodeWith(Scenario)({
  name: "four weeks",
  start: "2024-10-14",
  days: 28,
  areas: [
    { id: "a", neighbours: ["b"] },
    { id: "b", neighbours: ["a"] }
  ],
  dimensioning: [
    { area: "a", patrols: 2, start: "00:00", end: "24:00" },
    { area: "b", patrols: 1, start: "06:00", end: "22:00" }
  ],
  demand: {
    synthetic: [
      { area: "a", prio: 2, perDay: 6, service: { _tag: "exponential", meanMinutes: 40 } },
      { area: "b", prio: 3, perDay: 8, service: { _tag: "lognormal", medianMinutes: 30, p90Minutes: 90 } }
    ]
  },
  plannedBlocks: [{ area: "a", start: "10:00", durationMinutes: 120, patrols: 1, tag: "promise" }],
  rules: { borrowing: [{ prio: 2, afterMinutes: 10 }] }
})
if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
const scenario = decoded.value

beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [`${root}node_modules/typescript/bin/tsc`, "-b", `${root}packages/runner`],
    { cwd: root }
  )
  runner = (await import(`${root}packages/runner/dist/index.js`)) as Runner
}, 300_000)

describe("runReplications in worker threads", () => {
  it("has workers, and gives the same reports in the same order for any parallelism", async () => {
    expect(runner.workersAvailable()).toBe(true)
    const json = async (parallelism?: number) =>
      JSON.stringify(
        await runner.runReplications(scenario, {
          replications: 6,
          seed: 3,
          ...(parallelism === undefined ? {} : { parallelism })
        })
      )
    const one = await json(1)
    expect(await json(2)).toBe(one)
    expect(await json(4)).toBe(one)
    expect(await json()).toBe(one)
    expect(JSON.parse(one)[2]).toEqual(
      JSON.parse(JSON.stringify(runner.runOnce(scenario, runner.replicationSeed(3, 2))))
    )
  })

  it("folds each replication's logs in the worker that simulates it, the same for any parallelism", async () => {
    const logged = async (parallelism: number) =>
      JSON.stringify(
        await runner.runLoggedReplications(scenario, {
          replications: 5,
          seed: 3,
          parallelism,
          logs: { first: "all", rest: "interruptions" }
        })
      )
    const one = await logged(1)
    expect(await logged(3)).toBe(one)
    const results = JSON.parse(one) as Array<Record<string, unknown>>
    expect(Object.keys(results[0]!).sort()).toEqual(["dispatches", "interruptions", "report", "segments"])
    expect(Object.keys(results[4]!).sort()).toEqual(["interruptions", "report"])
    expect(results[4]).toEqual(
      JSON.parse(JSON.stringify(runner.runReplication(scenario, runner.replicationSeed(3, 4), "interruptions")))
    )
    expect(results.map((r) => r["report"])).toEqual(
      JSON.parse(JSON.stringify(await runner.runReplications(scenario, { replications: 5, seed: 3 })))
    )
  })

  it("draws a lone long replication's calls on another thread, with the report one thread gives", async () => {
    // Three years of 400 calls a day: well above the calls worth a thread.
    const long = decodeWith(Scenario)({
      name: "three busy years",
      start: "2024-01-01",
      days: 1096,
      areas: [{ id: "a" }],
      dimensioning: [{ area: "a", patrols: 14, start: "00:00", end: "24:00" }],
      demand: {
        synthetic: [
          { area: "a", prio: 1, perDay: 40, service: { _tag: "exponential", meanMinutes: 30 } },
          { area: "a", prio: 3, perDay: 360, service: { _tag: "lognormal", medianMinutes: 25, p90Minutes: 80 } }
        ]
      },
      plannedBlocks: [{ area: "a", start: "09:00", durationMinutes: 180, patrols: 4 }],
      rules: { prio3: { handledOtherwiseShare: 0.1 } }
    })
    if (!long.ok) throw new Error(JSON.stringify(long.issues))
    const s = long.value
    expect(400 * 1096).toBeGreaterThan(runner.CALLS_WORTH_A_THREAD)
    const inOneThread = JSON.stringify(runner.runOnce(s, 9))
    const ahead = runner.callsDrawnAhead()
    const report = runner.foldSimulation(
      s,
      (await import(`${root}packages/metrics/dist/index.js`)).reportProjection({ scenario: s }),
      {
        seed: 9,
        callSupplies: ahead.supplies
      }
    )
    // Calls came from the other thread (the first ones are drawn here while it starts: how many depends on the load).
    expect(ahead.close()).toBeGreaterThan(0)
    expect(JSON.stringify(report)).toBe(inOneThread)
    // And as the CLI runs a lone replication: all cores by default, one thread if asked.
    const lone = async (parallelism?: number) =>
      JSON.stringify(
        await runner.runReplications(s, {
          replications: 1,
          seed: 4,
          ...(parallelism === undefined ? {} : { parallelism })
        })
      )
    expect(await lone()).toBe(await lone(1))
  })

  it("reports progress from the workers up to the end", async () => {
    const seen: Array<number> = []
    await runner.runReplications(scenario, {
      replications: 3,
      seed: 1,
      parallelism: 2,
      onProgress: (p) => seen.push(p.done)
    })
    expect(seen.at(-1)).toBe(3)
  })

  it("fails with the replication that failed, instead of hanging", async () => {
    const stray: IncidentRegistered = {
      _tag: "IncidentRegistered",
      t: Date.UTC(2024, 9, 20, 12) / 60_000,
      incident: "x" as IncidentRegistered["incident"],
      area: "nowhere" as IncidentRegistered["area"],
      prio: 1,
      onSceneMinutes: 10,
      unitsNeeded: 1
    }
    const inThread = (() => {
      try {
        runner.runOnce(scenario, 1, [stray])
        return undefined
      } catch (e) {
        return e as Error
      }
    })()
    // Only meaningful if the simulator refuses a call in an undeclared area.
    expect(inThread?.message).toBeDefined()
    await expect(
      runner.runReplications(scenario, { replications: 3, seed: 1, parallelism: 2, incidents: [stray] })
    ).rejects.toThrow(/replication \d failed/)
  })
})
