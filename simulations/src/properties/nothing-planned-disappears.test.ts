import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { WEEKDAYS, fromLocal, horizonOf, type Scenario } from "@igv/domain"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { runScenario } from "./run.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

/**
 * The scenario's plan, read from the scenario alone: every block occurrence in the horizon × patrols × length, in
 * minutes, and of that what lies past the horizon's end.
 */
const scenarioPlan = (s: Scenario): { total: number; beyond: number; byArea: Map<string, number> } => {
  const [y, m, d] = s.start.split("-").map(Number) as [number, number, number]
  const { endT } = horizonOf(s)
  const byArea = new Map<string, number>()
  let total = 0,
    beyond = 0
  for (let day = 0; day < s.days; day++) {
    const date = new Date(Date.UTC(y, m - 1, d + day))
    const weekday = WEEKDAYS[(date.getUTCDay() + 6) % 7]!
    for (const b of s.plannedBlocks) {
      if (!b.weekdays.includes(weekday)) continue
      const [hh, mm] = b.start.split(":").map(Number) as [number, number]
      const t = fromLocal(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hh, mm, s.timeZone)
      if (t < fromLocal(y, m, d, 0, 0, s.timeZone)) continue
      const inside = b.patrols * Math.min(b.durationMinutes, endT - t)
      total += inside
      beyond += b.patrols * b.durationMinutes - inside
      byArea.set(b.area, (byArea.get(b.area) ?? 0) + inside)
    }
  }
  return { total, beyond, byArea }
}

describe("nothing planned disappears", () => {
  it(
    "the report's planned hours are the scenario's plan inside the horizon, the rest named beyond it, and planned = staffed + unstaffed, in total and per area",
    () => {
      fc.assert(
        fc.property(scenarioInputArb(), (input) => {
          const scenario = decodeScenario(input)
          const { report } = runScenario(scenario)
          const plan = scenarioPlan(scenario)
          const line = report.lineTime
          expect(Math.abs(line.plannedHours * 60 - plan.total)).toBeLessThan(1e-6)
          expect(Math.abs(line.beyondHorizonHours * 60 - plan.beyond)).toBeLessThan(1e-6)
          expect(Math.abs(line.plannedHours - line.staffedHours - line.unstaffedHours)).toBeLessThan(1e-9)
          const reasons = line.unstaffed.nobodyOnDuty + line.unstaffed.reserve + line.unstaffed.tooFewPatrols
          expect(Math.abs(reasons - line.unstaffedHours)).toBeLessThan(1e-9)
          for (const [area, minutes] of plan.byArea) {
            const a = report.byArea[area]?.lineTime
            expect(Math.abs((a?.plannedHours ?? 0) * 60 - minutes), area).toBeLessThan(1e-6)
          }
        }),
        { numRuns: 60 }
      )
    },
    TIMEOUT
  )
})
