import { isEventType, parseInstant } from "@igv/domain"
import type { StoredEvent } from "@igv/event-store"

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

const payloadOf = (e: StoredEvent): Record<string, unknown> =>
  (typeof e.payload === "object" && e.payload !== null ? e.payload : {}) as Record<string, unknown>

const prioOf = (p: Record<string, unknown>): number => {
  const prio = p["prio"]
  return prio === 1 || prio === 2 || prio === 3 ? prio : 0
}

/** The feed's payload carries `t` (minutes since the epoch); occurredAt is the same instant as text. */
const occurredSeconds = (e: StoredEvent, p: Record<string, unknown>, recorded: number): number => {
  const t = p["t"]
  return typeof t === "number" && Number.isFinite(t) && t >= 0 ? Math.floor(t * 60) : unixSeconds(e.occurredAt) ?? recorded
}

/** Keys are the feed schema's (`area`, `incident`, `patrol`, `block`, `prio`); absent ones become '' / 0. */
export const feedEventRow = (e: StoredEvent): FeedEventRow => {
  const p = payloadOf(e)
  const recorded = unixSeconds(e.recordedAt) ?? 0
  return {
    event_id: e.id,
    position: e.position.toString(),
    stream: e.stream,
    type: e.type,
    occurred_at: occurredSeconds(e, p, recorded),
    recorded_at: recorded,
    area_id: text(p["area"]),
    incident_id: text(p["incident"]),
    patrol_id: text(p["patrol"]),
    block_id: text(p["block"]),
    priority: prioOf(p),
    schema_version: e.schemaVersion,
    payload: JSON.stringify(e.payload)
  }
}
