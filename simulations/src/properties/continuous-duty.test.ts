import { fromLocal } from "@igv/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { aroundTheClock } from "./around-the-clock.js"
import { runScenario } from "./run.js"
import { patrolMinutes } from "./stream-time.js"

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("around-the-clock shifts", () => {
  it(
    "are one continuous duty per patrol across midnights and DST changes, as long as the horizon really is",
    () => {
      const stockholmAroundTheClock = scenarioInputArb().map((input) => ({
        ...aroundTheClock(input),
        timeZone: "Europe/Stockholm"
      }))
      fc.assert(
        fc.property(stockholmAroundTheClock, (input) => {
          const scenario = decodeScenario(input)
          const { events } = runScenario(scenario)
          const [y, m, d] = scenario.start.split("-").map(Number) as [number, number, number]
          const startT = fromLocal(y, m, d, 0, 0, scenario.timeZone)
          const end = new Date(Date.UTC(y, m - 1, d + scenario.days))
          const endT = fromLocal(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate(), 0, 0, scenario.timeZone)
          const starts = events.filter((e) => e._tag === "ShiftStarted")
          // One start per slot, at the horizon's start: no handover at midnight or at the clock change.
          expect(starts.length, "patrols on duty").toBeGreaterThan(0)
          expect(new Set(starts.map((e) => e.patrol)).size).toBe(starts.length)
          for (const e of starts) expect(e.t).toBe(startT)
          for (const [patrol, minutes] of patrolMinutes(events)) {
            // A DST day lasts 23 or 25 hours, and so does the duty; overtime on a job may extend it.
            expect(minutes.onDuty, patrol).toBeGreaterThanOrEqual(endT - startT - 1e-6)
          }
        }),
        { numRuns: 30 }
      )
    },
    TIMEOUT
  )
})
