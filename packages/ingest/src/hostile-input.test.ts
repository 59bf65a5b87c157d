import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { collect, type EventStore } from "@igv/event-store"
import { FeedFormatError, FeedInvalid, loadFeed } from "@igv/runner"
import { describe, expect, it } from "vitest"
import { balances, ingestBytes, ingestFile } from "./ingest.js"
import {
  dropQuarantine,
  openQuarantine,
  QUARANTINE_STREAM,
  QuarantineStore,
  type QuarantinedRow
} from "./quarantine.js"
import { readIncidents } from "./replay.js"
import { resubmitQuarantine } from "./resubmit.js"
import { storesClosedAfterEach, tempDir } from "./stores.test-util.js"

const dir = () => tempDir("igv-hostile-")
const open = storesClosedAfterEach()
const file = (d: string, name: string, text: string | Buffer) => {
  const path = join(d, name)
  writeFileSync(path, text)
  return path
}
async function* bytes(text: string): AsyncGenerator<Buffer> {
  yield Buffer.from(text)
}
const storedText = async (s: EventStore) => JSON.stringify((await collect(s.readAll())).map((e) => e.payload))

const HEADER = "id,registeredAt,area,prio,onSceneMinutes,unitsNeeded,caller,notes"

describe("CSV is RFC 4180", () => {
  it("a quoted newline in free text cannot inject an incident (the issue's example), in ingest and in validate", async () => {
    const d = dir()
    const csv = file(
      d,
      "feed.csv",
      [
        HEADER,
        `HR-1,2024-03-25T12:00:00+01:00,a,3,20,1,Anna,"caller said:\nFAKE-1,2024-03-25T12:30:00+01:00,a,1,600,2,x,y"`,
        "HR-2,2024-03-25T13:00:00+01:00,a,2,30,1,Bo,"
      ].join("\n") + "\n"
    )
    const s = await open(d)
    const summary = await ingestFile(s, csv)
    expect(summary).toMatchObject({ read: 2, stored: 2, quarantined: 0 })
    expect((await readIncidents(s)).map((i) => i.incident)).toEqual(["HR-1", "HR-2"])
    expect(await storedText(s)).not.toContain("FAKE-1")
    const feed = await loadFeed(csv)
    expect(feed.incidents.map((i) => i.incident)).toEqual(["HR-1", "HR-2"])
    expect(feed.lines).toEqual([2, 4])
  })

  it("stores an export's rows that carry a type column (the kind of incident), dropping the column, in ingest and in validate", async () => {
    const d = dir()
    const csv = file(
      d,
      "export.csv",
      "id,registeredAt,area,prio,onSceneMinutes,type\n" +
        "HR-1,2024-03-25T12:00:00+01:00,a,3,20,inbrott hos Anna Andersson\nHR-2,2024-03-25T13:00:00+01:00,a,2,30,stöld\n"
    )
    const s = await open(d)
    const summary = await ingestFile(s, csv)
    expect(summary).toMatchObject({ read: 2, stored: 2, quarantined: 0 })
    expect({ ...summary.droppedFields }).toEqual({ type: 2 })
    expect(await storedText(s)).not.toContain("Anna")
    const feed = await loadFeed(csv)
    expect(feed.incidents.map((i) => i.incident)).toEqual(["HR-1", "HR-2"])
    expect(feed.droppedFields).toEqual({ type: 2 })
  })

  it("quarantines an unclosed quote, a wrong column count and an over-long record with reasons at the record's first line, and reads on", async () => {
    const d = dir()
    const long = "x".repeat(70_000)
    const csv = file(
      d,
      "feed.csv",
      [
        HEADER,
        "HR-1,2024-03-25T12:00:00+01:00,a,3,20,1,Anna,",
        "HR-2,2024-03-25T12:10:00+01:00,a,3,20,1,Storgatan 1, Malmö,",
        `HR-3,2024-03-25T12:20:00+01:00,a,3,20,1,Cia,"${long}\nstill the same field"`,
        "HR-4,2024-03-25T12:30:00+01:00,a,3,20,1,Dan,",
        `HR-5,2024-03-25T12:40:00+01:00,a,3,20,1,Eva,"never closed`,
        "HR-6,2024-03-25T12:50:00+01:00,a,3,20,1,Fia,"
      ].join("\n")
    )
    const s = await open(d)
    const summary = await ingestFile(s, csv)
    expect(summary).toMatchObject({ read: 5, stored: 2, quarantined: 3 })
    expect(balances(summary)).toBe(true)
    expect((await readIncidents(s)).map((i) => i.incident)).toEqual(["HR-1", "HR-4"])
    const q = await openQuarantine(s)
    expect(q.map((e) => [e.line, e.reason])).toEqual([
      [3, "expected 8 columns as in the header, found 9"],
      [
        4,
        expect.stringMatching(
          /^the record is 700\d\d bytes, longer than the 65536 allowed for a feed row; only its first 4096 bytes are kept$/
        )
      ],
      // RFC 4180: everything after an unclosed quote is that field, so the last row is in it, not stored.
      [7, "a quote opened in this record is never closed, so the record runs to the end of the input"]
    ])
    expect(await storedText(s)).not.toContain("HR-6")
  })

  it("refuses a header without the needed columns before storing anything", async () => {
    const d = dir()
    const s = await open(d)
    await expect(ingestFile(s, file(d, "f.csv", "id,when,area\nHR-1,2024-03-25T12:00:00+01:00,a\n"))).rejects.toThrow(
      FeedFormatError
    )
    expect(await collect(s.readAll())).toEqual([])
    expect(await openQuarantine(s)).toEqual([])
  })
})

