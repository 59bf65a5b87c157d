import { beforeAll, describe, expect, it } from "vitest"
import { agreement, describeAgreement, type Agreement } from "./agreement.js"
import type { MMcSetup } from "./mmc-scenario.js"
import { mean, shareAbove } from "./queue-observer.js"
import { meanNumberWaiting, meanWait, probabilityOfWaiting, utilisation, waitTail } from "./queueing.js"
import { runMMc, type MMcRun } from "./run-mmc.js"

/**
 * One priority, six patrols around the clock, 45-minute mean on-scene time, 144 calls a day:
 * a = λ/μ = 4.5 erlangs, ρ = 0.75, P(wait) = 0.4217, Wq = 12.65 min. Each replication is a long run
 * with its first and last day left out; replications are independent seeds, so their estimates are
 * i.i.d. and the Student-t interval is honest. Required precision (99.9 % CI half-width, relative to
 * theory): P(wait) ±3 %, Wq ±5 %, tail P(W>t) ±5 % at t = 15, ±8 % at 30, ±12 % at 60 minutes
 * (the tail thins out: fewer calls wait that long), Lq ±5 %, free share ±2 %.
 */
const setup: MMcSetup = { patrols: 6, meanServiceMinutes: 45, perDay: { 2: 144 }, days: 152 }
const SEEDS = Array.from({ length: 10 }, (_, i) => 1000 + i)
const q = { lambda: 144 / 1440, mu: 1 / 45, c: 6 }

let runs: ReadonlyArray<MMcRun> = []
const check = (a: Agreement) => {
  console.log(describeAgreement(a))
  expect(a.theoryInside, describeAgreement(a)).toBe(true)
  expect(a.preciseEnough, describeAgreement(a)).toBe(true)
}

describe("one priority against Erlang C (M/M/6, ρ = 0.75)", () => {
  beforeAll(() => {
    runs = SEEDS.map((seed) => runMMc(setup, seed))
  })

  it("dispatches every call registered in the measurement window", () => {
    for (const r of runs) {
      expect(r.queue.undispatched).toBe(0)
      // About 150 days × 144 calls: the run really is long.
      expect(r.queue.waits[2].length).toBeGreaterThan(140 * 144)
    }
  })

  it("probability of waiting P(W > 0) = C(c, a)", () => {
    check(agreement("P(W>0)", runs.map((r) => shareAbove(r.queue.waits[2], 0)), probabilityOfWaiting(q), 0.03))
  })

  it("mean dispatch wait Wq = C / (cμ − λ)", () => {
    check(agreement("Wq (min)", runs.map((r) => mean(r.queue.waits[2])), meanWait(q), 0.05))
  })

  it("waiting-time tail P(W > t) = C · e^{−(cμ − λ)t}", () => {
    for (const [t, precision] of [[15, 0.05], [30, 0.08], [60, 0.12]] as const) {
      check(agreement(`P(W>${t})`, runs.map((r) => shareAbove(r.queue.waits[2], t)), waitTail(q, t), precision))
    }
  })

  it("Little's law: the time-average number waiting is λ·Wq", () => {
    check(agreement("Lq", runs.map((r) => r.queue.meanNumberWaiting), meanNumberWaiting(q), 0.05))
    // On each sample path L = λ̂·Ŵ up to the calls straddling the window's edges.
    for (const r of runs) {
      const w = r.queue.waits[2]
      const lambdaHat = w.length / r.queue.windowMinutes
      expect(r.queue.meanNumberWaiting / (lambdaHat * mean(w))).toBeCloseTo(1, 2)
    }
  })

  it("with no planned blocks the free share of patrol time is (c − a)/c", () => {
    const free = 1 - utilisation(q)
    check(agreement("free share (report)", runs.map((r) => r.report.timeUse.freeHours / r.report.timeUse.totalHours), free, 0.02))
    check(agreement("free share (stream, window)", runs.map((r) => 1 - r.queue.meanNumberBusy / q.c), free, 0.02))
    for (const r of runs) {
      const t = r.report.timeUse
      expect(t.plannedHours).toBe(0)
      // Continuous duty: six patrols for every hour of the horizon (plus any overtime on a job at the end).
      expect(t.totalHours).toBeGreaterThanOrEqual(q.c * setup.days * 24 - 1e-6)
      expect(t.totalHours).toBeLessThan(q.c * setup.days * 24 + q.c * 8)
      expect(t.prio2Hours / t.totalHours).toBeCloseTo(utilisation(q), 1)
    }
  })
})
