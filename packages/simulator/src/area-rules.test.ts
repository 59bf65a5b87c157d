import { fromLocal, type IncidentRegistered } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { ofType, run, scenario } from "./scenarios.test-util.js"

const at = (hh: number, mm = 0) => fromLocal(2024, 5, 6, hh, mm, "Europe/Stockholm")
const call = (id: string, area: string, prio: 1 | 2 | 3, t: number): IncidentRegistered => ({
  _tag: "IncidentRegistered",
  t,
  incident: id as never,
  area: area as never,
  prio,
  onSceneMinutes: 30,
  unitsNeeded: 1
})

/** Areas a and b with one IGV patrol each 08:00–16:00; b's patrol is busy, a's free; travel a→b 7 min, b→b 12 min. */
const twoAreas = (extra: Record<string, unknown> = {}) =>
  scenario({
    name: "two areas",
    start: "2024-05-06",
    days: 1,
    areas: [{ id: "a" }, { id: "b" }],
    travel: {
      default: { _tag: "fixed", minutes: 12 },
      pairs: [{ from: "a", to: "b", model: { _tag: "fixed", minutes: 7 } }]
    },
    dimensioning: [
      { area: "a", patrols: 1, start: "08:00", end: "16:00" },
      { area: "b", patrols: 1, start: "08:00", end: "16:00" }
    ],
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 10 } }] },
    ...extra
  })

describe("prio 1 to the nearest unit", () => {
  const calls = [call("busy-b", "b", 2, at(9)), call("p1-b", "b", 1, at(9, 10))]

  it("sends the nearest free patrol of any area at once, without a borrowing rule", () => {
    const { events } = run(twoAreas({ rules: { prio1NearestUnit: true } }), 1, calls)
    expect(ofType(events, "PatrolDispatched").map((e) => [e.incident, e.patrol, e.t])).toEqual([
      ["busy-b", "b/igv/0", at(9)],
      ["p1-b", "a/igv/0", at(9, 10)]
    ])
    expect(ofType(events, "PatrolOnScene").find((e) => e.incident === "p1-b")?.t).toBe(at(9, 17))
  })

  it("prefers the call's own area when it is as near, and is off by default (the call waits for its own patrol)", () => {
    const { events } = run(twoAreas(), 1, calls)
    // b's patrol: dispatched 9:00, 12 min travel, 30 on scene: free at 9:42.
    expect(ofType(events, "PatrolDispatched").map((e) => [e.incident, e.patrol, e.t])).toEqual([
      ["busy-b", "b/igv/0", at(9)],
      ["p1-b", "b/igv/0", at(9, 42)]
    ])
  })
})

/** One IGV patrol 08:00–16:00 in a "promise" block 09:00–13:00 and a routine block 13:00–15:00. */
const blocks = (rules: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  scenario({
    name: "blocks",
    start: "2024-05-06",
    days: 1,
    areas: [{ id: "a" }, { id: "b" }],
    travel: { default: { _tag: "fixed", minutes: 5 } },
    dimensioning: [
      { area: "a", patrols: 1, start: "08:00", end: "16:00" },
      { area: "b", patrols: 1, start: "08:00", end: "16:00" }
    ],
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 10 } }] },
    plannedBlocks: [
      { area: "a", start: "09:00", durationMinutes: 240, patrols: 1, tag: "promise" },
      { area: "a", start: "13:00", durationMinutes: 120, patrols: 1 },
      { area: "b", start: "09:00", durationMinutes: 240, patrols: 1, tag: "promise" }
    ],
    rules,
    ...extra
  })

describe("protection by tag", () => {
  it("keeps a protected block from the listed priorities, not from others, and not a routine block", () => {
    const s = blocks({ protectedTags: [{ tag: "promise", from: [2, 3] }] })
    const { events } = run(s, 1, [call("p2", "a", 2, at(10)), call("p1", "a", 1, at(11)), call("p3", "a", 3, at(14))])
    const dispatched = ofType(events, "PatrolDispatched").map((e) => [e.incident, e.t])
    // Prio 1 interrupts at 11:00; cleared at 11:35 the patrol resumes its block (still protected from the waiting
    // prio 2), which gets it at the block's end, 13:00; the routine block then starts late and prio 3 interrupts it.
    expect(dispatched).toEqual([
      ["p1", at(11)],
      ["p2", at(13)],
      ["p3", at(14)]
    ])
    expect(ofType(events, "PlannedBlockInterrupted").map((e) => [e.block, e.prio])).toEqual([
      ["a/pb0/2024-05-06/0", 1],
      ["a/pb1/2024-05-06/0", 3]
    ])
  })

  it("holds past prio 3's defer limit", () => {
    const s = blocks({
      protectedTags: [{ tag: "promise", from: [3] }],
      prio3: { handling: "defer", deferLimitMinutes: 30 }
    })
    const { events } = run(s, 1, [call("p3", "a", 3, at(9, 30))])
    expect(ofType(events, "PatrolDispatched").map((e) => e.t)).toEqual([at(13)])
  })
})

describe("rule sets per area", () => {
  it("give each area its own rules: prio 3 interrupts in b, waits in a", () => {
    const s = blocks(
      { interruptingPriorities: [1, 2, 3] },
      { ruleSets: [{ areas: ["a"], rules: { interruptingPriorities: [1, 2] } }] }
    )
    const { events } = run(s, 1, [call("a3", "a", 3, at(10)), call("b3", "b", 3, at(10))])
    expect(ofType(events, "PatrolDispatched").map((e) => [e.incident, e.t])).toEqual([
      ["b3", at(10)],
      ["a3", at(13)]
    ])
  })
})
