import { decodeWith, isBetween, isInt, isValidTimeZone, parseInstant, Priority, type Decoded } from "@igv/domain"
import { Schema } from "effect"
import type { Analytics } from "./client.js"
import {
  headlineSplitRecorded,
  headlineSplitSimulated,
  interruptionsByHourOfWeek,
  lineTimeSurvival,
  realVsSimulated,
  sweepKpi
} from "./queries.js"

/**
 * What a user may ask the analytics (CLI `igv analytics <query>`, API `GET /analytics/<query>`), as schemas.
 * Input is decoded here before any query sees it: plain ids of a safe alphabet, dates with an offset, known
 * time zones. (The queries write every value through formatLiteral anyway; this gives users clear errors.)
 */

const Id = Schema.String.check(
  Schema.isPattern(/^[\p{L}\p{N}_.:/-]{1,200}$/u, { message: "an id is 1–200 letters, digits or _ . : / -" })
)
const IdList = Schema.Array(Id)

/** A calendar date (UTC midnight) or an ISO 8601 time with an offset; impossible dates (Feb 30) are refused. */
const instantOf = (s: string): Date | undefined => {
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  const t = parseInstant(dateOnly === null ? s : `${s}T00:00:00Z`)
  return t === undefined ? undefined : new Date(t * 60_000)
}
/** ClickHouse DateTime: unsigned 32-bit seconds, 1970-01-01 to 2106-02-07T06:28:15Z. */
const LAST_DATETIME_MS = (2 ** 32 - 1) * 1000
const Instant = Schema.String.check(
  Schema.makeFilter((s) => {
    const d = instantOf(s)
    if (d === undefined)
      return "a time must be a date (2024-01-01, read as UTC midnight) or ISO 8601 with an offset (2024-01-01T00:00:00+01:00)"
    return d.getTime() >= 0 && d.getTime() <= LAST_DATETIME_MS
      ? true
      : "a time must lie from 1970-01-01 to 2106-02-07 (what ClickHouse's DateTime holds)"
  })
)
const TimeZone = Schema.String.check(
  Schema.makeFilter(isValidTimeZone, { message: "an IANA time zone, e.g. Europe/Stockholm" })
)

const Runs = Schema.Struct({
  scenario: Schema.optionalKey(Id),
  version: Schema.optionalKey(Schema.Number.check(isInt, isBetween(0, 4_294_967_295))),
  sweep: Schema.optionalKey(Id),
  runs: Schema.optionalKey(IdList)
})

export const AnalyticsInputs = {
  interruptions: Schema.Struct({
    ...Runs.fields,
    areas: Schema.optionalKey(IdList),
    prios: Schema.optionalKey(Schema.Array(Priority)),
    from: Schema.optionalKey(Instant),
    to: Schema.optionalKey(Instant),
    timeZone: Schema.optionalKey(TimeZone)
  }),
  survival: Schema.Struct({ scenario: Id, areas: Schema.optionalKey(IdList) }),
  sweep: Schema.Struct({
    sweep: Id,
    kpi: Schema.String.check(
      Schema.isPattern(/^[A-Za-z0-9_.:-]{1,200}$/, { message: "a KPI is a dotted report path, e.g. lineTime.survival" })
    ),
    parameter: Id,
    area: Schema.optionalKey(Id)
  }),
  "real-vs-simulated": Schema.Struct({ ...Runs.fields, from: Instant, to: Instant, areas: Schema.optionalKey(IdList) }),
  headline: Schema.Struct({
    ...Runs.fields,
    /** "recorded" (the feed in ClickHouse) or "simulated" (runs matching the run filter). */
    source: Schema.Literals(["recorded", "simulated"]),
    from: Schema.optionalKey(Instant),
    to: Schema.optionalKey(Instant),
    areas: Schema.optionalKey(IdList),
    timeZone: Schema.optionalKey(TimeZone)
  })
} as const

export type AnalyticsQueryName = keyof typeof AnalyticsInputs
export const ANALYTICS_QUERIES = Object.keys(AnalyticsInputs) as ReadonlyArray<AnalyticsQueryName>
export const isAnalyticsQuery = (name: string): name is AnalyticsQueryName => Object.hasOwn(AnalyticsInputs, name)

