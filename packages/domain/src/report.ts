import { Schema } from "effect"

/** A figure from one run, or with replications the mean and its 95 % confidence half-width. */
const Histogram = Schema.Array(Schema.Struct({
  /** Lower bound in minutes, inclusive. */
  fromMinutes: Schema.Number,
  /** Upper bound in minutes, exclusive; null for the open last bin. */
  toMinutes: Schema.NullOr(Schema.Number),
  count: Schema.Number
}))

export const LineTimeReport = Schema.Struct({
  plannedHours: Schema.Number,
  deliveredHours: Schema.Number,
  /** delivered / planned, 0..1; 1 when nothing was planned. */
  survival: Schema.Number,
  blocksPlanned: Schema.Number,
  blocksUninterrupted: Schema.Number,
  /** Blocks that began late because their patrol was still on a job at the scheduled start. */
  blocksStartedLate: Schema.Number,
  /** Planned time lost to late starts (part of planned − delivered). */
  lateStartHours: Schema.Number,
  medianSegmentMinutes: Schema.Number,
  segmentHistogram: Histogram
})

export const InterruptionReport = Schema.Struct({
  total: Schema.Number,
  byPriority: Schema.Struct({ "1": Schema.Number, "2": Schema.Number, "3": Schema.Number }),
  per100PlannedHours: Schema.Number
})

export const ResponseReport = Schema.Struct({
  count: Schema.Number,
  targetMinutes: Schema.Number,
  meanDispatchMinutes: Schema.Number,
  p50DispatchMinutes: Schema.Number,
  p90DispatchMinutes: Schema.Number,
  p99DispatchMinutes: Schema.Number,
  withinTarget: Schema.Number,
  meanArrivalMinutes: Schema.Number,
  handledOtherwise: Schema.optional(Schema.Number)
})

export const TimeUse = Schema.Struct({
  prio1Hours: Schema.Number,
  prio2Hours: Schema.Number,
  prio3Hours: Schema.Number,
  plannedHours: Schema.Number,
  freeHours: Schema.Number,
  totalHours: Schema.Number,
  /** Share of on-duty time on prio 1 and 2: the report's 4–27 % figure. */
  prio12Share: Schema.Number
})

export const TimeUseReport = Schema.Struct({
  ...TimeUse.fields,
  byKind: Schema.Struct({ igv: TimeUse, community: TimeUse })
})

export const ReportBody = Schema.Struct({
  lineTime: LineTimeReport,
  interruptions: InterruptionReport,
  response: Schema.Struct({ "1": ResponseReport, "2": ResponseReport, "3": ResponseReport }),
  timeUse: TimeUseReport
})
export type ReportBody = typeof ReportBody.Type

export const TagReport = Schema.Struct({ tag: Schema.String, plannedHours: Schema.Number, deliveredHours: Schema.Number, survival: Schema.Number })

export const Report = Schema.Struct({
  ...ReportBody.fields,
  byArea: Schema.Record({ key: Schema.String, value: ReportBody }),
  byTag: Schema.Array(TagReport),
  /** Events folded into this report. */
  events: Schema.Number
})
export type Report = typeof Report.Type

/** With replications > 1: every numeric leaf of `mean` has a 95 % confidence half-width at the same path in `halfWidth95`. */
export const ReplicatedReport = Schema.Struct({
  replications: Schema.Number,
  mean: Report,
  halfWidth95: Report
})
export type ReplicatedReport = typeof ReplicatedReport.Type
