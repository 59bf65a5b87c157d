import { describe, expect, it } from "vitest"
import { formatIssues } from "@igv/runner"
import { decodeHypothesisText } from "./hypothesis-file.js"

const GOOD = `kind: statistical
constraints: { areas: { min: 2 }, load: { min: 0.3, max: 0.9 }, rules: { prio3: { handling: defer } } }
variants: { rules.prio3.deferLimitMinutes: [60, 240] }
metric: lineTime.survival
relation: "<="
alpha: 0.01
`
const problems = (text: string): string => {
  const decoded = decodeHypothesisText(text, "h.yaml")
  if (decoded.ok) throw new Error("decoded")
  return formatIssues("h.yaml", decoded.issues)
}

describe("hypothesis files", () => {
  it("decode into the TypeScript form, constraints and held rules as written", () => {
    expect(decodeHypothesisText(GOOD, "h.yaml")).toEqual({
      ok: true,
      value: {
        kind: "statistical",
        metric: "lineTime.survival",
        relation: "<=",
        alpha: 0.01,
        constraints: { areas: { min: 2 }, load: { min: 0.3, max: 0.9 }, rules: { prio3: { handling: "defer" } } },
        variants: { "rules.prio3.deferLimitMinutes": [60, 240] }
      }
    })
  })

  it("refuse every misspelt or impossible field with its path and line", () => {
    expect(problems(GOOD.replace("alpha:", "alfa:"))).toContain(`h.yaml:6: at alfa: unknown field "alfa"`)
    expect(problems(GOOD.replace("areas:", "area:"))).toContain(`at constraints.area: unknown field "area"`)
    expect(problems(GOOD.replace("handling: defer", "handling: later"))).toMatch(
      /h\.yaml:2: at constraints\.rules\.prio3\.handling: /
    )
    expect(problems(GOOD.replace("[60, 240]", "[60]"))).toContain("at variants.rules.prio3.deferLimitMinutes")
    expect(problems(GOOD.replace("max: 0.9", "max: 0.2"))).toContain("load.min must not exceed load.max")
    expect(problems(`${GOOD}firstLook: 200\n`)).toContain("firstLook must not exceed maxReplications")
    expect(problems(GOOD.replace("variants: { rules.prio3.deferLimitMinutes: [60, 240] }", "variants: {}"))).toContain(
      "at variants: name at least one"
    )
  })
})
