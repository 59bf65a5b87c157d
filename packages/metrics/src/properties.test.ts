import fc from "fast-check"
import type { IgvEvent } from "@igv/domain"
import { describe, expect, it } from "vitest"
import { legalFeed } from "./feed.test-util.js"
import { combine, dispatchLog, fold, interruptionLog, patrolTimeLog, reportProjection, segmentLog } from "./index.js"

/** Blocks that delivered some time: those with a segment longer than zero. */
const segmentsOf = (events: Iterable<IgvEvent>) =>
  fold(segmentLog, events)
    .filter((s) => s.minutes > 0)
    .map((s) => s.block)
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(a), Math.abs(b))
const everything = combine({
  report: reportProjection({ recordedFeed: {} }),
  interruptions: interruptionLog,
  segments: segmentLog,
  dispatches: dispatchLog,
  patrols: patrolTimeLog
})

describe("for any legal feed", () => {
  it("each patrol's time-use categories sum to its on-duty time, which matches the shifts and overtime in the feed", () => {
    fc.assert(
      fc.property(legalFeed({ flush: false }), legalFeed({ flush: true }), (open, flushed) => {
        for (const feed of [open, flushed]) {
          const patrols = fold(patrolTimeLog, feed.events)
          expect(patrols.map((p) => p.patrol).sort()).toEqual([...feed.onDuty.keys()].sort())
          for (const p of patrols) {
            const sum =
              p.prio1Minutes +
              p.prio2Minutes +
              p.prio3Minutes +
              p.plannedMinutes +
              p.freeMinutes +
              p.calendarEventMinutes +
              p.taskMinutes +
              p.briefingMinutes +
              p.mealMinutes +
              p.reportWritingMinutes +
              p.transportMinutes
            expect(close(sum, p.onDutyMinutes), `${p.patrol}: ${sum} vs ${p.onDutyMinutes}`).toBe(true)
            expect(
              close(p.onDutyMinutes, feed.onDuty.get(p.patrol)!),
              `${p.patrol}: ${p.onDutyMinutes} vs model ${feed.onDuty.get(p.patrol)}`
            ).toBe(true)
          }
          const r = fold(reportProjection({ recordedFeed: {} }), feed.events)
          const expected = [...feed.onDuty.values()].reduce((a, b) => a + b, 0)
          expect(close(r.timeUse.totalHours * 60, expected)).toBe(true)
          const u = r.timeUse
          expect(close(u.prio1Hours + u.prio2Hours + u.prio3Hours + u.plannedHours + u.freeHours, u.totalHours)).toBe(
            true
          )
          // Blocks only run on duty and off calls, so block time in time use is the delivered line time.
          expect(close(u.plannedHours, r.lineTime.deliveredHours)).toBe(true)
          const community = [...feed.onDuty]
            .filter(([id]) => feed.kinds.get(id) === "community")
            .reduce((a, [, m]) => a + m, 0)
          expect(close(u.byKind.community.totalHours * 60, community)).toBe(true)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("survival is 1 (null with nothing planned) and every block that ran uninterrupted when no call interrupts a block", () => {
    let feedsWithTags = 0
    fc.assert(
      fc.property(legalFeed({ interruptions: false }), (feed) => {
        const r = fold(reportProjection({ recordedFeed: {} }), feed.events)
        expect(r.interruptions.total).toBe(0)
        const ran = new Set(segmentsOf(feed.events))
        expect(r.lineTime.blocksUninterrupted).toBe(ran.size)
        // Survival is over no data (null) when at most a sliver of planned time lies in the feed (1e-9 min: the report's bound).
        const nothingPlanned = (hours: number) => hours * 60 <= 1e-9
        if (nothingPlanned(r.lineTime.plannedHours)) expect(r.lineTime.survival).toBeNull()
        else expect(close(r.lineTime.survival!, 1)).toBe(true)
        for (const tag of r.byTag)
          expect(nothingPlanned(tag.plannedHours) ? tag.survival === null : close(tag.survival!, 1)).toBe(true)
        if (r.byTag.length > 0) feedsWithTags++
      }),
      { numRuns: 300 }
    )
    // The tags' survival is checked only on feeds with tagged blocks: some must have them.
    expect(feedsWithTags).toBeGreaterThan(20)
  })

  it("the interruption log's minutes lost and the late starts sum to planned minus delivered, block by block and in total", () => {
    let feedsWithInterruptedBlocks = 0
    fc.assert(
      fc.property(legalFeed({ flush: true }), legalFeed({ flush: false }), (flushed, open) => {
        for (const feed of [flushed, open]) {
          const { report, interruptions, segments } = fold(everything, feed.events)
          const lost = interruptions.reduce((a, i) => a + i.minutesLost, 0)
          const late = report.lineTime.lateStartHours * 60
          expect(close((report.lineTime.plannedHours - report.lineTime.deliveredHours) * 60, lost + late)).toBe(true)
          expect(
            close(
              report.lineTime.deliveredHours * 60,
              segments.reduce((a, s) => a + s.minutes, 0)
            )
          ).toBe(true)
          expect(interruptions.length).toBe(report.interruptions.total)
        }
        // Every block in a flushed feed ends on schedule or is abandoned, so the identity holds per block.
        const { interruptions, segments } = fold(everything, flushed.events)
        const planned = new Map(
          flushed.events.flatMap((e) =>
            e._tag === "PlannedBlockStarted" ? [[e.block as string, e.plannedMinutes - (e.delayedMinutes ?? 0)]] : []
          )
        )
        const delivered = new Map<string, number>()
        for (const s of segments) delivered.set(s.block, (delivered.get(s.block) ?? 0) + s.minutes)
        const lostByBlock = new Map<string, number>()
        for (const i of interruptions) lostByBlock.set(i.block, (lostByBlock.get(i.block) ?? 0) + i.minutesLost)
        for (const [block, lost] of lostByBlock) {
          expect(close(lost, planned.get(block)! - (delivered.get(block) ?? 0)), block).toBe(true)
        }
        if (lostByBlock.size > 0) feedsWithInterruptedBlocks++
      }),
      { numRuns: 300 }
    )
    // The per-block identity is checked only on feeds that interrupt a block: some must.
    expect(feedsWithInterruptedBlocks).toBeGreaterThan(30)
  })

  it("areas add up to the whole, dispatches match the log, and no figure is NaN", () => {
    fc.assert(
      fc.property(legalFeed(), (feed) => {
        const { report, dispatches } = fold(everything, feed.events)
        const areas = Object.values(report.byArea)
        const sum = (f: (b: typeof report) => number) => areas.reduce((a, b) => a + f(b as typeof report), 0)
        expect(
          close(
            sum((b) => b.lineTime.plannedHours),
            report.lineTime.plannedHours
          )
        ).toBe(true)
        const byHour = report.lineTime.byLocalHour
        expect(
          close(
            byHour.reduce((a, h) => a + h.plannedHours, 0),
            report.lineTime.plannedHours
          )
        ).toBe(true)
        expect(
          close(
            byHour.reduce((a, h) => a + h.deliveredHours, 0),
            report.lineTime.deliveredHours
          )
        ).toBe(true)
        expect(
          close(
            sum((b) => b.timeUse.totalHours),
            report.timeUse.totalHours
          )
        ).toBe(true)
        expect(sum((b) => b.interruptions.total)).toBe(report.interruptions.total)
        expect(sum((b) => b.response["3"].count)).toBe(report.response["3"].count)
        const dispatchedCount =
          report.response["1"].dispatched + report.response["2"].dispatched + report.response["3"].dispatched
        expect(dispatches.length).toBe(dispatchedCount)
        for (const d of dispatches) expect(d.dispatchT).toBeGreaterThanOrEqual(d.registeredT)
        expect(JSON.stringify(report)).not.toMatch(/NaN|Infinity/)
        for (const p of ["1", "2", "3"] as const) {
          const x = report.response[p]
          expect(x.n).toBe(x.dispatched + x.undispatched)
          if (x.n === 0) {
            expect([
              x.meanDispatchMinutes,
              x.p50DispatchMinutes,
              x.withinTarget,
              x.meanArrivalMinutes,
              x.arrivedWithinTarget
            ]).toEqual([null, null, null, null, null])
            continue
          }
          expect(x.p50DispatchMinutes!).toBeLessThanOrEqual(x.p90DispatchMinutes!)
          expect(x.p90DispatchMinutes!).toBeLessThanOrEqual(x.p99DispatchMinutes!)
          expect(x.withinTarget!).toBeGreaterThanOrEqual(0)
          expect(x.withinTarget!).toBeLessThanOrEqual(1)
          if (x.p50ArrivalMinutes !== null) {
            expect(x.p50ArrivalMinutes).toBeLessThanOrEqual(x.p90ArrivalMinutes!)
            expect(x.p90ArrivalMinutes!).toBeLessThanOrEqual(x.p99ArrivalMinutes!)
            expect(x.arrived).toBeLessThanOrEqual(x.dispatched)
          }
        }
      }),
      { numRuns: 300 }
    )
  })

  it("reading the result mid-feed leaves the fold as if it had not been read", () => {
    fc.assert(
      fc.property(legalFeed(), fc.nat(), (feed, cut) => {
        const at = feed.events.length === 0 ? 0 : cut % feed.events.length
        let s = everything.initial()
        feed.events.forEach((e, i) => {
          if (i === at) everything.finish(s)
          s = everything.evolve(s, e)
        })
        expect(everything.finish(s)).toEqual(fold(everything, feed.events))
      }),
      { numRuns: 200 }
    )
  })
})
