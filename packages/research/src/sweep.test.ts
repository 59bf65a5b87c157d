import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { runOnce, loadScenario, replicationSeed } from "@igv/runner"
import { describe, expect, it } from "vitest"
import { gridDesign } from "./design.js"
import { factor } from "./factor.test-util.js"
import { runSweep, scenarioAt, sweepCsv, SweepInvalid } from "./sweep.js"

const preset = join(
  fileURLToPath(new URL("../../../simulations/scenarios/", import.meta.url)),
  "lpo-sparse-status-quo.yaml"
)

describe("sweeps", () => {
  it("run every point on common random numbers, each figure the mean of its replications", async () => {
    const base = { ...(await loadScenario(preset)).scenario, days: 2 }
    const factors = [factor("rules.prio3.handling=dispatch|defer"), factor("rules.prio3.deferLimitMinutes=60..120:60")]
    const points = gridDesign(factors)
    const rows = await runSweep(base, factors, points, {
      replications: 3,
      seed: 9,
      metrics: ["lineTime.survival", "interruptions.total"],
      parallelism: 1
    })
    expect(rows.map((r) => r.values)).toEqual(
      points.map(([h, l]) => ({ "rules.prio3.handling": h, "rules.prio3.deferLimitMinutes": l }))
    )
    for (const [i, row] of rows.entries()) {
      const at = scenarioAt(base, factors, points[i]!)
      if (!at.ok) throw new Error(at.issues.map((x) => x.message).join("\n"))
      const scenario = at.value
      const totals = [0, 1, 2].map((r) => runOnce(scenario, replicationSeed(9, r)).interruptions.total)
      expect(row.metrics["interruptions.total"]!.mean).toBeCloseTo(totals.reduce((s, x) => s + x, 0) / 3, 9)
      expect(row.metrics["lineTime.survival"]!.halfWidth).not.toBeNull()
    }
    // Dispatching at once ignores the defer limit: on common random numbers the two dispatch points are identical.
    expect(rows[0]!.metrics).toEqual(rows[1]!.metrics)
    expect(sweepCsv(factors, ["interruptions.total"], rows.slice(0, 1)).split("\n")[0]).toBe(
      "point,rules.prio3.handling,rules.prio3.deferLimitMinutes,replications,interruptions.total.mean,interruptions.total.halfWidth95"
    )
  }, 60_000)

  it("refuse a factor the scenario does not have, a wrong value, the seed, and an unknown metric", async () => {
    const base = { ...(await loadScenario(preset)).scenario, days: 1 }
    const refused = (spec: string, value: unknown) => {
      const at = scenarioAt(base, [factor(spec)], [value])
      return at.ok ? [] : at.issues.map((i) => i.message)
    }
    expect(refused("rules.prio3.handlin=x", "x")).toEqual([expect.stringMatching(/unknown field "handlin"/)])
    expect(refused("rules.prio3.handling=later", "later")).toEqual([
      expect.stringMatching(/^--vary at rules\.prio3\.handling: /)
    ])
    expect(refused("seed=1..3", 1)).toEqual(["--vary seed: seed is not a setting of the model"])
    await expect(
      runSweep(base, [factor("seed=1..3")], [[1]], { replications: 2, seed: 1, metrics: [] })
    ).rejects.toThrow(SweepInvalid)
    await expect(
      runSweep(base, [], [[]], { replications: 2, seed: 1, metrics: ["lineTime.survivl"], parallelism: 1 })
    ).rejects.toThrow(/not a figure/)
  }, 60_000)
})
