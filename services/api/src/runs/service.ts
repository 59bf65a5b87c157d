import { randomBytes } from "node:crypto"
import type { Report, Scenario } from "@igv/domain"
import type { EventStore, NewEvent } from "@igv/event-store"
import { ApiError, conflict, notFound } from "../errors.js"
import type { InterruptionRecord } from "@igv/metrics"
import type { EncodedIncidents } from "../reads/window-reads.js"
import type { RunExecutor, RunOutput } from "./executor.js"
import { isRunId, newRunId } from "../ids.js"
import {
  runEvents,
  runIndexEvents,
  runResultEvents,
  type FeedWindow,
  type RunEvent,
  type RunResultEvent
} from "./events.js"
import {
  decideRun,
  evolveRun,
  RUN_INDEX_STREAM,
  RunAlreadyEnded,
  runResultStream,
  runStream,
  TERMINAL,
  type RunCommand,
  type RunRequest,
  type RunState
} from "./lifecycle.js"

export interface RunResult {
  /** The CLI's JSON contract, serialized once: a Report, or with replications a ReplicatedReport. */
  readonly reportJson: string
  readonly reports: ReadonlyArray<Report>
  /** Every interruption of planned time, per replication in replication order. */
  readonly interruptions: ReadonlyArray<ReadonlyArray<InterruptionRecord>>
  readonly timeZone: string
}

export interface RunServiceDeps {
  readonly store: EventStore
  readonly executor: RunExecutor
  /** The scenario version a run names, decoded; undefined when it does not exist. */
  readonly loadScenario: (id: string, version: number) => Promise<Scenario | undefined>
  /** A feed window's incidents, read off the event loop, as bytes for the run thread. */
  readonly readIncidents: (window: FeedWindow) => Promise<EncodedIncidents>
  /** The CLI's report for these replications: the report itself for one, means and half-widths for more. */
  readonly summarize: (reports: ReadonlyArray<Report>) => unknown
  /** Throws when a run with this many replayed incidents would exceed the expected-work limits (known only once read). */
  readonly checkWork?: (scenario: Scenario, replications: number, replayed: number) => void
  readonly concurrentRuns: number
  readonly queueCapacity: number
  readonly maxAttempts: number
  /** Ask the executor for replication 0's segment and dispatch logs too (the analytics export needs them). */
  readonly fullLogs?: boolean
  /** Called when a run completed and its results are stored (analytics export); a failure is reported, the run stays completed. */
  readonly onCompleted?: (run: RunState, scenario: Scenario, output: RunOutput) => Promise<void>
  readonly onCompletedError?: (run: RunState, error: unknown) => void
}

/** Interruption rows per stored event (~250 bytes each). */
const CHUNK = 2000
/** Replication reports per stored event (tens of kB each). */
const REPORTS_PER_EVENT = 10
const EVENTS_PER_APPEND = 8
const PROGRESS_EVENT_EVERY_MS = 1000
/** Whole results (replication reports and interruption logs can be megabytes) kept in memory. */
const RESULT_CACHE = 8
/** Serialized reports kept for the hot GET /runs/:id/report (tens of kB each). */
const REPORT_CACHE = 256

let eventCounter = 0
const eventId = (runId: string, type: string) =>
  `${runId}-${type}-${Date.now().toString(36)}-${(eventCounter++).toString(36)}-${randomBytes(3).toString("hex")}`
const now = () => new Date().toISOString()
const lifecycleEvent = (runId: string, e: RunEvent): NewEvent => runEvents.toNew(eventId(runId, e._tag), e)
const resultEvent = (runId: string, e: RunResultEvent): NewEvent => runResultEvents.toNew(eventId(runId, e._tag), e)

/** Puts `key` last (most recent) and drops the oldest beyond `capacity`. */
const lru = <V>(map: Map<string, V>, key: string, value: V, capacity: number): void => {
  map.delete(key)
  map.set(key, value)
  while (map.size > capacity) map.delete(map.keys().next().value!)
}

export class QueueFull extends ApiError {
  constructor(capacity: number, retryAfterSeconds: number) {
    super(503, "queue_full", `the run queue is full (limit runQueue is ${capacity}); retry later`, "", {
      retryAfterSeconds
    })
  }
}

/**
 * Runs as an event-sourced lifecycle with a bounded queue in front of a bounded number of executing runs.
 * The lifecycle's rules are decideRun's; this service queues, executes and appends the events they decide,
 * each before it takes effect in memory, so a restart folds the streams and picks up where the last process stopped.
 */
