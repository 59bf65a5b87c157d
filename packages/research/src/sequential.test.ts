import { describe, expect, it } from "vitest"
import { seededRandom } from "./random.test-util.js"
import { looksOf, sequentialPairedTest, type Relation } from "./sequential.js"

const OPTIONS = { alpha: 0.05, firstLook: 10, maxPairs: 80 } as const
const TRIALS = 4000
/** Three standard errors of a rate of 0.05 over the trials: the tolerance of a rate measured here. */
const TOLERANCE = 3 * Math.sqrt((0.05 * 0.95) / TRIALS)

/**
 * A/A comparisons: both variants equal in distribution, A and B drawn independently, so D = X − Y is symmetric
 * about 0 and every hypothesis ">=", "<=", "==" with margin 0 holds, just barely.
 */
const rejectionRate = (relation: Relation, draw: () => number, alpha: number): number => {
  let rejected = 0
  for (let t = 0; t < TRIALS; t++) {
    if (sequentialPairedTest(() => draw(), { ...OPTIONS, relation, alpha }).verdict === "rejected") rejected++
  }
  return rejected / TRIALS
}

describe("the sequential paired test", () => {
  it("looks at the first look, doubling, and the last", () => {
    expect(looksOf(10, 80)).toEqual([10, 20, 40, 80])
    expect(looksOf(10, 100)).toEqual([10, 20, 40, 80, 100])
    expect(looksOf(5, 5)).toEqual([5])
    expect(() => looksOf(2, 10)).toThrow(/3 pairs/)
  })

  for (const relation of [">=", "<=", "=="] as const) {
    it(`keeps its false-positive rate at or below alpha on A/A comparisons (${relation}, normal and skewed outcomes)`, () => {
      const r = seededRandom(1)
      const normal = rejectionRate(relation, () => r.normal() - r.normal(), 0.05)
      const skewed = rejectionRate(relation, () => Math.exp(r.normal()) - Math.exp(r.normal()), 0.05)
      expect(normal).toBeLessThanOrEqual(0.05 + TOLERANCE)
      expect(skewed).toBeLessThanOrEqual(0.05 + TOLERANCE)
    }, 60_000)
  }

  it("would exceed alpha if each look spent the whole alpha (so the check above can fail)", () => {
    const r = seededRandom(3)
    // alpha × 4 looks: every look tests at 0.05, as a naive repeated t-test does.
    expect(rejectionRate(">=", () => r.normal() - r.normal(), 0.05 * 4)).toBeGreaterThan(0.05 + TOLERANCE)
  }, 60_000)

  it("rejects a hypothesis that is false, and stops early when the answer is clear", () => {
    const r = seededRandom(4)
    let rejected = 0,
      early = 0
    for (let t = 0; t < 500; t++) {
      const result = sequentialPairedTest(() => r.normal() - 0.8, { ...OPTIONS, relation: ">=" })
      if (result.verdict === "rejected") rejected++
      if (result.pairs < OPTIONS.maxPairs) early++
      expect(result.low).toBeLessThanOrEqual(result.high)
    }
    expect(rejected / 500).toBeGreaterThan(0.95)
    expect(early / 500).toBeGreaterThan(0.9)
  })

  it("supports a clearly true hypothesis at the first look, and says inconclusive when it cannot tell", () => {
    const r = seededRandom(5)
    const clear = sequentialPairedTest(() => 1 + 0.1 * r.normal(), { ...OPTIONS, relation: ">=" })
    expect(clear).toMatchObject({ verdict: "supported", pairs: 10, looks: 1 })
    expect(clear.mean).toBeCloseTo(1, 1)
    const unclear = sequentialPairedTest(() => 0.001 + r.normal(), { ...OPTIONS, relation: "==" })
    expect(unclear.verdict).toBe("inconclusive")
    expect(unclear.pairs).toBe(80)
  })

  it("judges a difference with no spread exactly", () => {
    expect(sequentialPairedTest(() => 0, { ...OPTIONS, relation: "==" }).verdict).toBe("supported")
    expect(sequentialPairedTest(() => -0.5, { ...OPTIONS, relation: ">=" }).verdict).toBe("rejected")
    expect(sequentialPairedTest(() => -0.5, { ...OPTIONS, relation: ">=", margin: 0.5 }).verdict).toBe("supported")
  })

  it("refuses options it cannot honour", () => {
    expect(() => sequentialPairedTest(() => 0, { ...OPTIONS, relation: ">=", alpha: 0 })).toThrow(/alpha/)
    expect(() => sequentialPairedTest(() => 0, { ...OPTIONS, relation: ">=", margin: -1 })).toThrow(/margin/)
    expect(() => sequentialPairedTest(() => NaN, { ...OPTIONS, relation: ">=" })).toThrow(/finite/)
  })
})
