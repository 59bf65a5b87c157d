import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "./arbitraries.js"
import { runScenario } from "./run.js"

/** Planned line time all survives: nothing is interrupted and every planned hour is delivered. */
const expectAllLineTimeSurvives = (input: unknown) => {
  const { report, events } = runScenario(decodeScenario(input))
  const interrupted = events.filter((e) => e._tag === "PlannedBlockInterrupted")
  expect(interrupted.slice(0, 3), "no PlannedBlockInterrupted events").toEqual([])
  expect(report.interruptions.total).toBe(0)
  expect(report.lineTime.survival).toBe(1)
  expect(report.lineTime.deliveredHours).toBeCloseTo(report.lineTime.plannedHours, 9)
  expect(report.lineTime.blocksUninterrupted).toBe(report.lineTime.blocksPlanned)
  for (const [area, body] of Object.entries(report.byArea)) expect(body.lineTime.survival, `area ${area}`).toBe(1)
}

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("survival of planned line time", () => {
  it("is 1 when no priority may interrupt a planned block", () => {
    fc.assert(fc.property(
      scenarioInputArb({ mapRules: (r) => ({ ...r, interruptingPriorities: [] }) }),
      expectAllLineTimeSurvives
    ), { numRuns: 50 })
  }, TIMEOUT)

  it("is 1 when calls arrive only in priorities that may not interrupt", () => {
    const splits = [
      { interrupting: [1], demand: [2, 3] }, { interrupting: [1, 2], demand: [3] }, { interrupting: [2, 3], demand: [1] },
      { interrupting: [3], demand: [1, 2] }, { interrupting: [1, 3], demand: [2] }
    ] as const
    const arb = fc.constantFrom(...splits).chain(({ interrupting, demand }) =>
      scenarioInputArb({ demandPriorities: demand, mapRules: (r) => ({ ...r, interruptingPriorities: interrupting }) }))
    fc.assert(fc.property(arb, expectAllLineTimeSurvives), { numRuns: 50 })
  }, TIMEOUT)
})
