import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { decodeFeedRecord } from "@igv/domain"
import { collect } from "@igv/event-store"
import { openStoreUrl } from "./store-url.js"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { chunked } from "./chunked.test-util.js"
import { fastDecodeFeedRecord } from "./fast-decode.js"
import { feedEventOf } from "./feed-events.js"
import { splitLines } from "@igv/runner"
import { balances, ingestBytes } from "./ingest.js"
import { openQuarantine } from "./quarantine.js"

const MAX_LINE = 2048

// ---- generators: valid rows, and each kind of bad row the brief names --------------------------------------------

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9/_-]{0,11}$/)
const area = fc.constantFrom("lpo1", "lpo2", "lpo3")
const patrol = fc.tuple(area, fc.integer({ min: 0, max: 9 })).map(([a, n]) => `${a}/igv/${n}`)
const prio = fc.constantFrom(1, 2, 3)
const instant = fc
  .integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2025, 0, 1) })
  .map((ms) => Math.floor(ms / 1000) * 1000)
const offsetStamp = instant.chain((ms) =>
  fc.constantFrom("Z", "+01:00", "+02:00", "-05:30").map((z) => {
    const sign = z === "Z" ? 0 : (z[0] === "-" ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(4)))
    return new Date(ms + sign * 60_000).toISOString().slice(0, 19) + z
  })
)

const validRecord = fc.oneof(
  fc.record({
    type: fc.constant("IncidentRegistered"),
    at: offsetStamp,
    incident: id,
    area,
    prio,
    onSceneMinutes: fc.integer({ min: 0, max: 600 }),
    unitsNeeded: fc.constantFrom(1, 2)
  }),
  fc.record({ type: fc.constant("PatrolDispatched"), at: offsetStamp, incident: id, patrol, prio }),
  fc.record({ type: fc.constant("PatrolCleared"), at: offsetStamp, incident: id, patrol }),
  fc.record({
    type: fc.constant("ShiftStarted"),
    at: offsetStamp,
    patrol,
    area,
    kind: fc.constantFrom("igv", "community")
  }),
  fc.record(
    {
      type: fc.constant("PlannedBlockStarted"),
      at: offsetStamp,
      block: id,
      patrol,
      area,
      plannedMinutes: fc.integer({ min: 1, max: 480 })
    },
    { requiredKeys: ["type", "at", "block", "patrol", "area", "plannedMinutes"] }
  ),
  fc.record({ id, registeredAt: offsetStamp, area, prio, onSceneMinutes: fc.integer({ min: 0, max: 600 }) })
)

type Bad = { readonly bytes: Buffer; readonly kind: string }
const text =
  (kind: string) =>
  (s: string): Bad => ({ bytes: Buffer.from(s, "utf8"), kind })

