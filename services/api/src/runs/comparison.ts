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
  /** One row per figure: `delta` is b − a, `significant` when its 95 % interval excludes 0. */
  rows: Schema.Array(Schema.Struct({
    path: Schema.String,
    a: Schema.Number,
    b: Schema.Number,
    aHalfWidth: Schema.Number,
    bHalfWidth: Schema.Number,
    delta: Schema.Number,
    halfWidth: Schema.Number,
    significant: Schema.Boolean
  }))
}).annotations({ identifier: "Comparison" })
