import { HistoryReport } from "@igv/domain"
import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { blockStarted, completed, dispatched, onScene, registered, shiftEnded, shiftStarted } from "./feed.test-util.js"
import { fold, historyProjection, reportProjection } from "./index.js"

describe("the report of a recorded window", () => {
  it("given an incident-only window, then dispatch, arrival, line time and time use are not measured (null), never 0 % or 100 %", () => {
    const events = [registered(0, "a", 1), registered(5, "b", 3, "south"), registered(30, "c", 1)]
    const r = fold(historyProjection(), events)
    expect(r.eventKinds).toEqual({ IncidentRegistered: 3 })
    expect(r.missing).toEqual(["lineTime", "interruptions", "dispatch", "arrival", "timeUse"])
    expect(r.lineTime).toBeNull()
    expect(r.interruptions).toBeNull()
    expect(r.timeUse).toBeNull()
    expect(r.response["1"]).toMatchObject({
      count: 2,
      withinTarget: null,
      dispatched: null,
      undispatched: null,
      n: null,
      meanDispatchMinutes: null,
      arrived: null,
      arrivedWithinTarget: null
    })
    expect(r.byArea["south"]!.response["3"]).toMatchObject({ count: 1, withinTarget: null })
    expect(r.byArea["south"]!.lineTime).toBeNull()
    // The plain report of the same window reads 0 % within target, as if no patrol had come.
    expect(fold(reportProjection({ recordedFeed: {} }), events).response["1"].withinTarget).toBe(0)
    expect(Schema.is(HistoryReport)(JSON.parse(JSON.stringify(r)))).toBe(true)
  })

  it("given a window with every kind, then nothing is missing and the figures are the plain report's", () => {
    const events = [
      shiftStarted(0, "p1"),
      blockStarted(10, "b1", "p1", 60),
      completed(70, "b1", "p1"),
      registered(80, "i1", 2),
      dispatched(82, "i1", "p1", 2),
      onScene(90, "i1", "p1"),
      shiftEnded(120, "p1")
    ]
    const r = fold(historyProjection(), events)
    const plain = fold(reportProjection({ recordedFeed: {} }), events)
    expect(r.missing).toEqual([])
    expect(r.lineTime).toEqual(plain.lineTime)
    expect(r.response).toEqual(plain.response)
    expect(r.timeUse).toEqual(plain.timeUse)
    expect(Object.keys(r.eventKinds)).toEqual([
      "IncidentRegistered",
      "PatrolDispatched",
      "PatrolOnScene",
      "PlannedBlockCompleted",
      "PlannedBlockStarted",
      "ShiftEnded",
      "ShiftStarted"
    ])
  })

  it("given dispatches but no arrivals, then only the arrival figures are not measured", () => {
    const r = fold(historyProjection(), [shiftStarted(0, "p1"), registered(0, "i1", 1), dispatched(2, "i1", "p1", 1)])
    expect(r.missing).toEqual(["lineTime", "interruptions", "arrival"])
    expect(r.response["1"]).toMatchObject({ n: 1, withinTarget: 1, arrived: null, meanArrivalMinutes: null })
    expect(r.timeUse).not.toBeNull()
  })
})
