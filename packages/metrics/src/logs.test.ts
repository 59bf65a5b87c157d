import { fromLocal } from "@igv/domain"
import type { IgvEvent } from "@igv/domain"
import { describe, expect, it } from "vitest"
import {
  abandoned,
  blockStarted,
  cleared,
  completed,
  dispatched,
  interrupted,
  onScene,
  registered,
  resumed,
  shiftStarted
} from "./feed.test-util.js"
import { dispatchLog, fold, interruptionLog, interruptionLogIn, segmentLog } from "./index.js"

describe("the interruption log", () => {
  // Given a community officer's 180-min block (start 0) interrupted at 30 (back at 50) and at 100, then abandoned at 140.
  const feed: ReadonlyArray<IgvEvent> = [
    shiftStarted(0, "c1", "south", "community"),
    blockStarted(0, "b1", "c1", 180, "south", "promise-9"),
    registered(30, "i1", 2),
    dispatched(30, "i1", "c1", 2),
    interrupted(30, "b1", "c1", "i1", 2),
    cleared(50, "i1", "c1"),
    resumed(50, "b1", "c1"),
    registered(100, "i2", 3),
    dispatched(100, "i2", "c1", 3),
    interrupted(100, "b1", "c1", "i2", 3),
    cleared(140, "i2", "c1"),
    abandoned(140, "b1", "c1")
  ]

  it("then the first interruption lost 20 min (until resumed) and the second the 80 min left of the plan", () => {
    const log = fold(interruptionLog, feed)
    expect(log.map((i) => [i.incident, i.prio, i.minutesLost, i.patrolKind, i.area, i.tag])).toEqual([
      ["i1", 2, 20, "community", "south", "promise-9"],
      ["i2", 3, 80, "community", "south", "promise-9"]
    ])
    const delivered = fold(segmentLog, feed).reduce((a, s) => a + s.minutes, 0)
    expect(delivered).toBe(30 + 50)
    expect(180 - delivered).toBe(20 + 80)
  })

  it("given a time zone, then each interruption carries its local time with offset", () => {
    const t = fromLocal(2024, 1, 15, 8, 5)
    const log = fold(interruptionLogIn("Europe/Stockholm"), [
      shiftStarted(t - 60, "p1"),
      blockStarted(t - 30, "b1", "p1", 60),
      registered(t, "i1", 1),
      dispatched(t, "i1", "p1", 1),
      interrupted(t, "b1", "p1", "i1", 1)
    ])
    expect(log[0]!.at).toBe("2024-01-15T08:05:00+01:00")
    // Still interrupted when the feed ends: lost up to the end of the feed.
    expect(log[0]!.minutesLost).toBe(0)
  })

  it("given a block still interrupted at the end, then it has lost its plan up to the last event", () => {
    const log = fold(interruptionLog, [...feed.slice(0, 10), registered(120, "i3", 3)])
    expect(log[1]!.minutesLost).toBe(20)
  })
})

describe("the segment log", () => {
  it("lists zero-length stretches and closes an open one at the last event", () => {
    const segments = fold(segmentLog, [
      shiftStarted(0, "p1"),
      registered(0, "i1", 3),
      dispatched(0, "i1", "p1", 3),
      blockStarted(10, "b1", "p1", 60),
      interrupted(10, "b1", "p1", "i1", 3),
      cleared(20, "i1", "p1"),
      resumed(20, "b1", "p1"),
      completed(70, "b1", "p1"),
      blockStarted(80, "b2", "p1", 60),
      registered(95, "x", 3)
    ])
    expect(segments.map((s) => [s.block, s.startT, s.endT, s.minutes])).toEqual([
      ["b1", 10, 10, 0],
      ["b1", 20, 70, 50],
      ["b2", 80, 95, 15]
    ])
  })
})

describe("the dispatch log", () => {
  it("keeps the first dispatch and first arrival of each incident, and leaves out incidents never dispatched", () => {
    const log = fold(dispatchLog, [
      shiftStarted(0, "p1"),
      shiftStarted(0, "p2"),
      registered(0, "i1", 1),
      dispatched(2, "i1", "p1", 1),
      dispatched(3, "i1", "p2", 1),
      onScene(9, "i1", "p2"),
      onScene(11, "i1", "p1"),
      registered(12, "i2", 3),
      registered(13, "i3", 2),
      dispatched(14, "i3", "p1", 2)
    ])
    expect(log).toEqual([
      { incident: "i1", area: "north", prio: 1, registeredT: 0, dispatchT: 2, arrivalT: 9, patrol: "p1" },
      { incident: "i3", area: "north", prio: 2, registeredT: 13, dispatchT: 14, patrol: "p1" }
    ])
  })
})
