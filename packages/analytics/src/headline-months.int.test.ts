import {
  fromLocal,
  toLocal,
  type AreaId,
  type IgvEvent,
  type IncidentId,
  type PatrolId,
  type Priority
} from "@igv/domain"
import { fold, reportProjection } from "@igv/metrics"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type { Analytics } from "./client.js"
import { insertFeedEvents } from "./feed-rows.js"
import { asStored, feedFixture } from "./feed-fixture.test-util.js"
import { dropDatabase, freshAnalytics } from "./int-helpers.test-util.js"
import { measuredFigure } from "./measured.test-util.js"
import { migrate } from "./migrations.js"
import { headlineSplitRecorded, type HeadlineCell } from "./queries.js"

const ZONE = "Europe/Stockholm"
/** Local wall time in Stockholm, minutes since the epoch. */
const at = (y: number, mo: number, d: number, h = 0, mi = 0) => fromLocal(y, mo, d, h, mi, ZONE)
const date = (minutes: number) => new Date(minutes * 60_000)

// A hand-built feed. north/igv/0 is on duty without a break all year (one start, one end, as in the dense preset),
// with jobs across month edges and the two DST nights; south has shifts and a job across month edges and two shifts
// that follow each other without a gap.
const P = (id: string) => id as PatrolId
const shift = (patrol: string, area: string, from: number, to: number): Array<IgvEvent> => [
  { _tag: "ShiftStarted", t: from, patrol: P(patrol), area: area as AreaId, kind: "igv" },
  { _tag: "ShiftEnded", t: to, patrol: P(patrol) }
]
let incidents = 0
const job = (patrol: string, prio: Priority, from: number, to: number): Array<IgvEvent> => {
  const incident = `hand-${incidents++}` as IncidentId
  return [
    { _tag: "PatrolDispatched", t: from, incident, patrol: P(patrol), prio },
    { _tag: "PatrolCleared", t: to, incident, patrol: P(patrol) }
  ]
}
const hand: Array<IgvEvent> = [
  ...shift("north/igv/0", "north", at(2024, 1, 1), at(2024, 12, 30)), // 2023-12-31 23:00Z to 2024-12-29 23:00Z
  ...job("north/igv/0", 1, at(2024, 1, 31, 23, 30), at(2024, 2, 1, 0, 45)),
  ...job("north/igv/0", 2, at(2024, 2, 29, 23), at(2024, 3, 1, 1)),
  ...job("north/igv/0", 2, at(2024, 3, 31, 1, 30), at(2024, 3, 31, 3, 30)), // spring forward: one hour
  ...job("north/igv/0", 3, at(2024, 4, 30, 23), at(2024, 5, 1, 1)),
  ...job("north/igv/0", 1, at(2024, 10, 27, 2, 30), at(2024, 10, 27, 2, 30) + 60), // fall back: 02:30 CEST to 02:30 CET
  ...shift("south/igv/0", "south", at(2024, 3, 31, 22), at(2024, 4, 1, 6)),
  ...job("south/igv/0", 1, at(2024, 3, 31, 23, 50), at(2024, 4, 1, 0, 20)),
  ...shift("south/igv/0", "south", at(2024, 6, 10, 7), at(2024, 6, 10, 17)),
  ...job("south/igv/0", 2, at(2024, 6, 10, 9), at(2024, 6, 10, 10)),
  ...shift("south/igv/0", "south", at(2024, 10, 31, 20), at(2024, 11, 1, 8)),
  ...shift("south/igv/1", "south", at(2024, 5, 31, 17), at(2024, 6, 1, 3)),
  ...shift("south/igv/1", "south", at(2024, 6, 1, 3), at(2024, 6, 1, 13))
]

// A generated feed over a month edge: 07–17 and 17–03 local shifts from 2025-02-26, so the night of the 28th
// crosses into March, with jobs and planned blocks along every shift.
const FIXTURE_START = at(2025, 2, 26)
const fixture = feedFixture({ seed: 39, areas: ["east", "west"], start: FIXTURE_START, days: 4, patrolsPerArea: 3 })

const byTime = (events: ReadonlyArray<IgvEvent>) =>
  events
    .map((e, i) => [e, i] as const)
    .sort((x, y) => x[0].t - y[0].t || x[1] - y[1])
    .map(([e]) => e)
const feed = byTime([...hand, ...fixture])

/**
 * The feed as a report of the window [from, to) sees it: patrols on duty and jobs open at `from` start there, those
 * still open at `to` end there (their jobs cleared first, so no overtime), everything in between as recorded.
 */
