import { describe, expect, it } from "vitest"
import { hourOfWeek as domainHourOfWeek, fromLocal } from "@igv/domain"
import { byHourOfWeek, hourOfWeek } from "./hour-of-week.js"

describe("figures by hour of the week", () => {
  it("names the same hour of the week as the domain's clock, across the spring DST change", () => {
    for (let t = fromLocal(2024, 3, 28, 0, 0); t < fromLocal(2024, 4, 3, 0, 0); t += 37)
      expect(hourOfWeek(t)).toBe(domainHourOfWeek(t))
  })

  it("cuts spans at whole hours and keeps every minute; counts interruptions in their hour", () => {
    // Monday 25 March 2024, 09:30–11:15 planned, 09:30–10:00 and 10:40–11:15 delivered, interrupted at 10:00.
    const at = (h: number, m: number) => fromLocal(2024, 3, 25, h, m)
    const cells = byHourOfWeek(
      [{ startT: at(9, 30), endT: at(11, 15) }],
      [
        { startT: at(9, 30), endT: at(10, 0) },
        { startT: at(10, 40), endT: at(11, 15) }
      ],
      [{ t: at(10, 0) }]
    )
    const used = cells
      .filter((c) => c.plannedMinutes > 0)
      .map((c) => [c.weekday, c.hour, c.plannedMinutes, c.deliveredMinutes, c.interruptions])
    expect(used).toEqual([
      [0, 9, 30, 30, 0],
      [0, 10, 60, 20, 1],
      [0, 11, 15, 15, 0]
    ])
    expect(cells.reduce((a, c) => a + c.plannedMinutes, 0)).toBe(105)
  })
})
