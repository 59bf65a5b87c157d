import type { EventSink, IgvEvent, IncidentRegistered } from "@igv/domain"
import type { CallSupplies } from "./call-draws.js"

interface RunOptions {
  /** The replication's seed; combined with scenario.seed for every random stream. */
  readonly seed: number
  /** A recorded feed to replay (any order), in addition to scenario.demand.synthetic; only incidents inside the horizon are replayed. */
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  /** Hears the share of the horizon simulated so far: at the first event, then every 65,536 events. */
  readonly onFraction?: (fraction: number) => void
  /** Where the synthetic streams' calls are drawn: by default here, as the run takes them (see call-draws). */
  readonly callSupplies?: CallSupplies
}

/**
 * Where the events go, in nondecreasing `t`, synchronously: `onEvent` receives each as its `IgvEvent`; a `sink`
 * takes them as calls, without an object per event (see `EventSink`).
 */
export type SimulationOptions = RunOptions &
  ({ readonly onEvent: (event: IgvEvent) => void } | { readonly sink: EventSink })

export interface SimulationSummary {
  /** Events emitted. */
  readonly events: number
  /** Incidents registered (synthetic and replayed, including those handled otherwise). */
  readonly incidents: number
  /** Incidents still waiting for a patrol when no patrol would ever come again. */
  readonly unserved: number
  /** The horizon: local midnight of scenario.start … local midnight `days` later, in minutes since the epoch. */
  readonly startT: number
  readonly endT: number
}
