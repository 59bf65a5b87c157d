import type { IgvEvent, Scenario } from "@igv/domain"
import { fold, reportProjection, type MetricsReport } from "@igv/metrics"
import { simulate } from "@igv/simulator"

export interface ScenarioRun {
  /** Every event, copied as it was emitted, in emission order. */
  readonly events: ReadonlyArray<IgvEvent>
  readonly report: MetricsReport
}

/** Simulates a scenario with its own seed and folds the report over the emitted events. */
export const runScenario = (scenario: Scenario, seed = scenario.seed): ScenarioRun => {
  const events: Array<IgvEvent> = []
  simulate(scenario, {
    seed,
    onEvent: (e) => {
      events.push({ ...e })
    }
  })
  return { events, report: fold(reportProjection({ scenario }), events) }
}
