import { Schema } from "effect"
import type { RunEvent, RunRequested } from "./events.js"

export const RUN_INDEX_STREAM = "run-index"
export const runStream = (id: string) => `run-${id}`
/** Results live apart from the lifecycle so that folding a run's status never reads its report; one stream per attempt. */
export const runResultStream = (id: string, attempt: string) => `run-result-${id}-${attempt}`

export const RunStatus = Schema.Literals(["queued", "running", "completed", "failed", "cancelled"])
export type RunStatus = typeof RunStatus.Type
export const TERMINAL: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled"])

/** What a run was asked to do: the RunRequested event without its tag and time. */
export type RunRequest = Omit<RunRequested, "_tag" | "at">

export interface RunState extends RunRequest {
  readonly status: RunStatus
  /** Attempts that started and were not handed back by a graceful shutdown. */
  readonly attempts: number
  readonly progress: { readonly done: number; readonly total: number }
  readonly startedAt?: string
  readonly finishedAt?: string
  readonly reason?: string
  readonly cancelledBy?: string
  /** Where the completed run's report, replications and interruptions are stored. */
  readonly resultStream?: string
}

export const evolveRun = (state: RunState | undefined, e: RunEvent): RunState | undefined => {
  if (e._tag === "RunRequested") {
    const { _tag, at: _at, ...request } = e
    return { ...request, status: "queued", attempts: 0, progress: { done: 0, total: e.replications } }
  }
  if (state === undefined) return undefined
  switch (e._tag) {
    case "RunStarted":
      return {
        ...state,
        status: "running",
        attempts: state.attempts + 1,
        startedAt: e.at,
        progress: { done: 0, total: state.replications }
      }
    case "RunProgressed":
      return { ...state, progress: { done: e.done, total: e.total } }
    case "RunRequeued":
      return { ...state, status: "queued", attempts: state.attempts - 1 }
    case "RunCompleted":
      return {
        ...state,
        status: "completed",
        finishedAt: e.at,
        resultStream: e.resultStream,
        progress: { done: state.replications, total: state.replications }
      }
    case "RunFailed":
      return { ...state, status: "failed", finishedAt: e.at, reason: e.reason }
    case "RunCancelled":
      return { ...state, status: "cancelled", finishedAt: e.at, cancelledBy: e.by }
  }
}

/** What can be asked of a run. `at` is the caller's clock, so that deciding stays pure. */
export type RunCommand =
  | { readonly _tag: "RequestRun"; readonly at: string; readonly request: Omit<RunRequest, "requestedAt"> }
  /** A process starts: what it does with a run the last process left. */
  | { readonly _tag: "RecoverRun"; readonly at: string; readonly maxAttempts: number }
  | { readonly _tag: "StartRun"; readonly at: string }
  | { readonly _tag: "RecordProgress"; readonly at: string; readonly done: number; readonly total: number }
  | {
      readonly _tag: "CompleteRun"
      readonly at: string
      readonly resultStream: string
      readonly replications: number
      readonly interruptions: number
    }
  | { readonly _tag: "FailRun"; readonly at: string; readonly reason: string }
  /** A graceful shutdown cut it off: the next process runs it. */
  | { readonly _tag: "HandBackRun"; readonly at: string }
  | { readonly _tag: "CancelRun"; readonly at: string; readonly by: string }

export class RunAlreadyExists extends Error {
  readonly _tag = "RunAlreadyExists"
  constructor(readonly runId: string) {
    super(`run ${runId} already exists`)
  }
}
export class RunNotFound extends Error {
  readonly _tag = "RunNotFound"
  constructor() {
    super("no such run")
  }
}
export class RunAlreadyEnded extends Error {
  readonly _tag = "RunAlreadyEnded"
  constructor(readonly status: RunStatus) {
    super(`the run is already ${status}`)
  }
}
export class RunNotQueued extends Error {
  readonly _tag = "RunNotQueued"
  constructor(readonly status: RunStatus) {
    super(`a ${status} run cannot start`)
  }
}

const none: ReadonlyArray<RunEvent> = []

/**
 * The run's rules: which events a command leads to, given the run as folded so far. Throws for what must not
 * be asked (cancelling an ended run); answers no events where a race made the command moot (a run cancelled
 * while it executed completes nothing).
 */
export const decideRun = (command: RunCommand, state: RunState | undefined): ReadonlyArray<RunEvent> => {
  const { at } = command
  if (command._tag === "RequestRun") {
    if (state !== undefined) throw new RunAlreadyExists(state.runId)
    return [{ _tag: "RunRequested", at, ...command.request, requestedAt: at }]
  }
  if (state === undefined) throw new RunNotFound()
  switch (command._tag) {
    case "RecoverRun":
      // Queued runs wait again; one cut off while running is started again unless it used its attempts.
      if (state.status !== "running" || state.attempts < command.maxAttempts) return none
      return [
        {
          _tag: "RunFailed",
          at,
          reason: `the server stopped during each of ${state.attempts} attempts; not retried again (limit ${command.maxAttempts})`
        }
      ]
    case "StartRun":
      // "running" here is a run the last process left running and recovery let start again.
      if (TERMINAL.has(state.status)) throw new RunNotQueued(state.status)
      return [{ _tag: "RunStarted", at, attempt: state.attempts + 1 }]
    case "RecordProgress":
      return state.status === "running"
        ? [{ _tag: "RunProgressed", at, done: command.done, total: command.total }]
        : none
    case "CompleteRun":
      if (state.status !== "running") return none
      return [
        {
          _tag: "RunCompleted",
          at,
          resultStream: command.resultStream,
          replications: command.replications,
          interruptions: command.interruptions
        }
      ]
    case "FailRun":
      return TERMINAL.has(state.status) ? none : [{ _tag: "RunFailed", at, reason: command.reason }]
    case "HandBackRun":
      return TERMINAL.has(state.status) ? none : [{ _tag: "RunRequeued", at, reason: "server shutdown" }]
    case "CancelRun":
      if (TERMINAL.has(state.status)) throw new RunAlreadyEnded(state.status)
      return [{ _tag: "RunCancelled", at, by: command.by }]
  }
}
