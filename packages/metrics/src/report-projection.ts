import { DEFAULT_TIME_ZONE, deliverEvent, horizonOf } from "@igv/domain"
import type { IgvEvent, Scenario } from "@igv/domain"
import { LocalHours } from "./local-hours.js"
import type { PatrolWorkFigures } from "./report-patrol-work.js"
import type { Projection } from "./projection.js"
import { ReportFold } from "./report-evolve.js"
import { finishWith } from "./report-finish.js"
import type { MetricsReport } from "./report-finish.js"
import { newState } from "./report-state.js"

export { emptyTagFigures } from "./report-finish.js"
export type { HourFigures, MetricsBody, MetricsReport, TagFigures } from "./report-finish.js"

export interface ReportOptions {
  /** Lower bounds (minutes) of the uninterrupted-segment histogram's bins; the last bin is open. */
  readonly segmentBinsMinutes?: ReadonlyArray<number>
}

/** What a simulated run's report needs to know of its scenario. */
export type ReportScenario = Pick<Scenario, "start" | "days" | "timeZone" | "tasks" | "leadership" | "timeAroundJobs">

/** A recorded feed: no scenario says whether tasks and time around jobs were kept, nor how free time splits. */
export interface RecordedFeed {
  /** Local time zone for the by-hour figures; Europe/Stockholm by default. */
  readonly timeZone?: string
}

/**
 * What the report folds, which it must be told (there is no default, so no caller can leave the tasks out by
 * forgetting an option): a simulated run of a scenario, whose tasks and time around jobs are shown whenever the
 * scenario has them (with free time split by its self-initiated share), or a recorded feed, where they are shown
 * only when the feed holds their events and the split is unknown.
 */
export type ReportSource = { readonly scenario: ReportScenario } | { readonly recordedFeed: RecordedFeed }

const patrolWorkOf = (scenario: ReportScenario): PatrolWorkFigures | undefined =>
  scenario.tasks !== undefined || scenario.leadership !== undefined || scenario.timeAroundJobs !== undefined
    ? { selfInitiatedShare: scenario.leadership?.selfInitiatedShare ?? 0 }
    : undefined

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
export const reportProjection = (
  source: ReportSource,
  options: ReportOptions = {}
): Projection<unknown, MetricsReport> => {
  // Checked at run time too, for callers outside the compiler's reach (plain JavaScript, a cast).
  if (typeof source === "object" && source !== null) {
    if ("scenario" in source) {
      const s = source.scenario
      return projectionWith(s.timeZone, options, patrolWorkOf(s), horizonOf(s).endT)
    }
    if ("recordedFeed" in source) return projectionWith(source.recordedFeed.timeZone, options, undefined)
  }
  throw new TypeError("reportProjection needs { scenario } for a simulated run or { recordedFeed } for a recorded one")
}

/**
 * The fold, with the tasks and time around jobs shown (and free time split) as `patrolWork` says, or as the feed
 * does; planned time past `horizonEnd` (a simulated run's) is kept apart from the plan.
 */
export const projectionWith = (
  timeZone: string | undefined,
  options: ReportOptions,
  patrolWork: PatrolWorkFigures | undefined,
  horizonEnd = Number.POSITIVE_INFINITY
): Projection<unknown, MetricsReport> => {
  const zone = timeZone ?? DEFAULT_TIME_ZONE
  const bins = validBins(options.segmentBinsMinutes ?? DEFAULT_SEGMENT_BINS)
  const finish = finishWith(bins, patrolWork)
  return {
    initial: () => new ReportFold(newState(new LocalHours(zone), horizonEnd)),
    evolve: (fold, e: IgvEvent) => {
      deliverEvent(fold as ReportFold, e)
      return fold
    },
    finish: (fold) => finish((fold as ReportFold).s),
    sink: (fold) => fold as ReportFold
  }
}
