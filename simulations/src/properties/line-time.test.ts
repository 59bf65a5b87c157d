import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "./arbitraries.js"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000
const EPS = 1e-6

describe("line time and interruptions", () => {
  it("agree with the raw block events and with the time use", () => {
    fc.assert(fc.property(scenarioInputArb(), (input) => {
      const { report, events } = runScenario(decodeScenario(input))
      let plannedMinutes = 0, started = 0
      const interruptions = { 1: 0, 2: 0, 3: 0 }
      const interrupted = new Set<string>()
      const taggedPlanned = new Map<string, number>()
      for (const e of events) {
        if (e._tag === "PlannedBlockStarted") {
          plannedMinutes += e.plannedMinutes
          started++
          if (e.tag !== undefined) taggedPlanned.set(e.tag, (taggedPlanned.get(e.tag) ?? 0) + e.plannedMinutes)
        } else if (e._tag === "PlannedBlockInterrupted") {
          interruptions[e.prio]++
          interrupted.add(e.block)
        }
      }
      const line = report.lineTime
      expect(Math.abs(line.plannedHours - plannedMinutes / 60)).toBeLessThan(EPS)
      expect(line.blocksPlanned).toBe(started)
      expect(line.blocksUninterrupted).toBe(started - interrupted.size)
      // Delivered line time is the time patrols spent in blocks.
      expect(Math.abs(line.deliveredHours - report.timeUse.plannedHours)).toBeLessThan(EPS)
      expect(line.deliveredHours).toBeLessThanOrEqual(line.plannedHours + EPS)
      expect(line.survival).toBeCloseTo(plannedMinutes === 0 ? 1 : line.deliveredHours / line.plannedHours, 9)
      expect(report.interruptions.byPriority).toEqual({ "1": interruptions[1], "2": interruptions[2], "3": interruptions[3] })
      expect(report.interruptions.total).toBe(interruptions[1] + interruptions[2] + interruptions[3])
      for (const tag of report.byTag) {
        expect(Math.abs(tag.plannedHours - (taggedPlanned.get(tag.tag) ?? 0) / 60), tag.tag).toBeLessThan(EPS)
        expect(tag.deliveredHours).toBeLessThanOrEqual(tag.plannedHours + EPS)
      }
      expect(report.byTag.map((t) => t.tag).sort()).toEqual([...taggedPlanned.keys()].sort())
    }), { numRuns: 50 })
  }, TIMEOUT)
})
