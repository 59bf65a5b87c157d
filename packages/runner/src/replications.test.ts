import { describe, expect, it } from "vitest"
import { decodeWith, Scenario } from "@igv/domain"
import { runReplications, workersAvailable, type Progress } from "./replications.js"
import { combine, interruptionLogIn, reportProjection } from "@igv/metrics"
import { horizonOf, simulate } from "@igv/simulator"
import { foldSimulation, runOnce } from "./run.js"
import { replicationSeed } from "./seeds.js"

const decoded = decodeWith(Scenario)({
  name: "two weeks",
  start: "2024-03-25",
  days: 14,
  areas: [{ id: "a" }],
  dimensioning: [{ area: "a", patrols: 2, start: "00:00", end: "24:00" }],
  demand: {
    synthetic: [
      { area: "a", prio: 1, perDay: 2, service: { _tag: "exponential", meanMinutes: 40 } },
      { area: "a", prio: 3, perDay: 12, service: { _tag: "exponential", meanMinutes: 40 } }
    ]
  },
  plannedBlocks: [{ area: "a", start: "10:00", durationMinutes: 120, patrols: 1, tag: "promise-1" }]
})
if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
const scenario = decoded.value

describe("replicationSeed", () => {
  it("keeps the seed for replication 0 and gives every other replication its own", () => {
    expect(replicationSeed(42, 0)).toBe(42)
    const seeds = new Set(Array.from({ length: 10_000 }, (_, r) => replicationSeed(42, r)))
    expect(seeds.size).toBe(10_000)
    expect(replicationSeed(43, 1)).not.toBe(replicationSeed(42, 1))
    expect(replicationSeed(42, 7)).toBe(replicationSeed(42, 7))
  })
})

describe("runOnce", () => {
  it("folds a run into a report without keeping events, the same for the same seed", () => {
    const a = runOnce(scenario, 5)
    expect(a.events).toBeGreaterThan(0)
    expect(a.response["1"].count).toBeGreaterThan(0)
    expect(a.byTag.map((t) => t.tag)).toEqual(["promise-1"])
    expect(JSON.stringify(runOnce(scenario, 5))).toBe(JSON.stringify(a))
    expect(JSON.stringify(runOnce(scenario, 6))).not.toBe(JSON.stringify(a))
  })

  it("takes its horizon from the simulator, across the DST change (one hour short)", () => {
    const { startT, endT } = horizonOf(scenario)
    expect(endT - startT).toBe(14 * 24 * 60 - 60)
    expect(simulate(scenario, { seed: 5, onEvent: () => undefined })).toMatchObject({ startT, endT })
  })
})

describe("foldSimulation", () => {
  it("folds several projections in one simulation, each as runOnce folds it alone", () => {
    const both = foldSimulation(
      scenario,
      combine({
        report: reportProjection({ scenario }),
        interruptions: interruptionLogIn(scenario.timeZone)
      }),
      { seed: 5 }
    )
    expect(JSON.stringify(both.report)).toBe(JSON.stringify(runOnce(scenario, 5)))
    expect(both.interruptions.length).toBeGreaterThan(0)
  })
})

describe("runReplications", () => {
  it("runs replication r on replicationSeed(seed, r), in order, and reports progress up to 1", async () => {
    const progress: Array<Progress> = []
    const reports = await runReplications(scenario, {
      replications: 3,
      seed: 9,
      parallelism: 4,
      onProgress: (p) => progress.push(p)
    })
    // From TypeScript sources there is no compiled worker: the run stays in this thread.
    expect(workersAvailable()).toBe(false)
    expect(reports.map((r) => JSON.stringify(r))).toEqual(
      [0, 1, 2].map((r) => JSON.stringify(runOnce(scenario, replicationSeed(9, r))))
    )
    expect(progress.at(-1)).toEqual({ done: 3, total: 3, fraction: 1 })
    expect(progress.every((p, i) => i === 0 || p.fraction >= progress[i - 1]!.fraction)).toBe(true)
  })

  it("rejects a replication count that is not a whole number from 1", async () => {
    await expect(runReplications(scenario, { replications: 0, seed: 1 })).rejects.toThrow(RangeError)
  })
})
