import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { runScenario } from "./run.js"
import { streamViolations } from "./stream-invariants.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("the simulated event stream", () => {
  it.each([false, true])(
    "never dispatches before registration, never puts a patrol on two jobs or on a job inside a planned block (with dated events; tasks and time around jobs: %s)",
    (patrolWork) => {
      fc.assert(
        fc.property(scenarioInputArb({ patrolWork, calendar: true }), (input) => {
          const { events } = runScenario(decodeScenario(input))
          expect(streamViolations(events)).toEqual([])
        }),
        { numRuns: 60 }
      )
    },
    TIMEOUT
  )
})
