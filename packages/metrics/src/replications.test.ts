import type { IgvEvent } from "@igv/domain"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { legalFeed } from "./feed.test-util.js"
import { blockStarted, cleared, completed, dispatched, registered, shiftEnded, shiftStarted } from "./feed.test-util.js"
import {
  compareReplications,
  fold,
  meanAndHalfWidth,
  reportProjection,
  studentT975,
  summarizeReplications
} from "./index.js"
import { blockInterruptedAfter } from "./replication.test-util.js"

/** One replication whose prio-1 call takes the patrol from its block after `delivered` minutes (see the test util). */
const run = (delivered: number, wait: number, extra: ReadonlyArray<IgvEvent> = []) =>
  blockInterruptedAfter(delivered, wait, 1, extra)

describe("Student t quantiles", () => {
  it("match the tables for a two-sided 95 % interval", () => {
    expect(studentT975(1)).toBeCloseTo(12.7062, 4)
    expect(studentT975(2)).toBeCloseTo(4.3027, 4)
    expect(studentT975(4)).toBeCloseTo(2.7764, 4)
    expect(studentT975(9)).toBeCloseTo(2.2622, 4)
    expect(studentT975(29)).toBeCloseTo(2.0452, 4)
    expect(studentT975(100_000)).toBeCloseTo(1.96, 3)
  })

  it("give no interval for one sample and none for none", () => {
    expect(meanAndHalfWidth([7])).toEqual({ mean: 7, halfWidth: 0 })
    expect(meanAndHalfWidth([])).toEqual({ mean: 0, halfWidth: 0 })
  })
})

describe("summarizeReplications", () => {
  // Given three replications whose block survives 30, 60 and 90 of 120 minutes after dispatch waits of 2, 4 and 6.
  const reports = [run(30, 2), run(60, 4), run(90, 6)]

  it("then survival is 0.5 ± 4.3027 · 0.25 / √3 = 0.6210 (Student t, 2 df)", () => {
    const s = summarizeReplications(reports)
    expect(s.replications).toBe(3)
    expect(s.mean.lineTime.survival).toBeCloseTo(0.5, 12)
    expect(s.halfWidth95.lineTime.survival).toBeCloseTo(0.621032, 5)
  })

  it("then the prio-1 dispatch wait is 4 ± 4.9683 min, and constant figures have no spread", () => {
    const s = summarizeReplications(reports)
    expect(s.mean.response["1"].meanDispatchMinutes).toBeCloseTo(4, 12)
    expect(s.halfWidth95.response["1"].meanDispatchMinutes).toBeCloseTo(4.968275, 5)
    expect(s.mean.lineTime.plannedHours).toBe(2)
    expect(s.halfWidth95.lineTime.plannedHours).toBe(0)
    expect(s.mean.byArea["north"]!.lineTime.survival).toBeCloseTo(0.5, 12)
    expect(s.mean.byTag).toEqual([expect.objectContaining({ tag: "promise-1", plannedHours: 2 })])
  })

  it("then the histogram keeps its bins and averages the counts", () => {
    const s = summarizeReplications(reports)
    const bin = s.mean.lineTime.segmentHistogram.find((h) => h.fromMinutes === 30)!
    expect(bin).toMatchObject({ fromMinutes: 30, toMinutes: 60 })
    expect(bin.count).toBeCloseTo(1 / 3, 12)
    expect(s.halfWidth95.lineTime.segmentHistogram[0]).toMatchObject({ fromMinutes: 0, toMinutes: 15 })
  })

  it("given an area that only one replication saw, then the others count as empty there: zero calls, no survival", () => {
    const s = summarizeReplications([run(30, 2, [registered(200, "s1", 3, "south")]), run(60, 4), run(90, 6)])
    expect(s.mean.byArea["south"]!.response["3"].count).toBeCloseTo(1 / 3, 12)
    expect(s.mean.byArea["south"]!.lineTime.survival).toBeNull()
    expect(s.halfWidth95.byArea["south"]!.lineTime.survival).toBeNull()
  })

  it("given a figure over no data in some replications, then its mean and half-width are over the others only", () => {
    // Survival 0.5, null (nothing planned), 0.75: mean 0.625 over two, half-width t(1) · sd / √2.
    const nothing = fold(reportProjection({ recordedFeed: {} }), [shiftStarted(0, "p1"), shiftEnded(60, "p1")])
    const s = summarizeReplications([run(60, 2), nothing, run(90, 6)])
    expect(s.mean.lineTime.survival).toBeCloseTo(0.625, 12)
    expect(s.halfWidth95.lineTime.survival).toBeCloseTo(12.706205 * (Math.sqrt(0.03125) / Math.sqrt(2)), 5)
    const row = compareReplications([run(60, 2), nothing, run(90, 6)], [run(90, 2), run(30, 4), run(120, 6)]).rows.find(
      (r) => r.path === "lineTime.survival"
    )!
    // Pairs where both sides have the figure: (0.5, 0.75) and (0.75, 1).
    expect(row.delta).toBeCloseTo(0.25, 12)
  })

  it("agrees with a two-pass mean and Student-t half-width on random replications", () => {
    fc.assert(
      fc.property(fc.array(legalFeed(), { minLength: 1, maxLength: 6 }), (feeds) => {
        const reports = feeds.map((f) => fold(reportProjection({ recordedFeed: {} }), f.events))
        const s = summarizeReplications(reports)
        const pick = [
          (r: (typeof reports)[number]) => r.lineTime.survival,
          (r: (typeof reports)[number]) => r.timeUse.totalHours,
          (r: (typeof reports)[number]) => r.response["3"].p90DispatchMinutes
        ]
        for (const f of pick) {
          // Null figures (no data in that replication) are left out.
          const values = reports.map(f).filter((x): x is number => x !== null)
          if (values.length === 0) {
            expect(f(s.mean)).toBeNull()
            continue
          }
          const expected = meanAndHalfWidth(values)
          expect(f(s.mean)).toBeCloseTo(expected.mean, 9)
          expect(f(s.halfWidth95)).toBeCloseTo(expected.halfWidth, 9)
        }
      }),
      { numRuns: 100 }
    )
  })

  it("given no reports, then it refuses", () => {
    expect(() => summarizeReplications([])).toThrow(RangeError)
  })
})

