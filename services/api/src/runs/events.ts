import { isInt, isNonNegative, PatrolKind, Priority, Report } from "@igv/domain"
import { Effect, Schema, SchemaParser } from "effect"
import { storedEvents } from "../events/stored.js"

export const FeedWindow = Schema.Struct({
  from: Schema.String.annotate({
    description: "a date (local midnight), a local time or ISO 8601 with an offset; inclusive. Stored with its offset."
  }),
  to: Schema.String.annotate({ description: "the same forms; exclusive" }),
  area: Schema.optionalKey(Schema.String)
}).annotate({ identifier: "FeedWindow" })
export type FeedWindow = typeof FeedWindow.Type

/** When it happened (ISO 8601), stored as the event's occurredAt. */
const at = { at: Schema.String }
const count = Schema.Number.check(isInt, isNonNegative)

/** A run's lifecycle, in `run-<id>`. */
export const RunRequested = Schema.TaggedStruct("RunRequested", {
  ...at,
  runId: Schema.String,
  scenarioId: Schema.String,
  version: count,
  seed: Schema.Number,
  replications: count,
  /** Replay a stored feed window; synthetic demand from the scenario when absent. */
  feed: Schema.optionalKey(FeedWindow),
  requestedBy: Schema.String,
  requestedAt: Schema.String
})
export type RunRequested = typeof RunRequested.Type

export const RunStarted = Schema.TaggedStruct("RunStarted", { ...at, attempt: count })
/** Stored at most once a second; the service's copy follows every replication. */
export const RunProgressed = Schema.TaggedStruct("RunProgressed", { ...at, done: count, total: count })
/** A graceful shutdown handed the run back; not counted as an attempt. */
export const RunRequeued = Schema.TaggedStruct("RunRequeued", { ...at, reason: Schema.String })
export const RunCompleted = Schema.TaggedStruct("RunCompleted", {
  ...at,
  /** The stream holding its report, replication reports and interruptions. */
  resultStream: Schema.String,
  replications: count,
  /** Interruptions stored, over every replication (before each replication's were kept: replication 0's). */
  interruptions: count
})
export const RunFailed = Schema.TaggedStruct("RunFailed", { ...at, reason: Schema.String })
/** `by`: the key id that cancelled it. */
export const RunCancelled = Schema.TaggedStruct("RunCancelled", { ...at, by: Schema.String })

export const RunEvent = Schema.Union([
  RunRequested,
  RunStarted,
  RunProgressed,
  RunRequeued,
  RunCompleted,
  RunFailed,
  RunCancelled
])
export type RunEvent = typeof RunEvent.Type
export const runEvents = storedEvents(RunEvent)

/** An entry of `run-index`: a run exists (its stream may not, if the process died between the two appends). */
export const RunIndexed = Schema.TaggedStruct("RunIndexed", { ...at, runId: Schema.String })
export type RunIndexed = typeof RunIndexed.Type
export const runIndexEvents = storedEvents(RunIndexed)

/** One interruption of a planned block, as the metrics' interruption log records it. */
export const InterruptionRow = Schema.Struct({
  /** Minutes since the epoch. */
  t: Schema.Number,
  at: Schema.optionalKey(Schema.String),
  area: Schema.String,
  patrol: Schema.String,
  patrolKind: PatrolKind,
  block: Schema.String,
  /** The metrics' rows carry `tag: undefined` for an untagged block; JSON drops it. */
  tag: Schema.optional(Schema.String),
  incident: Schema.String,
  prio: Priority,
  minutesLost: Schema.Number
})

/**
 * A completed attempt's results, in `run-result-<id>-<attempt>`: the report first (so serving it reads one
 * event), then the replications' reports and the interruptions in chunks, `from` the index of the first.
 */
export const RunReportStored = Schema.TaggedStruct("RunReport", {
  ...at,
  /** The CLI's --json contract (a Report, or a ReplicatedReport), served as it was made. */
  report: Schema.Unknown,
  timeZone: Schema.String
})
/** The domain's Report checked, the metrics' further figures (by local hour, segments) kept as they are. */
const ReplicationReport = Schema.declareConstructor<Report>()([], () => {
  const check = SchemaParser.decodeUnknownEffect(Report)
  return (u, _ast, options) => Effect.as(check(u, { ...options, onExcessProperty: "ignore" }), u as Report)
})
export const RunReplicationReports = Schema.TaggedStruct("RunReplicationReports", {
  ...at,
  from: count,
  reports: Schema.Array(ReplicationReport)
})
/** `replication` is absent in streams stored when only replication 0's interruptions were kept. */
export const RunInterruptions = Schema.TaggedStruct("RunInterruptions", {
  ...at,
  replication: Schema.optionalKey(count),
  from: count,
  rows: Schema.Array(InterruptionRow)
})

export const RunResultEvent = Schema.Union([RunReportStored, RunReplicationReports, RunInterruptions])
export type RunResultEvent = typeof RunResultEvent.Type
export const runResultEvents = storedEvents(RunResultEvent)