const clipped = (events: ReadonlyArray<IgvEvent>, from: number, to: number): Array<IgvEvent> => {
  const onDuty = new Map<string, AreaId>()
  const jobs = new Map<string, { patrol: PatrolId; incident: IncidentId; prio: Priority }>()
  const track = (e: IgvEvent) => {
    if (e._tag === "ShiftStarted") onDuty.set(e.patrol, e.area)
    else if (e._tag === "ShiftEnded") onDuty.delete(e.patrol)
    else if (e._tag === "PatrolDispatched")
      jobs.set(`${e.patrol}|${e.incident}`, { patrol: e.patrol, incident: e.incident, prio: e.prio })
    else if (e._tag === "PatrolCleared" || e._tag === "PatrolRecalled") jobs.delete(`${e.patrol}|${e.incident}`)
  }
  const before = events.filter((e) => e.t < from)
  // Time order, an end before a start at the same instant (as the query pairs them).
  before
    .map((e, i) => [e, i] as const)
    .sort(
      (x, y) =>
        x[0].t - y[0].t || Number(x[0]._tag === "ShiftStarted") - Number(y[0]._tag === "ShiftStarted") || x[1] - y[1]
    )
    .forEach(([e]) => track(e))
  const out: Array<IgvEvent> = []
  for (const [patrol, area] of onDuty) out.push({ _tag: "ShiftStarted", t: from, patrol: P(patrol), area, kind: "igv" })
  for (const j of jobs.values()) out.push({ _tag: "PatrolDispatched", t: from, ...j })
  for (const e of events)
    if (e.t >= from && e.t < to) {
      out.push(e)
      track(e)
    }
  for (const j of jobs.values()) out.push({ _tag: "PatrolCleared", t: to, patrol: j.patrol, incident: j.incident })
  for (const patrol of onDuty.keys()) out.push({ _tag: "ShiftEnded", t: to, patrol: P(patrol) })
  return out
}

/** Local month windows of `zone` cut to [from, to), with their "YYYY-MM". */
const monthWindows = (from: number, to: number, zone: string) => {
  const windows: Array<{ month: string; from: number; to: number }> = []
  let { year, month } = toLocal(from, zone)
  for (;;) {
    const start = fromLocal(year, month, 1, 0, 0, zone)
    if (start >= to) return windows
    const [ny, nm] = month === 12 ? [year + 1, 1] : [year, month + 1]
    windows.push({
      month: `${year}-${String(month).padStart(2, "0")}`,
      from: Math.max(from, start),
      to: Math.min(to, fromLocal(ny, nm, 1, 0, 0, zone))
    })
    year = ny
    month = nm
  }
}

/** The in-process figures: reportProjection over the clipped feed of each month window. */
const inProcess = (from: number, to: number, zone: string) => {
  const cells: Array<HeadlineCell> = []
  for (const w of monthWindows(from, to, zone)) {
    const report = fold(reportProjection({ recordedFeed: { timeZone: zone } }), clipped(feed, w.from, w.to))
    for (const [area, body] of Object.entries(report.byArea)) {
      const t = body.timeUse
      if (t.totalHours > 0)
        cells.push({
          area,
          month: w.month,
          prio1Hours: t.prio1Hours,
          prio2Hours: t.prio2Hours,
          totalHours: t.totalHours,
          prio12Share: measuredFigure(t.prio12Share, "prio 1+2 share")
        })
    }
  }
  return cells.sort((x, y) =>
    x.area < y.area ? -1 : x.area > y.area ? 1 : x.month < y.month ? -1 : x.month > y.month ? 1 : 0
  )
}

const expectSame = (actual: ReadonlyArray<HeadlineCell>, expected: ReadonlyArray<HeadlineCell>) => {
  // Two empty lists are equal: every window compared here holds duty time.
  expect(expected.length, "cells expected in the window").toBeGreaterThan(0)
  expect(actual.map((c) => `${c.area} ${c.month}`)).toEqual(expected.map((c) => `${c.area} ${c.month}`))
  actual.forEach((c, i) => {
    const e = expected[i]!
    for (const k of ["prio1Hours", "prio2Hours", "totalHours", "prio12Share"] as const)
      expect(c[k], `${c.area} ${c.month} ${k}`).toBeCloseTo(e[k], 6)
  })
}

