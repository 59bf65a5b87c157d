import { describe, expect, it } from "vitest"
import { confidenceInterval, logGamma, studentTCdf, studentTQuantile } from "./stats.js"

describe("Student t", () => {
  it("ln Γ matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12)
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12)
    expect(logGamma(101)).toBeCloseTo(363.73937555556347, 9)
  })

  it("reproduces the printed t-table quantiles", () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3)
    expect(studentTQuantile(0.975, 9)).toBeCloseTo(2.262, 3)
    expect(studentTQuantile(0.995, 9)).toBeCloseTo(3.250, 3)
    expect(studentTQuantile(0.995, 19)).toBeCloseTo(2.861, 3)
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.960, 3)
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