describe("compareReplications (paired on common random numbers)", () => {
  const a = [run(30, 2), run(60, 4), run(90, 6)]

  it("given a rule that adds 20–25 min to every paired replication, then the survival delta is significant", () => {
    const b = [run(50, 2), run(85, 4), run(110, 6)]
    const row = compareReplications(a, b).rows.find((r) => r.path === "lineTime.survival")!
    expect(row.a).toBeCloseTo(0.5, 12)
    expect(row.delta).toBeCloseTo(65 / 3 / 120, 12)
    // Differences 20, 25, 20 min of 120: sd 2.8868/120, half-width 4.3027 · sd / √3.
    expect(row.halfWidth).toBeCloseTo((4.302653 * (Math.sqrt(25 / 3) / 120)) / Math.sqrt(3), 5)
    expect(row.significant).toBe(true)
  })

  it("given an identical pair, then nothing is significant and every delta is 0", () => {
    const c = compareReplications(a, [run(30, 2), run(60, 4), run(90, 6)])
    expect(c.rows.length).toBeGreaterThan(50)
    expect(c.rows.filter((r) => r.significant)).toEqual([])
    expect(c.rows.every((r) => (r.a === null ? r.delta === null : r.delta === 0 && r.halfWidth === 0))).toBe(true)
  })

  it("given differences that change sign, then the delta is not significant", () => {
    const row = compareReplications(a, [run(60, 2), run(30, 4), run(95, 6)]).rows.find(
      (r) => r.path === "lineTime.survival"
    )!
    expect(row.significant).toBe(false)
    if (row.delta === null) throw new Error("lineTime.survival: no delta")
    expect(row.halfWidth).toBeGreaterThan(Math.abs(row.delta))
  })

  it("names every figure by a readable path, and skips the histogram's bin bounds", () => {
    const paths = compareReplications(a, a).rows.map((r) => r.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        "lineTime.survival",
        "response.1.p90DispatchMinutes",
        "timeUse.byKind.community.prio12Share",
        "byArea.north.interruptions.per100PlannedHours",
        "byTag[promise-1].survival",
        "lineTime.segmentHistogram[0-15].count",
        "lineTime.byLocalHour[7h].survival",
        "events"
      ])
    )
    expect(paths.some((p) => p.endsWith("fromMinutes") || p.endsWith("toMinutes") || p.endsWith(".hour"))).toBe(false)
  })

  it("refuses unpaired sets", () => {
    expect(() => compareReplications(a, a.slice(1))).toThrow(/same number of replications/)
  })
})

