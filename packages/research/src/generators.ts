import { decodeWith, Scenario, type ScenarioInput } from "@igv/domain"
import fc from "fast-check"

/**
 * Small generated scenarios: 1–3 areas, a few patrols on random shifts (some community officers),
 * synthetic demand, planned blocks and a random rule set, over 1–3 days that may cross a DST change.
 * The generators build the scenario *file* form (ScenarioInput), so a shrunk counterexample prints
 * as a scenario a person can read and run with the CLI.
 */

const AREA_IDS = ["north", "centre", "south"] as const
const WEEKDAY_IDS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const
const prio = fc.constantFrom(1, 2, 3)

/** Whole or half hours, "HH:MM". */
const clock = fc
  .integer({ min: 0, max: 47 })
  .map((h) => `${String(Math.floor(h / 2)).padStart(2, "0")}:${h % 2 === 0 ? "00" : "30"}`)
/** Mostly every day (omitted), so that shifts and blocks meet; sometimes a random subset. */
const weekdays = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.uniqueArray(fc.constantFrom(...WEEKDAY_IDS), { minLength: 1, maxLength: 7 }), weight: 1 }
)
/** A duty window: around the clock, or between two random times (crossing midnight when end ≤ start). */
const dutyWindow = fc.oneof(
  { arbitrary: fc.constant({ start: "00:00", end: "00:00" }), weight: 1 },
  { arbitrary: fc.record({ start: clock, end: clock }), weight: 2 }
)
const withWeekdays = <T extends object>(o: T, w: ReadonlyArray<string> | undefined) =>
  w === undefined ? o : { ...o, weekdays: w }

export const travelArb = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((minutes) => ({ _tag: "fixed" as const, minutes })),
  fc
    .tuple(fc.integer({ min: 2, max: 15 }), fc.integer({ min: 0, max: 20 }))
    .map(([median, extra]) => ({ _tag: "lognormal" as const, medianMinutes: median, p90Minutes: median + extra }))
)

export const serviceArb = fc.oneof(
  fc.integer({ min: 5, max: 120 }).map((meanMinutes) => ({ _tag: "exponential" as const, meanMinutes })),
  fc.integer({ min: 5, max: 90 }).map((minutes) => ({ _tag: "fixed" as const, minutes })),
  fc
    .tuple(fc.integer({ min: 10, max: 60 }), fc.integer({ min: 0, max: 60 }))
    .map(([m, extra]) => ({ _tag: "lognormal" as const, medianMinutes: m, p90Minutes: m + extra }))
)

export const shiftArb = (area: string) =>
  fc
    .record({
      kind: fc.constantFrom("igv", "igv", "igv", "community"),
      patrols: fc.integer({ min: 1, max: 4 }),
      window: dutyWindow,
      weekdays
    })
    .map(({ weekdays: w, window, ...s }) => withWeekdays({ area, ...s, ...window }, w))

export const demandStreamArb = (area: string) =>
  fc
    .record({
      prio,
      perDay: fc.integer({ min: 1, max: 60 }),
      service: serviceArb,
      twoUnitShare: fc.constantFrom(0, 0, 0.2)
    })
    .map((s) => ({ area, ...s }))

export const plannedBlockArb = (area: string) =>
  fc
    .record({
      patrolKind: fc.constantFrom("igv", "igv", "igv", "community"),
      start: clock,
      durationMinutes: fc.integer({ min: 1, max: 16 }).map((q) => q * 15),
      patrols: fc.integer({ min: 1, max: 3 }),
      tag: fc.option(fc.constantFrom("promise-1", "promise-2"), { nil: undefined }),
      weekdays
    })
    .map(({ weekdays: w, tag, ...b }) => withWeekdays(tag === undefined ? { area, ...b } : { area, tag, ...b }, w))

const priorities = fc.subarray([1, 2, 3])

