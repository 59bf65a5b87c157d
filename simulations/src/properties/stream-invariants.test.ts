import { feedEvent } from "../feed-event.test-util.js"
import { describe, expect, it } from "vitest"
import { streamViolations } from "./stream-invariants.js"

const shift = (t: number, patrol: string) => feedEvent({ _tag: "ShiftStarted", t, patrol, area: "a", kind: "igv" })
const reg = (t: number, incident: string, unitsNeeded: 1 | 2 = 1) =>
  feedEvent({ _tag: "IncidentRegistered", t, incident, area: "a", prio: 2, onSceneMinutes: 5, unitsNeeded })
const disp = (t: number, incident: string, patrol: string) =>
  feedEvent({ _tag: "PatrolDispatched", t, incident, patrol, prio: 2 })
const clear = (t: number, incident: string, patrol: string) => feedEvent({ _tag: "PatrolCleared", t, incident, patrol })
const blockStart = (t: number, block: string, patrol: string) =>
  feedEvent({ _tag: "PlannedBlockStarted", t, block, patrol, area: "a", plannedMinutes: 60 })
const interrupt = (t: number, block: string, patrol: string, incident: string) =>
  feedEvent({ _tag: "PlannedBlockInterrupted", t, block, patrol, incident, prio: 2 })

describe("streamViolations", () => {
  it("accepts a sound stream, including an interruption that follows its dispatch at the same instant", () => {
    expect(
      streamViolations([
        shift(0, "p"),
        blockStart(0, "b", "p"),
        reg(5, "i"),
        disp(5, "i", "p"),
        interrupt(5, "b", "p", "i"),
        clear(20, "i", "p")
      ])
    ).toEqual([])
  })

  it("flags dispatch before registration, a patrol on two jobs, an off-duty patrol and a block overlapping a job", () => {
    const v = streamViolations([
      shift(0, "p"),
      disp(1, "i", "p"),
      reg(2, "i"),
      reg(3, "j"),
      disp(3, "j", "p"),
      disp(4, "j", "q"),
      blockStart(10, "b", "p")
    ])
    expect(v.some((s) => s.includes("dispatched before it was registered"))).toBe(true)
    expect(v.some((s) => s.includes("while still on i"))).toBe(true)
    expect(v.some((s) => s.includes("patrol q dispatched while off duty"))).toBe(true)
    expect(v.some((s) => s.includes("has 2 patrols, needs 1"))).toBe(true)
    expect(v.some((s) => s.includes("and in planned block b at once"))).toBe(true)
  })

  it("flags time running backwards", () => {
    expect(streamViolations([reg(5, "i"), reg(4, "j")])[0]).toMatch(/backwards/)
  })
})
