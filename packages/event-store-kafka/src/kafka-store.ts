import { randomUUID } from "node:crypto"
import { Kafka, Partitioners, logLevel as KafkaLogLevel, type Admin, type Producer } from "kafkajs"
import {
  occurredAtMillis,
  windowFilter,
  WrongExpectedVersion,
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type ReadAllOptions,
  type ReadWindowOptions,
  type StoredEvent,
  type SubscribeOptions,
  type Subscription
} from "@igv/event-store"
import { kafkaClient, withAdmin } from "./client.js"
import { encodeRecords, type WireEvent } from "./codec.js"
import { PartitionFeed } from "./partition-feed.js"
import { retrying } from "./retrying.js"
import { StoreIndex } from "./store-index.js"
import { startKafkaSubscription } from "./subscription.js"

export interface KafkaStoreOptions {
  readonly brokers: ReadonlyArray<string>
  readonly topic: string
  /** Partitions of a topic this store creates (an existing topic keeps its own count). Streams are spread by key. */
  readonly partitions?: number
  readonly clientId?: string
  readonly logLevel?: KafkaLogLevel
  /** How long an append keeps retrying through broker outages before it rejects (ms). Default 120,000. */
  readonly appendRetryMs?: number
  /**
   * How long a subscription waits at a missing position, every partition read to its end, before it skips it (ms).
   * Default 150,000: longer than an append retries by default, so a position that a writer is still retrying (an
   * append that reached some partitions and not yet others) is waited for, never skipped and then dropped.
   */
  readonly gapWaitMs?: number
}

interface PendingAppend {
  readonly stream: string
  readonly events: ReadonlyArray<NewEvent>
  readonly expected: ExpectedVersion
  readonly resolve: (result: AppendResult) => void
  readonly reject: (error: unknown) => void
}

interface PlannedAppend {
  readonly pending: PendingAppend
  readonly result: AppendResult
  readonly events: WireEvent[]
}

/** The largest record batch the topic accepts; one append (one stream, one partition, RECORD_EVENTS events a record) must fit in it. */
const MAX_MESSAGE_BYTES = 16 << 20
/** Broker answers that no retry can fix: the append itself is too large or malformed. */
const REJECTED_AT_ONCE = new Set(["MESSAGE_TOO_LARGE", "RECORD_LIST_TOO_LARGE", "INVALID_RECORD", "CORRUPT_MESSAGE"])
/** Appends queued while a send is in flight are sent together, up to this many events. */
const MAX_GROUP_EVENTS = 20_000

const checkExpected = (stream: string, expected: ExpectedVersion, actual: number) => {
  const ok = expected === "any" || (expected === "no-stream" ? actual === 0 : expected === actual)
  if (!ok) throw new WrongExpectedVersion(stream, expected, actual)
}

/**
 * Kafka backend. One topic holds the store; the stream name is the message key, so a stream (an area) lives in
 * one partition and keeps its order there. Kafka cannot check a stream's version or an event id on write, so this
 * instance is the topic's single writer: it reads the whole topic at open into a StoreIndex (stream versions,
 * event ids, position offsets), checks appends against it, assigns versions and dense global positions, and sends
 * with an idempotent producer. See README.md for the guarantees this gives and the ones it does not.
 */
export class KafkaEventStore implements EventStore {
  private producer: Producer | undefined
  private readonly queue: PendingAppend[] = []
  private writing = false
  /** Set after a failed send: the topic may hold writes the index does not know, so it must be re-read first. */
  private stale = false
  private closed = false
  private readonly subscriptions = new Set<Subscription>()

  private constructor(
    readonly kafka: Kafka,
    private readonly admin: Admin,
    readonly topic: string,
    private readonly index: StoreIndex,
    private readonly options: KafkaStoreOptions
  ) {}

  static async open(options: KafkaStoreOptions): Promise<KafkaEventStore> {
    // A broker that just started, or a topic that was just created, answers "not the leader" for a moment.
    return retrying(() => KafkaEventStore.openOnce(options), 30_000)
  }

