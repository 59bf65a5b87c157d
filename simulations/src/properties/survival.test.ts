import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { runScenario } from "./run.js"

/**
 * With no interrupting priority, nothing is interrupted and every staffed minute is delivered, except
 * those before a late start: a block whose patrol is still on a job at its scheduled start begins when
 * the job is cleared (domain contract: the same under every rule set, counted against survival). So
 * survival is exactly 1 when no block started late and none was unstaffed (null when nothing was planned),
 * and otherwise planned − delivered = the late starts + the unstaffed time.
 */
const expectOnlyLateStartsLoseLineTime = (input: unknown) => {
  const { report, events } = runScenario(decodeScenario(input))
  const interrupted = events.filter((e) => e._tag === "PlannedBlockInterrupted")
  expect(interrupted.slice(0, 3), "no PlannedBlockInterrupted events").toEqual([])
  expect(report.interruptions.total).toBe(0)
  const bodies = [
    ["total", report.lineTime] as const,
    ...Object.entries(report.byArea).map(([a, b]) => [`area ${a}`, b.lineTime] as const)
  ]
  for (const [where, line] of bodies) {
    expect(line.blocksUninterrupted, where).toBeLessThanOrEqual(line.blocksPlanned - line.blocksUnstaffed)
    expect(
      Math.abs(line.plannedHours - line.deliveredHours - line.lateStartHours - line.unstaffedHours),
      where
    ).toBeLessThan(1e-9)
    if (line.plannedHours === 0) expect(line.survival, where).toBeNull()
    else if (line.blocksStartedLate === 0 && line.unstaffedHours === 0) {
      expect(line.blocksUninterrupted, where).toBe(line.blocksPlanned)
      expect(line.survival, where).toBe(1)
      expect(line.deliveredHours, where).toBeCloseTo(line.plannedHours, 9)
    }
  }
  // The late starts are the raw events' delays (a block held up past its planned end loses all of it).
  let lateMinutes = 0
  for (const e of events)
    if (e._tag === "PlannedBlockStarted") lateMinutes += Math.min(e.delayedMinutes ?? 0, e.plannedMinutes)
  expect(Math.abs(report.lineTime.lateStartHours - lateMinutes / 60)).toBeLessThan(1e-9)
}

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

/** Only these priorities interrupt; prio 3 dispatched at once (deferred, it would interrupt after its limit whatever the list says). */
const interruptingOnly = (interrupting: ReadonlyArray<number>) => (r: Record<string, unknown>) => ({
  ...r,
  interruptingPriorities: interrupting,
  prio3: { ...(r["prio3"] as object), handling: "dispatch" }
})

describe("survival of planned line time", () => {
  it(
    "is 1, but for late starts, when no priority may interrupt a planned block",
    () => {
      fc.assert(fc.property(scenarioInputArb({ mapRules: interruptingOnly([]) }), expectOnlyLateStartsLoseLineTime), {
        numRuns: 50
      })
    },
    TIMEOUT
  )

  it(
    "is 1, but for late starts, when calls arrive only in priorities that may not interrupt",
    () => {
      const splits = [
        { interrupting: [1], demand: [2, 3] },
        { interrupting: [1, 2], demand: [3] },
        { interrupting: [2, 3], demand: [1] },
        { interrupting: [3], demand: [1, 2] },
        { interrupting: [1, 3], demand: [2] }
      ] as const
      const arb = fc
        .constantFrom(...splits)
        .chain(({ interrupting, demand }) =>
          scenarioInputArb({ demandPriorities: demand, mapRules: interruptingOnly(interrupting) })
        )
      fc.assert(fc.property(arb, expectOnlyLateStartsLoseLineTime), { numRuns: 50 })
    },
    TIMEOUT
  )

  it(
    "is exactly 1 for community officers' blocks when they are never drawn into IGV",
    () => {
      const arb = scenarioInputArb({
        blockKind: "community",
        mapRules: (r) => ({ ...r, communityOfficers: { drawnFor: [] } })
      })
      fc.assert(
        fc.property(arb, (input) => {
          const { report, events } = runScenario(decodeScenario(input))
          expect(events.some((e) => e._tag === "PlannedBlockInterrupted")).toBe(false)
          // Every staffed minute is delivered: survival is the staffed share (exactly 1 with nothing unstaffed).
          if (report.lineTime.plannedHours === 0) expect(report.lineTime.survival).toBeNull()
          else if (report.lineTime.unstaffedHours === 0) expect(report.lineTime.survival).toBe(1)
          else
            expect(report.lineTime.survival).toBeCloseTo(
              report.lineTime.staffedHours / report.lineTime.plannedHours,
              12
            )
          expect(report.lineTime.blocksStartedLate).toBe(0)
          expect(report.lineTime.deliveredHours).toBeCloseTo(report.lineTime.staffedHours, 9)
          expect(
            report.timeUse.byKind.community.prio1Hours +
              report.timeUse.byKind.community.prio2Hours +
              report.timeUse.byKind.community.prio3Hours
          ).toBe(0)
        }),
        { numRuns: 40 }
      )
    },
    TIMEOUT
  )
})
