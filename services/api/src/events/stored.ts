import { Schema } from "effect"
import { decodeWith } from "@igv/domain"
import type { NewEvent, StoredEvent } from "@igv/event-store"

/**
 * The service's own events (runs, scenarios) are Schema `TaggedStruct`s carrying `at`, as the feed's carry `t`.
 * In the store the tag is the event's `type`, `at` its `occurredAt`, and the rest its payload.
 */
type Tagged = { readonly _tag: string; readonly at: string }

/** A stored event that is not one its stream may hold: named by stream and version, never read as something else. */
export class UnreadableStoredEvent extends Error {
  constructor(
    readonly stream: string,
    readonly version: number,
    readonly type: string,
    detail: string
  ) {
    super(`stored event ${stream} version ${version} (type ${type}) cannot be read: ${detail}`)
  }
}

export const storedEvents = <S extends Schema.Codec<Tagged, Tagged>>(schema: S) => {
  type A = S["Type"]
  const decode = decodeWith(schema, { onExcessProperty: "error", pathText: (path) => path.join(".") })
  const encode = Schema.encodeSync(schema)
  return {
    /** The event as appended; `id` must be unique in the store (appending an id again is a no-op). */
    toNew: (id: string, event: A): NewEvent => {
      const { _tag, ...payload } = encode(event)
      return { id, type: _tag, occurredAt: event.at, schemaVersion: 1, payload }
    },
    /** Decodes a stored event; throws UnreadableStoredEvent for an unknown type or a malformed payload. */
    fromStored: (e: StoredEvent): A => {
      const payload = typeof e.payload === "object" && e.payload !== null ? e.payload : {}
      const decoded = decode({ at: e.occurredAt, ...payload, _tag: e.type })
      if (decoded.ok) return decoded.value
      throw new UnreadableStoredEvent(
        e.stream,
        e.version,
        e.type,
        decoded.issues.map((i) => `${i.path || "(event)"}: ${i.message}`).join("; ")
      )
    }
  }
}
