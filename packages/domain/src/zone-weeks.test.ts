import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { toLocal } from "./time.js"
import { WEEK_MINUTES, weekOffsets, zoneOffsetAt } from "./zone-weeks.js"

// Minutes since the epoch from 2020 to 2035; zones with hour and half-hour changes, south and north, and none.
const instant = fc.integer({ min: 26_298_720, max: 34_190_000 })
const zones = ["Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"] as const

describe("a zone's offsets week by week", () => {
  it("give the offset Intl gives at any minute, asked in any order", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(instant, { minLength: 1, maxLength: 30 }), (zone, ts) => {
        for (const t of ts) expect(zoneOffsetAt(zone, t)).toBe(toLocal(t, zone).offsetMinutes)
      })
    )
  })

  it("place a change at its first minute: the minute before has the old offset", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), instant, (zone, t) => {
        const week = Math.floor(t / WEEK_MINUTES),
          { before, changeAt, after } = weekOffsets(zone, week)
        if (changeAt === Number.POSITIVE_INFINITY) {
          expect(after).toBe(before)
          return
        }
        expect(changeAt).toBeGreaterThan(week * WEEK_MINUTES)
        expect(changeAt).toBeLessThanOrEqual((week + 1) * WEEK_MINUTES)
        expect(toLocal(changeAt - 1, zone).offsetMinutes).toBe(before)
        expect(toLocal(changeAt, zone).offsetMinutes).toBe(after)
      })
    )
  })

  it("see Stockholm's 2024 changes at 01:00 UTC, to summer time and back", () => {
    const spring = Date.UTC(2024, 2, 31, 1) / 60_000,
      autumn = Date.UTC(2024, 9, 27, 1) / 60_000
    expect(weekOffsets("Europe/Stockholm", Math.floor(spring / WEEK_MINUTES))).toEqual({
      before: 60,
      changeAt: spring,
      after: 120
    })
    expect(weekOffsets("Europe/Stockholm", Math.floor(autumn / WEEK_MINUTES))).toEqual({
      before: 120,
      changeAt: autumn,
      after: 60
    })
  })
})
