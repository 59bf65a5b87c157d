import { command, selectRows, type Analytics } from "./client.js"
import { sql, Sql } from "./sql.js"
import { table } from "./tables.js"

/**
 * DDL kept to what ClickHouse 18.16 and current releases both accept: `ENGINE = X PARTITION BY ... ORDER BY ...`
 * (not the deprecated `MergeTree(date, key, 8192)` form), no LowCardinality / DateTime64 / Map / Nullable,
 * no skipping indexes. Every statement is `IF NOT EXISTS`, so a migration cut off half-way can simply run again.
 */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly statements: (a: Pick<Analytics, "db">) => ReadonlyArray<Sql>
}

/** Columns every run-derived table carries, so queries filter by scenario without a join. */
const runColumns = `run_id String, attempt_id String, scenario_id String, scenario_version UInt32`

export const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: "feed events and sink checkpoints",
    statements: (a) => [
      // ReplacingMergeTree: a replayed event (same id, hence same type/time/key) collapses on merge; the sink also checks explicitly.
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "feedEvents").text} (
        event_id String, position UInt64, stream String, type String,
        occurred_at DateTime, recorded_at DateTime,
        area_id String, incident_id String, patrol_id String, block_id String, priority UInt8,
        schema_version UInt16, payload String
      ) ENGINE = ReplacingMergeTree(position) PARTITION BY toYYYYMM(occurred_at) ORDER BY (type, occurred_at, event_id)`),
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "sinkCheckpoints").text} (
        consumer String, position UInt64, events_written UInt64, updated_at DateTime
      ) ENGINE = ReplacingMergeTree(position) ORDER BY consumer`)
    ]
  },
  {
    version: 2,
    name: "runs, KPIs, interruptions, segments, dispatches",
    statements: (a) => [
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "runs").text} (
        ${runColumns}, sweep_id String, param_names Array(String), param_values Array(String), seed UInt64,
        window_start DateTime, window_end DateTime, finished_at DateTime, events UInt64
      ) ENGINE = ReplacingMergeTree(finished_at) PARTITION BY toYYYYMM(window_start) ORDER BY (scenario_id, run_id)`),
      // area_id '' is the whole run; kpi is a dotted path into the run report, e.g. "lineTime.survival".
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "runKpis").text} (
        ${runColumns}, sweep_id String, window_start DateTime, area_id String, kpi String, value Float64
      ) ENGINE = MergeTree PARTITION BY toYYYYMM(window_start) ORDER BY (scenario_id, kpi, area_id, run_id)`),
      // lost_minutes: planned block time the interruption cost (until resumed, else until the block's planned end).
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "interruptions").text} (
        ${runColumns}, area_id String, patrol_id String, patrol_kind String, block_id String, tag String,
        incident_id String, priority UInt8, at DateTime, lost_minutes Float64
      ) ENGINE = MergeTree PARTITION BY toYYYYMM(at) ORDER BY (scenario_id, area_id, priority, at)`),
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "segments").text} (
        ${runColumns}, area_id String, patrol_id String, block_id String,
        started_at DateTime, ended_at DateTime, minutes Float64
      ) ENGINE = MergeTree PARTITION BY toYYYYMM(started_at) ORDER BY (scenario_id, area_id, started_at)`),
      // One row per incident that got a patrol: its first dispatch and first arrival, minutes after registration.
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "dispatches").text} (
        ${runColumns}, area_id String, incident_id String, priority UInt8, patrol_id String,
        registered_at DateTime, dispatch_minutes Float64, arrived UInt8, arrival_minutes Float64
      ) ENGINE = MergeTree PARTITION BY toYYYYMM(registered_at) ORDER BY (scenario_id, area_id, priority, registered_at)`)
    ]
  },
  {
    version: 3,
    name: "sweep replications and point summaries",
    statements: (a) => [
      // Keyed (sweep, point, replication): the writer skips keys already stored, and a copy left by two writers racing collapses on merge.
      // kpis/kpi_values: the replication's whole-run figures (a figure not measured is absent).
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "sweepReplications").text} (
        sweep_id String, scenario String, point UInt32, replication UInt32, seed Int64,
        param_names Array(String), param_values Array(String), kpis Array(String), kpi_values Array(Float64), written_at DateTime
      ) ENGINE = ReplacingMergeTree(written_at) ORDER BY (sweep_id, point, replication)`),
      // The sweep's table: per metric its mean and 95 % half-width; *_measured 0 where the figure is not measured (its value then 0).
      new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "sweepPoints").text} (
        sweep_id String, scenario String, point UInt32, param_names Array(String), param_values Array(String), replications UInt32,
        metrics Array(String), means Array(Float64), mean_measured Array(UInt8), half_widths Array(Float64), half_width_measured Array(UInt8),
        written_at DateTime
      ) ENGINE = ReplacingMergeTree(written_at) ORDER BY (sweep_id, point)`)
    ]
  }
]

export interface MigrationResult {
  readonly applied: ReadonlyArray<number>
  readonly alreadyApplied: ReadonlyArray<number>
}

export const appliedVersions = async (a: Analytics): Promise<Array<number>> => {
  const rows = await selectRows<{ version: number }>(
    a,
    sql`SELECT DISTINCT version FROM ${table(a, "migrations")} ORDER BY version`
  )
  return rows.map((r) => Number(r.version))
}

/** Brings the database to the latest schema. Safe to run any number of times, also after a crash mid-way. */
export const migrate = async (
  a: Analytics,
  migrations: ReadonlyArray<Migration> = MIGRATIONS
): Promise<MigrationResult> => {
  await command(a, sql`CREATE DATABASE IF NOT EXISTS ${a.db}`)
  await command(
    a,
    new Sql(`CREATE TABLE IF NOT EXISTS ${table(a, "migrations").text} (
    version UInt32, name String, applied_at DateTime
  ) ENGINE = ReplacingMergeTree(applied_at) ORDER BY version`)
  )
  const done = new Set(await appliedVersions(a))
  const known = new Set(migrations.map((m) => m.version))
  const unknown = [...done].filter((v) => !known.has(v))
  if (unknown.length > 0) {
    throw new Error(
      `database ${a.database} has schema version(s) ${unknown.join(", ")} that this build does not know; upgrade igv before writing to it`
    )
  }
  const applied: Array<number> = []
  for (const m of [...migrations].sort((x, y) => x.version - y.version)) {
    if (done.has(m.version)) continue
    for (const statement of m.statements(a)) await command(a, statement)
    await a.client.insert({
      table: `${a.database}.schema_migrations`,
      values: [{ version: m.version, name: m.name, applied_at: Math.floor(Date.now() / 1000) }],
      format: "JSONEachRow"
    })
    applied.push(m.version)
  }
  return { applied, alreadyApplied: [...done].sort((x, y) => x - y) }
}
