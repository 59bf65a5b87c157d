import type { StoredEvent } from "@igv/event-store"

/** The message value; the stream travels as the message key (which also picks the partition). */
interface WireEvent {
  id: string
  type: string
  version: number
  position: number
  occurredAt: string
  recordedAt: string
  schemaVersion: number
  payload: unknown
}

export function encodeEvent(event: StoredEvent): { key: string; value: string } {
  const wire: WireEvent = {
    id: event.id,
    type: event.type,
    version: event.version,
    position: Number(event.position),
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
    schemaVersion: event.schemaVersion,
    payload: event.payload
  }
  return { key: event.stream, value: JSON.stringify(wire) }
}

export function decodeEvent(key: Buffer | null, value: Buffer | null): StoredEvent {
  if (key === null || value === null) throw new Error("Event message without key or value: the topic holds foreign messages")
  const wire = JSON.parse(value.toString("utf8")) as WireEvent
  return {
    id: wire.id,
    type: wire.type,
    stream: key.toString("utf8"),
    version: wire.version,
    position: BigInt(wire.position),
    occurredAt: wire.occurredAt,
    recordedAt: wire.recordedAt,
    schemaVersion: wire.schemaVersion,
    payload: wire.payload
  }
}
