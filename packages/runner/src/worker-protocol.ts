import type { IncidentRegistered, Scenario } from "@igv/domain"
import type { ReplicationLogs, ReplicationResult } from "./run.js"

/** What each worker is started with: the inputs shared by all its replications. */
export interface WorkerInput {
  readonly scenario: Scenario
  readonly incidents: ReadonlyArray<IncidentRegistered> | undefined
  readonly progress: boolean
  /** The logs replication 0 folds beside its report, and those of every other replication. */
  readonly logs: { readonly first: ReplicationLogs; readonly rest: ReplicationLogs }
}

/** Run replication `r` with this seed. */
export interface ToWorker {
  readonly r: number
  readonly seed: number
}

export type FromWorker =
  /** Modules loaded: send work. */
  | { readonly kind: "ready" }
  | { readonly kind: "progress"; readonly r: number; readonly fraction: number }
  | { readonly kind: "done"; readonly r: number; readonly result: ReplicationResult }
  | { readonly kind: "error"; readonly r: number; readonly message: string; readonly stack?: string }
