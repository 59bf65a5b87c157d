import type { NewEvent, StoredEvent } from "./envelope.js"

/** `"any"`: no concurrency check; `"no-stream"`: the stream must not exist; a number: the stream's current version must equal it. */
export type ExpectedVersion = "any" | "no-stream" | number

export interface AppendResult {
  /** The stream's version after the append. */
  readonly nextVersion: number
  /** Events written now. */
  readonly appended: number
  /** Events skipped because their id was already stored. */
  readonly duplicates: number
}

export interface ReadAllOptions {
  /** Exclusive: events with position > from. Default 0n (everything). */
  readonly from?: bigint
  readonly limit?: number
}

/** A window of event time (`occurredAt`), for reads that want only what happened then. */
export interface ReadWindowOptions {
  /** Inclusive, milliseconds since the epoch. Unbounded when omitted. */
  readonly from?: number
  /** Exclusive, milliseconds since the epoch. Unbounded when omitted. */
  readonly to?: number
  /** Only events of these types (all types when omitted; none when empty). */
  readonly types?: ReadonlyArray<string>
  /** Only events of this stream. */
  readonly stream?: string
  /**
   * Resume a paged read: only events after this one in the window's order, i.e. with a later event time, or the
   * same event time and a later global position. `occurredMs` is `occurredAtMillis(event.occurredAt)` of the last
   * event of the previous page.
   */
  readonly after?: WindowCursor
  /** At most this many events. */
  readonly limit?: number
}

/** Where a windowed read stopped: the last event's event time (ms since the epoch) and global position. */
export interface WindowCursor {
  readonly occurredMs: number
  readonly position: bigint
}

export interface Subscription {
  /** Stops delivery; resolves once the handler will not be called again. */
  close(): Promise<void>
  /**
   * Settles when the subscription ends: resolves after `close()`, rejects with the handler's error when a
   * handler rejects (delivery stops; the failed batch is not checkpointed and is delivered again on resubscribe).
   */
  readonly done: Promise<void>
}

export interface SubscribeOptions {
  /**
   * Exclusive starting position; the handler sees every event after it, then keeps up live.
   * With a `consumer` that has a stored checkpoint, delivery resumes after the checkpoint instead.
   */
  readonly from: bigint
  /** Called in position order, one batch at a time; the next batch waits until it resolves. */
  readonly handler: (batch: ReadonlyArray<StoredEvent>) => Promise<void>
  /**
   * Durable consumer name. The store checkpoints it after each batch whose handler resolved (never before),
   * so a restarted projection resumes where it left off: at-least-once delivery. Kafka uses it as the consumer group id.
   */
  readonly consumer?: string
}

/**
 * Append semantics shared by every backend:
 * - events whose id is already stored (or repeated within the batch) are skipped and counted as duplicates;
 * - if nothing new remains the append is a successful no-op whatever `expected` says, so a retried append is safe;
 * - otherwise `expected` is checked against the stream's current version and the new events are written
 *   atomically (all or none) with consecutive versions.
 *
 * One interface, several backends (SQLite embedded default, Kafka for scale). Every backend passes the same contract suite. */
export interface EventStore {
  append(stream: string, events: ReadonlyArray<NewEvent>, expected?: ExpectedVersion): Promise<AppendResult>
  readStream(stream: string, fromVersion?: number): AsyncIterable<StoredEvent>
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>
  /**
   * Events whose `occurredAt` lies in the window, by event time, ties in global position order. An `occurredAt`
   * that is not an ISO 8601 instant with an offset (or Z) lies in no window. What it costs is the backend's
   * (SQLite reads only the window through an index; Kafka scans the topic or the stream's partition).
   */
  readWindow(options: ReadWindowOptions): AsyncIterable<StoredEvent>
  /**
   * The names of the streams that hold at least one event, each once, sorted (by UTF-16 code unit, as
   * `Array.prototype.sort`); with `prefix`, only those that start with it. Costs what the number of streams
   * costs, not what the number of events does (SQLite skips through its stream index; Kafka answers from the
   * index it keeps in memory).
   */
  listStreams(prefix?: string): Promise<ReadonlyArray<string>>
  subscribe(options: SubscribeOptions): Promise<Subscription>
  close(): Promise<void>
}

/** Thrown (rejected) when `expected` does not match the stream's current version. */
export class WrongExpectedVersion extends Error {
  override readonly name = "WrongExpectedVersion"
  constructor(
    readonly stream: string,
    readonly expected: ExpectedVersion,
    readonly actual: number
  ) {
    super(
      `Stream "${stream}" is at version ${actual}, but the append expected ${String(expected)}. Re-read the stream and retry.`
    )
  }
}
