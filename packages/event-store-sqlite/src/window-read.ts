import type Database from "better-sqlite3"
import type { ReadWindowOptions, WindowCursor } from "@igv/event-store"

/** A row as selected here: the store's columns, then occurred_ms (the merge key, with position at 0). */
type Row = Array<unknown>
const MS = 9

const firstKey = (fromMs: number, after: WindowCursor | undefined): { ms: number; position: number } =>
  after === undefined || after.occurredMs < fromMs
    ? { ms: fromMs, position: 0 }
    : { ms: after.occurredMs, position: Number(after.position) }

export interface WindowReader {
  /** A function that returns the window's next page each call (empty at the end). */
  pages(options: ReadWindowOptions, pageSize: number): () => Row[]
}

/** One ordered run of the window through an index: keyset pages after (occurred_ms, position). */
interface Cursor {
  readonly next: (ms: number, position: number) => Row[]
  rows: Row[]
  at: number
  ms: number
  position: number
  done: boolean
}

/**
 * Windowed reads in event-time order: one run per type through `(type, occurred_ms)`, or with a stream through
 * `(stream, type, occurred_ms)`, merged here by (occurred_ms, position). The index order of every run is the
 * order wanted and every filter is in the index key, so no page sorts and no row outside the window is read.
 * Without types, the types present are found by skipping through the type index (one lookup per distinct type).
 */
export function windowReader(db: Database.Database, columns: string): WindowReader {
  const select = `SELECT ${columns}, occurred_ms FROM events`
  const keyset = "(occurred_ms, position) > (?, ?) AND occurred_ms < ? ORDER BY occurred_ms, position LIMIT ?"
  const byType = db.prepare(`${select} INDEXED BY events_type_time WHERE type = ? AND ${keyset}`).raw(true)
  const byStreamAndType = db
    .prepare(`${select} INDEXED BY events_stream_type_time WHERE stream = ? AND type = ? AND ${keyset}`)
    .raw(true)
  const types = db.prepare<[], { type: string }>(`
    WITH RECURSIVE t(type) AS (
      SELECT min(type) FROM events
      UNION ALL SELECT (SELECT min(type) FROM events WHERE type > t.type) FROM t WHERE t.type IS NOT NULL
    ) SELECT type FROM t WHERE type IS NOT NULL`)

  return {
    pages(options, storePageSize) {
      // A short page (`limit`) reads no more rows per run than it can return.
      const pageSize = Math.min(storePageSize, options.limit ?? storePageSize)
      const from = options.from ?? Number.MIN_SAFE_INTEGER,
        to = options.to ?? Number.MAX_SAFE_INTEGER
      if (options.types?.length === 0 || !(from < to) || options.limit === 0) return () => []
      // The first key is (ceil(from), 0): every row at `from` (positions start at 1) and after; or the resumed
      // page's cursor when it lies later.
      const start = firstKey(Math.ceil(from), options.after)
      const cursor = (next: Cursor["next"]): Cursor => ({
        next,
        rows: [],
        at: 0,
        ms: start.ms,
        position: start.position,
        done: false
      })
      const { stream } = options
      const cursors = [...new Set(options.types ?? types.all().map((r) => r.type))].map((type) =>
        cursor(
          stream === undefined
            ? (ms, position) => byType.all(type, ms, position, to, pageSize) as Row[]
            : (ms, position) => byStreamAndType.all(stream, type, ms, position, to, pageSize) as Row[]
        )
      )
      const head = (c: Cursor): Row | undefined => {
        if (c.at === c.rows.length) {
          if (c.done) return undefined
          c.rows = c.next(c.ms, c.position)
          c.at = 0
          if (c.rows.length < pageSize) c.done = true
          if (c.rows.length === 0) return undefined
        }
        return c.rows[c.at]
      }
      let remaining = options.limit ?? Number.POSITIVE_INFINITY
      return () => {
        const out: Row[] = []
        while (out.length < pageSize && remaining > 0) {
          let best: Cursor | undefined, bestRow: Row | undefined
          for (const c of cursors) {
            const row = head(c)
            if (
              row !== undefined &&
              (bestRow === undefined ||
                (row[MS] as number) < (bestRow[MS] as number) ||
                (row[MS] === bestRow[MS] && (row[0] as number) < (bestRow[0] as number)))
            ) {
              best = c
              bestRow = row
            }
          }
          if (best === undefined) break
          best.at++
          best.ms = bestRow![MS] as number
          best.position = bestRow![0] as number
          out.push(bestRow!)
          remaining--
        }
        return out
      }
    }
  }
}