export const rulesArb = (areas: ReadonlyArray<string>) =>
  fc.record({
    interruptingPriorities: priorities,
    prio3: fc.record({
      handling: fc.constantFrom("dispatch", "defer"),
      handledOtherwiseShare: fc.constantFrom(0, 0, 0.25),
      deferLimitMinutes: fc.constantFrom(60, 180)
    }),
    reserve: fc.array(
      fc.record({ area: fc.constantFrom(...areas), start: clock, end: clock, patrols: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 1 }
    ),
    borrowing: fc.uniqueArray(fc.record({ prio, afterMinutes: fc.constantFrom(0, 10, 30) }), {
      maxLength: 2,
      selector: (b) => b.prio
    }),
    communityOfficers: fc.record({ drawnFor: priorities }),
    resume: fc.record({ enabled: fc.boolean(), minimumRemnantMinutes: fc.constantFrom(0, 20, 45) }),
    prio1PreemptsPrio3: fc.boolean()
  })

/** The bounds a researcher may set on generated scenarios; each one shrinks towards its lower end. */
export interface ScenarioConstraints {
  /** How many areas (1–3; default 1–3). */
  readonly areas?: { readonly min?: number; readonly max?: number }
  /** How many days the run lasts (1–28; default 1–3). */
  readonly days?: { readonly min?: number; readonly max?: number }
  /**
   * Offered load per area (0 < min ≤ max < 10): on-scene minutes asked for (two-unit calls counted twice) per
   * IGV patrol-minute on duty, averaged over the week; travel is not counted. Each area gets a load drawn in the
   * range and its demand streams are scaled to it; every area gets at least one IGV shift.
   */
  readonly load?: { readonly min: number; readonly max: number }
  /** Rules held fixed: each field given replaces the generated one (objects such as `prio3` field by field). */
  readonly rules?: Readonly<Record<string, unknown>>
  /** Adjusts the generated rules (e.g. no interrupting priority); applied after `rules`. */
  readonly mapRules?: (rules: Record<string, unknown>) => Record<string, unknown>
  /** Only these priorities in the demand. */
  readonly demandPriorities?: ReadonlyArray<1 | 2 | 3>
  /** Planned blocks only for this kind of patrol. */
  readonly blockKind?: "igv" | "community"
  /** Also tasks, leadership and time around jobs (off by default, so the pinned scenarios stay as they are). */
  readonly patrolWork?: boolean
  /** Also one or two dated events (operations, special events, kommenderingar) over the first days that take patrols. */
  readonly calendar?: boolean
  /** Also community officers' shifts taken, absences and a crew (`rules.communityOfficers`), in every area. */
  readonly communityShifts?: boolean
}

const MAX_AREAS = AREA_IDS.length
const MAX_DAYS = 28
/** Loads are drawn in hundredths, so a counterexample's load reads as a round number. */
const LOAD_STEPS = 100

const bounded = (
  name: string,
  given: { readonly min?: number; readonly max?: number } | undefined,
  lo: number,
  hi: number,
  dflt: [number, number]
) => {
  const min = given?.min ?? dflt[0]
  const max = given?.max ?? (given?.min !== undefined ? Math.max(given.min, dflt[1]) : dflt[1])
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < lo || max > hi || min > max) {
    throw new RangeError(`${name} must be whole numbers with ${lo} ≤ min ≤ max ≤ ${hi}`)
  }
  return { min, max }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** The generated rules with the fixed ones laid over them, objects field by field. */
export const holdRules = (
  generated: Record<string, unknown>,
  fixed: Readonly<Record<string, unknown>>
): Record<string, unknown> => {
  const out: Record<string, unknown> = { ...generated }
  for (const [key, value] of Object.entries(fixed)) {
    const current = out[key]
    out[key] = isPlainObject(current) && isPlainObject(value) ? holdRules(current, value) : value
  }
  return out
}

/** Mean on-scene minutes of a service model as generated here. */
const meanServiceMinutes = (s: {
  _tag: string
  meanMinutes?: number
  minutes?: number
  medianMinutes?: number
  p90Minutes?: number
}): number => {
  if (s._tag === "exponential") return s.meanMinutes!
  if (s._tag === "fixed") return s.minutes!
  const sigma = Math.log(s.p90Minutes! / s.medianMinutes!) / 1.2815515655446004
  return s.medianMinutes! * Math.exp((sigma * sigma) / 2)
}

const clockMinutes = (c: string) => Number(c.slice(0, 2)) * 60 + Number(c.slice(3, 5))

/** IGV patrol-minutes on duty per day, averaged over the week. */
const igvMinutesPerDay = (
  shifts: ReadonlyArray<{ kind: string; patrols: number; start: string; end: string; weekdays?: ReadonlyArray<string> }>
) =>
  shifts.reduce((sum, s) => {
    if (s.kind !== "igv") return sum
    const length = (clockMinutes(s.end) - clockMinutes(s.start) + 1440) % 1440 || 1440
    return sum + (s.patrols * length * (s.weekdays?.length ?? 7)) / 7
  }, 0)

type StreamInput = {
  area: string
  perDay: number
  service: Parameters<typeof meanServiceMinutes>[0]
  twoUnitShare: number
}

/** Scales an area's demand streams so that they offer `load` of its IGV patrol time. */
const scaleToLoad = <S extends StreamInput>(streams: ReadonlyArray<S>, igvMinutes: number, load: number): Array<S> => {
  const offered = streams.reduce((sum, s) => sum + s.perDay * meanServiceMinutes(s.service) * (1 + s.twoUnitShare), 0)
  const factor = (load * igvMinutes) / offered
  // Not rounded: with few IGV minutes on duty, a perDay rounded to a thousandth could move the load out of its range.
  return streams.map((s) => ({ ...s, perDay: s.perDay * factor }))
}

/**
 * Everything is generated for all three areas and then cut to the first n (no `chain`), so fast-check
 * shrinks every part independently, down to the fewest areas, shifts, demand streams, blocks and days.
 */
const taskListArb = (area: string) =>
  fc
    .record({
      area: fc.constant(area),
      patrolKind: fc.constantFrom("igv", "community"),
      size: fc.oneof(
        fc.integer({ min: 0, max: 4 }).map((perShift) => ({ perShift })),
        fc.constantFrom(45, 200).map((minutesPerShift) => ({ minutesPerShift }))
      ),
      duration: serviceArb,
      tag: fc.constantFrom(undefined, "list")
    })
    .map(({ size, tag, ...t }) => ({ ...t, ...size, ...(tag === undefined ? {} : { tag }) }))

const patrolWorkArb = fc.record({
  tasks: fc.tuple(...AREA_IDS.map((a) => fc.array(taskListArb(a), { maxLength: 2 }))),
  leadership: fc.record({
    listShare: fc.constantFrom(0, 0.5, 1),
    windows: fc.array(
      fc.record({ start: clock, end: clock, listShare: fc.constantFrom(0, 1), fullness: fc.constantFrom(0.5, 1, 2) }),
      { maxLength: 2 }
    ),
    selfInitiatedShare: fc.constantFrom(0, 0.3)
  }),
  timeAroundJobs: fc
    .record({
      reportWriting: fc.constantFrom(
        [],
        [{ minutes: { _tag: "exponential", meanMinutes: 20 } }],
        [{ prios: [1, 2], minutes: { _tag: "fixed", minutes: 15 } }]
      ),
      transport: fc.constantFrom([], [{ prios: [1, 3], share: 0.5, minutes: { _tag: "fixed", minutes: 40 } }]),
      briefing: fc.constantFrom(undefined, { minutes: { _tag: "fixed", minutes: 20 } }),
      meal: fc.constantFrom(
        undefined,
        { afterMinutes: 180, minutes: { _tag: "fixed", minutes: 30 } },
        { afterMinutes: 240, minutes: { _tag: "exponential", meanMinutes: 30 }, interruptingPriorities: [1, 2] }
      )
    })
    .map(({ briefing, meal, ...t }) => ({
      ...t,
      ...(briefing === undefined ? {} : { briefing }),
      ...(meal === undefined ? {} : { meal })
    }))
})

/** A dated event; `id`, `from` and `to` are filled in from the scenario's start (`days` after it ends). */
const calendarEventArb = fc.record({
  kind: fc.constantFrom("operation", "specialEvent", "kommendering"),
  days: fc.integer({ min: 0, max: 2 }),
  window: dutyWindow,
  takes: fc.array(
    fc.record({
      area: fc.constantFrom(...AREA_IDS),
      kind: fc.constantFrom("igv", "igv", "community"),
      patrols: fc.integer({ min: 1, max: 2 })
    }),
    { minLength: 1, maxLength: 2 }
  ),
  interruptsPlannedWork: fc.boolean()
})

const perWeek = fc.constantFrom(0.5, 1, 3)

/** Community officers as a substitute pool; a neighbour is taken from the declared areas when the scenario is built. */
const communityShiftsArb = fc.record({
  crew: fc.constantFrom("pairs", "alone"),
  shiftsTaken: fc.array(
    fc.oneof(
      fc.record({ into: fc.constant("igv"), shiftsPerOfficerPerWeek: perWeek }),
      fc.record({ into: fc.constant("igv"), whenIgvBelow: fc.integer({ min: 0, max: 3 }) }),
      fc.record({
        into: fc.constant("neighbourIgv"),
        area: fc.constantFrom(...AREA_IDS),
        shiftsPerOfficerPerWeek: perWeek
      }),
      fc.record({
        into: fc.constant("otherDuty"),
        duty: fc.constantFrom("reception", "kommendering"),
        shiftsPerOfficerPerWeek: perWeek
      })
    ),
    { maxLength: 2 }
  ),
  absences: fc.array(
    fc.record({
      reason: fc.constantFrom("training", "meeting", "leave"),
      shiftsPerOfficerPerWeek: perWeek,
      covered: fc.boolean()
    }),
    { maxLength: 1 }
  )
})

const plusDays = (date: string, days: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

const declaredAreas = (scenario: ScenarioInput) =>
  new Set((scenario.areas as ReadonlyArray<{ id: string }>).map((a) => a.id))

/** The optional mechanisms are laid over the base scenario, so a scenario without them is generated as before them. */
export const scenarioInputArb = (constraints: ScenarioConstraints = {}): fc.Arbitrary<ScenarioInput> => {
  let arb = scenarioWithoutPatrolWork(constraints)
  if (constraints.patrolWork === true) {
    arb = fc.tuple(arb, patrolWorkArb).map(([scenario, { tasks, ...work }]) => {
      const areas = declaredAreas(scenario)
      return { ...scenario, ...work, tasks: tasks.flat().filter((t) => areas.has(t.area)) } as unknown as ScenarioInput
    })
  }
  if (constraints.calendar === true) {
    arb = fc.tuple(arb, fc.array(calendarEventArb, { minLength: 1, maxLength: 2 })).map(([scenario, events]) => {
      const areas = declaredAreas(scenario)
      const calendar = events
        .map(({ days, window, takes, ...c }, i) => ({
          id: `event-${i}`,
          from: scenario.start,
          to: plusDays(scenario.start, days),
          ...window,
          takes: takes.filter((t) => areas.has(t.area)),
          ...c
        }))
        .filter((c) => c.takes.length > 0)
      return { ...scenario, calendar } as unknown as ScenarioInput
    })
  }
  if (constraints.communityShifts === true) {
    arb = fc.tuple(arb, communityShiftsArb).map(([scenario, community]) => {
      const areas = declaredAreas(scenario)
      const rules = scenario.rules as Record<string, Record<string, unknown>>
      const shiftsTaken = community.shiftsTaken.filter((r) => !("area" in r) || areas.has(r.area))
      return {
        ...scenario,
        rules: { ...rules, communityOfficers: { ...rules["communityOfficers"], ...community, shiftsTaken } }
      } as unknown as ScenarioInput
    })
  }
  return arb
}

const scenarioWithoutPatrolWork = (constraints: ScenarioConstraints): fc.Arbitrary<ScenarioInput> => {
  const areaCount = bounded("areas", constraints.areas, 1, MAX_AREAS, [1, MAX_AREAS])
  const dayCount = bounded("days", constraints.days, 1, MAX_DAYS, [1, 3])
  const { load } = constraints
  if (load !== undefined && !(load.min > 0 && load.min <= load.max && load.max < 10)) {
    throw new RangeError("load must have 0 < min ≤ max < 10")
  }
  const perArea = <T>(arb: (area: string) => fc.Arbitrary<T>, min: number, max: number) =>
    fc.tuple(...AREA_IDS.map((a) => fc.array(arb(a), { minLength: min, maxLength: max })))
  const demandStream = (area: string) =>
    constraints.demandPriorities === undefined
      ? demandStreamArb(area)
      : fc
          .tuple(demandStreamArb(area), fc.constantFrom(...constraints.demandPriorities))
          .map(([s, p]) => ({ ...s, prio: p }))
  const loads =
    load === undefined
      ? fc.constant(undefined)
      : fc.tuple(
          ...AREA_IDS.map(() =>
            fc.integer({ min: Math.ceil(load.min * LOAD_STEPS), max: Math.floor(load.max * LOAD_STEPS) })
          )
        )
  return fc
    .record({
      n: fc.integer(areaCount),
      // A summer week, and the spring-forward and fall-back weekends in Stockholm.
      start: fc.constantFrom("2025-06-02", "2025-03-29", "2025-10-25"),
      days: fc.integer(dayCount),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      neighbours: fc.tuple(...AREA_IDS.map((a) => fc.subarray(AREA_IDS.filter((b) => b !== a)))),
      travel: travelArb,
      dimensioning: perArea(shiftArb, 1, 2),
      demand: perArea(demandStream, 1, 2),
      plannedBlocks: perArea(plannedBlockArb, 0, 3),
      rules: rulesArb(AREA_IDS),
      // Last, so that scenarios without a load constraint are generated exactly as before it existed.
      ...(load === undefined ? {} : { loads })
    })
    .map(({ n, neighbours, travel, dimensioning, demand, plannedBlocks, rules, loads: areaLoads, ...s }) => {
      const areas = AREA_IDS.slice(0, n)
      const declared = (id: string) => areas.includes(id as (typeof AREA_IDS)[number])
      const generated = { ...rules, reserve: rules.reserve.filter((x) => declared(x.area)) }
      const held = constraints.rules === undefined ? generated : holdRules(generated, constraints.rules)
      // With a load to meet, an area's first shift is an IGV one, so there is IGV time to load.
      const shifts = dimensioning
        .slice(0, n)
        .map((list) => (areaLoads === undefined ? list : list.map((x, i) => (i === 0 ? { ...x, kind: "igv" } : x))))
      const streams = demand
        .slice(0, n)
        .map((list, i) =>
          areaLoads === undefined ? list : scaleToLoad(list, igvMinutesPerDay(shifts[i]!), areaLoads[i]! / LOAD_STEPS)
        )
      return {
        name: "generated",
        ...s,
        areas: areas.map((id, i) => ({ id, neighbours: neighbours[i]!.filter(declared) })),
        travel: { default: travel },
        dimensioning: shifts.flat(),
        demand: { synthetic: streams.flat() },
        plannedBlocks: plannedBlocks
          .slice(0, n)
          .flat()
          .map((b) => (constraints.blockKind === undefined ? b : { ...b, patrolKind: constraints.blockKind })),
        rules: constraints.mapRules === undefined ? held : constraints.mapRules(held)
      } as unknown as ScenarioInput
    })
}

const decode = decodeWith(Scenario)

export const decodeScenario = (input: unknown): Scenario => {
  const r = decode(input)
  if (!r.ok) throw new Error(`invalid scenario: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`)
  return r.value
}
