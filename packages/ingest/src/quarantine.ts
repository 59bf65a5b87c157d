import { createHash, randomUUID } from "node:crypto"
import { isUtf8 } from "node:buffer"
import { mkdirSync } from "node:fs"
import { dirname } from "node:path"
import Database from "better-sqlite3"
import { FEED_FIELDS, type FeedFormat } from "@igv/runner"
import type { InputIssue } from "@igv/domain"
import type { EventStore, NewEvent } from "@igv/event-store"
import { IncidentIndex } from "./incident-index.js"

/**
 * The quarantine: rows an ingest could not store, kept so they can be corrected, resubmitted or dropped for good.
 * Entries live in a SQLite table (beside the events of a SQLite store, or in a file of their own for Kafka) rather
 * than in the append-only event store, because dropping one must delete its content. What happens to entries
 * (resolved by a resubmission, dropped) is recorded in the store's `quarantine` stream, without their content.
 */
export const QUARANTINE_STREAM = "quarantine"

/** A row that could not become an event, before anything personal is removed from it. */
export interface RejectedRow {
  readonly line: number
  /** One sentence a person can act on; never quotes the row. */
  readonly reason: string
  readonly issues: ReadonlyArray<InputIssue>
  readonly format: FeedFormat
  /** The row's fields, when it could be split into them (a JSON object, or CSV cells named by the header). */
  readonly fields?: Readonly<Record<string, unknown>>
  /** The row's bytes when it could not be split at all (broken JSON or quoting, invalid UTF-8, over-long). */
  readonly bytes?: Buffer
  /** True when the fields' incident ids are pseudonyms already. */
  readonly pseudonymised?: boolean
}

/** What the quarantine keeps of a row. */
export interface QuarantinedRow {
  /** File path or topic the row came from. */
  readonly source: string
  /** The row's first line (or a Kafka message offset). */
  readonly line: number
  /** The schema's fields of the row (CSV with `csvHeader`, else JSON); or, for a row that cannot be split, its text. */
  readonly raw: string
  /** Exact bytes, base64, when `raw` cannot hold them (invalid UTF-8). */
  readonly rawBase64?: string
  readonly reason: string
  readonly issues: ReadonlyArray<InputIssue>
  /** CSV rows: the columns of `raw`, so a corrected row can be decoded again. */
  readonly csvHeader?: ReadonlyArray<string>
  /** Names of fields outside the feed schema that were removed (never their values). */
  readonly droppedFields: ReadonlyArray<string>
  /** True when incident ids in `raw` are pseudonyms (a resubmission must not hash them again). */
  readonly pseudonymised: boolean
  /** True when the row could not be split into fields, so `raw` is the row as read (at most its first 4 KiB). */
  readonly keptAsRead?: boolean
}

export interface QuarantineEntry extends QuarantinedRow {
  readonly quarantineId: string
  readonly quarantinedAt: string
}

export interface QuarantineResolved {
  readonly quarantineId: string
  readonly eventId: string
}

const INCIDENT_ID_FIELDS: ReadonlySet<string> = new Set(["id", "incident", "byIncident"])

const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value

/**
 * Keeps personal data out of the quarantine as far as the row can be read: of a row split into fields only the
 * feed schema's fields are kept (the others' names are counted) and, with a pseudonymiser, incident ids are
 * replaced. Only a row that cannot be split at all is kept as read.
 */
export function minimiseRejected(row: RejectedRow, source: string, pseudonym?: (id: string) => string): QuarantinedRow {
  const base = { source, line: row.line, reason: row.reason, issues: row.issues }
  if (row.fields === undefined) {
    const bytes = row.bytes ?? Buffer.alloc(0)
    return {
      ...base,
      raw: bytes.toString("utf8"),
      ...(isUtf8(bytes) ? {} : { rawBase64: bytes.toString("base64") }),
      droppedFields: [],
      pseudonymised: false,
      keptAsRead: true
    }
  }
  const hide = pseudonym === undefined || row.pseudonymised === true ? undefined : pseudonym
  const kept: Array<[string, unknown]> = []
  const droppedFields: string[] = []
  for (const [k, v] of Object.entries(row.fields)) {
    if (!FEED_FIELDS.has(k)) droppedFields.push(k)
    else
      kept.push([
        k,
        hide !== undefined && INCIDENT_ID_FIELDS.has(k) && typeof v === "string" && v.trim() !== "" ? hide(v) : v
      ])
  }
  const pseudonymised = hide !== undefined || row.pseudonymised === true
  if (row.format === "csv") {
    return {
      ...base,
      raw: kept.map(([, v]) => csvCell(String(v))).join(","),
      csvHeader: kept.map(([k]) => k),
      droppedFields,
      pseudonymised
    }
  }
  return { ...base, raw: JSON.stringify(Object.fromEntries(kept)), droppedFields, pseudonymised }
}

