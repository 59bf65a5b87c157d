import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { parseTimeInput } from "@igv/domain"
import { collect } from "@igv/event-store"
import { openStoreUrl } from "./store-url.js"
import { afterEach, describe, expect, it } from "vitest"
import { feedEventOf, UNPLACED_STREAM } from "./feed-events.js"
import { balances, ingestFile } from "./ingest.js"
import { openQuarantine } from "./quarantine.js"
import { FeedFormatError } from "@igv/runner"
import { readIncidents, resolveFeed } from "./replay.js"
import { windowTime } from "./window.js"
import { resubmitQuarantine } from "./resubmit.js"
import { syntheticFeedLines } from "./generate.js"

const dir = () => mkdtempSync(join(tmpdir(), "igv-ingest-"))
/** A time the test writes, as an instant. */
const instant = (text: string): number => {
  const t = parseTimeInput(text)
  if (!t.ok) throw new Error(`not a time: ${text}`)
  return t.value
}
const opened: Array<{ close(): Promise<void> }> = []
const store = async (path: string) => {
  const s = await openStoreUrl(path)
  opened.push(s)
  return s
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close()
})

const GOOD = [
  `{"type":"IncidentRegistered","at":"2024-03-01T08:00:00+01:00","incident":"HR-1","area":"lpo1","prio":2,"onSceneMinutes":30,"unitsNeeded":1,"callerName":"Anna","address":"Storgatan 1"}`,
  `{"type":"PatrolDispatched","at":"2024-03-01T08:05:00+01:00","incident":"HR-1","patrol":"lpo1/igv/0","prio":2}`,
  `{"type":"IncidentHandledOtherwise","at":"2024-03-01T09:00:00+01:00","incident":"HR-2"}`,
  // Late: registered before HR-1, arrives after.
  `{"type":"IncidentRegistered","at":"2024-03-01T07:00:00+01:00","incident":"HR-0","area":"lpo2","prio":3,"onSceneMinutes":10,"unitsNeeded":1}`
]
const BAD = [
  `{"type":"IncidentRegistered","at":"2024-03-01T08:00:00","incident":"HR-3","area":"lpo1","prio":2,"onSceneMinutes":30,"unitsNeeded":1}`,
  `{"type":"IncidentRegistered","at":"2024-03-01T08:00:00+01:00","incident":"HR-4","area":"lpo1","prio":5,"onSceneMinutes":30,"unitsNeeded":1,"name":"Bo"}`,
  `not json at all`
]

