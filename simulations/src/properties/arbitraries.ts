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
const clock = fc.integer({ min: 0, max: 47 }).map((h) => `${String(Math.floor(h / 2)).padStart(2, "0")}:${h % 2 === 0 ? "00" : "30"}`)
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
const withWeekdays = <T extends object>(o: T, w: ReadonlyArray<string> | undefined) => (w === undefined ? o : { ...o, weekdays: w })

const travelModel = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((minutes) => ({ _tag: "fixed" as const, minutes })),
  fc.tuple(fc.integer({ min: 2, max: 15 }), fc.integer({ min: 0, max: 20 }))
    .map(([median, extra]) => ({ _tag: "lognormal" as const, medianMinutes: median, p90Minutes: median + extra }))
)

const service = fc.oneof(
  fc.integer({ min: 5, max: 120 }).map((meanMinutes) => ({ _tag: "exponential" as const, meanMinutes })),
  fc.integer({ min: 5, max: 90 }).map((minutes) => ({ _tag: "fixed" as const, minutes })),
  fc.tuple(fc.integer({ min: 10, max: 60 }), fc.integer({ min: 0, max: 60 }))
    .map(([m, extra]) => ({ _tag: "lognormal" as const, medianMinutes: m, p90Minutes: m + extra }))
)

const shift = (area: string) =>
  fc.record({
    kind: fc.constantFrom("igv", "igv", "igv", "community"),
    patrols: fc.integer({ min: 1, max: 4 }),
    window: dutyWindow,
    weekdays
  }).map(({ weekdays: w, window, ...s }) => withWeekdays({ area, ...s, ...window }, w))

const stream = (area: string) =>
  fc.record({
    prio,
    perDay: fc.integer({ min: 1, max: 60 }),
    service,
    twoUnitShare: fc.constantFrom(0, 0, 0.2)
  }).map((s) => ({ area, ...s }))

const block = (area: string) =>
  fc.record({
    patrolKind: fc.constantFrom("igv", "igv", "igv", "community"),
    start: clock,
    durationMinutes: fc.integer({ min: 1, max: 16 }).map((q) => q * 15),
    patrols: fc.integer({ min: 1, max: 3 }),
    tag: fc.option(fc.constantFrom("promise-1", "promise-2"), { nil: undefined }),
    weekdays
  }).map(({ weekdays: w, tag, ...b }) => withWeekdays(tag === undefined ? { area, ...b } : { area, tag, ...b }, w))

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
    borrowing: fc.uniqueArray(
      fc.record({ prio, afterMinutes: fc.constantFrom(0, 10, 30) }),
      { maxLength: 2, selector: (b) => b.prio }
    ),
    communityOfficers: fc.record({ drawnFor: priorities }),
    resume: fc.record({ enabled: fc.boolean(), minimumRemnantMinutes: fc.constantFrom(0, 20, 45) }),
    prio1PreemptsPrio3: fc.boolean()
  })

export interface ScenarioOptions {
  /** Adjusts the generated rules (e.g. no interrupting priority). */
  readonly mapRules?: (rules: Record<string, unknown>) => Record<string, unknown>
  /** Only these priorities in the demand. */
  readonly demandPriorities?: ReadonlyArray<1 | 2 | 3>
  /** Planned blocks only for this kind of patrol. */
  readonly blockKind?: "igv" | "community"
  /** Add dated events (operations, special events, kommenderingar) that take patrols. */
  readonly calendar?: boolean
}

/** A dated event over the scenario's first days; `id`, `from` and `to` are filled in with the scenario's start. */
const calendarEvent = fc.record({
  kind: fc.constantFrom("operation", "specialEvent", "kommendering"),
  days: fc.integer({ min: 0, max: 2 }),
  window: dutyWindow,
  takes: fc.array(fc.record({
    area: fc.constantFrom(...AREA_IDS), kind: fc.constantFrom("igv", "igv", "community"), patrols: fc.integer({ min: 1, max: 2 })
  }), { minLength: 1, maxLength: 2 }),
  interruptsPlannedWork: fc.boolean()
})

const plusDays = (date: string, days: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/**
 * Everything is generated for all three areas and then cut to the first n (no `chain`), so fast-check
 * shrinks every part independently, down to one area, one shift, one demand stream.
 */
export const scenarioInputArb = (options: ScenarioOptions = {}): fc.Arbitrary<ScenarioInput> => {
  const perArea = <T>(arb: (area: string) => fc.Arbitrary<T>, min: number, max: number) =>
    fc.tuple(...AREA_IDS.map((a) => fc.array(arb(a), { minLength: min, maxLength: max })))
  const demandStream = (area: string) =>
    options.demandPriorities === undefined
      ? stream(area)
      : fc.tuple(stream(area), fc.constantFrom(...options.demandPriorities)).map(([s, p]) => ({ ...s, prio: p }))
  return fc.record({
    n: fc.integer({ min: 1, max: 3 }),
    // A summer week, and the spring-forward and fall-back weekends in Stockholm.
    start: fc.constantFrom("2025-06-02", "2025-03-29", "2025-10-25"),
    days: fc.integer({ min: 1, max: 3 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    neighbours: fc.tuple(...AREA_IDS.map((a) => fc.subarray(AREA_IDS.filter((b) => b !== a)))),
    travel: travelModel,
    dimensioning: perArea(shift, 1, 2),
    demand: perArea(demandStream, 1, 2),
    plannedBlocks: perArea(block, 0, 3),
    rules: rulesArb(AREA_IDS),
    calendar: fc.array(calendarEvent, { maxLength: options.calendar === true ? 2 : 0 })
  }).map(({ n, neighbours, travel, dimensioning, demand, plannedBlocks, rules, calendar, ...s }) => {
    const areas = AREA_IDS.slice(0, n)
    const declared = (id: string) => areas.includes(id as (typeof AREA_IDS)[number])
    const r = {
      ...rules,
      reserve: rules.reserve.filter((x) => declared(x.area))
    }
    return {
      name: "generated",
      ...s,
      areas: areas.map((id, i) => ({ id, neighbours: neighbours[i]!.filter(declared) })),
      travel: { default: travel },
      dimensioning: dimensioning.slice(0, n).flat(),
      demand: { synthetic: demand.slice(0, n).flat() },
      plannedBlocks: plannedBlocks.slice(0, n).flat()
        .map((b) => (options.blockKind === undefined ? b : { ...b, patrolKind: options.blockKind })),
      rules: options.mapRules === undefined ? r : options.mapRules(r),
      ...(calendar.length === 0 ? {} : {
        calendar: calendar.map(({ days: span, window, takes, ...c }, i) => ({
          id: `event-${i}`, from: s.start, to: plusDays(s.start, span), ...window, takes: takes.filter((t) => declared(t.area)), ...c
        })).filter((c) => c.takes.length > 0)
      })
    } as unknown as ScenarioInput
  })
}

const decode = decodeWith(Scenario)

export const decodeScenario = (input: unknown): Scenario => {
  const r = decode(input)
  if (!r.ok) throw new Error(`invalid scenario: ${r.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`)
  return r.value
}
