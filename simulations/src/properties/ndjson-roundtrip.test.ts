import { decodeFeedRecord, type IgvEvent } from "@igv/domain"
import { fold, reportProjection } from "@igv/metrics"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, feedArb } from "@igv/research"

const fromNdjson = (lines: ReadonlyArray<string>): Array<IgvEvent> =>
  lines.map((line, i) => {
    const r = decodeFeedRecord(JSON.parse(line))
    if (!r.ok) throw new Error(`line ${i + 1}: ${r.issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`)
    expect(r.value.droppedFields, `line ${i + 1}`).toEqual([])
    return r.value.event
  })

/** Every numeric leaf of b within `tol` of a's, every other leaf equal; returns the differing paths. */
const differences = (a: unknown, b: unknown, tol: number, path = ""): Array<string> => {
  if (typeof a === "number" && typeof b === "number") return Math.abs(a - b) <= tol ? [] : [`${path}: ${a} vs ${b}`]
  if (typeof a !== "object" || a === null || typeof b !== "object" || b === null)
    return Object.is(a, b) ? [] : [`${path}: ${String(a)} vs ${String(b)}`]
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].flatMap((k) =>
    differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], tol, `${path}.${k}`)
  )
}

/** The wire carries milliseconds (formatInstant), so the report to reproduce is that of the stream at that precision. */
const toMilliseconds = (events: ReadonlyArray<IgvEvent>): Array<IgvEvent> =>
  events.map((e) => ({ ...e, t: Math.round(e.t * 60_000) / 60_000 }))

/** Generous: these run beside the long validation suites on a shared two-core machine. */
const TIMEOUT = 60_000

describe("exporting the event stream to NDJSON and reading it back", () => {
  it(
    "gives the same report",
    () => {
      // The public feed generator writes the simulated stream as the wire form (every kind, no bad rows).
      fc.assert(
        fc.property(feedArb(), (feed) => {
          const scenario = decodeScenario(feed.scenario)
          const { events } = feed
          const reread = fromNdjson(feed.lines)
          expect(reread.length).toBe(events.length)
          expect(reread.map((e) => e._tag)).toEqual(events.map((e) => e._tag))
          const projection = reportProjection({ scenario })
          // Float minutes since 1970 are ~3e7: re-parsing costs a few ulps (~1e-8 min) per instant, hence 1e-6.
          expect(differences(fold(projection, toMilliseconds(events)), fold(projection, reread), 1e-6)).toEqual([])
        }),
        { numRuns: 20 }
      )
    },
    TIMEOUT
  )
})
