import type { Scenario } from "@igv/domain"
import { reportProjection, type MetricsReport } from "@igv/metrics"
import { simulate } from "@igv/simulator"
import { mmcScenario, scenarioStartMinutes, type MMcSetup } from "./mmc-scenario.js"
import { observeQueue, type QueueObservation } from "./queue-observer.js"

export interface MMcRun {
  readonly queue: QueueObservation
  readonly report: MetricsReport
}

/**
 * One long run of an M/M/c scenario. The queue is observed on [start + warmUpDays, end − coolDownDays):
 * the warm-up drops the empty system at the start, the cool-down leaves time for calls registered in
 * the window to be dispatched before the horizon. The report folds the whole run.
 */
export const runMMc = (setup: MMcSetup, seed: number, warmUpDays = 1, coolDownDays = 1): MMcRun => {
  const scenario = mmcScenario({ ...setup, seed })
  const observer = windowObserver(scenario, setup, warmUpDays, coolDownDays)
  const projection = reportProjection({ scenario })
  let state = projection.initial()
  simulate(scenario, {
    seed,
    onEvent: (e) => {
      observer.onEvent(e)
      state = projection.evolve(state, e)
    }
  })
  return { queue: observer.finish(), report: projection.finish(state) }
}

const windowObserver = (scenario: Scenario, setup: MMcSetup, warmUpDays: number, coolDownDays: number) => {
  const start = scenarioStartMinutes(scenario)
  return observeQueue(start + warmUpDays * 1440, start + (setup.days - coolDownDays) * 1440)
}

/** The same run observed as a queue only, without folding the report (for suites that do not read it). */
export const runMMcQueue = (setup: MMcSetup, seed: number, warmUpDays = 1, coolDownDays = 1): QueueObservation => {
  const scenario = mmcScenario({ ...setup, seed })
  const observer = windowObserver(scenario, setup, warmUpDays, coolDownDays)
  simulate(scenario, { seed, onEvent: observer.onEvent })
  return observer.finish()
}
