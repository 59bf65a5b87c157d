import { createReadStream } from "node:fs"
import { Worker } from "node:worker_threads"
import { availableParallelism } from "node:os"
import { resolve } from "node:path"
import { encodeFeedEvent, formatUtc, type IgvEvent } from "@igv/domain"
import type { EventStore, NewEvent } from "@igv/event-store"
import { CONFLICTING_ID, FeedFormatError, MAX_RECORD_BYTES, readFeed } from "@igv/runner"
import { pseudonymiser, streamOf, toNewEvent, type Pseudonymiser } from "./feed-events.js"
import {
  minimiseRejected,
  QUARANTINE_STREAM,
  quarantineIdOf,
  quarantineOf,
  toQuarantineEvent,
  type QuarantinedRow,
  type QuarantineStore
} from "./quarantine.js"
import type { Registration } from "./incident-index.js"
import type { WorkerJob, WorkerMessage } from "./ingest-worker.js"
import { fromWire } from "./worker-batch.js"
import { decodeFeedRow, type RowOutcome } from "./records.js"

export const DEFAULT_BATCH_SIZE = 2000

export interface IngestOptions {
  /** Recorded with every quarantined row: the file path or topic. */
  readonly source: string
  /** Events per store append (per stream, atomic). */
  readonly batchSize?: number
  readonly maxRecordBytes?: number
  /** Where rejected rows go; default: the quarantine of a store opened with `openStoreUrl`. */
  readonly quarantine?: QuarantineStore
  /** When set, incident ids are replaced by keyed HMAC-SHA256 pseudonyms before anything is stored. */
  readonly pseudonymKey?: string
  /** Timestamps without an offset are local times in this zone (see `FeedReadOptions`); else quarantined. */
  readonly localTimeZone?: string
  /** Called after each stored batch. */
  readonly onBatch?: (counts: IngestCounts) => void
}

/** read = stored + duplicates + quarantined, always. */
export interface IngestCounts {
  /** Rows read (blank lines and a CSV header are not rows). */
  read: number
  /** New events written to the store. */
  stored: number
  /** Events the store already held (a re-ingest, or the same row twice). */
  duplicates: number
  /** Rows that could not become events; each is in the quarantine stream. */
  quarantined: number
  /** Of `quarantined`: rows already in the quarantine from an earlier run. */
  alreadyQuarantined: number
  /** Fields outside the feed schema, dropped: count by field name (never the values); a null-prototype map. */
  droppedFields: Record<string, number>
}

export interface IngestSummary extends IngestCounts {
  readonly source: string
  readonly pseudonymised: boolean
  readonly elapsedMs: number
}

/** Field names are a feed's, so counts go into a map without a prototype (`constructor` is a name like any other). */
export const fieldCounts = (): Record<string, number> => Object.create(null) as Record<string, number>

export const addFieldCounts = (into: Record<string, number>, from: Readonly<Record<string, number>>): void => {
  for (const [f, n] of Object.entries(from)) into[f] = (into[f] ?? 0) + n
}

export const emptyCounts = (): IngestCounts => ({
  read: 0,
  stored: 0,
  duplicates: 0,
  quarantined: 0,
  alreadyQuarantined: 0,
  droppedFields: fieldCounts()
})

export const balances = (c: IngestCounts): boolean => c.read === c.stored + c.duplicates + c.quarantined

/** Rows decoded into store appends, with what they count; nothing stored yet. */
export interface DecodedBatch {
  /** One atomic append per stream (the quarantine stream among them). */
  readonly groups: ReadonlyArray<readonly [string, ReadonlyArray<NewEvent>]>
  readonly read: number
  readonly quarantined: number
  readonly droppedFields: Readonly<Record<string, number>>
  /** The batch's incident registrations, checked against the store's incident index before they are appended. */
  readonly registrations: ReadonlyArray<LinedRegistration>
}

export interface LinedRegistration extends Registration {
  readonly line: number
}