const wrongValue = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.constant(" padded "),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.constant({})
)
const badRecord: fc.Arbitrary<Bad> = fc.oneof(
  // a field of the wrong type or shape
  fc
    .tuple(validRecord, wrongValue)
    .chain(([r, v]) => fc.constantFrom(...Object.keys(r).filter((k) => k !== "type")).map((k) => ({ ...r, [k]: v })))
    .filter((r) => !decodeFeedRecord(r).ok)
    .map((r) => text("wrong type")(JSON.stringify(r))),
  // a required field missing
  validRecord
    .chain((r) =>
      fc.constantFrom(...Object.keys(r)).map((k) => {
        const { [k]: _, ...rest } = r as Record<string, unknown>
        return rest
      })
    )
    .filter((r) => !decodeFeedRecord(r).ok)
    .map((r) => text("missing field")(JSON.stringify(r))),
  // dates that are not dates
  fc
    .tuple(
      validRecord,
      fc.constantFrom(
        "2024-02-30T10:00:00+01:00",
        "2024-13-01T00:00:00Z",
        "yesterday",
        "1709280000",
        "2024-03-01T25:00:00Z",
        "2024-03-01T10:00:00+25:00"
      )
    )
    .map(([r, d]) => text("bad date")(JSON.stringify("type" in r ? { ...r, at: d } : { ...r, registeredAt: d }))),
  // priorities the national order does not have
  fc
    .tuple(
      validRecord.filter((r) => "prio" in r),
      fc.oneof(fc.constantFrom(0, 4, 5, -1, 1.5, "1", "high"), fc.integer({ min: 4 }))
    )
    .map(([r, p]) => text("unknown priority")(JSON.stringify({ ...r, prio: p }))),
  // local times without offset, including the DST nights (ambiguous or nonexistent in Europe/Stockholm)
  fc
    .tuple(
      validRecord,
      fc.constantFrom("2024-10-27T02:30:00", "2024-03-31T02:30:00", "2024-10-27 02:15", "2024-06-01T12:00:00")
    )
    .map(([r, d]) =>
      text("local time without offset")(JSON.stringify("type" in r ? { ...r, at: d } : { ...r, registeredAt: d }))
    ),
  // not JSON, or JSON that is not an object
  fc
    .constantFrom("{", "[1,2]", "42", '"text"', "null", '{"type":', "type=IncidentRegistered")
    .map(text("not an object")),
  fc
    .constantFrom("Bogus", "incidentregistered", "", "__proto__")
    .map((t) => text("unknown type")(JSON.stringify({ type: t, at: "2024-03-01T10:00:00Z" }))),
  // huge lines
  fc
    .integer({ min: MAX_LINE + 1, max: 4 * MAX_LINE })
    .map((n) => text("huge line")(JSON.stringify({ type: "IncidentRegistered", pad: "x".repeat(n) }))),
  // invalid UTF-8 inside an otherwise good row: lone continuation byte, overlong encoding, truncated sequence, surrogate
  fc
    .tuple(validRecord, fc.constantFrom([0x80], [0xc0, 0xaf], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xff]))
    .map(([r, bad]) => {
      const json = Buffer.from(JSON.stringify(r), "utf8")
      return { bytes: Buffer.concat([json.subarray(0, 1), Buffer.from(bad), json.subarray(1)]), kind: "invalid UTF-8" }
    })
)

type Row = { readonly good: true; readonly bytes: Buffer } | ({ readonly good: false } & Bad)
const row: fc.Arbitrary<Row> = fc.oneof(
  { weight: 2, arbitrary: validRecord.map((r): Row => ({ good: true, bytes: Buffer.from(JSON.stringify(r)) })) },
  { weight: 1, arbitrary: badRecord.map((b): Row => ({ good: false, ...b })) }
)

/**
 * Good registrations get ids of their own: two with one id and different content are a conflict, quarantined
 * (incident-index.test.ts), which this property does not count as a bad line.
 */
const ownIds = (rows: ReadonlyArray<Row>): Row[] =>
  rows.map((r, i) => {
    if (!r.good) return r
    const record = JSON.parse(r.bytes.toString("utf8")) as Record<string, unknown>
    if (record["type"] === "IncidentRegistered") record["incident"] = `${String(record["incident"])}-${i}`
    else if ("registeredAt" in record) record["id"] = `${String(record["id"])}-${i}`
    else return r
    return { good: true, bytes: Buffer.from(JSON.stringify(record)) }
  })

