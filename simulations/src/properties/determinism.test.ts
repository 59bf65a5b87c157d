import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "./arbitraries.js"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("determinism", () => {
  it("the same scenario and seed give a byte-identical report and event stream", () => {
    fc.assert(fc.property(scenarioInputArb({ calendar: true }), (input) => {
      // Decoded twice, so no state can leak through a shared scenario object.
      const a = runScenario(decodeScenario(input))
      const b = runScenario(decodeScenario(structuredClone(input)))
      expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report))
      expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events))
    }), { numRuns: 40 })
  }, TIMEOUT)
})
