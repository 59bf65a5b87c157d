import { Schema } from "effect"
import { parseClock } from "./time.js"

// The small pieces every part of a scenario is written in, so the parts can live in modules of their own.

export const Minutes = Schema.Number.pipe(Schema.finite(), Schema.nonNegative())
export const PositiveMinutes = Schema.Number.pipe(Schema.finite(), Schema.positive())
export const Count = Schema.Number.pipe(Schema.int(), Schema.nonNegative())
export const Share = Schema.Number.pipe(Schema.between(0, 1)).annotations({ message: () => "a share must be a number from 0 to 1" })

/** "HH:MM" local wall-clock time. */
export const Clock = Schema.String.pipe(
  Schema.filter((s) => parseClock(s) !== undefined, { message: () => `a time of day must be "HH:MM" (00:00–24:00)` })
)

export const Weekday = Schema.Literal("mon", "tue", "wed", "thu", "fri", "sat", "sun")
export type Weekday = typeof Weekday.Type
export const WEEKDAYS: ReadonlyArray<Weekday> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
export const Weekdays = Schema.optionalWith(Schema.Array(Weekday), { default: () => WEEKDAYS })

export const ServiceModel = Schema.Union(
  Schema.TaggedStruct("fixed", { minutes: PositiveMinutes }),
  Schema.TaggedStruct("exponential", { meanMinutes: PositiveMinutes }),
  Schema.TaggedStruct("lognormal", { medianMinutes: PositiveMinutes, p90Minutes: PositiveMinutes }).pipe(
    Schema.filter((m) => m.p90Minutes >= m.medianMinutes, { message: () => "p90Minutes must be at least medianMinutes" })
  ),
  /** Resampled from observed on-scene times (e.g. fitted from a recorded feed). */
  Schema.TaggedStruct("empirical", { minutes: Schema.NonEmptyArray(PositiveMinutes) })
)
export type ServiceModel = typeof ServiceModel.Type