/** Where a batch's rows came from, for the quarantine entries of registrations the store refuses. */
export interface BatchSource {
  readonly source: string
  readonly pseudonymised: boolean
}

/** A registration whose incident id is registered earlier with other content: quarantined with schema fields only. */
const conflictRow = (event: IgvEvent, line: number, earlier: string, from: BatchSource): QuarantinedRow => {
  const reason = `${CONFLICTING_ID} (${earlier})`
  return minimiseRejected(
    {
      line,
      format: "ndjson",
      reason,
      issues: [{ path: "incident", message: reason }],
      fields: encodeFeedEvent(event, formatUtc),
      pseudonymised: from.pseudonymised
    },
    from.source
  )
}

/** Groups row outcomes into batches of appends per stream; knows nothing of the store (it may run in a worker). */
export class FeedBatcher {
  private pending = new Map<string, NewEvent[]>()
  private pendingCount = 0
  private read = 0
  private quarantined = 0
  private droppedFields = fieldCounts()
  private registrations: LinedRegistration[] = []
  private readonly pseudonyms: Pseudonymiser | undefined
  /**
   * Incident id -> the end of its registration's event id and its line: a second registration with other
   * content is a conflict, not a second incident. Held for one ingest (about 50 bytes an incident).
   */
  private readonly registered = new Map<string, string>()

  constructor(private readonly options: Pick<IngestOptions, "source" | "batchSize" | "pseudonymKey">) {
    this.pseudonyms = options.pseudonymKey === undefined ? undefined : pseudonymiser(options.pseudonymKey)
  }

  get batchSize(): number {
    return this.options.batchSize ?? DEFAULT_BATCH_SIZE
  }

  /** Takes one row outcome; returns a batch when one is full. */
  add(outcome: RowOutcome): DecodedBatch | undefined {
    this.read += 1
    if (outcome.kind === "rejected")
      this.quarantine(minimiseRejected(outcome.row, this.options.source, this.pseudonyms?.id))
    else {
      this.count(outcome.droppedFields)
      const event = this.pseudonyms === undefined ? outcome.event : this.pseudonyms.event(outcome.event)
      const stored = toNewEvent(event)
      const conflict =
        event._tag === "IncidentRegistered" ? this.register(event.incident, stored.id, outcome.line) : undefined
      if (conflict !== undefined) {
        this.quarantine(
          conflictRow(event, outcome.line, `line ${conflict}`, {
            source: this.options.source,
            pseudonymised: this.pseudonyms !== undefined
          })
        )
      } else {
        if (event._tag === "IncidentRegistered")
          this.registrations.push({ incident: event.incident, eventId: stored.id, line: outcome.line })
        this.push(streamOf(event), stored)
      }
    }
    return this.pendingCount >= this.batchSize ? this.take() : undefined
  }

  /** The line of an earlier registration of this incident with other content, if any. */
  private register(incident: string, eventId: string, line: number): number | undefined {
    const mark = eventId.slice(-16)
    const seen = this.registered.get(incident)
    if (seen === undefined) {
      this.registered.set(incident, `${mark}:${line}`)
      return undefined
    }
    return seen.startsWith(mark) ? undefined : Number(seen.slice(17))
  }

  private quarantine(row: QuarantinedRow): void {
    this.count(row.droppedFields)
    this.quarantined += 1
    this.push(QUARANTINE_STREAM, toQuarantineEvent(row))
  }

  /** Whatever is pending, as a batch (possibly empty). */
  take(): DecodedBatch {
    const batch: DecodedBatch = {
      groups: [...this.pending],
      read: this.read,
      quarantined: this.quarantined,
      droppedFields: this.droppedFields,
      registrations: this.registrations
    }
    this.pending = new Map()
    this.registrations = []
    this.pendingCount = 0
    this.read = 0
    this.quarantined = 0
    this.droppedFields = fieldCounts()
    return batch
  }

