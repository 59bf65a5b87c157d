import type { Scenario } from "@igv/domain"
import { DEFAULT_TIME_ZONE } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { readFeedWindow, readIncidents, type ReplayWindow } from "@igv/ingest"
import { fold, type InterruptionRecord, patrolTimeline, type PatrolTimeline, type TimelineFilter } from "@igv/metrics"
import { foldSimulation, replicationSeed } from "@igv/runner"

/** A patrol timeline of what really happened in a stored window, or of a run's replication drawn once more. */
export type TimelineRequest =
  | { readonly source: "history"; readonly window: ReplayWindow; readonly filter: TimelineFilter }
  | {
      readonly source: "run"
      readonly scenario: Scenario
      readonly seed: number
      readonly replication: number
      /** The stored feed window the run replayed. */
      readonly feed?: ReplayWindow
      readonly filter: TimelineFilter
    }

/**
 * A run keeps its reports and interruption rows, not its events; the simulator is deterministic, so the
 * replication is simulated again on its seed (and replayed window) and folded into the timeline.
 */
export const readTimeline = async (store: EventStore, request: TimelineRequest): Promise<PatrolTimeline> => {
  if (request.source === "history")
    return fold(patrolTimeline(request.filter, DEFAULT_TIME_ZONE), await readFeedWindow(store, request.window))
  const incidents = request.feed === undefined ? undefined : await readIncidents(store, request.feed)
  return foldSimulation(request.scenario, patrolTimeline(request.filter, request.scenario.timeZone), {
    seed: replicationSeed(request.seed, request.replication),
    ...(incidents === undefined ? {} : { incidents })
  })
}

const interruptionKey = (r: InterruptionRecord) => `${r.t}|${r.patrol}|${r.block}|${r.incident}|${r.minutesLost}`

/**
 * A run's stored interruption rows are the record; a replication simulated again must give the same rows in
 * the window, or the simulator has changed since the run and its timeline would show something else.
 */
export const sameInterruptions = (
  stored: ReadonlyArray<InterruptionRecord>,
  drawn: PatrolTimeline,
  f: TimelineFilter & { from: number; to: number }
): boolean => {
  const inWindow = (r: InterruptionRecord) =>
    r.t >= f.from &&
    r.t < f.to &&
    (f.patrols === undefined || f.patrols.includes(r.patrol)) &&
    (f.area === undefined || r.area === f.area)
  const keys = (rows: ReadonlyArray<InterruptionRecord>) => rows.filter(inWindow).map(interruptionKey).sort().join("\n")
  return keys(stored) === keys(drawn.interruptions)
}
