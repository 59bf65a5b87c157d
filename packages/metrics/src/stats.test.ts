import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { nearestRank, nearestRanks, SampleBuffer } from "./stats.js"

describe("sample statistics", () => {
  // Samples as dispatch waits are: many repeats (0, whole minutes) among arbitrary values.
  const samples = fc.array(fc.oneof(fc.constantFrom(0, 0, 1, 4), fc.double({ min: 0, max: 500, noNaN: true })), {
    maxLength: 400
  })
  // The same with negative values and -0, which sort before the zeros.
  const signedSamples = fc.array(
    fc.oneof(fc.constantFrom(0, 0, -0, 1, -2), fc.double({ min: -500, max: 500, noNaN: true })),
    { maxLength: 400 }
  )
  const ascendingPs = fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 })
    .map((ps) => ps.sort((a, b) => a - b))

  // Over 600 samples, a sample of them is selected first.
  const largeSamples = fc.array(fc.oneof(fc.constantFrom(0, 1, 4, 7), fc.double({ min: 0, max: 500, noNaN: true })), {
    minLength: 601,
    maxLength: 6000
  })

  it.each([
    ["with many repeated values", samples, 100],
    ["from samples large enough that a sample of them is selected first", largeSamples, 60]
  ] as const)("selects the percentiles sorting the samples would give, %s", (_, arb, numRuns) => {
    fc.assert(
      fc.property(arb, ascendingPs, (xs, ps) => {
        const sorted = Float64Array.from(xs).sort()
        const selected = Float64Array.from(xs)
        expect(nearestRanks({ values: selected, zeros: 0, belowZero: 0 }, ps)).toEqual(
          ps.map((p) => nearestRank(sorted, p))
        )
        // Selection only reorders: the same samples are there.
        expect(selected.sort()).toEqual(sorted)
      }),
      { numRuns }
    )
  })

  it("refuses percentiles asked out of order, which selection cannot answer", () => {
    expect(() =>
      nearestRanks({ values: Float64Array.from([3, 1, 2, 5, 4]), zeros: 0, belowZero: 0 }, [0.9, 0.5])
    ).toThrow(/ascending order/)
  })

  it("gathers buffers and extra samples in order, zeros counted, however pushes interleave", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(2), signedSamples), { maxLength: 8 }), signedSamples, (steps, extra) => {
        const buffers = [new SampleBuffer(), new SampleBuffer(), new SampleBuffer()]
        const pushed: Array<Array<number>> = [[], [], []]
        for (const [b, xs] of steps) {
          for (const x of xs) {
            buffers[b]!.push(x)
            pushed[b]!.push(x)
          }
        }
        const all = [...pushed.flat(), ...extra]
        const gathered = SampleBuffer.gather(buffers, extra)
        expect([...gathered.values]).toEqual(all.filter((x) => !Object.is(x, 0)))
        expect(gathered.zeros).toBe(all.filter((x) => Object.is(x, 0)).length)
        expect(gathered.belowZero).toBe(all.filter((x) => x < 0 || Object.is(x, -0)).length)
        expect(buffers.reduce((n, b) => n + b.length, 0)).toBe(all.length - extra.length)
      })
    )
  })

  it("selects the percentiles sorting would give from gathered samples, zeros counted and not stored", () => {
    fc.assert(
      fc.property(signedSamples, signedSamples, ascendingPs, (xs, extra, ps) => {
        const buffer = new SampleBuffer()
        for (const x of xs) buffer.push(x)
        const sorted = Float64Array.from([...xs, ...extra]).sort()
        expect(nearestRanks(SampleBuffer.gather([buffer], extra), ps)).toEqual(ps.map((p) => nearestRank(sorted, p)))
      })
    )
  })

  it("refuses percentiles out of order even where both fall on the counted zeros", () => {
    const buffer = new SampleBuffer()
    for (const x of [0, 0, 0, 0, 5]) buffer.push(x)
    expect(() => nearestRanks(SampleBuffer.gather([buffer]), [0.5, 0.1])).toThrow(/ascending order/)
  })

  it("takes nearest-rank percentiles: rank ⌈p·n⌉", () => {
    const sorted = Float64Array.from([15, 20, 35, 40, 50])
    expect(nearestRank(sorted, 0.05)).toBe(15)
    expect(nearestRank(sorted, 0.3)).toBe(20)
    expect(nearestRank(sorted, 0.4)).toBe(20)
    expect(nearestRank(sorted, 0.5)).toBe(35)
    expect(nearestRank(sorted, 1)).toBe(50)
    expect(nearestRank(new Float64Array(0), 0.5)).toBe(0)
  })

  it("grows past its first capacity and gathers buffers with extra samples", () => {
    const a = new SampleBuffer(),
      b = new SampleBuffer()
    for (let i = 0; i < 1000; i++) (i % 2 === 0 ? a : b).push(1000 - i)
    expect(a.length).toBe(500)
    const all = SampleBuffer.gather([a, b], [0.5, 0])
    expect([all.values.length, all.zeros]).toEqual([1001, 1])
    expect([all.values[0], all.values[499], all.values[500], all.values[1000]]).toEqual([1000, 2, 999, 0.5])
  })
})
