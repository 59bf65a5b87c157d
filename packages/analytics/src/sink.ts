import type { EventStore, StoredEvent, Subscription } from "@igv/event-store"
import { selectRows, type Analytics } from "./client.js"
import {
  encodeFeedRows,
  feedEventLine,
  insertFeedRows,
  isFeedEvent,
  withoutEvents,
  type FeedRowsChunk
} from "./feed-rows.js"
import { sql } from "./sql.js"
import { table, TABLES } from "./tables.js"

export interface FeedSinkOptions {
  readonly store: EventStore
  readonly analytics: Analytics
  /** Name of this sink's checkpoint in ClickHouse. Default "feed-sink". */
  readonly consumer?: string
  /** Rows per INSERT. ClickHouse wants few large inserts; default 50,000. */
  readonly batchRows?: number
  /** A partly filled batch is written after this long (ms). Default 500. */
  readonly flushIntervalMs?: number
  /** Which store events are feed events. Default: the RLC feed's event types. */
  readonly accept?: (e: StoredEvent) => boolean
  /** Attempts per failed INSERT before the sink stops with an error. Default 5. */
  readonly attempts?: number
  /** Batches being written at once while the next is read. Default 2. */
  readonly maxInFlight?: number
}

export interface FeedSink {
  /** Highest store position written to ClickHouse and checkpointed there. */
  position(): bigint
  /** Rows this sink instance inserted (after dropping replays). */
  written(): number
  /** Resolves once everything up to `target` is in ClickHouse; rejects if the sink failed. */
  waitFor(target: bigint, timeoutMs?: number): Promise<void>
  /** Writes what is buffered now. */
  flush(): Promise<void>
  /** Writes what is buffered, then stops following the store. */
  close(): Promise<void>
}

const toBigInt = (v: unknown): bigint => BigInt(String(v ?? "0"))

export const readCheckpoint = async (a: Analytics, consumer: string): Promise<bigint> => {
  const rows = await selectRows<{ p: string }>(
    a,
    sql`SELECT max(position) AS p FROM ${table(a, "sinkCheckpoints")} WHERE consumer = ${consumer}`
  )
  return toBigInt(rows[0]?.p)
}

/**
 * Follows the event store and writes feed events to ClickHouse in batches.
 *
 * The position lives in ClickHouse (`sink_checkpoints`), written after the rows it covers, and the sink
 * subscribes from it without a store-side consumer: a store checkpoint could run ahead of rows still
 * buffered here, which would leave a gap after a crash. So a restart re-reads everything after the last
 * ClickHouse checkpoint; rows of that range already in the table (inserted before the crash, checkpoint not yet
 * written) are found by position and dropped, so there are no doubles either. The table is also a
 * ReplacingMergeTree on the event id, which collapses anything a second writer might add.
 */
