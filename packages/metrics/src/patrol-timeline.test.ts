import type { IgvEvent } from "@igv/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import {
  abandoned,
  blockStarted,
  cleared,
  dispatched,
  interrupted,
  legalFeed,
  onScene,
  recalled,
  registered,
  resumed,
  shiftEnded,
  shiftStarted,
  unstaffed
} from "./feed.test-util.js"
import { fold, patrolTimeline } from "./index.js"

describe("the patrol timeline", () => {
  // Given a patrol's shift 0–480 with a 180-min block from 60, a prio-2 call at 90 (on scene 100, cleared 110)
  // and a prio-3 call at 200 recalled at 230 by a prio-1 call, cleared 260, block abandoned at 260.
  const feed: ReadonlyArray<IgvEvent> = [
    shiftStarted(0, "p1", "south"),
    shiftStarted(0, "p2", "north"),
    blockStarted(60, "b1", "p1", 180, "south", "promise-9"),
    registered(85, "i1", 2),
    dispatched(90, "i1", "p1", 2),
    interrupted(90, "b1", "p1", "i1", 2),
    onScene(100, "i1", "p1"),
    cleared(110, "i1", "p1"),
    resumed(110, "b1", "p1"),
    registered(200, "i2", 3),
    dispatched(200, "i2", "p1", 3),
    interrupted(200, "b1", "p1", "i2", 3),
    registered(230, "i3", 1),
    recalled(230, "i2", "p1", "i3"),
    dispatched(230, "i3", "p1", 1),
    onScene(236, "i3", "p1"),
    cleared(260, "i3", "p1"),
    abandoned(260, "b1", "p1"),
    shiftEnded(480, "p1"),
    shiftEnded(480, "p2")
  ]

  it("then it shows the shift, the block's stretches, the jobs and each interruption with its call", () => {
    const tl = fold(patrolTimeline({ patrols: ["p1"] }), feed)
    expect(tl.patrols).toEqual([{ patrol: "p1", area: "south", kind: "igv" }])
    expect(tl.shifts.map((s) => [s.patrol, s.startT, s.endT])).toEqual([["p1", 0, 480]])
    expect(tl.planned).toEqual([{ block: "b1", area: "south", patrol: "p1", tag: "promise-9", startT: 60, endT: 240 }])
    expect(tl.blocks).toEqual([
      { patrol: "p1", block: "b1", tag: "promise-9", startT: 60, endT: 90 },
      { patrol: "p1", block: "b1", tag: "promise-9", startT: 110, endT: 200 }
    ])
    expect(
      tl.jobs.map((j) => [j.incident, j.prio, j.registeredT, j.dispatchedT, j.onSceneT, j.clearedT, j.recalled, j.endT])
    ).toEqual([
      ["i1", 2, 85, 90, 100, 110, undefined, 110],
      ["i2", 3, 200, 200, undefined, 230, true, 230],
      ["i3", 1, 230, 230, 236, 260, undefined, 260]
    ])
    expect(
      tl.interruptions.map((r) => [
        r.incident,
        r.minutesLost,
        r.area,
        r.call?.area,
        r.call?.registeredT,
        r.call?.onSceneT,
        r.call?.clearedT
      ])
    ).toEqual([
      // A call of the north took the south's patrol: the block is the south's, the call (and its rules) the north's.
      ["i1", 20, "south", "north", 85, 100, 110],
      // The block never resumed: it lost the plan up to its planned end (60 + 180).
      ["i2", 40, "south", "north", 200, undefined, 230]
    ])
  })

  it("given a window, then it keeps only what overlaps it", () => {
    const tl = fold(patrolTimeline({ from: 100, to: 205 }), feed)
    expect(tl.blocks.map((b) => b.startT)).toEqual([110])
    expect(tl.jobs.map((j) => j.incident)).toEqual(["i1", "i2"])
    expect(tl.interruptions.map((r) => r.incident)).toEqual(["i1", "i2"])
    expect(tl.patrols.map((p) => p.patrol)).toEqual(["p1", "p2"])
  })

  it("given an area, then only that area's patrols, and its unstaffed blocks unless patrols are named", () => {
    const withUnstaffed = [...feed.slice(0, 2), unstaffed(30, "b9", 120, "nobodyOnDuty", "north"), ...feed.slice(2)]
    const north = fold(patrolTimeline({ area: "north" }), withUnstaffed)
    expect(north.shifts.map((s) => s.patrol)).toEqual(["p2"])
    expect(north.planned).toEqual([{ block: "b9", area: "north", startT: 30, endT: 150, unstaffed: "nobodyOnDuty" }])
    expect(fold(patrolTimeline({ patrols: ["p2"] }), withUnstaffed).planned).toEqual([])
  })

  it("on any legal feed: shifts add up to the time on duty, and every block stretch and job lies inside a shift of its patrol", () => {
    // Feeds that hold each kind of row: the loops below check nothing on a feed without them.
    const seen = { blocks: 0, jobs: 0, interruptions: 0 }
    fc.assert(
      fc.property(legalFeed({ flush: true }), (feed) => {
        const tl = fold(patrolTimeline(), feed.events)
        if (tl.blocks.length > 0) seen.blocks++
        if (tl.jobs.length > 0) seen.jobs++
        if (tl.interruptions.length > 0) seen.interruptions++
        for (const [patrol, minutes] of feed.onDuty) {
          expect(tl.shifts.filter((s) => s.patrol === patrol).reduce((a, s) => a + (s.endT - s.startT), 0)).toBeCloseTo(
            minutes,
            6
          )
        }
        const inShift = (patrol: string, startT: number, endT: number) =>
          tl.shifts.some((s) => s.patrol === patrol && s.startT <= startT && endT <= s.endT)
        for (const b of tl.blocks) expect(inShift(b.patrol, b.startT, b.endT)).toBe(true)
        // A block delivers at most what was planned for it.
        for (const p of tl.planned) {
          const delivered = tl.blocks
            .filter((b) => b.block === p.block && b.patrol === p.patrol)
            .reduce((a, b) => a + (b.endT - b.startT), 0)
          expect(delivered).toBeLessThanOrEqual(p.endT - p.startT + 1e-9)
        }
        for (const j of tl.jobs) expect(inShift(j.patrol, j.dispatchedT, j.endT)).toBe(true)
        for (const r of tl.interruptions) expect(r.call?.incident).toBe(r.incident)
      }),
      { numRuns: 200 }
    )
    expect(seen.blocks, "feeds with block stretches").toBeGreaterThan(20)
    expect(seen.jobs, "feeds with jobs").toBeGreaterThan(20)
    expect(seen.interruptions, "feeds with interruptions").toBeGreaterThan(20)
  })
})
