import { describe, expect, it } from "vitest"
import { getAt, PathAbsent, setAt, withoutAt } from "./paths.js"

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

  it("leave a field out without touching the original; a list element is not left out", () => {
    expect(withoutAt(scenario, "rules.prio3.handling")).toEqual({ rules: { prio3: {}, reserve: [{ patrols: 1 }] } })
    expect(withoutAt(scenario, "rules.reserve[0].patrols")).toEqual({
      rules: { prio3: { handling: "dispatch" }, reserve: [{}] }
    })
    expect(withoutAt(scenario, "rules.resume.enabled")).toEqual(scenario)
    expect(withoutAt(scenario, "rules.reserve[0]")).toBeUndefined()
    expect(scenario.rules.prio3.handling).toBe("dispatch")
  })

  it("read a value, or undefined where there is none", () => {
    expect(getAt(scenario, "rules.reserve[0].patrols")).toBe(1)
    expect(getAt(scenario, "rules.nothing.here")).toBeUndefined()
  })
})
