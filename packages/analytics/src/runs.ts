import { randomUUID } from "node:crypto"
import { combine, dispatchLog, interruptionLog, reportProjection, segmentLog } from "@igv/metrics"
import type {
  DispatchRecord,
  InterruptionRecord,
  MetricsReport,
  Projection,
  ReportSource,
  SegmentRecord
} from "@igv/metrics"
import { selectRows, type Analytics } from "./client.js"
import { sql } from "./sql.js"
import { table, TABLES, type TableKey } from "./tables.js"

/** Who a run was and what it was run with. */
export interface RunInfo {
  readonly runId: string
  readonly scenarioId: string
  readonly scenarioVersion: number
  /** The sweep this run belongs to, if any. */
  readonly sweepId?: string
  /** The sweep's varied parameters (and any others worth grouping by), e.g. { interruptBy: "1-2", reserve: 2 }. */
  readonly params?: Readonly<Record<string, string | number | boolean>>
  readonly seed: number | bigint
  /** The simulated window, minutes since the epoch (the domain's Instant). */
  readonly windowStart: number
  readonly windowEnd: number
  readonly finishedAt: Date
}

/** A finished run's report and logs, as the metrics projections produce them. */
export interface RunResults {
  readonly report: MetricsReport
  readonly interruptions: ReadonlyArray<InterruptionRecord>
  readonly segments: ReadonlyArray<SegmentRecord>
  readonly dispatches: ReadonlyArray<DispatchRecord>
}

/** Everything writeRunResults needs, in one pass over a run's events. */
export const runResultsProjection = (source: ReportSource): Projection<unknown, RunResults> =>
  combine({
    report: reportProjection(source),
    interruptions: interruptionLog,
    segments: segmentLog,
    dispatches: dispatchLog
  })

export interface KpiRow {
  readonly area: string
  readonly kpi: string
  readonly value: number
}

/**
 * The report's numeric figures as (area, dotted path, value): area '' for the whole run, else per area;
 * per tag as `byTag.<tag>.<figure>` under area ''. Histograms and per-hour arrays are left out (the
 * interruption and segment rows hold them in full).
 */
export const kpiRows = (report: MetricsReport): Array<KpiRow> => {
  const out: Array<KpiRow> = []
  const walk = (area: string, prefix: string, value: unknown) => {
    if (typeof value === "number") {
      if (Number.isFinite(value)) out.push({ area, kpi: prefix, value })
    } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(area, prefix === "" ? k : `${prefix}.${k}`, v)
    }
  }
  const { byArea, byTag, events, ...body } = report
  walk("", "", body)
  out.push({ area: "", kpi: "events", value: events })
  for (const [area, b] of Object.entries(byArea)) walk(area, "", b)
  for (const t of byTag) walk("", `byTag.${t.tag}`, { ...t, tag: undefined })
  return out
}

const seconds = (instant: number) => Math.floor(instant * 60)

export const runExists = async (a: Analytics, runId: string): Promise<boolean> => {
  const rows = await selectRows<{ n: string }>(
    a,
    sql`SELECT count() AS n FROM ${table(a, "runs")} WHERE run_id = ${runId}`
  )
  return Number(rows[0]?.n ?? 0) > 0
}

const insert = async (a: Analytics, key: TableKey, values: ReadonlyArray<Record<string, unknown>>) => {
  for (let i = 0; i < values.length; i += 100_000) {
    await a.client.insert({
      table: `${a.database}.${TABLES[key]}`,
      values: values.slice(i, i + 100_000),
      format: "JSONEachRow"
    })
  }
}

/**
 * Writes a finished run. Idempotent: a run already recorded is left as it is ("exists"). The `runs` row is
 * written last and names the attempt whose rows count, so rows left by an attempt that died half-way are
 * never read (queries keep only committed attempts) and a retry simply writes a complete new attempt.
 */
export const writeRunResults = async (
  a: Analytics,
  run: RunInfo,
  results: RunResults
): Promise<"written" | "exists"> => {
  if (await runExists(a, run.runId)) return "exists"
  const attempt = randomUUID()
  const common = {
    run_id: run.runId,
    attempt_id: attempt,
    scenario_id: run.scenarioId,
    scenario_version: run.scenarioVersion
  }
  const windowStart = seconds(run.windowStart)
  const params = Object.entries(run.params ?? {}).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
  await insert(
    a,
    "runKpis",
    kpiRows(results.report).map((k) => ({
      ...common,
      sweep_id: run.sweepId ?? "",
      window_start: windowStart,
      area_id: k.area,
      kpi: k.kpi,
      value: k.value
    }))
  )
  await insert(
    a,
    "interruptions",
    results.interruptions.map((r) => ({
      ...common,
      area_id: r.area,
      patrol_id: r.patrol,
      patrol_kind: r.patrolKind,
      block_id: r.block,
      tag: r.tag ?? "",
      incident_id: r.incident,
      priority: r.prio,
      at: seconds(r.t),
      lost_minutes: r.minutesLost
    }))
  )
  await insert(
    a,
    "segments",
    results.segments.map((s) => ({
      ...common,
      area_id: s.area,
      patrol_id: s.patrol,
      block_id: s.block,
      started_at: seconds(s.startT),
      ended_at: seconds(s.endT),
      minutes: s.minutes
    }))
  )
  await insert(
    a,
    "dispatches",
    results.dispatches.map((d) => ({
      ...common,
      area_id: d.area,
      incident_id: d.incident,
      priority: d.prio,
      patrol_id: d.patrol,
      registered_at: seconds(d.registeredT),
      dispatch_minutes: d.dispatchT - d.registeredT,
      arrived: d.arrivalT === undefined ? 0 : 1,
      arrival_minutes: d.arrivalT === undefined ? 0 : d.arrivalT - d.registeredT
    }))
  )
  await insert(a, "runs", [
    {
      ...common,
      sweep_id: run.sweepId ?? "",
      param_names: params.map(([k]) => k),
      param_values: params.map(([, v]) => String(v)),
      seed: run.seed.toString(),
      window_start: windowStart,
      window_end: seconds(run.windowEnd),
      finished_at: Math.floor(run.finishedAt.getTime() / 1000),
      events: results.report.events
    }
  ])
  return "written"
}
