import { createReadStream } from "node:fs"
import { Worker } from "node:worker_threads"
import { availableParallelism } from "node:os"
import { resolve } from "node:path"
import type { EventStore, NewEvent } from "@igv/event-store"
import { pseudonymiser, streamOf, toNewEvent, type Pseudonymiser } from "./feed-events.js"
import { DEFAULT_MAX_LINE_BYTES, splitLines, type FeedLine } from "./lines.js"
import { minimiseRejected, QUARANTINE_STREAM, toQuarantineEvent } from "./quarantine.js"
import type { WorkerJob, WorkerMessage } from "./ingest-worker.js"
import { fromWire } from "./worker-batch.js"
import { FeedHeaderError, formatOf, rowDecoder, type FeedFormat, type RowOutcome } from "./records.js"

export const DEFAULT_BATCH_SIZE = 2000

export interface IngestOptions {
  /** Recorded with every quarantined row: the file path or topic. */
  readonly source: string
  readonly format?: FeedFormat
  /** Events per store append (per stream, atomic). */
  readonly batchSize?: number
  readonly maxLineBytes?: number
  /** When set, incident ids are replaced by keyed HMAC-SHA256 pseudonyms before anything is stored. */
  readonly pseudonymKey?: string
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
  /** Fields outside the feed schema, dropped: count by field name (never the values). */
  droppedFields: Record<string, number>
}

export interface IngestSummary extends IngestCounts {
  readonly source: string
  readonly pseudonymised: boolean
  readonly elapsedMs: number
}

export const emptyCounts = (): IngestCounts => ({ read: 0, stored: 0, duplicates: 0, quarantined: 0, alreadyQuarantined: 0, droppedFields: {} })

export const balances = (c: IngestCounts): boolean => c.read === c.stored + c.duplicates + c.quarantined

/** Rows decoded into store appends, with what they count; nothing stored yet. */
export interface DecodedBatch {
  /** One atomic append per stream (the quarantine stream among them). */
  readonly groups: ReadonlyArray<readonly [string, ReadonlyArray<NewEvent>]>
  readonly read: number
  readonly quarantined: number
  readonly droppedFields: Readonly<Record<string, number>>
}

/** Groups row outcomes into batches of appends per stream; knows nothing of the store (it may run in a worker). */
export class FeedBatcher {
  private pending = new Map<string, NewEvent[]>()
  private pendingCount = 0
  private read = 0
  private quarantined = 0
  private droppedFields: Record<string, number> = {}
  private readonly pseudonyms: Pseudonymiser | undefined

  constructor(private readonly options: Pick<IngestOptions, "source" | "batchSize" | "pseudonymKey">) {
    this.pseudonyms = options.pseudonymKey === undefined ? undefined : pseudonymiser(options.pseudonymKey)
  }

  get batchSize(): number {
    return this.options.batchSize ?? DEFAULT_BATCH_SIZE
  }

  /** Takes one row outcome; returns a batch when one is full. */
  add(outcome: RowOutcome, options: { readonly alreadyPseudonymised?: boolean } = {}): DecodedBatch | undefined {
    if (outcome.kind === "skip") return undefined
    this.read += 1
    if (outcome.kind === "rejected") {
      const row = minimiseRejected(outcome.row, this.options.source, this.pseudonyms?.id)
      this.count(row.droppedFields)
      this.quarantined += 1
      this.push(QUARANTINE_STREAM, toQuarantineEvent(row))
    } else {
      this.count(outcome.droppedFields)
      const event = this.pseudonyms === undefined || options.alreadyPseudonymised === true ? outcome.event : this.pseudonyms.event(outcome.event)
      this.push(streamOf(event), toNewEvent(event))
    }
    return this.pendingCount >= this.batchSize ? this.take() : undefined
  }

