import { describe, expect, it } from "vitest"
import { blockStarted, completed, shiftEnded, shiftStarted, unstaffed } from "./feed.test-util.js"
import { fold, type ReportScenario, reportProjection } from "./index.js"

// A patrol's day with none of the tasks' or time-around-jobs' events: what the report shows of them then depends
// on what it was told it folds, which no caller can leave out.
const day = [shiftStarted(0, "p1"), shiftEnded(480, "p1")]

// t = 0 is 1970-01-01 00:00 UTC, 01:00 in Stockholm: this one-day horizon ends at 23:00 UTC, t = 1380.
const horizon = { start: "1970-01-01", days: 1 } as const

const withTimeAroundJobs: ReportScenario = {
  ...horizon,
  timeZone: "Europe/Stockholm",
  leadership: { listShare: 1, windows: [], selfInitiatedShare: 0.25 }
}

describe("a report is told what it folds", () => {
  it("given no source, or a time zone alone, the compiler refuses it and the projection throws", () => {
    // @ts-expect-error a report must be told whether it folds a simulated run or a recorded feed
    expect(() => reportProjection()).toThrow(/\{ scenario \}.*\{ recordedFeed \}/)
    // @ts-expect-error a time zone alone does not say whether the run had tasks and time around jobs
    expect(() => reportProjection({ timeZone: "Europe/Stockholm" })).toThrow(/\{ scenario \}.*\{ recordedFeed \}/)
  })

  it("given a scenario with leadership, its report shows the tasks' time and splits free time by its share", () => {
    const r = fold(reportProjection({ scenario: withTimeAroundJobs }), day)
    expect(r.tasks).toMatchObject({ assigned: 0, workedHours: 0, survival: null })
    expect(r.timeUse.taskHours).toBe(0)
    expect(r.timeUse.selfInitiatedHours).toBeCloseTo(r.timeUse.freeHours * 0.25, 12)
    expect(r.timeUse.standbyHours).toBeCloseTo(r.timeUse.freeHours * 0.75, 12)
  })

  it("given a scenario without them, or a recorded feed without their events, the report leaves them out", () => {
    for (const source of [{ scenario: { ...horizon, timeZone: "Europe/Stockholm" } }, { recordedFeed: {} }]) {
      const r = fold(reportProjection(source), day)
      expect(r.tasks).toBeUndefined()
      expect(r.timeUse.selfInitiatedHours).toBeUndefined()
    }
  })

  it("given a simulated run, planned time past its horizon's end is named apart, not counted planned and unstaffed", () => {
    const end = 1380
    const events = [
      shiftStarted(0, "p1"),
      blockStarted(end - 240, "b1", "p1", 180, "north", "night"),
      // Its patrol went off duty an hour before the end: the rest, an hour inside and an hour past it, went to nobody.
      completed(end - 60, "b1", "p1"),
      shiftEnded(end - 60, "p1"),
      unstaffed(end - 60, "b1/handover", 120, "nobodyOnDuty", "north", "night"),
      // Left unstaffed an hour before the end and running three hours past it.
      unstaffed(end - 60, "b2/0", 240, "tooFewPatrols", "north", "night")
    ]
    const simulated = fold(reportProjection({ scenario: { ...horizon, timeZone: "Europe/Stockholm" } }), events)
    expect(simulated.lineTime).toMatchObject({
      plannedHours: 5,
      staffedHours: 3,
      unstaffedHours: 2,
      unstaffed: { nobodyOnDuty: 1, reserve: 0, tooFewPatrols: 1 },
      beyondHorizonHours: 4,
      deliveredHours: 3,
      survival: 3 / 5,
      blocksPlanned: 3,
      blocksUnstaffed: 2
    })
    expect(simulated.byArea.north!.lineTime.beyondHorizonHours).toBe(4)
    expect(simulated.byTag).toMatchObject([{ tag: "night", plannedHours: 5, unstaffedHours: 2 }])
    // A recorded feed has no horizon: every planned minute it holds is counted.
    const recorded = fold(reportProjection({ recordedFeed: { timeZone: "Europe/Stockholm" } }), events)
    expect(recorded.lineTime).toMatchObject({ plannedHours: 9, unstaffedHours: 6, beyondHorizonHours: 0 })
  })
})
