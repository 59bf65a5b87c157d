import { createHmac, hash } from "node:crypto"
import { EVENT_SCHEMAS, formatUtc, type IgvEvent } from "@igv/domain"
import type { NewEvent, StoredEvent } from "@igv/event-store"
import { areaOfEvent } from "./window.js"

/** Schema version of feed-event payloads written by this package. */
export const FEED_SCHEMA_VERSION = 1

/** Events that name no area and no patrol (only an incident) go here; replay orders by event time, so the stream only partitions. */
export const UNPLACED_STREAM = "area-unplaced"

/**
 * The stream a feed event belongs to: `area-<areaId>`. Events that carry an area use it; dispatch, shift-end
 * and planned-block events use their patrol's area, the first segment of the slot id (`lpo1/igv/3` -> `lpo1`),
 * as the domain names patrol slots. So one area's incidents, dispatches, shifts and blocks share a stream
 * (and a Kafka partition).
 */
export function streamOf(event: IgvEvent): string {
  const area = areaOfEvent(event)
  return area === undefined ? UNPLACED_STREAM : `area-${area}`
}

const FIELDS: ReadonlyMap<string, ReadonlyArray<string>> = new Map(
  Object.entries(EVENT_SCHEMAS).map(([type, schema]) => [
    type,
    Object.keys(schema.fields).filter((k) => k !== "_tag" && k !== "t")
  ])
)

/** The event's values in the schema's field order, whatever order its keys were built in. */
const canonical = (event: IgvEvent): string => {
  const record = event as unknown as Record<string, unknown>
  const values: unknown[] = [event._tag, event.t]
  for (const f of FIELDS.get(event._tag) ?? []) values.push(record[f] ?? null)
  return JSON.stringify(values)
}

/**
 * The event's id is a hash of the event itself (type, instant and every field), so the same fact read twice,
 * from the same file, a re-export or a live topic, is stored once; the same instant written with another
 * offset is the same fact. The hash is prefixed with the event's minute in hex, so ids of a feed in rough time
 * order are inserted near each other in the store's id index (a random key per row makes big ingests slow).
 */
export const eventIdOf = (event: IgvEvent): string =>
  `feed-${Math.max(0, Math.floor(event.t)).toString(16).padStart(8, "0")}-${hash("sha256", canonical(event), "hex").slice(0, 32)}`

/** Payload is the in-memory event itself (`_tag`, `t` in minutes since the epoch, and its fields). */
export const toNewEvent = (event: IgvEvent): NewEvent<IgvEvent> => ({
  id: eventIdOf(event),
  type: event._tag,
  // UTC ("Z" is the offset): Intl-based local formatting costs more than the rest of the ingest per event.
  occurredAt: formatUtc(event.t),
  schemaVersion: FEED_SCHEMA_VERSION,
  payload: event
})

/** The domain event a stored feed event holds; undefined for other stored events (quarantine, runs). */
export const feedEventOf = (stored: StoredEvent): IgvEvent | undefined => {
  if (!FIELDS.has(stored.type)) return undefined
  const payload = stored.payload as IgvEvent
  return payload._tag === stored.type ? payload : ({ ...payload, _tag: stored.type } as IgvEvent)
}

/**
 * Replaces external incident ids with a keyed HMAC-SHA256, so the store holds no raw identifiers while the same
 * incident still gets the same pseudonym in every file and on every run with the same key.
 */
export interface Pseudonymiser {
  readonly id: (incidentId: string) => string
  readonly event: (event: IgvEvent) => IgvEvent
}

export function pseudonymiser(key: string): Pseudonymiser {
  const cache = new Map<string, string>()
  const pseudonym = (id: string): string => {
    let p = cache.get(id)
    if (p === undefined) {
      p = `p-${createHmac("sha256", key).update(id).digest("hex").slice(0, 32)}`
      if (cache.size > 100_000) cache.clear()
      cache.set(id, p)
    }
    return p
  }
  const event = (e: IgvEvent): IgvEvent => {
    // Task and time-around-jobs events name a call only sometimes (`incident`, `byIncident` optional).
    const incident = "incident" in e ? e.incident : undefined
    const byIncident = "byIncident" in e ? e.byIncident : undefined
    if (incident === undefined && byIncident === undefined) return e
    const out: Record<string, unknown> = { ...e }
    if (incident !== undefined) out["incident"] = pseudonym(incident)
    if (byIncident !== undefined) out["byIncident"] = pseudonym(byIncident)
    return out as unknown as IgvEvent
  }
  return { id: pseudonym, event }
}

export const PSEUDONYM_KEY_ENV = "IGV_PSEUDONYM_KEY"
