import { describe, expect, it } from "vitest"
import { differences, toMilliseconds } from "./differences.js"

describe("differences between two reports", () => {
  it("names each path that moved beyond the tolerance, and nothing within it", () => {
    const a = { n: 1, nested: { x: 100, s: "a", list: [1, 2] } }
    expect(differences(a, structuredClone(a), { absolute: 0 })).toEqual([])
    expect(differences(a, { n: 1 + 1e-7, nested: { x: 100, s: "a", list: [1, 2] } }, { absolute: 1e-6 })).toEqual([])
    expect(differences(a, { n: 2, nested: { x: 100, s: "b", list: [1, 3] } }, { absolute: 1e-6 })).toEqual([
      ".n: 1 vs 2",
      ".nested.s: a vs b",
      ".nested.list.1: 2 vs 3"
    ])
  })

  it("scales a relative tolerance with the first value, and counts a missing figure as a difference", () => {
    expect(differences({ x: 1000 }, { x: 1000.9 }, { relative: 1e-3 })).toEqual([])
    expect(differences({ x: 1000 }, { x: 1001.1 }, { relative: 1e-3 })).toEqual([".x: 1000 vs 1001.1"])
    expect(differences({ x: 0 }, { x: 0.0009 }, { relative: 1e-3 })).toEqual([])
    expect(differences({ x: 1 }, {}, { absolute: 1 })).toEqual([".x: 1 vs undefined"])
  })
})

describe("events at the wire's precision", () => {
  it("rounds each time to the millisecond and keeps the rest", () => {
    expect(toMilliseconds([{ t: 1 / 3, id: "e" }])).toEqual([{ t: 20_000 / 60_000, id: "e" }])
  })
})
