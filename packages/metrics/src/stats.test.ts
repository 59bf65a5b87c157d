import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { mergeAscending, nearestRank, SampleBuffer, sortAscending } from "./stats.js"

describe("sample statistics", () => {
  it("sorts like the built-in sort, with many repeated values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(0, 0, 1, 4), fc.double({ min: 0, max: 500, noNaN: true })), {
          maxLength: 400
        }),
        (xs) => {
          expect([...sortAscending(Float64Array.from(xs))]).toEqual([...Float64Array.from(xs).sort()])
        }
      )
    )
  })

  // Samples as dispatch waits are: many repeats (0, whole minutes) among arbitrary values.
  const samples = fc.array(fc.oneof(fc.constantFrom(0, 0, 1, 4), fc.double({ min: 0, max: 500, noNaN: true })), {
    maxLength: 200
  })
  const sameBits = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]))

  it("merges ascending runs into the array sorting them together gives", () => {
    fc.assert(
      fc.property(fc.array(samples, { maxLength: 9 }), (runs) => {
        const merged = mergeAscending(runs.map((r) => sortAscending(Float64Array.from(r))))
        expect(sameBits(merged, Float64Array.from(runs.flat()).sort())).toBe(true)
      })
    )
  })

  it("reads the same ascending samples however reads, pushes and merges interleave", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), samples), { maxLength: 8 }), samples, (steps, extra) => {
        const buffers = [new SampleBuffer(), new SampleBuffer(), new SampleBuffer()]
        const pushed: Array<number> = []
        for (const [b, xs] of steps) {
          for (const x of xs) {
            buffers[b]!.push(x)
            pushed.push(x)
          }
          // A report finished mid-feed reads (and orders) the buffers between pushes.
          expect(sameBits(SampleBuffer.merge(buffers), Float64Array.from(pushed).sort())).toBe(true)
        }
        expect(sameBits(SampleBuffer.merge(buffers, extra), Float64Array.from([...pushed, ...extra]).sort())).toBe(true)
      })
    )
  })

  it("takes nearest-rank percentiles: rank ⌈p·n⌉", () => {
    const s = new SampleBuffer()
    for (const x of [15, 20, 35, 40, 50]) s.push(x)
    const sorted = s.ascending()
    expect(nearestRank(sorted, 0.05)).toBe(15)
    expect(nearestRank(sorted, 0.3)).toBe(20)
    expect(nearestRank(sorted, 0.4)).toBe(20)
    expect(nearestRank(sorted, 0.5)).toBe(35)
    expect(nearestRank(sorted, 1)).toBe(50)
    expect(nearestRank(new Float64Array(0), 0.5)).toBe(0)
  })

  it("grows past its first capacity and merges buffers with extra samples", () => {
    const a = new SampleBuffer(),
      b = new SampleBuffer()
    for (let i = 0; i < 1000; i++) (i % 2 === 0 ? a : b).push(1000 - i)
    expect(a.length).toBe(500)
    const merged = SampleBuffer.merge([a, b], [0.5])
    expect(merged.length).toBe(1001)
    expect(merged[0]).toBe(0.5)
    expect(merged[1000]).toBe(1000)
  })
})