  private push(stream: string, event: NewEvent): void {
    let list = this.pending.get(stream)
    if (list === undefined) this.pending.set(stream, (list = []))
    list.push(event)
    this.pendingCount += 1
  }

  private count(fields: ReadonlyArray<string>): void {
    for (const f of fields) this.droppedFields[f] = (this.droppedFields[f] ?? 0) + 1
  }
}

/**
 * Appends a batch, one atomic append per stream (quarantined rows to the quarantine), and adds what happened to
 * `counts`. Before a stream's append its registrations claim their incident ids in the store's incident index: one
 * whose id an earlier ingest registered with other content is quarantined instead of stored.
 */
export async function storeBatch(
  store: EventStore,
  quarantine: QuarantineStore,
  batch: DecodedBatch,
  counts: IngestCounts,
  from: BatchSource
): Promise<void> {
  const index = quarantine.incidents
  if (batch.registrations.length > 0) await index.ready(store)
  const registrations = new Map(batch.registrations.map((r) => [r.eventId, r]))
  const conflicts: QuarantinedRow[] = []
  for (const [stream, events] of batch.groups) {
    if (stream === QUARANTINE_STREAM) {
      counts.alreadyQuarantined += quarantine.add(events.map((e) => ({ id: e.id, row: e.payload as QuarantinedRow })))
      continue
    }
    const claiming = registrations.size === 0 ? [] : events.flatMap((e) => registrations.get(e.id) ?? [])
    const { result, conflicts: refused } = await index.appendClaiming(store, stream, events, claiming)
    for (const e of refused.size === 0 ? [] : events) {
      const holder = refused.get(e.id)
      if (holder !== undefined)
        conflicts.push(conflictRow(e.payload as IgvEvent, registrations.get(e.id)!.line, `event ${holder}`, from))
    }
    counts.stored += result.appended
    counts.duplicates += result.duplicates
  }
  if (conflicts.length > 0)
    counts.alreadyQuarantined += quarantine.add(conflicts.map((row) => ({ id: quarantineIdOf(row), row })))
  counts.read += batch.read
  counts.quarantined += batch.quarantined + conflicts.length
  addFieldCounts(counts.droppedFields, batch.droppedFields)
}

/**
 * Decodes rows and writes them in batches: one atomic append per stream per batch. A crash loses at most the
 * batch in flight, which a rerun writes again (ids are content hashes, so nothing is stored twice).
 */
export class FeedWriter {
  private readonly batcher: FeedBatcher
  private readonly quarantine: QuarantineStore
  private readonly from: BatchSource
  readonly counts: IngestCounts = emptyCounts()

  constructor(
    private readonly store: EventStore,
    private readonly options: IngestOptions
  ) {
    this.batcher = new FeedBatcher(options)
    this.quarantine = options.quarantine ?? quarantineOf(store)
    this.from = { source: options.source, pseudonymised: options.pseudonymKey !== undefined }
  }

  get batchSize(): number {
    return this.batcher.batchSize
  }

  /** Takes one row outcome; resolves once any batch it completed is stored. */
  async add(outcome: RowOutcome): Promise<void> {
    const batch = this.batcher.add(outcome)
    if (batch !== undefined) {
      await storeBatch(this.store, this.quarantine, batch, this.counts, this.from)
      this.options.onBatch?.(this.counts)
    }
  }

  async flush(): Promise<void> {
    await storeBatch(this.store, this.quarantine, this.batcher.take(), this.counts, this.from)
  }
}

/**
 * Ingests the bytes of one feed (a file, a request body, a test's generator), NDJSON or CSV as its content says.
 * Rejects with FeedFormatError, before anything is stored, when the input is neither.
 */
