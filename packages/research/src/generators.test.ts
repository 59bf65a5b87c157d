import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "./generators.js"

const offeredLoad = (s: ReturnType<typeof decodeScenario>, area: string): number => {
  const minutes = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5))
  const igv = s.dimensioning
    .filter((d) => d.area === area && d.kind === "igv")
    .reduce(
      (sum, d) =>
        sum + (d.patrols * ((minutes(d.end) - minutes(d.start) + 1440) % 1440 || 1440) * d.weekdays.length) / 7,
      0
    )
  const mean = (m: (typeof s.demand.synthetic)[number]["service"]): number =>
    m._tag === "exponential"
      ? m.meanMinutes
      : m._tag === "fixed"
        ? m.minutes
        : m._tag === "lognormal"
          ? m.medianMinutes * Math.exp((Math.log(m.p90Minutes / m.medianMinutes) / 1.2815515655446004) ** 2 / 2)
          : NaN
  const offered = s.demand.synthetic
    .filter((d) => d.area === area)
    .reduce((sum, d) => sum + d.perDay * mean(d.service) * (1 + d.twoUnitShare), 0)
  return offered / igv
}

describe("generated scenarios", () => {
  it("always decode as valid scenarios", () => {
    fc.assert(
      fc.property(scenarioInputArb(), (input) => {
        const s = decodeScenario(input)
        expect(s.areas.length).toBeGreaterThanOrEqual(1)
        expect(s.demand.synthetic.length).toBeGreaterThanOrEqual(1)
      }),
      { numRuns: 200 }
    )
  }, 30_000)

  it("restrict demand to the requested priorities", () => {
    fc.assert(
      fc.property(scenarioInputArb({ demandPriorities: [2, 3] }), (input) => {
        expect(decodeScenario(input).demand.synthetic.every((d) => d.prio !== 1)).toBe(true)
      }),
      { numRuns: 50 }
    )
  })

  it("keep to the areas, days and load asked for", () => {
    const arb = scenarioInputArb({ areas: { min: 2, max: 3 }, days: { min: 4, max: 5 }, load: { min: 0.3, max: 0.9 } })
    fc.assert(
      fc.property(arb, (input) => {
        const s = decodeScenario(input)
        expect(s.areas.length).toBeGreaterThanOrEqual(2)
        expect(s.days).toBeGreaterThanOrEqual(4)
        expect(s.days).toBeLessThanOrEqual(5)
        for (const { id } of s.areas) {
          const load = offeredLoad(s, id)
          expect(load).toBeGreaterThanOrEqual(0.3 - 1e-3)
          expect(load).toBeLessThanOrEqual(0.9 + 1e-3)
        }
      }),
      { numRuns: 200 }
    )
  })

  it("hold the rules given fixed, objects field by field", () => {
    const arb = scenarioInputArb({ rules: { interruptingPriorities: [1, 2], prio3: { handling: "defer" } } })
    fc.assert(
      fc.property(arb, (input) => {
        const s = decodeScenario(input)
        expect(s.rules.interruptingPriorities).toEqual([1, 2])
        expect(s.rules.prio3.handling).toBe("defer")
      }),
      { numRuns: 100 }
    )
    // The other prio3 fields still vary.
    const limits = new Set(
      fc.sample(arb, { seed: 3, numRuns: 50 }).map((i) => decodeScenario(i).rules.prio3.deferLimitMinutes)
    )
    expect(limits.size).toBeGreaterThan(1)
  })

  it("add dated events and tasks on request, only for declared areas, and leave the base scenario as it was", () => {
    const both = fc
      .sample(scenarioInputArb({ calendar: true, patrolWork: true }), { seed: 5, numRuns: 50 })
      .map(decodeScenario)
    expect(both.some((s) => s.calendar.length > 0 && s.tasks !== undefined)).toBe(true)
    for (const s of both) {
      const areas = new Set<string>(s.areas.map((a) => a.id))
      expect(s.calendar.flatMap((c) => c.takes).every((t) => areas.has(t.area))).toBe(true)
      expect(s.calendar.every((c) => c.from === s.start && c.to >= c.from)).toBe(true)
    }
    const base = fc.sample(scenarioInputArb(), { seed: 5, numRuns: 5 })
    const withCalendar = fc.sample(scenarioInputArb({ calendar: true }), { seed: 5, numRuns: 5 })
    expect(withCalendar.map(({ calendar: _, ...rest }) => rest)).toEqual(base)
  })

  it("refuse constraints outside what they can generate", () => {
    expect(() => scenarioInputArb({ areas: { min: 0 } })).toThrow(/areas/)
    expect(() => scenarioInputArb({ areas: { min: 2, max: 1 } })).toThrow(/areas/)
    expect(() => scenarioInputArb({ days: { max: 29 } })).toThrow(/days/)
    expect(() => scenarioInputArb({ load: { min: 0, max: 0.5 } })).toThrow(/load/)
  })

  it("shrink a counterexample to the fewest areas, shifts, streams, blocks and days that still fail", () => {
    // Fails whenever any planned block exists: the smallest such scenario has one of everything.
    const result = fc.check(
      fc.property(scenarioInputArb(), (input) => decodeScenario(input).plannedBlocks.length === 0),
      { seed: 7, numRuns: 200 }
    )
    expect(result.failed).toBe(true)
    const shrunk = decodeScenario(result.counterexample![0])
    expect(shrunk.areas.length).toBe(1)
    expect(shrunk.days).toBe(1)
    expect(shrunk.dimensioning.length).toBe(1)
    expect(shrunk.demand.synthetic.length).toBe(1)
    expect(shrunk.plannedBlocks.length).toBe(1)
    expect(shrunk.rules.reserve.length).toBe(0)
  })
})