describe("format by content", () => {
  const csvText = `${HEADER}\nHR-1,2024-03-25T12:00:00+01:00,a,3,20,1,Anna Andersson,070-1234567\n`

  it("reads CSV in a .txt file and CSV sent where NDJSON was announced, keeping no personal field anywhere", async () => {
    const d = dir()
    const s = await open(d)
    expect(await ingestFile(s, file(d, "feed.txt", csvText))).toMatchObject({ read: 1, stored: 1, quarantined: 0 })
    expect(await ingestBytes(s, bytes(csvText.replace("HR-1", "HR-9")), { source: "api:key" })).toMatchObject({
      read: 1,
      stored: 1,
      quarantined: 0
    })
    expect(await storedText(s)).not.toMatch(/Anna|070-/)
    expect((await loadFeed(file(d, "feed2.txt", csvText))).incidents).toHaveLength(1)
  })

  it("refuses input that is neither, with one error and nothing stored; validate says the same", async () => {
    const d = dir()
    const s = await open(d)
    const garbage = Buffer.from([0x00, 0xff, 0x13, 0x37, 0x0a, 0x41, 0x42, 0x0a])
    await expect(ingestFile(s, file(d, "g.bin", garbage))).rejects.toThrow(/neither NDJSON nor CSV/)
    await expect(ingestBytes(s, bytes("hello world\nsecond line\n"), { source: "api" })).rejects.toThrow(
      /neither NDJSON/
    )
    expect(await collect(s.readAll())).toEqual([])
    expect(await openQuarantine(s)).toEqual([])
    const invalid = await loadFeed(file(d, "g2.bin", garbage)).catch((e: unknown) => e)
    expect(invalid).toBeInstanceOf(FeedInvalid)
    expect((invalid as FeedInvalid).message).toMatch(/neither NDJSON nor CSV/)
  })
})

