import { describe, expect, it } from "vitest"
import { UsageError } from "../command.js"
import { queryInput } from "./query-input.js"
import { hourOfWeekLabel } from "./tables.js"

const usage = (f: () => unknown): string => {
  try {
    f()
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error("expected a UsageError")
}

describe("queryInput", () => {
  it("maps options to the query's input: comma lists, numbers, local times as ISO with offset", () => {
    expect(
      queryInput("interruptions", {
        scenario: "s1",
        version: "2",
        areas: "lpo1, lpo2",
        prios: "1,3",
        from: "2024-03-25",
        to: "2024-07-01T06:00",
        "time-zone": "Europe/Oslo"
      })
    ).toEqual({
      scenario: "s1",
      version: 2,
      areas: ["lpo1", "lpo2"],
      prios: [1, 3],
      from: "2024-03-25T00:00:00+01:00",
      to: "2024-07-01T06:00:00+02:00",
      timeZone: "Europe/Oslo"
    })
  })

  it("names the option and what is wrong, one line per option", () => {
    expect(usage(() => queryInput("interruptions", { scenario: "s1", prios: "1,4" }))).toBe(
      "--prios: expected 1 | 2 | 3, actual 4"
    )
    expect(usage(() => queryInput("interruptions", { scenario: "s1", version: "two" }))).toBe(
      `--version: Expected number, actual "two"`
    )
    expect(usage(() => queryInput("sweep", { sweep: "s" }))).toBe("--kpi is required\n--parameter is required")
    expect(usage(() => queryInput("survival", { scenario: "x y" }))).toMatch(/^--scenario: an id is/)
    expect(usage(() => queryInput("headline", { source: "recorded", from: "2023-02-29" }))).toContain(
      `--from "2023-02-29": February 2023 has days 01 to 28`
    )
    expect(usage(() => queryInput("headline", { source: "recorded", to: "soon" }))).toContain(
      `--to "soon": must be a date (2024-03-01`
    )
    expect(usage(() => queryInput("interruptions", { scenario: "s", "time-zone": "Mars/Olympus" }))).toMatch(
      /^--time-zone: an IANA time zone/
    )
  })

  it("reads only the options of its query", () => {
    expect(queryInput("survival", { scenario: "s", kpi: "ignored" })).toEqual({ scenario: "s" })
  })
})

describe("hourOfWeekLabel", () => {
  it("counts from Monday 00–01", () => {
    expect([0, 23, 24, 167].map((h) => hourOfWeekLabel(h))).toEqual([
      "Mon 00–01",
      "Mon 23–00",
      "Tue 00–01",
      "Sun 23–00"
    ])
    expect([0, 167].map((h) => hourOfWeekLabel(h, "sv"))).toEqual(["mån 00–01", "sön 23–00"])
  })
})
