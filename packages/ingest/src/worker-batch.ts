import type { NewEvent } from "@igv/event-store"
import type { DecodedBatch } from "./ingest.js"

/**
 * A decoded batch as it crosses from the decode worker to the thread that writes the store: per stream, the
 * events' fields in one string, separated by U+0000. Passing one string per stream costs a copy; each payload is
 * serialised once, in the worker, and the store writes that text without decoding and re-encoding it.
 */
export interface WireBatch {
  readonly groups: ReadonlyArray<readonly [stream: string, fields: string]>
  readonly read: number
  readonly quarantined: number
  readonly droppedFields: Readonly<Record<string, number>>
  /** Structured-cloned as they are: incident ids may hold any character, U+0000 too. */
  readonly registrations: DecodedBatch["registrations"]
}

const SEPARATOR = "\u0000"
/** id, type, occurredAt, schemaVersion, payload text. */
const FIELDS_PER_EVENT = 5

/** JSON text never holds a raw U+0000 (JSON.stringify escapes it); the other fields are checked. */
const plain = (field: string, what: string): string => {
  if (field.includes(SEPARATOR))
    throw new Error(`an event's ${what} holds U+0000, which cannot cross to the store writer: ${JSON.stringify(field)}`)
  return field
}

export const toWire = (batch: DecodedBatch): WireBatch => ({
  read: batch.read,
  registrations: batch.registrations,
  quarantined: batch.quarantined,
  droppedFields: batch.droppedFields,
  groups: batch.groups.map(([stream, events]) => {
    const fields = new Array<string>(events.length * FIELDS_PER_EVENT)
    let k = 0
    for (const e of events) {
      fields[k++] = plain(e.id, "id")
      fields[k++] = plain(e.type, "type")
      fields[k++] = plain(e.occurredAt, "occurredAt")
      fields[k++] = String(e.schemaVersion)
      fields[k++] = e.payloadJson ?? JSON.stringify(e.payload)
    }
    return [stream, fields.join(SEPARATOR)] as const
  })
})

/** An event that arrived as text: its payload object is decoded only if a store asks for it (SQLite never does). */
class SerialisedEvent implements NewEvent {
  constructor(
    readonly id: string,
    readonly type: string,
    readonly occurredAt: string,
    readonly schemaVersion: number,
    readonly payloadJson: string
  ) {}

  get payload(): unknown {
    return JSON.parse(this.payloadJson)
  }
}

export const fromWire = (wire: WireBatch): DecodedBatch => ({
  read: wire.read,
  registrations: wire.registrations,
  quarantined: wire.quarantined,
  droppedFields: wire.droppedFields,
  groups: wire.groups.map(([stream, text]) => {
    const fields = text === "" ? [] : text.split(SEPARATOR)
    const events: Array<NewEvent> = []
    for (let k = 0; k < fields.length; k += FIELDS_PER_EVENT) {
      events.push(
        new SerialisedEvent(fields[k]!, fields[k + 1]!, fields[k + 2]!, Number(fields[k + 3]), fields[k + 4]!)
      )
    }
    return [stream, events] as const
  })
})
