import { describe, expect, it } from "vitest"
import { getAt, PathAbsent, setAt } from "./paths.js"

describe("paths", () => {
  const scenario = { rules: { prio3: { handling: "dispatch" }, reserve: [{ patrols: 1 }] } }

  it("set a field without touching the original, creating missing objects", () => {
    expect(setAt(scenario, "rules.prio3.deferLimitMinutes", 60)).toEqual({
      rules: { prio3: { handling: "dispatch", deferLimitMinutes: 60 }, reserve: [{ patrols: 1 }] }
    })
    expect(setAt(scenario, "rules.reserve[0].patrols", 2)).toEqual({
      rules: { prio3: { handling: "dispatch" }, reserve: [{ patrols: 2 }] }
    })
    expect(setAt({}, "rules.interruptingPriorities", [1, 2])).toEqual({ rules: { interruptingPriorities: [1, 2] } })
    expect(scenario.rules.reserve[0]!.patrols).toBe(1)
  })

  it("do not invent list elements", () => {
    expect(() => setAt(scenario, "rules.reserve[1].patrols", 2)).toThrow(PathAbsent)
  })

  it("read a value, or undefined where there is none", () => {
    expect(getAt(scenario, "rules.reserve[0].patrols")).toBe(1)
    expect(getAt(scenario, "rules.nothing.here")).toBeUndefined()
  })
})
