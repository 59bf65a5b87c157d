import { kpiRows, writeSweepPoints, writeSweepReplications, type Analytics, type SweepParams } from "@igv/analytics"
import type { MetricsReport } from "@igv/metrics"
import { valueText, type SweepRow, type SweepTask } from "@igv/research"
import { replicationSeed } from "@igv/runner"

const paramsOf = (values: Readonly<Record<string, unknown>>): SweepParams =>
  Object.entries(values).map(([k, v]) => [k, valueText(v)] as const)

/** The replication's whole-run figures (per-area and histogram figures stay out, as in run_kpis' area ''). */
const wholeRunFigures = (report: MetricsReport) =>
  kpiRows(report)
    .filter((k) => k.area === "")
    .map(({ kpi, value }) => ({ kpi, value }))

export interface StoredSweep {
  readonly sweepId: string
  readonly scenario: string
  readonly seed: number
}

/** A point's replications (replication r on replicationSeed(seed, r)), each stored once. Returns how many were new. */
export const storePointReplications = (
  a: Analytics,
  s: StoredSweep,
  point: number,
  values: Readonly<Record<string, unknown>>,
  reports: ReadonlyArray<MetricsReport>
): Promise<number> =>
  writeSweepReplications(
    a,
    reports.map((report, replication) => ({
      sweepId: s.sweepId,
      scenario: s.scenario,
      point,
      replication,
      seed: replicationSeed(s.seed, replication),
      params: paramsOf(values),
      figures: wholeRunFigures(report)
    }))
  )

/** A worker's one replication, stored once under the sweep's id the task carries. */
export const storeTaskReport = (
  a: Analytics,
  task: SweepTask & { record: NonNullable<SweepTask["record"]> },
  report: MetricsReport
): Promise<number> =>
  writeSweepReplications(a, [
    {
      sweepId: task.record.sweepId,
      scenario: task.record.scenario,
      point: task.point,
      replication: task.replication,
      seed: task.seed,
      params: paramsOf(task.record.values),
      figures: wholeRunFigures(report)
    }
  ])

/** The sweep's table, one row per point, each stored once. */
export const storeSweepPoints = (
  a: Analytics,
  s: StoredSweep,
  metrics: ReadonlyArray<string>,
  rows: ReadonlyArray<SweepRow>
): Promise<number> =>
  writeSweepPoints(
    a,
    rows.map((r) => ({
      sweepId: s.sweepId,
      scenario: s.scenario,
      point: r.point,
      params: paramsOf(r.values),
      replications: r.replications,
      metrics: metrics.map((metric) => ({
        metric,
        mean: r.metrics[metric]!.mean,
        halfWidth: r.metrics[metric]!.halfWidth
      }))
    }))
  )
