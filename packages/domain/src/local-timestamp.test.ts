import { describe, expect, it } from "vitest"
import { withLocalOffset } from "./local-timestamp.js"
import { parseInstant } from "./time.js"

const at = (text: string, zone = "Europe/Stockholm") => {
  const r = withLocalOffset(text, zone)
  return r?.ok === true ? parseInstant(r.text) : r
}

describe("withLocalOffset", () => {
  it("gives a local time the offset it has in the zone, winter and summer, seconds and fractions kept", () => {
    expect(withLocalOffset("2024-01-15 10:00", "Europe/Stockholm")).toEqual({
      ok: true,
      text: "2024-01-15 10:00+01:00"
    })
    expect(withLocalOffset("2024-07-01T10:00:30.25", "Europe/Stockholm")).toEqual({
      ok: true,
      text: "2024-07-01T10:00:30.25+02:00"
    })
    expect(at("2024-07-01 10:00")).toBe(Date.UTC(2024, 6, 1, 8) / 60_000)
    expect(at("2024-03-25 10:00", "UTC")).toBe(Date.UTC(2024, 2, 25, 10) / 60_000)
    expect(withLocalOffset("2024-03-25 10:00", "America/St_Johns")).toEqual({
      ok: true,
      text: "2024-03-25 10:00-02:30"
    })
  })

  it("reads the minutes either side of both changes as the clock showed them", () => {
    // Stockholm 2024: 02:00 CET became 03:00 CEST on 31 March; 03:00 CEST became 02:00 CET on 27 October.
    expect(at("2024-03-31 01:59")).toBe(Date.UTC(2024, 2, 31, 0, 59) / 60_000)
    expect(at("2024-03-31 03:00")).toBe(Date.UTC(2024, 2, 31, 1) / 60_000)
    expect(at("2024-10-27 01:59")).toBe(Date.UTC(2024, 9, 26, 23, 59) / 60_000)
    expect(at("2024-10-27 03:00")).toBe(Date.UTC(2024, 9, 27, 2) / 60_000)
  })

  it("guesses neither a time the clocks skipped nor one they showed twice, and never quotes it", () => {
    const skipped = withLocalOffset("2024-03-31 02:30", "Europe/Stockholm")
    expect(skipped).toEqual({
      ok: false,
      message:
        "a local time in the hour Europe/Stockholm skips when the clocks go forward, so no clock showed it; check it, or give its offset"
    })
    const twice = withLocalOffset("2024-10-27 02:30", "Europe/Stockholm")
    expect(twice).toEqual({
      ok: false,
      message:
        "a local time in the hour Europe/Stockholm repeats when the clocks go back, so it happened twice; give its offset (+02:00 the first time, +01:00 the second)"
    })
    for (const r of [skipped, twice]) expect(JSON.stringify(r)).not.toContain("02:30")
  })

  it("names an impossible date or time, and leaves other forms to the timestamp parser", () => {
    expect(withLocalOffset("2024-02-30 10:00", "Europe/Stockholm")).toEqual({
      ok: false,
      message: "February 2024 has days 01 to 29"
    })
    expect(withLocalOffset("2024-01-01 24:00", "Europe/Stockholm")).toEqual({
      ok: false,
      message: "the time of day must be from 00:00 to 23:59:59"
    })
    for (const other of ["2024-01-01T10:00:00+01:00", "2024-01-01T10:00Z", "2024-01-01", "10:00", "yesterday", ""])
      expect(withLocalOffset(other, "Europe/Stockholm")).toBeUndefined()
  })
})
