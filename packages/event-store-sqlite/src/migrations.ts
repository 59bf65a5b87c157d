import type Database from "better-sqlite3"
import { occurredAtMillis } from "@igv/event-store"

/** Rows backfilled per statement while a migration rewrites an existing file. */
const BACKFILL_PAGE = 10_000

const hasColumn = (db: Database.Database, table: string, column: string): boolean =>
  db.prepare(`SELECT 1 FROM pragma_table_info('${table}') WHERE name = ?`).get(column) !== undefined

/**
 * The schema's history, applied in order to a file at an older `PRAGMA user_version` (0: the first schema,
 * created by SCHEMA). Each step runs once per file, in the same transaction as the version bump.
 */
const MIGRATIONS: ReadonlyArray<(db: Database.Database) => void> = [
  // 1: event time as milliseconds, indexed with the type and with the stream, so a window of event time is read
  // through an index instead of the whole table (history reports, a run's feed window).
  (db) => {
    if (!hasColumn(db, "events", "occurred_ms")) db.exec("ALTER TABLE events ADD COLUMN occurred_ms INTEGER")
    const page = db.prepare<[number, number], { position: number; occurred_at: string }>(
      "SELECT position, occurred_at FROM events WHERE position > ? ORDER BY position LIMIT ?"
    )
    const set = db.prepare<[number | null, number]>("UPDATE events SET occurred_ms = ? WHERE position = ?")
    for (let after = 0; ; ) {
      const rows = page.all(after, BACKFILL_PAGE)
      if (rows.length === 0) break
      for (const row of rows) set.run(occurredAtMillis(row.occurred_at) ?? null, row.position)
      after = rows[rows.length - 1]!.position
    }
    db.exec("CREATE INDEX IF NOT EXISTS events_type_time ON events (type, occurred_ms)")
    db.exec("CREATE INDEX IF NOT EXISTS events_stream_time ON events (stream, occurred_ms)")
  },
  // 2: the stream's index also keyed by type, so a window of one stream and some types is read as one run per
  // type in index order, like a window of types alone: a rare type in a busy stream costs its own rows only.
  (db) => {
    db.exec("DROP INDEX IF EXISTS events_stream_time")
    db.exec("CREATE INDEX IF NOT EXISTS events_stream_type_time ON events (stream, type, occurred_ms)")
  }
]

export const SCHEMA_VERSION = MIGRATIONS.length

/**
 * Brings the file to SCHEMA_VERSION. The version is read inside an IMMEDIATE transaction, so two processes
 * opening an old file at once migrate it once (the second waits for the lock, then finds it done).
 */
export function migrate(db: Database.Database): void {
  const version = () => db.pragma("user_version", { simple: true }) as number
  if (version() === SCHEMA_VERSION) return
  db.transaction(() => {
    const from = version()
    if (from > SCHEMA_VERSION) {
      throw new Error(
        `This store file has schema version ${from}, newer than this build knows (${SCHEMA_VERSION}); use a newer igv.`
      )
    }
    for (let v = from; v < SCHEMA_VERSION; v++) MIGRATIONS[v]!(db)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
}