describe("the recorded headline split cuts duty and job time at month edges", () => {
  let a: Analytics
  const query = (from: number, to: number, extra: { areas?: Array<string>; timeZone?: string } = {}) =>
    headlineSplitRecorded(a, { from: date(from), to: date(to), timeZone: ZONE, ...extra })

  beforeAll(async () => {
    a = await freshAnalytics("headline_months")
    await migrate(a)
    await insertFeedEvents(a, asStored(feed, "ev"))
  })
  afterAll(async () => {
    await dropDatabase(a)
  })

  it("a patrol on duty all year: each month its own hours (hand-computed), jobs split at midnight", async () => {
    const cells = await query(at(2024, 1, 1), at(2025, 1, 1))
    const h = (area: string, month: string, total: number, p1 = 0, p2 = 0) => ({
      area,
      month,
      prio1Hours: p1,
      prio2Hours: p2,
      totalHours: total,
      prio12Share: (p1 + p2) / total
    })
    expectSame(cells, [
      h("north", "2024-01", 744, 0.5),
      h("north", "2024-02", 696, 0.75, 1),
      h("north", "2024-03", 743, 0, 2),
      h("north", "2024-04", 720),
      h("north", "2024-05", 744),
      h("north", "2024-06", 720),
      h("north", "2024-07", 744),
      h("north", "2024-08", 744),
      h("north", "2024-09", 720),
      h("north", "2024-10", 745, 1),
      h("north", "2024-11", 720),
      h("north", "2024-12", 696),
      h("south", "2024-03", 2, 10 / 60),
      h("south", "2024-04", 6, 20 / 60),
      h("south", "2024-05", 7),
      h("south", "2024-06", 23, 0, 1),
      h("south", "2024-10", 4),
      h("south", "2024-11", 8)
    ])
    expectSame(cells, inProcess(at(2024, 1, 1), at(2025, 1, 1), ZONE))
  })

  it("a window inside the year-long shift still finds its start and end, and its area", async () => {
    const cells = await query(at(2024, 2, 1), at(2024, 3, 1))
    expect(cells).toEqual([
      { area: "north", month: "2024-02", prio1Hours: 0.75, prio2Hours: 1, totalHours: 696, prio12Share: 1.75 / 696 }
    ])
    // Cut at the window's own ends too: 23:00 to 02:00 over the last night of March.
    expectSame(
      await query(at(2024, 3, 31, 23), at(2024, 4, 1, 2)),
      inProcess(at(2024, 3, 31, 23), at(2024, 4, 1, 2), ZONE)
    )
    expect(
      (await query(at(2024, 3, 31, 23), at(2024, 4, 1, 2), { areas: ["south"] })).map((c) => [
        c.month,
        c.totalHours,
        c.prio1Hours
      ])
    ).toEqual([
      ["2024-03", 1, 10 / 60],
      ["2024-04", 2, 20 / 60]
    ])
  })

  it("a generated feed over a month edge matches the report of each month window", async () => {
    const edge = at(2025, 3, 1)
    // The check means something only if a prio 1/2 job and shifts really run over the edge.
    const dispatched = new Map<string, { t: number; prio: Priority }>()
    let spanning = 0
    for (const e of fixture) {
      if (e._tag === "PatrolDispatched") dispatched.set(e.incident, { t: e.t, prio: e.prio })
      if (e._tag === "PatrolCleared") {
        const d = dispatched.get(e.incident)!
        if (d.prio < 3 && d.t < edge && e.t > edge) spanning++
      }
    }
    expect(spanning).toBeGreaterThan(0)
    const from = at(2025, 2, 1),
      to = at(2025, 4, 1)
    const cells = await query(from, to)
    expect(cells.map((c) => `${c.area} ${c.month}`)).toEqual([
      "east 2025-02",
      "east 2025-03",
      "west 2025-02",
      "west 2025-03"
    ])
    expectSame(cells, inProcess(from, to, ZONE))
    // A window cut mid-shift on both sides.
    expectSame(
      await query(at(2025, 2, 28, 12, 7), at(2025, 3, 1, 1, 33)),
      inProcess(at(2025, 2, 28, 12, 7), at(2025, 3, 1, 1, 33), ZONE)
    )
  })

  it("months follow the zone asked for", async () => {
    const from = at(2023, 12, 1),
      to = at(2025, 6, 1)
    expectSame(await query(from, to, { timeZone: "UTC" }), inProcess(from, to, "UTC"))
    expectSame(await query(from, to), inProcess(from, to, ZONE))
    // In UTC the year-long shift starts on 31 December: one hour of 2023.
    expect((await query(from, to, { timeZone: "UTC", areas: ["north"] }))[0]).toMatchObject({
      month: "2023-12",
      totalHours: 1
    })
  })

  it("an empty or inverted window gives no cells", async () => {
    expect(await query(at(2024, 2, 1), at(2024, 2, 1))).toEqual([])
    expect(await query(at(2024, 3, 1), at(2024, 2, 1))).toEqual([])
  })
})
