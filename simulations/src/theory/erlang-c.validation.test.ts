import { beforeAll, describe, expect, it } from "vitest"
import { agreement, type Control } from "./agreement.js"
import { expectAgreement } from "./agreement.test-util.js"
import type { MMcSetup } from "./mmc-scenario.js"
import { mean, shareAbove } from "./queue-observer.js"
import { meanNumberWaiting, meanWait, probabilityOfWaiting, utilisation, waitTail } from "./queueing.js"
import { runMMc, type MMcRun } from "./run-mmc.js"
import { measuredFigures } from "../measured.test-util.js"

/**
 * One priority, six patrols around the clock, 45-minute mean on-scene time, 144 calls a day:
 * a = λ/μ = 4.5 erlangs, ρ = 0.75, P(wait) = 0.4217, Wq = 12.65 min. Each replication is a year with
 * its first and last day left out; replications are independent seeds, so their estimates are i.i.d.
 * Each estimate is adjusted by the offered load its run actually drew (control variate, expectation a
 * exactly), which removes most of the run-to-run noise without bias.
 *
 * Thirty replications (1.6 million calls) buy 99.9 % CI half-widths which the test requires, relative
 * to theory: P(wait) ±3 %, Wq ±5 %, tail P(W>t) ±5 % at t = 15, ±8 % at 30, ±12 % at 60 minutes
 * (fewer calls wait that long), Lq ±6 %, free share ±2.5 % (see below). Pilots with twenty
 * replications measured 1.0–1.1 %, 3.0–4.4 %, 2.0–2.5 %, 3.0–3.6 %, 7.4–8.3 %, 2.9–4.5 % and
 * 1.6–2.1 %; thirty shrink these by a fifth, so each requirement sits 1.5–3 times above what the run
 * delivers and a change in the simulator's random streams does not make the suite flaky.
 */
const setup: MMcSetup = { patrols: 6, meanServiceMinutes: 45, perDay: { 2: 144 }, days: 366 }
const SEEDS = Array.from({ length: 30 }, (_, i) => 1000 + i)
const q = { lambda: 144 / 1440, mu: 1 / 45, c: 6 }
const a = q.lambda / q.mu

let runs: ReadonlyArray<MMcRun> = []
/** Offered load drawn inside the measurement window. */
let windowLoad: Control = { values: [], expected: a }
/** Offered load drawn over the whole run. */
let runLoad: Control = { values: [], expected: a }

