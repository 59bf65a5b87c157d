import { describe, expect, it } from "vitest"
import fc from "fast-check"
import {
  formatInstant,
  fromLocal,
  hourOfWeek,
  isValidTimeZone,
  parseInstant,
  parseLocalDate,
  parseTimeInput,
  toLocal
} from "./time.js"

describe("time in Europe/Stockholm", () => {
  it("parses timestamps with offsets to the same instant", () => {
    expect(parseInstant("2024-03-31T03:00:00+02:00")).toBe(parseInstant("2024-03-31T01:00:00Z"))
    expect(parseInstant("2024-03-31T03:00:00")).toBeUndefined()
    expect(parseInstant("2024-02-30T03:00:00Z")).toBeUndefined()
  })

  it("makes the spring-forward night an hour shorter and the autumn night an hour longer", () => {
    const night = (d1: number, d2: number, month: number) =>
      fromLocal(2024, month, d2, 7, 0) - fromLocal(2024, month, d1, 22, 0)
    expect(night(30, 31, 3)).toBe(8 * 60)
    expect(night(26, 27, 10)).toBe(10 * 60)
    expect(night(10, 11, 6)).toBe(9 * 60)
  })

  it("round-trips local wall time, moving nonexistent times past the gap", () => {
    const t = fromLocal(2024, 7, 1, 12, 30)
    expect(toLocal(t)).toMatchObject({ year: 2024, month: 7, day: 1, hour: 12, minute: 30, offsetMinutes: 120 })
    expect(formatInstant(fromLocal(2024, 3, 31, 2, 30))).toBe("2024-03-31T03:30:00+02:00")
    expect(formatInstant(fromLocal(2024, 10, 27, 2, 30))).toBe("2024-10-27T02:30:00+02:00")
    const t2 = fromLocal(2024, 1, 1, 10, 0) + 1.23456
    expect(formatInstant(t2)).toBe("2024-01-01T10:01:14.074+01:00")
    expect(Math.abs(parseInstant(formatInstant(t2))! - t2)).toBeLessThan(0.5 / 60_000)
  })

  it("counts hour of week from Monday midnight local", () => {
    expect(hourOfWeek(fromLocal(2024, 1, 1, 0, 10))).toBe(0)
    expect(hourOfWeek(fromLocal(2024, 1, 7, 23, 59))).toBe(167)
  })
})

describe("strict dates and times (never rolled over, never a two-digit year)", () => {
  it("refuses year 0024 rather than reading it as 1924", () => {
    expect(parseInstant("0024-03-01T10:00:00Z")).toBeUndefined()
    expect(parseInstant("1969-12-31T23:59:00Z")).toBeUndefined()
    expect(parseInstant("2024-03-01T10:00:00Z")).toBe(Date.UTC(2024, 2, 1, 10) / 60_000)
    expect(parseLocalDate("0024-03-01")).toBe("the year must be from 1970 to 9999")
  })

  it("names the rule an impossible calendar date breaks", () => {
    expect(parseLocalDate("2024-02-30")).toBe("February 2024 has days 01 to 29")
    expect(parseLocalDate("2023-02-29")).toBe("February 2023 has days 01 to 28")
    expect(parseLocalDate("2024-13-01")).toBe("the month must be from 01 to 12")
    expect(parseLocalDate("2024-3-1")).toBe(`a date must be "YYYY-MM-DD"`)
    expect(parseLocalDate("2024-02-29")).toEqual({ year: 2024, month: 2, day: 29 })
  })

  it("reads a date, a local time or an offset form, and refuses what would roll over", () => {
    expect(parseTimeInput("2024-03-31")).toEqual({ ok: true, value: Date.UTC(2024, 2, 30, 23) / 60_000 })
    expect(parseTimeInput("2024-03-31T06:00")).toEqual({ ok: true, value: Date.UTC(2024, 2, 31, 4) / 60_000 })
    expect(parseTimeInput("2024-03-31T06:00:00Z")).toEqual({ ok: true, value: Date.UTC(2024, 2, 31, 6) / 60_000 })
    expect(parseTimeInput("2024-04-32")).toEqual({
      ok: false,
      issues: [{ path: "", message: "April 2024 has days 01 to 30" }]
    })
    expect(parseTimeInput("2024-04-30T24:30")).toEqual({
      ok: false,
      issues: [{ path: "", message: "the time of day must be from 00:00 to 23:59" }]
    })
    expect(parseTimeInput("2024-02-30T10:00:00+01:00")).toEqual({
      ok: false,
      issues: [{ path: "", message: "February 2024 has days 01 to 29" }]
    })
    expect(parseTimeInput("2024-02-20T10:00:00+19:00")).toEqual({
      ok: false,
      issues: [{ path: "", message: "the offset must be from -18:00 to +18:00" }]
    })
    expect(parseTimeInput("0024-01-01")).toEqual({
      ok: false,
      issues: [{ path: "", message: "the year must be from 1970 to 9999" }]
    })
    expect(parseTimeInput("last tuesday")).toMatchObject({
      ok: false,
      issues: [{ path: "", message: expect.stringMatching(/^must be a date \(2024-03-01/) }]
    })
  })
})

describe("time in UTC", () => {
  it("reads UTC's local time off the instant, as ICU's formatter does for a zone it treats as UTC", () => {
    // "Etc/GMT" is not among the zones read without ICU, so it shows what ICU says.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Date.UTC(9999, 11, 31, 23, 59) / 60_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (minute, fraction) => {
          const t = minute + fraction
          for (const zone of ["UTC", "Etc/UTC"]) expect(toLocal(t, zone)).toEqual(toLocal(t, "Etc/GMT"))
        }
      )
    )
    expect(isValidTimeZone("UTC") && isValidTimeZone("Etc/UTC")).toBe(true)
  })
})
