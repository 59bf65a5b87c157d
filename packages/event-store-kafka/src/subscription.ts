import { randomUUID } from "node:crypto"
import type { Admin, Kafka } from "kafkajs"
import type { StoredEvent, SubscribeOptions, Subscription } from "@igv/event-store"
import { PartitionFeed } from "./partition-feed.js"
import { retrying } from "./retrying.js"
import type { StoreIndex } from "./store-index.js"

interface KafkaSubscriptionOptions extends SubscribeOptions {
  readonly kafka: Kafka
  readonly admin: Admin
  readonly topic: string
  readonly index: StoreIndex
  readonly partitionEnds: () => Promise<number[]>
  readonly batchSize?: number
  /** How long the subscription keeps re-opening its feed through broker outages before it fails (ms). */
  readonly recoverMs?: number
  /** How long the merge waits at a missing position, every partition read to its end, before it skips it (ms). */
  readonly gapWaitMs: number
}

/** Wraps an error that ends the subscription (the handler's, or a misuse); broker errors are retried instead. */
class Fatal extends Error {
  constructor(override readonly cause: unknown) {
    super("subscription failed")
  }
}

/** The consumer group's committed offsets, and the position stored with them, if the group committed before. */
async function committed(admin: Admin, groupId: string, topic: string, partitionCount: number) {
  // A coordinator that is still loading (fresh or restarted broker) answers with a retriable error.
  const [entry] = await retrying(() => admin.fetchOffsets({ groupId, topics: [topic] }), 30_000)
  const offsets = new Array<number>(partitionCount).fill(-1)
  let position: bigint | undefined
  for (const { partition, offset, metadata } of entry?.partitions ?? []) {
    offsets[partition] = Number(offset)
    if (Number(offset) >= 0 && metadata) {
      const p = BigInt(metadata)
      if (position === undefined || p > position) position = p
    }
  }
  return position === undefined ? undefined : { offsets, position }
}

/**
 * A consumer group reads every partition; events are handed over in global position order by waiting, across
 * partitions, for the next position (positions are dense: the single writer assigns them one by one). After the
 * handler resolves, the group commits each partition's next offset with the last delivered position as metadata,
 * which is where a restarted subscriber of the same name resumes.
 */
export async function startKafkaSubscription(options: KafkaSubscriptionOptions): Promise<Subscription> {
  const { index, topic } = options
  const partitionCount = index.partitionCount
  const groupId = options.consumer ?? `igv-sub-${randomUUID()}`
  const resume =
    options.consumer === undefined ? undefined : await committed(options.admin, groupId, topic, partitionCount)
  const from = resume?.position ?? options.from
  const indexed = index.startsAfter(from)
  const starts = indexed.map((start, p) =>
    resume !== undefined && resume.offsets[p]! >= 0 ? resume.offsets[p]! : start
  )

  const openFeed = async (from: ReadonlyArray<number>) => {
    const feed = new PartitionFeed({ kafka: options.kafka, topic, partitionCount, groupId, starts: from })
    try {
      await feed.start()
    } catch (error) {
      await feed.stop()
      throw error
    }
    return feed
  }
  let feed = await openFeed(starts)
  let stopped = false
  const batchSize = options.batchSize ?? 1_000
  const recoverMs = options.recoverMs ?? 120_000

  const run = async () => {
    let expected = from + 1n
    /** Per partition, the offset after the last event handed to the handler: where a new feed restarts. */
    const delivered = [...starts]
    let stalledSince: number | undefined
    let failingSince: number | undefined
    let attempt = 0
    let broken = false
    try {
      while (!stopped) {
        try {
          if (broken) {
            feed = await openFeed(delivered)
            broken = false
          }
          if (feed.assigned.length > 0 && feed.assigned.length < partitionCount) {
            throw new Fatal(
              new Error(
                `Consumer group "${groupId}" has another member: a subscription must own all ${partitionCount} partitions.`
              )
            )
          }
          const batch: StoredEvent[] = []
          let progress = true
          while (progress && batch.length < batchSize) {
            progress = false
            for (let p = 0; p < partitionCount; p++) {
              const queue = feed.queues[p]!
              for (let head = queue.peek(); head !== undefined && head.event.position < expected; head = queue.peek()) {
                feed.shift(p)
                delivered[p] = head.last ? head.offset + 1 : head.offset
              }
              // Consecutive positions are usually in one partition (an append is one record): take them in one go.
              for (
                let head = queue.peek();
                head !== undefined && head.event.position === expected && batch.length < batchSize;
                head = queue.peek()
              ) {
                feed.shift(p)
                batch.push(head.event)
                // A partly handled record is read again after a restart; its handled events fall below `expected`.
                delivered[p] = head.last ? head.offset + 1 : head.offset
                expected += 1n
                progress = true
              }
            }
          }
          if (batch.length === 0) {
            const buffered = feed.queues.some((q) => q.length > 0)
            stalledSince = buffered ? (stalledSince ?? Date.now()) : undefined
            if (stalledSince !== undefined && Date.now() - stalledSince > options.gapWaitMs) {
              // Everything written is buffered and the expected position is not there: a gap (a lost write). Skip it.
              const ends = await options.partitionEnds()
              if (ends.every((end, p) => feed.next[p]! >= end)) {
                expected = feed.queues.reduce((min, q) => {
                  const head = q.peek()
                  return head !== undefined && head.event.position < min ? head.event.position : min
                }, expected + 1_000_000_000n)
              }
              stalledSince = undefined
            }
            await feed.waitForData(500)
            continue
          }
          stalledSince = undefined
          try {
            await options.handler(batch)
          } catch (error) {
            throw new Fatal(error)
          }
          failingSince = undefined
          attempt = 0
          await feed.commit(delivered, String(expected - 1n))
        } catch (error) {
          if (error instanceof Fatal) throw error.cause
          // The broker went away (restart, network): start a new feed from what was delivered, until recoverMs passes.
          failingSince ??= Date.now()
          if (stopped || Date.now() - failingSince > recoverMs) throw error
          await feed.stop()
          broken = true
          await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 100 * 2 ** attempt++)))
        }
      }
    } finally {
      await feed.stop()
    }
  }
  const done = run()
  return {
    done,
    async close() {
      stopped = true
      await done.catch(() => undefined)
    }
  }
}
