import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeFeedRecord } from "@igv/domain"
import { fastIncidentRow } from "./fast-row.js"

/** Mostly right, sometimes wrong, sometimes missing: so both outcomes are common. */
const field = <T>(right: fc.Arbitrary<T>, wrong: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: right, weight: 12 },
    { arbitrary: wrong, weight: 1 },
    { arbitrary: fc.constant(undefined), weight: 1 }
  )
const wrong = fc.oneof(
  fc.integer({ min: -2, max: 4 }),
  fc.double(),
  fc.string({ maxLength: 3 }),
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom("", " x", "x ")
)
const id = fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/)
const timestamp = fc.oneof(
  fc.constantFrom(
    "2024-03-31T01:59:00+01:00",
    "2024-03-31T03:00:00+02:00",
    "2024-01-01T10:00:00.5Z",
    "2024-10-27T02:30:00+01:00",
    "2024-01-01T10:00Z"
  ),
  fc.date({ min: new Date("2000-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }).map((d) => d.toISOString())
)
const timestampWrong = fc.constantFrom("2024-01-01 10:00", "2024-02-30T10:00:00Z", "2024-01-01T25:00:00Z", "yesterday")
const row = fc
  .record({
    id: field(id, wrong),
    registeredAt: field(timestamp, fc.oneof(timestampWrong, wrong)),
    area: field(id, wrong),
    prio: field(fc.constantFrom(1, 2, 3), wrong),
    onSceneMinutes: field(fc.double({ min: 0, max: 600, noNaN: true }), wrong),
    unitsNeeded: field(fc.constantFrom(1, 2), wrong),
    callerName: fc.option(fc.string({ maxLength: 5 }), { nil: undefined }),
    // A column named type: an export's kind of incident, or an event's type. With `at` (or without registeredAt)
    // the record is an event, never for the fast path.
    type: fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 17 },
      { arbitrary: fc.constantFrom("IncidentRegistered", "ShiftEnded", "stöld", ""), weight: 3 }
    ),
    at: fc.oneof({ arbitrary: fc.constant(undefined), weight: 19 }, { arbitrary: timestamp, weight: 1 })
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)))

describe("fastIncidentRow", () => {
  it("agrees with the schema whenever it accepts", () => {
    let accepted = 0
    fc.assert(
      fc.property(row, (input) => {
        const fast = fastIncidentRow(input)
        if (fast === undefined) return
        accepted++
        expect(decodeFeedRecord(input)).toEqual({ ok: true, value: fast })
      }),
      { numRuns: 5000 }
    )
    // The generator must reach the accepting case often enough for this to mean something.
    expect(accepted).toBeGreaterThan(1000)
  })

  it("takes a well-formed row, extra fields and all", () => {
    const input = {
      id: "HR-1",
      registeredAt: "2024-03-31T03:10:00+02:00",
      area: "lpo1",
      prio: 2,
      onSceneMinutes: 30,
      callerName: "Anna"
    }
    expect(fastIncidentRow(input)).toEqual((decodeFeedRecord(input) as { value: unknown }).value)
    expect(fastIncidentRow({ ...input, prio: 4 })).toBeUndefined()
  })
})
