import { toLocal } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { ofType, run, scenario } from "./scenarios.test-util.js"

const withDemand = (synthetic: ReadonlyArray<Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
  scenario({
    name: "demand",
    start: "2024-01-01",
    days: 140,
    areas: [
      { id: "a", neighbours: ["b"] },
      { id: "b", neighbours: ["a"] }
    ],
    dimensioning: [{ area: "a", patrols: 30, start: "00:00", end: "00:00" }],
    demand: { synthetic },
    ...extra
  })

describe("synthetic demand", () => {
  it("arrives at perDay on average and follows the hour-of-week profile in local time", () => {
    // Weight only on Monday 10–11 and Saturday 22–23 (3:1), local time, across the spring DST change.
    const profile = Array.from({ length: 168 }, (_, h) => (h === 10 ? 3 : h === 5 * 24 + 22 ? 1 : 0))
    const s = withDemand([
      { area: "a", prio: 2, perDay: 20, hourOfWeekProfile: profile, service: { _tag: "fixed", minutes: 1 } }
    ])
    const { events } = run(s, 5)
    const arrivals = ofType(events, "IncidentRegistered")
    const expected = 20 * 140
    expect(Math.abs(arrivals.length - expected)).toBeLessThan(4 * Math.sqrt(expected))
    const hours = new Map<string, number>()
    for (const e of arrivals) {
      const l = toLocal(e.t, "Europe/Stockholm")
      const key = `${l.weekday}/${l.hour}`
      hours.set(key, (hours.get(key) ?? 0) + 1)
    }
    expect([...hours.keys()].sort()).toEqual(["0/10", "5/22"])
    const share = hours.get("0/10")! / arrivals.length
    expect(Math.abs(share - 0.75)).toBeLessThan(0.03)
  })

  it("draws two-unit calls at twoUnitShare and on-scene times from the service model", () => {
    const s = withDemand([
      { area: "a", prio: 3, perDay: 30, twoUnitShare: 0.25, service: { _tag: "exponential", meanMinutes: 40 } }
    ])
    const arrivals = ofType(run(s, 9).events, "IncidentRegistered")
    const two = arrivals.filter((e) => e.unitsNeeded === 2).length / arrivals.length
    expect(Math.abs(two - 0.25)).toBeLessThan(0.03)
    const mean = arrivals.reduce((sum, e) => sum + e.onSceneMinutes, 0) / arrivals.length
    expect(Math.abs(mean / 40 - 1)).toBeLessThan(0.05)
  })

  it("uses the travel model of the patrol's area to the call's area", () => {
    const s = withDemand([{ area: "b", prio: 2, perDay: 10, service: { _tag: "fixed", minutes: 5 } }], {
      days: 5,
      travel: {
        default: { _tag: "fixed", minutes: 7 },
        pairs: [{ from: "a", to: "b", model: { _tag: "fixed", minutes: 42 } }]
      },
      rules: { borrowing: [{ prio: 2, afterMinutes: 0 }] }
    })
    const { events } = run(s)
    const dispatched = new Map(ofType(events, "PatrolDispatched").map((e) => [e.incident as string, e.t]))
    const travel = ofType(events, "PatrolOnScene").map((e) => e.t - dispatched.get(e.incident)!)
    expect(travel.length).toBeGreaterThan(20)
    expect(travel.every((m) => Math.abs(m - 42) < 1e-6)).toBe(true)
  })
})
