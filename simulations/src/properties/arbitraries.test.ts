import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "./arbitraries.js"

describe("generated scenarios", () => {
  it("always decode as valid scenarios", () => {
    fc.assert(fc.property(scenarioInputArb(), (input) => {
      const s = decodeScenario(input)
      expect(s.areas.length).toBeGreaterThanOrEqual(1)
      expect(s.demand.synthetic.length).toBeGreaterThanOrEqual(1)
    }), { numRuns: 200 })
  }, 30_000)

  it("restrict demand to the requested priorities", () => {
    fc.assert(fc.property(scenarioInputArb({ demandPriorities: [2, 3] }), (input) => {
      expect(decodeScenario(input).demand.synthetic.every((d) => d.prio !== 1)).toBe(true)
    }), { numRuns: 50 })
  })
})
