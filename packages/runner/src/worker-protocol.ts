import type { IncidentRegistered, Scenario } from "@igv/domain"
import type { MetricsReport as Report } from "@igv/metrics"

/** What each worker is started with: the inputs shared by all its replications. */
export interface WorkerInput {
  readonly scenario: Scenario
  readonly incidents: ReadonlyArray<IncidentRegistered> | undefined
  readonly progress: boolean
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
  | { readonly kind: "done"; readonly r: number; readonly report: Report }
  | { readonly kind: "error"; readonly r: number; readonly message: string; readonly stack?: string }
