import { collect } from "@igv/event-store"
import { FeedFormatError } from "@igv/runner"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { chunked } from "./chunked.test-util.js"
import { balances, ingestBytes, type IngestSummary } from "./ingest.js"
import { openQuarantine } from "./quarantine.js"
import { openStoreUrl } from "./store-url.js"

/**
 * Arbitrary bytes, CSV or NDJSON, in any chunking, fed to ingest. Personal values carry the marker SECRET and raw
 * incident ids the marker RAWID, so the checks can look for them in everything stored.
 */
const SECRET = "SECRET"
const RAWID = "RAWID"

const stamp = fc.constantFrom(
  "2024-03-25T12:00:00+01:00",
  "2024-10-27T02:30:00+02:00",
  "2024-10-27T02:30:00",
  "0024-01-01T00:00:00Z",
  "soon"
)
const number = fc.oneof(
  fc.constantFrom(1, 2, 3, 20, 12.5, -1, 0),
  fc.constantFrom("0x1", " 1", "1e0", "1e999", "", "x")
)
/** Bytes for a personal field: anything, with quotes, commas, newlines and invalid UTF-8 likely. */
const personal = fc
  .tuple(
    fc.nat(9999),
    fc.uint8Array({ maxLength: 30 }),
    fc.constantFrom("", '"', ",", "\n", "\r\n", '""', "\u00e5", "\xff")
  )
  .map(([n, raw, tricky]) =>
    Buffer.concat([Buffer.from(`${SECRET}${n}`), Buffer.from(raw), Buffer.from(tricky, "latin1")])
  )

interface Row {
  readonly id: string
  readonly at: string
  readonly prio: number | string
  readonly minutes: number | string
  readonly name: Buffer
  readonly note: Buffer
}
const row: fc.Arbitrary<Row> = fc.record({
  id: fc.constantFrom("1", "2", "3", "4").map((n) => `${RAWID}${n}`),
  at: stamp,
  prio: number,
  minutes: number,
  name: personal,
  note: personal
})

const quoted = (b: Buffer) =>
  Buffer.concat([Buffer.from('"'), Buffer.from(b.toString("latin1").replace(/"/g, '""'), "latin1"), Buffer.from('"')])
const csvLine = (r: Row) =>
  Buffer.concat([
    Buffer.from(`${r.id},${r.at},a,${r.prio},${r.minutes},`),
    quoted(r.name),
    Buffer.from(","),
    quoted(r.note)
  ])
const jsonLine = (r: Row) =>
  Buffer.from(
    JSON.stringify({
      id: r.id,
      registeredAt: r.at,
      area: "a",
      prio: r.prio,
      onSceneMinutes: r.minutes,
      name: r.name.toString("utf8"),
      note: r.note.toString("latin1")
    })
  )

/** A line: a row, or bytes that may not be one (a row's prefix, anything at all). */
const line = (encode: (r: Row) => Buffer) =>
  fc.oneof(
    { weight: 4, arbitrary: row.map(encode) },
    {
      weight: 1,
      arbitrary: fc.tuple(row, fc.double({ min: 0, max: 1, noNaN: true })).map(([r, cut]) => {
        const b = encode(r)
        return b.subarray(0, Math.floor(b.length * cut))
      })
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b)) }
  )

const feed = fc.oneof(
  fc
    .tuple(fc.constant("csv"), fc.array(line(csvLine), { maxLength: 25 }))
    .map(([, lines]) => [Buffer.from("id,registeredAt,area,prio,onSceneMinutes,name,note"), ...lines]),
  fc.array(line(jsonLine), { maxLength: 25 })
)

describe("arbitrary bytes fed to ingest", () => {
  it("balance their counts, leave no personal value in the store or in a split row's quarantine entry, and with a key no raw id", async () => {
    await fc.assert(
      fc.asyncProperty(
        feed,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.boolean(),
        fc.boolean(),
        async (lines, cuts, crlf, withKey) => {
          const store = await openStoreUrl("sqlite::memory:")
          try {
            const bytes = Buffer.concat(lines.flatMap((l) => [l, Buffer.from(crlf ? "\r\n" : "\n")]))
            let summary: IngestSummary
            try {
              summary = await ingestBytes(store, chunked(bytes, cuts), {
                source: "arbitrary",
                batchSize: 5,
                ...(withKey ? { pseudonymKey: "k" } : {})
              })
            } catch (e) {
              // Refused as a whole: then nothing at all is kept.
              expect(e).toBeInstanceOf(FeedFormatError)
              expect(await collect(store.readAll())).toEqual([])
              expect(await openQuarantine(store)).toEqual([])
              return
            }
            expect(balances(summary)).toBe(true)
            const events = JSON.stringify((await collect(store.readAll())).map((e) => e.payload))
            const split = JSON.stringify((await openQuarantine(store)).filter((q) => q.keptAsRead !== true))
            expect(events).not.toContain(SECRET)
            expect(split).not.toContain(SECRET)
            if (withKey) {
              expect(events).not.toContain(RAWID)
              expect(split).not.toContain(RAWID)
            }
          } finally {
            await store.close()
          }
        }
      ),
      { numRuns: 300 }
    )
  }, 180_000)
})
