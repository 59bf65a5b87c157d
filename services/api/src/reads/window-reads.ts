import { DEFAULT_TIME_ZONE } from "@igv/domain"
import type { EventStore } from "@igv/event-store"
import { readFeedWindow, readIncidents, type ReplayWindow } from "@igv/ingest"
import { fold, historyProjection, type HistoryMetricsReport, type PatrolTimeline } from "@igv/metrics"
import { feedPage, type FeedPageRequest } from "./feed-page.js"
import { readTimeline, type TimelineRequest } from "./timeline.js"

/** A run's replayed incidents as JSON bytes: moved between threads, never parsed on the API's event loop. */
export interface EncodedIncidents {
  readonly count: number
  readonly json: Uint8Array
}

/** What really happened in a stored window: the report a run gives, folded from the recorded feed. */
export const historyReport = async (store: EventStore, window: ReplayWindow): Promise<HistoryMetricsReport> =>
  fold(historyProjection({ timeZone: DEFAULT_TIME_ZONE }), await readFeedWindow(store, window))

export const encodedIncidents = async (store: EventStore, window: ReplayWindow): Promise<EncodedIncidents> => {
  const incidents = await readIncidents(store, window)
  // TextEncoder gives the bytes a buffer of their own, so moving it moves nothing else.
  return { count: incidents.length, json: new TextEncoder().encode(JSON.stringify(incidents)) }
}

/** The reads that scan, fold or encode a window of the store: on worker threads in the service, on this thread from sources. */
export interface WindowReads {
  historyReport(window: ReplayWindow): Promise<HistoryMetricsReport>
  incidents(window: ReplayWindow): Promise<EncodedIncidents>
  /** A page of `GET /feed/events`, as the answer's JSON bytes. */
  feedPage(request: FeedPageRequest): Promise<Uint8Array>
  /** A patrol timeline (the Gantt chart's data) of a stored window or a run's replication. */
  timeline(request: TimelineRequest): Promise<PatrolTimeline>
  close(): Promise<void>
}

export const inThreadReads = (store: EventStore): WindowReads => ({
  historyReport: (window) => historyReport(store, window),
  incidents: (window) => encodedIncidents(store, window),
  feedPage: (request) => feedPage(store, request),
  timeline: (request) => readTimeline(store, request),
  close: async () => undefined
})
