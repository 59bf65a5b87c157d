import { Schema } from "effect"
import { ReplicatedReport } from "@igv/domain"

/** `compareReplications`' answer (paired on common random numbers), with the two run ids. */
export const ComparisonBody = Schema.Struct({
  runs: Schema.Struct({ a: Schema.String, b: Schema.String }),
  /** Both runs used the same seed, so replication i of each saw the same random numbers and the pairing is sound. */
  commonRandomNumbers: Schema.Boolean,
  replications: Schema.Number,
  a: ReplicatedReport,
  b: ReplicatedReport,
  /**
   * One row per figure: `delta` is b − a, `significant` when its 95 % interval excludes 0. A figure over no data
   * (survival with nothing planned, a percentile of no calls) is null, and the delta is over the pairs that have it.
   */
  rows: Schema.Array(Schema.Struct({
    path: Schema.String,
    a: Schema.NullOr(Schema.Number),
    b: Schema.NullOr(Schema.Number),
    aHalfWidth: Schema.NullOr(Schema.Number),
    bHalfWidth: Schema.NullOr(Schema.Number),
    delta: Schema.NullOr(Schema.Number),
    halfWidth: Schema.NullOr(Schema.Number),
    significant: Schema.Boolean
  }))
}).annotations({ identifier: "Comparison" })