export class RunService {
  private readonly runs = new Map<string, RunState>()
  private readonly order: Array<string> = []
  private readonly queue: Array<string> = []
  private readonly executing = new Map<string, { abort: AbortController; done: Promise<void> }>()
  private readonly results = new Map<string, RunResult>()
  /** Serialized and encoded once: the hot report route writes these bytes as they are. */
  private readonly reportJsons = new Map<string, Buffer>()
  /** Set by shutdown: no new submissions, no new starts. */
  private draining = false
  /** Set once shutdown aborts what still executes: those runs are handed back, not failed. */
  private aborting = false
  private recentDurationsMs: Array<number> = []
  /** Set while a comparison's attribution replicates its variants: one at a time, beside the run queue. */
  private attribution: AbortController | undefined
  private submitting = 0

  constructor(private readonly deps: RunServiceDeps) {}

  /**
   * Folds every run from the store; queued runs go back in the queue, interrupted ones are re-run or failed
   * (decideRun's RecoverRun). A stored event that is not a run event stops the start, naming it.
   */
  async recover(): Promise<{ requeued: number; rerun: number; failed: number }> {
    const ids: Array<string> = []
    for await (const e of this.deps.store.readStream(RUN_INDEX_STREAM)) ids.push(runIndexEvents.fromStored(e).runId)
    let requeued = 0,
      rerun = 0,
      failed = 0
    for (const id of ids) {
      let state: RunState | undefined
      for await (const e of this.deps.store.readStream(runStream(id))) state = evolveRun(state, runEvents.fromStored(e))
      if (state === undefined) continue
      this.runs.set(id, state)
      this.order.push(id)
      if (TERMINAL.has(state.status)) continue
      const wasQueued = state.status === "queued"
      if (
        TERMINAL.has((await this.act(id, { _tag: "RecoverRun", at: now(), maxAttempts: this.deps.maxAttempts })).status)
      ) {
        failed++
        continue
      }
      this.queue.push(id)
      if (wasQueued) requeued++
      else rerun++
    }
    this.pump()
    return { requeued, rerun, failed }
  }

  /** Appends the events the run's rules decide, then applies them here. */
  private async act(id: string, command: RunCommand): Promise<RunState> {
    return this.record(id, decideRun(command, this.runs.get(id)))
  }

  private async record(id: string, events: ReadonlyArray<RunEvent>): Promise<RunState> {
    if (events.length > 0)
      await this.deps.store.append(
        runStream(id),
        events.map((e) => lifecycleEvent(id, e))
      )
    const next = events.reduce(evolveRun, this.runs.get(id))!
    this.runs.set(id, next)
    return next
  }

  private retryAfterSeconds(): number {
    const mean =
      this.recentDurationsMs.length === 0
        ? 30_000
        : this.recentDurationsMs.reduce((a, b) => a + b, 0) / this.recentDurationsMs.length
    return Math.max(1, Math.ceil(mean / 1000))
  }

  async submit(request: Omit<RunRequest, "runId" | "requestedAt">): Promise<RunState> {
    if (this.draining)
      throw new ApiError(503, "shutting_down", "the server is shutting down; retry on the next one", "", {
        retryAfterSeconds: 5
      })
    // Submissions still writing hold their place, so concurrent requests cannot overfill the queue.
    if (this.queue.length + this.submitting >= this.deps.queueCapacity)
      throw new QueueFull(this.deps.queueCapacity, this.retryAfterSeconds())
    this.submitting++
    const runId = newRunId()
    const requested = decideRun({ _tag: "RequestRun", at: now(), request: { ...request, runId } }, undefined)
    try {
      // Index first: a crash between the two appends leaves an index entry without a run (skipped on recovery),
      // never a run that recovery cannot find. The 202 goes out only after both.
      await this.deps.store.append(RUN_INDEX_STREAM, [
        runIndexEvents.toNew(eventId(runId, "RunIndexed"), { _tag: "RunIndexed", at: now(), runId })
      ])
      await this.deps.store.append(
        runStream(runId),
        requested.map((e) => lifecycleEvent(runId, e)),
        "no-stream"
      )
    } finally {
      this.submitting--
    }
    this.runs.set(runId, requested.reduce(evolveRun, undefined)!)
    this.order.push(runId)
    this.queue.push(runId)
    this.pump()
    return this.runs.get(runId)!
  }

  get(id: string): RunState | undefined {
    return isRunId(id) ? this.runs.get(id) : undefined
  }

  /** Newest first. */
  list(): ReadonlyArray<RunState> {
    return [...this.order].reverse().map((id) => this.runs.get(id)!)
  }

  queueDepth(): { queued: number; executing: number } {
    return { queued: this.queue.length, executing: this.executing.size }
  }

  async cancel(id: string, by: string): Promise<RunState> {
    const run = this.get(id)
    if (run === undefined) throw notFound(`run ${id}`, "params.id")
    let cancelled: ReadonlyArray<RunEvent>
    try {
      cancelled = decideRun({ _tag: "CancelRun", at: now(), by }, run)
    } catch (e) {
      if (e instanceof RunAlreadyEnded) throw conflict(`run ${id} is already ${e.status}`, "params.id")
      throw e
    }
    // Out of the queue before the append's await, so that no free slot starts it meanwhile.
    const queued = this.queue.indexOf(id)
    if (queued >= 0) this.queue.splice(queued, 1)
    const next = await this.record(id, cancelled)
    this.executing.get(id)?.abort.abort()
    return next
  }

