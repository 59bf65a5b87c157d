/**
 * Shared workload for the event-store benchmarks (store-sqlite, store-kafka): BENCH_EVENTS feed envelopes
 * (default 1,000,000) over 20 area streams, appended in batches of BENCH_BATCH (default 1,000) events to one stream each,
 * then read back. Prints events/s for every phase.
 */
import type { EventStore, NewEvent } from "@igv/event-store"
import { benchEnvironment } from "@igv/test-env"

export const { events: EVENTS, batch: BATCH } = benchEnvironment()
export const AREAS = 20
const fmt = (n: number) => Math.round(n).toLocaleString("en-US")

const TAGS = ["IncidentRegistered", "PatrolDispatched", "PatrolOnScene", "PatrolCleared"] as const

/** Batch `b` of the workload: one area stream, BATCH envelopes with payloads shaped like the feed's events. */
export function batch(b: number, idPrefix = "ev"): { stream: string; events: NewEvent[] } {
  const area = b % AREAS
  const events: NewEvent[] = []
  const base = Date.UTC(2024, 0, 1) + b * BATCH * 30_000
  for (let i = 0; i < BATCH; i++) {
    const n = b * BATCH + i
    const incident = Math.floor(n / 4)
    events.push({
      id: `${idPrefix}-${n}`,
      type: TAGS[n % 4]!,
      occurredAt: new Date(base + i * 30_000).toISOString(),
      schemaVersion: 1,
      payload: {
        incident: `inc-${incident}`,
        area: `lpo${area}`,
        patrol: `lpo${area}/igv/${incident % 7}`,
        prio: 1 + (incident % 3),
        unitsNeeded: 1
      }
    })
  }
  return { stream: `area-lpo${area}`, events }
}

export interface Timing {
  /** Wall-clock ms. */
  readonly ms: number
  /** CPU ms this process used (user + system): on a busy shared machine wall time overstates the cost. */
  readonly cpuMs: number
}

export async function timed<T>(action: () => Promise<T>): Promise<Timing & { value: T }> {
  const cpu = process.cpuUsage()
  const started = performance.now()
  const value = await action()
  const used = process.cpuUsage(cpu)
  return { value, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }
}

export function report(label: string, count: number, timing: Timing): void {
  const { ms, cpuMs } = timing
  console.log(
    `${label.padEnd(44)} ${fmt(count).padStart(10)} events in ${(ms / 1000).toFixed(2).padStart(6)} s = ${fmt((count / ms) * 1000).padStart(9)} events/s` +
      `  (${fmt((count / cpuMs) * 1000)} events per CPU-second of this process)`
  )
}

/** Appends the whole workload with `concurrency` appenders (each awaits its own appends). */
export async function appendAll(
  store: EventStore,
  concurrency = 1,
  idPrefix = "ev"
): Promise<{ appended: number; duplicates: number }> {
  const batches = Math.ceil(EVENTS / BATCH)
  let next = 0
  let appended = 0
  let duplicates = 0
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let b = next++; b < batches; b = next++) {
        const { stream, events } = batch(b, idPrefix)
        const result = await store.append(stream, events)
        appended += result.appended
        duplicates += result.duplicates
      }
    })
  )
  return { appended, duplicates }
}

/** Reads everything back in global order, checking the order and the count. */
export async function readAllBack(store: EventStore, expected: number): Promise<void> {
  let count = 0
  let last = 0n
  for await (const event of store.readAll()) {
    if (event.position <= last) throw new Error(`readAll out of order at ${event.position}`)
    last = event.position
    count++
  }
  if (count !== expected) throw new Error(`readAll returned ${count} events, expected ${expected}`)
}

/** Catches a fresh subscription up from position 0 until it has seen `expected` events. */
export async function subscribeCatchUp(store: EventStore, expected: number): Promise<void> {
  let seen = 0
  let resolve!: () => void
  const caughtUp = new Promise<void>((r) => (resolve = r))
  const subscription = await store.subscribe({
    from: 0n,
    handler: async (batch) => {
      seen += batch.length
      if (seen >= expected) resolve()
    }
  })
  await Promise.race([caughtUp, subscription.done])
  await subscription.close()
  if (seen !== expected) throw new Error(`subscription saw ${seen} events, expected ${expected}`)
}
