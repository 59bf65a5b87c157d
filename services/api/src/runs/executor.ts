import { Worker, type ResourceLimits } from "node:worker_threads"
import type { IncidentRegistered, Report, Scenario } from "@igv/domain"
import type { DispatchRecord, InterruptionRecord, SegmentRecord } from "@igv/metrics"
import { runLoggedReplications } from "@igv/runner"

export interface RunJob {
  readonly scenario: Scenario
  readonly seed: number
  readonly replications: number
  /** A replayed feed window's incidents as JSON bytes (moved to the run thread, parsed there). */
  readonly incidentsJson?: Uint8Array
  /** Also log replication 0's segments and dispatches (for the ClickHouse export). */
  readonly fullLogs?: boolean
}

export interface RunOutput {
  /** One report per replication, in replication order. */
  readonly reports: ReadonlyArray<Report>
  /** Every interruption of planned time, per replication in replication order (0: the run's own seed). */
  readonly interruptions: ReadonlyArray<ReadonlyArray<InterruptionRecord>>
  /** With `fullLogs`: replication 0's uninterrupted segments and dispatches. */
  readonly logs?: {
    readonly segments: ReadonlyArray<SegmentRecord>
    readonly dispatches: ReadonlyArray<DispatchRecord>
  }
}

export interface ExecuteOptions {
  readonly signal: AbortSignal
  readonly onProgress: (done: number, total: number) => void
}

/** Runs simulations; `signal` aborts, `onProgress` hears replications done. */
export interface RunExecutor {
  execute(job: RunJob, options: ExecuteOptions): Promise<RunOutput>
}

export class RunAborted extends Error {
  constructor() {
    super("run aborted")
  }
}

/** Why a run that went over the heap ceiling failed: the limit, and what to change. */
export const heapCeilingReason = (heapMb: number) =>
  `the run needed more memory than a run thread may hold (IGV_RUN_HEAP_MB is ${heapMb} MB) and was stopped; ` +
  `run fewer days, areas or replications, or less demand`

const isOutOfMemory = (e: unknown) => (e as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY"

/** The replications through the runner's worker pool, each folding its interruption log beside its report. */
export const simulateRun = async (
  job: RunJob,
  parallelism: number,
  onProgress: (done: number, total: number) => void,
  resourceLimits?: ResourceLimits
): Promise<RunOutput> => {
  const incidents =
    job.incidentsJson === undefined
      ? undefined
      : (JSON.parse(new TextDecoder().decode(job.incidentsJson)) as ReadonlyArray<IncidentRegistered>)
  const results = await runLoggedReplications(job.scenario, {
    replications: job.replications,
    seed: job.seed,
    parallelism,
    logs: { first: job.fullLogs === true ? "all" : "interruptions", rest: "interruptions" },
    ...(resourceLimits === undefined ? {} : { resourceLimits }),
    ...(incidents === undefined ? {} : { incidents }),
    onProgress: (p) => onProgress(p.done, p.total)
  })
  const first = results[0]!
  return {
    reports: results.map((r) => r.report),
    interruptions: results.map((r) => r.interruptions ?? []),
    ...(first.segments === undefined || first.dispatches === undefined
      ? {}
      : { logs: { segments: first.segments, dispatches: first.dispatches } })
  }
}

export type FromRunWorker =
  | { readonly kind: "progress"; readonly done: number; readonly total: number }
  | { readonly kind: "done"; readonly output: RunOutput }
  | { readonly kind: "error"; readonly message: string; readonly outOfMemory?: boolean }

/** What a run thread is started with. */
export interface RunWorkerInput {
  readonly job: RunJob
  readonly parallelism: number
  /** Limits for the replication threads it starts (its own are set when it is started). */
  readonly resourceLimits: ResourceLimits
}

const workerUrl = new URL("./run-worker.js", import.meta.url)
/** From TypeScript sources (vitest) there is no compiled worker; runs then execute on this thread. */
export const runWorkerAvailable = (): boolean => !import.meta.url.endsWith(".ts")

/**
 * Each run in a worker thread of its own, which drives the runner's replication pool: the API's event loop
 * never simulates, and aborting terminates the thread and with it the replication workers it started.
 * The run thread and each replication thread get a heap ceiling of `heapMb`: a run that outgrows it fails with
 * a reason that names the limit, and the service goes on.
 */
export const workerExecutor = (parallelism: number, heapMb: number): RunExecutor => ({
  execute: (job, { signal, onProgress }) => {
    if (!runWorkerAvailable()) return inThreadExecutor(parallelism).execute(job, { signal, onProgress })
    return new Promise<RunOutput>((resolve, reject) => {
      if (signal.aborted) return reject(new RunAborted())
      const resourceLimits: ResourceLimits = { maxOldGenerationSizeMb: heapMb }
      const worker = new Worker(workerUrl, {
        workerData: { job, parallelism, resourceLimits } satisfies RunWorkerInput,
        resourceLimits,
        // The feed window's bytes move to the run thread instead of being copied on this one.
        transferList: job.incidentsJson === undefined ? [] : [job.incidentsJson.buffer as ArrayBuffer]
      })
      let settled = false
      const settle = (f: () => void) => {
        if (settled) return
        settled = true
        signal.removeEventListener("abort", onAbort)
        f()
      }
      const onAbort = () =>
        settle(() => {
          void worker.terminate()
          reject(new RunAborted())
        })
      signal.addEventListener("abort", onAbort)
      worker.on("message", (m: FromRunWorker) => {
        if (m.kind === "progress") onProgress(m.done, m.total)
        else if (m.kind === "done")
          settle(() => {
            void worker.terminate()
            resolve(m.output)
          })
        else
          settle(() => {
            void worker.terminate()
            reject(new Error(m.outOfMemory === true ? heapCeilingReason(heapMb) : m.message))
          })
      })
      worker.on("error", (e) => settle(() => reject(isOutOfMemory(e) ? new Error(heapCeilingReason(heapMb)) : e)))
      worker.on("exit", (code) => settle(() => reject(new Error(`the run worker stopped with exit code ${code}`))))
    })
  }
})

/** On this thread (tests from sources): abort is honoured between replications only. */
export const inThreadExecutor = (parallelism: number): RunExecutor => ({
  execute: async (job, { signal, onProgress }) => {
    const output = await simulateRun(job, parallelism, (done, total) => {
      if (signal.aborted) throw new RunAborted()
      onProgress(done, total)
    })
    if (signal.aborted) throw new RunAborted()
    return output
  }
})