describe("data integrity", () => {
  it("quarantines a second registration of an incident id with other content; an identical one is a duplicate", async () => {
    const d = dir()
    const row = (prio: number, minutes: number) =>
      JSON.stringify({
        id: "HR-1",
        registeredAt: "2024-03-25T12:00:00+01:00",
        area: "a",
        prio,
        onSceneMinutes: minutes
      })
    const s = await open(d)
    const summary = await ingestFile(s, file(d, "f.ndjson", [row(3, 20), row(3, 20), row(1, 600)].join("\n")))
    expect(summary).toMatchObject({ read: 3, stored: 1, duplicates: 1, quarantined: 1 })
    expect((await readIncidents(s)).map((i) => i.prio)).toEqual([3])
    expect((await openQuarantine(s))[0]).toMatchObject({
      line: 3,
      reason: "id registered earlier with different content (line 1)"
    })
  })

  it("rejects numbers that are not plain numbers, naming the field and the rule", async () => {
    const d = dir()
    const rows = [
      ["0x1", "20"],
      [" 1", "20"],
      ["1e0", "20"],
      ["1", "0x10"],
      ["1", "1e999"],
      ["1", "1" + "0".repeat(400)]
    ]
    const csv = file(
      d,
      "f.csv",
      [HEADER, ...rows.map(([p, m], i) => `HR-${i},2024-03-25T12:00:00+01:00,a,${p},${m},1,,`)].join("\n")
    )
    const ndjson = file(
      d,
      "f.ndjson",
      `{"id":"HR-9","registeredAt":"2024-03-25T12:00:00+01:00","area":"a","prio":1,"onSceneMinutes":1e999}\n`
    )
    const s = await open(d)
    expect(await ingestFile(s, csv)).toMatchObject({ read: 6, stored: 0, quarantined: 6 })
    expect(await ingestFile(s, ndjson)).toMatchObject({ read: 1, stored: 0, quarantined: 1 })
    const reasons = (await openQuarantine(s)).map((q) => q.reason)
    expect(reasons.slice(0, 3)).toEqual(
      Array(3).fill(expect.stringMatching(/^prio: not a number in plain decimal digits/))
    )
    expect(reasons[3]).toMatch(/^onSceneMinutes: not a number in plain decimal digits/)
    expect(reasons.slice(4, 6)).toEqual(
      Array(2).fill(expect.stringMatching(/^onSceneMinutes: (not a number in plain decimal|expected a finite number)/))
    )
    expect(reasons[6]).toMatch(/^onSceneMinutes: expected a finite number/)
  })

  it("counts dropped fields named like Object's own properties as plain names", async () => {
    const d = dir()
    const row = `{"id":"HR-1","registeredAt":"2024-03-25T12:00:00+01:00","area":"a","prio":1,"onSceneMinutes":5,"constructor":"x","toString":"y","__proto__":{"polluted":1},"hasOwnProperty":2}`
    const csv = `id,registeredAt,area,prio,onSceneMinutes,constructor,__proto__\nHR-2,2024-03-25T12:00:00+01:00,a,1,5,x,y\n`
    const s = await open(d)
    const a = await ingestFile(s, file(d, "f.ndjson", row + "\n"))
    const b = await ingestFile(s, file(d, "f.csv", csv))
    const counts = (c: Record<string, number>) => Object.entries(c).sort()
    expect(counts(a.droppedFields)).toEqual([
      ["__proto__", 1],
      ["constructor", 1],
      ["hasOwnProperty", 1],
      ["toString", 1]
    ])
    expect(counts(b.droppedFields)).toEqual([
      ["__proto__", 1],
      ["constructor", 1]
    ])
    expect(JSON.stringify(a.droppedFields)).not.toContain("function")
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined()
  })
})

