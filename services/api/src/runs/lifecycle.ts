import { Schema } from "effect"
import type { StoredEvent } from "@igv/event-store"

export const RUN_INDEX_STREAM = "run-index"
export const runStream = (id: string) => `run-${id}`
/** Results live apart from the lifecycle so that folding a run's status never reads its report; one stream per attempt. */
export const runResultStream = (id: string, attempt: string) => `run-result-${id}-${attempt}`

export const FeedWindow = Schema.Struct({
  from: Schema.String.annotations({ description: "a date (local midnight), a local time or ISO 8601 with an offset; inclusive. Stored with its offset." }),
  to: Schema.String.annotations({ description: "the same forms; exclusive" }),
  area: Schema.optional(Schema.String)
}).annotations({ identifier: "FeedWindow" })
export type FeedWindow = typeof FeedWindow.Type

export interface RunRequested {
  readonly runId: string
  readonly scenarioId: string
  readonly version: number
  readonly seed: number
  readonly replications: number
  /** Replay a stored feed window; synthetic demand from the scenario when absent. */
  readonly feed?: FeedWindow
  readonly requestedBy: string
  readonly requestedAt: string
}

export const RunStatus = Schema.Literal("queued", "running", "completed", "failed", "cancelled")
export type RunStatus = typeof RunStatus.Type
export const TERMINAL: ReadonlySet<RunStatus> = new Set(["completed", "failed", "cancelled"])

export interface RunState extends RunRequested {
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

/**
 * The lifecycle, one event type each: RunRequested, RunStarted, RunProgressed, RunRequeued (graceful
 * shutdown handed it back), RunCompleted, RunFailed {reason}, RunCancelled {by}.
 */
export const evolveRun = (state: RunState | undefined, e: StoredEvent): RunState | undefined => {
  const p = e.payload as Record<string, any>
  if (e.type === "RunRequested") {
    const r = p as RunRequested
    return { ...r, status: "queued", attempts: 0, progress: { done: 0, total: r.replications } }
  }
  if (state === undefined) return undefined
  switch (e.type) {
    case "RunStarted": return { ...state, status: "running", attempts: state.attempts + 1, startedAt: e.occurredAt, progress: { done: 0, total: state.replications } }
    case "RunProgressed": return { ...state, progress: { done: p["done"], total: p["total"] } }
    case "RunRequeued": return { ...state, status: "queued", attempts: state.attempts - 1 }
    case "RunCompleted": return { ...state, status: "completed", finishedAt: e.occurredAt, resultStream: p["resultStream"], progress: { done: state.replications, total: state.replications } }
    case "RunFailed": return { ...state, status: "failed", finishedAt: e.occurredAt, reason: p["reason"] }
    case "RunCancelled": return { ...state, status: "cancelled", finishedAt: e.occurredAt, cancelledBy: p["by"] }
    default: return state
  }
}
