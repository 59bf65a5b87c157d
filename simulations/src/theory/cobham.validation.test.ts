import { beforeAll, describe, expect, it } from "vitest"
import { agreement, describeAgreement } from "./agreement.js"
import type { MMcSetup } from "./mmc-scenario.js"
import { mean } from "./queue-observer.js"
import { cobhamMeanWaits, meanWait, utilisation } from "./queueing.js"
import { runMMc, type MMcRun } from "./run-mmc.js"

/**
 * Three priorities sharing eight patrols, a common 40-minute exponential on-scene time, no pre-emption
 * (the default rules: prio 3 dispatched at once, nobody recalled): an M/M/8 queue with non-preemptive
 * priorities at ρ = 0.8, split 20 / 30 / 50 % over prio 1 / 2 / 3. Cobham: W1 = 2.72, W2 = 4.54,
 * W3 = 19.07 min. Required precision (99.9 % CI half-width relative to theory): ±6 % for prio 1 and 2,
 * ±8 % for prio 3, whose waits pile up behind every busy period.
 */
const perDay = { 1: 0.2 * 230.4, 2: 0.3 * 230.4, 3: 0.5 * 230.4 }
const setup: MMcSetup = { patrols: 8, meanServiceMinutes: 40, perDay, days: 152 }
const SEEDS = Array.from({ length: 10 }, (_, i) => 2000 + i)
const mu = 1 / 40, c = 8
const lambdas = [perDay[1] / 1440, perDay[2] / 1440, perDay[3] / 1440]

let runs: ReadonlyArray<MMcRun> = []

describe("three priorities against Cobham's formula (M/M/8, non-preemptive, ρ = 0.8)", () => {
  beforeAll(() => {
    runs = SEEDS.map((seed) => runMMc(setup, seed))
  })

  it("gives each priority Cobham's mean dispatch wait", () => {
    const theory = cobhamMeanWaits(lambdas, mu, c)
    const precision = [0.06, 0.06, 0.08]
    for (const p of [1, 2, 3] as const) {
      for (const r of runs) expect(r.queue.undispatched).toBe(0)
      const a = agreement(`W${p} (min)`, runs.map((r) => mean(r.queue.waits[p])), theory[p - 1]!, precision[p - 1]!)
      console.log(describeAgreement(a))
      expect(a.theoryInside, describeAgreement(a)).toBe(true)
      expect(a.preciseEnough, describeAgreement(a)).toBe(true)
    }
  })

  it("keeps the all-call mean wait at the FCFS Erlang C value (work conservation)", () => {
    const lambda = lambdas.reduce((s, l) => s + l, 0)
    const all = runs.map((r) => mean([...r.queue.waits[1], ...r.queue.waits[2], ...r.queue.waits[3]]))
    const a = agreement("W all (min)", all, meanWait({ lambda, mu, c }), 0.05)
    console.log(describeAgreement(a))
    expect(a.theoryInside, describeAgreement(a)).toBe(true)
    expect(a.preciseEnough, describeAgreement(a)).toBe(true)
  })

  it("splits patrol time by priority in proportion to the load, and leaves (c − a)/c free", () => {
    const rho = utilisation({ lambda: lambdas.reduce((s, l) => s + l, 0), mu, c })
    const share = (f: (t: MMcRun["report"]["timeUse"]) => number) => runs.map((r) => f(r.report.timeUse) / r.report.timeUse.totalHours)
    for (const [name, f, theory] of [
      ["prio-1 share", (t) => t.prio1Hours, 0.2 * rho],
      ["prio-2 share", (t) => t.prio2Hours, 0.3 * rho],
      ["prio-3 share", (t) => t.prio3Hours, 0.5 * rho],
      ["free share", (t) => t.freeHours, 1 - rho]
    ] as const satisfies ReadonlyArray<readonly [string, (t: MMcRun["report"]["timeUse"]) => number, number]>) {
      const a = agreement(name, share(f), theory, 0.03)
      console.log(describeAgreement(a))
      expect(a.theoryInside, describeAgreement(a)).toBe(true)
      expect(a.preciseEnough, describeAgreement(a)).toBe(true)
    }
  })
})
