import { type Decoded, decodeWith, type IgvEvent, IncidentRegistered, Scenario } from "@igv/domain"
import fc from "fast-check"
import { simulate } from "./index.js"

/** Decodes with the schema; throws on a mistake in the test itself. */
const decoder =
  <A>(decode: (input: unknown) => Decoded<A>) =>
  (input: unknown): A => {
    const r = decode(input)
    if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join("\n"))
    return r.value
  }

/** A scenario from its file form, with the schema's defaults applied. */
export const scenario: (input: unknown) => Scenario = decoder(decodeWith(Scenario))

const decodeRegistration = decoder(decodeWith(IncidentRegistered))
/** A recorded call to replay, ids as plain strings. */
export const registration = (fields: Omit<typeof IncidentRegistered.Encoded, "_tag">): IncidentRegistered =>
  decodeRegistration({ _tag: "IncidentRegistered", ...fields })

export const run = (s: Scenario, seed = 1, incidents?: Parameters<typeof simulate>[1]["incidents"]) => {
  const events: Array<IgvEvent> = []
  const summary = simulate(
    s,
    incidents === undefined
      ? { seed, onEvent: (e) => events.push(e) }
      : { seed, incidents, onEvent: (e) => events.push(e) }
  )
  return { events, summary }
}

export const ofType = <T extends IgvEvent["_tag"]>(events: ReadonlyArray<IgvEvent>, tag: T) =>
  events.filter((e): e is Extract<IgvEvent, { _tag: T }> => e._tag === tag)

const clock = fc
  .integer({ min: 0, max: 47 })
  .map((h) => `${String(Math.floor(h / 2)).padStart(2, "0")}:${h % 2 === 0 ? "00" : "30"}`)
const prio = fc.constantFrom(1, 2, 3)
const service = fc.oneof(
  fc.integer({ min: 5, max: 120 }).map((meanMinutes) => ({ _tag: "exponential", meanMinutes })),
  fc.integer({ min: 5, max: 90 }).map((minutes) => ({ _tag: "fixed", minutes })),
  fc
    .tuple(fc.integer({ min: 10, max: 60 }), fc.integer({ min: 0, max: 60 }))
    .map(([m, x]) => ({ _tag: "lognormal", medianMinutes: m, p90Minutes: m + x })),
  fc
    .array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 5 })
    .map((minutes) => ({ _tag: "empirical", minutes }))
)
const travel = fc.oneof(
  fc.integer({ min: 0, max: 20 }).map((minutes) => ({ _tag: "fixed", minutes })),
  fc
    .tuple(fc.integer({ min: 2, max: 15 }), fc.integer({ min: 0, max: 20 }))
    .map(([m, x]) => ({ _tag: "lognormal", medianMinutes: m, p90Minutes: m + x }))
)
const priorities = fc.subarray([1, 2, 3])

/** A rule taking community officers' shifts: into IGV by count or below a minimum, a neighbour's IGV, another duty. */
const shiftTakingArb = (areas: ReadonlyArray<string>) =>
  fc
    .oneof(
      fc.record({
        into: fc.constant("igv"),
        how: fc.oneof(
          fc.record({ shiftsPerOfficerPerWeek: fc.constantFrom(0.5, 1, 3) }),
          fc.record({ whenIgvBelow: fc.integer({ min: 0, max: 3 }) })
        )
      }),
      fc.record({
        into: fc.constant("neighbourIgv"),
        area: fc.constantFrom(...areas),
        how: fc.record({ shiftsPerOfficerPerWeek: fc.constantFrom(0.5, 1, 3) })
      }),
      fc.record({
        into: fc.constant("otherDuty"),
        duty: fc.constantFrom("reception", "kommendering"),
        how: fc.record({ shiftsPerOfficerPerWeek: fc.constantFrom(0.5, 1, 3) })
      })
    )
    .map(({ how, ...rule }) => ({ ...rule, ...how }))

export const rulesArb = (areas: ReadonlyArray<string>) =>
  fc.record({
    interruptingPriorities: priorities,
    prio3: fc.record({
      handling: fc.constantFrom("dispatch", "defer"),
      handledOtherwiseShare: fc.constantFrom(0, 0, 0.3),
      deferLimitMinutes: fc.constantFrom(0, 30, 180)
    }),
    reserve: fc.array(
      fc.record({ area: fc.constantFrom(...areas), start: clock, end: clock, patrols: fc.integer({ min: 0, max: 2 }) }),
      { maxLength: 2 }
    ),
    // One rule per priority: two are an error.
    borrowing: fc.uniqueArray(fc.record({ prio, afterMinutes: fc.constantFrom(0, 10, 45) }), {
      maxLength: 2,
      selector: (b) => b.prio
    }),
    communityOfficers: fc.record({
      drawnFor: priorities,
      crew: fc.constantFrom("pairs", "alone"),
      shiftsTaken: fc.array(shiftTakingArb(areas), { maxLength: 2 }),
      absences: fc.array(
        fc.record({
          reason: fc.constantFrom("training", "meeting", "leave"),
          shiftsPerOfficerPerWeek: fc.constantFrom(0.5, 1, 3),
          covered: fc.boolean()
        }),
        { maxLength: 1 }
      )
    }),
    resume: fc.record({ enabled: fc.boolean(), minimumRemnantMinutes: fc.constantFrom(0, 20, 60) }),
    prio1PreemptsPrio3: fc.boolean(),
    prio1NearestUnit: fc.boolean(),
    protectedTags: fc.uniqueArray(
      fc.record({ tag: fc.constantFrom("mb-1", "mb-2"), from: fc.uniqueArray(prio, { minLength: 1, maxLength: 3 }) }),
      { maxLength: 2, selector: (p) => p.tag }
    )
  })

