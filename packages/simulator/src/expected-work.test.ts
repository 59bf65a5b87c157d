import { describe, expect, it } from "vitest"
import { expectedWork } from "./expected-work.js"
import { ofType, run, scenario } from "./scenarios.test-util.js"

// Across the spring DST change (2024-03-31, a 23-hour day), with a profile that weights the night hours.
const night = Array.from({ length: 168 }, (_, h) => (h % 24 < 6 ? 4 : 1))
const base = scenario({
  name: "expected",
  start: "2024-03-18",
  days: 28,
  areas: [
    { id: "a", neighbours: [] },
    { id: "b", neighbours: [] }
  ],
  dimensioning: [
    { area: "a", patrols: 40, start: "00:00", end: "00:00" },
    { area: "b", patrols: 3, weekdays: ["mon", "tue", "wed"], start: "22:00", end: "06:00" }
  ],
  demand: {
    synthetic: [
      { area: "a", prio: 1, perDay: 12, service: { _tag: "exponential", meanMinutes: 20 }, twoUnitShare: 0.5 },
      { area: "a", prio: 3, perDay: 30, hourOfWeekProfile: night, service: { _tag: "fixed", minutes: 15 } }
    ]
  },
  plannedBlocks: [{ area: "a", start: "02:30", durationMinutes: 60, patrols: 2, weekdays: ["sun"] }]
})

describe("expected work of a replication", () => {
  it("is perDay × the horizon's hours, weighted by the profile (the lost DST hour is a heavy night hour)", () => {
    // 28 days minus the lost DST hour (Sunday 02–03, weight 4 of a weekly total of 168 + 3 × 42).
    const flat = (12 * (28 * 1440 - 60)) / 1440
    const profiled = (30 * (28 * 1440 - 60 * ((4 * 168) / 294))) / 1440
    expect(expectedWork(base).calls).toBeCloseTo(flat + profiled, 6)
  })

  it("matches what the simulator draws: calls and, with every call served, events", () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8]
    let calls = 0,
      events = 0
    for (const seed of seeds) {
      const { events: emitted } = run(base, seed)
      calls += ofType(emitted, "IncidentRegistered").length
      events += emitted.length
    }
    const expected = expectedWork(base)
    const n = seeds.length
    expect(Math.abs(calls / n - expected.calls)).toBeLessThan(4 * Math.sqrt(expected.calls / n))
    // 40 patrols for 42 calls a day: nothing waits, so only the (rare) interruptions come on top.
    expect(events / n).toBeGreaterThan(expected.events * 0.97)
    expect(events / n).toBeLessThan(expected.events * 1.05)
  })

  it("counts each shift and planned block in the horizon, and grows with perDay and days", () => {
    const quiet = scenario({
      ...structuredClone(base),
      demand: { synthetic: [{ area: "a", prio: 2, perDay: 0, service: { _tag: "fixed", minutes: 1 } }] }
    })
    const { events } = run(quiet, 1)
    expect(expectedWork(quiet)).toEqual({ calls: 0, events: events.length })
    const huge = scenario({
      ...structuredClone(base),
      days: 1,
      demand: { synthetic: [{ area: "a", prio: 2, perDay: 1e8, service: { _tag: "fixed", minutes: 1 } }] }
    })
    expect(expectedWork(huge).calls).toBeCloseTo(1e8, 0)
  })
})
