import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { FeedInvalid } from "./errors.js"
import { loadFeed, type LoadFeedOptions } from "./feed-file.js"

let dir: string
const file = async (name: string, text: string) => {
  const path = join(dir, name)
  await writeFile(path, text)
  return path
}
const failure = async (path: string, options: LoadFeedOptions = {}): Promise<FeedInvalid> => {
  try {
    await loadFeed(path, options)
  } catch (e) {
    if (e instanceof FeedInvalid) return e
    throw e
  }
  throw new Error(`${path} loaded, but should not have`)
}
const row = (id: string, at: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id, registeredAt: at, area: "a", prio: 2, onSceneMinutes: 30, ...extra })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "igv-feed-"))
})

describe("loadFeed", () => {
  it("reads NDJSON, sorts by registration time and counts dropped fields by name only", async () => {
    const text = [
      row("HR-2", "2024-03-31T03:10:00+02:00", { callerName: "Anna Andersson", address: "Storgatan 1" }),
      "",
      row("HR-1", "2024-03-31T01:50:00+01:00", { callerName: "Bo Berg" }),
      JSON.stringify({
        type: "PatrolDispatched",
        at: "2024-03-31T01:52:00+01:00",
        incident: "HR-1",
        patrol: "p1",
        prio: 2
      })
    ].join("\n")
    const feed = await loadFeed(await file("f.ndjson", text))
    expect(feed.format).toBe("ndjson")
    expect(feed.incidents.map((i) => i.incident)).toEqual(["HR-1", "HR-2"])
    expect(feed.lines).toEqual([3, 1])
    // 01:50+01:00 and 03:10+02:00 are 20 minutes apart across the spring DST change.
    expect(feed.incidents[1]!.t - feed.incidents[0]!.t).toBe(20)
    expect(feed.droppedFields).toEqual({ callerName: 2, address: 1 })
    expect(feed.otherEvents).toEqual({ PatrolDispatched: 1 })
    expect(feed.records).toBe(3)
    expect(JSON.stringify(feed)).not.toMatch(/Anna|Bo Berg|Storgatan/)
  })

  it("reads CSV with quoted fields, detecting it from the first line when the extension says nothing", async () => {
    const text = `\uFEFFid,registeredAt,area,prio,onSceneMinutes,unitsNeeded,freeText\nHR-9,2024-01-01T10:00:00+01:00,a,1,12.5,2,"says ""hi"", loudly"\nHR-8,2024-01-01T09:00:00+01:00,a,3,40,,\n`
    const feed = await loadFeed(await file("f.txt", text))
    expect(feed.format).toBe("csv")
    expect(feed.incidents.map((i) => [i.incident, i.prio, i.unitsNeeded])).toEqual([
      ["HR-8", 3, 1],
      ["HR-9", 1, 2]
    ])
    expect(feed.droppedFields).toEqual({ freeText: 2 })
  })

  it("reads the semicolon CSV a spreadsheet set to Swedish exports (BOM, CRLF, commas inside fields)", async () => {
    const text =
      "\uFEFFid;registeredAt;area;prio;onSceneMinutes;unitsNeeded;address\r\n" +
      'HR-9;2024-01-01T10:00:00+01:00;a;1;12.5;2;"Storgatan 1, Malmö"\r\nHR-8;2024-01-01T09:00:00+01:00;a;3;40;;Åvägen 2\r\n'
    const feed = await loadFeed(await file("export.csv", text))
    expect(feed.format).toBe("csv")
    expect(feed.incidents.map((i) => [i.incident, i.prio, i.onSceneMinutes, i.unitsNeeded])).toEqual([
      ["HR-8", 3, 40, 1],
      ["HR-9", 1, 12.5, 2]
    ])
    expect(feed.droppedFields).toEqual({ address: 2 })
  })

  it("reads decimal commas where fields are separated by semicolons, and only there", async () => {
    const swedish = await loadFeed(
      await file(
        "decimal-comma.csv",
        "id;registeredAt;area;prio;onSceneMinutes\nHR-1;2024-01-01T10:00:00+01:00;a;2;12,5\nHR-2;2024-01-01T11:00:00+01:00;a;3;0,25\n"
      )
    )
    expect(swedish.incidents.map((i) => i.onSceneMinutes)).toEqual([12.5, 0.25])
    const bad = await failure(
      await file(
        "bad-comma.csv",
        "id;registeredAt;area;prio;onSceneMinutes\nHR-1;2024-01-01T10:00:00+01:00;a;2;1,2,5\n"
      )
    )
    expect(bad.issues).toEqual([
      {
        line: 2,
        path: "onSceneMinutes",
        message: "not a number in plain decimal digits (e.g. 2, 12.5 or 12,5; no spaces, sign, exponent or hexadecimal)"
      }
    ])
    // With commas between fields "1,234" may be a thousand: refused, not read as 1.234.
    const english = await failure(
      await file(
        "thousands.csv",
        'id,registeredAt,area,prio,onSceneMinutes\nHR-1,2024-01-01T10:00:00+01:00,a,2,"1,234"\n'
      )
    )
    expect(english.issues).toEqual([
      {
        line: 2,
        path: "onSceneMinutes",
        message: "not a number in plain decimal digits (e.g. 2 or 12.5; no spaces, sign, exponent or hexadecimal)"
      }
    ])
  })

  it("reads timestamps without an offset as local times only in the zone it is given, events and rows alike", async () => {
    const text = [
      JSON.stringify({ id: "HR-1", registeredAt: "2024-01-15 10:00", area: "a", prio: 2, onSceneMinutes: 30 }),
      JSON.stringify({ type: "ShiftEnded", at: "2024-07-01T17:00:00", patrol: "a/igv/1" }),
      JSON.stringify({ id: "HR-2", registeredAt: "2024-03-31T02:30", area: "a", prio: 2, onSceneMinutes: 30 })
    ].join("\n")
    const path = await file("local.ndjson", `${text}\n`)
    expect((await failure(path)).issues.map((i) => i.line)).toEqual([1, 2, 3])
    const local = await failure(path, { localTimeZone: "Europe/Stockholm" })
    expect(local.issues).toEqual([
      {
        line: 3,
        path: "registeredAt",
        message:
          "a local time in the hour Europe/Stockholm skips when the clocks go forward, so no clock showed it; check it, or give its offset"
      }
    ])
    const read = await loadFeed(await file("local-ok.ndjson", text.split("\n").slice(0, 2).join("\n")), {
      localTimeZone: "Europe/Stockholm"
    })
    expect(read.incidents.map((i) => i.t)).toEqual([Date.UTC(2024, 0, 15, 9) / 60_000])
    expect(read.otherEvents).toEqual({ ShiftEnded: 1 })
  })

  it("names the line and field of every problem, without echoing personal data", async () => {
    const text = [
      row("HR-1", "2024-01-01T10:00:00+01:00"),
      row("HR-2", "2024-01-01 10:00", { callerName: "Anna Andersson" }),
      `{"id": "HR-3", "callerName": "Anna Andersson" "prio": 1}`,
      row("HR-4", "2024-01-01T10:00:00+01:00", { prio: 7 }),
      row("HR-1", "2024-01-01T11:00:00+01:00")
    ].join("\n")
    const e = await failure(await file("bad.ndjson", text))
    const at = (line: number) => e.issues.filter((i) => i.line === line).map((i) => `${i.path}: ${i.message}`)
    expect(at(2)).toEqual([expect.stringMatching(/^registeredAt: not an ISO 8601 timestamp with an offset/)])
    expect(at(3)).toEqual([": not valid JSON (column 47): expected ',' or '}' after a property value, found '\"'"])
    expect(at(4)).toEqual(["prio: expected 1, 2 or 3"])
    expect(at(5)).toEqual(["id: id registered earlier with different content (line 1)"])
    expect(e.message).toContain(`bad.ndjson:4: at prio: expected 1, 2 or 3`)
    expect(e.message).not.toContain("Anna")
  })

  it("names CSV lines with the wrong number of columns and a header without the needed columns", async () => {
    const e = await failure(
      await file("bad.csv", "id,registeredAt,area,prio,onSceneMinutes\nHR-1,2024-01-01T10:00:00+01:00,a,1\n")
    )
    expect(e.issues).toEqual([{ line: 2, path: "", message: "expected 5 columns as in the header, found 4" }])
    const header = await failure(await file("header.csv", "id,when,area,prio\nHR-1,2024-01-01T10:00:00+01:00,a,1\n"))
    expect(header.issues[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/lacks columns registeredAt, onSceneMinutes/)
    })
  })

  it("rejects an empty or missing feed", async () => {
    expect((await failure(await file("empty.ndjson", "\n\n"))).message).toContain("the feed has no records")
    expect((await failure(join(dir, "none.csv"))).message).toContain("no such file")
  })

  it("says how many problems a large bad feed has in all, those it keeps and those it only counts", async () => {
    // An export whose times lack an offset: every one of its 1,500 rows is refused.
    const rows = Array.from({ length: 1500 }, (_, i) => `HR-${i},2024-01-01 10:00,a,2,30`)
    const e = await failure(
      await file("local-times.csv", `id,registeredAt,area,prio,onSceneMinutes\n${rows.join("\n")}\n`)
    )
    expect(e.issues).toHaveLength(1000)
    expect(e.issues.every((i) => i.line !== undefined && i.path === "registeredAt")).toBe(true)
    expect(e.unlisted).toBe(500)
    const lines = e.message.split("\n")
    expect(lines).toHaveLength(201)
    expect(lines[200]).toBe(`${e.file}: … and 1300 more problems`)
  })
})