describe("ingestFile", () => {
  it("stores valid rows, quarantines bad ones with reasons, drops and counts fields outside the schema, and balances", async () => {
    const d = dir()
    const feed = join(d, "feed.ndjson")
    writeFileSync(feed, [GOOD[0], BAD[0], GOOD[1], "", BAD[1], GOOD[2], BAD[2], GOOD[3]].join("\n") + "\n")
    const s = await store(join(d, "igv.db"))
    const summary = await ingestFile(s, feed)
    expect(summary).toMatchObject({ read: 7, stored: 4, duplicates: 0, quarantined: 3, alreadyQuarantined: 0 })
    expect(balances(summary)).toBe(true)
    expect(summary.droppedFields).toEqual({ callerName: 1, address: 1, name: 1 })

    const all = await collect(s.readAll())
    const feedEvents = all.filter((e) => feedEventOf(e) !== undefined)
    expect(feedEvents.map((e) => e.stream)).toEqual(["area-lpo1", "area-lpo1", UNPLACED_STREAM, "area-lpo2"])
    expect(JSON.stringify(feedEvents.map((e) => e.payload))).not.toContain("Anna")

    const quarantine = await openQuarantine(s)
    expect(quarantine.map((q) => q.line)).toEqual([2, 5, 7])
    expect(quarantine[0]!.reason).toMatch(/at: .*offset/)
    expect(quarantine[1]!.reason).toBe("prio: expected 1, 2 or 3")
    expect(quarantine[1]!.raw).not.toContain("Bo")
    expect(quarantine[1]!.droppedFields).toEqual(["name"])
    expect(quarantine[2]!.reason).toMatch(/not valid JSON/)
    expect(quarantine.every((q) => q.source === feed)).toBe(true)
  })

  it("re-ingesting the same file stores nothing twice and quarantines nothing twice", async () => {
    const d = dir()
    const feed = join(d, "feed.ndjson")
    writeFileSync(feed, [...GOOD, ...BAD].join("\n"))
    const s = await store(join(d, "igv.db"))
    await ingestFile(s, feed)
    const before = (await collect(s.readAll())).length
    const again = await ingestFile(s, feed)
    expect(again).toMatchObject({ read: 7, stored: 0, duplicates: 4, quarantined: 3, alreadyQuarantined: 3 })
    expect(balances(again)).toBe(true)
    expect((await collect(s.readAll())).length).toBe(before)
  })

  it("reads CSV incident rows against their header, dropping unknown columns", async () => {
    const d = dir()
    const feed = join(d, "feed.csv")
    writeFileSync(
      feed,
      [
        "id,registeredAt,area,prio,onSceneMinutes,unitsNeeded,caller",
        "HR-1,2024-03-31T01:30:00+01:00,lpo1,1,20,2,Anna",
        "HR-2,2024-03-31T03:30:00+02:00,lpo1,3,45,,Bo",
        "HR-3,2024-03-31T02:30:00,lpo1,3,45,,Cia",
        "HR-4,2024-03-31T03:30:00+02:00,lpo1"
      ].join("\r\n")
    )
    const s = await store(join(d, "igv.db"))
    const summary = await ingestFile(s, feed)
    expect(summary).toMatchObject({ read: 4, stored: 2, quarantined: 2, droppedFields: { caller: 3 } })
    const incidents = await readIncidents(s, { area: "lpo1" })
    expect(incidents.map((i) => [i.incident, i.unitsNeeded, i.t - incidents[0]!.t])).toEqual([
      ["HR-1", 2, 0],
      ["HR-2", 1, 60]
    ])
    const q = await openQuarantine(s)
    expect(q[0]!.raw).toBe("HR-3,2024-03-31T02:30:00,lpo1,3,45")
    expect(q[0]!.csvHeader).toEqual(["id", "registeredAt", "area", "prio", "onSceneMinutes"])
    expect(q[1]!.reason).toMatch(/expected 7 columns/)
  })

  it("a corrected quarantined row is resubmitted once and leaves the quarantine", async () => {
    const d = dir()
    const feed = join(d, "feed.ndjson")
    writeFileSync(feed, BAD.join("\n"))
    const s = await store(join(d, "igv.db"))
    await ingestFile(s, feed)
    const [first, second] = await openQuarantine(s)
    const fixed = first!.raw.replace("08:00:00", "08:00:00+01:00")
    const result = await resubmitQuarantine(s, [
      { quarantineId: first!.quarantineId, raw: fixed },
      { quarantineId: second!.quarantineId, raw: second!.raw }
    ])
    expect(result).toMatchObject({ resolved: 1, duplicates: 0, notOpen: [] })
    expect(result.stillRejected.map((r) => r.line)).toEqual([2])
    expect((await openQuarantine(s)).map((q) => q.line)).toEqual([2, 3])
    expect((await readIncidents(s)).map((i) => i.incident)).toEqual(["HR-3"])
    const again = await resubmitQuarantine(s, [{ quarantineId: first!.quarantineId, raw: fixed }])
    expect(again).toMatchObject({ resolved: 0, notOpen: [first!.quarantineId] })
  })

  it("pseudonymises incident ids with a keyed HMAC, in events and in the quarantine", async () => {
    const d = dir()
    const feed = join(d, "feed.ndjson")
    writeFileSync(feed, [...GOOD, ...BAD].join("\n"))
    const s = await store(join(d, "igv.db"))
    const summary = await ingestFile(s, feed, { pseudonymKey: "k1" })
    expect(summary.pseudonymised).toBe(true)
    const text = JSON.stringify((await collect(s.readAll())).map((e) => e.payload))
    expect(text).not.toMatch(/HR-\d/)
    const incidents = await readIncidents(s)
    expect(incidents.length, "incidents stored").toBeGreaterThan(0)
    expect(incidents.every((i) => /^p-[0-9a-f]{32}$/.test(i.incident))).toBe(true)
    // Same key, same pseudonym: a dispatch still names its incident.
    const dispatch = (await collect(s.readStream("area-lpo1")))
      .map(feedEventOf)
      .find((e) => e?._tag === "PatrolDispatched")
    expect(incidents.map((i) => i.incident)).toContain((dispatch as { incident: string }).incident)
    // A resubmitted correction of a pseudonymised quarantine row is not hashed twice.
    const q = (await openQuarantine(s)).find((e) => e.line === 6)!
    const result = await resubmitQuarantine(
      s,
      [{ quarantineId: q.quarantineId, raw: q.raw.replace('"prio":5', '"prio":1') }],
      { pseudonymKey: "k1" }
    )
    expect(result.resolved).toBe(1)
    const resubmitted = (await readIncidents(s)).find((i) => i.prio === 1)!
    expect(resubmitted.incident).toBe(JSON.parse(q.raw).incident)
  })

  it("orders replayed incidents by event time whatever order they arrived in", async () => {
    const d = dir()
    const feed = join(d, "feed.ndjson")
    const lines = [...syntheticFeedLines({ incidents: 200, seed: 3 })].reverse()
    writeFileSync(feed, lines.join("\n"))
    const s = await store(join(d, "igv.db"))
    const summary = await ingestFile(s, feed, { batchSize: 37 })
    expect(summary).toMatchObject({ read: 800, stored: 800, quarantined: 0 })
    const incidents = await readIncidents(s)
    expect(incidents).toHaveLength(200)
    expect(incidents.every((e, i) => i === 0 || incidents[i - 1]!.t <= e.t)).toBe(true)
    const from = incidents[50]!.t,
      to = incidents[150]!.t
    const window = await readIncidents(s, { from, to, area: "lpo2" })
    expect(window.length).toBeGreaterThan(0)
    expect(window).toEqual(incidents.slice(50, 150).filter((e) => e.area === "lpo2"))
  })

  it("refuses a CSV whose header can never give a valid row, instead of quarantining every row", async () => {
    const d = dir()
    const feed = join(d, "feed.csv")
    writeFileSync(feed, "incident,when,area\nHR-1,2024-03-01T08:00:00+01:00,lpo1\n")
    const s = await store(join(d, "igv.db"))
    await expect(ingestFile(s, feed)).rejects.toThrow(FeedFormatError)
    await expect(ingestFile(s, feed)).rejects.toThrow(/lacks columns id, registeredAt, prio, onSceneMinutes/)
  })

  it("resolveFeed reads a feed file or a store URL with a window, the same incidents either way", async () => {
    const d = dir()
    const feed = join(d, "feed.ndjson")
    writeFileSync(feed, [...syntheticFeedLines({ incidents: 2000, seed: 9, start: instant("2024-03-30") })].join("\n"))
    const db = join(d, "igv.db")
    await ingestFile(await store(db), feed)
    const query = "?from=2024-03-30T12:00&to=2024-03-31T12:00:00%2B02:00&area=lpo1"
    const fromFile = await resolveFeed(feed + query)
    const fromStore = await resolveFeed(`sqlite:${db}${query}`)
    const fromPlainPath = await resolveFeed(db + query)
    expect(fromFile.length).toBeGreaterThan(3)
    expect(fromStore).toEqual(fromFile)
    expect(fromPlainPath).toEqual(fromFile)
    expect(
      fromFile.every(
        (e) => e.area === "lpo1" && e.t >= instant("2024-03-30T12:00") && e.t < instant("2024-03-31T10:00:00Z")
      )
    ).toBe(true)
    writeFileSync(join(d, "bad.ndjson"), "{}\n")
    await expect(resolveFeed(join(d, "bad.ndjson"))).rejects.toThrow(/bad\.ndjson:1: /)
  })

  it("reads window times as local dates, local times (DST-aware) or instants with offset", () => {
    expect(windowTime("2024-03-31", "from")).toEqual({ ok: true, value: Date.UTC(2024, 2, 30, 23) / 60_000 })
    // After the spring change, local time is UTC+2.
    expect(windowTime("2024-03-31T06:00", "from")).toEqual({ ok: true, value: Date.UTC(2024, 2, 31, 4) / 60_000 })
    expect(windowTime("2024-03-31T06:00:00Z", "from")).toEqual({ ok: true, value: Date.UTC(2024, 2, 31, 6) / 60_000 })
    expect(windowTime("last tuesday", "--from")).toEqual({
      ok: false,
      issues: [
        { path: "--from", message: expect.stringMatching(/^--from "last tuesday": must be a date \(2024-03-01/) }
      ]
    })
    expect(windowTime("2024-04-32", "--from")).toEqual({
      ok: false,
      issues: [{ path: "--from", message: `--from "2024-04-32": April 2024 has days 01 to 30` }]
    })
  })
})
