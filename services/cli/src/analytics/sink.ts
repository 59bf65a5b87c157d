import { readCheckpoint, startFeedSink, type Analytics } from "@igv/analytics"
import type { EventStore } from "@igv/event-store"

export interface SinkOutcome {
  readonly consumer: string
  /** The checkpoint the sink resumed from. */
  readonly from: string
  /** The checkpoint it left. */
  readonly position: string
  /** Feed rows this run inserted (store events that are not feed events move the position but add no row). */
  readonly written: number
}

/** Longest a catch-up may take (setTimeout's limit is ~24.8 days; a catch-up of any real size ends far sooner). */
const NO_DEADLINE_MS = 2_000_000_000

/** The store's last position after `from`, read through the store's only portable way: reading on to the end. */
const headAfter = async (store: EventStore, from: bigint): Promise<bigint> => {
  let head = from
  for await (const e of store.readAll({ from })) head = e.position
  return head
}

/** Writes everything stored up to now (from the sink's checkpoint on) and stops. */
export const sinkOnce = async (a: Analytics, store: EventStore, consumer: string): Promise<SinkOutcome> => {
  const from = await readCheckpoint(a, consumer)
  const head = await headAfter(store, from)
  const sink = await startFeedSink({ store, analytics: a, consumer })
  try {
    await sink.waitFor(head, NO_DEADLINE_MS)
  } finally {
    await sink.close()
  }
  return { consumer, from: from.toString(), position: sink.position().toString(), written: sink.written() }
}

/** Follows the store until `stop` resolves; `onProgress` hears the position now and then. */
export const sinkFollow = async (
  a: Analytics,
  store: EventStore,
  consumer: string,
  stop: Promise<void>,
  onProgress: (position: bigint, written: number) => void
): Promise<SinkOutcome> => {
  const from = await readCheckpoint(a, consumer)
  const sink = await startFeedSink({ store, analytics: a, consumer })
  let last = -1n
  let failed: (e: unknown) => void = () => undefined
  const failure = new Promise<never>((_, reject) => {
    failed = reject
  })
  const timer = setInterval(() => {
    // waitFor rejects at once when the sink has stopped on an error (an INSERT that failed every retry).
    sink.waitFor(0n, 1_000).catch(failed)
    if (sink.position() === last) return
    last = sink.position()
    onProgress(last, sink.written())
  }, 5_000)
  try {
    await Promise.race([stop, failure])
  } finally {
    clearInterval(timer)
    await sink.close()
  }
  return { consumer, from: from.toString(), position: sink.position().toString(), written: sink.written() }
}
