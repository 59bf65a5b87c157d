import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenarioText } from "@igv/runner"
import { checkScenario } from "./check.js"
import { fitWindow } from "./fit.js"
import { scenarioYaml } from "./scenario-yaml.js"
import { decode, eventsOf, known, scenarioOf } from "./known-scenarios.test-util.js"

/**
 * Calibration of the check itself: the "recorded" window is one more run of a known scenario (a seed the check
 * never uses), the scenario is fitted from it and checked against it. Over many generated cases the figures
 * that vary between runs must fall inside their intervals at about the nominal 95 %. Fitted parameters carry
 * their own error, which widens the spread of the observed figure, so coverage may sit a little below nominal;
 * figures of one case are correlated, so the bound is loose: 85 % to 99.5 % over about a thousand figures.
 */
describe("the check's prediction intervals", () => {
  it("cover the observed figures at about their nominal rate", () => {
    let inside = 0,
      total = 0,
      nominal = 0
    fc.assert(
      fc.property(known, fc.integer({ min: 1000, max: 1_000_000 }), (k, seed) => {
        const scenario = decode(scenarioOf(k, 56))
        const recorded = eventsOf(scenario, seed)
        const fit = fitWindow(recorded, { timeZone: scenario.timeZone })
        const decoded = decodeScenarioText(scenarioYaml(fit, "fitted"), "fitted.yaml")
        if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
        const result = checkScenario(decoded.value.scenario, recorded, { replications: 39, seed: 1 })
        nominal = result.nominal
        for (const row of result.rows) {
          if (!row.varies) continue
          total++
          if (row.inside) inside++
        }
      }),
      { numRuns: 6, seed: 5 }
    )
    expect(nominal).toBeCloseTo(0.95, 5)
    expect(total).toBeGreaterThan(500)
    expect(inside / total).toBeGreaterThan(0.85)
    expect(inside / total).toBeLessThan(0.995)
  }, 300_000)
})
