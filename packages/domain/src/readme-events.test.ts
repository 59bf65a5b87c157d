import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { EVENT_TYPES } from "./events.js"

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8")

/** The event kinds the README's "What the events mean" table has a row for, in its order. */
const documented = (): ReadonlyArray<string> => {
  const table = readme.slice(readme.indexOf("## What the events mean"))
  return [...table.matchAll(/^\| `([A-Za-z]+) \{/gm)].map((m) => m[1]!)
}

describe("the domain README's event table", () => {
  it("says what every event kind of the feed means, once, and names no kind the feed does not have", () => {
    const rows = documented()
    expect([...rows].sort()).toEqual([...EVENT_TYPES].sort())
    expect(new Set(rows).size).toBe(rows.length)
  })
})