export async function ingestBytes(
  store: EventStore,
  chunks: AsyncIterable<Buffer | string>,
  options: IngestOptions
): Promise<IngestSummary> {
  const started = performance.now()
  const reading = await readFeed(chunks, options)
  const writer = new FeedWriter(store, options)
  for await (const row of reading.rows) await writer.add(decodeFeedRow(row, reading.format))
  await writer.flush()
  return {
    ...writer.counts,
    source: options.source,
    pseudonymised: options.pseudonymKey !== undefined,
    elapsedMs: performance.now() - started
  }
}

export type IngestFileOptions = Partial<IngestOptions> & {
  readonly onBytes?: (bytesRead: number) => void
  /** Decode in a worker thread beside the store writes (default: `decodeInWorkerByDefault()`). */
  readonly worker?: boolean
}

/**
 * Decodes files in a worker thread beside the store writes when the machine has a second core: it overlaps
 * reading, decoding, hashing and serialising payloads with the inserts (batches cross threads as flat string arrays).
 * Workers load the built .js; under a TypeScript test runner the sources are .ts and decoding stays in-thread.
 * The CLI passes `IGV_DECODE_WORKER` (its `decodeWorker` setting) as `worker` when it is set.
 */
export const decodeInWorkerByDefault = (): boolean => import.meta.url.endsWith(".js") && availableParallelism() >= 2

/** Streams a feed file of any size into the store in constant memory: NDJSON or CSV, as its content says. */
export function ingestFile(store: EventStore, path: string, options: IngestFileOptions = {}): Promise<IngestSummary> {
  const resolved: IngestOptions = {
    ...options,
    source: options.source ?? resolve(path),
    maxRecordBytes: options.maxRecordBytes ?? MAX_RECORD_BYTES
  }
  if (options.worker ?? decodeInWorkerByDefault()) return ingestFileInWorker(store, path, resolved, options.onBytes)
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk
      options.onBytes?.(stream.bytesRead)
    }
  }
  return ingestBytes(store, chunks(), resolved)
}

async function ingestFileInWorker(
  store: EventStore,
  path: string,
  options: IngestOptions,
  onBytes: ((bytesRead: number) => void) | undefined
): Promise<IngestSummary> {
  const started = performance.now()
  const quarantine = options.quarantine ?? quarantineOf(store)
  const from: BatchSource = { source: options.source, pseudonymised: options.pseudonymKey !== undefined }
  const job: WorkerJob = {
    path,
    source: options.source,
    maxRecordBytes: options.maxRecordBytes ?? MAX_RECORD_BYTES,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.pseudonymKey === undefined ? {} : { pseudonymKey: options.pseudonymKey }),
    ...(options.localTimeZone === undefined ? {} : { localTimeZone: options.localTimeZone })
  }
  const worker = new Worker(new URL("./ingest-worker.js", import.meta.url), { workerData: job })
  const counts = emptyCounts()
  try {
    await new Promise<void>((resolvePromise, reject) => {
      // Batches are stored one at a time, in order; the worker decodes the next ones meanwhile.
      let chain = Promise.resolve()
      worker.on("error", reject)
      worker.on("exit", (code) =>
        reject(new Error(`the ingest worker stopped (exit code ${code}) before the end of ${path}`))
      )
      worker.on("message", (message: WorkerMessage) => {
        chain = chain
          .then(async () => {
            if (message.kind === "batch") {
              await storeBatch(store, quarantine, fromWire(message.batch), counts, from)
              worker.postMessage("ack")
              options.onBatch?.(counts)
              onBytes?.(message.bytesRead)
            } else if (message.kind === "done") resolvePromise()
            else {
              const error =
                message.name === "FeedFormatError" ? new FeedFormatError(message.message) : new Error(message.message)
              if (message.stack !== undefined) error.stack = message.stack
              reject(error)
            }
          })
          .catch(reject)
      })
    })
  } finally {
    await worker.terminate()
  }
  return {
    ...counts,
    source: options.source,
    pseudonymised: options.pseudonymKey !== undefined,
    elapsedMs: performance.now() - started
  }
}
