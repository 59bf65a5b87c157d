import { isEventType, parseInstant } from "@igv/domain"
import type { StoredEvent } from "@igv/event-store"
import { tsvLine } from "./tsv.js"

/** One row of `feed_events`, in the JSONEachRow shape the table takes (DateTime as unix seconds). */
export interface FeedEventRow {
  readonly event_id: string
  readonly position: string
  readonly stream: string
  readonly type: string
  readonly occurred_at: number
  readonly recorded_at: number
  readonly area_id: string
  readonly incident_id: string
  readonly patrol_id: string
  readonly block_id: string
  readonly priority: number
  readonly schema_version: number
  readonly payload: string
}

/** Feed events are the RLC feed's fact types, whichever stream (an area's real feed or a run) carries them. */
export const isFeedEvent = (e: StoredEvent): boolean => isEventType(e.type)

const text = (v: unknown): string => (typeof v === "string" ? v : "")

// A store batch shares one recordedAt; parse it once.
let lastIso = ""
let lastSeconds: number | undefined

const unixSeconds = (iso: string): number | undefined => {
  if (iso === lastIso) return lastSeconds
  lastIso = iso
  lastSeconds = parseSeconds(iso)
  return lastSeconds
}

const parseSeconds = (iso: string): number | undefined => {
  const t = parseInstant(iso)
  if (t !== undefined) return Math.floor(t * 60)
  const ms = Date.parse(iso)
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined
}

/** Keys are the feed schema's (`area`, `incident`, `patrol`, `block`, `prio`); absent ones become '' / 0. */
export const feedEventRow = (e: StoredEvent): FeedEventRow => {
  const p = (typeof e.payload === "object" && e.payload !== null ? e.payload : {}) as Record<string, unknown>
  const recorded = unixSeconds(e.recordedAt) ?? 0
  const prio = p["prio"]
  // The feed's payload carries `t` (minutes since the epoch); occurredAt is the same instant as text.
  const t = p["t"]
  const occurred = typeof t === "number" && Number.isFinite(t) && t >= 0 ? Math.floor(t * 60) : unixSeconds(e.occurredAt) ?? recorded
  return {
    event_id: e.id,
    position: e.position.toString(),
    stream: e.stream,
    type: e.type,
    occurred_at: occurred,
    recorded_at: recorded,
    area_id: text(p["area"]),
    incident_id: text(p["incident"]),
    patrol_id: text(p["patrol"]),
    block_id: text(p["block"]),
    priority: prio === 1 || prio === 2 || prio === 3 ? prio : 0,
    schema_version: e.schemaVersion,
    payload: JSON.stringify(e.payload)
  }
}

/** feed_events columns in the order feedEventLine writes them. */
export const FEED_COLUMNS = [
  "event_id", "position", "stream", "type", "occurred_at", "recorded_at", "area_id", "incident_id", "patrol_id", "block_id",
  "priority", "schema_version", "payload"
] as const satisfies ReadonlyArray<keyof FeedEventRow>

/** The event as one TabSeparated line of FEED_COLUMNS. */
export const feedEventLine = (e: StoredEvent): string => {
  const r = feedEventRow(e)
  return tsvLine([r.event_id, r.position, r.stream, r.type, r.occurred_at, r.recorded_at, r.area_id, r.incident_id, r.patrol_id, r.block_id, r.priority, r.schema_version, r.payload])
}
