import { describe, expect, it } from "vitest"
import { ANALYTICS_QUERIES, decodeAnalyticsInput, isAnalyticsQuery } from "./inputs.js"

describe("analytics query inputs", () => {
  it("names the queries from a fixed list", () => {
    expect(ANALYTICS_QUERIES).toEqual(["interruptions", "survival", "sweep", "real-vs-simulated", "headline"])
    expect(isAnalyticsQuery("survival")).toBe(true)
    expect(isAnalyticsQuery("toString")).toBe(false)
    expect(isAnalyticsQuery("runs; DROP TABLE runs")).toBe(false)
  })

  it("accepts well-formed input", () => {
    const ok = decodeAnalyticsInput("interruptions", {
      scenario: "baseline",
      version: 3,
      areas: ["lpo1", "Söderort"],
      prios: [1, 2],
      from: "2024-01-01",
      to: "2024-02-01T00:00:00+01:00",
      timeZone: "Europe/Stockholm"
    })
    expect(ok.ok).toBe(true)
    expect(decodeAnalyticsInput("headline", { source: "recorded", from: "2024-01-01", to: "2024-12-31" }).ok).toBe(true)
    expect(
      decodeAnalyticsInput("sweep", { sweep: "sw-1", kpi: "response.1.p90DispatchMinutes", parameter: "reserve" }).ok
    ).toBe(true)
  })

  it("rejects bad input with a path and a reason", () => {
    const bad = decodeAnalyticsInput("interruptions", {
      scenario: "x' OR 1=1 --",
      prios: [4],
      from: "yesterday",
      timeZone: "Mars/Olympus"
    })
    expect(bad.ok).toBe(false)
    if (!bad.ok)
      expect(new Set(bad.issues.map((i) => i.path.replace(/\[\d+\]$/, "")))).toEqual(
        new Set(["from", "prios", "scenario", "timeZone"])
      )
    expect(decodeAnalyticsInput("real-vs-simulated", { from: "2024-01-01" }).ok).toBe(false)
    expect(decodeAnalyticsInput("headline", { source: "dreamt" }).ok).toBe(false)
    expect(decodeAnalyticsInput("sweep", { sweep: "s", kpi: "a b", parameter: "p" }).ok).toBe(false)
    expect(decodeAnalyticsInput("interruptions", { from: "2024-02-30T00:00:00Z" }).ok).toBe(false)
  })

  it("refuses times ClickHouse's DateTime cannot hold (a 500 from the literal formatter before)", () => {
    const far = decodeAnalyticsInput("real-vs-simulated", { from: "2200-01-01", to: "2200-02-01" })
    expect(!far.ok && far.issues).toEqual([
      { path: "from", message: "a time must lie from 1970-01-01 to 2106-02-07 (what ClickHouse's DateTime holds)" },
      { path: "to", message: "a time must lie from 1970-01-01 to 2106-02-07 (what ClickHouse's DateTime holds)" }
    ])
    expect(decodeAnalyticsInput("real-vs-simulated", { from: "2106-02-07", to: "2106-02-07T06:28:15Z" }).ok).toBe(true)
  })
})