describe("one priority against Erlang C (M/M/6, ρ = 0.75)", () => {
  beforeAll(() => {
    runs = SEEDS.map((seed) => runMMc(setup, seed))
    windowLoad = { values: runs.map((r) => r.queue.windowWorkMinutes / r.queue.windowMinutes), expected: a }
    runLoad = { values: runs.map((r) => r.queue.totalWorkMinutes / (setup.days * 1440)), expected: a }
  }, 300_000)

  it("dispatches every call registered in the measurement window", () => {
    for (const r of runs) {
      expect(r.queue.undispatched).toBe(0)
      // About 364 days × 144 calls: the run really is long.
      expect(r.queue.waits[2].length).toBeGreaterThan(350 * 144)
    }
  })

  it("probability of waiting P(W > 0) = C(c, a)", () => {
    expectAgreement(
      agreement(
        "P(W>0)",
        runs.map((r) => shareAbove(r.queue.waits[2], 0)),
        probabilityOfWaiting(q),
        0.03,
        windowLoad
      )
    )
  })

  it("mean dispatch wait Wq = C / (cμ − λ)", () => {
    expectAgreement(
      agreement(
        "Wq (min)",
        runs.map((r) => mean(r.queue.waits[2])),
        meanWait(q),
        0.05,
        windowLoad
      )
    )
  })

  it("waiting-time tail P(W > t) = C · e^{−(cμ − λ)t}", () => {
    for (const [t, precision] of [
      [15, 0.05],
      [30, 0.08],
      [60, 0.12]
    ] as const) {
      expectAgreement(
        agreement(
          `P(W>${t})`,
          runs.map((r) => shareAbove(r.queue.waits[2], t)),
          waitTail(q, t),
          precision,
          windowLoad
        )
      )
    }
  })

  it("the report's response figures for prio 2 agree: within-target share, mean, median, p90 and p99 dispatch waits", () => {
    // The report folds the whole run (the warm-up day and the few calls censored at the horizon
    // included): a bias of about 0.1 %, far inside these intervals. P(W > t) = p gives the quantile
    // t = ln(C/p)/(cμ − λ): p90 = 43.2 min, p99 = 112.2 min; the median is 0 because C < 0.5.
    // Sample quantiles are noisier than means (a pilot measured 4.2 % and 4.7 %): required ±8 %.
    const theta = q.c * q.mu - q.lambda
    const quantile = (p: number) => Math.log(probabilityOfWaiting(q) / (1 - p)) / theta
    const response = runs.map((r) => r.report.response["2"])
    expectAgreement(
      agreement(
        "within 20 min (report)",
        measuredFigures(
          response.map((x) => x.withinTarget),
          "withinTarget"
        ),
        1 - waitTail(q, 20),
        0.015
      )
    )
    expectAgreement(
      agreement(
        "mean dispatch (report)",
        measuredFigures(
          response.map((x) => x.meanDispatchMinutes),
          "meanDispatchMinutes"
        ),
        meanWait(q),
        0.05,
        runLoad
      )
    )
    expectAgreement(
      agreement(
        "p90 dispatch (report)",
        measuredFigures(
          response.map((x) => x.p90DispatchMinutes),
          "p90DispatchMinutes"
        ),
        quantile(0.9),
        0.08
      )
    )
    expectAgreement(
      agreement(
        "p99 dispatch (report)",
        measuredFigures(
          response.map((x) => x.p99DispatchMinutes),
          "p99DispatchMinutes"
        ),
        quantile(0.99),
        0.08
      )
    )
    for (const x of response) {
      expect(x.p50DispatchMinutes).toBe(0)
      expect(x.targetMinutes).toBe(20)
    }
  })

  it("Little's law: the time-average number waiting is λ·Wq", () => {
    expectAgreement(
      agreement(
        "Lq",
        runs.map((r) => r.queue.meanNumberWaiting),
        meanNumberWaiting(q),
        0.06,
        windowLoad
      )
    )
    // On each sample path L = λ̂·Ŵ up to the calls straddling the window's edges.
    for (const r of runs) {
      const w = r.queue.waits[2]
      const lambdaHat = w.length / r.queue.windowMinutes
      expect(r.queue.meanNumberWaiting / (lambdaHat * mean(w))).toBeCloseTo(1, 2)
    }
  })

  it("with no planned blocks the free share of patrol time is (c − a)/c", () => {
    const free = 1 - utilisation(q)
    // The report covers the whole run, edges included: the overtime on jobs still running at the horizon
    // (≈ 4.5 patrols × 45 min, 6e-5 of the year's duty) counts as duty but not in the load drawn, so the
    // load-adjusted interval (±5e-5 wide) would see it; the plain interval is the honest comparison here.
    // Its precision follows from the work drawn: relative SD √(2/N) ≈ 0.6 % for N ≈ 52,000 jobs a year,
    // 1.9 % of the free share per run, 3.66·1.9 %/√30 ≈ 1.3 % for the interval: required ±2.5 %.
    expectAgreement(
      agreement(
        "free share (report)",
        runs.map((r) => r.report.timeUse.freeHours / r.report.timeUse.totalHours),
        free,
        0.025
      )
    )
    // Inside the window there are no edges, so the load-adjusted interval applies.
    expectAgreement(
      agreement(
        "free share (stream, window)",
        runs.map((r) => 1 - r.queue.meanNumberBusy / q.c),
        free,
        0.02,
        windowLoad
      )
    )
    for (const r of runs) {
      const t = r.report.timeUse
      expect(t.plannedHours).toBe(0)
      // With zero travel and no recalls, job time is exactly the on-scene work of the calls dispatched
      // (the few still waiting when duty ends at the horizon are never served).
      expect(t.prio1Hours + t.prio2Hours + t.prio3Hours).toBeCloseTo(r.queue.dispatchedWorkMinutes / 60, 6)
      expect(r.queue.totalWorkMinutes - r.queue.dispatchedWorkMinutes).toBeLessThan(30 * 45) // a few calls, not a day's
      // Continuous duty: six patrols for every hour of the horizon, plus overtime on jobs running at its end.
      expect(t.totalHours).toBeGreaterThanOrEqual(q.c * setup.days * 24 - 1e-6)
      expect(t.totalHours).toBeLessThan(q.c * setup.days * 24 + q.c * 8)
    }
  })
})
