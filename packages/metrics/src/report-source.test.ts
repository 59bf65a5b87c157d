import { describe, expect, it } from "vitest"
import { shiftEnded, shiftStarted } from "./feed.test-util.js"
import { fold, type ReportScenario, reportProjection } from "./index.js"

// A patrol's day with none of the tasks' or time-around-jobs' events: what the report shows of them then depends
// on what it was told it folds, which no caller can leave out.
const day = [shiftStarted(0, "p1"), shiftEnded(480, "p1")]

const withTimeAroundJobs: ReportScenario = {
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
    for (const source of [{ scenario: { timeZone: "Europe/Stockholm" } }, { recordedFeed: {} }]) {
      const r = fold(reportProjection(source), day)
      expect(r.tasks).toBeUndefined()
      expect(r.timeUse.selfInitiatedHours).toBeUndefined()
    }
  })
})
