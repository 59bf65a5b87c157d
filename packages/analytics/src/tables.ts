import type { Analytics } from "./client.js"
import { Sql } from "./sql.js"

/** Every table this package reads or writes. Identifiers in SQL come only from here. */
export const TABLES = {
  migrations: "schema_migrations",
  feedEvents: "feed_events",
  sinkCheckpoints: "sink_checkpoints",
  runs: "runs",
  runKpis: "run_kpis",
  interruptions: "interruptions",
  segments: "segments",
  dispatches: "dispatches",
  sweepReplications: "sweep_replications",
  sweepPoints: "sweep_points"
} as const
export type TableKey = keyof typeof TABLES

/** `database.table` as trusted SQL. */
export const table = (a: Pick<Analytics, "db">, key: TableKey): Sql => new Sql(`${a.db.text}.${TABLES[key]}`)