/** Same source, line and content: the same quarantine entry, so re-ingesting a file does not quarantine a row twice. */
export const quarantineIdOf = (row: QuarantinedRow): string =>
  `quarantine-${createHash("sha256")
    .update(`${row.source}\u0000${row.line}\u0000${row.rawBase64 ?? row.raw}`)
    .digest("hex")
    .slice(0, 40)}`

/** A quarantined row as it travels in an ingest batch (the store writer hands it to the quarantine). */
export const toQuarantineEvent = (row: QuarantinedRow): NewEvent<QuarantinedRow> => ({
  id: quarantineIdOf(row),
  type: "RowQuarantined",
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
  payload: row
})

export const toResolvedEvent = (resolved: QuarantineResolved): NewEvent<QuarantineResolved> => ({
  id: `resolved-${resolved.quarantineId}`,
  type: "QuarantineResolved",
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
  payload: resolved
})

/** The record of a drop: which entries, never what they held. */
export const toDroppedEvent = (
  quarantineIds: ReadonlyArray<string>
): NewEvent<{ readonly quarantineIds: ReadonlyArray<string> }> => ({
  id: `quarantine-drop-${randomUUID()}`,
  type: "QuarantineDropped",
  occurredAt: new Date().toISOString(),
  schemaVersion: 1,
  payload: { quarantineIds }
})

const SCHEMA = `
CREATE TABLE IF NOT EXISTS quarantine (
  seq            INTEGER PRIMARY KEY,
  id             TEXT    NOT NULL UNIQUE,
  open           INTEGER NOT NULL DEFAULT 1,
  quarantined_at TEXT    NOT NULL,
  entry          TEXT
);
CREATE INDEX IF NOT EXISTS quarantine_open ON quarantine (seq) WHERE open = 1;
`

type Row = { seq: number; id: string; quarantined_at: string; entry: string }

const entryOf = (r: Row): QuarantineEntry => ({
  ...(JSON.parse(r.entry) as QuarantinedRow),
  quarantineId: r.id,
  quarantinedAt: r.quarantined_at
})

export interface QuarantinePage {
  readonly entries: ReadonlyArray<QuarantineEntry>
  /** Pass as `after` for the next page; absent on the last. */
  readonly next?: number
}

/**
 * Open entries are the table's rows with `open = 1`, paged on a partial index. A resolved or dropped entry keeps
 * only its id (so a re-ingest of the same file does not bring it back) and loses its content.
 */
export class QuarantineStore {
  private readonly db: Database.Database
  /** The store's registered incident ids, kept in the same file (see `IncidentIndex`). */
  readonly incidents: IncidentIndex
  private readonly stmt: {
    insert: Database.Statement<[string, string, string]>
    page: Database.Statement<[number, number], Row>
    get: Database.Statement<[string], Row>
    close: Database.Statement<[string]>
    openIds: Database.Statement<[], { id: string }>
    count: Database.Statement<[], { n: number }>
  }

