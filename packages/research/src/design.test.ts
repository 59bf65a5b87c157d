import { describe, expect, it } from "vitest"
import { gridDesign, latinHypercubeDesign, parseFactor } from "./design.js"
import { factor } from "./factor.test-util.js"

describe("sweep designs", () => {
  it("read ranges and lists of values", () => {
    expect(factor("rules.prio3.deferLimitMinutes=60..240:30")).toEqual({
      path: "rules.prio3.deferLimitMinutes",
      levels: [60, 90, 120, 150, 180, 210, 240]
    })
    expect(factor("rules.prio3.handledOtherwiseShare=0..0.3:0.1").levels).toEqual([0, 0.1, 0.2, 0.3])
    expect(factor("rules.reserve[0].patrols=0..2").levels).toEqual([0, 1, 2])
    expect(factor("rules.interruptingPriorities=[1,2,3]|[1,2]|[1]").levels).toEqual([[1, 2, 3], [1, 2], [1]])
    expect(factor("rules.prio3.handling=dispatch|defer").levels).toEqual(["dispatch", "defer"])
    expect(parseFactor("rules.prio3.deferLimitMinutes=240..60:30")).toEqual({
      ok: false,
      issues: [
        {
          path: "rules.prio3.deferLimitMinutes",
          message: "rules.prio3.deferLimitMinutes: a range needs FROM ≤ TO and a positive STEP"
        }
      ]
    })
    expect(parseFactor("rules.prio3.deferLimitMinutes")).toEqual({
      ok: false,
      issues: [{ path: "", message: '"rules.prio3.deferLimitMinutes" is not PATH=FROM..TO:STEP or PATH=V1|V2' }]
    })
    // Commas are not the list's separator: said, rather than one text value no setting reads.
    expect(parseFactor("days=1,2, 7")).toEqual({
      ok: false,
      issues: [{ path: "days", message: 'days: "1,2, 7" is one value; a list is written with |, e.g. days=1|2|7' }]
    })
    expect(factor("rules.interruptingPriorities=[1,2]|[1]").levels).toEqual([[1, 2], [1]])
    expect(factor("plannedBlocks[0].tag=north,south").levels).toEqual(["north,south"])
    expect(parseFactor("x=0..1000000:1")).toEqual({
      ok: false,
      issues: [{ path: "x", message: "x: 1000001 levels; at most 10000" }]
    })
  })

  it("cross every level in a grid, the first factor slowest", () => {
    expect(
      gridDesign([
        { path: "a", levels: [1, 2] },
        { path: "b", levels: ["x", "y", "z"] }
      ])
    ).toEqual([
      [1, "x"],
      [1, "y"],
      [1, "z"],
      [2, "x"],
      [2, "y"],
      [2, "z"]
    ])
  })

  it("use every stratum of every factor once in a Latin hypercube, the same for the same seed", () => {
    // 100 and 25 levels over 10 samples: stratum s holds levels ⌊s·k/10⌋ … ⌊(s+1)·k/10⌋ − 1.
    const factors = [
      { path: "a", levels: Array.from({ length: 100 }, (_, i) => i) },
      { path: "b", levels: Array.from({ length: 25 }, (_, i) => i) }
    ]
    const points = latinHypercubeDesign(factors, 10, 42)
    expect(points).toHaveLength(10)
    for (const [k, f] of factors.entries()) {
      const n = f.levels.length
      const stratum = (i: number) =>
        Array.from({ length: 10 }, (_, s) => s).find(
          (s) => Math.floor((s * n) / 10) <= i && i < Math.floor(((s + 1) * n) / 10)
        )
      expect(points.map((p) => stratum(p[k] as number)).sort((x, y) => x! - y!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    }
    expect(latinHypercubeDesign(factors, 10, 42)).toEqual(points)
    expect(latinHypercubeDesign(factors, 10, 43)).not.toEqual(points)
  })
})
