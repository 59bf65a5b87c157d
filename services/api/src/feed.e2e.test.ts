import { Readable } from "node:stream"
import { Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { HistoryReport, parseInstant } from "@igv/domain"
import { syntheticFeedEvents, syntheticFeedLines } from "@igv/ingest"
import { eventually, startTestApi, tinyScenario, type TestApi } from "./test/harness.js"

const START = Date.UTC(2024, 2, 25) / 60_000
const FEED = { incidents: 12_000, seed: 3, areas: ["lpo1", "lpo2"], start: START, personalDataShare: 0.1 }
const BAD = [
  '{"type":"IncidentRegistered","at":"2024-03-26T10:00:00"}',
  "not json at all",
  '{"id":"x","registeredAt":"2024-03-26T10:00:00+01:00","area":"lpo1","prio":7,"onSceneMinutes":5}'
]
const incidents = [...syntheticFeedEvents(FEED)].map((e) => e.event).filter((e) => e._tag === "IncidentRegistered")

let t: TestApi
beforeAll(async () => {
  t = await startTestApi({ limits: { bodyBytes: 64 * 1024 } })
})
afterAll(async () => {
  await t.close()
})

/** The feed streamed as a request body, chunk by chunk (far above the JSON body limit). */
const postFeed = async (lines: ReadonlyArray<string>) => {
  const chunks = function* () {
    for (let i = 0; i < lines.length; i += 500) yield `${lines.slice(i, i + 500).join("\n")}\n`
  }
  const body = Readable.toWeb(Readable.from(chunks())) as ReadableStream
  const response = await fetch(`${t.base}/feed`, {
    method: "POST",
    headers: { "content-type": "application/x-ndjson", "x-api-key": t.keys.ingest },
    body,
    duplex: "half"
  } as RequestInit)
  return { status: response.status, body: (await response.json()) as any }
}

describe("the feed over HTTP", () => {
  it("ingests a streamed NDJSON body of any size: valid rows once, bad rows quarantined, counts balance", async () => {
    const lines = [...syntheticFeedLines(FEED)]
    lines.splice(100, 0, BAD[0]!)
    lines.splice(2000, 0, BAD[1]!, BAD[2]!)
    expect(lines.join("\n").length).toBeGreaterThan(40 * 64 * 1024)
    const first = await postFeed(lines)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ read: 48_003, stored: 48_000, duplicates: 0, quarantined: 3, balanced: true })
    expect(first.body.droppedFields.callerName).toBeGreaterThan(0)
    const again = await postFeed(lines)
    expect(again.body).toMatchObject({
      read: 48_003,
      stored: 0,
      duplicates: 48_000,
      quarantined: 3,
      alreadyQuarantined: 3,
      balanced: true
    })

    const quarantine = await t.call("GET", "/feed/quarantine", { key: t.keys["rlc-manager"] })
    expect(quarantine.status).toBe(200)
    expect(quarantine.body.items.map((q: { line: number }) => q.line).sort((a: number, b: number) => a - b)).toEqual([
      101, 2001, 2002
    ])
    expect(
      quarantine.body.items.every(
        (q: { reason: string; source: string }) => q.reason !== "" && q.source.startsWith("api:")
      )
    ).toBe(true)
    expect(JSON.stringify(quarantine.body)).not.toContain("Anna Andersson")
  })

  it("refuses a feed that is not NDJSON", async () => {
    const r = await t.call("POST", "/feed", { key: t.keys.ingest, body: { rows: [] } })
    expect(r.status).toBe(415)
    expect(r.body.path).toBe("headers.content-type")
  })

  it("pages stored events by area, type and time, in event-time order, until the last page", async () => {
    const from = "2024-03-26T00:00:00+01:00",
      to = "2024-03-27T00:00:00+01:00"
    const expected = incidents
      .filter((e) => e.area === "lpo1" && e.t >= parseInstant(from)! && e.t < parseInstant(to)!)
      .map((e) => e.incident)
    const seen: Array<string> = [],
      times: Array<number> = []
    let cursor: string | undefined,
      pages = 0
    do {
      const q = `area=lpo1&type=IncidentRegistered&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&limit=50${cursor === undefined ? "" : `&cursor=${cursor}`}`
      const page = await t.call("GET", `/feed/events?${q}`, { key: t.keys.researcher })
      expect(page.status).toBe(200)
      for (const item of page.body.items) {
        expect(item).toMatchObject({
          type: "IncidentRegistered",
          area: "lpo1",
          at: expect.stringMatching(/\+0[12]:00$/)
        })
        seen.push(item.incident)
        times.push(parseInstant(item.at)!)
      }
      cursor = page.body.nextCursor
      pages++
    } while (cursor !== undefined)
    expect(pages).toBeGreaterThan(2)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.sort()).toEqual([...expected].sort())
    expect(times.every((time, i) => i === 0 || time >= times[i - 1]!)).toBe(true)

    // Without a filter every kind comes, merged by event time; a page resumes exactly after the one before.
    const whole = await t.call("GET", `/feed/events?from=${encodeURIComponent(from)}&limit=40`, { key: t.keys.ingest })
    const first = await t.call("GET", `/feed/events?from=${encodeURIComponent(from)}&limit=15`, { key: t.keys.ingest })
    const second = await t.call(
      "GET",
      `/feed/events?from=${encodeURIComponent(from)}&limit=25&cursor=${first.body.nextCursor}`,
      { key: t.keys.ingest }
    )
    expect([...first.body.items, ...second.body.items]).toEqual(whole.body.items)
    expect(new Set(whole.body.items.map((e: { type: string }) => e.type)).size).toBeGreaterThan(1)

    const unknown = await t.call("GET", "/feed/events?area=lpo9", { key: t.keys.ingest })
    expect(unknown.body).toEqual({
      code: "invalid_request",
      message: `area "lpo9" is not in the store (areas with stored events: lpo1, lpo2)`,
      path: "query.area"
    })
    expect((await t.call("GET", "/feed/events?type=Nonsense", { key: t.keys.ingest })).body.path).toBe("query.type")
    for (const cursor of ["abc", "12", "1.2.3", "1e3.4"]) {
      expect((await t.call("GET", `/feed/events?cursor=${cursor}`, { key: t.keys.ingest })).body.path).toBe(
        "query.cursor"
      )
    }
  })

  it("reports what really happened in a window, in the shape of a run's report", async () => {
    const from = "2024-03-26T00:00:00+01:00",
      to = "2024-03-28T00:00:00+01:00"
    const r = await t.call("GET", `/history/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, {
      key: t.keys["rlc-manager"]
    })
    expect(r.status).toBe(200)
    const report = Schema.decodeUnknownSync(HistoryReport)(r.body)
    // The feed holds calls, dispatches, arrivals and clearings, no shifts or blocks: it says so instead of inventing them.
    expect(Object.keys(report.eventKinds)).toEqual([
      "IncidentRegistered",
      "PatrolCleared",
      "PatrolDispatched",
      "PatrolOnScene"
    ])
    expect(report.missing).toEqual(["lineTime", "interruptions", "timeUse"])
    expect([report.lineTime, report.interruptions, report.timeUse]).toEqual([null, null, null])
    expect(report.response[1].n).toBeGreaterThan(0)
    expect(report.response[1].p90ArrivalMinutes).not.toBeNull()
    const inWindow = incidents.filter((e) => e.t >= parseInstant(from)! && e.t < parseInstant(to)!)
    for (const prio of [1, 2, 3] as const) {
      // Dispatches of incidents registered just before the window fall inside it but have no registration there.
      expect(report.response[prio].count).toBeLessThanOrEqual(inWindow.filter((e) => e.prio === prio).length)
      expect(report.response[prio].count).toBeGreaterThan(inWindow.filter((e) => e.prio === prio).length * 0.95)
    }
    const lpo2 = await t.call(
      "GET",
      `/history/report?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&area=lpo2`,
      { key: t.keys.planner }
    )
    expect(Object.keys(lpo2.body.byArea)).toContain("lpo2")
    expect(Object.keys(lpo2.body.byArea)).not.toContain("lpo1")
    expect(
      (
        await t.call("GET", `/history/report?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, {
          key: t.keys.planner
        })
      ).body.path
    ).toBe("query.to")
  })

  it("runs a scenario on a stored feed window instead of synthetic demand", async () => {
    const scenario = tinyScenario({ days: 3, start: "2024-03-26", demand: { feed: "store" } })
    const created = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario } })
    expect(created.status).toBe(201)
    expect(
      (await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: created.body.id } })).body.path
    ).toBe("body.feed")
    const outside = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: {
        scenarioId: created.body.id,
        feed: { from: "2024-05-01T00:00:00+02:00", to: "2024-05-02T00:00:00+02:00" }
      }
    })
    expect(outside.body).toMatchObject({
      code: "invalid_request",
      path: "body.feed",
      message: expect.stringContaining("outside the scenario's horizon")
    })
    // Declared in the scenario, but the store holds no events of it: nothing would be replayed.
    const threeAreas = tinyScenario({
      days: 3,
      start: "2024-03-26",
      demand: { feed: "store" },
      areas: [
        { id: "lpo1", neighbours: ["lpo2"] },
        { id: "lpo2", neighbours: ["lpo1", "lpo3"] },
        { id: "lpo3", neighbours: ["lpo2"] }
      ],
      dimensioning: [...tinyScenario().dimensioning, { area: "lpo3", patrols: 1, start: "07:00", end: "07:00" }]
    })
    const withLpo3 = await t.call("POST", "/scenarios", { key: t.keys.planner, body: { scenario: threeAreas } })
    expect(withLpo3.status, JSON.stringify(withLpo3.body)).toBe(201)
    const absent = await t.call("POST", "/runs", {
      key: t.keys.planner,
      body: { scenarioId: withLpo3.body.id, feed: { from: "2024-03-26", to: "2024-03-27", area: "lpo3" } }
    })
    expect(absent.body).toEqual({
      code: "invalid_request",
      message: `area "lpo3" is not in the store (areas with stored events: lpo1, lpo2)`,
      path: "body.feed.area"
    })
    const feed = { from: "2024-03-26T00:00:00+01:00", to: "2024-03-27T00:00:00+01:00", area: "lpo1" }
    const posted = await t.call("POST", "/runs", { key: t.keys.planner, body: { scenarioId: created.body.id, feed } })
    expect(posted.status).toBe(202)
    const done = await eventually(async () => {
      const r = await t.call("GET", `/runs/${posted.body.id}`, { key: t.keys.planner })
      return r.body.status === "running" || r.body.status === "queued" ? undefined : r.body
    }, "the feed run")
    expect(done).toMatchObject({ status: "completed", feed })
    const report = (await t.call("GET", `/runs/${posted.body.id}/report`, { key: t.keys.planner })).body
    const replayed = incidents.filter(
      (e) => e.area === "lpo1" && e.t >= parseInstant(feed.from)! && e.t < parseInstant(feed.to)!
    )
    const counted = report.response["1"].count + report.response["2"].count + report.response["3"].count
    expect(counted).toBe(replayed.length)
    expect(report.byArea.lpo2?.response["1"].count ?? 0).toBe(0)
  })
})

