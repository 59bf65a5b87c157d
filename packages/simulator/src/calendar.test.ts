import { fromLocal } from "@igv/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { LocalCalendar, timelineOf, countAt, countUpTo, nextDropTo } from "./calendar.js"
import { ofType, run, scenario } from "./scenarios.test-util.js"

describe("LocalCalendar", () => {
  it("converts local times exactly as fromLocal does, DST days included", () => {
    const cal = new LocalCalendar("2024-03-25", 220, "Europe/Stockholm")
    fc.assert(
      fc.property(fc.integer({ min: -1, max: 220 }), fc.integer({ min: 0, max: 1439 }), (day, minute) => {
        const [y, m, d] = cal.date(day).split("-").map(Number) as [number, number, number]
        expect(cal.at(day, minute)).toBe(fromLocal(y, m, d, Math.floor(minute / 60), minute % 60, "Europe/Stockholm"))
      }),
      { numRuns: 500 }
    )
    for (const [day, date] of [
      [6, "2024-03-31"],
      [216, "2024-10-27"]
    ] as const) {
      expect(cal.date(day)).toBe(date)
      for (let minute = 0; minute < 1440; minute += 30) {
        const [y, m, d] = date.split("-").map(Number) as [number, number, number]
        expect(cal.at(day, minute)).toBe(fromLocal(y, m, d, Math.floor(minute / 60), minute % 60, "Europe/Stockholm"))
      }
    }
    expect(cal.midnight(7) - cal.midnight(6)).toBe(23 * 60)
    expect(cal.midnight(217) - cal.midnight(216)).toBe(25 * 60)
    expect(cal.weekday(0)).toBe(0) // 2024-03-25 is a Monday
  })

  it("names each day's date, weekday and month as the Gregorian calendar does, in any order asked", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        fc.integer({ min: 1, max: 800 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (first, days, asks) => {
          const start = first.toISOString().slice(0, 10)
          const cal = new LocalCalendar(start, days, "Europe/Stockholm")
          for (const ask of asks) {
            const day = (ask % (days + 3)) - 1 // -1 .. days + 1
            const date = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate() + day))
            expect(cal.date(day)).toBe(date.toISOString().slice(0, 10))
            expect(cal.month(day)).toBe(date.getUTCMonth())
            expect(cal.weekday(day)).toBe((date.getUTCDay() + 6) % 7)
          }
        }
      ),
      { numRuns: 200 }
    )
  })

  it("works in other zones", () => {
    const cal = new LocalCalendar("2024-03-08", 5, "America/New_York")
    expect(cal.midnight(3) - cal.midnight(2)).toBe(23 * 60) // 2024-03-10
    expect(cal.at(2, 150)).toBe(fromLocal(2024, 3, 10, 2, 30, "America/New_York"))
  })

  it("sums windows into a step function and finds a slot's duty end", () => {
    const line = timelineOf([
      [0, 100, 2],
      [50, 150, 1],
      [100, 200, 3]
    ])
    expect(Array.from(line.times)).toEqual([0, 50, 100, 150, 200])
    expect(Array.from(line.counts)).toEqual([2, 3, 4, 3, 0])
    expect(countAt(line, 75)).toBe(3)
    expect(countAt(line, 100)).toBe(4)
    expect(countAt(line, -1)).toBe(0)
    const dutyEnd = (t: number, slot: number) => nextDropTo(line, countUpTo(line.times, t), slot)
    expect(dutyEnd(10, 2)).toBe(200)
    expect(dutyEnd(120, 3)).toBe(150)
    expect(dutyEnd(200, 0)).toBe(Infinity)
    // Back-to-back windows are one step: no change at 100.
    expect(
      Array.from(
        timelineOf([
          [0, 100, 1],
          [100, 200, 1]
        ]).times
      )
    ).toEqual([0, 200])
  })
})

describe("shifts across daylight saving time", () => {
  const nightShift = (start: string) =>
    scenario({
      name: "dst",
      start,
      days: 2,
      areas: [{ id: "a" }],
      dimensioning: [{ area: "a", patrols: 1, start: "22:00", end: "07:00" }],
      demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 5 } }] }
    })
  const durations = (start: string) => {
    const { events } = run(nightShift(start))
    const started = ofType(events, "ShiftStarted"),
      ended = ofType(events, "ShiftEnded")
    return started.map((s, i) => (ended[i]!.t - s.t) / 60)
  }

  it("makes the spring-forward night an hour shorter and the autumn night an hour longer", () => {
    // Horizon from local midnight: the shift from the day before runs 00:00–07:00 first.
    expect(durations("2024-03-30")).toEqual([7, 8, 2])
    expect(durations("2024-10-26")).toEqual([7, 10, 2])
    expect(durations("2024-06-01")).toEqual([7, 9, 2])
  })

  it("counts a shift on the weekday it starts, and joins back-to-back shifts into one duty period", () => {
    const s = scenario({
      name: "weekdays",
      start: "2024-06-03",
      days: 7,
      areas: [{ id: "a" }],
      dimensioning: [
        { area: "a", patrols: 1, weekdays: ["fri"], start: "22:00", end: "06:00" },
        { area: "a", patrols: 1, weekdays: ["sat"], start: "06:00", end: "14:00" }
      ],
      demand: { synthetic: [{ area: "a", prio: 3, perDay: 0, service: { _tag: "fixed", minutes: 5 } }] }
    })
    const { events } = run(s)
    const local = (t: number) => new Date(t * 60_000).toISOString()
    expect(ofType(events, "ShiftStarted").map((e) => local(e.t))).toEqual(["2024-06-07T20:00:00.000Z"]) // Fri 22:00 CEST
    expect(ofType(events, "ShiftEnded").map((e) => local(e.t))).toEqual(["2024-06-08T12:00:00.000Z"]) // Sat 14:00 CEST
  })
})
