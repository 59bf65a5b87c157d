import { Effect, Schema } from "effect"
import { isFiniteNumber, isInt, isNonNegative, isPositive } from "./checks.js"
import { parseClock } from "./time.js"

// The small pieces every part of a scenario is written in, so the parts can live in modules of their own.

export const Minutes = Schema.Number.check(isFiniteNumber, isNonNegative)
export const PositiveMinutes = Schema.Number.check(isFiniteNumber, isPositive)
export const Count = Schema.Number.check(isInt, isNonNegative)
export const Share = Schema.Finite.check(
  Schema.isBetween({ minimum: 0, maximum: 1 }, { message: "a share must be a number from 0 to 1" })
)

/** A field that may be left out, and then has this value. */
export const orDefault = <S extends Schema.Constraint>(schema: S, value: S["Encoded"]) =>
  Schema.withDecodingDefaultKey<S>(Effect.succeed(value))(schema)

/** "HH:MM" local wall-clock time. */
export const Clock = Schema.String.check(
  Schema.makeFilter((s) => parseClock(s) !== undefined, { message: `a time of day must be "HH:MM" (00:00–24:00)` })
)

export const Weekday = Schema.Literals(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
export type Weekday = typeof Weekday.Type
export const WEEKDAYS: ReadonlyArray<Weekday> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
export const Weekdays = orDefault(Schema.Array(Weekday), WEEKDAYS)

/** The fields of a window of the week: on these weekdays between two local times; end ≤ start crosses midnight. */
export const weeklyWindow = { weekdays: Weekdays, start: Clock, end: Clock }

const p90AtLeastMedian = Schema.makeFilter(
  (m: { readonly medianMinutes: number; readonly p90Minutes: number }) => m.p90Minutes >= m.medianMinutes,
  {
    message: "p90Minutes must be at least medianMinutes"
  }
)
export const Lognormal = Schema.TaggedStruct("lognormal", {
  medianMinutes: PositiveMinutes,
  p90Minutes: PositiveMinutes
}).check(p90AtLeastMedian)

export const ServiceModel = Schema.Union([
  Schema.TaggedStruct("fixed", { minutes: PositiveMinutes }),
  Schema.TaggedStruct("exponential", { meanMinutes: PositiveMinutes }),
  Lognormal,
  /** Resampled from observed on-scene times (e.g. fitted from a recorded feed). */
  Schema.TaggedStruct("empirical", { minutes: Schema.NonEmptyArray(PositiveMinutes) })
])
export type ServiceModel = typeof ServiceModel.Type