describe("privacy of the quarantine", () => {
  it("a CSV row with one column too many keeps only the schema's fields, its id pseudonymised with a key", async () => {
    const d = dir()
    const s = await open(d)
    const csv = file(
      d,
      "f.csv",
      `id,registeredAt,area,prio,onSceneMinutes,unitsNeeded,caller,address,phone\nHR-77,2024-03-25T12:00:00+01:00,a,2,20,1,Anna Andersson,Storgatan 1, Malmö,070-1234567\n`
    )
    await ingestFile(s, csv, { pseudonymKey: "k" })
    const [entry] = await openQuarantine(s)
    expect(entry).toMatchObject({ pseudonymised: true, reason: "expected 9 columns as in the header, found 10" })
    expect(entry!.raw).toMatch(/^p-[0-9a-f]{32},2024-03-25T12:00:00\+01:00,a,2,20,1$/)
    expect(JSON.stringify(entry)).not.toMatch(/HR-77|Anna|Storgatan|Malmö|070-/)
    // The kept fields are enough to resubmit a correction.
    const fixed = await resubmitQuarantine(s, [{ quarantineId: entry!.quarantineId, raw: entry!.raw }], {
      pseudonymKey: "k"
    })
    expect(fixed).toMatchObject({ resolved: 1 })
  })

  it("keeps a Swedish export's decimal commas as points in the quarantine, so a corrected row resubmits", async () => {
    const d = dir()
    const s = await open(d)
    const csv = file(
      d,
      "export.csv",
      "id;registeredAt;area;prio;onSceneMinutes;unitsNeeded\nHR-1;2024-03-25T12:00:00+01:00;a;4;20,5;1\nHR-2;2024-03-25T13:00:00+01:00;a;2;7,25;1\n"
    )
    expect(await ingestFile(s, csv)).toMatchObject({ read: 2, stored: 1, quarantined: 1 })
    expect((await readIncidents(s)).map((i) => [i.incident, i.onSceneMinutes])).toEqual([["HR-2", 7.25]])
    const [entry] = await openQuarantine(s)
    expect(entry).toMatchObject({
      reason: "prio: expected 1, 2 or 3",
      raw: "HR-1,2024-03-25T12:00:00+01:00,a,4,20.5,1"
    })
    const fixed = await resubmitQuarantine(s, [
      { quarantineId: entry!.quarantineId, raw: entry!.raw.replace(",4,", ",3,") }
    ])
    expect(fixed).toMatchObject({ resolved: 1 })
    expect((await readIncidents(s)).map((i) => [i.incident, i.prio, i.onSceneMinutes])).toEqual([
      ["HR-1", 3, 20.5],
      ["HR-2", 2, 7.25]
    ])
  })

  it("drop deletes entries for good, records ids only, and a re-ingest does not bring them back", async () => {
    const d = dir()
    const s = await open(d)
    const feed = file(
      d,
      "f.ndjson",
      [
        `{"id":"HR-1","registeredAt":"2024-03-25T12:00","area":"a","prio":1,"onSceneMinutes":5}`,
        `not json, Anna Andersson`
      ].join("\n")
    )
    await ingestFile(s, feed)
    const [first, second] = await openQuarantine(s)
    expect(await dropQuarantine(s, [first!.quarantineId, "quarantine-unknown"])).toEqual({
      dropped: [first!.quarantineId],
      notOpen: ["quarantine-unknown"]
    })
    expect((await openQuarantine(s)).map((q) => q.quarantineId)).toEqual([second!.quarantineId])
    expect(await dropQuarantine(s, "all")).toMatchObject({ dropped: [second!.quarantineId] })
    expect(await openQuarantine(s)).toEqual([])
    const records = await collect(s.readStream(QUARANTINE_STREAM))
    expect(records.map((e) => e.type)).toEqual(["QuarantineDropped", "QuarantineDropped"])
    expect(JSON.stringify(records.map((e) => e.payload))).not.toMatch(/Anna|HR-1/)
    await ingestFile(s, feed)
    expect(await openQuarantine(s)).toEqual([])
  })

  it("pages open entries in the database: the first and a late page of 100,000 entries each come back in milliseconds", () => {
    const q = new QuarantineStore(":memory:")
    const row = (i: number): QuarantinedRow => ({
      source: "f",
      line: i,
      raw: `{"id":"HR-${i}"}`,
      reason: "r",
      issues: [],
      droppedFields: [],
      pseudonymised: false
    })
    q.add(Array.from({ length: 100_000 }, (_, i) => ({ id: `quarantine-${i}`, row: row(i) })))
    q.closeEntries(Array.from({ length: 50_000 }, (_, i) => `quarantine-${i * 2}`))
    let page = q.page(0, 1)
    const started = performance.now()
    for (let k = 0; k < 100; k++) page = q.page(0, 1)
    const late = q.page(99_990, 5)
    const elapsed = (performance.now() - started) / 101
    expect(page.entries.map((e) => e.line)).toEqual([1])
    expect(late.entries.map((e) => e.line)).toEqual([99_991, 99_993, 99_995, 99_997, 99_999])
    expect(q.openCount()).toBe(50_000)
    expect(elapsed).toBeLessThan(20)
    q.close()
  }, 60_000)
})
