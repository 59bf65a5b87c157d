import { decodeScenarioText } from "@igv/runner"
import type { IgvEvent, IncidentRegistered } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { fitWindow } from "./fit.js"
import { scenarioYaml } from "./scenario-yaml.js"

const TZ = "Europe/Stockholm"
/** 2024-01-01T00:00+01:00 in minutes since the epoch. */
const T0 = Date.UTC(2023, 11, 31, 23, 0) / 60_000

/** A call every `every` minutes for `days` days; twice as often from 1 March on, so the months differ. */
const calls = (days: number, every: number): IgvEvent[] => {
  const out: IncidentRegistered[] = [], march = Date.UTC(2024, 1, 29, 23, 0) / 60_000
  for (let t = T0, i = 0; t < T0 + days * 1440; t += t >= march ? every / 2 : every, i++) {
    out.push({ _tag: "IncidentRegistered", t, incident: `a-2-${i}` as IncidentRegistered["incident"], area: "a" as IncidentRegistered["area"], prio: 2, onSceneMinutes: 20 + ((i * 37) % 60), unitsNeeded: 1 })
  }
  return out
}

describe("the month-of-year profile of a fitted scenario", () => {
  it("is not written over a window of a season or less, and the output says why", () => {
    const fit = fitWindow(calls(60, 90), { timeZone: TZ })
    expect(fit.streams[0]?.demand.monthProfile).toBeUndefined()
    expect(fit.notFitted.find((n) => n.part === "demand monthOfYearProfile")?.reason).toMatch(/60 days, not more than a season/)
    expect(scenarioYaml(fit, "short")).not.toMatch(/^\s+monthOfYearProfile:/m)
  })

  it("over more than a season weighs the months it covers and gives the others the window's average, saying they are not measured", () => {
    const fit = fitWindow(calls(120, 90), { timeZone: TZ })
    const d = fit.streams[0]?.demand
    const profile = d?.monthProfile
    expect(profile?.missing).toEqual([4, 5, 6, 7, 8, 9, 10, 11])
    expect(fit.notFitted.find((n) => n.part === "demand monthOfYearProfile")?.reason).toMatch(/does not cover May, Jun, Jul, Aug, Sep, Oct, Nov, Dec: .*not measured/)
    const w = profile?.weights ?? []
    // March and April hold twice January's and February's rate; the weekday rates, fitted over the whole window,
    // take a little of it where the months' weekdays differ. A missing month holds the window's average.
    expect(Math.abs((w[2] as number) / (w[0] as number) - 2)).toBeLessThan(0.1)
    expect(Math.abs((w[3] as number) / (w[1] as number) - 2)).toBeLessThan(0.1)
    expect(w.reduce((s, x) => s + x, 0) / 12).toBeCloseTo(1, 9)
    expect(w[11]).toBeCloseTo(1 / (profile?.level as number), 9)
    // perDay is an average month's: the simulator's rate in January, perDay · w[Jan], is January's observed rate.
    expect(((d?.perDay as number) * (w[0] as number))).toBeCloseTo(1440 / 90, 0)
    const text = scenarioYaml(fit, "spring")
    expect(text).toMatch(/May not in the window: the window's average, not measured/)
    const decoded = decodeScenarioText(text, "spring.yaml")
    expect(decoded.ok ? [] : decoded.issues).toEqual([])
    if (decoded.ok) expect(decoded.value.scenario.demand.synthetic[0]?.monthOfYearProfile?.map((x) => Math.round(x * 100) / 100)).toEqual(w.map((x) => Math.round(x * 100) / 100))
  })
})
