import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { loadScenario } from "@igv/runner"
import { describe, expect, it } from "vitest"
import { gridDesign } from "./design.js"
import { factor } from "./factor.test-util.js"
import { inertFactors } from "./sweep-inert.js"

const preset = join(
  fileURLToPath(new URL("../../../simulations/scenarios/", import.meta.url)),
  "lpo-sparse-status-quo.yaml"
)

describe("a sweep's factors that change nothing", () => {
  it("are named with the linter's reason when no effect at any point, and not when another factor makes them act", async () => {
    const base = { ...(await loadScenario(preset)).scenario, days: 2 }
    expect(base.rules.prio3.handling).toBe("dispatch")
    const limit = factor("rules.prio3.deferLimitMinutes=60..120:60")
    const alone = [limit, factor("rules.prio3.handledOtherwiseShare=0|0.1")]
    expect(inertFactors(base, alone, gridDesign(alone))).toEqual([
      {
        path: "rules.prio3.deferLimitMinutes",
        reason:
          "rules.prio3.deferLimitMinutes: no effect: prio 3 is dispatched at once (prio3.handling: dispatch); the limit applies only under defer"
      }
    ])
    // Under defer, at two of the four points, the limit decides when a prio-3 call may interrupt.
    const withHandling = [limit, factor("rules.prio3.handling=dispatch|defer")]
    expect(inertFactors(base, withHandling, gridDesign(withHandling))).toEqual([])
  })

  it("count a setting inside a part the linter names whole", async () => {
    const loaded = (await loadScenario(preset)).scenario
    const [first, ...rest] = loaded.areas.map((a) => a.id)
    const base = { ...loaded, days: 2, ruleSets: [{ areas: [first!, ...rest] as const, rules: loaded.rules }] }
    const factors = [factor("rules.interruptingPriorities=[1]|[1,2]")]
    expect(inertFactors(base, factors, gridDesign(factors)).map((f) => f.reason)).toEqual([
      "rules: no effect: every area follows a rule set (ruleSets[0]), so these rules govern none"
    ])
  })
})
