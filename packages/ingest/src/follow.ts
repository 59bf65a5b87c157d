import type { Consumer } from "kafkajs"
import { kafkaClient, parseKafkaUrl, withAdmin } from "@igv/event-store-kafka"
import type { EventStore } from "@igv/event-store"
import { MAX_RECORD_BYTES, ndjsonLineRow, splitLines, withLocalTimes } from "@igv/runner"
import { addFieldCounts, emptyCounts, FeedWriter, type IngestCounts } from "./ingest.js"
import { decodeFeedRow } from "./records.js"

export interface FollowOptions {
  /** `kafka://host:port/topic`: a live RLC feed topic whose messages are NDJSON feed rows (one or more lines each). */
  readonly from: string
  /** Consumer group; its committed offsets are where a restarted follow resumes. Default `igv-ingest-<topic>`. */
  readonly group?: string
  readonly pseudonymKey?: string
  readonly maxRecordBytes?: number
  /** Timestamps without an offset are local times in this zone (see `FeedReadOptions`); else quarantined. */
  readonly localTimeZone?: string
  /** Called after each stored and committed batch. */
  readonly onBatch?: (counts: IngestCounts) => void
}

export interface Follower {
  readonly counts: IngestCounts
  /** Stops consuming after the batch in hand is stored and committed. */
  stop(): Promise<void>
  /** Settles when the follower stops: resolves after stop(), rejects if it failed for good. */
  readonly done: Promise<void>
}

async function* bytesOf(value: Buffer | null): AsyncGenerator<Buffer> {
  if (value !== null) yield value
}

/**
 * Consumes a live feed topic into the store. Each message's rows are decoded like a file's (bad rows to the
 * quarantine, named `topic#partition` at the message offset), and a batch's offsets are committed only after its
 * events are stored: a crash or broker outage redelivers at most uncommitted batches, which store nothing twice
 * (content-hash ids) and quarantine nothing twice (same source, offset and text).
 */
export async function followFeed(store: EventStore, options: FollowOptions): Promise<Follower> {
  const { brokers, topic } = parseKafkaUrl(options.from)
  const groupId = options.group ?? `igv-ingest-${topic}`
  const kafka = kafkaClient("igv-ingest-follow", brokers, { retries: 25, initialRetryTime: 300, maxRetryTime: 5_000 })
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES
  const totals: IngestCounts = emptyCounts()
  const add = (c: IngestCounts) => {
    totals.read += c.read
    totals.stored += c.stored
    totals.duplicates += c.duplicates
    totals.quarantined += c.quarantined
    totals.alreadyQuarantined += c.alreadyQuarantined
    addFieldCounts(totals.droppedFields, c.droppedFields)
  }

  let settle: { resolve: () => void; reject: (e: unknown) => void } | undefined
  const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }))
  let consumer: Consumer | undefined

  const start = async (): Promise<void> => {
    const c = kafka.consumer({
      groupId,
      retry: { retries: 25, initialRetryTime: 300, maxRetryTime: 5_000, restartOnFailure: async () => true }
    })
    c.on(c.events.CRASH, (e) => {
      if (e.payload.restart === false) settle?.reject(e.payload.error)
    })
    consumer = c
    await c.connect()
    await c.subscribe({ topic, fromBeginning: true })
    await c.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }) => {
        const source = `kafka://${brokers.join(",")}/${topic}#${batch.partition}`
        // One writer per batch: its counts are what this batch stored; nothing is pending across batches.
        const writer = new FeedWriter(store, {
          source,
          ...(options.pseudonymKey === undefined ? {} : { pseudonymKey: options.pseudonymKey })
        })
        let seen = 0
        for (const message of batch.messages) {
          if (!isRunning() || isStale()) break
          // A row's "line" is its message's offset (rows of one message share it and differ in their text).
          const offset = Number(message.offset)
          for await (const line of splitLines(bytesOf(message.value), maxRecordBytes)) {
            const row = ndjsonLineRow({ ...line, line: offset }, maxRecordBytes)
            if (row === undefined) continue
            const read = options.localTimeZone === undefined ? row : withLocalTimes(row, options.localTimeZone)
            await writer.add(decodeFeedRow(read, "ndjson"))
          }
          if (++seen % 500 === 0) await heartbeat()
        }
        await writer.flush()
        // Counted once stored, before the commit: a commit whose answer is lost in a broker outage may still have
        // happened, so the rows might never come again. If it did not happen they come again as duplicates, and
        // the counts still balance (read counts deliveries).
        add(writer.counts)
        options.onBatch?.(totals)
        const last = batch.messages.length === 0 ? undefined : batch.messages[batch.messages.length - 1]!.offset
        if (last !== undefined && isRunning() && !isStale()) {
          resolveOffset(last)
          await commitOffsetsIfNecessary({
            topics: [{ topic, partitions: [{ partition: batch.partition, offset: (BigInt(last) + 1n).toString() }] }]
          })
        }
        await heartbeat()
      }
    })
  }

  await start()
  return {
    counts: totals,
    done,
    stop: async () => {
      await consumer?.disconnect()
      settle?.resolve()
    }
  }
}

/**
 * Publishes feed rows to a topic (created with `partitions` if missing), one row per message, as an RLC system would (demos, load tests, and the tests
 * of --follow). Keys spread the rows over the topic's partitions.
 */
export async function publishFeedLines(
  topicUrl: string,
  lines: Iterable<string>,
  options: { readonly batch?: number; readonly partitions?: number } = {}
): Promise<number> {
  const { brokers, topic } = parseKafkaUrl(topicUrl)
  const kafka = kafkaClient("igv-feed-publisher", brokers, { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 })
  // A no-op when the topic exists; brokers may not create topics on first write.
  await withAdmin(kafka, (admin) =>
    admin.createTopics({ topics: [{ topic, numPartitions: options.partitions ?? 3 }], waitForLeaders: true })
  )
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  let sent = 0,
    batch: Array<{ key: string; value: string }> = []
  try {
    for (const value of lines) {
      batch.push({ key: String(sent++ % 16), value })
      if (batch.length >= (options.batch ?? 1000)) {
        await producer.send({ topic, messages: batch })
        batch = []
      }
    }
    if (batch.length > 0) await producer.send({ topic, messages: batch })
    return sent
  } finally {
    await producer.disconnect()
  }
}
