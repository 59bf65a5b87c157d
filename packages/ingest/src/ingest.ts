import { createReadStream } from "node:fs"
import { resolve } from "node:path"
import type { EventStore, NewEvent } from "@igv/event-store"
import { pseudonymiser, streamOf, toNewEvent, type Pseudonymiser } from "./feed-events.js"
import { DEFAULT_MAX_LINE_BYTES, splitLines, type FeedLine } from "./lines.js"
import { minimiseRejected, QUARANTINE_STREAM, toQuarantineEvent } from "./quarantine.js"
import { formatOf, rowDecoder, type FeedFormat, type RowOutcome } from "./records.js"

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

/**
 * Accumulates decoded rows and writes them in batches: one atomic append per stream per batch. A crash loses at
 * most the batch in flight, which a rerun writes again (ids are content hashes, so nothing is stored twice).
 */
export class FeedWriter {
  private readonly pending = new Map<string, NewEvent[]>()
  private pendingCount = 0
  private readonly pseudonyms: Pseudonymiser | undefined
  readonly counts: IngestCounts = emptyCounts()

  constructor(private readonly store: EventStore, private readonly options: IngestOptions) {
    this.pseudonyms = options.pseudonymKey === undefined ? undefined : pseudonymiser(options.pseudonymKey)
  }

  get batchSize(): number {
    return this.options.batchSize ?? DEFAULT_BATCH_SIZE
  }

  /** Takes one row outcome; resolves once any batch it completed is stored. */
  async add(outcome: RowOutcome, options: { readonly alreadyPseudonymised?: boolean } = {}): Promise<void> {
    if (outcome.kind === "skip") return
    this.counts.read += 1
    if (outcome.kind === "rejected") {
      const row = minimiseRejected(outcome.row, this.options.source, this.pseudonyms?.id)
      this.count(row.droppedFields)
      this.counts.quarantined += 1
      this.push(QUARANTINE_STREAM, toQuarantineEvent(row))
    } else {
      this.count(outcome.droppedFields)
      const event = this.pseudonyms === undefined || options.alreadyPseudonymised === true ? outcome.event : this.pseudonyms.event(outcome.event)
      this.push(streamOf(event), toNewEvent(event))
    }
    if (this.pendingCount >= this.batchSize) {
      await this.flush()
      this.options.onBatch?.(this.counts)
    }
  }

  async flush(): Promise<void> {
    const batches = [...this.pending]
    this.pending.clear()
    this.pendingCount = 0
    for (const [stream, events] of batches) {
      const result = await this.store.append(stream, events, "any")
      if (stream === QUARANTINE_STREAM) this.counts.alreadyQuarantined += result.duplicates
      else {
        this.counts.stored += result.appended
        this.counts.duplicates += result.duplicates
      }
    }
  }

  private push(stream: string, event: NewEvent): void {
    let list = this.pending.get(stream)
    if (list === undefined) this.pending.set(stream, (list = []))
    list.push(event)
    this.pendingCount += 1
  }

  private count(fields: ReadonlyArray<string>): void {
    for (const f of fields) this.counts.droppedFields[f] = (this.counts.droppedFields[f] ?? 0) + 1
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

/** Streams a feed file of any size into the store in constant memory. NDJSON, or CSV when the name ends in .csv. */
export function ingestFile(
  store: EventStore, path: string, options: Partial<IngestOptions> & { readonly onBytes?: (bytesRead: number) => void } = {}
): Promise<IngestSummary> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 })
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      yield chunk
      options.onBytes?.(stream.bytesRead)
    }
  }
  return ingestLines(store, splitLines(chunks(), maxLineBytes), {
    ...options,
    source: options.source ?? resolve(path),
    format: options.format ?? formatOf(path),
    maxLineBytes
  })
}
