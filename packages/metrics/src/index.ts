export { combine, fold } from "./projection.js"
export type { Projection } from "./projection.js"
export { DEFAULT_SEGMENT_BINS, emptyTagFigures, reportOptionsOf, reportProjection } from "./report-projection.js"
export type { HourFigures, MetricsBody, MetricsReport, ReportOptions, TagFigures } from "./report-projection.js"
export { historyProjection } from "./history-projection.js"
export type { HistoryMetricsReport } from "./history-projection.js"
export { dispatchLog, gaveWayLogIn, interruptionLog, interruptionLogIn, segmentLog } from "./logs.js"
export type { DispatchRecord, GaveWayRecord, InterruptionRecord, SegmentRecord } from "./logs.js"
export { patrolTimeLog } from "./patrol-time-log.js"
export type { PatrolTimeRecord } from "./patrol-time-log.js"
export { compareReplications, summarizeReplications } from "./replications.js"
export type { Comparison, ComparisonRow } from "./replications.js"
export { meanAndHalfWidth, nearestRank, studentT975 } from "./stats.js"
export { logGamma, studentTCdf, studentTQuantile } from "./stats.js"
export { attributeReplications, attributionParts } from "./attribution.js"
export type { Attribution, AttributionParts, AttributionRow } from "./attribution.js"
export { patrolTimeline } from "./patrol-timeline.js"
export type {
  BlockStretch,
  JobRecord,
  PatrolTimeline,
  ShiftRecord,
  TimelineFilter,
  TimelineInterruption
} from "./patrol-timeline.js"
