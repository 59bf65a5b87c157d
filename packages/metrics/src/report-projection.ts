import { DEFAULT_TIME_ZONE } from "@igv/domain"
import type { IgvEvent, Scenario } from "@igv/domain"
import { LocalHours } from "./local-hours.js"
import type { Projection } from "./projection.js"
import { evolve } from "./report-evolve.js"
import { finishWith } from "./report-finish.js"
import type { MetricsReport } from "./report-finish.js"
import { newState } from "./report-state.js"

export { emptyTagFigures } from "./report-finish.js"
export type { HourFigures, MetricsBody, MetricsReport, TagFigures } from "./report-finish.js"

export interface ReportOptions {
  /** Local time zone for the by-hour figures; Europe/Stockholm by default. */
  readonly timeZone?: string
  /** Lower bounds (minutes) of the uninterrupted-segment histogram's bins; the last bin is open. */
  readonly segmentBinsMinutes?: ReadonlyArray<number>
  /**
   * Show tasks and time around jobs (and split free time by this share): set for a scenario that uses them
   * (`reportOptionsOf`). Without it they show only when the feed holds their events, with the split unknown.
   */
  readonly patrolWork?: { readonly selfInitiatedShare: number }
}

/** The report options a scenario's runs use: its time zone, and its tasks and time around jobs if it has any. */
export const reportOptionsOf = (scenario: Scenario): ReportOptions => {
  const uses =
    scenario.tasks !== undefined || scenario.leadership !== undefined || scenario.timeAroundJobs !== undefined
  return uses
    ? { timeZone: scenario.timeZone, patrolWork: { selfInitiatedShare: scenario.leadership?.selfInitiatedShare ?? 0 } }
    : { timeZone: scenario.timeZone }
}

export const DEFAULT_SEGMENT_BINS: ReadonlyArray<number> = [0, 15, 30, 60, 90, 120, 180, 240]

const validBins = (bins: ReadonlyArray<number>): ReadonlyArray<number> => {
  if (bins.length === 0) throw new RangeError("segmentBinsMinutes needs at least one bin")
  for (let i = 1; i < bins.length; i++) {
    if (!(bins[i]! > bins[i - 1]!)) throw new RangeError(`segmentBinsMinutes must increase: ${bins.join(", ")}`)
  }
  return [...bins]
}

/**
 * The planners' report (the `--json` contract) as one fold. See the package README for how
 * every figure is defined, including incidents never dispatched and intervals open at the end.
 */
export const reportProjection = (options: ReportOptions = {}): Projection<unknown, MetricsReport> => {
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE
  const bins = validBins(options.segmentBinsMinutes ?? DEFAULT_SEGMENT_BINS)
  const finish = finishWith(bins, options.patrolWork)
  return {
    initial: () => newState(new LocalHours(timeZone)),
    evolve: evolve as (s: unknown, e: IgvEvent) => unknown,
    finish: finish as (s: unknown) => MetricsReport
  }
}
