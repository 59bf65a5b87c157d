import { fromLocal } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { monthCuts } from "./months.js"

const ZONE = "Europe/Stockholm"
const local = (y: number, mo: number, d: number, h = 0) => new Date(fromLocal(y, mo, d, h, 0, ZONE) * 60_000)

describe("monthCuts", () => {
  it("gives local month starts around the window, DST months an hour short or long", () => {
    const c = monthCuts(local(2024, 2, 10, 15), local(2024, 11, 1), ZONE)!
    expect(c.labels).toEqual([
      "2024-02",
      "2024-03",
      "2024-04",
      "2024-05",
      "2024-06",
      "2024-07",
      "2024-08",
      "2024-09",
      "2024-10"
    ])
    expect(c.starts.length).toBe(c.labels.length + 1)
    expect(c.starts[0]).toBe(Date.parse("2024-01-31T23:00:00Z") / 1000)
    expect(c.starts.at(-1)).toBe(Date.parse("2024-10-31T23:00:00Z") / 1000)
    const hours = c.starts.slice(1).map((s, i) => (s - c.starts[i]!) / 3600)
    expect(hours[1]).toBe(31 * 24 - 1) // March: spring forward
    expect(hours[8]).toBe(31 * 24 + 1) // October: fall back
    expect(c.fromSeconds).toBe(local(2024, 2, 10, 15).getTime() / 1000)
    expect(c.firstMonth).toBe(2024 * 12 + 1)
  })

  it("a window ending at a month start does not open the next month; sub-second ends round up to whole seconds", () => {
    const c = monthCuts(local(2024, 1, 1), local(2024, 2, 1), ZONE)!
    expect(c.labels).toEqual(["2024-01"])
    const d = monthCuts(new Date(1_000_000_000_500), new Date(1_000_000_001_500), "UTC")!
    expect([d.fromSeconds, d.toSeconds]).toEqual([1_000_000_001, 1_000_000_002])
  })

  it("an empty window, or one outside ClickHouse's DateTime range, has no months", () => {
    expect(monthCuts(local(2024, 1, 1), local(2024, 1, 1), ZONE)).toBeUndefined()
    expect(monthCuts(new Date(-5_000), new Date(-1_000), ZONE)).toBeUndefined()
    expect(monthCuts(new Date(-5_000), new Date(60_000), "UTC")!.labels).toEqual(["1970-01"])
  })
})
