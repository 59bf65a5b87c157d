// Decodes a feed file in a worker thread: reading, splitting, decoding and hashing run beside the main thread's
// store writes, so an ingest uses both cores. Batches go to the main thread; at most two are unacknowledged,
// which keeps memory constant. Started by `ingestFile` from the built package.
import { createReadStream } from "node:fs"
import { parentPort, workerData } from "node:worker_threads"
import { FeedBatcher, type DecodedBatch } from "./ingest.js"
import { readFeed } from "@igv/runner"
import { decodeFeedRow } from "./records.js"
import { toWire, type WireBatch } from "./worker-batch.js"

export interface WorkerJob {
  readonly path: string
  readonly source: string
  readonly maxRecordBytes: number
  readonly batchSize?: number
  readonly pseudonymKey?: string
  readonly localTimeZone?: string
}

export type WorkerMessage =
  | { readonly kind: "batch"; readonly batch: WireBatch; readonly bytesRead: number }
  | { readonly kind: "done" }
  | { readonly kind: "error"; readonly name: string; readonly message: string; readonly stack?: string }

const MAX_UNACKED = 2

async function run(job: WorkerJob): Promise<void> {
  const port = parentPort!
  let unacked = 0
  let wake: (() => void) | undefined
  port.on("message", () => {
    unacked -= 1
    wake?.()
  })
  const stream = createReadStream(job.path, { highWaterMark: 256 * 1024 })
  const batcher = new FeedBatcher(job)
  const reading = await readFeed(stream as AsyncIterable<Buffer>, job)
  const send = async (batch: DecodedBatch) => {
    unacked += 1
    port.postMessage({ kind: "batch", batch: toWire(batch), bytesRead: stream.bytesRead } satisfies WorkerMessage)
    while (unacked >= MAX_UNACKED) await new Promise<void>((resolve) => (wake = resolve))
  }
  for await (const row of reading.rows) {
    const batch = batcher.add(decodeFeedRow(row, reading.format))
    if (batch !== undefined) await send(batch)
  }
  await send(batcher.take())
  port.postMessage({ kind: "done" } satisfies WorkerMessage)
}

run(workerData as WorkerJob).catch((e: Error) => {
  parentPort!.postMessage({
    kind: "error",
    name: e.name,
    message: e.message,
    ...(e.stack === undefined ? {} : { stack: e.stack })
  } satisfies WorkerMessage)
})
