import type { IgvEvent } from "@igv/domain"
import { decodeScenario } from "@igv/research"
import { describe, expect, it } from "vitest"
import { runScenario } from "./properties/run.js"
import { streamViolations } from "./properties/stream-invariants.js"

// One IGV patrol on duty 08:00–16:00 local on Monday 2024-01-08 (UTC+1), no calls: a 30-minute briefing, one
// 120-minute task from the group chief's list, a 30-minute meal due at 12:00, and dated events. Every minute
// below can be checked by hand.
const MON_08 = Date.UTC(2024, 0, 8, 7, 0) / 60_000
const onePatrol = (calendar: ReadonlyArray<Record<string, unknown>>, taskMinutes = 120) =>
  decodeScenario({
    name: "one patrol, tasks and dated events",
    start: "2024-01-08",
    days: 1,
    areas: [{ id: "a" }],
    dimensioning: [{ area: "a", patrols: 1, weekdays: ["mon"], start: "08:00", end: "16:00" }],
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 1 } }] },
    tasks: [{ area: "a", perShift: 1, duration: { _tag: "fixed", minutes: taskMinutes } }],
    timeAroundJobs: {
      briefing: { minutes: { _tag: "fixed", minutes: 30 } },
      meal: { afterMinutes: 240, minutes: { _tag: "fixed", minutes: 30 } }
    },
    calendar: calendar.map((c, i) => ({
      id: `ev${i}`,
      kind: "operation",
      from: "2024-01-08",
      to: "2024-01-08",
      takes: [{ area: "a", patrols: 1 }],
      ...c
    }))
  })

/** Each event other than the shift's, as "Tag@minute after 08:00". */
const timeline = (events: ReadonlyArray<IgvEvent>) =>
  events.filter((e) => e._tag !== "ShiftStarted" && e._tag !== "ShiftEnded").map((e) => `${e._tag}@${e.t - MON_08}`)

describe("a patrol with a task and dated events", () => {
  it("an event that interrupts planned work sets the task aside; the meal due during a later event waits for the release", () => {
    // 09:00–10:00 interrupts planned work; 11:50–12:40 does not (the patrol is free by then).
    const { events, report } = runScenario(
      onePatrol([
        { start: "09:00", end: "10:00", interruptsPlannedWork: true },
        { start: "11:50", end: "12:40", interruptsPlannedWork: false }
      ])
    )
    expect(timeline(events)).toEqual([
      "TaskAssigned@0",
      "PatrolActivityStarted@0",
      "PatrolActivityEnded@30",
      // The task runs 30 min, is set aside for the first event (no call: no incident), and goes on with 90 left.
      "TaskStarted@30",
      "PatrolCommitted@60",
      "TaskPaused@60",
      "PatrolReleased@120",
      "TaskStarted@120",
      "TaskCompleted@210",
      // The second event takes the free patrol; the meal falls due at 12:00 meanwhile and is taken at the release.
      "PatrolCommitted@230",
      "PatrolReleased@280",
      "PatrolActivityStarted@280",
      "PatrolActivityEnded@310"
    ])
    expect(events.find((e) => e._tag === "TaskPaused")).not.toHaveProperty("incident")
    expect(streamViolations(events)).toEqual([])
    // 480 min on duty: briefing 30, task 30 + 90, dated events 60 + 50, meal 30, free the 190 left.
    expect(report.timeUse).toMatchObject({
      totalHours: 8,
      briefingHours: 0.5,
      taskHours: 2,
      calendarEventHours: 110 / 60,
      mealHours: 0.5,
      freeHours: 190 / 60,
      plannedHours: 0,
      prio1Hours: 0,
      prio2Hours: 0,
      prio3Hours: 0,
      ledLineHours: 2
    })
    // Setting a task aside for a dated event is no call's interruption, and no block gave way.
    expect(report.tasks).toMatchObject({
      assigned: 1,
      completed: 1,
      abandoned: 0,
      workedHours: 2,
      interruptions: { total: 0 }
    })
    expect(report.interruptions).toMatchObject({ total: 0, calendarEvents: 0 })
  })

  it("an event that does not interrupt planned work waits for the task to end", () => {
    const { events, report } = runScenario(
      onePatrol([{ start: "09:00", end: "12:00", interruptsPlannedWork: false }], 150)
    )
    // Briefing 0–30, task 30–180 uninterrupted, then the event holds the patrol 180–240; the meal falls due at its release.
    expect(timeline(events)).toEqual([
      "TaskAssigned@0",
      "PatrolActivityStarted@0",
      "PatrolActivityEnded@30",
      "TaskStarted@30",
      "TaskCompleted@180",
      "PatrolCommitted@180",
      "PatrolReleased@240",
      "PatrolActivityStarted@240",
      "PatrolActivityEnded@270"
    ])
    expect(report.timeUse).toMatchObject({
      totalHours: 8,
      briefingHours: 0.5,
      taskHours: 2.5,
      calendarEventHours: 1,
      mealHours: 0.5,
      freeHours: 3.5
    })
  })
})
