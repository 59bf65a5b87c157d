import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { horizonOf } from "@igv/domain"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000
const EPS = 1e-6

describe("line time and interruptions", () => {
  it(
    "agree with the raw block events and with the time use",
    () => {
      let runsWithTags = 0
      fc.assert(
        fc.property(scenarioInputArb(), (input) => {
          const scenario = decodeScenario(input)
          const { report, events } = runScenario(scenario)
          const { endT } = horizonOf(scenario)
          let beyondMinutes = 0,
            plannedMinutes = 0,
            started = 0,
            unstaffedMinutes = 0,
            unstaffed = 0
          const interruptions = { 1: 0, 2: 0, 3: 0 }
          const interrupted = new Set<string>()
          /** Started only at their planned end, their patrol on a job all along: they never ran. */
          const neverRan = new Set<string>()
          const taggedPlanned = new Map<string, number>()
          for (const e of events) {
            if (e._tag === "PlannedBlockStarted" || e._tag === "PlannedBlockUnstaffed") {
              // Planned time past the horizon's end is in no figure but its own; a staffed block ends by then.
              const scheduled = e._tag === "PlannedBlockStarted" ? e.t - (e.delayedMinutes ?? 0) : e.t
              const inside = Math.min(e.plannedMinutes, Math.max(0, endT - scheduled))
              beyondMinutes += e.plannedMinutes - inside
              if (inside === 0) continue
              plannedMinutes += inside
              if (e._tag === "PlannedBlockStarted") {
                expect(inside).toBe(e.plannedMinutes)
                started++
                if ((e.delayedMinutes ?? 0) >= e.plannedMinutes) neverRan.add(e.block)
              } else {
                unstaffed++
                unstaffedMinutes += inside
              }
              if (e.tag !== undefined) taggedPlanned.set(e.tag, (taggedPlanned.get(e.tag) ?? 0) + inside)
            } else if (e._tag === "PlannedBlockInterrupted") {
              interruptions[e.prio]++
              interrupted.add(e.block)
            }
          }
          const line = report.lineTime
          expect(Math.abs(line.plannedHours - plannedMinutes / 60)).toBeLessThan(EPS)
          expect(Math.abs(line.unstaffedHours - unstaffedMinutes / 60)).toBeLessThan(EPS)
          expect(Math.abs(line.beyondHorizonHours - beyondMinutes / 60)).toBeLessThan(EPS)
          expect(Math.abs(line.plannedHours - line.staffedHours - line.unstaffedHours)).toBeLessThan(EPS)
          expect(line.blocksPlanned).toBe(started + unstaffed)
          expect(line.blocksUnstaffed).toBe(unstaffed)
          expect(line.blocksUninterrupted).toBe(
            started - interrupted.size - [...neverRan].filter((b) => !interrupted.has(b)).length
          )
          // Delivered line time is the time patrols spent in blocks.
          expect(Math.abs(line.deliveredHours - report.timeUse.plannedHours)).toBeLessThan(EPS)
          expect(line.deliveredHours).toBeLessThanOrEqual(line.staffedHours + EPS)
          if (plannedMinutes === 0) expect(line.survival).toBeNull()
          else expect(line.survival).toBeCloseTo(line.deliveredHours / line.plannedHours, 9)
          expect(report.interruptions.byPriority).toEqual({
            "1": interruptions[1],
            "2": interruptions[2],
            "3": interruptions[3]
          })
          expect(report.interruptions.total).toBe(interruptions[1] + interruptions[2] + interruptions[3])
          for (const tag of report.byTag) {
            expect(Math.abs(tag.plannedHours - (taggedPlanned.get(tag.tag) ?? 0) / 60), tag.tag).toBeLessThan(EPS)
            expect(tag.deliveredHours).toBeLessThanOrEqual(tag.plannedHours + EPS)
          }
          expect(report.byTag.map((t) => t.tag).sort()).toEqual([...taggedPlanned.keys()].sort())
          if (report.byTag.length > 0) runsWithTags++
        }),
        { numRuns: 50 }
      )
      // The tags' figures are checked only on runs with tagged blocks: some must have them.
      expect(runsWithTags).toBeGreaterThan(5)
    },
    TIMEOUT
  )
})
