import type { IgvEvent, IncidentRegistered, Scenario } from "@igv/domain"
import {
  combine,
  dispatchLog,
  interruptionLogIn,
  reportProjection,
  segmentLog,
  type DispatchRecord,
  type InterruptionRecord,
  type MetricsReport,
  type Projection,
  type SegmentRecord
} from "@igv/metrics"
import { horizonOf, simulate } from "@igv/simulator"

/** How often (in events) a run reports how far through its horizon it is. */
const PROGRESS_EVERY = 1 << 16

export interface FoldSimulationOptions {
  readonly seed: number
  /** A recorded feed window's incidents, replayed in addition to the scenario's synthetic demand. */
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  /** Hears, now and then, the share of the horizon simulated so far. */
  readonly onFraction?: (fraction: number) => void
}

/**
 * One simulation folded straight into a projection (several at once through `combine`): events are never
 * stored. Every run of the project (replications, a run's logs, the ClickHouse export) simulates through here.
 */
export const foldSimulation = <S, R>(
  scenario: Scenario,
  projection: Projection<S, R>,
  options: FoldSimulationOptions
): R => {
  let state = projection.initial()
  const { onFraction } = options
  let onEvent = (event: IgvEvent) => {
    state = projection.evolve(state, event)
  }
  if (onFraction !== undefined) {
    const { startT, endT } = horizonOf(scenario)
    const span = Math.max(1, endT - startT)
    let n = 0
    onEvent = (event: IgvEvent) => {
      state = projection.evolve(state, event)
      if (++n % PROGRESS_EVERY === 0) onFraction(Math.min(1, Math.max(0, (event.t - startT) / span)))
    }
  }
  simulate(scenario, {
    seed: options.seed,
    ...(options.incidents === undefined ? {} : { incidents: options.incidents }),
    onEvent
  })
  return projection.finish(state)
}

/** One simulation folded into its report. */
export const runOnce = (
  scenario: Scenario,
  seed: number,
  incidents?: ReadonlyArray<IncidentRegistered>,
  onFraction?: (fraction: number) => void
): MetricsReport =>
  foldSimulation(scenario, reportProjection({ scenario }), {
    seed,
    ...(incidents === undefined ? {} : { incidents }),
    ...(onFraction === undefined ? {} : { onFraction })
  })

/** Which logs a replication folds beside its report: none, its interruptions, or those and its segments and dispatches. */
export type ReplicationLogs = "none" | "interruptions" | "all"

/** One replication's report and the logs it was asked for, folded in the same pass over its events. */
export interface ReplicationResult {
  readonly report: MetricsReport
  readonly interruptions?: ReadonlyArray<InterruptionRecord>
  readonly segments?: ReadonlyArray<SegmentRecord>
  readonly dispatches?: ReadonlyArray<DispatchRecord>
}

/** One simulation folded into its report and, in the same pass, the logs asked for: nothing is simulated twice. */
export const runReplication = (
  scenario: Scenario,
  seed: number,
  logs: ReplicationLogs,
  incidents?: ReadonlyArray<IncidentRegistered>,
  onFraction?: (fraction: number) => void
): ReplicationResult => {
  if (logs === "none") return { report: runOnce(scenario, seed, incidents, onFraction) }
  const report = reportProjection({ scenario }),
    interruptions = interruptionLogIn(scenario.timeZone)
  const projection =
    logs === "all"
      ? combine({ report, interruptions, segments: segmentLog, dispatches: dispatchLog })
      : combine({ report, interruptions })
  return foldSimulation(scenario, projection as Projection<unknown, ReplicationResult>, {
    seed,
    ...(incidents === undefined ? {} : { incidents }),
    ...(onFraction === undefined ? {} : { onFraction })
  })
}
