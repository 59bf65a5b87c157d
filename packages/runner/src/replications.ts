import { availableParallelism } from "node:os"
import { Worker } from "node:worker_threads"
import type { IncidentRegistered, Scenario } from "@igv/domain"
import type { MetricsReport as Report } from "@igv/metrics"
import { runOnce } from "./run.js"
import { replicationSeed } from "./seeds.js"
import type { FromWorker, ToWorker, WorkerInput } from "./worker-protocol.js"

export interface Progress {
  /** Replications finished. */
  readonly done: number
  readonly total: number
  /** 0..1 of all the work, counting partly simulated replications. */
  readonly fraction: number
}

export interface ReplicationOptions {
  readonly replications: number
  readonly seed: number
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  /**
   * Worker threads. By default all cores, but a run whose replications are quicker than starting
   * workers stays in this thread; a number given here is always used. 1 runs in this thread.
   */
  readonly parallelism?: number
  readonly onProgress?: (progress: Progress) => void
}

/** The worker is compiled JS beside this file; from TypeScript sources (vitest) there is none to start. */
const workerUrl = new URL("./worker.js", import.meta.url)
export const workersAvailable = (): boolean => !import.meta.url.endsWith(".ts")

/**
 * Runs replications 0..R-1, replication r seeded `replicationSeed(seed, r)`, and returns their
 * reports in replication order: the same inputs give the same reports whatever the parallelism.
 */
export const runReplications = async (scenario: Scenario, options: ReplicationOptions): Promise<Array<Report>> => {
  const total = options.replications
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`replications must be a whole number ≥ 1, not ${total}`)
  const threads = Math.min(total, Math.max(1, Math.floor(options.parallelism ?? availableParallelism())))
  if (threads === 1 || !workersAvailable()) return inThisThread(scenario, options, 0, [])
  if (options.parallelism !== undefined) return inWorkers(scenario, options, threads, 0, [])
  // Replication 0 runs here first: if the rest is quicker than starting workers, it stays here.
  const started = performance.now()
  const first = await inThisThread(scenario, { ...options, replications: 1 }, 0, [], total)
  const rest = (total - 1) * (performance.now() - started)
  return rest * (1 - 1 / threads) < WORKER_START_MS
    ? inThisThread(scenario, options, 1, first)
    : inWorkers(scenario, options, threads, 1, first)
}

/** Roughly what starting a worker and loading the simulator in it costs. */
const WORKER_START_MS = 1000

/** Replications `from`..R-1 in this thread, after `done` (reports of 0..from-1); progress is out of `of`. */
const inThisThread = async (
  scenario: Scenario, options: ReplicationOptions, from: number, done: ReadonlyArray<Report>, of = options.replications
): Promise<Array<Report>> => {
  const total = of
  const reports: Array<Report> = [...done]
  for (let r = from; r < options.replications; r++) {
    const report = runOnce(scenario, replicationSeed(options.seed, r), options.incidents,
      options.onProgress && ((f) => options.onProgress!({ done: r, total, fraction: (r + f) / total })))
    reports.push(report)
    options.onProgress?.({ done: r + 1, total, fraction: (r + 1) / total })
    // Let timers and signals run between replications.
    if (r + 1 < options.replications) await new Promise((resolve) => setImmediate(resolve))
  }
  return reports
}

/** Replications `from`..R-1 in worker threads, each worker taking the next one when it is free. */
const inWorkers = (
  scenario: Scenario, options: ReplicationOptions, threads: number, from: number, done0: ReadonlyArray<Report>
): Promise<Array<Report>> =>
  new Promise((resolve, reject) => {
    const total = options.replications
    const reports = new Array<Report | undefined>(total)
    done0.forEach((report, r) => { reports[r] = report })
    const partial = new Map<number, number>()
    const workers: Array<Worker> = []
    const retired = new Set<Worker>()
    let next = from, done = from, failed = false

    const retire = (w: Worker) => { retired.add(w); void w.terminate() }
    const stopAll = () => { for (const w of workers) retire(w) }
    const fail = (error: unknown) => {
      if (failed) return
      failed = true
      stopAll()
      reject(error)
    }
    const progress = () => {
      let inFlight = 0
      for (const f of partial.values()) inFlight += f
      options.onProgress?.({ done, total, fraction: Math.min(1, (done + inFlight) / total) })
    }
    const assign = (worker: Worker) => {
      if (next >= total) { retire(worker); return }
      const r = next++
      partial.set(r, 0)
      worker.postMessage({ r, seed: replicationSeed(options.seed, r) } satisfies ToWorker)
    }

    const input: WorkerInput = { scenario, incidents: options.incidents, progress: options.onProgress !== undefined }
    for (let i = 0; i < Math.min(threads, total - from); i++) {
      const worker = new Worker(workerUrl, { workerData: input })
      workers.push(worker)
      worker.on("message", (message: FromWorker) => {
        if (failed) return
        switch (message.kind) {
          case "progress":
            partial.set(message.r, message.fraction)
            progress()
            return
          case "done":
            reports[message.r] = message.report
            partial.delete(message.r)
            done++
            progress()
            if (done === total) {
              stopAll()
              resolve(reports as Array<Report>)
            } else assign(worker)
            return
          case "error":
            fail(Object.assign(new Error(`replication ${message.r} failed: ${message.message}`), { stack: message.stack }))
        }
      })
      worker.on("error", fail)
      worker.on("exit", (code) => {
        if (!failed && !retired.has(worker)) fail(new Error(`a simulation worker stopped with exit code ${code}`))
      })
      assign(worker)
    }
  })
