import { describe, expect, it } from "vitest"
import { callArea, ruleFor } from "./interruption-rule.js"

describe("the rule an interruption's details quote", () => {
  // lpo2 follows a rule set of prio 1 only, lpo3 one that defers prio 3; lpo1 the scenario's rules.
  const scenario = {
    rules: { interruptingPriorities: [1, 2] },
    ruleSets: [
      { areas: ["lpo2"], rules: { interruptingPriorities: [1] } },
      { areas: ["lpo3"], rules: { prio3: { handling: "defer", deferLimitMinutes: 90 } } }
    ]
  }

  it("given an area a rule set lists, then that set's rule, by its path in the scenario", () => {
    expect(ruleFor(scenario, "lpo2", 1)).toBe("ruleSets[0].rules.interruptingPriorities: [1]")
    expect(ruleFor(scenario, "lpo3", 3)).toBe("ruleSets[1].rules.prio3.handling: defer, deferLimitMinutes 90")
    // The set replaces `rules` whole: what it leaves out is the default, not the scenario's `rules`.
    expect(ruleFor(scenario, "lpo3", 2)).toBe("ruleSets[1].rules.interruptingPriorities: [1, 2, 3]")
  })

  it("given an area no rule set lists, then the scenario's rules, with the defaults filled in", () => {
    expect(ruleFor(scenario, "lpo1", 2)).toBe("rules.interruptingPriorities: [1, 2]")
    expect(ruleFor({ rules: { prio3: { handling: "defer" } } }, "lpo1", 3)).toBe(
      "rules.prio3.handling: defer, deferLimitMinutes 180"
    )
    expect(ruleFor(undefined, "lpo1", 3)).toBe("rules.interruptingPriorities: [1, 2, 3]")
  })

  it("takes the call's area, which a borrowed patrol's block is not in", () => {
    // A block of lpo1 given up to a call of lpo2.
    expect(callArea({ area: "lpo1", call: { area: "lpo2" } })).toBe("lpo2")
    expect(callArea({ area: "lpo1" })).toBe("lpo1")
  })
})
