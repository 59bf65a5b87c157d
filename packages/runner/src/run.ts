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
import { type CallSupplies, simulate } from "@igv/simulator"

export interface FoldSimulationOptions {
  readonly seed: number
  /** A recorded feed window's incidents, replayed in addition to the scenario's synthetic demand. */
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  /** Hears, now and then, the share of the horizon simulated so far. */
  readonly onFraction?: (fraction: number) => void
  /** Where the synthetic calls are drawn: by default in this thread, as the run takes them. */
  readonly callSupplies?: CallSupplies
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
  const run = {
    seed: options.seed,
    ...(options.incidents === undefined ? {} : { incidents: options.incidents }),
    ...(options.onFraction === undefined ? {} : { onFraction: options.onFraction }),
    ...(options.callSupplies === undefined ? {} : { callSupplies: options.callSupplies })
  }
  // A projection with a sink (the report) takes the events as calls, without an object per event.
  if (projection.sink !== undefined) simulate(scenario, { ...run, sink: projection.sink(state) })
  else
    simulate(scenario, {
      ...run,
      onEvent: (event: IgvEvent) => {
        state = projection.evolve(state, event)
      }
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
  onFraction?: (fraction: number) => void,
  callSupplies?: CallSupplies
): ReplicationResult => {
  const options = {
    seed,
    ...(incidents === undefined ? {} : { incidents }),
    ...(onFraction === undefined ? {} : { onFraction }),
    ...(callSupplies === undefined ? {} : { callSupplies })
  }
  if (logs === "none") return { report: foldSimulation(scenario, reportProjection({ scenario }), options) }
  const report = reportProjection({ scenario }),
    interruptions = interruptionLogIn(scenario.timeZone)
  const projection =
    logs === "all"
      ? combine({ report, interruptions, segments: segmentLog, dispatches: dispatchLog })
      : combine({ report, interruptions })
  return foldSimulation(scenario, projection as Projection<unknown, ReplicationResult>, options)
}
