import { createHash } from "node:crypto"
import { EVENT_SCHEMAS, INCIDENT_ROW_COLUMNS, splitCsvLine, type InputIssue } from "@igv/domain"
import type { EventStore, NewEvent } from "@igv/event-store"
import type { RejectedRow } from "./records.js"

/** Rejected rows live in the same store as the feed, in this stream, so they are backed up and replicated with it. */
export const QUARANTINE_STREAM = "quarantine"

export interface QuarantinedRow extends RejectedRow {
  /** File path or topic the row came from. */
  readonly source: string
  /** Names of fields outside the feed schema that were removed from `raw` (never their values). */
  readonly droppedFields: ReadonlyArray<string>
  /** True when incident ids in `raw` were already replaced by pseudonyms (a resubmission must not hash them again). */
  readonly pseudonymised: boolean
}

export interface QuarantineEntry extends QuarantinedRow {
  readonly quarantineId: string
  readonly quarantinedAt: string
}

export interface QuarantineResolved {
  readonly quarantineId: string
  readonly eventId: string
}

const ROW_FIELDS: ReadonlySet<string> = new Set([
  "type", "at", ...INCIDENT_ROW_COLUMNS,
  ...Object.values(EVENT_SCHEMAS).flatMap((s) => Object.keys(s.fields))
])
const INCIDENT_ID_FIELDS = ["id", "incident", "byIncident"]

const csvCell = (value: string): string => (/[",\r\n]/.test(value) || value.trim() !== value ? `"${value.replace(/"/g, '""')}"` : value)

/**
 * Keeps personal data out of the quarantine as far as the row can be read: fields outside the feed schema are
 * removed (their names are counted) and, with a pseudonymiser, incident ids are replaced. Text that is not a
 * JSON object or a CSV row of the header's width cannot be told apart and is kept as read.
 */
export function minimiseRejected(row: RejectedRow, source: string, pseudonym?: (id: string) => string): QuarantinedRow {
  const base = { ...row, source, droppedFields: [] as string[], pseudonymised: false }
  if (row.rawBase64 !== undefined) return base
  const hide = (key: string, value: unknown): unknown =>
    pseudonym !== undefined && INCIDENT_ID_FIELDS.includes(key) && typeof value === "string" && value.trim() !== "" ? pseudonym(value) : value
  if (row.csvHeader !== undefined) {
    const cells = splitCsvLine(row.raw)
    if (cells.length !== row.csvHeader.length) return base
    const keep = row.csvHeader.map((h, i) => [h, i] as const).filter(([h]) => ROW_FIELDS.has(h))
    return {
      ...base,
      raw: keep.map(([h, i]) => csvCell(String(hide(h, cells[i]!)))).join(","),
      csvHeader: keep.map(([h]) => h),
      droppedFields: row.csvHeader.filter((h) => !ROW_FIELDS.has(h)),
      pseudonymised: pseudonym !== undefined
    }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(row.raw)
  } catch {
    return base
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return base
  const kept: Record<string, unknown> = {}
  const droppedFields: string[] = []
  for (const [k, v] of Object.entries(parsed)) {
    if (ROW_FIELDS.has(k)) kept[k] = hide(k, v)
    else droppedFields.push(k)
  }
  return { ...base, raw: JSON.stringify(kept), droppedFields, pseudonymised: pseudonym !== undefined }
}

/** Same source, line and content: the same quarantine entry, so re-ingesting a file does not quarantine a row twice. */
export const quarantineIdOf = (row: QuarantinedRow): string =>
  `quarantine-${createHash("sha256").update(`${row.source}\u0000${row.line}\u0000${row.rawBase64 ?? row.raw}`).digest("hex").slice(0, 40)}`

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

/** Entries not yet resolved by a resubmission, in the order they were quarantined. */
export async function openQuarantine(store: EventStore): Promise<QuarantineEntry[]> {
  const entries = new Map<string, QuarantineEntry>()
  for await (const e of store.readStream(QUARANTINE_STREAM)) {
    if (e.type === "RowQuarantined") entries.set(e.id, { ...(e.payload as QuarantinedRow), quarantineId: e.id, quarantinedAt: e.recordedAt })
    else if (e.type === "QuarantineResolved") entries.delete((e.payload as QuarantineResolved).quarantineId)
  }
  return [...entries.values()]
}

export const issueText = (issues: ReadonlyArray<InputIssue>): string =>
  issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`)).join("; ")
