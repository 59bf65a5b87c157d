import { fromLocal } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { expectedWork } from "./expected-work.js"
import { ofType, run, scenario } from "./scenarios.test-util.js"
import { violations } from "./stream-checker.test-util.js"

const at = (day: number, hh: number, mm = 0) => fromLocal(2024, 5, 6 + day, hh, mm, "Europe/Stockholm")

/** One IGV patrol 08:00–16:00 on Monday 6 May 2024, a block 09:00–13:00, and whatever `extra` adds. */
const onePatrol = (extra: Record<string, unknown> = {}) =>
  scenario({
    name: "one patrol",
    start: "2024-05-06",
    days: 1,
    areas: [{ id: "a" }],
    travel: { default: { _tag: "fixed", minutes: 5 } },
    dimensioning: [{ area: "a", patrols: 1, start: "08:00", end: "16:00" }],
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 10 } }] },
    plannedBlocks: [{ area: "a", start: "09:00", durationMinutes: 240, patrols: 1, tag: "promise" }],
    ...extra
  })

const operation = (interruptsPlannedWork: boolean, start = "10:00", end = "12:00") => ({
  calendar: [
    {
      id: "op",
      kind: "operation",
      from: "2024-05-06",
      to: "2024-05-06",
      start,
      end,
      takes: [{ area: "a", patrols: 1 }],
      interruptsPlannedWork
    }
  ]
})

const tags = (events: ReadonlyArray<{ _tag: string; t: number }>) => events.map((e) => `${e._tag}@${e.t}`)

describe("dated events", () => {
  it("take the patrol out of its block when they interrupt planned work; the block resumes after", () => {
    const { events } = run(onePatrol(operation(true)))
    expect(tags(events.filter((e) => e._tag !== "ShiftStarted" && e._tag !== "ShiftEnded"))).toEqual([
      `PlannedBlockStarted@${at(0, 9)}`,
      `PatrolCommitted@${at(0, 10)}`,
      `PlannedBlockGaveWay@${at(0, 10)}`,
      `PatrolReleased@${at(0, 12)}`,
      `PlannedBlockResumed@${at(0, 12)}`,
      `PlannedBlockCompleted@${at(0, 13)}`
    ])
    expect(ofType(events, "PatrolCommitted")[0]).toMatchObject({
      patrol: "a/igv/0",
      calendarEvent: "op/2024-05-06",
      kind: "operation"
    })
  })

  it("wait for the block to end when they do not interrupt planned work", () => {
    const { events } = run(onePatrol(operation(false, "10:00", "14:00")))
    expect(ofType(events, "PatrolCommitted").map((e) => e.t)).toEqual([at(0, 13)])
    expect(ofType(events, "PatrolReleased").map((e) => e.t)).toEqual([at(0, 14)])
    expect(ofType(events, "PlannedBlockGaveWay")).toEqual([])
  })

  it("hold the patrol away from planned blocks: a block starting during one finds no patrol", () => {
    const { events } = run(onePatrol(operation(true, "08:30", "09:30")))
    expect(ofType(events, "PlannedBlockUnstaffed")).toMatchObject([
      { t: at(0, 9), plannedMinutes: 240, reason: "tooFewPatrols" }
    ])
    expect(ofType(events, "PlannedBlockStarted")).toEqual([])
  })

  it("keep calls waiting while they hold the only patrol, and release it at the shift's end", () => {
    const s = onePatrol({ ...operation(true, "10:00", "18:00"), plannedBlocks: [] })
    const call = {
      _tag: "IncidentRegistered" as const,
      t: at(0, 11),
      incident: "c1" as never,
      area: "a" as never,
      prio: 1 as const,
      onSceneMinutes: 30,
      unitsNeeded: 1 as const
    }
    const { events, summary } = run(s, 1, [call])
    expect(ofType(events, "PatrolReleased").map((e) => e.t)).toEqual([at(0, 16)])
    expect(ofType(events, "PatrolDispatched")).toEqual([])
    expect(summary.unserved).toBe(1)
  })
})

describe("a dated event that takes a patrol whose block waits for its job", () => {
  it("takes it after its report, and the block starts late when the event releases it", () => {
    const s = onePatrol({
      ...operation(true, "09:00", "10:00"),
      timeAroundJobs: { reportWriting: [{ prios: [3], minutes: { _tag: "fixed", minutes: 15 } }] }
    })
    const call = {
      _tag: "IncidentRegistered" as const,
      t: at(0, 8, 40),
      incident: "c1" as never,
      area: "a" as never,
      prio: 3 as const,
      onSceneMinutes: 20,
      unitsNeeded: 1 as const
    }
    const { events } = run(s, 1, [call])
    // On the job 08:40–09:05 over the block's 09:00 start, its report until 09:20, then the operation until 10:00.
    expect(ofType(events, "PatrolCommitted").map((e) => e.t)).toEqual([at(0, 9, 20)])
    expect(ofType(events, "PlannedBlockStarted")).toMatchObject([{ t: at(0, 10), delayedMinutes: 60 }])
    expect(violations(s, events)).toEqual([])
  })
})

describe("seasons", () => {
  it("replace the dimensioning and planned blocks on the days they cover", () => {
    const s = onePatrol({
      days: 3,
      seasons: [
        {
          name: "summer",
          from: "2024-05-07",
          to: "2024-05-07",
          dimensioning: [{ area: "a", patrols: 2, start: "08:00", end: "16:00" }],
          plannedBlocks: []
        }
      ]
    })
    const { events } = run(s)
    expect(ofType(events, "ShiftStarted").map((e) => [e.t, e.patrol])).toEqual([
      [at(0, 8), "a/igv/0"],
      [at(1, 8), "a/igv/0"],
      [at(1, 8), "a/igv/1"],
      [at(2, 8), "a/igv/0"]
    ])
    expect(ofType(events, "PlannedBlockStarted").map((e) => e.block)).toEqual([
      "a/pb0/2024-05-06/0",
      "a/pb0/2024-05-08/0"
    ])
  })
})

describe("month-of-year demand", () => {
  it("scales each month's rate by its weight over the weights' mean", () => {
    const year = (monthOfYearProfile?: ReadonlyArray<number>) =>
      scenario({
        name: "year",
        start: "2024-01-01",
        days: 366,
        areas: [{ id: "a" }],
        dimensioning: [],
        demand: {
          synthetic: [
            {
              area: "a",
              prio: 3,
              perDay: 10,
              service: { _tag: "fixed", minutes: 10 },
              ...(monthOfYearProfile === undefined ? {} : { monthOfYearProfile })
            }
          ]
        }
      })
    // July alone, at 12 times the average month: 31 days × 10 × 12 calls.
    const july = [0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]
    expect(expectedWork(year(july)).calls).toBeCloseTo(31 * 10 * 12, 6)
    expect(expectedWork(year()).calls).toBeCloseTo(366 * 10, 6)
    const registered = ofType(run(year(july), 3).events, "IncidentRegistered")
    const inJuly = (t: number) =>
      t >= fromLocal(2024, 7, 1, 0, 0, "Europe/Stockholm") && t < fromLocal(2024, 8, 1, 0, 0, "Europe/Stockholm")
    expect(registered.length, "calls registered").toBeGreaterThan(0)
    expect(registered.every((e) => inJuly(e.t))).toBe(true)
    // Poisson with mean 3720: within 4 standard deviations (±244).
    expect(Math.abs(registered.length - 3720)).toBeLessThan(244)
  })
})
