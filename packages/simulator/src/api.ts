import type { IgvEvent, IncidentRegistered } from "@igv/domain"

export interface SimulationOptions {
  /** The replication's seed; combined with scenario.seed for every random stream. */
  readonly seed: number
  /** A recorded feed to replay (any order), in addition to scenario.demand.synthetic; only incidents inside the horizon are replayed. */
  readonly incidents?: ReadonlyArray<IncidentRegistered>
  /** Receives every event in nondecreasing `t`, synchronously. */
  readonly onEvent: (event: IgvEvent) => void
}

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
