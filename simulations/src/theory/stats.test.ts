import { describe, expect, it } from "vitest"
import { confidenceInterval, controlVariateInterval, logGamma, studentTCdf, studentTQuantile } from "./stats.js"

describe("Student t", () => {
  it("ln Γ matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12)
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12)
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9)
  })

  it("reproduces the printed t-table quantiles", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3)
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3)
    expect(studentTQuantile(0.995, 9)).toBeCloseTo(3.25, 3)
    expect(studentTQuantile(0.995, 19)).toBeCloseTo(2.861, 3)
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.96, 3)
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-2.262, 3)
    expect(studentTCdf(0, 4)).toBeCloseTo(0.5, 12)
  })

  it("builds a mean ± t·s/√n interval", () => {
    const ci = confidenceInterval([1, 2, 3, 4, 5], 0.95)
    // s = √2.5, t(0.975, 4) = 2.776.
    expect(ci.mean).toBe(3)
    expect(ci.halfWidth).toBeCloseTo(2.776445 * Math.sqrt(2.5 / 5), 5)
    expect(() => confidenceInterval([1], 0.95)).toThrow()
  })
})

describe("control-variate interval", () => {
  it("removes the part of the estimates explained by the covariate", () => {
    // y = 2 + 3(x − 1) + small noise: knowing E[x] = 1 pins the mean near 2 with a tight interval.
    const xs = [0.8, 1.3, 0.9, 1.1, 1.25, 0.7, 1.05, 0.95]
    const noise = [0.01, -0.02, 0.015, -0.01, 0.005, 0.02, -0.015, 0.0]
    const ys = xs.map((x, i) => 2 + 3 * (x - 1) + noise[i]!)
    const plain = confidenceInterval(ys, 0.95)
    const cv = controlVariateInterval(ys, xs, 1, 0.95)
    expect(Math.abs(cv.beta - 3)).toBeLessThan(0.1)
    expect(Math.abs(cv.mean - 2)).toBeLessThan(0.02)
    expect(cv.halfWidth).toBeLessThan(plain.halfWidth / 10)
    expect(cv.low).toBeLessThan(2)
    expect(cv.high).toBeGreaterThan(2)
  })

  it("matches the textbook regression formula on a hand-computed case", () => {
    // x = 0, 1, 2, 3; y = 1, 3, 2, 5; E[x] = 1: x̄ = 1.5, ȳ = 2.75, Sxx = 5, Sxy = 5.5, β = 1.1,
    // ŷ = 2.75 − 1.1·0.5 = 2.2, SSE = 2.7, var = (2.7/2)(1/4 + 0.25/5) = 0.405, t(0.975, 2) = 4.302653.
    const cv = controlVariateInterval([1, 3, 2, 5], [0, 1, 2, 3], 1, 0.95)
    expect(cv.beta).toBeCloseTo(1.1, 12)
    expect(cv.mean).toBeCloseTo(2.2, 12)
    expect(cv.halfWidth).toBeCloseTo(4.302653 * Math.sqrt(0.405), 5)
  })
})
