import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("determinism", () => {
  it.each([false, true])(
    "the same scenario and seed give a byte-identical report and event stream (with dated events; tasks and time around jobs: %s)",
    (patrolWork) => {
      fc.assert(
        fc.property(scenarioInputArb({ patrolWork, calendar: true, communityShifts: true }), (input) => {
          // Decoded twice, so no state can leak through a shared scenario object.
          const a = runScenario(decodeScenario(input))
          const b = runScenario(decodeScenario(structuredClone(input)))
          expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report))
          expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events))
        }),
        { numRuns: 40 }
      )
    },
    TIMEOUT
  )
})
