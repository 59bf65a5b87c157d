import { Schema } from "effect"

/**
 * The checks the project's schemas use, each naming what it expects in the words its error messages have
 * always had ("Expected a non-negative number, actual -1"): users and tests read these, so they stay put
 * whatever wording effect's own checks carry.
 */
export const isFiniteNumber = Schema.isFinite({ expected: "a finite number" })
export const isNonNegative = Schema.isGreaterThanOrEqualTo(0, { expected: "a non-negative number" })
export const isPositive = Schema.isGreaterThan(0, { expected: "a positive number" })
export const isInt = Schema.isInt({ expected: "an integer" })
export const isBetween = (minimum: number, maximum: number) =>
  Schema.isBetween({ minimum, maximum }, { expected: `a number between ${minimum} and ${maximum}` })
export const isTrimmed = Schema.isTrimmed({ expected: "a string with no leading or trailing whitespace" })
export const isMinLength = (n: number) =>
  Schema.isMinLength(n, { expected: `a string at least ${n} character(s) long` })
export const isMaxLength = (n: number) => Schema.isMaxLength(n, { expected: `a string at most ${n} character(s) long` })

export const isMaxItems = (n: number) => Schema.isMaxLength(n, { expected: `an array of at most ${n} item(s)` })
export const isLessThan = (n: number) => Schema.isLessThan(n, { expected: `a number less than ${n}` })
