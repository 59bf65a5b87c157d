import { describe, expect, it } from "vitest"
import { formatInstant, fromLocal, hourOfWeek, parseInstant, toLocal } from "./time.js"

describe("time in Europe/Stockholm", () => {
  it("parses timestamps with offsets to the same instant", () => {
    expect(parseInstant("2024-03-31T03:00:00+02:00")).toBe(parseInstant("2024-03-31T01:00:00Z"))
    expect(parseInstant("2024-03-31T03:00:00")).toBeUndefined()
    expect(parseInstant("2024-02-30T03:00:00Z")).toBeUndefined()
  })

  it("makes the spring-forward night an hour shorter and the autumn night an hour longer", () => {
    const night = (d1: number, d2: number, month: number) => fromLocal(2024, month, d2, 7, 0) - fromLocal(2024, month, d1, 22, 0)
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