  private static async openOnce(options: KafkaStoreOptions): Promise<KafkaEventStore> {
    // Fail fast (a few seconds) on an unreachable broker; appends and subscriptions have their own outage budgets.
    const retry = { retries: 5, initialRetryTime: 200, maxRetryTime: 2_000 }
    const kafka = kafkaClient(options.clientId ?? "igv-event-store", options.brokers, retry, options.logLevel)
    const admin = kafka.admin()
    await admin.connect()
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: options.topic,
            numPartitions: options.partitions ?? 8,
            configEntries: [
              { name: "retention.ms", value: "-1" },
              { name: "retention.bytes", value: "-1" },
              { name: "max.message.bytes", value: String(MAX_MESSAGE_BYTES) }
            ]
          }
        ]
      })
      const metadata = await admin.fetchTopicMetadata({ topics: [options.topic] })
      const partitionCount = metadata.topics[0]!.partitions.length
      const store = new KafkaEventStore(kafka, admin, options.topic, new StoreIndex(partitionCount), options)
      await store.catchUp()
      return store
    } catch (error) {
      await admin.disconnect()
      throw error
    }
  }

  /** Deletes a store's topic with everything in it (benchmarks, tests, resetting a scratch store). */
  static async deleteTopic(options: Pick<KafkaStoreOptions, "brokers" | "topic" | "clientId">): Promise<void> {
    const kafka = new Kafka({
      clientId: options.clientId ?? "igv-event-store",
      brokers: [...options.brokers],
      logLevel: KafkaLogLevel.NOTHING
    })
    await withAdmin(kafka, (admin) => admin.deleteTopics({ topics: [options.topic] }))
  }

  /** Reads everything after the indexed end of each partition into the index. */
  private async catchUp(): Promise<void> {
    const ends = await this.partitionEnds()
    const starts = this.index.ends()
    if (starts.every((start, p) => start >= ends[p]!)) return
    const feed = await this.startFeed(starts, ends)
    try {
      for (;;) {
        let all = true
        for (let p = 0; p < this.index.partitionCount; p++) {
          for (let item = feed.shift(p); item !== undefined; item = feed.shift(p)) {
            const { event } = item
            this.index.add(event.id, event.stream, event.version, Number(event.position), p, item.offset)
          }
          this.index.advance(p, feed.next[p]!)
          if (!feed.done(p)) all = false
        }
        if (all) return
        await feed.waitForData()
      }
    } finally {
      await feed.stop()
    }
  }

  private async partitionEnds(): Promise<number[]> {
    const offsets = await retrying(() => this.admin.fetchTopicOffsets(this.topic), 10_000)
    const ends = new Array<number>(this.index.partitionCount).fill(0)
    for (const { partition, high } of offsets) ends[partition] = Number(high)
    return ends
  }

  append(stream: string, events: ReadonlyArray<NewEvent>, expected: ExpectedVersion = "any"): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error("The Kafka event store is closed."))
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject })
      void this.drain()
    })
  }

  /** The write loop: one group of queued appends per send, so concurrent appenders share round trips. */
  private async drain(): Promise<void> {
    if (this.writing) return
    this.writing = true
    try {
      while (this.queue.length > 0) {
        const group: PendingAppend[] = []
        let size = 0
        while (
          this.queue.length > 0 &&
          (group.length === 0 || size + this.queue[0]!.events.length <= MAX_GROUP_EVENTS)
        ) {
          const next = this.queue.shift()!
          size += next.events.length
          group.push(next)
        }
        await this.writeGroup(group)
      }
    } finally {
      this.writing = false
    }
  }

  private async writeGroup(group: PendingAppend[]): Promise<void> {
    const deadline = Date.now() + (this.options.appendRetryMs ?? 120_000)
    let planned: PlannedAppend[] | undefined
    for (let attempt = 0; ; attempt++) {
      try {
        if (this.stale) {
          await this.reconnect()
          // Appends whose events reached the topic before the failure are done: report them as appended.
          planned = planned?.filter((p) => {
            const landed = p.events.length > 0 && this.index.ids.has(p.events[0]!.id)
            if (landed) p.pending.resolve(p.result)
            return !landed
          })
          if (planned?.length === 0) return
        }
        // Planned once; a retry resends the same events with the same versions and positions. A send can reach some
        // partitions and not others (a broker killed mid-request): re-planning would then give the rest new
        // positions after the ones that landed and leave a hole in the global order.
        planned ??= this.plan(group)
        const toSend = planned.filter((p) => p.events.length > 0)
        if (toSend.length > 0) await this.send(toSend)
        for (const p of planned) p.pending.resolve(p.result)
        return
      } catch (error) {
        this.stale = true
        if (this.closed || Date.now() > deadline || REJECTED_AT_ONCE.has((error as { type?: string }).type ?? "")) {
          // plan() has already rejected the appends it refused; the others are still waiting.
          for (const pending of planned?.map((p) => p.pending) ?? group) pending.reject(error)
          return
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)))
      }
    }
  }

  /** Checks each append against the index plus the appends planned before it in the same group; rejects conflicts. */
  private plan(group: PendingAppend[]): PlannedAppend[] {
    const versions = new Map<string, number>()
    const ids = new Set<string>()
    let position = this.index.lastPosition
    const recordedAt = new Date().toISOString()
    const planned: PlannedAppend[] = []
    for (const pending of group) {
      const { stream, events, expected } = pending
      const fresh = events.filter((event) => {
        if (ids.has(event.id) || this.index.ids.has(event.id)) return false
        ids.add(event.id)
        return true
      })
      const current = versions.get(stream) ?? this.index.version(stream)
      const duplicates = events.length - fresh.length
      if (fresh.length === 0) {
        planned.push({ pending, result: { nextVersion: current, appended: 0, duplicates }, events: [] })
        continue
      }
      try {
        checkExpected(stream, expected, current)
      } catch (conflict) {
        for (const event of fresh) ids.delete(event.id)
        pending.reject(conflict)
        continue
      }
      const stored = fresh.map(
        (event, i): WireEvent => ({
          id: event.id,
          type: event.type,
          version: current + i + 1,
          position: ++position,
          occurredAt: event.occurredAt,
          recordedAt,
          schemaVersion: event.schemaVersion,
          payload: event.payload
        })
      )
      versions.set(stream, current + fresh.length)
      planned.push({
        pending,
        result: { nextVersion: current + fresh.length, appended: fresh.length, duplicates },
        events: stored
      })
    }
    return planned
  }

  private async send(planned: PlannedAppend[]): Promise<void> {
    const producer = await this.writer()
    const records = planned.map((p) => encodeRecords(p.pending.stream, p.events))
    const results = await producer.send({
      topic: this.topic,
      acks: -1,
      messages: records.flat().map(({ key, value }) => ({ key, value }))
    })
    // One record batch per partition per request: the i-th record sent to a partition lands at baseOffset + i.
    const nextOffsets = new Map<number, number>()
    for (const r of results) nextOffsets.set(r.partition, Number(r.baseOffset))
    planned.forEach((p, i) => {
      const partition = this.partitionFor(p.pending.stream)
      let event = 0
      for (const record of records[i]!) {
        const offset = nextOffsets.get(partition)!
        nextOffsets.set(partition, offset + 1)
        for (const end = event + record.count; event < end; event++) {
          const { id, version, position } = p.events[event]!
          this.index.add(id, p.pending.stream, version, position, partition, offset)
        }
      }
    })
    for (const [partition, next] of nextOffsets) this.index.advance(partition, next)
  }

  private readonly partitioner = Partitioners.DefaultPartitioner()
  partitionFor(stream: string): number {
    const partitionMetadata = Array.from({ length: this.index.partitionCount }, (_, partitionId) => ({
      partitionId,
      leader: 1,
      replicas: [1],
      isr: [1],
      partitionErrorCode: 0
    }))
    return this.partitioner({ topic: this.topic, partitionMetadata, message: { key: stream, value: null } })
  }

  private async writer(): Promise<Producer> {
    if (this.producer !== undefined) return this.producer
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      retry: { retries: 10, initialRetryTime: 200, maxRetryTime: 5_000 }
    })
    await producer.connect()
    this.producer = producer
    return producer
  }

  /** After a failed send: drop the producer (a new producer id), then re-read what reached the topic. */
  private async reconnect(): Promise<void> {
    const old = this.producer
    this.producer = undefined
    await old?.disconnect().catch(() => undefined)
    await this.catchUp()
    this.stale = false
  }

  async *readStream(stream: string, fromVersion = 1): AsyncIterable<StoredEvent> {
    const partition = this.partitionFor(stream)
    const start = this.index.streamStart(stream, fromVersion)?.offset ?? this.index.ends()[partition]!
    const ends = await this.partitionEnds()
    const starts = ends.map((end, p) => (p === partition ? start : end))
    if (start >= ends[partition]!) return
    const feed = await this.startFeed(starts, ends)
    try {
      for (;;) {
        for (let item = feed.shift(partition); item !== undefined; item = feed.shift(partition)) {
          if (item.event.stream === stream && item.event.version >= fromVersion) yield item.event
        }
        if (feed.done(partition)) return
        await feed.waitForData()
      }
    } finally {
      await feed.stop()
    }
  }

  /** Merges the partitions by global position up to their ends at the time of the call. */
  async *readAll(options: ReadAllOptions = {}): AsyncIterable<StoredEvent> {
    const from = options.from ?? 0n
    let remaining = options.limit ?? Number.POSITIVE_INFINITY
    const ends = await this.partitionEnds()
    const starts = this.index.startsAfter(from).map((start, p) => Math.min(start, ends[p]!))
    if (remaining <= 0 || starts.every((start, p) => start >= ends[p]!)) return
    const feed = await this.startFeed(starts, ends)
    try {
      for (;;) {
        let best = -1
        let waiting = false
        for (let p = 0; p < this.index.partitionCount; p++) {
          const head = feed.queues[p]!.peek()
          if (head === undefined) {
            if (!feed.done(p)) waiting = true
          } else if (head.event.position <= from) {
            feed.shift(p)
            p--
          } else if (best < 0 || head.event.position < feed.queues[best]!.peek()!.event.position) {
            best = p
          }
        }
        if (waiting) {
          await feed.waitForData()
          continue
        }
        if (best < 0) return
        yield feed.shift(best)!.event
        if (--remaining <= 0) return
      }
    } finally {
      await feed.stop()
    }
  }

  /**
   * Kafka keeps no index of event time: this scans the stream's partition (with `stream`) or the whole topic,
   * keeps what the window takes and sorts it, so it holds the window in memory and costs a full read; a page
   * (`after`, `limit`) costs the same full read.
   */
  async *readWindow(options: ReadWindowOptions): AsyncIterable<StoredEvent> {
    if (options.types?.length === 0 || options.limit === 0) return
    const take = windowFilter(options)
    const kept: Array<{ ms: number; event: StoredEvent }> = []
    for await (const event of options.stream === undefined ? this.readAll() : this.readStream(options.stream)) {
      if (take(event)) kept.push({ ms: occurredAtMillis(event.occurredAt)!, event })
    }
    kept.sort((a, b) => a.ms - b.ms || (a.event.position < b.event.position ? -1 : 1))
    for (const { event } of kept.slice(0, options.limit)) yield event
  }

  /** From the in-memory index: every stream of the topic as read at open, plus this writer's appends. */
  async listStreams(prefix = ""): Promise<ReadonlyArray<string>> {
    return this.index.streamNames(prefix).sort()
  }

  private async startFeed(starts: number[], ends: number[]): Promise<PartitionFeed> {
    const feed = new PartitionFeed({
      kafka: this.kafka,
      topic: this.topic,
      partitionCount: this.index.partitionCount,
      groupId: `igv-read-${randomUUID()}`,
      starts,
      ends
    })
    await feed.start()
    return feed
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.closed) throw new Error("The Kafka event store is closed.")
    const subscription = await startKafkaSubscription({
      ...options,
      kafka: this.kafka,
      admin: this.admin,
      topic: this.topic,
      index: this.index,
      partitionEnds: () => this.partitionEnds(),
      gapWaitMs: this.options.gapWaitMs ?? 150_000
    })
    this.subscriptions.add(subscription)
    void subscription.done.catch(() => undefined).finally(() => this.subscriptions.delete(subscription))
    return subscription
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.all([...this.subscriptions].map((s) => s.close()))
    while (this.writing) await new Promise((resolve) => setTimeout(resolve, 10))
    await this.producer?.disconnect()
    await this.admin.disconnect()
  }
}
