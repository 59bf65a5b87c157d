import { Schema } from "effect"
import { Priority } from "@igv/domain"
import type { AnalyticsQueryName } from "@igv/analytics"

// The rows each ClickHouse query answers, as schemas for the OpenAPI document (the TypeScript
// result types of @igv/analytics, written once more as values; checked against real answers in analytics.int.test.ts).

const Interruptions = Schema.Struct({
  /** Matching runs, for per-run rates. */
  runs: Schema.Number,
  cells: Schema.Array(
    Schema.Struct({
      area: Schema.String,
      /** 0..167, Monday 00–01 local is 0. */
      hourOfWeek: Schema.Number,
      prio: Priority,
      interruptions: Schema.Number,
      lostMinutes: Schema.Number
    })
  )
}).annotate({ identifier: "AnalyticsInterruptions" })

const Survival = Schema.Array(
  Schema.Struct({
    scenarioVersion: Schema.Number,
    runs: Schema.Number,
    meanSurvival: Schema.Number,
    minSurvival: Schema.Number,
    maxSurvival: Schema.Number,
    p10Survival: Schema.Number,
    p50Survival: Schema.Number,
    p90Survival: Schema.Number,
    pooledSurvival: Schema.Number,
    plannedHours: Schema.Number,
    deliveredHours: Schema.Number
  })
).annotate({ identifier: "AnalyticsSurvival" })

const Sweep = Schema.Struct({
  numeric: Schema.Boolean,
  points: Schema.Array(
    Schema.Struct({
      value: Schema.String,
      runs: Schema.Number,
      mean: Schema.Number,
      min: Schema.Number,
      max: Schema.Number,
      halfWidth95: Schema.Number
    })
  )
}).annotate({ identifier: "AnalyticsSweep" })

const ResponseFigures = Schema.Struct({
  dispatched: Schema.Number,
  meanDispatchMinutes: Schema.Number,
  p50DispatchMinutes: Schema.Number,
  p90DispatchMinutes: Schema.Number,
  withinTarget: Schema.Number,
  meanArrivalMinutes: Schema.Number
})
const RealVsSimulated = Schema.Array(
  Schema.Struct({ prio: Priority, real: ResponseFigures, simulated: ResponseFigures })
).annotate({ identifier: "AnalyticsRealVsSimulated" })

const Headline = Schema.Array(
  Schema.Struct({
    area: Schema.String,
    /** Local calendar month, "YYYY-MM". */
    month: Schema.String,
    prio1Hours: Schema.Number,
    prio2Hours: Schema.Number,
    totalHours: Schema.Number,
    prio12Share: Schema.Number
  })
).annotate({ identifier: "AnalyticsHeadline" })

export const ANALYTICS_RESULTS: Readonly<Record<AnalyticsQueryName, Schema.Codec<unknown>>> = {
  interruptions: Interruptions,
  survival: Survival,
  sweep: Sweep,
  "real-vs-simulated": RealVsSimulated,
  headline: Headline
}