  private pump(): void {
    while (!this.draining && this.executing.size < this.deps.concurrentRuns && this.queue.length > 0) {
      const id = this.queue.shift()!
      const abort = new AbortController()
      const entry = { abort, done: Promise.resolve() }
      this.executing.set(id, entry)
      entry.done = this.execute(id, abort.signal)
        .catch((error) => this.failUnlessStopped(id, error))
        .finally(() => {
          this.executing.delete(id)
          this.pump()
        })
    }
  }

  private async failUnlessStopped(id: string, error: unknown): Promise<void> {
    if (!this.runs.has(id)) return
    // A graceful shutdown aborted it: hand it back to the queue for the next process.
    if (this.aborting) {
      await this.act(id, { _tag: "HandBackRun", at: now() }).catch(() => undefined)
      return
    }
    const reason = error instanceof Error ? error.message : String(error)
    await this.act(id, { _tag: "FailRun", at: now(), reason }).catch(() => undefined)
  }

  private async execute(id: string, signal: AbortSignal): Promise<void> {
    const started = Date.now()
    const run = await this.act(id, { _tag: "StartRun", at: now() })
    const scenario = await this.deps.loadScenario(run.scenarioId, run.version)
    if (scenario === undefined)
      throw new ApiError(404, "not_found", `scenario ${run.scenarioId} version ${run.version} no longer exists`)
    const incidents = run.feed === undefined ? undefined : await this.deps.readIncidents(run.feed)
    if (incidents !== undefined) this.deps.checkWork?.(scenario, run.replications, incidents.count)
    let lastProgressEvent = 0
    const output = await this.deps.executor.execute(
      {
        scenario,
        seed: run.seed,
        replications: run.replications,
        fullLogs: this.deps.fullLogs === true,
        ...(incidents === undefined ? {} : { incidentsJson: incidents.json })
      },
      {
        signal,
        onProgress: (done, total) => {
          const current = this.runs.get(id)
          const progressed = decideRun({ _tag: "RecordProgress", at: now(), done, total }, current)
          // Applied here at every replication, stored at most once a second.
          this.runs.set(id, progressed.reduce(evolveRun, current)!)
          if (progressed.length > 0 && Date.now() - lastProgressEvent >= PROGRESS_EVENT_EVERY_MS && done < total) {
            lastProgressEvent = Date.now()
            void this.deps.store
              .append(
                runStream(id),
                progressed.map((e) => lifecycleEvent(id, e))
              )
              .catch(() => undefined)
          }
        }
      }
    )
    if (this.runs.get(id)?.status !== "running") return
    const summary = this.deps.summarize(output.reports)
    const result: RunResult = {
      reportJson: JSON.stringify(summary),
      reports: output.reports,
      interruptions: output.interruptions,
      timeZone: scenario.timeZone
    }
    const resultStream = await this.storeResult(id, summary, result)
    if (this.runs.get(id)?.status !== "running") return
    const completed = await this.act(id, {
      _tag: "CompleteRun",
      at: now(),
      resultStream,
      replications: output.reports.length,
      interruptions: output.interruptions.reduce((n, rows) => n + rows.length, 0)
    })
    if (completed.status !== "completed") return
    this.remember(id, result)
    this.recentDurationsMs = [...this.recentDurationsMs.slice(-9), Date.now() - started]
    await this.deps
      .onCompleted?.(completed, scenario, output)
      .catch((e: unknown) => this.deps.onCompletedError?.(completed, e))
  }

  private async storeResult(id: string, summary: unknown, result: RunResult): Promise<string> {
    const at = now()
    const events: Array<NewEvent> = [
      resultEvent(id, { _tag: "RunReport", at, report: summary, timeZone: result.timeZone })
    ]
    for (let i = 0; i < result.reports.length; i += REPORTS_PER_EVENT) {
      events.push(
        resultEvent(id, {
          _tag: "RunReplicationReports",
          at,
          from: i,
          reports: result.reports.slice(i, i + REPORTS_PER_EVENT)
        })
      )
    }
    result.interruptions.forEach((rows, replication) => {
      for (let i = 0; i < rows.length; i += CHUNK)
        events.push(
          resultEvent(id, { _tag: "RunInterruptions", at, replication, from: i, rows: rows.slice(i, i + CHUNK) })
        )
    })
    // A fresh stream per attempt: a crash between storing and RunCompleted leaves an orphan, never a mix.
    const stream = runResultStream(id, randomBytes(4).toString("hex"))
    // Appended a few events at a time, so no write comes near a Kafka message limit however many replications.
    for (let i = 0; i < events.length; i += EVENTS_PER_APPEND)
      await this.deps.store.append(stream, events.slice(i, i + EVENTS_PER_APPEND), i)
    return stream
  }

