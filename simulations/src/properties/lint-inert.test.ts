import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { lintScenario, parsePath } from "@igv/runner"
import { decodeScenario, rulesArb, scenarioInputArb } from "@igv/research"
import { runScenario } from "./run.js"

const TIMEOUT = 120_000

type Json = Record<string, any>

/** The input without the setting at `path` (an array element is taken out; a field goes back to its default). */
const without = (input: Json, path: string): Json => {
  const copy = structuredClone(input)
  const keys = parsePath(path)
  let parent: any = copy
  for (const key of keys.slice(0, -1)) parent = parent[key]
  const last = keys[keys.length - 1]!
  if (Array.isArray(parent)) parent.splice(last as number, 1)
  else delete parent[last]
  return copy
}

/**
 * Settings the generators rarely write on their own but a planner might: a shift or a block of 0
 * patrols, an area naming itself or a neighbour twice, a travel pair given twice, a reserve of 0, no
 * planned blocks at all (so every rule about planned work is inert), a remnant with resume off, prio 1 to the
 * nearest unit, a shift on one weekday only (inert in a horizon without that day), a demand stream of 0 calls a day (before
 * or after the others), a feed time zone without a feed; a rule set of its own rules for the first area or for
 * every area (then the scenario's rules govern none); and the planned blocks given by a season instead, or a season
 * over the whole horizon that gives the same shifts and blocks again (so the scenario's own are replaced).
 */
const extras = fc.record({
  zeroStream: fc.constantFrom("none", "first", "last"),
  feedTimeZone: fc.boolean(),
  zeroShift: fc.boolean(),
  selfNeighbour: fc.boolean(),
  twiceNeighbour: fc.boolean(),
  zeroBlock: fc.boolean(),
  travelTwice: fc.boolean(),
  zeroReserve: fc.boolean(),
  noBlocks: fc.boolean(),
  resumeOff: fc.boolean(),
  oneDayShift: fc.constantFrom("mon", "wed", "sat", "sun"),
  season: fc.constantFrom("none", "blocks", "replacing"),
  nearestUnit: fc.boolean(),
  ruleSet: fc.option(fc.record({ over: fc.constantFrom("first", "every"), rules: rulesArb(["placeholder"]) }), {
    nil: undefined
  })
})

const withExtras = (input: Json, x: typeof extras extends fc.Arbitrary<infer T> ? T : never): Json => {
  const s = structuredClone(input)
  const first = s.areas[0].id as string
  if (x.zeroStream !== "none") {
    const zero = { area: first, prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 30 } }
    s.demand.synthetic = x.zeroStream === "first" ? [zero, ...s.demand.synthetic] : [...s.demand.synthetic, zero]
  }
  if (x.feedTimeZone) s.demand = { ...s.demand, feedTimeZone: "Europe/Stockholm" }
  if (x.zeroShift) s.dimensioning.push({ area: first, patrols: 0, start: "08:00", end: "16:00" })
  s.dimensioning.push({ area: first, patrols: 1, weekdays: [x.oneDayShift], start: "10:00", end: "14:00" })
  if (x.selfNeighbour) s.areas[0].neighbours.push(first)
  if (x.twiceNeighbour && s.areas[0].neighbours.length > 0) s.areas[0].neighbours.push(s.areas[0].neighbours[0])
  if (x.zeroBlock) s.plannedBlocks.push({ area: first, start: "09:00", durationMinutes: 60, patrols: 0 })
  if (x.travelTwice) {
    const model = { _tag: "fixed", minutes: 7 }
    s.travel.pairs = [
      { from: first, to: first, model: { _tag: "fixed", minutes: 3 } },
      { from: first, to: first, model }
    ]
  }
  if (x.zeroReserve) s.rules.reserve.push({ start: "06:00", end: "18:00", patrols: 0 })
  if (x.noBlocks) s.plannedBlocks = []
  if (x.resumeOff) s.rules.resume = { ...s.rules.resume, enabled: false }
  if (x.nearestUnit) s.rules.prio1NearestUnit = true
  if (x.season !== "none") {
    // From the day before the horizon (a night shift then runs into it) to past its end.
    const day = (n: number) => new Date(Date.parse(s.start) + n * 86_400_000).toISOString().slice(0, 10)
    const season = { name: "season", from: day(-1), to: day(s.days + 1) }
    if (x.season === "blocks") {
      s.seasons = [{ ...season, plannedBlocks: s.plannedBlocks }]
      s.plannedBlocks = []
    } else {
      // Copies: taking a setting out of the scenario's own lists must leave the season's as they are.
      const again = structuredClone({ dimensioning: s.dimensioning, plannedBlocks: s.plannedBlocks })
      s.seasons = [{ ...season, ...again }]
    }
  }
  if (x.ruleSet !== undefined) {
    const areas = x.ruleSet.over === "first" ? [first] : s.areas.map((a: Json) => a.id)
    // A rule set's reserve must name one of its own areas.
    const reserve = x.ruleSet.rules.reserve.map((r) => ({ ...r, area: first }))
    s.ruleSets = [{ areas, rules: { ...x.ruleSet.rules, reserve } }]
  }
  return s
}

describe("scenario linter", () => {
  it(
    "removing a setting it calls inert leaves the report byte-identical",
    () => {
      let checked = 0
      const paths = new Set<string>()
      fc.assert(
        fc.property(
          fc.oneof(scenarioInputArb(), scenarioInputArb({ communityShifts: true })),
          extras,
          (generated, x) => {
            const input = withExtras(generated as Json, x)
            const scenario = decodeScenario(input)
            const report = JSON.stringify(runScenario(scenario).report)
            for (const w of lintScenario(scenario)) {
              if (w.severity !== "inert") continue
              const reduced = decodeScenario(without(input, w.path))
              expect(JSON.stringify(runScenario(reduced).report), `without ${w.path} (${w.message})`).toBe(report)
              checked++
              paths.add(w.path.replace(/\[\d+\]/g, "[]") + (w.message.includes("needs") ? " NEEDS" : ""))
            }
          }
        ),
        { numRuns: 150 }
      )
      // The property must have had something to check, across many kinds of setting.
      expect(checked).toBeGreaterThan(100)
      expect(paths.size).toBeGreaterThan(10)
      expect([...paths].filter((p) => p.startsWith("ruleSets[].rules.")).length).toBeGreaterThan(2)
      expect(paths).toContain("rules")
    },
    TIMEOUT
  )
})
