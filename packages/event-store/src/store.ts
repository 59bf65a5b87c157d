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

export interface Subscription {
  /** Stops delivery; resolves once the handler will not be called again. */
  close(): Promise<void>
}

export interface SubscribeOptions {
  /** Exclusive starting position; the handler sees every event after it, then keeps up live. */
  readonly from: bigint
  /** Called in position order, one batch at a time; the next batch waits until it resolves. */
  readonly handler: (batch: ReadonlyArray<StoredEvent>) => Promise<void>
  /** Consumer name; backends with consumer groups (Kafka) use it as the group id. */
  readonly consumer?: string
}

/** One interface, several backends (SQLite embedded default, Kafka for scale). Every backend passes the same contract suite. */
export interface EventStore {
  append(stream: string, events: ReadonlyArray<NewEvent>, expected?: ExpectedVersion): Promise<AppendResult>
  readStream(stream: string, fromVersion?: number): AsyncIterable<StoredEvent>
  readAll(options?: ReadAllOptions): AsyncIterable<StoredEvent>
  subscribe(options: SubscribeOptions): Promise<Subscription>
  close(): Promise<void>
}

/** Thrown (rejected) when `expected` does not match the stream's current version. */
export class WrongExpectedVersion extends Error {
  override readonly name = "WrongExpectedVersion"
  constructor(readonly stream: string, readonly expected: ExpectedVersion, readonly actual: number) {
    super(`Stream "${stream}" is at version ${actual}, but the append expected ${String(expected)}. Re-read the stream and retry.`)
  }
}
