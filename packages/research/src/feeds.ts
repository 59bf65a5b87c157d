import {
  EVENT_SCHEMAS,
  formatInstant,
  type IgvEvent,
  type IgvEventType,
  type IncidentRegistered,
  type ScenarioInput
} from "@igv/domain"
import { feedLine, foldSimulation } from "@igv/runner"
import fc from "fast-check"
import { decodeScenario, scenarioInputArb, type ScenarioConstraints } from "./generators.js"

/**
 * Recorded feeds as `igv ingest` reads them: a generated scenario is simulated and its event stream cut to
 * the kinds a feed holds, written as NDJSON wire events or as a CSV incident export; malformed rows and rows
 * sent twice are separate lists laid into it. Every part shrinks on its own: a failing feed shrinks to one area,
 * one day, and the fewest bad and repeated rows that still fail.
 */

/** The event kinds a feed may hold. */
export const FEED_EVENT_KINDS = Object.keys(EVENT_SCHEMAS) as ReadonlyArray<IgvEventType>

export interface FeedConstraints {
  /** How many areas (1–3; default 1–3). */
  readonly areas?: { readonly min?: number; readonly max?: number }
  /** How many days the feed covers (1–28; default 1–3). */
  readonly days?: { readonly min?: number; readonly max?: number }
  /** Which event kinds the feed holds: "incidents" (as the shipped samples), "all" (default), or a list. */
  readonly kinds?: "incidents" | "all" | ReadonlyArray<IgvEventType>
  /** NDJSON wire events (default), or a CSV incident export (incidents only). */
  readonly format?: "ndjson" | "csv"
  /** How many malformed rows (each one the ingest quarantines); default none. */
  readonly malformed?: { readonly min?: number; readonly max?: number }
  /** How many rows are sent twice (each one the ingest counts as a duplicate); default none. */
  readonly duplicates?: { readonly min?: number; readonly max?: number }
  /** Further bounds on the scenario simulated (load, rules, …); `areas` and `days` above take precedence. */
  readonly scenario?: Omit<ScenarioConstraints, "areas" | "days">
}

export interface GeneratedFeed {
  /** The scenario whose simulated stream the feed records (seeded by its `seed`). */
  readonly scenario: ScenarioInput
  readonly format: "ndjson" | "csv"
  /** The feed's rows in file order, a CSV header first; join with "\n" for the file. */
  readonly lines: ReadonlyArray<string>
  /** The distinct events the well-formed rows carry, in stream order. */
  readonly events: ReadonlyArray<IgvEvent>
  /** Rows the ingest must quarantine. */
  readonly malformed: number
  /** Rows repeated (each a second copy of a well-formed row). */
  readonly duplicates: number
}

const CSV_HEADER = "id,registeredAt,area,prio,onSceneMinutes,unitsNeeded"

const count = (name: string, given: { readonly min?: number; readonly max?: number } | undefined) => {
  const min = given?.min ?? 0
  const max = given?.max ?? min
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 0 || min > max || max > 1000) {
    throw new RangeError(`${name} must be whole numbers with 0 ≤ min ≤ max ≤ 1000`)
  }
  return { minLength: min, maxLength: max }
}

const kindsOf = (constraints: FeedConstraints): ReadonlySet<IgvEventType> => {
  const kinds = constraints.kinds ?? (constraints.format === "csv" ? "incidents" : "all")
  const set = new Set<IgvEventType>(
    kinds === "all" ? FEED_EVENT_KINDS : kinds === "incidents" ? ["IncidentRegistered"] : kinds
  )
  const unknown = [...set].filter((k) => !FEED_EVENT_KINDS.includes(k))
  if (unknown.length > 0)
    throw new RangeError(`unknown event kinds: ${unknown.join(", ")}; known: ${FEED_EVENT_KINDS.join(", ")}`)
  if (constraints.format === "csv" && [...set].some((k) => k !== "IncidentRegistered")) {
    throw new RangeError('a CSV incident export holds incidents only (kinds: "incidents")')
  }
  return set
}

/** The simulated stream of a scenario, cut to the kinds asked for; identical facts kept once. */
const streamOf = (
  input: ScenarioInput,
  kinds: ReadonlySet<IgvEventType>
): { events: Array<IgvEvent>; timeZone: string } => {
  const scenario = decodeScenario(input)
  const events: Array<IgvEvent> = []
  foldSimulation(
    scenario,
    {
      initial: () => undefined,
      evolve: (state: undefined, event: IgvEvent) => {
        if (kinds.has(event._tag)) events.push(event)
        return state
      },
      finish: () => undefined
    },
    { seed: scenario.seed }
  )
  return { events, timeZone: scenario.timeZone }
}