const decoders = Object.fromEntries(
  Object.entries(AnalyticsInputs).map(([k, s]) => [k, decodeWith(s as Schema.ConstraintDecoder<unknown>)])
) as { readonly [K in AnalyticsQueryName]: (input: unknown) => Decoded<(typeof AnalyticsInputs)[K]["Type"]> }

export const decodeAnalyticsInput = <K extends AnalyticsQueryName>(
  name: K,
  input: unknown
): Decoded<(typeof AnalyticsInputs)[K]["Type"]> => decoders[name](input)

const date = (s: string): Date => instantOf(s)!

const runFilter = (i: typeof Runs.Type) => ({
  ...(i.scenario === undefined ? {} : { scenarioId: i.scenario }),
  ...(i.version === undefined ? {} : { scenarioVersion: i.version }),
  ...(i.sweep === undefined ? {} : { sweepId: i.sweep }),
  ...(i.runs === undefined ? {} : { runIds: i.runs })
})

export class AnalyticsInputError extends Error {
  override readonly name = "AnalyticsInputError"
  constructor(
    readonly query: string,
    readonly issues: ReadonlyArray<{ readonly path: string; readonly message: string }>
  ) {
    super(issues.map((i) => `${query}: ${i.path === "" ? "" : `at ${i.path}: `}${i.message}`).join("\n"))
  }
}

/** Decodes `input` for the named query and runs it; rejects with AnalyticsInputError on bad input. */
export const runAnalyticsQuery = async (a: Analytics, name: AnalyticsQueryName, input: unknown): Promise<unknown> => {
  const decoded = decodeAnalyticsInput(name, input)
  if (!decoded.ok) throw new AnalyticsInputError(name, decoded.issues)
  switch (name) {
    case "interruptions": {
      const i = decoded.value as typeof AnalyticsInputs.interruptions.Type
      if (i.scenario === undefined && i.runs === undefined && i.sweep === undefined) {
        throw new AnalyticsInputError(name, [{ path: "", message: "name the runs: scenario, sweep or runs" }])
      }
      return interruptionsByHourOfWeek(a, {
        runs: runFilter(i),
        ...(i.areas === undefined ? {} : { areas: i.areas }),
        ...(i.prios === undefined ? {} : { priorities: i.prios }),
        ...(i.from === undefined ? {} : { from: date(i.from) }),
        ...(i.to === undefined ? {} : { to: date(i.to) }),
        ...(i.timeZone === undefined ? {} : { timeZone: i.timeZone })
      })
    }
    case "survival": {
      const i = decoded.value as typeof AnalyticsInputs.survival.Type
      return lineTimeSurvival(a, { scenarioId: i.scenario, ...(i.areas === undefined ? {} : { areas: i.areas }) })
    }
    case "sweep": {
      const i = decoded.value as typeof AnalyticsInputs.sweep.Type
      return sweepKpi(a, {
        sweepId: i.sweep,
        kpi: i.kpi,
        parameter: i.parameter,
        ...(i.area === undefined ? {} : { area: i.area })
      })
    }
    case "real-vs-simulated": {
      const i = decoded.value as (typeof AnalyticsInputs)["real-vs-simulated"]["Type"]
      return realVsSimulated(a, {
        from: date(i.from),
        to: date(i.to),
        runs: runFilter(i),
        ...(i.areas === undefined ? {} : { areas: i.areas })
      })
    }
    case "headline": {
      const i = decoded.value as typeof AnalyticsInputs.headline.Type
      const extra = {
        ...(i.areas === undefined ? {} : { areas: i.areas }),
        ...(i.timeZone === undefined ? {} : { timeZone: i.timeZone })
      }
      if (i.source === "simulated") return headlineSplitSimulated(a, { runs: runFilter(i), ...extra })
      if (i.from === undefined || i.to === undefined)
        throw new AnalyticsInputError(name, [{ path: "from", message: "the recorded split needs from and to" }])
      return headlineSplitRecorded(a, { from: date(i.from), to: date(i.to), ...extra })
    }
  }
}
