import { fromLocal, type IgvEvent, type IncidentRegistered, type Scenario } from "@igv/domain"
import { reportProjection, type MetricsReport } from "@igv/metrics"
import { simulate } from "@igv/simulator"

/** How often (in events) a run reports how far through its horizon it is. */
const PROGRESS_EVERY = 1 << 16

/** Start and end of the simulated horizon, in instants. */
export const horizon = (scenario: Scenario): { startT: number; endT: number } => {
  const [y, m, d] = scenario.start.split("-").map(Number) as [number, number, number]
  const startT = fromLocal(y, m, d, 0, 0, scenario.timeZone)
  const end = new Date(Date.UTC(y, m - 1, d + scenario.days))
  const endT = fromLocal(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate(), 0, 0, scenario.timeZone)
  return { startT, endT }
}

/**
 * One simulation folded straight into a report: events are never stored.
 * `onFraction` hears, now and then, the share of the horizon simulated so far.
 */
export const runOnce = (
  scenario: Scenario,
  seed: number,
  incidents?: ReadonlyArray<IncidentRegistered>,
  onFraction?: (fraction: number) => void
): MetricsReport => {
  const projection = reportProjection({ timeZone: scenario.timeZone })
  let state = projection.initial()
  const { startT, endT } = horizon(scenario)
  const span = Math.max(1, endT - startT)
  let n = 0
  simulate(scenario, {
    seed,
    ...(incidents === undefined ? {} : { incidents }),
    onEvent: onFraction === undefined
      ? (event: IgvEvent) => { state = projection.evolve(state, event) }
      : (event: IgvEvent) => {
        state = projection.evolve(state, event)
        if (++n % PROGRESS_EVERY === 0) onFraction(Math.min(1, Math.max(0, (event.t - startT) / span)))
      }
  })
  return projection.finish(state)
}
