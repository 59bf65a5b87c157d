import { hourOfWeek, TARGET_MINUTES, type IgvEvent, type Priority } from "@igv/domain"
import { dispatchLog, fold, meanAndHalfWidth, nearestRank, reportProjection } from "@igv/metrics"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { selectRows, type Analytics } from "./client.js"
import { insertFeedEvents } from "./feed-rows.js"
import { asStored, feedFixture } from "./feed-fixture.test-util.js"
import { dropDatabase, freshAnalytics } from "./int-helpers.test-util.js"
import { measuredFigure, measuredFigures } from "./measured.test-util.js"
import { migrate } from "./migrations.js"
import {
  headlineSplitRecorded,
  headlineSplitSimulated,
  interruptionsByHourOfWeek,
  lineTimeSurvival,
  nearestRanks,
  realVsSimulated,
  sweepKpi
} from "./queries.js"
import { sql } from "./sql.js"
import { AnalyticsInputError, runAnalyticsQuery } from "./inputs.js"
import { runResultsProjection, writeRunResults, type RunInfo, type RunResults } from "./runs.js"
import { TABLES } from "./tables.js"

const START = 29_000_000 // 2025-02-20T05:20Z, minutes since the epoch
const DAYS = 4
const AREAS = ["lpo1", "lpo2"]
const ZONE = "Europe/Stockholm"

const resultsOf = (events: ReadonlyArray<IgvEvent>): RunResults =>
  fold(runResultsProjection({ recordedFeed: { timeZone: ZONE } }), events)

interface SimRun {
  readonly info: RunInfo
  readonly events: Array<IgvEvent>
  readonly results: RunResults
}

const simRun = (runId: string, scenarioVersion: number, seed: number, blockShare: number, sweepId?: string): SimRun => {
  const events = feedFixture({ seed, areas: AREAS, start: START, days: DAYS, patrolsPerArea: 3, blockShare })
  return {
    info: {
      runId,
      scenarioId: "sc-1",
      scenarioVersion,
      seed,
      windowStart: START,
      windowEnd: START + DAYS * 1440,
      finishedAt: new Date("2026-11-30T12:00:00Z"),
      params: { blockShare, label: "x" },
      ...(sweepId === undefined ? {} : { sweepId })
    },
    events,
    results: resultsOf(events)
  }
}

const close = (x: number, y: number) => expect(x).toBeCloseTo(y, 6)
const sorted = (xs: ReadonlyArray<number>) => Float64Array.from(xs).sort()

