import { decodeScenarioInput, type IgvEvent, type Scenario, type ScenarioInput } from "@igv/domain"
import { simulate } from "@igv/simulator"
import fc from "fast-check"

/** Known scenarios for recovery and calibration: two areas, separable hour-of-week demand, day and night shifts, weekly blocks. */
export const AREAS = ["north", "south"] as const
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const

/** The daily shape of an area (shared by its priorities), and a weekday factor per stream: a separable hour-of-week profile. */
const dailyShape = fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 24, maxLength: 24 })
const weekdayFactors = fc.array(fc.integer({ min: 2, max: 5 }), { minLength: 7, maxLength: 7 })
const service = fc
  .tuple(fc.integer({ min: 15, max: 60 }), fc.integer({ min: 10, max: 90 }))
  .map(([m, extra]) => ({ _tag: "lognormal" as const, medianMinutes: m, p90Minutes: m + extra }))
const stream = fc.record({
  perDay: fc.double({ min: 0.5, max: 6, noNaN: true }).map((x) => Math.round(x * 100) / 100),
  weekdays: weekdayFactors,
  service,
  twoUnitShare: fc.integer({ min: 0, max: 40 }).map((x) => x / 100)
})
const area = fc.record({
  shape: dailyShape,
  streams: fc.tuple(stream, stream, stream),
  dayPatrols: fc.integer({ min: 3, max: 5 }),
  nightPatrols: fc.integer({ min: 2, max: 4 }),
  /** Day shift start, in quarter hours from 06:00. */
  dayStart: fc.integer({ min: 0, max: 8 }),
  blockStart: fc.integer({ min: 36, max: 52 }).map((q) => q * 15),
  blockMinutes: fc.integer({ min: 4, max: 12 }).map((q) => q * 15)
})
export const known = fc.record({
  areas: fc.tuple(area, area),
  travelMedian: fc.integer({ min: 5, max: 15 }),
  travelExtra: fc.integer({ min: 3, max: 20 }),
  handledOtherwise: fc.integer({ min: 5, max: 30 }).map((x) => x / 100)
})
export type Known = typeof known extends fc.Arbitrary<infer T> ? T : never

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`

export const scenarioOf = (k: Known, days = 364): ScenarioInput => ({
  name: "known",
  start: "2023-01-02",
  days,
  areas: [{ id: "north" }, { id: "south" }],
  travel: { default: { _tag: "lognormal", medianMinutes: k.travelMedian, p90Minutes: k.travelMedian + k.travelExtra } },
  dimensioning: AREAS.flatMap((id, a) => {
    const spec = k.areas[a] as Known["areas"][0]
    const dayStart = 360 + spec.dayStart * 15
    return [
      { area: id, patrols: spec.dayPatrols, start: clock(dayStart), end: clock(dayStart + 600) },
      { area: id, patrols: spec.nightPatrols, start: clock(dayStart + 600), end: clock(dayStart) },
      {
        area: id,
        kind: "community" as const,
        patrols: 1,
        weekdays: ["mon", "tue", "wed", "thu", "fri"],
        start: "08:00",
        end: "16:00"
      }
    ]
  }),
  demand: {
    synthetic: AREAS.flatMap((id, a) => {
      const spec = k.areas[a] as Known["areas"][0]
      return spec.streams.map((s, p) => ({
        area: id,
        prio: (p + 1) as 1 | 2 | 3,
        perDay: s.perDay,
        service: s.service,
        twoUnitShare: s.twoUnitShare,
        hourOfWeekProfile: Array.from(
          { length: 168 },
          (_, h) => (spec.shape[h % 24] as number) * (s.weekdays[Math.floor(h / 24)] as number)
        )
      }))
    })
  },
  plannedBlocks: AREAS.map((id, a) => {
    const spec = k.areas[a] as Known["areas"][0]
    return {
      area: id,
      weekdays: ["mon", "wed", "fri"],
      start: clock(spec.blockStart),
      durationMinutes: spec.blockMinutes,
      patrols: 1,
      tag: "promise"
    }
  }),
  // Pre-emption, so the stream holds recalls too: every event kind a feed can carry but unstaffed blocks.
  rules: { prio3: { handledOtherwiseShare: k.handledOtherwise }, prio1PreemptsPrio3: true }
})

export const decode = (input: ScenarioInput): Scenario => {
  const decoded = decodeScenarioInput(input)
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.issues))
  return decoded.value
}

export const eventsOf = (scenario: Scenario, seed = 7): IgvEvent[] => {
  const events: IgvEvent[] = []
  simulate(scenario, { seed, onEvent: (e) => events.push(e) })
  return events
}

/** A known year: the scenario above with a month profile per stream, and the parts that give every other event kind. */
const monthWeights = fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 12, maxLength: 12 })
export const knownYear = fc.record({
  base: known,
  months: fc.tuple(
    fc.tuple(monthWeights, monthWeights, monthWeights),
    fc.tuple(monthWeights, monthWeights, monthWeights)
  )
})
export type KnownYear = typeof knownYear extends fc.Arbitrary<infer T> ? T : never

/**
 * Tasks, time around jobs and two dated events (one takes every day patrol of north, so its blocks go unstaffed;
 * one takes south's day patrols a quarter hour into its block, so the block gives way): with pre-emption and the
 * blocks, a year of it holds every event kind the simulator emits.
 */
export const yearScenarioOf = (k: KnownYear): ScenarioInput => {
  const base = scenarioOf(k.base)
  const [north, south] = k.base.areas
  return {
    ...base,
    demand: {
      synthetic: (base.demand.synthetic ?? []).map((s, i) => ({
        ...s,
        monthOfYearProfile: k.months[Math.floor(i / 3)]?.[i % 3] as number[]
      }))
    },
    // A few community shifts to reception and covered absences: too few to move a quarter hour's median duty.
    rules: {
      ...base.rules,
      communityOfficers: {
        shiftsTaken: [{ into: "otherDuty" as const, duty: "reception", shiftsPerOfficerPerWeek: 0.05 }],
        absences: [{ reason: "training" as const, shiftsPerOfficerPerWeek: 0.05, covered: true }]
      }
    },
    tasks: AREAS.map((area) => ({
      area,
      minutesPerShift: 240,
      duration: { _tag: "lognormal" as const, medianMinutes: 30, p90Minutes: 60 }
    })),
    timeAroundJobs: {
      reportWriting: [{ minutes: { _tag: "fixed" as const, minutes: 15 } }],
      transport: [{ prios: [1, 2], share: 0.1, minutes: { _tag: "fixed" as const, minutes: 30 } }],
      briefing: { minutes: { _tag: "fixed" as const, minutes: 15 } },
      meal: { afterMinutes: 240, minutes: { _tag: "fixed" as const, minutes: 30 } }
    },
    calendar: [
      {
        id: "op-north",
        kind: "operation",
        from: "2023-03-06",
        to: "2023-03-10",
        weekdays: ["mon", "tue", "wed", "thu", "fri"],
        start: "06:00",
        end: "20:00",
        takes: [{ area: "north", patrols: north.dayPatrols }],
        interruptsPlannedWork: true
      },
      {
        id: "op-south",
        kind: "operation",
        from: "2023-06-05",
        to: "2023-06-09",
        weekdays: ["mon", "wed", "fri"],
        start: clock(south.blockStart + 15),
        end: clock(south.blockStart + 45),
        takes: [{ area: "south", patrols: south.dayPatrols }],
        interruptsPlannedWork: true
      }
    ]
  }
}
