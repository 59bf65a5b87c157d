import { Worker } from "node:worker_threads"
import type { ReplayWindow } from "@igv/ingest"
import type { HistoryMetricsReport, PatrolTimeline } from "@igv/metrics"
import { ApiError } from "../errors.js"
import type { FeedPageRequest } from "./feed-page.js"
import type { TimelineRequest } from "./timeline.js"
import { inThreadReads, type EncodedIncidents, type WindowReads } from "./window-reads.js"
import type { EventStore } from "@igv/event-store"

export type ToReadWorker =
  | { readonly id: number; readonly kind: "history" | "incidents"; readonly window: ReplayWindow }
  | { readonly id: number; readonly kind: "feedPage"; readonly request: FeedPageRequest }
  | { readonly id: number; readonly kind: "timeline"; readonly request: TimelineRequest }
  | { readonly kind: "close" }

export type FromReadWorker =
  | { readonly id: number; readonly kind: "history"; readonly report: HistoryMetricsReport }
  | { readonly id: number; readonly kind: "incidents"; readonly count: number; readonly json: Uint8Array }
  | { readonly id: number; readonly kind: "feedPage"; readonly json: Uint8Array }
  | { readonly id: number; readonly kind: "timeline"; readonly timeline: PatrolTimeline }
  | { readonly id: number; readonly kind: "error"; readonly message: string }

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

interface Pending {
  readonly resolve: (m: FromReadWorker) => void
  readonly reject: (e: unknown) => void
}

interface ReadThread {
  readonly worker: Worker
  readonly pending: Map<number, Pending>
}

const workerUrl = new URL("./read-worker.js", import.meta.url)
/** From TypeScript sources (vitest) there is no compiled worker; reads then run on this thread. */
const readWorkerAvailable = (): boolean => !import.meta.url.endsWith(".ts")

const CLOSE_GRACE_MS = 5_000

/**
 * Window reads on `threads` worker threads, each with its own connection to the store (opened from `storeUrl`
 * on first use, then kept), each request on the least busy thread. A thread that dies (over its heap ceiling,
 * or a crash) fails the requests it held and is replaced by the next request.
 */
export const readPool = (options: {
  readonly storeUrl: string
  readonly store: EventStore
  readonly threads: number
  readonly heapMb: number
}): WindowReads => {
  // Another connection to an in-memory SQLite database would open an empty one of its own.
  if (!readWorkerAvailable() || options.storeUrl.endsWith(":memory:")) return inThreadReads(options.store)
  const threads: Array<ReadThread | undefined> = new Array(Math.max(1, options.threads)).fill(undefined)
  let nextId = 0
  let closed = false

  const start = (slot: number): ReadThread => {
    const worker = new Worker(workerUrl, {
      workerData: { storeUrl: options.storeUrl },
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb }
    })
    const thread: ReadThread = { worker, pending: new Map() }
    const fail = (error: unknown) => {
      if (threads[slot] === thread) threads[slot] = undefined
      for (const p of thread.pending.values()) p.reject(error)
      thread.pending.clear()
    }
    worker.on("message", (m: FromReadWorker) => {
      const p = thread.pending.get(m.id)
      if (p === undefined) return
      thread.pending.delete(m.id)
      p.resolve(m)
    })
    worker.on("error", (e) =>
      fail(
        (e as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new ApiError(
              400,
              "limit_exceeded",
              `reading this window needed more memory than a read thread may hold (IGV_RUN_HEAP_MB is ${options.heapMb} MB); read a shorter window or one area`
            )
          : e
      )
    )
    worker.on("exit", (code) => fail(new Error(`a read thread stopped with exit code ${code}`)))
    // An idle thread does not keep the process alive.
    worker.unref()
    threads[slot] = thread
    return thread
  }

  const request = (
    message: DistributiveOmit<Exclude<ToReadWorker, { kind: "close" }>, "id">
  ): Promise<FromReadWorker> => {
    if (closed) return Promise.reject(new Error("the read threads are closed"))
    let slot = threads.indexOf(undefined)
    if (slot < 0) slot = threads.reduce((best, t, i) => (t!.pending.size < threads[best]!.pending.size ? i : best), 0)
    const thread = threads[slot] ?? start(slot)
    const id = nextId++
    return new Promise<FromReadWorker>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject })
      thread.worker.postMessage({ ...message, id } satisfies ToReadWorker)
    }).then((m) => {
      if (m.kind === "error") throw new Error(m.message)
      return m
    })
  }

  return {
    historyReport: async (window) =>
      ((await request({ kind: "history", window })) as Extract<FromReadWorker, { kind: "history" }>).report,
    incidents: async (window): Promise<EncodedIncidents> => {
      const m = (await request({ kind: "incidents", window })) as Extract<FromReadWorker, { kind: "incidents" }>
      return { count: m.count, json: m.json }
    },
    feedPage: async (feedRequest) =>
      ((await request({ kind: "feedPage", request: feedRequest })) as Extract<FromReadWorker, { kind: "feedPage" }>)
        .json,
    timeline: async (timelineRequest) =>
      ((await request({ kind: "timeline", request: timelineRequest })) as Extract<FromReadWorker, { kind: "timeline" }>)
        .timeline,
    close: async () => {
      closed = true
      await Promise.all(
        threads.map(async (t) => {
          if (t === undefined) return
          const exited = new Promise<void>((r) => t.worker.once("exit", () => r()))
          t.worker.postMessage({ kind: "close" } satisfies ToReadWorker)
          const timer = setTimeout(() => void t.worker.terminate(), CLOSE_GRACE_MS)
          await exited
          clearTimeout(timer)
        })
      )
    }
  }
}
