import { decodeFeedRecord, type IgvEvent } from "@igv/domain"
import { fold, reportProjection } from "@igv/metrics"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, feedArb } from "@igv/research"
import { differences, toMilliseconds } from "@igv/test-env"

const fromNdjson = (lines: ReadonlyArray<string>): Array<IgvEvent> =>
  lines.map((line, i) => {
    const r = decodeFeedRecord(JSON.parse(line))
    if (!r.ok) throw new Error(`line ${i + 1}: ${r.issues.map((x) => `${x.path}: ${x.message}`).join("; ")}`)
    expect(r.value.droppedFields, `line ${i + 1}`).toEqual([])
    return r.value.event
  })

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
          expect(
            differences(fold(projection, toMilliseconds(events)), fold(projection, reread), { absolute: 1e-6 })
          ).toEqual([])
        }),
        { numRuns: 20 }
      )
    },
    TIMEOUT
  )
})
