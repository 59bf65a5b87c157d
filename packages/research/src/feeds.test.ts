import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { collect } from "@igv/event-store"
import { balances, feedEventOf, ingestBytes, openStoreUrl } from "@igv/ingest"
import { fold, historyProjection } from "@igv/metrics"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { feedArb, feedText, type FeedConstraints, type GeneratedFeed } from "./feeds.js"

/** Generous: simulating and ingesting runs beside other suites on a shared two-core machine. */
const TIMEOUT = 120_000
const dir = mkdtempSync(join(tmpdir(), "research-feeds-"))
let run = 0

/** Ingests a generated feed into a fresh store; its counts and the feed events it stored. */
const ingested = async (feed: GeneratedFeed) => {
  const store = await openStoreUrl(join(dir, `feed-${run++}.db`))
  try {
    async function* bytes() {
      yield Buffer.from(feedText(feed), "utf8")
    }
    const counts = await ingestBytes(store, bytes(), { source: "generated" })
    const events = (await collect(store.readAll())).flatMap((e) => feedEventOf(e) ?? [])
    return { counts, events }
  } finally {
    await store.close()
  }
}

const balancesAsAsked = (constraints: FeedConstraints) =>
  fc.asyncProperty(feedArb(constraints), async (feed) => {
    const { counts } = await ingested(feed)
    expect(balances(counts)).toBe(true)
    expect(counts.read).toBe(feed.lines.length - (feed.format === "csv" ? 1 : 0))
    expect(counts.quarantined).toBe(feed.malformed)
    expect(counts.duplicates).toBe(feed.duplicates)
    expect(counts.stored).toBe(feed.events.length)
  })

describe("generated feeds", () => {
  it(
    "ingest with the counts balancing: every malformed row quarantined, every repeat a duplicate, every event stored",
    async () => {
      await fc.assert(
        balancesAsAsked({ areas: { max: 2 }, days: { max: 2 }, malformed: { max: 4 }, duplicates: { max: 3 } }),
        { numRuns: 12 }
      )
    },
    TIMEOUT
  )

  it(
    "as CSV incident exports, ingest with the counts balancing",
    async () => {
      await fc.assert(
        balancesAsAsked({ format: "csv", days: { max: 2 }, malformed: { min: 1, max: 4 }, duplicates: { max: 3 } }),
        { numRuns: 12 }
      )
    },
    TIMEOUT
  )

  it(
    "hold only the kinds asked for",
    () => {
      const asked = new Set(["ShiftStarted", "PatrolDispatched"])
      const seen = new Set<string>()
      fc.assert(
        fc.property(feedArb({ kinds: ["ShiftStarted", "PatrolDispatched"], days: { max: 1 } }), (feed) => {
          for (const e of feed.events) seen.add(e._tag)
          expect(feed.events.filter((e) => !asked.has(e._tag))).toEqual([])
          expect(feed.lines.every((l) => asked.has(JSON.parse(l).type))).toBe(true)
        }),
        { numRuns: 10 }
      )
      // A day without shifts may hold none; over the runs, both kinds are there.
      expect(seen).toEqual(asked)
    },
    TIMEOUT
  )

  it(
    "incident-only, give a history whose dispatch figures are not measured",
    async () => {
      await fc.assert(
        fc.asyncProperty(feedArb({ kinds: "incidents", days: { max: 1 } }), async (feed) => {
          fc.pre(feed.events.length > 0)
          const { events } = await ingested(feed)
          const history = fold(
            historyProjection(),
            events.sort((a, b) => a.t - b.t)
          )
          expect(history.eventKinds).toEqual({ IncidentRegistered: feed.events.length })
          expect(history.missing).toContain("dispatch")
          expect(history.response["1"].dispatched).toBeNull()
        }),
        { numRuns: 8 }
      )
    },
    TIMEOUT
  )

  it(
    "of every kind, measure dispatch in the history",
    () => {
      fc.assert(
        fc.property(feedArb({ days: { max: 1 }, scenario: { load: { min: 0.3, max: 0.5 } } }), (feed) => {
          fc.pre(feed.events.some((e) => e._tag === "PatrolDispatched"))
          expect(fold(historyProjection(), feed.events).missing).not.toContain("dispatch")
        }),
        { numRuns: 8 }
      )
    },
    TIMEOUT
  )

  it(
    "shrink to one area and one day, and to the fewest bad rows that still fail",
    () => {
      const r = fc.check(
        fc.property(feedArb({ malformed: { max: 5 } }), (feed) => feed.malformed === 0 || feed.events.length === 0),
        { seed: 14, numRuns: 200 }
      )
      expect(r.failed).toBe(true)
      const [feed] = r.counterexample!
      const scenario = feed.scenario as unknown as { areas: ReadonlyArray<unknown>; days: number }
      expect(scenario.areas).toHaveLength(1)
      expect(scenario.days).toBe(1)
      expect(feed.malformed).toBe(1)
    },
    TIMEOUT
  )

  it("refuse constraints they cannot meet, rather than ignore them", () => {
    expect(() => feedArb({ format: "csv", kinds: "all" })).toThrow(/incidents only/)
    expect(() => feedArb({ kinds: ["IncidentTeleported" as never] })).toThrow(/unknown event kinds/)
    expect(() => feedArb({ malformed: { min: 3, max: 1 } })).toThrow(RangeError)
  })
})
