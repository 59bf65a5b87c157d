import fc from "fast-check"
import { describe, expect, it } from "vitest"
import type { Report } from "@igv/domain"
import { attributeReplications, attributionParts, compareReplications } from "./index.js"
import { blockInterruptedAfter } from "./replication.test-util.js"

const run = ([delivered, wait, prio]: readonly [number, number, 1 | 2 | 3]) =>
  blockInterruptedAfter(delivered, wait, prio)

const replication = fc.tuple(
  fc.integer({ min: 5, max: 115 }),
  fc.integer({ min: 0, max: 5 }),
  fc.constantFrom(1 as const, 2 as const, 3 as const)
)
const sets = (n: number, k: number) =>
  fc
    .array(fc.array(replication, { minLength: n, maxLength: n }), { minLength: k, maxLength: k })
    .map((all) => all.map((set) => set.map(run)))
const scenario = fc
  .integer({ min: 2, max: 5 })
  .chain((n) => fc.integer({ min: 0, max: 4 }).chain((k) => sets(n, k + 2)))

/** A report's figures by path, null for a figure over no data. */
const figuresOf = (report: Report) =>
  new Map(compareReplications([report], [report]).rows.map((row) => [row.path, row.a]))

const drain = <T, R>(g: Generator<T, R>): { items: Array<T>; result: R } => {
  const items: Array<T> = []
  for (;;) {
    const next = g.next()
    if (next.done === true) return { items, result: next.value }
    items.push(next.value)
  }
}

describe("attribution of B − A to each setting's own effect and the interaction", () => {
  it("given any replications of A, B and the variants, then in every replication the own effects plus the interaction sum to B − A", () => {
    fc.assert(
      fc.property(scenario, ([a, b, ...variants]) => {
        const { items, result: paths } = drain(attributionParts(a!, b!, variants))
        expect(items).toHaveLength(a!.length)
        const off: Array<string> = []
        items.forEach((part, i) => {
          expect(part.own).toHaveLength(variants.length)
          expect(part.total).toHaveLength(paths.length)
          for (let j = 0; j < paths.length; j++) {
            let sum = part.interaction[j]!
            for (const effect of part.own) sum += effect[j]!
            if (Math.abs(sum - part.total[j]!) > 1e-9 * Math.max(1, Math.abs(part.a[j]!)))
              off.push(`replication ${i}: ${paths[j]}`)
          }
        })
        expect(off).toEqual([])
      }),
      { numRuns: 30 }
    )
  }, 60_000)

  it("given the variants, then the means of the parts add up to the paired comparison's deltas", () => {
    fc.assert(
      fc.property(scenario, ([a, b, ...variants]) => {
        const attribution = attributeReplications(a!, b!, variants)
        const comparison = new Map(compareReplications(a!, b!).rows.map((r) => [r.path, r]))
        const off: Array<string> = []
        const incomplete = new Set(
          variants
            .flat()
            .flatMap((report) => [...figuresOf(report)].filter(([, v]) => v === null).map(([path]) => path))
        )
        attribution.total.forEach((row, j) => {
          const paired = comparison.get(row.path)!
          if (row.delta === null) {
            if (attribution.interaction[j]!.delta !== null || attribution.own.some((own) => own[j]!.delta !== null))
              off.push(`null ${row.path}`)
            return
          }
          const scale = Math.max(1, Math.abs(paired.a ?? 0))
          const parts = attribution.interaction[j]!.delta! + attribution.own.reduce((s, own) => s + own[j]!.delta!, 0)
          // The total is the paired comparison's delta where every variant has the figure in every replication
          // (elsewhere the parts are taken over the replications where all of A, B and the variants have it).
          if (
            !incomplete.has(row.path) &&
            (Math.abs(row.delta - paired.delta!) > 1e-9 * scale ||
              Math.abs(row.halfWidth! - paired.halfWidth!) > 1e-9 * scale)
          )
            off.push(`total ${row.path}`)
          if (Math.abs(parts - row.delta) > 1e-9 * scale) off.push(`parts ${row.path}`)
        })
        expect(off).toEqual([])
      }),
      { numRuns: 30 }
    )
  }, 60_000)

  it("given one setting whose variant is B itself, then all of B − A is its own effect and the interaction is 0", () => {
    const a = [run([30, 2, 1]), run([60, 4, 2]), run([90, 1, 3])]
    const b = [run([50, 2, 1]), run([85, 4, 2]), run([110, 1, 3])]
    const r = attributeReplications(a, b, [b])
    const survival = r.total.findIndex((row) => row.path === "lineTime.survival")
    expect(r.own[0]![survival]).toEqual(r.total[survival])
    expect(r.total[survival]!.delta).toBeCloseTo(65 / 3 / 120, 12)
    expect(
      r.interaction.every(
        (row) =>
          (row.delta === 0 || (row.delta === null && r.total[r.interaction.indexOf(row)]!.delta === null)) &&
          !row.significant
      )
    ).toBe(true)
  })

  it("given two settings that each do nothing alone, then their joint effect is all interaction", () => {
    const a = [run([30, 2, 1]), run([60, 4, 2]), run([90, 1, 3])]
    const b = [run([50, 2, 1]), run([85, 4, 2]), run([110, 1, 3])]
    const r = attributeReplications(a, b, [a, a])
    const survival = r.total.findIndex((row) => row.path === "lineTime.survival")
    expect(r.own.map((own) => own[survival]!.delta)).toEqual([0, 0])
    expect(r.interaction[survival]).toEqual(r.total[survival])
    expect(r.interaction[survival]!.significant).toBe(true)
  })

  it("refuses sets of different sizes", () => {
    const a = [run([30, 2, 1]), run([60, 4, 2])]
    expect(() => attributeReplications(a, a, [a.slice(1)])).toThrow(/same number of replications/)
  })
})