describe("hostile and careless feeds over HTTP", () => {
  const post = (raw: string, key = t.keys.ingest, api = t) =>
    api.call("POST", "/feed?source=hostile", { key, raw, headers: { "content-type": "application/x-ndjson" } })

  it("reads CSV sent as NDJSON as CSV, keeps no personal field, and counts Object-like field names as names", async () => {
    const csv =
      'id,registeredAt,area,prio,onSceneMinutes,constructor,caller\nHR-C1,2024-03-26T10:00:00+01:00,lpo1,2,30,x,Anna Andersson\nHR-C2,2024-03-26T10:00:00+01:00,lpo1,2,30,x,"Bo, Storgatan 1"\n'
    const r = await post(csv)
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      read: 2,
      stored: 2,
      quarantined: 0,
      balanced: true,
      droppedFields: { constructor: 2, caller: 2 }
    })
    const events = await t.call("GET", "/feed/events?limit=1000", { key: t.keys.ingest })
    expect(JSON.stringify(events.body)).not.toMatch(/Anna|Storgatan/)
  })

  it("reads local times without an offset in the zone timeZone names, and refuses an unknown zone", async () => {
    const csv =
      "id;registeredAt;area;prio;onSceneMinutes\nHR-L1;2024-07-02 10:00;lpo1;2;12,5\nHR-L2;2024-10-27 02:30;lpo1;2;30\n"
    const unknown = await t.call("POST", "/feed?timeZone=Europe%2FStockolm", {
      key: t.keys.ingest,
      raw: csv,
      headers: { "content-type": "application/x-ndjson" }
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ path: "query.timeZone", message: "unknown IANA time zone" })
    const r = await t.call("POST", "/feed?source=local-times&timeZone=Europe%2FStockholm", {
      key: t.keys.ingest,
      raw: csv,
      headers: { "content-type": "application/x-ndjson" }
    })
    expect(r.body).toMatchObject({ read: 2, stored: 1, quarantined: 1, balanced: true })
    const events = await t.call("GET", "/feed/events?from=2024-07-02&to=2024-07-03&limit=1000", { key: t.keys.ingest })
    const stored = events.body.items.filter((e: { incident?: string }) => e.incident === "HR-L1")
    expect(stored).toHaveLength(1)
    expect(parseInstant(stored[0].at)).toBe(Date.UTC(2024, 6, 2, 8) / 60_000)
    expect(stored[0].onSceneMinutes).toBe(12.5)
    const quarantine = await t.call("GET", "/feed/quarantine?limit=1000", { key: t.keys.ingest })
    const held = quarantine.body.items.filter((q: { source: string }) => q.source === "local-times")
    expect(held.map((q: { reason: string }) => q.reason)).toEqual([
      "registeredAt: a local time in the hour Europe/Stockholm repeats when the clocks go back, so it happened twice; give its offset (+02:00 the first time, +01:00 the second)"
    ])
  })

  it("refuses a body that is neither NDJSON nor CSV with one 400, storing nothing and echoing nothing", async () => {
    const before = await t.call("GET", "/feed/quarantine?limit=1000", { key: t.keys.ingest })
    const r = await post("Anna Andersson 070-1234567\nsecond line\n")
    expect(r.status).toBe(400)
    expect(r.body).toMatchObject({ code: "not_a_feed", path: "body" })
    expect(JSON.stringify(r.body)).not.toMatch(/Anna|070/)
    expect((await t.call("GET", "/feed/quarantine?limit=1000", { key: t.keys.ingest })).body).toEqual(before.body)
  })

  it("pages the quarantine with a cursor, and drops entries for good (ingest and admin keys)", async () => {
    await post(
      [
        '{"id":"D-1","registeredAt":"2024-03-26T10:00:00","area":"lpo1","prio":1,"onSceneMinutes":5}',
        "broken {",
        "also broken"
      ].join("\n")
    )
    const first = await t.call("GET", "/feed/quarantine?limit=1", { key: t.keys.ingest })
    expect(first.body.items).toHaveLength(1)
    const next = await t.call("GET", `/feed/quarantine?limit=1000&cursor=${first.body.nextCursor}`, {
      key: t.keys.ingest
    })
    const ids = [
      first.body.items[0].quarantineId,
      ...next.body.items.map((q: { quarantineId: string }) => q.quarantineId)
    ]
    expect(new Set(ids).size).toBe(ids.length)
    const dropped = await t.call("POST", "/feed/quarantine/drop", {
      key: t.keys.admin,
      body: { quarantineIds: [ids[0], "quarantine-nope"] }
    })
    expect(dropped.body).toEqual({ dropped: [ids[0]], notOpen: ["quarantine-nope"] })
    const all = await t.call("POST", "/feed/quarantine/drop", { key: t.keys.ingest, body: { all: true } })
    expect(all.body.dropped).toHaveLength(ids.length - 1)
    expect((await t.call("GET", "/feed/quarantine", { key: t.keys.ingest })).body.items).toEqual([])
  })

  it("refuses feed ingest without a pseudonym key when IGV_REQUIRE_PSEUDONYMS is set", async () => {
    const strict = await startTestApi({ requirePseudonyms: true, pseudonymKey: undefined })
    try {
      const r = await post(`${BAD[2]}\n`, strict.keys.ingest, strict)
      expect(r.status).toBe(403)
      expect(r.body).toMatchObject({ code: "pseudonyms_required" })
    } finally {
      await strict.close()
    }
    const keyed = await startTestApi({ requirePseudonyms: true, pseudonymKey: "k" })
    try {
      const r = await post(
        '{"id":"RAW-1","registeredAt":"2024-03-26T10:00:00+01:00","area":"lpo1","prio":1,"onSceneMinutes":5}\n',
        keyed.keys.ingest,
        keyed
      )
      expect(r.body).toMatchObject({ stored: 1, pseudonymised: true })
      expect(JSON.stringify((await keyed.call("GET", "/feed/events", { key: keyed.keys.ingest })).body)).not.toContain(
        "RAW-1"
      )
    } finally {
      await keyed.close()
    }
  })
})