describe("fuzzed feed lines", () => {
  it("each bad line is quarantined with a reason at its line, good ones stored, counts balance, re-ingest stores nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "igv-fuzz-"))
    let run = 0
    /** Kinds of bad line quarantined: the reason checks below apply to three of them, which must come up. */
    const quarantinedKinds = new Set<string>()
    await fc.assert(
      fc.asyncProperty(
        // The first row is a good one: the format is read from the first line, and a bad one may not look like NDJSON.
        fc
          .tuple(validRecord, fc.array(row, { maxLength: 39 }))
          .map(([first, rest]): Row[] => ownIds([{ good: true, bytes: Buffer.from(JSON.stringify(first)) }, ...rest])),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
        fc.boolean(),
        async (rows, cuts, crlf) => {
          const store = await openStoreUrl(join(dir, `fuzz-${run++}.db`))
          try {
            const bytes = Buffer.concat(rows.flatMap((r) => [r.bytes, Buffer.from(crlf ? "\r\n" : "\n")]))
            const source = "fuzz.ndjson"
            const ingest = () =>
              ingestBytes(store, chunked(bytes, cuts), { source, maxRecordBytes: MAX_LINE, batchSize: 7 })
            const summary = await ingest()
            const badLines = rows.flatMap((r, i) => (r.good ? [] : [i + 1]))
            expect(summary.read).toBe(rows.length)
            expect(balances(summary)).toBe(true)
            expect(summary.quarantined).toBe(badLines.length)
            const quarantine = await openQuarantine(store)
            expect(quarantine.map((q) => q.line).sort((a, b) => a - b)).toEqual(badLines)
            for (const q of quarantine) {
              expect(q.reason.length).toBeGreaterThan(5)
              const r = rows[q.line - 1]!
              if (!r.good) quarantinedKinds.add(r.kind)
              if (!r.good && r.kind === "huge line") expect(q.reason).toMatch(/longer than/)
              if (!r.good && r.kind === "invalid UTF-8") {
                expect(q.reason).toMatch(/UTF-8/)
                expect(Buffer.from(q.rawBase64!, "base64")).toEqual(r.bytes)
              }
              if (!r.good && r.kind === "local time without offset") expect(q.reason).toMatch(/offset/)
            }
            const stored = (await collect(store.readAll())).filter((e) => feedEventOf(e) !== undefined)
            expect(stored.length).toBe(summary.stored)
            expect(new Set(stored.map((e) => e.id)).size).toBe(stored.length)

            const again = await ingest()
            expect(again).toMatchObject({
              read: rows.length,
              stored: 0,
              duplicates: summary.stored + summary.duplicates,
              alreadyQuarantined: badLines.length
            })
          } finally {
            await store.close()
          }
        }
      ),
      { numRuns: 120 }
    )
    expect([...quarantinedKinds]).toEqual(
      expect.arrayContaining(["huge line", "invalid UTF-8", "local time without offset"])
    )
  }, 120_000)

  it("the fast decoder never accepts what the schema decoder rejects, and agrees on what both accept", () => {
    const anyRecord = fc.oneof(
      validRecord,
      fc
        .tuple(validRecord, wrongValue, fc.string({ maxLength: 12 }))
        .chain(([r, v, extra]) => fc.constantFrom(...Object.keys(r), extra).map((k) => ({ ...r, [k]: v }))),
      fc.dictionary(
        fc.constantFrom(
          "type",
          "at",
          "incident",
          "area",
          "prio",
          "patrol",
          "kind",
          "tag",
          "id",
          "registeredAt",
          "onSceneMinutes",
          "unitsNeeded",
          "t",
          "_tag",
          "x"
        ),
        fc.oneof(wrongValue, id, offsetStamp, prio)
      )
    )
    fc.assert(
      fc.property(anyRecord, (record) => {
        const fast = fastDecodeFeedRecord(record)
        if (fast === undefined) return
        const slow = decodeFeedRecord(record)
        expect(slow.ok).toBe(true)
        if (!slow.ok) return
        expect(fast.event).toEqual(slow.value.event)
        expect([...fast.droppedFields].sort()).toEqual([...slow.value.droppedFields].sort())
      }),
      { numRuns: 3000 }
    )
  })

  it("splits lines the same way however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 10 }),
        async (raw, cuts) => {
          const bytes = Buffer.from(raw.map((b) => (b % 7 === 0 ? 0x0a : b)))
          const reference = await collect(splitLines(chunked(bytes, []), 50))
          const pieces = await collect(splitLines(chunked(bytes, cuts), 50))
          expect(pieces).toEqual(reference)
          const lines = bytes.toString("latin1").split("\n")
          if (lines[lines.length - 1] === "") lines.pop()
          expect(reference.length).toBe(lines.length)
        }
      ),
      { numRuns: 500 }
    )
  })
})