/** The local date `days` after "YYYY-MM-DD". */
const dayAfter = (date: string, days: number): string => {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** A dated event over the first `to` + 1 days; `from`, `to` (as a date) and `id` are set by the scenario. */
const calendarEventArb = (areas: ReadonlyArray<string>) =>
  fc.record({
    kind: fc.constantFrom("operation", "specialEvent", "kommendering"),
    to: fc.integer({ min: 0, max: 2 }),
    start: clock,
    end: clock,
    takes: fc.array(
      fc.record({
        area: fc.constantFrom(...areas),
        kind: fc.constantFrom("igv", "igv", "community"),
        patrols: fc.integer({ min: 0, max: 2 })
      }),
      { minLength: 1, maxLength: 2 }
    ),
    interruptsPlannedWork: fc.boolean()
  })

export interface ArbOptions {
  readonly rules?: (areas: ReadonlyArray<string>) => fc.Arbitrary<Record<string, unknown>>
  readonly demandPriorities?: ReadonlyArray<1 | 2 | 3>
}

/** Small scenarios: 1–3 areas, random shifts, demand, planned blocks and rules, 1–3 days that may cross a DST night. */
export const scenarioArb = (options: ArbOptions = {}): fc.Arbitrary<Scenario> =>
  fc.integer({ min: 1, max: 3 }).chain((n) => {
    const areas = ["a", "b", "c"].slice(0, n)
    const perArea = <T>(arb: (area: string) => fc.Arbitrary<T>, min: number, max: number) =>
      fc.tuple(...areas.map((a) => fc.array(arb(a), { minLength: min, maxLength: max }))).map((xs) => xs.flat())
    const shift = (area: string) =>
      fc.record({
        area: fc.constant(area),
        kind: fc.constantFrom("igv", "igv", "community"),
        patrols: fc.integer({ min: 0, max: 4 }),
        start: clock,
        end: clock,
        weekdays: fc.uniqueArray(fc.constantFrom("mon", "tue", "wed", "thu", "fri", "sat", "sun"), {
          minLength: 1,
          maxLength: 7
        })
      })
    const stream = (area: string) =>
      fc
        .record({
          area: fc.constant(area),
          prio: options.demandPriorities === undefined ? prio : fc.constantFrom(...options.demandPriorities),
          perDay: fc.integer({ min: 0, max: 40 }),
          service,
          twoUnitShare: fc.constantFrom(0, 0.3, 1),
          hourOfWeekProfile: fc.option(
            fc
              .array(fc.integer({ min: 0, max: 3 }), { minLength: 168, maxLength: 168 })
              .filter((w) => w.some((x) => x > 0)),
            { nil: undefined }
          )
        })
        .map(({ hourOfWeekProfile, ...s }) => (hourOfWeekProfile === undefined ? s : { ...s, hourOfWeekProfile }))
    const block = (area: string) =>
      fc
        .record({
          area: fc.constant(area),
          patrolKind: fc.constantFrom("igv", "igv", "community"),
          start: clock,
          durationMinutes: fc.integer({ min: 1, max: 16 }).map((q) => q * 15),
          patrols: fc.integer({ min: 0, max: 3 }),
          tag: fc.option(fc.constantFrom("mb-1", "mb-2"), { nil: undefined })
        })
        .map(({ tag, ...b }) => (tag === undefined ? b : { ...b, tag }))
    return fc
      .record({
        start: fc.constantFrom("2024-06-03", "2024-03-30", "2024-10-26"),
        days: fc.integer({ min: 1, max: 3 }),
        seed: fc.integer({ min: 1, max: 1_000_000 }),
        neighbours: fc.tuple(...areas.map((a) => fc.subarray(areas.filter((b) => b !== a)))),
        travel,
        dimensioning: perArea(shift, 1, 3),
        synthetic: perArea(stream, 1, 3),
        plannedBlocks: perArea(block, 0, 2),
        rules: (options.rules ?? rulesArb)(areas),
        calendar: fc.array(calendarEventArb(areas), { maxLength: 2 }),
        ruleSets: fc.option(fc.tuple(fc.subarray(areas, { minLength: 1 }), (options.rules ?? rulesArb)(areas)), {
          nil: undefined
        }),
        seasons: fc.option(fc.tuple(fc.integer({ min: 0, max: 2 }), perArea(shift, 0, 2), perArea(block, 0, 2)), {
          nil: undefined
        })
      })
      .map(({ neighbours, travel: t, synthetic, calendar, ruleSets, seasons, ...s }) =>
        scenario({
          name: "generated",
          ...s,
          calendar: calendar.map((c, i) => ({ ...c, id: `ev${i}`, from: s.start, to: dayAfter(s.start, c.to) })),
          ruleSets:
            ruleSets === undefined
              ? []
              : [
                  {
                    areas: ruleSets[0],
                    rules: {
                      ...ruleSets[1],
                      reserve: (ruleSets[1].reserve as ReadonlyArray<{ readonly area: string }>).filter((r) =>
                        ruleSets[0].includes(r.area)
                      )
                    }
                  }
                ],
          seasons:
            seasons === undefined
              ? []
              : [
                  {
                    name: "season",
                    from: dayAfter(s.start, seasons[0]),
                    to: dayAfter(s.start, seasons[0]),
                    dimensioning: seasons[1],
                    plannedBlocks: seasons[2]
                  }
                ],
          areas: areas.map((id, i) => ({ id, neighbours: neighbours[i] })),
          travel: { default: t },
          demand: { synthetic }
        })
      )
  })
