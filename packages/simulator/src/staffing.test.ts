import { fromLocal } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { ofType, run, scenario } from "./scenarios.test-util.js"
import { violations } from "./stream-checker.test-util.js"

/** One area over one Monday, no calls: only the staffing of planned blocks happens. */
const day = (dimensioning: ReadonlyArray<object>, plannedBlocks: ReadonlyArray<object>, rules: object = {}) =>
  scenario({
    name: "staffing",
    start: "2024-05-06",
    days: 1,
    seed: 1,
    areas: [{ id: "a" }],
    dimensioning,
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 10 } }] },
    plannedBlocks,
    rules
  })
const at = (hh: number, mm = 0) => fromLocal(2024, 5, 6, hh, mm)
const unstaffed = (s: ReturnType<typeof day>) =>
  ofType(run(s).events, "PlannedBlockUnstaffed").map((e) => ({
    t: e.t,
    block: e.block,
    minutes: e.plannedMinutes,
    reason: e.reason,
    kind: e.kind,
    tag: e.tag
  }))

describe("staffing planned blocks", () => {
  it("given a block at an hour nobody of its kind is on duty, then all of it is unstaffed: nobody on duty", () => {
    const s = day(
      [{ area: "a", patrols: 1, start: "08:00", end: "16:00" }],
      [{ area: "a", start: "20:00", durationMinutes: 60, patrols: 1, tag: "promise" }]
    )
    expect(unstaffed(s)).toEqual([
      { t: at(20), block: "a/pb0/2024-05-06/0", minutes: 60, reason: "nobodyOnDuty", kind: "igv", tag: "promise" }
    ])
    expect(ofType(run(s).events, "PlannedBlockStarted")).toEqual([])
  })

  it("given a community block when only IGV patrols are on duty, then it is unstaffed: nobody of its kind", () => {
    const s = day(
      [{ area: "a", patrols: 2, start: "08:00", end: "16:00" }],
      [{ area: "a", patrolKind: "community", start: "09:00", durationMinutes: 60, patrols: 1 }]
    )
    expect(unstaffed(s)).toEqual([expect.objectContaining({ reason: "nobodyOnDuty", kind: "community", minutes: 60 })])
  })

  it("given a block asking for three patrols when one is on duty, then one is staffed and two are unstaffed: too few patrols", () => {
    const s = day(
      [{ area: "a", patrols: 1, start: "08:00", end: "16:00" }],
      [{ area: "a", start: "09:00", durationMinutes: 120, patrols: 3 }]
    )
    expect(ofType(run(s).events, "PlannedBlockStarted").map((e) => [e.block, e.patrol, e.plannedMinutes])).toEqual([
      ["a/pb0/2024-05-06/0", "a/igv/0", 120]
    ])
    expect(unstaffed(s).map((u) => [u.block, u.minutes, u.reason])).toEqual([
      ["a/pb0/2024-05-06/1", 120, "tooFewPatrols"],
      ["a/pb0/2024-05-06/2", 120, "tooFewPatrols"]
    ])
  })

  it("given a patrol already in another block, then it does not count as free: too few patrols", () => {
    const s = day(
      [{ area: "a", patrols: 1, start: "08:00", end: "16:00" }],
      [
        { area: "a", start: "09:00", durationMinutes: 120, patrols: 1 },
        { area: "a", start: "10:00", durationMinutes: 30, patrols: 1 }
      ]
    )
    expect(unstaffed(s)).toEqual([expect.objectContaining({ t: at(10), minutes: 30, reason: "tooFewPatrols" })])
  })

  it("given a reserve that holds back the patrols a block needs, then the block's share is unstaffed: reserve, and the rest too few", () => {
    // Two on duty, one in reserve: of three patrols asked, one is staffed, one held back by the reserve, one is beyond the duty.
    const s = day(
      [{ area: "a", patrols: 2, start: "08:00", end: "16:00" }],
      [{ area: "a", start: "09:00", durationMinutes: 60, patrols: 3 }],
      { reserve: [{ start: "08:00", end: "12:00", patrols: 1 }] }
    )
    expect(ofType(run(s).events, "PlannedBlockStarted").map((e) => e.patrol)).toEqual(["a/igv/1"])
    expect(unstaffed(s).map((u) => u.reason)).toEqual(["reserve", "tooFewPatrols"])
  })

  it("given a patrol whose duty ends before its block, then the rest is handed to a patrol of its kind still on duty", () => {
    // Slots: a/igv/0 on 08–22 (one continuous duty), a/igv/1 on 14–16. The morning block holds a/igv/0 until 15:30,
    // so the 14:30 block goes to a/igv/1 until 16:00 and its remaining 330 minutes to a/igv/0.
    const s = day(
      [
        { area: "a", patrols: 1, start: "08:00", end: "16:00" },
        { area: "a", patrols: 1, start: "14:00", end: "22:00" }
      ],
      [
        { area: "a", start: "08:30", durationMinutes: 420, patrols: 1 },
        { area: "a", start: "14:30", durationMinutes: 420, patrols: 1 }
      ]
    )
    const { events } = run(s)
    expect(ofType(events, "PlannedBlockStarted").map((e) => [e.t, e.block, e.patrol, e.plannedMinutes])).toEqual([
      [at(8, 30), "a/pb0/2024-05-06/0", "a/igv/0", 420],
      [at(14, 30), "a/pb1/2024-05-06/0", "a/igv/1", 90],
      [at(16), "a/pb1/2024-05-06/0/handover/0", "a/igv/0", 330]
    ])
    expect(ofType(events, "PlannedBlockCompleted").map((e) => [e.t, e.patrol])).toEqual([
      [at(15, 30), "a/igv/0"],
      [at(16), "a/igv/1"],
      [at(21, 30), "a/igv/0"]
    ])
    expect(unstaffed(s)).toEqual([])
    expect(violations(s, events)).toEqual([])
  })

  it("given a patrol whose duty ends before its block and nobody after it, then the rest is unstaffed: nobody on duty", () => {
    const s = day(
      [{ area: "a", patrols: 1, start: "07:00", end: "16:00" }],
      [{ area: "a", start: "15:00", durationMinutes: 180, patrols: 1 }]
    )
    expect(ofType(run(s).events, "PlannedBlockStarted").map((e) => e.plannedMinutes)).toEqual([60])
    expect(unstaffed(s)).toEqual([
      expect.objectContaining({
        t: at(16),
        block: "a/pb0/2024-05-06/0/handover/0",
        minutes: 120,
        reason: "nobodyOnDuty"
      })
    ])
  })
})
