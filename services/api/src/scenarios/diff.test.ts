import { describe, expect, it } from "vitest"
import { diffJson } from "./diff.js"

describe("diffJson", () => {
  it("names every changed, added and removed leaf by its JSON path", () => {
    const a = { name: "x", rules: { prio3: { handling: "dispatch" }, interruptingPriorities: [1, 2, 3] }, areas: [{ id: "a" }] }
    const b = { name: "x", rules: { prio3: { handling: "defer" }, interruptingPriorities: [1, 2] }, areas: [{ id: "a" }, { id: "b" }], description: "new" }
    expect(diffJson(a, b)).toEqual([
      { path: "rules.prio3.handling", op: "changed", from: "dispatch", to: "defer" },
      { path: "rules.interruptingPriorities[2]", op: "removed", from: 3 },
      { path: "areas[1]", op: "added", to: { id: "b" } },
      { path: "description", op: "added", to: "new" }
    ])
  })

  it("finds nothing between equal values, and a whole value when the kinds differ", () => {
    expect(diffJson({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([])
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: "a", op: "changed", from: [1], to: { 0: 1 } }])
  })
})
