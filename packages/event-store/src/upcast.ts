import type { StoredEvent } from "./envelope.js"
import type { EventStore, SubscribeOptions } from "./store.js"

/** Turns a payload stored at schema version `n` into the payload of version `n + 1`. */
export type Upcaster = (payload: any) => unknown

/** `type -> (fromVersion -> upcaster)`. Old events stay as written; readers see them at the newest version. */
export type UpcasterRegistry = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>

/** Applies the registered upcasters one version step at a time until none is registered for the event's version. */
export function upcastEvent<P = unknown>(registry: UpcasterRegistry, event: StoredEvent): StoredEvent<P> {
  const steps = registry[event.type]
  if (steps === undefined) return event as StoredEvent<P>
  let { schemaVersion, payload } = event
  for (let step = steps[schemaVersion]; step !== undefined; step = steps[schemaVersion]) {
    payload = step(payload)
    schemaVersion += 1
  }
  if (schemaVersion === event.schemaVersion) return event as StoredEvent<P>
  // The stored text is the old payload's; drop it with the old payload.
  const { payloadJson: _stale, ...rest } = event
  return { ...rest, schemaVersion, payload: payload as P }
}

async function* upcastAll(registry: UpcasterRegistry, events: AsyncIterable<StoredEvent>): AsyncIterable<StoredEvent> {
  for await (const event of events) yield upcastEvent(registry, event)
}

/** Wraps a store so that every read and subscription delivers events upcast to their newest schema version. */
export function withUpcasting(store: EventStore, registry: UpcasterRegistry): EventStore {
  return {
    append: (stream, events, expected) => store.append(stream, events, expected),
    readStream: (stream, fromVersion) => upcastAll(registry, store.readStream(stream, fromVersion)),
    readAll: (options) => upcastAll(registry, store.readAll(options)),
    readWindow: (options) => upcastAll(registry, store.readWindow(options)),
    listStreams: (prefix) => store.listStreams(prefix),
    subscribe: (options: SubscribeOptions) =>
      store.subscribe({
        ...options,
        handler: (batch) => options.handler(batch.map((event) => upcastEvent(registry, event)))
      }),
    close: () => store.close()
  }
}
