import type { Scenario } from "@igv/domain"
import { DEFAULT_TIME_ZONE } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { readFeedWindow, readIncidents, type ReplayWindow } from "@igv/ingest"
import { fold, patrolTimeline, type PatrolTimeline, type TimelineFilter } from "@igv/metrics"
import { foldSimulation, replicationSeed } from "@igv/runner"

/** A patrol timeline of what really happened in a stored window, or of a run's replication drawn once more. */
export type TimelineRequest =
  | { readonly source: "history"; readonly window: ReplayWindow; readonly filter: TimelineFilter }
  | {
    readonly source: "run"; readonly scenario: Scenario; readonly seed: number; readonly replication: number
    /** The stored feed window the run replayed. */
    readonly feed?: ReplayWindow
    readonly filter: TimelineFilter
  }

/**
 * A run keeps its reports and interruption rows, not its events; the simulator is deterministic, so the
 * replication is simulated again on its seed (and replayed window) and folded into the timeline.
 */
export const readTimeline = async (store: EventStore, request: TimelineRequest): Promise<PatrolTimeline> => {
  if (request.source === "history") return fold(patrolTimeline(request.filter, DEFAULT_TIME_ZONE), await readFeedWindow(store, request.window))
  const incidents = request.feed === undefined ? undefined : await readIncidents(store, request.feed)
  return foldSimulation(request.scenario, patrolTimeline(request.filter, request.scenario.timeZone), {
    seed: replicationSeed(request.seed, request.replication), ...(incidents === undefined ? {} : { incidents })
  })
}
