import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "@igv/research"
import { runScenario, type ScenarioRun } from "./run.js"
import { BUSY_CATEGORIES, noMinutes, type PatrolMinutes, patrolMinutes } from "./stream-time.js"

type TimeUse = {
  prio1Hours: number
  prio2Hours: number
  prio3Hours: number
  plannedHours: number
  freeHours: number
  totalHours: number
  calendarEventHours?: number | undefined
}

const EPS = 1e-6
const gap = (t: TimeUse) =>
  t.prio1Hours + t.prio2Hours + t.prio3Hours + t.plannedHours + t.freeHours + (t.calendarEventHours ?? 0) - t.totalHours
const nonNegative = (t: TimeUse) =>
  [t.prio1Hours, t.prio2Hours, t.prio3Hours, t.plannedHours, t.freeHours, t.calendarEventHours ?? 0].every(
    (h) => h >= -EPS
  )

/**
 * The community officers' rostered time, from the raw events alone: on duty in the pool (their shifts), plus the
 * shifts taken away and the absences nobody covers; their own-mission time is their duty less IGV calls, the
 * report and transport after them and dated events.
 */
const expectCommunityRosterFromRawEvents = (
  report: ScenarioRun["report"],
  events: ScenarioRun["events"],
  perPatrol: ReadonlyMap<string, PatrolMinutes>
) => {
  const co = report.communityOfficers
  if (co === undefined) return
  let taken = 0,
    uncovered = 0,
    onDuty = 0,
    notOwn = 0
  for (const e of events) {
    if (e._tag === "CommunityShiftTaken") taken += e.minutes
    else if (e._tag === "CommunityOfficerAbsent" && !e.covered) uncovered += e.minutes
  }
  for (const [patrol, m] of perPatrol) {
    if (!patrol.includes("/community/")) continue
    onDuty += m.onDuty
    notOwn += m.prio1 + m.prio2 + m.prio3 + m.reportWriting + m.transport + m.calendar
  }
  const shiftsTaken = co.shiftsTaken.igv.hours + co.shiftsTaken.neighbourIgv.hours + co.shiftsTaken.otherDuty.hours
  expect(Math.abs(shiftsTaken - taken / 60)).toBeLessThan(EPS)
  expect(Math.abs(co.absences.uncovered.hours - uncovered / 60)).toBeLessThan(EPS)
  expect(Math.abs(co.rosteredHours - (onDuty + taken + uncovered) / 60)).toBeLessThan(EPS)
  expect(Math.abs(co.ownMissionHours - (onDuty - notOwn) / 60)).toBeLessThan(EPS)
}

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("time conservation", () => {
  it(
    "prio 1 + prio 2 + prio 3 + planned + dated events + free = on-duty time, in total, per kind and per area",
    () => {
      let runsWithCommunityShifts = 0
      fc.assert(
        fc.property(scenarioInputArb({ calendar: true, communityShifts: true }), (input) => {
          const { report } = runScenario(decodeScenario(input))
          const co = report.communityOfficers
          if (co !== undefined) {
            runsWithCommunityShifts++
            // Rostered community time = on duty in the pool + shifts taken + absences not covered, none negative.
            const taken = co.shiftsTaken.igv.hours + co.shiftsTaken.neighbourIgv.hours + co.shiftsTaken.otherDuty.hours
            expect(Math.abs(co.rosteredHours - co.onDutyHours - taken - co.absences.uncovered.hours)).toBeLessThan(EPS)
            expect(Math.abs(co.onDutyHours - report.timeUse.byKind.community.totalHours)).toBeLessThan(EPS)
            expect(co.ownMissionHours).toBeGreaterThanOrEqual(-EPS)
            expect(co.ownMissionHours).toBeLessThanOrEqual(co.onDutyHours + EPS)
          }
          const all: Array<[string, TimeUse]> = [
            ["total", report.timeUse],
            ["igv", report.timeUse.byKind.igv],
            ["community", report.timeUse.byKind.community],
            ...Object.entries(report.byArea).map(([area, body]) => [`area ${area}`, body.timeUse] as [string, TimeUse])
          ]
          for (const [where, t] of all) {
            expect(Math.abs(gap(t)), `${where}: ${JSON.stringify(t)}`).toBeLessThan(EPS)
            expect(nonNegative(t), `${where}: ${JSON.stringify(t)}`).toBe(true)
          }
          const areaTotal = Object.values(report.byArea).reduce((s, b) => s + b.timeUse.totalHours, 0)
          expect(Math.abs(areaTotal - report.timeUse.totalHours)).toBeLessThan(EPS)
          expect(
            Math.abs(
              report.timeUse.byKind.igv.totalHours +
                report.timeUse.byKind.community.totalHours -
                report.timeUse.totalHours
            )
          ).toBeLessThan(EPS)
        }),
        { numRuns: 60 }
      )
      // Community officers' rostered time is checked only on runs that take their shifts: some must.
      expect(runsWithCommunityShifts).toBeGreaterThan(3)
    },
    TIMEOUT
  )

  it(
    "the report's time use is what the raw events say, and no patrol's job and block time exceed its duty",
    () => {
      fc.assert(
        fc.property(scenarioInputArb({ calendar: true, communityShifts: true }), (input) => {
          const { report, events } = runScenario(decodeScenario(input))
          const perPatrol = patrolMinutes(events)
          const sum = { onDuty: 0, prio1: 0, prio2: 0, prio3: 0, planned: 0, calendar: 0 }
          for (const [patrol, m] of perPatrol) {
            // Free time (duty minus jobs, blocks and dated events) is never negative: nothing is counted twice.
            expect(m.onDuty - m.prio1 - m.prio2 - m.prio3 - m.planned - m.calendar, patrol).toBeGreaterThanOrEqual(
              -1e-6
            )
            for (const k of ["onDuty", "prio1", "prio2", "prio3", "planned", "calendar"] as const) sum[k] += m[k]
          }
          const t = report.timeUse
          expect(Math.abs(t.totalHours - sum.onDuty / 60)).toBeLessThan(EPS)
          expect(Math.abs(t.prio1Hours - sum.prio1 / 60)).toBeLessThan(EPS)
          expect(Math.abs(t.prio2Hours - sum.prio2 / 60)).toBeLessThan(EPS)
          expect(Math.abs(t.prio3Hours - sum.prio3 / 60)).toBeLessThan(EPS)
          expect(Math.abs(t.plannedHours - sum.planned / 60)).toBeLessThan(EPS)
          expect(Math.abs((t.calendarEventHours ?? 0) - sum.calendar / 60)).toBeLessThan(EPS)
          expectCommunityRosterFromRawEvents(report, events, perPatrol)
        }),
        { numRuns: 40 }
      )
    },
    TIMEOUT
  )

  it(
    "with tasks, time around jobs, dated events and community shifts taken: every category, old and new, sums to on-duty time and is what the raw events say",
    () => {
      fc.assert(
        fc.property(scenarioInputArb({ patrolWork: true, calendar: true, communityShifts: true }), (input) => {
          const { report, events } = runScenario(decodeScenario(input))
          const perPatrol = patrolMinutes(events)
          const keys = BUSY_CATEGORIES
          const sum: PatrolMinutes = noMinutes("all")
          for (const [patrol, m] of perPatrol) {
            expect(
              keys.reduce((free, k) => free - m[k], m.onDuty),
              patrol
            ).toBeGreaterThanOrEqual(-1e-6)
            for (const k of ["onDuty", ...keys] as const) sum[k] += m[k]
          }
          for (const t of [
            report.timeUse,
            report.timeUse.byKind.igv,
            report.timeUse.byKind.community,
            ...Object.values(report.byArea).map((b) => b.timeUse)
          ]) {
            const parts = [
              t.prio1Hours,
              t.prio2Hours,
              t.prio3Hours,
              t.plannedHours,
              t.calendarEventHours ?? 0,
              t.freeHours,
              t.taskHours!,
              t.briefingHours!,
              t.mealHours!,
              t.reportWritingHours!,
              t.transportHours!
            ]
            expect(
              parts.every((h) => h >= -EPS),
              JSON.stringify(t)
            ).toBe(true)
            expect(Math.abs(parts.reduce((a, b) => a + b, 0) - t.totalHours), JSON.stringify(t)).toBeLessThan(EPS)
            expect(Math.abs(t.selfInitiatedHours! + t.standbyHours! - t.freeHours)).toBeLessThan(EPS)
            expect(Math.abs(t.ledLineHours! - t.plannedHours - t.taskHours!)).toBeLessThan(EPS)
          }
          const t = report.timeUse
          const raw: ReadonlyArray<readonly [number, number]> = [
            [t.totalHours, sum.onDuty],
            [t.prio1Hours, sum.prio1],
            [t.prio2Hours, sum.prio2],
            [t.prio3Hours, sum.prio3],
            [t.plannedHours, sum.planned],
            [t.calendarEventHours ?? 0, sum.calendar],
            [t.taskHours!, sum.task],
            [t.briefingHours!, sum.briefing],
            [t.mealHours!, sum.meal],
            [t.reportWritingHours!, sum.reportWriting],
            [t.transportHours!, sum.transport]
          ]
          for (const [hours, minutes] of raw) expect(Math.abs(hours - minutes / 60)).toBeLessThan(EPS)
          expect(Math.abs(report.tasks!.workedHours - t.taskHours!)).toBeLessThan(EPS)
          expect(report.tasks!.completed + report.tasks!.abandoned).toBe(report.tasks!.assigned)
          expectCommunityRosterFromRawEvents(report, events, perPatrol)
        }),
        { numRuns: 60 }
      )
    },
    TIMEOUT
  )
})
