import { decodeScenarioText } from "@igv/runner"
import type { IgvEvent, IncidentRegistered } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { fitWindow, NothingToFit } from "./fit.js"
import { scenarioYaml } from "./scenario-yaml.js"

const TZ = "Europe/Stockholm"
/** 2024-01-01T00:00+01:00 in minutes since the epoch. */
const T0 = Date.UTC(2023, 11, 31, 23, 0) / 60_000

/** A call every `every` minutes for `days` days, on-scene times spread over 20–80 minutes. */
const calls = (area: string, prio: 1 | 2 | 3, every: number, days: number, offset = 0): IncidentRegistered[] =>
  Array.from({ length: Math.floor((days * 1440) / every) }, (_, i) => ({
    _tag: "IncidentRegistered" as const,
    t: T0 + offset + i * every,
    incident: `${area}-${prio}-${i}` as IncidentRegistered["incident"],
    area: area as IncidentRegistered["area"],
    prio,
    onSceneMinutes: 20 + ((i * 37) % 60),
    unitsNeeded: (i % 5 === 0 ? 2 : 1) as 1 | 2
  }))

const byTime = (events: IgvEvent[]) => events.sort((a, b) => a.t - b.t)

describe("fitting a window that cannot give a scenario", () => {
  it("refuses a window with no incidents, naming what is missing", () => {
    expect(() => fitWindow([], { timeZone: TZ })).toThrow(NothingToFit)
    const shiftsOnly = [
      { _tag: "ShiftStarted", t: T0, patrol: "a/igv/0", area: "a", kind: "igv" },
      { _tag: "ShiftEnded", t: T0 + 600, patrol: "a/igv/0" }
    ] as unknown as IgvEvent[]
    expect(() => fitWindow(shiftsOnly, { timeZone: TZ })).toThrow(/no incident registrations/)
    expect(() => fitWindow(calls("a", 2, 60, 7), { timeZone: TZ, from: T0 + 30 * 1440, to: T0 + 31 * 1440 })).toThrow(
      NothingToFit
    )
  })

  it("lists a stream with too few calls for any fit, and borrows a priority's fit over areas only when it has one", () => {
    const events = byTime([...calls("busy", 2, 30, 28), ...calls("rural", 2, 6000, 28), ...calls("rural", 1, 9000, 28)])
    const fit = fitWindow(events, { timeZone: TZ })
    const rural2 = fit.streams.find((s) => s.demand.area === "rural" && s.demand.prio === 2)
    expect(rural2?.onScene?.pooled).toBe(true)
    expect(rural2?.onScene?.own).toBeLessThan(10)
    expect(fit.notFitted.map((n) => n.part)).toContain("demand rural prio 1")
    expect(fit.notFitted.find((n) => n.part === "demand rural prio 1")?.reason).toMatch(
      /too few positive on-scene times/
    )
    const text = scenarioYaml(fit, "f")
    expect(text).toMatch(/pooled over every area's prio 2/)
    const decoded = decodeScenarioText(text, "f.yaml")
    expect(decoded.ok ? [] : decoded.issues).toEqual([])
    if (decoded.ok)
      expect(decoded.value.scenario.demand.synthetic.some((s) => s.area === "rural" && s.prio === 1)).toBe(false)
  })

  it("says an incident-only feed gives no dimensioning, travel or planned blocks, and still writes a valid scenario", () => {
    const fit = fitWindow(calls("a", 3, 45, 28), { timeZone: TZ })
    const parts = fit.notFitted.map((n) => n.part)
    expect(parts).toEqual(
      expect.arrayContaining(["dimensioning", "travel.default", "plannedBlocks", "rules.prio3.handledOtherwiseShare"])
    )
    expect(fit.notFitted.find((n) => n.part === "dimensioning")?.reason).toMatch(
      /no shift events.*give the patrols on duty/
    )
    const text = scenarioYaml(fit, "f")
    expect(text).toMatch(/NOT FITTED: no shift events/)
    expect(text).toMatch(/NOT FITTED: too few intervals within an area/)
    const decoded = decodeScenarioText(text, "f.yaml")
    expect(decoded.ok ? [] : decoded.issues).toEqual([])
    if (decoded.ok) expect(decoded.value.scenario.dimensioning).toEqual([])
  })
})