  private remember(id: string, result: RunResult): void {
    lru(this.results, id, result, RESULT_CACHE)
    lru(this.reportJsons, id, Buffer.from(result.reportJson), REPORT_CACHE)
  }

  private completed(id: string): RunState {
    const run = this.runs.get(id)
    if (run === undefined) throw notFound(`run ${id}`, "params.id")
    if (run.status !== "completed") {
      throw conflict(
        `run ${id} is ${run.status}${run.reason === undefined ? "" : ` (${run.reason})`}; results exist once it is completed`,
        "params.id"
      )
    }
    return run
  }

  /** A completed run's report as served: from memory, else only the first event of its result stream. */
  async reportJson(id: string): Promise<Buffer> {
    const run = this.completed(id)
    const cached = this.reportJsons.get(id)
    if (cached !== undefined) return cached
    for await (const stored of this.deps.store.readStream(run.resultStream ?? "")) {
      const e = runResultEvents.fromStored(stored)
      if (e._tag !== "RunReport") continue
      const json = Buffer.from(JSON.stringify(e.report))
      lru(this.reportJsons, id, json, REPORT_CACHE)
      return json
    }
    throw new Error(`run ${id} is completed but its result stream ${run.resultStream} holds no report`)
  }

  /** A completed run's results, from memory or folded from its result stream. */
  async result(id: string): Promise<RunResult> {
    const run = this.completed(id)
    const cached = this.results.get(id)
    if (cached !== undefined) return cached
    let reportJson = "null",
      timeZone = "Europe/Stockholm"
    const reports: Array<Report> = [],
      interruptions: Array<Array<InterruptionRecord>> = []
    for await (const stored of this.deps.store.readStream(run.resultStream ?? "")) {
      const e = runResultEvents.fromStored(stored)
      switch (e._tag) {
        case "RunReport":
          reportJson = JSON.stringify(e.report)
          timeZone = e.timeZone
          break
        case "RunReplicationReports":
          reports.push(...e.reports)
          break
        // Streams stored before every replication's log was kept hold replication 0's only, without the field.
        case "RunInterruptions":
          ;(interruptions[e.replication ?? 0] ??= []).push(...e.rows)
      }
    }
    for (let r = 0; r < Math.max(1, reports.length); r++) interruptions[r] ??= []
    const result = { reportJson, reports, interruptions, timeZone }
    this.remember(id, result)
    return result
  }

  /**
   * Replications of variants of a completed run's scenario (a comparison's attribution) on that run's seed,
   * replications and feed window, so each pairs with it; on the runs' executor, one attribution at a time.
   */
  async replicateVariants(run: RunState, variants: ReadonlyArray<Scenario>): Promise<Array<ReadonlyArray<Report>>> {
    if (this.draining)
      throw new ApiError(503, "shutting_down", "the server is shutting down; retry on the next one", "", {
        retryAfterSeconds: 5
      })
    if (this.attribution !== undefined) {
      throw new ApiError(503, "busy", "another comparison is being attributed; retry later", "", {
        retryAfterSeconds: this.retryAfterSeconds()
      })
    }
    const abort = new AbortController()
    this.attribution = abort
    try {
      const incidents = run.feed === undefined ? undefined : await this.deps.readIncidents(run.feed)
      const out: Array<ReadonlyArray<Report>> = []
      for (const scenario of variants) {
        const job = {
          scenario,
          seed: run.seed,
          replications: run.replications,
          ...(incidents === undefined ? {} : { incidents })
        }
        out.push((await this.deps.executor.execute(job, { signal: abort.signal, onProgress: () => undefined })).reports)
      }
      return out
    } catch (e) {
      if (abort.signal.aborted)
        throw new ApiError(503, "shutting_down", "the server is shutting down; retry on the next one", "", {
          retryAfterSeconds: 5
        })
      throw e
    } finally {
      this.attribution = undefined
    }
  }

  /**
   * Stops taking runs; waits up to `graceMs` for executing runs to finish, then aborts the rest, which are
   * handed back (RunRequeued) so the next start runs them.
   */
  async shutdown(graceMs: number): Promise<void> {
    this.draining = true
    this.attribution?.abort()
    const all = () => Promise.all([...this.executing.values()].map((e) => e.done))
    let timer: NodeJS.Timeout | undefined
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((r) => {
        timer = setTimeout(() => r(true), graceMs)
      })
    ])
    clearTimeout(timer)
    if (timedOut) {
      this.aborting = true
      for (const e of this.executing.values()) e.abort.abort()
      await all()
    }
  }
}