describe("analytics queries against the real server, checked against the in-process projections", () => {
  let a: Analytics
  const runs: Array<SimRun> = []
  const recorded = feedFixture({ seed: 99, areas: AREAS, start: START, days: DAYS, patrolsPerArea: 3 })
  const storedRecorded = () => asStored(recorded, "rec")

  /** Interruption rows a write attempt that died left behind, under its attempt id and with no runs row. */
  const insertLeftBehind = (
    attempt: { readonly runId: string; readonly attemptId: string; readonly scenarioId: string },
    rows: ReadonlyArray<{
      readonly area: string
      readonly prio: number
      readonly t: number
      readonly minutesLost: number
    }>
  ) =>
    a.client.insert({
      table: `${a.database}.${TABLES.interruptions}`,
      values: rows.map((r) => ({
        run_id: attempt.runId,
        attempt_id: attempt.attemptId,
        scenario_id: attempt.scenarioId,
        scenario_version: 1,
        area_id: r.area,
        priority: r.prio,
        at: Math.floor(r.t * 60),
        lost_minutes: r.minutesLost
      })),
      format: "JSONEachRow"
    })

  beforeAll(async () => {
    a = await freshAnalytics("queries")
    await migrate(a)
    // The recorded feed, as the sink writes it.
    await insertFeedEvents(a, storedRecorded())
    // Scenario versions 1 and 2, three runs each; version 2 is also a sweep over blockShare.
    runs.push(simRun("r1", 1, 1, 0.4), simRun("r2", 1, 2, 0.4), simRun("r3", 1, 3, 0.4))
    runs.push(
      simRun("s1", 2, 4, 0.2, "sw"),
      simRun("s2", 2, 5, 0.2, "sw"),
      simRun("s3", 2, 6, 0.6, "sw"),
      simRun("s4", 2, 7, 0.6, "sw"),
      simRun("s5", 2, 8, 0.8, "sw")
    )
    for (const r of runs) expect(await writeRunResults(a, r.info, r.results)).toBe("written")
    // An attempt that died before its runs row: its rows must never be counted.
    const ghost = simRun("ghost", 1, 9, 0.9)
    await insertLeftBehind(
      { runId: "r1", attemptId: "dead", scenarioId: "sc-1" },
      ghost.results.interruptions.map((r) => ({ ...r, minutesLost: 5 }))
    )
  })
  afterAll(async () => {
    await dropDatabase(a)
  })

  it("percentiles in SQL are the metrics' nearest rank, also where p·n is whole", async () => {
    const ps = [0.1, 0.25, 0.5, 0.9, 0.99]
    for (let n = 1; n <= 40; n++) {
      const rows = await selectRows<{ ps: Array<number> }>(
        a,
        sql`SELECT ${nearestRanks(sql`toFloat64(number * 3 % ${n} + 1)`, ps)} AS ps FROM numbers(${n})`
      )
      const values = Float64Array.from({ length: n }, (_, i) => ((i * 3) % n) + 1).sort()
      expect(rows[0]!.ps.map(Number), `n = ${n}`).toEqual(ps.map((p) => nearestRank(values, p)))
    }
  })

  it("a run whose first write died half-way is written whole by the retry, and counted once", async () => {
    const run = simRun("r-crash", 1, 21, 0.5)
    const crashed = { ...run, info: { ...run.info, scenarioId: "sc-crash" } }
    // What the dead attempt left: its interruptions, no runs row.
    await insertLeftBehind(
      { runId: "r-crash", attemptId: "died", scenarioId: "sc-crash" },
      crashed.results.interruptions
    )
    expect((await interruptionsByHourOfWeek(a, { runs: { runIds: ["r-crash"] } })).cells).toEqual([])
    expect(await writeRunResults(a, crashed.info, crashed.results)).toBe("written")
    const after = await interruptionsByHourOfWeek(a, { runs: { runIds: ["r-crash"] } })
    expect(after.runs).toBe(1)
    expect(after.cells.reduce((n, c) => n + c.interruptions, 0)).toBe(crashed.results.interruptions.length)
  })

  it("writing a run again is a no-op", async () => {
    expect(await writeRunResults(a, runs[0]!.info, runs[0]!.results)).toBe("exists")
  })

  it("interruptions by area × hour of week × priority", async () => {
    const v1 = runs.filter((r) => r.info.scenarioVersion === 1)
    const result = await interruptionsByHourOfWeek(a, {
      runs: { scenarioId: "sc-1", scenarioVersion: 1 },
      timeZone: ZONE
    })
    const expected = new Map<string, { n: number; lost: number }>()
    for (const r of v1)
      for (const i of r.results.interruptions) {
        const key = `${i.area}|${hourOfWeek(i.t, ZONE)}|${i.prio}`
        const cell = expected.get(key) ?? { n: 0, lost: 0 }
        cell.n++
        cell.lost += i.minutesLost
        expected.set(key, cell)
      }
    expect(result.runs).toBe(3)
    expect(expected.size, "the fixture's runs interrupt blocks").toBeGreaterThan(0)
    expect(result.cells.length).toBe(expected.size)
    for (const c of result.cells) {
      const e = expected.get(`${c.area}|${c.hourOfWeek}|${c.prio}`)!
      expect(c.interruptions).toBe(e.n)
      close(c.lostMinutes, e.lost)
    }
    // Summed over hours, the same as the report's interruptions by area and priority.
    for (const area of AREAS)
      for (const prio of [1, 2, 3] as const) {
        const fromReport = v1.reduce((s, r) => s + r.results.report.byArea[area]!.interruptions.byPriority[prio], 0)
        expect(
          result.cells.filter((c) => c.area === area && c.prio === prio).reduce((s, c) => s + c.interruptions, 0)
        ).toBe(fromReport)
      }
    const filtered = await interruptionsByHourOfWeek(a, {
      runs: { runIds: ["r2"] },
      areas: ["lpo2"],
      priorities: [1, 2]
    })
    expect(filtered.cells.reduce((s, c) => s + c.interruptions, 0)).toBe(
      runs[1]!.results.interruptions.filter((i) => i.area === "lpo2" && i.prio < 3).length
    )
  })

  it("line-time survival across the scenario's runs, by version", async () => {
    const result = await lineTimeSurvival(a, { scenarioId: "sc-1" })
    expect(result.map((r) => r.scenarioVersion)).toEqual([1, 2])
    for (const row of result) {
      const rs = runs
        .filter((r) => r.info.scenarioVersion === row.scenarioVersion)
        .map((r) => r.results.report.lineTime)
      const s = measuredFigures(
        rs.map((l) => l.survival),
        "survival"
      )
      expect(row.runs).toBe(rs.length)
      close(row.meanSurvival, s.reduce((x, y) => x + y, 0) / s.length)
      close(row.minSurvival, Math.min(...s))
      close(row.maxSurvival, Math.max(...s))
      close(row.p10Survival, nearestRank(sorted(s), 0.1))
      close(row.p50Survival, nearestRank(sorted(s), 0.5))
      close(row.p90Survival, nearestRank(sorted(s), 0.9))
      close(
        row.pooledSurvival,
        rs.reduce((x, l) => x + l.deliveredHours, 0) / rs.reduce((x, l) => x + l.plannedHours, 0)
      )
    }
  })

  it("a sweep's KPI as a function of the varied parameter", async () => {
    for (const kpi of ["lineTime.survival", "response.3.meanDispatchMinutes"]) {
      const result = await sweepKpi(a, { sweepId: "sw", kpi, parameter: "blockShare" })
      expect(result.numeric).toBe(true)
      expect(result.points.map((p) => p.value)).toEqual(["0.2", "0.6", "0.8"])
      for (const p of result.points) {
        const values = measuredFigures(
          runs
            .filter((r) => r.info.sweepId === "sw" && String(r.info.params!["blockShare"]) === p.value)
            .map((r) =>
              kpi === "lineTime.survival"
                ? r.results.report.lineTime.survival
                : r.results.report.response["3"].meanDispatchMinutes
            ),
          kpi
        )
        const { mean, halfWidth } = meanAndHalfWidth(values)
        expect(p.runs).toBe(values.length)
        close(p.mean, mean)
        close(p.halfWidth95, halfWidth)
        close(p.min, Math.min(...values))
        close(p.max, Math.max(...values))
      }
    }
    const byArea = await sweepKpi(a, { sweepId: "sw", kpi: "lineTime.survival", parameter: "blockShare", area: "lpo1" })
    close(
      byArea.points[0]!.mean,
      meanAndHalfWidth(
        runs
          .filter((r) => r.info.params!["blockShare"] === 0.2 && r.info.sweepId === "sw")
          .map((r) => measuredFigure(r.results.report.byArea["lpo1"]!.lineTime.survival, "lpo1 survival"))
      ).mean
    )
    expect(
      (await sweepKpi(a, { sweepId: "sw", kpi: "lineTime.survival", parameter: "no-such-parameter" })).points
    ).toEqual([])
  })

  it("real history vs simulated for the same window", async () => {
    const from = new Date((START + 1440) * 60_000),
      to = new Date((START + 3 * 1440) * 60_000)
    const inWindow = (t: number) => t * 60_000 >= from.getTime() && t * 60_000 < to.getTime()
    const figures = (
      records: ReadonlyArray<{ prio: Priority; registeredT: number; dispatchT: number; arrivalT?: number }>,
      prio: Priority,
      per: number
    ) => {
      const rs = records.filter((r) => r.prio === prio && inWindow(r.registeredT))
      const waits = rs.map((r) => r.dispatchT - r.registeredT)
      const arrivals = rs.filter((r) => r.arrivalT !== undefined).map((r) => r.arrivalT! - r.registeredT)
      return {
        dispatched: rs.length / per,
        meanDispatchMinutes: waits.reduce((x, y) => x + y, 0) / waits.length,
        p50DispatchMinutes: nearestRank(sorted(waits), 0.5),
        p90DispatchMinutes: nearestRank(sorted(waits), 0.9),
        withinTarget: waits.filter((w) => w <= TARGET_MINUTES[prio]).length / waits.length,
        meanArrivalMinutes: arrivals.reduce((x, y) => x + y, 0) / arrivals.length
      }
    }
    const v2 = runs.filter((r) => r.info.scenarioVersion === 2)
    const result = await realVsSimulated(a, { from, to, runs: { scenarioId: "sc-1", scenarioVersion: 2 } })
    const realLog = fold(dispatchLog, recorded)
    const simLog = v2.flatMap((r) => r.results.dispatches)
    expect(result.map((row) => row.prio)).toEqual([1, 2, 3])
    for (const row of result) {
      const real = figures(realLog, row.prio, 1),
        sim = figures(simLog, row.prio, v2.length)
      // Figures over calls that are there: a window without dispatches of a priority would compare nothing.
      expect(real.dispatched, `recorded prio ${row.prio} dispatches in the window`).toBeGreaterThan(0)
      expect(sim.dispatched, `simulated prio ${row.prio} dispatches in the window`).toBeGreaterThan(0)
      for (const k of Object.keys(real) as Array<keyof typeof real>) {
        close(row.real[k], real[k])
        close(row.simulated[k], sim[k])
      }
    }
  })

  it("the headline split from the recorded feed, by area and month", async () => {
    // The last night shifts end after START + DAYS days: a window to the feed's end takes them whole.
    const from = new Date(START * 60_000),
      to = new Date((START + (DAYS + 1) * 1440) * 60_000)
    const cells = await headlineSplitRecorded(a, { from, to, timeZone: ZONE })
    const report = fold(reportProjection({ recordedFeed: { timeZone: ZONE } }), recorded)
    expect(cells.map((c) => `${c.area} ${c.month}`)).toEqual(["lpo1 2025-02", "lpo2 2025-02"])
    for (const c of cells) {
      const t = report.byArea[c.area]!.timeUse
      close(c.prio1Hours, t.prio1Hours)
      close(c.prio2Hours, t.prio2Hours)
      close(c.totalHours, t.totalHours)
      close(c.prio12Share, measuredFigure(t.prio12Share, "prio 1+2 share"))
    }
    const one = await headlineSplitRecorded(a, { from, to, areas: ["lpo2"] })
    expect(one.map((c) => c.area)).toEqual(["lpo2"])
  })

  it("a second copy of recorded events (another writer, before merges) changes no figure", async () => {
    const from = new Date(START * 60_000),
      to = new Date((START + DAYS * 1440) * 60_000)
    const before = [
      await realVsSimulated(a, { from, to, runs: { scenarioId: "sc-1" } }),
      await headlineSplitRecorded(a, { from, to })
    ]
    await insertFeedEvents(a, storedRecorded())
    const after = [
      await realVsSimulated(a, { from, to, runs: { scenarioId: "sc-1" } }),
      await headlineSplitRecorded(a, { from, to })
    ]
    expect(after).toEqual(before)
  })

  it("runs through the input decoder the CLI and API use", async () => {
    expect(await runAnalyticsQuery(a, "survival", { scenario: "sc-1" })).toEqual(
      await lineTimeSurvival(a, { scenarioId: "sc-1" })
    )
    expect(
      await runAnalyticsQuery(a, "headline", { source: "simulated", scenario: "sc-1", version: 1, timeZone: ZONE })
    ).toEqual(await headlineSplitSimulated(a, { runs: { scenarioId: "sc-1", scenarioVersion: 1 }, timeZone: ZONE }))
    await expect(runAnalyticsQuery(a, "survival", { scenario: "sc-1' OR '1'='1" })).rejects.toThrow(AnalyticsInputError)
    await expect(runAnalyticsQuery(a, "interruptions", {})).rejects.toThrow(/scenario, sweep or runs/)
    // A hostile but valid-looking value is only ever a literal: it matches nothing, it breaks nothing.
    expect(await lineTimeSurvival(a, { scenarioId: "sc-1' OR '1'='1" })).toEqual([])
  })

  it("the headline split from simulated runs, pooled", async () => {
    const cells = await headlineSplitSimulated(a, { runs: { scenarioId: "sc-1", scenarioVersion: 1 }, timeZone: ZONE })
    const v1 = runs.filter((r) => r.info.scenarioVersion === 1)
    expect(cells.map((c) => c.area)).toEqual(AREAS)
    for (const c of cells) {
      const sum = (f: (t: RunResults["report"]["timeUse"]) => number) =>
        v1.reduce((s, r) => s + f(r.results.report.byArea[c.area]!.timeUse), 0)
      close(
        c.prio1Hours,
        sum((t) => t.prio1Hours)
      )
      close(
        c.totalHours,
        sum((t) => t.totalHours)
      )
      close(c.prio12Share, (sum((t) => t.prio1Hours) + sum((t) => t.prio2Hours)) / sum((t) => t.totalHours))
    }
  })
})
