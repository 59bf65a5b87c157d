import { availableParallelism } from "node:os"
import { Worker, type ResourceLimits } from "node:worker_threads"
import type { IncidentRegistered, Scenario } from "@igv/domain"
import type { MetricsReport as Report } from "@igv/metrics"
import { callsDrawnAhead } from "./calls-ahead.js"
import { runReplication, type ReplicationLogs, type ReplicationResult } from "./run.js"
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
   * By default all cores: this thread runs replications itself and one worker thread per other
   * core joins in once it has started (so short runs never wait for workers). A number N runs
   * the replications in N worker threads, this thread only coordinating; 1 runs them all here.
   */
  readonly parallelism?: number | undefined
  readonly onProgress?: (progress: Progress) => void
  /** Heap limits of each worker thread started (a worker over them stops and the run rejects with an OutOfMemory error). */
  readonly resourceLimits?: ResourceLimits
}

export interface LoggedReplicationOptions extends ReplicationOptions {
  /** What replication 0 folds beside its report, and what every other replication does (by default the same). */
  readonly logs: { readonly first: ReplicationLogs; readonly rest?: ReplicationLogs }
}

/** A replication worker went over its heap limit and was stopped (`ERR_WORKER_OUT_OF_MEMORY`). */
export class WorkerOutOfMemory extends Error {
  override readonly name = "WorkerOutOfMemory"
}

const isOutOfMemory = (e: unknown): boolean => (e as { code?: unknown } | null)?.code === "ERR_WORKER_OUT_OF_MEMORY"

/** The worker is compiled JS beside this file; from TypeScript sources (vitest) there is none to start. */
const workerUrl = new URL("./worker.js", import.meta.url)
export const workersAvailable = (): boolean => !import.meta.url.endsWith(".ts")

/**
 * Runs replications 0..R-1, replication r seeded `replicationSeed(seed, r)`, and returns their
 * reports in replication order: the same inputs give the same reports whatever the parallelism.
 */
export const runReplications = async (scenario: Scenario, options: ReplicationOptions): Promise<Array<Report>> =>
  (await runLoggedReplications(scenario, { ...options, logs: { first: "none" } })).map((r) => r.report)

/**
 * As `runReplications`, each replication's logs folded in the worker that simulates it, in the same pass as its
 * report, and returned with it in replication order.
 */
export const runLoggedReplications = (
  scenario: Scenario,
  options: LoggedReplicationOptions
): Promise<Array<ReplicationResult>> => {
  const total = options.replications
  if (!Number.isInteger(total) || total < 1) {
    return Promise.reject(new RangeError(`replications must be a whole number ≥ 1, not ${total}`))
  }
  if (options.parallelism !== undefined && (!Number.isInteger(options.parallelism) || options.parallelism < 1)) {
    return Promise.reject(new RangeError(`parallelism must be a whole number ≥ 1, not ${options.parallelism}`))
  }
  const canSpawn = workersAvailable() && total > 1
  if (options.parallelism === undefined) {
    // A lone replication would leave the other cores idle: one of them draws its calls (if it is long enough).
    const drawAhead = total === 1 && workersAvailable() && availableParallelism() > 1
    return pool(scenario, options, canSpawn ? Math.min(total, availableParallelism()) - 1 : 0, true, drawAhead)
  }
  return options.parallelism === 1 || !canSpawn
    ? pool(scenario, options, 0, true, false)
    : pool(scenario, options, Math.min(total, options.parallelism), false, false)
}

/**
 * Hands replications out one at a time to whoever is free: this thread (if `here`, between
 * replications it yields so worker messages are heard) and `workers` worker threads, each of
 * which asks for work once its modules are loaded. A worker holds two at a time, so that it never
 * waits for its next one while this thread is in the middle of a replication of its own. With `drawAhead`, this
 * thread's replications draw their calls on another core (calls-ahead.ts).
 */
const pool = (
  scenario: Scenario,
  options: LoggedReplicationOptions,
  workers: number,
  here: boolean,
  drawAhead: boolean
): Promise<Array<ReplicationResult>> =>
  new Promise((resolve, reject) => {
    const total = options.replications
    const results = new Array<ReplicationResult | undefined>(total)
    const logs = { first: options.logs.first, rest: options.logs.rest ?? options.logs.first }
    const partial = new Map<number, number>()
    const threads: Array<Worker> = []
    const retired = new Set<Worker>()
    const held = new Map<Worker, number>()
    let next = 0,
      done = 0,
      settled = false

    const retire = (w: Worker) => {
      retired.add(w)
      void w.terminate()
    }
    const finish = (error?: unknown) => {
      if (settled) return
      settled = true
      for (const w of threads) retire(w)
      if (error === undefined) resolve(results as Array<ReplicationResult>)
      else reject(error)
    }
    const progress = () => {
      if (options.onProgress === undefined) return
      let inFlight = 0
      for (const f of partial.values()) inFlight += f
      options.onProgress({ done, total, fraction: Math.min(1, (done + inFlight) / total) })
    }
    const completed = (r: number, result: ReplicationResult) => {
      results[r] = result
      partial.delete(r)
      done++
      progress()
      if (done === total) finish()
    }
    const assign = (worker: Worker) => {
      if (settled) return
      if (next >= total) {
        if (held.get(worker) === 0) retire(worker)
        return
      }
      const r = next++
      held.set(worker, (held.get(worker) ?? 0) + 1)
      partial.set(r, 0)
      worker.postMessage({ r, seed: replicationSeed(options.seed, r) } satisfies ToWorker)
    }

    const input: WorkerInput = {
      scenario,
      incidents: options.incidents,
      progress: options.onProgress !== undefined,
      logs
    }
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(workerUrl, {
        workerData: input,
        ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits })
      })
      threads.push(worker)
      worker.on("message", (message: FromWorker) => {
        if (settled) return
        switch (message.kind) {
          case "ready":
            held.set(worker, 0)
            assign(worker)
            assign(worker)
            return
          case "progress":
            partial.set(message.r, message.fraction)
            progress()
            return
          case "done":
            held.set(worker, held.get(worker)! - 1)
            completed(message.r, message.result)
            assign(worker)
            return
          case "error":
            finish(
              Object.assign(new Error(`replication ${message.r} failed: ${message.message}`), { stack: message.stack })
            )
        }
      })
      worker.on("error", (e) =>
        finish(
          isOutOfMemory(e)
            ? new WorkerOutOfMemory(
                `a simulation worker went over its heap limit of ${options.resourceLimits?.maxOldGenerationSizeMb ?? "default"} MB and was stopped`
              )
            : e
        )
      )
      worker.on("exit", (code) => {
        if (!retired.has(worker)) finish(new Error(`a simulation worker stopped with exit code ${code}`))
      })
    }

    if (!here) return
    const runHere = async () => {
      while (!settled && next < total) {
        const r = next++
        partial.set(r, 0)
        const ahead = drawAhead ? callsDrawnAhead() : undefined
        let result: ReplicationResult
        try {
          result = runReplication(
            scenario,
            replicationSeed(options.seed, r),
            r === 0 ? logs.first : logs.rest,
            options.incidents,
            options.onProgress &&
              ((f) => {
                partial.set(r, f)
                progress()
              }),
            ahead?.supplies
          )
        } finally {
          ahead?.close()
        }
        completed(r, result)
        // Let worker messages, timers and signals through between replications.
        if (!settled) await new Promise((resolve) => setImmediate(resolve))
      }
    }
    runHere().catch(finish)
  })