const csvRow = (e: IncidentRegistered, timeZone: string): string =>
  [e.incident, formatInstant(e.t, timeZone), e.area, e.prio, e.onSceneMinutes, e.unitsNeeded]
    .map((c) => {
      const s = String(c)
      return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s
    })
    .join(",")

/** Each way a row can fail to decode; every row is made unique by its number, so none is a repeat of another. */
const MALFORMED_KINDS = ["unknown priority", "local time without offset", "missing area", "unknown event type"] as const
type MalformedKind = (typeof MALFORMED_KINDS)[number]

const malformedRecord = (kind: MalformedKind, i: number): Record<string, unknown> => {
  const row = {
    id: `malformed-${i}`,
    registeredAt: "2025-06-02T12:00:00+02:00",
    area: "north",
    prio: 2,
    onSceneMinutes: 30,
    unitsNeeded: 1
  }
  switch (kind) {
    case "unknown priority":
      return { ...row, prio: 4 }
    case "local time without offset":
      return { ...row, registeredAt: "2025-06-02T12:00:00" }
    case "missing area": {
      const { area: _, ...rest } = row
      return rest
    }
    case "unknown event type":
      return { type: "IncidentTeleported", at: row.registeredAt, incident: row.id }
  }
}

const malformedLine = (kind: MalformedKind, i: number, format: "ndjson" | "csv"): string => {
  const r = malformedRecord(kind, i)
  return format === "ndjson"
    ? JSON.stringify(r)
    : [r["id"], r["registeredAt"], r["area"] ?? "", r["prio"], r["onSceneMinutes"], r["unitsNeeded"]].join(",")
}

/** The generator: a scenario simulated and cut to the feed's kinds, with bad and repeated rows laid in. */
export const feedArb = (constraints: FeedConstraints = {}): fc.Arbitrary<GeneratedFeed> => {
  const kinds = kindsOf(constraints)
  const format = constraints.format ?? "ndjson"
  const scenarios = scenarioInputArb({
    ...constraints.scenario,
    ...(constraints.areas === undefined ? {} : { areas: constraints.areas }),
    ...(constraints.days === undefined ? {} : { days: constraints.days })
  })
  // CSV has no event-type column, so its bad rows are the incident-row kinds.
  const malformedKinds = format === "csv" ? MALFORMED_KINDS.filter((k) => k !== "unknown event type") : MALFORMED_KINDS
  const placed = <T>(arb: fc.Arbitrary<T>) => fc.record({ what: arb, at: fc.nat() })
  return fc
    .record({
      scenario: scenarios,
      malformed: fc.array(placed(fc.constantFrom(...malformedKinds)), count("malformed", constraints.malformed)),
      duplicates: fc.array(placed(fc.nat()), count("duplicates", constraints.duplicates))
    })
    .map(({ scenario, malformed, duplicates }) => {
      const { events: stream, timeZone } = streamOf(scenario, kinds)
      const seen = new Set<string>()
      const events: Array<IgvEvent> = []
      const rows: Array<string> = []
      for (const e of stream) {
        const row = format === "csv" ? csvRow(e as IncidentRegistered, timeZone) : feedLine(e, timeZone)
        if (seen.has(row)) continue
        seen.add(row)
        events.push(e)
        rows.push(row)
      }
      // Repeats go right after their row (from the end first, so earlier positions stay put); none without rows.
      const repeats = rows.length === 0 ? [] : duplicates.map(({ what }) => what % rows.length).sort((a, b) => b - a)
      const withRepeats = [...rows]
      for (const r of repeats) withRepeats.splice(r + 1, 0, rows[r]!)
      const lines = [...withRepeats]
      malformed.forEach(({ what, at }, i) => lines.splice(at % (lines.length + 1), 0, malformedLine(what, i, format)))
      return {
        scenario,
        format,
        events,
        malformed: malformed.length,
        duplicates: repeats.length,
        lines: format === "csv" ? [CSV_HEADER, ...lines] : lines
      }
    })
}

/** A generated feed as the bytes of its file. */
export const feedText = (feed: GeneratedFeed): string => feed.lines.join("\n") + "\n"
