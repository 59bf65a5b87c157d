import { selectRows, type Analytics } from "./client.js"
import { and, inList, sql } from "./sql.js"
import { table, TABLES, type TableKey } from "./tables.js"

/** A sweep point's settings: the varied paths and their values as text (JSON where the value is not text). */
export type SweepParams = ReadonlyArray<readonly [name: string, value: string]>

/** One replication of one point of a sweep. */
export interface SweepReplicationRow {
  readonly sweepId: string
  readonly scenario: string
  readonly point: number
  readonly replication: number
  readonly seed: number
  readonly params: SweepParams
  /** The replication's figures (dotted paths of the report); a figure not measured is left out. */
  readonly figures: ReadonlyArray<{ readonly kpi: string; readonly value: number }>
}

/** One point's summary over its replications, as the sweep's table shows it. */
export interface SweepPointRow {
  readonly sweepId: string
  readonly scenario: string
  readonly point: number
  readonly params: SweepParams
  readonly replications: number
  readonly metrics: ReadonlyArray<{
    readonly metric: string
    readonly mean: number | null
    readonly halfWidth: number | null
  }>
}

const now = () => Math.floor(Date.now() / 1000)

/** Of the given rows, those whose key is not stored yet (one query per sweep). */
const notStored = async <R extends { sweepId: string; point: number }>(
  a: Analytics,
  key: TableKey,
  rows: ReadonlyArray<R>,
  keyOf: (r: { point: number; replication?: number }) => string
): Promise<Array<R>> => {
  const out: Array<R> = []
  for (const sweepId of new Set(rows.map((r) => r.sweepId))) {
    const mine = rows.filter((r) => r.sweepId === sweepId)
    const columns = key === "sweepReplications" ? sql`point, replication` : sql`point`
    const stored = await selectRows<{ point: number; replication?: number }>(
      a,
      sql`SELECT ${columns} FROM ${table(a, key)} WHERE ${and([sql`sweep_id = ${sweepId}`, inList(sql`point`, [...new Set(mine.map((r) => r.point))])])}`
    )
    const have = new Set(
      stored.map((s) =>
        keyOf({
          point: Number(s.point),
          ...(s.replication === undefined ? {} : { replication: Number(s.replication) })
        })
      )
    )
    out.push(...mine.filter((r) => !have.has(keyOf(r))))
  }
  return out
}

const insert = (a: Analytics, key: TableKey, values: ReadonlyArray<Record<string, unknown>>) =>
  values.length === 0
    ? Promise.resolve()
    : a.client
        .insert({ table: `${a.database}.${TABLES[key]}`, values: [...values], format: "JSONEachRow" })
        .then(() => undefined)

/**
 * Stores replications of a sweep, each (sweep, point, replication) once: keys already stored are skipped, so a
 * sweep run again or a task a worker runs twice adds nothing. Returns how many rows it wrote.
 */
export const writeSweepReplications = async (
  a: Analytics,
  rows: ReadonlyArray<SweepReplicationRow>
): Promise<number> => {
  const fresh = await notStored(a, "sweepReplications", rows, (r) => `${r.point}/${r.replication}`)
  await insert(
    a,
    "sweepReplications",
    fresh.map((r) => ({
      sweep_id: r.sweepId,
      scenario: r.scenario,
      point: r.point,
      replication: r.replication,
      seed: r.seed,
      param_names: r.params.map(([n]) => n),
      param_values: r.params.map(([, v]) => v),
      kpis: r.figures.map((f) => f.kpi),
      kpi_values: r.figures.map((f) => f.value),
      written_at: now()
    }))
  )
  return fresh.length
}

/** Stores a sweep's point summaries, each (sweep, point) once. Returns how many rows it wrote. */
export const writeSweepPoints = async (a: Analytics, rows: ReadonlyArray<SweepPointRow>): Promise<number> => {
  const fresh = await notStored(a, "sweepPoints", rows, (r) => `${r.point}`)
  await insert(
    a,
    "sweepPoints",
    fresh.map((r) => ({
      sweep_id: r.sweepId,
      scenario: r.scenario,
      point: r.point,
      replications: r.replications,
      param_names: r.params.map(([n]) => n),
      param_values: r.params.map(([, v]) => v),
      metrics: r.metrics.map((m) => m.metric),
      means: r.metrics.map((m) => m.mean ?? 0),
      mean_measured: r.metrics.map((m) => (m.mean === null ? 0 : 1)),
      half_widths: r.metrics.map((m) => m.halfWidth ?? 0),
      half_width_measured: r.metrics.map((m) => (m.halfWidth === null ? 0 : 1)),
      written_at: now()
    }))
  )
  return fresh.length
}
