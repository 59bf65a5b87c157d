import { describe, expect, it } from "vitest"
import { tidyIssues } from "./tidy-issues.js"

describe("tidyIssues", () => {
  it("merges a union's alternatives and drops the optional wrapper's noise", () => {
    expect(
      tidyIssues([
        { path: "a[0].prio", message: "Expected 1, actual 5" },
        { path: "a[0].prio", message: "Expected 2, actual 5" },
        { path: "a[0].prio", message: "Expected 3, actual 5" },
        { path: "a", message: `Expected undefined, actual [{"prio":5}]` },
        { path: "b", message: "is missing" }
      ])
    ).toEqual([
      { path: "a[0].prio", message: "expected 1, 2 or 3, got 5" },
      { path: "b", message: "is missing" }
    ])
  })

  it("keeps an optional field's complaint when nothing deeper explains it", () => {
    expect(tidyIssues([{ path: "x", message: "Expected undefined, actual 3" }])).toEqual([
      { path: "x", message: "must be left out here" }
    ])
    expect(
      tidyIssues([
        { path: "x", message: "Expected string, actual 3" },
        { path: "x", message: "Expected undefined, actual 3" }
      ])
    ).toEqual([{ path: "x", message: "expected string, got 3" }])
  })

  it("never carries a long input back: the value is cut to an excerpt with its length", () => {
    const [issue] = tidyIssues([{ path: "", message: `Expected CreateScenario, actual "${"x".repeat(100_000)}"` }])
    expect(issue!.message).toBe(`expected CreateScenario, got "${"x".repeat(39)}… (100002 characters)`)
  })
})
