import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Scenario } from "@igv/domain"
import { compile, COMMUNITY, groupOf, IGV } from "./model.js"
import { ofType, registration, run, scenario, scenarioArb } from "./scenarios.test-util.js"

/** Two community officers 08–17 on weekdays. */
const officers = {
  area: "a",
  kind: "community",
  patrols: 2,
  start: "08:00",
  end: "17:00",
  weekdays: ["mon", "tue", "wed", "thu", "fri"]
}
/** One area over two weeks from Monday 2024-05-06: one IGV patrol 07–19 daily, two community officers 08–17 weekdays. */
const fortnight = (communityOfficers: object, igv: object = { area: "a", patrols: 1, start: "07:00", end: "19:00" }) =>
  scenario({
    name: "community shifts",
    start: "2024-05-06",
    days: 14,
    areas: [{ id: "a", neighbours: ["b"] }, { id: "b" }],
    dimensioning: [igv, officers],
    demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 10 } }] },
    rules: { communityOfficers: communityOfficers }
  })

const shiftsStarted = (events: ReturnType<typeof run>["events"], kind: "igv" | "community", area = "a") =>
  ofType(events, "ShiftStarted").filter((e) => e.kind === kind && e.area === area).length

/** Minutes on duty of a group in the compiled roster: the integral of its on-duty count. */
const rosterMinutes = (s: Scenario, area: number, kind: number, seed = 1): number => {
  const m = compile(s, seed)
  const line = m.groupDuty[groupOf(area, kind)]!
  let sum = 0
  for (let i = 0; i + 1 < line.times.length; i++) sum += line.counts[i]! * (line.times[i + 1]! - line.times[i]!)
  return sum
}

describe("a scenario's model shared by its replications", () => {
  it("given the parts no seed changes worked out for earlier replications in this thread, then a replication runs as in a fresh one", () => {
    const draws = fortnight({
      shiftsTaken: [{ into: "igv", shiftsPerOfficerPerWeek: 1 }],
      absences: [{ reason: "training", shiftsPerOfficerPerWeek: 1, covered: false }]
    })
    fc.assert(
      fc.property(fc.oneof(fc.constant(draws), scenarioArb()), fc.nat(1000), (s, seed) => {
        for (const earlier of [seed + 1, seed + 2]) run(s, earlier)
        const fresh = structuredClone(s)
        expect(run(s, seed).events).toEqual(run(fresh, seed).events)
      }),
      { numRuns: 30 }
    )
  })
})

