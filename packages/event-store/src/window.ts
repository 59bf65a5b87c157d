import type { StoredEvent } from "./envelope.js"
import type { ReadWindowOptions, WindowCursor } from "./store.js"

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/

/** An event's `occurredAt` in milliseconds since the epoch; undefined unless it is ISO 8601 with an offset (or Z). */
export const occurredAtMillis = (occurredAt: string): number | undefined => {
  if (!ISO_INSTANT.test(occurredAt)) return undefined
  const ms = Date.parse(occurredAt)
  return Number.isFinite(ms) ? ms : undefined
}

/** The test `readWindow` applies (all but `limit`), for backends that filter as they scan. */
export const windowFilter = (options: ReadWindowOptions): ((event: StoredEvent) => boolean) => {
  const types = options.types === undefined ? undefined : new Set(options.types)
  const from = options.from ?? -Infinity,
    to = options.to ?? Infinity,
    after = options.after
  return (event) => {
    if (options.stream !== undefined && event.stream !== options.stream) return false
    if (types !== undefined && !types.has(event.type)) return false
    const ms = occurredAtMillis(event.occurredAt)
    return ms !== undefined && ms >= from && ms < to && (after === undefined || isAfter(ms, event.position, after))
  }
}

/** Whether an event at (ms, position) comes after the cursor in a window's order. */
export const isAfter = (ms: number, position: bigint, cursor: WindowCursor): boolean =>
  ms > cursor.occurredMs || (ms === cursor.occurredMs && position > cursor.position)