  /** Whatever is pending, as a batch (possibly empty). */
  take(): DecodedBatch {
    const batch: DecodedBatch = { groups: [...this.pending], read: this.read, quarantined: this.quarantined, droppedFields: this.droppedFields }
    this.pending = new Map()
    this.pendingCount = 0
    this.read = 0
    this.quarantined = 0
    this.droppedFields = {}
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

/** Appends a batch, one atomic append per stream, and adds what happened to `counts`. */
export async function storeBatch(store: EventStore, batch: DecodedBatch, counts: IngestCounts): Promise<void> {
  for (const [stream, events] of batch.groups) {
    const result = await store.append(stream, events, "any")
    if (stream === QUARANTINE_STREAM) counts.alreadyQuarantined += result.duplicates
    else {
      counts.stored += result.appended
      counts.duplicates += result.duplicates
    }
  }
  counts.read += batch.read
  counts.quarantined += batch.quarantined
  for (const [f, n] of Object.entries(batch.droppedFields)) counts.droppedFields[f] = (counts.droppedFields[f] ?? 0) + n
}

/**
 * Decodes rows and writes them in batches: one atomic append per stream per batch. A crash loses at most the
 * batch in flight, which a rerun writes again (ids are content hashes, so nothing is stored twice).
 */
export class FeedWriter {
  private readonly batcher: FeedBatcher
  readonly counts: IngestCounts = emptyCounts()

  constructor(private readonly store: EventStore, private readonly options: IngestOptions) {
    this.batcher = new FeedBatcher(options)
  }

  get batchSize(): number {
    return this.batcher.batchSize
  }

  /** Takes one row outcome; resolves once any batch it completed is stored. */
  async add(outcome: RowOutcome, options: { readonly alreadyPseudonymised?: boolean } = {}): Promise<void> {
    const batch = this.batcher.add(outcome, options)
    if (batch !== undefined) {
      await storeBatch(this.store, batch, this.counts)
      this.options.onBatch?.(this.counts)
    }
  }

  async flush(): Promise<void> {
    await storeBatch(this.store, this.batcher.take(), this.counts)
  }
}

/** Ingests the lines of one feed (a file, stdin, a test's generator). */
export async function ingestLines(store: EventStore, lines: AsyncIterable<FeedLine>, options: IngestOptions): Promise<IngestSummary> {
  const started = performance.now()
  const writer = new FeedWriter(store, options)
  const decode = rowDecoder(options.format ?? formatOf(options.source), options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES)
  for await (const line of lines) await writer.add(decode(line))
  await writer.flush()
  return { ...writer.counts, source: options.source, pseudonymised: options.pseudonymKey !== undefined, elapsedMs: performance.now() - started }
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
 */
export const decodeInWorkerByDefault = (): boolean => {
  if (!import.meta.url.endsWith(".js")) return false
  const forced = process.env[DECODE_WORKER_ENV]
  if (forced === "1" || forced === "0") return forced === "1"
  return availableParallelism() >= 2
}

/** `IGV_DECODE_WORKER=1` or `0` overrides the choice (the tests run both paths through the CLI). */
export const DECODE_WORKER_ENV = "IGV_DECODE_WORKER"

/** Streams a feed file of any size into the store in constant memory. NDJSON, or CSV when the name ends in .csv. */
export function ingestFile(store: EventStore, path: string, options: IngestFileOptions = {}): Promise<IngestSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const resolved: IngestOptions = { ...options, source: options.source ?? resolve(path), format: options.format ?? formatOf(path), maxLineBytes }
  if (options.worker ?? decodeInWorkerByDefault()) return ingestFileInWorker(store, path, resolved, options.onBytes)
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk
      options.onBytes?.(stream.bytesRead)
    }
  }
  return ingestLines(store, splitLines(chunks(), maxLineBytes), resolved)
}

async function ingestFileInWorker(
  store: EventStore, path: string, options: IngestOptions, onBytes: ((bytesRead: number) => void) | undefined
): Promise<IngestSummary> {
  const started = performance.now()
  const job: WorkerJob = {
    path, source: options.source, format: options.format ?? formatOf(path), maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    ...(options.pseudonymKey === undefined ? {} : { pseudonymKey: options.pseudonymKey })
  }
  const worker = new Worker(new URL("./ingest-worker.js", import.meta.url), { workerData: job })
  const counts = emptyCounts()
  try {
    await new Promise<void>((resolvePromise, reject) => {
      // Batches are stored one at a time, in order; the worker decodes the next ones meanwhile.
      let chain = Promise.resolve()
      worker.on("error", reject)
      worker.on("exit", (code) => reject(new Error(`the ingest worker stopped (exit code ${code}) before the end of ${path}`)))
      worker.on("message", (message: WorkerMessage) => {
        chain = chain.then(async () => {
          if (message.kind === "batch") {
            await storeBatch(store, fromWire(message.batch), counts)
            worker.postMessage("ack")
            options.onBatch?.(counts)
            onBytes?.(message.bytesRead)
          } else if (message.kind === "done") resolvePromise()
          else {
            const error = message.name === "FeedHeaderError" ? new FeedHeaderError(message.message) : new Error(message.message)
            if (message.stack !== undefined) error.stack = message.stack
            reject(error)
          }
        }).catch(reject)
      })
    })
  } finally {
    await worker.terminate()
  }
  return { ...counts, source: options.source, pseudonymised: options.pseudonymKey !== undefined, elapsedMs: performance.now() - started }
}
