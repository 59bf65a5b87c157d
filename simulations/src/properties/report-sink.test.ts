import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { reportProjection } from "@igv/metrics"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { foldSimulation } from "@igv/runner"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("the report's two paths", () => {
  it.each([false, true])(
    "the report folded from the simulator's calls (no event objects) is byte-identical to the one folded from its events (tasks, time around jobs and community shifts: %s)",
    (more) => {
      fc.assert(
        fc.property(scenarioInputArb({ patrolWork: more, communityShifts: more, calendar: true }), (input) => {
          const scenario = decodeScenario(input)
          const fromEvents = runScenario(scenario).report
          const fromCalls = foldSimulation(scenario, reportProjection({ scenario }), { seed: scenario.seed })
          expect(JSON.stringify(fromCalls)).toBe(JSON.stringify(fromEvents))
        }),
        { numRuns: 40 }
      )
    },
    TIMEOUT
  )
})
