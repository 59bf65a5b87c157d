import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { normalQuantile, Rng, streamKey } from "./rng.js"
import { sample, samplerOf } from "./sampler.js"

describe("Rng", () => {
  it("gives the same sequence for the same key and another for another key", () => {
    const draw = (key: string) => {
      const r = new Rng(key)
      return Array.from({ length: 5 }, () => r.nextU32())
    }
    expect(draw(streamKey(1, 2, "a", "arrivals"))).toEqual(draw(streamKey(1, 2, "a", "arrivals")))
    expect(draw(streamKey(1, 2, "a", "arrivals"))).not.toEqual(draw(streamKey(1, 3, "a", "arrivals")))
    expect(draw(streamKey(1, 2, "a", "arrivals"))).not.toEqual(draw(streamKey(1, 2, "b", "arrivals")))
  })

  it("draws uniforms strictly inside (0, 1) with mean 1/2 and variance 1/12", () => {
    const r = new Rng("uniform")
    let sum = 0,
      sq = 0,
      outside = 0
    const n = 200_000
    for (let i = 0; i < n; i++) {
      const u = r.uniform()
      if (!(u > 0 && u < 1)) outside++
      sum += u
      sq += u * u
    }
    expect(outside).toBe(0)
    expect(sum / n).toBeCloseTo(0.5, 2)
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3)
  })

  it("inverts the normal distribution", () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9)
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655, 7)
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6)
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1 - 1e-9, noNaN: true }), (p) => {
        expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 5)
      })
    )
  })
})

describe("samplers", () => {
  const stats = (model: Parameters<typeof samplerOf>[0], n = 100_000) => {
    const s = samplerOf(model),
      r = new Rng(JSON.stringify(model))
    const xs = Array.from({ length: n }, () => sample(s, r)).sort((a, b) => a - b)
    return { mean: xs.reduce((a, b) => a + b, 0) / n, median: xs[n / 2]!, p90: xs[Math.floor(n * 0.9)]! }
  }

  it("draws lognormal by median and p90", () => {
    const { median, p90 } = stats({ _tag: "lognormal", medianMinutes: 30, p90Minutes: 90 })
    expect(median / 30).toBeCloseTo(1, 1)
    expect(p90 / 90).toBeCloseTo(1, 1)
  })

  it("draws exponential by mean, fixed exactly and empirical by resampling", () => {
    expect(stats({ _tag: "exponential", meanMinutes: 40 }).mean / 40).toBeCloseTo(1, 1)
    expect(stats({ _tag: "fixed", minutes: 12 }, 10).mean).toBe(12)
    const s = samplerOf({ _tag: "empirical", minutes: [5, 10, 60] }),
      r = new Rng("e")
    const seen = new Set(Array.from({ length: 1000 }, () => sample(s, r)))
    expect([...seen].sort((a, b) => a - b)).toEqual([5, 10, 60])
  })
})
