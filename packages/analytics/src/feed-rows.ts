import { isEventType, parseInstant } from "@igv/domain"
import type { StoredEvent } from "@igv/event-store"
import { Readable } from "node:stream"
import type { Analytics } from "./client.js"
import { TABLES } from "./tables.js"
import { tsvDateTime, tsvString } from "./tsv.js"

/** The columns of `feed_events`, in the order feedEventLine writes them. */
export const FEED_EVENT_COLUMNS = [
  "event_id",
  "position",
  "stream",
  "type",
  "occurred_at",
  "recorded_at",
  "area_id",
  "incident_id",
  "patrol_id",
  "block_id",
  "priority",
  "schema_version",
  "payload"
] as const

/** Feed events are the RLC feed's fact types, whichever stream (an area's real feed or a run) carries them. */
export const isFeedEvent = (e: StoredEvent): boolean => isEventType(e.type)

const MAX_DATETIME = 0xffffffff
const inDateTimeRange = (s: number | undefined): s is number => s !== undefined && s >= 0 && s <= MAX_DATETIME

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
  const fromT = typeof t === "number" && Number.isFinite(t) ? Math.floor(t * 60) : undefined
  if (inDateTimeRange(fromT)) return fromT
  const fromText = unixSeconds(e.occurredAt)
  return inDateTimeRange(fromText) ? fromText : recorded
}

/**
 * One `feed_events` row as a TabSeparated line (columns as FEED_EVENT_COLUMNS). Payload keys are the feed
 * schema's (`area`, `incident`, `patrol`, `block`, `prio`); absent ones become '' / 0. The payload column is the
 * store's own JSON text when it has one, so a sink forwards it without serialising it again.
 */
export const feedEventLine = (e: StoredEvent): string => {
  const p = payloadOf(e)
  const recordedAt = unixSeconds(e.recordedAt)
  const recorded = inDateTimeRange(recordedAt) ? recordedAt : 0
  return (
    `${tsvString(e.id)}\t${e.position}\t${tsvString(e.stream)}\t${tsvString(e.type)}\t` +
    `${tsvDateTime(occurredSeconds(e, p, recorded))}\t${tsvDateTime(recorded)}\t` +
    `${tsvString(text(p["area"]))}\t${tsvString(text(p["incident"]))}\t${tsvString(text(p["patrol"]))}\t${tsvString(text(p["block"]))}\t` +
    `${prioOf(p)}\t${e.schemaVersion}\t${tsvString(e.payloadJson ?? JSON.stringify(e.payload))}`
  )
}

/**
 * Feed rows as one part of an INSERT body: feedEventLine lines, each ending in a newline, already UTF-8. A sink
 * keeps its buffered rows in this form, off the JavaScript heap, instead of as many small strings.
 */
export interface FeedRowsChunk {
  readonly body: Buffer
  readonly rows: number
}

export const encodeFeedRows = (lines: ReadonlyArray<string>): FeedRowsChunk => ({
  body: Buffer.from(lines.length === 0 ? "" : `${lines.join("\n")}\n`, "utf8"),
  rows: lines.length
})

/** The same rows without those of the given event ids (a line's first field is its escaped id; no line holds a raw newline). */
export const withoutEvents = (
  chunks: ReadonlyArray<FeedRowsChunk>,
  eventIds: ReadonlySet<string>
): Array<FeedRowsChunk> => {
  const escapedIds = new Set([...eventIds].map(tsvString))
  const kept: Array<string> = []
  for (const chunk of chunks) {
    for (const line of chunk.body.toString("utf8").split("\n")) {
      if (line !== "" && !escapedIds.has(line.slice(0, line.indexOf("\t")))) kept.push(line)
    }
  }
  return kept.length === 0 ? [] : [encodeFeedRows(kept)]
}

/** Inserts the chunks as one INSERT (one HTTP body, which the server parses as a stream). */
export const insertFeedRows = async (a: Analytics, chunks: ReadonlyArray<FeedRowsChunk>): Promise<void> => {
  if (!chunks.some((c) => c.rows > 0)) return
  const r = await a.client.exec({
    query: `INSERT INTO ${a.database}.${TABLES.feedEvents} (${FEED_EVENT_COLUMNS.join(", ")}) FORMAT TabSeparated`,
    values: Readable.from(
      chunks.map((c) => c.body),
      { objectMode: false }
    )
  })
  r.stream.resume()
  await new Promise<void>((resolve, reject) => {
    r.stream.on("end", resolve)
    r.stream.on("error", reject)
  })
}

/** Inserts stored events as feed rows, whatever their type (tests and one-off loads; the sink batches its own). */
export const insertFeedEvents = (a: Analytics, events: ReadonlyArray<StoredEvent>): Promise<void> =>
  insertFeedRows(a, [encodeFeedRows(events.map(feedEventLine))])
