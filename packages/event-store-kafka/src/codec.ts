import type { StoredEvent } from "@igv/event-store"

/**
 * One Kafka record carries a run of consecutive events of one stream (one append, or a chunk of a large one):
 * kafkajs spends far more CPU per record than JSON does per event, so packing events multiplies throughput,
 * and an append of up to RECORD_EVENTS events is a single record, atomic by construction.
 * The value is a JSON array of wire events; the stream travels as the record key (which also picks the partition).
 */
export const RECORD_EVENTS = 1_000

/** An event as stored in a record (the stream is the record key). */
export interface WireEvent {
  id: string
  type: string
  version: number
  position: number
  occurredAt: string
  recordedAt: string
  schemaVersion: number
  payload: unknown
}

/** Events of one stream, in version order, as records of at most RECORD_EVENTS events each. */
export function encodeRecords(
  stream: string,
  events: ReadonlyArray<WireEvent>
): Array<{ key: string; value: string; count: number }> {
  const records = []
  for (let i = 0; i < events.length; i += RECORD_EVENTS) {
    const chunk = events.slice(i, i + RECORD_EVENTS)
    records.push({ key: stream, value: JSON.stringify(chunk), count: chunk.length })
  }
  return records
}

export function decodeRecord(key: Buffer | null, value: Buffer | null): StoredEvent[] {
  if (key === null || value === null) throw new Error("Record without key or value: the topic holds foreign messages")
  const stream = key.toString("utf8")
  const wire = JSON.parse(value.toString("utf8")) as WireEvent[]
  return wire.map((w) => ({
    id: w.id,
    type: w.type,
    stream,
    version: w.version,
    position: BigInt(w.position),
    occurredAt: w.occurredAt,
    recordedAt: w.recordedAt,
    schemaVersion: w.schemaVersion,
    payload: w.payload
  }))
}
