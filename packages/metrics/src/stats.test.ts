import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nearestRank, SampleBuffer, sortAscending } from "./stats.js"

describe("sample statistics", () => {
  it("sorts like the built-in sort, with many repeated values", () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom(0, 0, 1, 4), fc.double({ min: 0, max: 500, noNaN: true })), { maxLength: 400 }), (xs) => {
      expect([...sortAscending(Float64Array.from(xs))]).toEqual([...Float64Array.from(xs).sort()])
    }))
  })

  it("takes nearest-rank percentiles: rank ⌈p·n⌉", () => {
    const s = new SampleBuffer()
    for (const x of [15, 20, 35, 40, 50]) s.push(x)
    const sorted = s.sorted()
    expect(nearestRank(sorted, 0.05)).toBe(15)
    expect(nearestRank(sorted, 0.3)).toBe(20)
    expect(nearestRank(sorted, 0.4)).toBe(20)
    expect(nearestRank(sorted, 0.5)).toBe(35)
    expect(nearestRank(sorted, 1)).toBe(50)
    expect(nearestRank(new Float64Array(0), 0.5)).toBe(0)
  })

  it("grows past its first capacity and merges buffers with extra samples", () => {
    const a = new SampleBuffer(), b = new SampleBuffer()
    for (let i = 0; i < 1000; i++) (i % 2 === 0 ? a : b).push(1000 - i)
    expect(a.length).toBe(500)
    const merged = SampleBuffer.merge([a, b], [0.5])
    expect(merged.length).toBe(1001)
    expect(merged[0]).toBe(0.5)
    expect(merged[1000]).toBe(1000)
  })
})
