import type { IgvEvent } from "@igv/domain"
import { decodeWith, IgvEvent as IgvEventSchema } from "@igv/domain"
import { describe, expect, it } from "vitest"
import {
  blockStarted,
  committed,
  completed,
  gaveWay,
  registered,
  released,
  resumed,
  shiftEnded,
  shiftStarted
} from "./feed.test-util.js"
import { fold, gaveWayLogIn, interruptionLog, patrolTimeLog, reportProjection, segmentLog } from "./index.js"

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
    expect(r.timeUse).toMatchObject({
      calendarEventHours: 2,
      plannedHours: 3,
      freeHours: 5,
      totalHours: 10,
      prio1Hours: 0
    })
    expect(r.timeUse.byKind.community.calendarEventHours).toBe(0)
    expect(r.interruptions).toMatchObject({ total: 1, calendarEvents: 1, byPriority: { "1": 0, "2": 0, "3": 0 } })
    expect(r.lineTime).toMatchObject({ plannedHours: 5, deliveredHours: 3, blocksInterrupted: 1 })
    expect(r.byArea["north"]!.timeUse.calendarEventHours).toBe(2)
    expect(fold(segmentLog, day).map((g) => [g.startT, g.endT])).toEqual([
      [0, 60],
      [180, 300]
    ])
    expect(fold(interruptionLog, day)).toEqual([])
    // The block's row in the gave-way log: its cause is the dated event, and it cost the 2 h until it resumed.
    expect(fold(gaveWayLogIn(), day)).toEqual([
      {
        t: 60,
        area: "north",
        patrol: "p1",
        patrolKind: "igv",
        block: "b1",
        calendarEvent: "op/2024-05-06",
        minutesLost: 120
      }
    ])
    expect(fold(patrolTimeLog, day)).toEqual([
      expect.objectContaining({ calendarEventMinutes: 120, plannedMinutes: 180, freeMinutes: 300, onDutyMinutes: 600 })
    ])
  })

  it("a feed without dated events has neither figure, so its report is what it was", () => {
    const r = report([shiftStarted(0, "p1"), registered(10, "i1", 3), shiftEnded(60, "p1")])
    expect("calendarEventHours" in r.timeUse).toBe(false)
    expect("calendarEvents" in r.interruptions).toBe(false)
  })

  it("a task set aside for a dated event: the report and the per-patrol log keep the two apart", () => {
    // p1 on duty 0–600: task 0–60, operation 60–120 (task set aside), task 120–200 done, meal 200–230.
    const decode = decodeWith(IgvEventSchema)
    const event = (e: Record<string, unknown>): IgvEvent => {
      const r = decode(e)
      if (!r.ok) throw new Error(JSON.stringify(r.issues))
      return r.value
    }
    const feed = [
      shiftStarted(0, "p1"),
      event({ _tag: "TaskAssigned", t: 0, task: "t1", patrol: "p1", area: "north", plannedMinutes: 140 }),
      event({ _tag: "TaskStarted", t: 0, task: "t1", patrol: "p1" }),
      committed(60, "p1", "op/2024-05-06"),
      event({ _tag: "TaskPaused", t: 60, task: "t1", patrol: "p1" }),
      released(120, "p1", "op/2024-05-06"),
      event({ _tag: "TaskStarted", t: 120, task: "t1", patrol: "p1" }),
      event({ _tag: "TaskCompleted", t: 200, task: "t1", patrol: "p1" }),
      event({ _tag: "PatrolActivityStarted", t: 200, patrol: "p1", activity: "meal" }),
      event({ _tag: "PatrolActivityEnded", t: 230, patrol: "p1", activity: "meal" }),
      shiftEnded(600, "p1")
    ]
    expect(report(feed).timeUse).toMatchObject({
      taskHours: 140 / 60,
      calendarEventHours: 1,
      mealHours: 0.5,
      freeHours: 370 / 60,
      totalHours: 10
    })
    expect(fold(patrolTimeLog, feed)).toEqual([
      expect.objectContaining({
        taskMinutes: 140,
        calendarEventMinutes: 60,
        mealMinutes: 30,
        freeMinutes: 370,
        plannedMinutes: 0,
        onDutyMinutes: 600
      })
    ])
  })
})