  constructor(path: string) {
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true })
    this.db = new Database(path)
    this.db.pragma("journal_mode = WAL")
    // As the SQLite store's connection: WAL commits in order survive a process crash; a power cut may lose the last.
    this.db.pragma("synchronous = NORMAL")
    this.db.pragma("busy_timeout = 10000")
    this.db.exec(SCHEMA)
    this.incidents = new IncidentIndex(this.db)
    this.stmt = {
      insert: this.db.prepare(
        "INSERT INTO quarantine (id, quarantined_at, entry) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"
      ),
      page: this.db.prepare(
        "SELECT seq, id, quarantined_at, entry FROM quarantine WHERE open = 1 AND seq > ? ORDER BY seq LIMIT ?"
      ),
      get: this.db.prepare("SELECT seq, id, quarantined_at, entry FROM quarantine WHERE id = ? AND open = 1"),
      close: this.db.prepare("UPDATE quarantine SET open = 0, entry = NULL WHERE id = ? AND open = 1"),
      openIds: this.db.prepare("SELECT id FROM quarantine WHERE open = 1 ORDER BY seq"),
      count: this.db.prepare("SELECT count(*) AS n FROM quarantine WHERE open = 1")
    }
  }

  /** Adds rows (idempotent by id); returns how many were there already. */
  add(rows: ReadonlyArray<{ readonly id: string; readonly row: QuarantinedRow }>): number {
    const now = new Date().toISOString()
    return this.db.transaction(() => {
      let already = 0
      for (const { id, row } of rows) already += 1 - this.stmt.insert.run(id, now, JSON.stringify(row)).changes
      return already
    })()
  }

  /** Open entries in the order they were quarantined, `limit` after the position `after`. */
  page(after: number, limit: number): QuarantinePage {
    const rows = this.stmt.page.all(after, limit + 1)
    const entries = rows.slice(0, limit).map(entryOf)
    return rows.length > limit ? { entries, next: rows[limit - 1]!.seq } : { entries }
  }

  get(id: string): QuarantineEntry | undefined {
    const r = this.stmt.get.get(id)
    return r === undefined ? undefined : entryOf(r)
  }

  openCount(): number {
    return this.stmt.count.get()!.n
  }

  /** Of these ids (or all), the ones that are open. */
  openOf(ids: ReadonlyArray<string> | "all"): string[] {
    return ids === "all"
      ? this.stmt.openIds.all().map((r) => r.id)
      : ids.filter((id) => this.stmt.get.get(id) !== undefined)
  }

  /** Closes entries for good (resolved or dropped): their content is deleted. */
  closeEntries(ids: ReadonlyArray<string>): void {
    this.db.transaction(() => {
      for (const id of ids) this.stmt.close.run(id)
    })()
  }

  close(): void {
    this.db.close()
  }
}

const registry = new WeakMap<EventStore, { path: string; opened?: QuarantineStore | undefined }>()

/** Ties a quarantine file to a store (done by `openStoreUrl`); it is opened on first use and closed with the store. */
export function attachQuarantine(store: EventStore, path: string): void {
  const slot: { path: string; opened?: QuarantineStore | undefined } = { path }
  registry.set(store, slot)
  const close = store.close.bind(store)
  store.close = async () => {
    slot.opened?.close()
    slot.opened = undefined
    await close()
  }
}

/** The quarantine of a store opened with `openStoreUrl`. */
export function quarantineOf(store: EventStore): QuarantineStore {
  const slot = registry.get(store)
  if (slot === undefined) throw new Error("this store has no quarantine attached: open it with openStoreUrl")
  return (slot.opened ??= new QuarantineStore(slot.path))
}

/** Every open entry, in the order quarantined. */
export async function openQuarantine(store: EventStore): Promise<QuarantineEntry[]> {
  const q = quarantineOf(store)
  const out: QuarantineEntry[] = []
  for (let page = q.page(0, 1000); ; page = q.page(page.next, 1000)) {
    out.push(...page.entries)
    if (page.next === undefined) return out
  }
}

/** Deletes entries for good and records which were dropped (ids only) in the store's quarantine stream. */
export async function dropQuarantine(
  store: EventStore,
  ids: ReadonlyArray<string> | "all"
): Promise<{ dropped: ReadonlyArray<string>; notOpen: ReadonlyArray<string> }> {
  const quarantine = quarantineOf(store)
  const dropped = quarantine.openOf(ids)
  // Recorded first: a crash in between leaves the entries open, and a second drop records them again.
  if (dropped.length > 0) await store.append(QUARANTINE_STREAM, [toDroppedEvent(dropped)], "any")
  quarantine.closeEntries(dropped)
  const done = new Set(dropped)
  return { dropped, notOpen: ids === "all" ? [] : ids.filter((id) => !done.has(id)) }
}
