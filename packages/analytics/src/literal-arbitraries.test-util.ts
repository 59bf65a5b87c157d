import fc from "fast-check"
import { CalendarDate, type SqlValue } from "./literal.js"

/** Doubles ClickHouse can read: finite and not subnormal (zero included). */
export const normalDouble = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .filter((n) => n === 0 || Math.abs(n) >= 2.2250738585072014e-308)
export const wellFormedString = fc.string({ unit: "binary", maxLength: 60 })
export const nastyString = fc.stringMatching(/^[\\'"`;\n\r\t\x00-\x1f\x7f -]{0,40}$/)
export const calendarDate = fc
  .date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2105-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => new CalendarDate(d.toISOString().slice(0, 10)))
export const sqlScalar: fc.Arbitrary<SqlValue> = fc.oneof(
  wellFormedString,
  nastyString,
  normalDouble,
  fc.integer(),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 64n - 1n }),
  fc.boolean(),
  fc.constant(null),
  fc.date({ min: new Date(0), max: new Date((2 ** 32 - 1) * 1000), noInvalidDate: true }),
  calendarDate
)
export const sqlValue: fc.Arbitrary<SqlValue> = fc.oneof(
  { weight: 4, arbitrary: sqlScalar },
  { weight: 1, arbitrary: fc.array(sqlScalar, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.array(fc.array(wellFormedString, { maxLength: 3 }), { maxLength: 3 }) }
)
