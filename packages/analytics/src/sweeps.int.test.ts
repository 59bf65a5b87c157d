import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { selectRows, type Analytics } from "./client.js"
import { dropDatabase, freshAnalytics } from "./int-helpers.test-util.js"
import { migrate } from "./migrations.js"
import { sql } from "./sql.js"
import { writeSweepPoints, writeSweepReplications, type SweepReplicationRow } from "./sweeps.js"

describe("sweep results on the real server", () => {
  let a: Analytics
  beforeAll(async () => {
    a = await freshAnalytics("sweeps")
    await migrate(a)
  })
  afterAll(async () => {
    await dropDatabase(a)
  })

  const replication = (sweepId: string, point: number, r: number): SweepReplicationRow => ({
    sweepId,
    scenario: "s",
    point,
    replication: r,
    seed: 2 ** 40 + r,
    params: [
      ["rules.prio3.handling", "defer"],
      ["reserve", "[1,2]"]
    ],
    figures: [
      { kpi: "lineTime.survival", value: 0.1 * r + 1 / 3 },
      { kpi: "interruptions.total", value: r }
    ]
  })

  it("stores each (sweep, point, replication) once however often it is written, and keeps figures exact", async () => {
    const rows = [0, 1].flatMap((p) => [0, 1, 2].map((r) => replication("a", p, r)))
    expect(await writeSweepReplications(a, rows.slice(0, 4))).toBe(4)
    // A re-run with some rows already stored, and the same rows of another sweep: only the new keys are written.
    expect(await writeSweepReplications(a, [...rows, replication("b", 0, 0)])).toBe(3)
    expect(await writeSweepReplications(a, rows)).toBe(0)
    const stored = await selectRows<{
      sweep_id: string
      point: number
      replication: number
      seed: string
      kpi_values: Array<number>
    }>(
      a,
      sql`SELECT sweep_id, point, replication, seed, kpi_values FROM ${a.db}.sweep_replications ORDER BY sweep_id, point, replication`
    )
    expect(stored.map((s) => `${s.sweep_id}/${s.point}/${s.replication}`)).toEqual([
      ...rows.map((r) => `a/${r.point}/${r.replication}`),
      "b/0/0"
    ])
    expect(stored[2]!.seed).toBe(String(2 ** 40 + 2))
    expect(stored[2]!.kpi_values).toEqual([0.2 + 1 / 3, 2])
  })

  it("stores a point's summary once, a figure not measured flagged as such", async () => {
    const point = {
      sweepId: "c",
      scenario: "s",
      point: 0,
      params: [["x", "1"]] as const,
      replications: 1,
      metrics: [
        { metric: "lineTime.survival", mean: null, halfWidth: null },
        { metric: "interruptions.total", mean: 2.5, halfWidth: null }
      ]
    }
    expect(await writeSweepPoints(a, [point])).toBe(1)
    expect(await writeSweepPoints(a, [point, { ...point, point: 1 }])).toBe(1)
    const stored = await selectRows<{
      point: number
      means: Array<number>
      mean_measured: Array<number>
      half_width_measured: Array<number>
    }>(
      a,
      sql`SELECT point, means, mean_measured, half_width_measured FROM ${a.db}.sweep_points WHERE sweep_id = 'c' ORDER BY point`
    )
    expect(stored).toEqual(
      [0, 1].map((p) => ({ point: p, means: [0, 2.5], mean_measured: [0, 1], half_width_measured: [0, 0] }))
    )
  })
})
