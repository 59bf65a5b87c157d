import { toLocal } from "@igv/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { LocalHours } from "./local-hours.js"

// Minutes since the epoch from 2020 to 2035: DST changes on both sides of every week boundary.
const instant = fc.integer({ min: 26_298_720, max: 34_190_000 })
const zones = ["Europe/Stockholm", "America/New_York", "Australia/Lord_Howe", "UTC"] as const

describe("local hours", () => {
  it("give the zone's offset and local hour at any minute, read in any order", () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.array(instant, { minLength: 1, maxLength: 40 }), (zone, ts) => {
        const hours = new LocalHours(zone)
        for (const t of ts) {
          const local = toLocal(t, zone)
          expect(hours.offsetAt(t)).toBe(local.offsetMinutes)
          expect(hours.hourOf(t)).toBe(local.hour)
        }
      })
    )
  })

  it("put the minutes around a DST change in the hours the clock shows", () => {
    // Stockholm, 2024-03-31: 02:00 local does not exist (01:00 UTC); 2024-10-27: 02:00–03:00 local happens twice.
    const spring = Date.UTC(2024, 2, 31, 0, 30) / 60_000,
      autumn = Date.UTC(2024, 9, 27, 0, 0) / 60_000
    const hours = new LocalHours("Europe/Stockholm")
    const byHour = new Float64Array(24)
    hours.spread(spring, spring + 60, byHour)
    expect([byHour[1], byHour[2], byHour[3]]).toEqual([30, 0, 30])
    byHour.fill(0)
    hours.spread(autumn, autumn + 120, byHour)
    expect([byHour[2], byHour[3]]).toEqual([120, 0])
  })
})