describe("compareReplications unpaired (Welch), for scenarios that do not see the same calls", () => {
  const a = [run(30, 2), run(60, 4), run(90, 6)]
  const b = [run(50, 2), run(85, 4), run(110, 6)]

  it("given the same samples, then the delta is the difference of means and its interval ignores the pairing", () => {
    const c = compareReplications(a, b, { paired: false })
    expect(c.paired).toBe(false)
    expect(compareReplications(a, b).paired).toBe(true)
    const row = c.rows.find((r) => r.path === "lineTime.survival")!
    expect(row.delta).toBeCloseTo(65 / 3 / 120, 12)
    // Variances 900 and 908.33 (min²) over 3 each: Welch–Satterthwaite df ≈ 4.0, t ≈ 2.7764.
    const se = Math.sqrt((900 / 3 + 2725 / 9) / 14400)
    expect(row.halfWidth).toBeCloseTo(2.7764 * se, 3)
    // The paired interval (same calls) would call it significant; unpaired it is not.
    expect(row.significant).toBe(false)
    expect(compareReplications(a, b).rows.find((r) => r.path === "lineTime.survival")!.significant).toBe(true)
  })

  it("takes sets of different sizes", () => {
    const row = compareReplications(a, b.slice(1), { paired: false }).rows.find((r) => r.path === "lineTime.survival")!
    expect(row.delta).toBeCloseTo((195 / 2 - 180 / 3) / 120, 12)
  })
})

describe("late block starts over replications", () => {
  // Given p1 on a prio-3 job from 0 until `late` minutes past its block's scheduled start at 60: the 120-min block starts late.
  const lateRun = (late: number) =>
    fold(reportProjection({ recordedFeed: {} }), [
      shiftStarted(0, "p1"),
      registered(0, "i1", 3),
      dispatched(0, "i1", "p1", 3),
      cleared(60 + late, "i1", "p1"),
      blockStarted(60 + late, "b1", "p1", 120, "north", "promise-1", late),
      completed(180, "b1", "p1"),
      shiftEnded(480, "p1")
    ])

  it("then the summary and the comparison carry blocksStartedLate and lateStartHours, in total and by area", () => {
    const a = [lateRun(10), lateRun(20), lateRun(30)],
      b = [lateRun(40), lateRun(50), lateRun(60)]
    const s = summarizeReplications(a)
    expect(s.mean.lineTime.lateStartHours).toBeCloseTo(20 / 60, 12)
    expect(s.halfWidth95.lineTime.lateStartHours).toBeCloseTo((4.302653 * (10 / 60)) / Math.sqrt(3), 5)
    expect(s.mean.lineTime.blocksStartedLate).toBe(1)
    expect(s.mean.byArea["north"]!.lineTime.lateStartHours).toBeCloseTo(20 / 60, 12)
    expect(s.mean.lineTime.plannedHours).toBe(2)
    expect(s.mean.lineTime.blocksUninterrupted).toBe(1)
    const rows = new Map(compareReplications(a, b).rows.map((r) => [r.path, r]))
    expect(rows.get("lineTime.lateStartHours")!.delta).toBeCloseTo(0.5, 12)
    expect(rows.get("byArea.north.lineTime.lateStartHours")!.delta).toBeCloseTo(0.5, 12)
    expect(rows.get("lineTime.blocksStartedLate")!.delta).toBe(0)
    expect(rows.get("lineTime.survival")!.delta).toBeCloseTo(-0.25, 12)
  })
})
