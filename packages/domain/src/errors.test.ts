import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { isFiniteNumber, isInt, isNonNegative } from "./checks.js"
import { decodeWith } from "./errors.js"
import { CalendarEventKind, Priority } from "./priority.js"
import { ServiceModel } from "./scenario.js"

const decode = decodeWith(
  Schema.Struct({
    count: Schema.Number.check(isInt, isNonNegative),
    minutes: Schema.optionalKey(Schema.Number.check(isFiniteNumber, isNonNegative)),
    prio: Priority,
    service: ServiceModel
  })
)
const issues = (input: unknown) => {
  const r = decode(input)
  return r.ok ? [] : r.issues
}
const valid = { count: 1, prio: 1, service: { _tag: "fixed", minutes: 5 } }

describe("schema issues, in the words the project's messages have always had", () => {
  it("names a missing field, a wrong type and a failed check with the value", () => {
    expect(issues({ prio: 1, service: valid.service })).toEqual([{ path: "count", message: "is missing" }])
    expect(issues({ ...valid, count: "x" })).toEqual([{ path: "count", message: `Expected number, actual "x"` }])
    expect(issues({ ...valid, count: -1 })).toEqual([
      { path: "count", message: "Expected a non-negative number, actual -1" }
    ])
    expect(issues({ ...valid, minutes: Number.POSITIVE_INFINITY })).toEqual([
      { path: "minutes", message: "Expected a finite number, actual Infinity" }
    ])
    expect(issues("text")).toEqual([{ path: "", message: `Expected object, actual "text"` }])
  })

  it("says a list that needs an entry is empty, of the list rather than of a missing first entry", () => {
    expect(issues({ ...valid, service: { _tag: "empirical", minutes: [] } })).toEqual([
      { path: "service.minutes", message: "is empty: give at least one" }
    ])
    expect(issues({ ...valid, service: { _tag: "empirical", minutes: [5, "x"] } })).toEqual([
      { path: "service.minutes[1]", message: `Expected number, actual "x"` }
    ])
  })

  it("names each literal of a choice, for tidyIssues to fold into one line", () => {
    expect(issues({ ...valid, prio: 5 })).toEqual(
      [1, 2, 3].map((p) => ({ path: "prio", message: `Expected ${p}, actual 5` }))
    )
  })

  it("says a choice's own message once, where the choice has one", () => {
    const kind = decodeWith(Schema.Struct({ kind: CalendarEventKind }))({ kind: "parade" })
    expect(kind.ok ? [] : kind.issues).toEqual([
      {
        path: "kind",
        message: `a calendar event's kind must be "operation" (insats), "specialEvent" or "kommendering"`
      }
    ])
  })

  it("names a tagged union's tag where it is wrong or missing", () => {
    expect(issues({ ...valid, service: { _tag: "bogus" } })).toEqual([
      { path: "service._tag", message: `Expected "fixed" | "exponential" | "lognormal" | "empirical", actual "bogus"` }
    ])
    expect(issues({ ...valid, service: { minutes: 3 } })).toEqual([{ path: "service._tag", message: "is missing" }])
    expect(issues({ ...valid, service: { _tag: "lognormal", medianMinutes: 10, p90Minutes: 5 } })).toEqual([
      { path: "service", message: "p90Minutes must be at least medianMinutes" }
    ])
  })

  // effect 3 reported a bad value of an optional field twice: the real problem and "Expected undefined" beside it,
  // which tidyIssues then turned into a second, wrong "must be left out here". effect 4 reports only the member of
  // the union the value's type matches, so that second line is gone (an API answer has one issue less).
  it("reports a bad optional value once", () => {
    expect(issues({ ...valid, minutes: -1 })).toEqual([
      { path: "minutes", message: "Expected a non-negative number, actual -1" }
    ])
  })
})
