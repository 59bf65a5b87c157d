import { decodeScenarioText } from "@igv/runner"
import type { IgvEvent, IncidentRegistered, Scenario } from "@igv/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { checkScenario } from "./check.js"
import { fitWindow } from "./fit.js"
import { decode, eventsOf, knownYear, yearScenarioOf } from "./known-scenarios.test-util.js"
import { scenarioYaml } from "./scenario-yaml.js"

const TZ = "Europe/Stockholm"
/** 2024-01-01T00:00+01:00 in minutes since the epoch. */
const T0 = Date.UTC(2023, 11, 31, 23, 0) / 60_000

/** A call every `every` minutes for `days` days; twice as often from 1 March on, so the months differ. */
const calls = (days: number, every: number): IgvEvent[] => {
  const out: IncidentRegistered[] = [],
    march = Date.UTC(2024, 1, 29, 23, 0) / 60_000
  for (let t = T0, i = 0; t < T0 + days * 1440; t += t >= march ? every / 2 : every, i++) {
    out.push({
      _tag: "IncidentRegistered",
      t,
      incident: `a-2-${i}` as IncidentRegistered["incident"],
      area: "a" as IncidentRegistered["area"],
      prio: 2,
      onSceneMinutes: 20 + ((i * 37) % 60),
      unitsNeeded: 1
    })
  }
  return out
}

describe("the month-of-year profile of a fitted scenario", () => {
  it("is not written over a window of a season or less, and the output says why", () => {
    const fit = fitWindow(calls(60, 90), { timeZone: TZ })
    expect(fit.streams[0]?.demand.monthProfile).toBeUndefined()
    expect(fit.notFitted.find((n) => n.part === "demand monthOfYearProfile")?.reason).toMatch(
      /60 days, not more than a season/
    )
    expect(scenarioYaml(fit, "short")).not.toMatch(/^\s+monthOfYearProfile:/m)
  })

  it("over more than a season weighs the months it covers and gives the others the window's average, saying they are not measured", () => {
    const fit = fitWindow(calls(120, 90), { timeZone: TZ })
    const d = fit.streams[0]?.demand
    const profile = d?.monthProfile
    expect(profile?.missing).toEqual([4, 5, 6, 7, 8, 9, 10, 11])
    expect(fit.notFitted.find((n) => n.part === "demand monthOfYearProfile")?.reason).toMatch(
      /does not cover May, Jun, Jul, Aug, Sep, Oct, Nov, Dec: .*not measured/
    )
    const w = profile?.weights ?? []
    // March and April hold twice January's and February's rate; the weekday rates, fitted over the whole window,
    // take a little of it where the months' weekdays differ. A missing month holds the window's average.
    expect(Math.abs((w[2] as number) / (w[0] as number) - 2)).toBeLessThan(0.1)
    expect(Math.abs((w[3] as number) / (w[1] as number) - 2)).toBeLessThan(0.1)
    expect(w.reduce((s, x) => s + x, 0) / 12).toBeCloseTo(1, 9)
    expect(w[11]).toBeCloseTo(1 / (profile?.level as number), 9)
    // perDay is an average month's: the simulator's rate in January, perDay · w[Jan], is January's observed rate.
    expect((d?.perDay as number) * (w[0] as number)).toBeCloseTo(1440 / 90, 0)
    const text = scenarioYaml(fit, "spring")
    expect(text).toMatch(/May not in the window: the window's average, not measured/)
    const decoded = decodeScenarioText(text, "spring.yaml")
    expect(decoded.ok ? [] : decoded.issues).toEqual([])
    if (decoded.ok)
      expect(
        decoded.value.scenario.demand.synthetic[0]?.monthOfYearProfile?.map((x) => Math.round(x * 100) / 100)
      ).toEqual(w.map((x) => Math.round(x * 100) / 100))
  })

  it("goes into the check: a summer month of a fitted year is simulated at its own rate, not the year's", () => {
    const [k] = fc.sample(knownYear, { numRuns: 1, seed: 3 })
    const summer = [1, 1, 1, 1, 1, 3, 3, 3, 1, 1, 1, 1]
    const scenario = decode(
      yearScenarioOf({
        ...(k as NonNullable<typeof k>),
        months: [
          [summer, summer, summer],
          [summer, summer, summer]
        ]
      })
    )
    const events = eventsOf(scenario)
    const decoded = decodeScenarioText(
      scenarioYaml(fitWindow(events, { timeZone: scenario.timeZone }), "fitted"),
      "fitted.yaml"
    )
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
    const july: Scenario = { ...decoded.value.scenario, start: "2023-07-01", days: 31 }
    const flat: Scenario = {
      ...july,
      demand: { ...july.demand, synthetic: july.demand.synthetic.map(({ monthOfYearProfile: _, ...s }) => s) }
    }
    // Call counts per area and priority: Poisson, so a model at the right rate puts the observed count within 4 √mean.
    const counts = (s: Scenario) =>
      checkScenario(s, events, { replications: 19 }).rows.filter((r) =>
        /^byArea\.[^.]+\.response\.\d\.count$/.test(r.figure)
      )
    const withProfile = counts(july),
      without = counts(flat)
    expect(withProfile.length).toBe(6)
    for (const r of withProfile) expect(Math.abs(r.observed - r.mean), r.figure).toBeLessThan(4 * Math.sqrt(r.mean))
    // Without it July gets the year's average rate, half its own: far below over all streams together.
    const observed = without.reduce((a, r) => a + r.observed, 0),
      flatMean = without.reduce((a, r) => a + r.mean, 0)
    expect(observed - flatMean).toBeGreaterThan(4 * Math.sqrt(flatMean))
  }, 60_000)
})