describe("community officers' shifts taken", () => {
  it("given one shift per officer per week into IGV, then each week two of the 20 shifts become IGV shifts", () => {
    const s = fortnight({ shiftsTaken: [{ into: "igv", shiftsPerOfficerPerWeek: 1 }] })
    const { events } = run(s)
    const taken = ofType(events, "CommunityShiftTaken")
    expect(taken).toHaveLength(4)
    expect(taken.every((e) => e.minutes === 540 && e.into === "igv" && e.area === "a" && e.toArea === undefined)).toBe(
      true
    )
    expect(shiftsStarted(events, "community")).toBe(20 - 4)
    // The IGV patrol's 07–19 shift is one duty; the officer's 08–17 joins it as a second IGV slot.
    expect(shiftsStarted(events, "igv")).toBe(14 + 4)
    expect(rosterMinutes(s, 0, IGV)).toBe(14 * 720 + 4 * 540)
    expect(rosterMinutes(s, 0, COMMUNITY)).toBe((20 - 4) * 540)
  })

  it("given IGV below a minimum, then exactly the officers' shifts during the gap are taken, one per gap", () => {
    const s = fortnight(
      { shiftsTaken: [{ into: "igv", whenIgvBelow: 1 }] },
      { area: "a", patrols: 1, start: "07:00", end: "19:00", weekdays: ["mon", "tue", "wed"] }
    )
    const taken = ofType(run(s).events, "CommunityShiftTaken")
    // Thursdays and Fridays have no IGV patrol: one officer's shift fills each, the second is not needed.
    expect(taken.map((e) => new Date(e.t * 60_000).toISOString().slice(0, 10))).toEqual([
      "2024-05-09",
      "2024-05-10",
      "2024-05-16",
      "2024-05-17"
    ])
  })

  it("given shifts into a neighbour's IGV and another duty, then they leave the area's roster and only the first joins b's IGV", () => {
    const s = fortnight({
      shiftsTaken: [
        { into: "neighbourIgv", area: "b", shiftsPerOfficerPerWeek: 1 },
        { into: "otherDuty", duty: "reception", shiftsPerOfficerPerWeek: 1 }
      ]
    })
    const taken = ofType(run(s).events, "CommunityShiftTaken")
    expect(taken.filter((e) => e.into === "neighbourIgv" && e.toArea === "b")).toHaveLength(4)
    expect(taken.filter((e) => e.into === "otherDuty" && e.duty === "reception")).toHaveLength(4)
    expect(rosterMinutes(s, 1, IGV)).toBe(4 * 540)
    expect(rosterMinutes(s, 0, COMMUNITY)).toBe((20 - 8) * 540)
  })

  it("given absences, then an uncovered one leaves the roster and a covered one is only recorded", () => {
    const uncovered = fortnight({ absences: [{ reason: "training", shiftsPerOfficerPerWeek: 2, covered: false }] })
    const covered = fortnight({ absences: [{ reason: "meeting", shiftsPerOfficerPerWeek: 2, covered: true }] })
    const u = ofType(run(uncovered).events, "CommunityOfficerAbsent")
    const c = ofType(run(covered).events, "CommunityOfficerAbsent")
    expect(u.map((e) => [e.reason, e.covered])).toEqual(Array(8).fill(["training", false]))
    expect(c.map((e) => [e.reason, e.covered])).toEqual(Array(8).fill(["meeting", true]))
    expect(rosterMinutes(uncovered, 0, COMMUNITY)).toBe(12 * 540)
    expect(rosterMinutes(covered, 0, COMMUNITY)).toBe(20 * 540)
  })

  it("given a week's share above the shifts an officer has, then every shift is taken and no more", () => {
    const s = fortnight({ shiftsTaken: [{ into: "otherDuty", duty: "kommendering", shiftsPerOfficerPerWeek: 9 }] })
    expect(ofType(run(s).events, "CommunityShiftTaken")).toHaveLength(20)
    expect(rosterMinutes(s, 0, COMMUNITY)).toBe(0)
  })

  it("keeps rostered time: IGV gains and the community roster loses exactly the minutes taken, for any scenario", () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: 1000 }), (s, seed) => {
        const bare: Scenario = {
          ...s,
          rules: { ...s.rules, communityOfficers: { drawnFor: s.rules.communityOfficers.drawnFor } },
          ruleSets: s.ruleSets.map((r) => ({
            ...r,
            rules: { ...r.rules, communityOfficers: { drawnFor: r.rules.communityOfficers.drawnFor } }
          }))
        }
        const { events } = run(s, seed)
        s.areas.forEach((area, a) => {
          const out = [
            ...ofType(events, "CommunityShiftTaken"),
            ...ofType(events, "CommunityOfficerAbsent").filter((e) => !e.covered)
          ]
            .filter((e) => e.area === area.id)
            .reduce((sum, e) => sum + e.minutes, 0)
          const into = ofType(events, "CommunityShiftTaken")
            .filter(
              (e) => (e.into === "igv" && e.area === area.id) || (e.into === "neighbourIgv" && e.toArea === area.id)
            )
            .reduce((sum, e) => sum + e.minutes, 0)
          const close = (x: number, y: number) => Math.abs(x - y) < 1e-6
          expect(close(rosterMinutes(bare, a, COMMUNITY) - out, rosterMinutes(s, a, COMMUNITY, seed))).toBe(true)
          expect(close(rosterMinutes(bare, a, IGV) + into, rosterMinutes(s, a, IGV, seed))).toBe(true)
        })
      }),
      { numRuns: 60 }
    )
  })
})

describe("community officers working alone", () => {
  const day = (crew: "pairs" | "alone") =>
    scenario({
      name: "lone officer",
      start: "2024-05-06",
      days: 1,
      areas: [{ id: "a" }],
      dimensioning: [{ area: "a", kind: "community", patrols: 1, start: "08:00", end: "17:00" }],
      demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 10 } }] },
      rules: { communityOfficers: { crew } }
    })
  const calls = (t: number) => [
    registration({ t, incident: "i2", area: "a", prio: 2, onSceneMinutes: 30, unitsNeeded: 1 }),
    registration({ t: t + 1, incident: "i3", area: "a", prio: 3, onSceneMinutes: 30, unitsNeeded: 1 })
  ]

  it("given a lone officer, then it is sent to prio 3 only; in pairs, to the prio-2 call first", () => {
    const nine = ofType(run(day("pairs")).events, "ShiftStarted")[0]!.t + 60
    const alone = ofType(run(day("alone"), 1, calls(nine)).events, "PatrolDispatched").map((e) => e.incident)
    const pairs = ofType(run(day("pairs"), 1, calls(nine)).events, "PatrolDispatched").map((e) => e.incident)
    expect(alone).toEqual(["i3"])
    expect(pairs).toEqual(["i2", "i3"])
  })
})
