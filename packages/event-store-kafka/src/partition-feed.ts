import type { Consumer, Kafka } from "kafkajs"
import type { StoredEvent } from "@igv/event-store"
import { decodeRecord } from "./codec.js"
import { Queue } from "./queue.js"

export interface FeedItem {
  readonly event: StoredEvent
  readonly partition: number
  /** Offset of the record that holds the event (a record holds several events). */
  readonly offset: number
  /** The record's last event: once it is handled, a reader may move past `offset`. */
  readonly last: boolean
}

export interface FeedOptions {
  readonly kafka: Kafka
  readonly topic: string
  readonly partitionCount: number
  /** Consumer group id. Reads use a throwaway group; subscriptions use the consumer's name. */
  readonly groupId: string
  /** First offset to read in each partition. */
  readonly starts: ReadonlyArray<number>
  /** Offset to stop at in each partition (exclusive); omitted for a live feed. */
  readonly ends?: ReadonlyArray<number>
  /** Buffered events per partition above which fetching that partition pauses. */
  readonly highWater?: number
}

/**
 * Reads the topic's partitions from given offsets into one buffer per partition. kafkajs only pushes, so the
 * feed pauses a partition whose buffer is full and resumes it once the reader has taken from it; readers merge
 * the buffers in whatever order they need (global position, per-stream, or none).
 */
export class PartitionFeed {
  readonly queues: Array<Queue<FeedItem>>
  /** Next offset to read per partition (everything before it is buffered or taken). */
  readonly next: number[]
  private readonly paused = new Set<number>()
  private readonly consumer: Consumer
  private waiters: Array<() => void> = []
  private failure: unknown
  private stopped = false
  private readonly highWater: number
  /** Partitions the group gave this member; a subscription needs all of them. */
  assigned: number[] = []

  constructor(private readonly options: FeedOptions) {
    this.queues = Array.from({ length: options.partitionCount }, () => new Queue<FeedItem>())
    this.next = [...options.starts]
    this.highWater = options.highWater ?? 20_000
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      maxBytes: 32 << 20,
      maxBytesPerPartition: 4 << 20,
      maxWaitTimeInMs: 500,
      // Short: after a broker restart a new member of the group waits for the crashed member's session to expire.
      // Handlers run outside kafkajs' batch callback, so a slow projection does not miss heartbeats.
      sessionTimeout: 6_000,
      rebalanceTimeout: 6_000,
      heartbeatInterval: 1_000,
      // No restarts inside kafkajs: a crashed feed fails its reader, and the subscription starts a new feed from
      // the offsets it delivered, so there is one recovery path and it keeps our offsets and pauses consistent.
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1_000, restartOnFailure: async () => false }
    })
  }

  async start(): Promise<void> {
    const { topic } = this.options
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.assigned = [...(e.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b)
      this.notify()
    })
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.failure = e.payload.error
      this.notify()
    })
    await this.consumer.connect()
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true })
    await this.consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: async ({ batch }) => this.take(batch.partition, batch.messages, Number(batch.lastOffset()) + 1)
    })
    // A consumer that failed to join has crashed inside run(): report why, not the seek that would then fail.
    this.throwIfFailed()
    for (let partition = 0; partition < this.options.partitionCount; partition++) {
      if (this.done(partition)) this.consumer.pause([{ topic, partitions: [partition] }])
      else this.consumer.seek({ topic, partition, offset: String(this.next[partition]) })
    }
  }

  private take(
    partition: number,
    messages: ReadonlyArray<{ offset: string; key: Buffer | null; value: Buffer | null }>,
    after: number
  ): void {
    const end = this.options.ends?.[partition] ?? Number.POSITIVE_INFINITY
    const queue = this.queues[partition]!
    for (const message of messages) {
      const offset = Number(message.offset)
      // A fetch issued before our seek took effect can deliver earlier offsets: skip them.
      if (offset < this.next[partition]!) continue
      if (offset >= end) break
      const events = decodeRecord(message.key, message.value)
      events.forEach((event, i) => queue.push({ event, partition, offset, last: i === events.length - 1 }))
      this.next[partition] = offset + 1
    }
    if (after > this.next[partition]! && after <= end) this.next[partition] = after
    if (this.done(partition) || queue.length >= this.highWater) this.pause(partition)
    this.notify()
  }

  /** A bounded feed has read everything up to its end in this partition. */
  done(partition: number): boolean {
    const end = this.options.ends?.[partition]
    return end !== undefined && this.next[partition]! >= end
  }

  shift(partition: number): FeedItem | undefined {
    const queue = this.queues[partition]!
    const item = queue.shift()
    if (this.paused.has(partition) && !this.done(partition) && queue.length < this.highWater / 2) {
      this.paused.delete(partition)
      this.consumer.resume([{ topic: this.options.topic, partitions: [partition] }])
    }
    return item
  }

  private pause(partition: number): void {
    if (this.paused.has(partition)) return
    this.paused.add(partition)
    this.consumer.pause([{ topic: this.options.topic, partitions: [partition] }])
  }

  /** Resolves when new data (or a failure) arrives, or after `ms`. Rethrows a consumer crash. */
  async waitForData(ms = 1_000): Promise<void> {
    this.throwIfFailed()
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms)
      this.waiters.push(() => {
        clearTimeout(timer)
        resolve()
      })
    })
    this.throwIfFailed()
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure
  }

  private notify(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const wake of waiters) wake()
  }

  async commit(offsets: ReadonlyArray<number>, metadata: string): Promise<void> {
    await this.consumer.commitOffsets(
      offsets.map((offset, partition) => ({ topic: this.options.topic, partition, offset: String(offset), metadata }))
    )
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    this.notify()
    await this.consumer.disconnect().catch(() => undefined)
  }
}