export const startFeedSink = async (options: FeedSinkOptions): Promise<FeedSink> => {
  const a = options.analytics
  const consumer = options.consumer ?? "feed-sink"
  const batchRows = options.batchRows ?? 50_000
  const flushIntervalMs = options.flushIntervalMs ?? 500
  const accept = options.accept ?? isFeedEvent
  const attempts = options.attempts ?? 5
  const maxInFlight = Math.max(1, options.maxInFlight ?? 2)

  const checkpoint = await readCheckpoint(a, consumer)
  // Rows above the checkpoint that are already stored: an insert whose checkpoint never got written.
  const above = await selectRows<{ p: string }>(
    a,
    sql`SELECT max(position) AS p FROM ${table(a, "feedEvents")} WHERE position > ${checkpoint}`
  )
  const suspectUpTo = toBigInt(above[0]?.p)

  let committed = checkpoint
  let seen = checkpoint
  /** Buffered rows, encoded a store batch at a time. */
  let chunks: Array<FeedRowsChunk> = []
  let bufferedRows = 0
  let written = 0
  let failure: Error | undefined
  let timer: NodeJS.Timeout | undefined
  let chain: Promise<void> = Promise.resolve()
  /** Highest position handed to a flush (written or being written). */
  let queued = checkpoint
  const inFlight: Array<Promise<void>> = []
  const waiters = new Set<() => void>()
  const notify = () => {
    for (const w of [...waiters]) w()
  }

  const alreadyStored = async (lo: bigint, hi: bigint): Promise<Set<string>> => {
    const rows = await selectRows<{ event_id: string }>(
      a,
      sql`SELECT event_id FROM ${table(a, "feedEvents")} WHERE position > ${lo} AND position <= ${hi}`
    )
    return new Set(rows.map((r) => r.event_id))
  }

  const retrying = async (what: () => Promise<void>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await what()
      } catch (e) {
        if (attempt >= attempts) throw e
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt))
      }
    }
  }

  const fail = (e: unknown): Error => {
    failure ??= e instanceof Error ? e : new Error(String(e))
    notify()
    return failure
  }

  /**
   * Inserts a batch's rows (events in (from, upTo]); returns how many were new. Rows that may already be
   * there (the range left by a crash, or a retry after an INSERT whose answer was lost) are looked up first.
   */
  const writeRows = async (batch: ReadonlyArray<FeedRowsChunk>, from: bigint, upTo: bigint): Promise<number> => {
    if (batch.length === 0) return 0
    for (let attempt = 1; ; attempt++) {
      let rows = batch
      if (attempt > 1 || from < suspectUpTo) rows = withoutEvents(rows, await alreadyStored(from, upTo))
      try {
        await insertFeedRows(a, rows)
        return rows.reduce((n, c) => n + c.rows, 0)
      } catch (e) {
        if (attempt >= attempts) throw e
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt))
      }
    }
  }

  const writeCheckpoint = async (upTo: bigint, rows: number): Promise<void> => {
    // An earlier batch that failed must not be skipped over by a later checkpoint.
    if (failure !== undefined) throw failure
    await retrying(() =>
      a.client
        .insert({
          table: `${a.database}.${TABLES.sinkCheckpoints}`,
          values: [
            {
              consumer,
              position: upTo.toString(),
              events_written: written + rows,
              updated_at: Math.floor(Date.now() / 1000)
            }
          ],
          format: "JSONEachRow"
        })
        .then(() => undefined)
    )
    written += rows
    committed = upTo
    notify()
  }

  /**
   * Hands the buffer to ClickHouse. Row inserts of successive batches may run at the same time (the server
   * parses each on its own thread); checkpoints are written strictly in order, each after its own rows and
   * every earlier batch's, so the stored position never passes a row that is not in the table.
   */
  const flush = (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer)
      timer = undefined
    }
    if (failure !== undefined) return Promise.reject(failure)
    const batch = chunks,
      from = queued,
      upTo = seen
    chunks = []
    bufferedRows = 0
    if (upTo <= from) return chain
    queued = upTo
    const data = writeRows(batch, from, upTo)
    data.catch(fail)
    const next = chain
      .then(() => data)
      .then((n) => writeCheckpoint(upTo, n))
      .catch((e) => {
        throw fail(e)
      })
    chain = next.catch(() => undefined)
    return next
  }

  const handler = async (batch: ReadonlyArray<StoredEvent>): Promise<void> => {
    if (failure !== undefined) throw failure
    const lines: Array<string> = []
    for (const e of batch) {
      // At-least-once delivery may repeat events we already hold.
      if (e.position <= seen) continue
      seen = e.position
      if (accept(e)) lines.push(feedEventLine(e))
    }
    if (lines.length > 0) {
      chunks.push(encodeFeedRows(lines))
      bufferedRows += lines.length
    }
    if (bufferedRows >= batchRows) {
      // Batches are written while the next ones are read and mapped; beyond maxInFlight the store waits.
      const f = flush()
      f.catch(() => undefined)
      inFlight.push(f)
      while (inFlight.length > maxInFlight) await inFlight.shift()
    } else if (timer === undefined)
      timer = setTimeout(() => {
        timer = undefined
        void flush().catch(() => undefined)
      }, flushIntervalMs)
  }

  const subscription: Subscription = await options.store.subscribe({ from: checkpoint, handler })

  const waitFor = (target: bigint, timeoutMs = 120_000): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (failure !== undefined) {
          done()
          reject(failure)
        } else if (committed >= target) {
          done()
          resolve()
        } else if (seen >= target) void flush().catch(() => undefined)
      }
      const deadline = setTimeout(() => {
        done()
        reject(new Error(`feed sink did not reach position ${target} within ${timeoutMs} ms (at ${committed})`))
      }, timeoutMs)
      const done = () => {
        clearTimeout(deadline)
        waiters.delete(check)
        clearInterval(poll)
      }
      // The store delivers on its own schedule; look again now and then for a batch that arrived without a flush.
      const poll = setInterval(check, 50)
      waiters.add(check)
      check()
    })

  return {
    position: () => committed,
    written: () => written,
    waitFor,
    flush,
    close: async () => {
      await subscription.close()
      if (timer !== undefined) {
        clearTimeout(timer)
        timer = undefined
      }
      if (failure === undefined) await flush()
      await chain
    }
  }
}
