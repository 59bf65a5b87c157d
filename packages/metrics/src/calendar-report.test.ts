import type { IgvEvent } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { blockStarted, committed, completed, gaveWay, registered, released, resumed, shiftEnded, shiftStarted } from "./feed.test-util.js"
import { fold, patrolTimeLog, reportProjection } from "./index.js"

const report = (events: ReadonlyArray<IgvEvent>) => fold(reportProjection(), events)

describe("a patrol's day with a dated event", () => {
  // Given: p1 on duty 0–600; block b1 0–300 gives way at 60 to an operation that holds p1 until 180, then resumes.
  const day: ReadonlyArray<IgvEvent> = [
    shiftStarted(0, "p1"),
    blockStarted(0, "b1", "p1", 300),
    committed(60, "p1", "op/2024-05-06"),
    gaveWay(60, "b1", "p1", "op/2024-05-06"),
    released(180, "p1", "op/2024-05-06"),
    resumed(180, "b1", "p1"),
    completed(300, "b1", "p1"),
    shiftEnded(600, "p1")
  ]

  it("then 2 h are on the dated event, 3 h in the block, 5 h free, and the block gave way once", () => {
    const r = report(day)
    expect(r.timeUse).toMatchObject({ calendarEventHours: 2, plannedHours: 3, freeHours: 5, totalHours: 10, prio1Hours: 0 })
    expect(r.timeUse.byKind.community.calendarEventHours).toBe(0)
    expect(r.interruptions).toMatchObject({ total: 1, calendarEvents: 1, byPriority: { "1": 0, "2": 0, "3": 0 } })
    expect(r.lineTime).toMatchObject({ plannedHours: 5, deliveredHours: 3, blocksInterrupted: 1 })
    expect(r.byArea["north"]!.timeUse.calendarEventHours).toBe(2)
    expect(fold(patrolTimeLog, day)).toEqual([expect.objectContaining({ calendarEventMinutes: 120, plannedMinutes: 180, freeMinutes: 300, onDutyMinutes: 600 })])
  })

  it("a feed without dated events has neither figure, so its report is what it was", () => {
    const r = report([shiftStarted(0, "p1"), registered(10, "i1", 3), shiftEnded(60, "p1")])
    expect("calendarEventHours" in r.timeUse).toBe(false)
    expect("calendarEvents" in r.interruptions).toBe(false)
  })
})
