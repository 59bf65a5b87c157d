import { beforeAll, describe, expect, it } from "vitest"
import { agreement, type Control } from "./agreement.js"
import { expectAgreement } from "./agreement.test-util.js"
import type { MMcSetup } from "./mmc-scenario.js"
import { mean } from "./queue-observer.js"
import { cobhamMeanWaits, meanWait, utilisation } from "./queueing.js"
import { runMMc, type MMcRun } from "./run-mmc.js"

/**
 * Three priorities sharing twelve patrols, a common 40-minute exponential on-scene time, no pre-emption
 * (the default rules: prio 3 dispatched at once, nobody recalled): an M/M/12 queue with non-preemptive
 * priorities at ρ = 0.75, 324 calls a day split 20 / 30 / 50 % over prio 1 / 2 / 3. Cobham:
 * W1 = 1.04, W2 = 1.67, W3 = 5.68 min. Thirty replications of 160 days (1.5 million calls), each
 * wait estimate adjusted by the offered load its run drew (control variate with known expectation a).
 * Required 99.9 % CI half-widths: ±8 % for prio 1 and 2, ±12 % for prio 3 and ±10 % for the all-call
 * mean, which prio 3 dominates. Pilots with twenty replications measured 3.3–4.0 %, 4.7–5.1 %,
 * 5.9–9.6 % and 5.2–8.2 % (prio-3 waits come in long bursts behind busy periods that the offered load
 * does not explain); thirty shrink these by a fifth, leaving the requirements 1.6–2.5 times above
 * what the run delivers. Even so, FCFS (3.55 min for every class) lies far outside every class's interval.
 * Shares of patrol time: plain intervals (the report includes the horizon's overtime), ±3 %.
 */
const perDay = { 1: 0.2 * 324, 2: 0.3 * 324, 3: 0.5 * 324 }
const setup: MMcSetup = { patrols: 12, meanServiceMinutes: 40, perDay, days: 160 }
const SEEDS = Array.from({ length: 30 }, (_, i) => 2000 + i)
const mu = 1 / 40,
  c = 12
const lambdas = [perDay[1] / 1440, perDay[2] / 1440, perDay[3] / 1440]

const a = lambdas.reduce((s, l) => s + l, 0) / mu

let runs: ReadonlyArray<MMcRun> = []
let windowLoad: Control = { values: [], expected: a }

describe("three priorities against Cobham's formula (M/M/12, non-preemptive, ρ = 0.75)", () => {
  beforeAll(() => {
    runs = SEEDS.map((seed) => runMMc(setup, seed))
    windowLoad = { values: runs.map((r) => r.queue.windowWorkMinutes / r.queue.windowMinutes), expected: a }
  }, 300_000)

  it("gives each priority Cobham's mean dispatch wait", () => {
    const theory = cobhamMeanWaits(lambdas, mu, c)
    const precision = [0.08, 0.08, 0.12]
    for (const p of [1, 2, 3] as const) {
      for (const r of runs) expect(r.queue.undispatched).toBe(0)
      const r = agreement(
        `W${p} (min)`,
        runs.map((r) => mean(r.queue.waits[p])),
        theory[p - 1]!,
        precision[p - 1]!,
        windowLoad
      )
      expectAgreement(r)
    }
  })

  it("keeps the all-call mean wait at the FCFS Erlang C value (work conservation)", () => {
    const lambda = lambdas.reduce((s, l) => s + l, 0)
    const all = runs.map((r) => mean([...r.queue.waits[1], ...r.queue.waits[2], ...r.queue.waits[3]]))
    const r = agreement("W all (min)", all, meanWait({ lambda, mu, c }), 0.1, windowLoad)
    expectAgreement(r)
  })

  it("splits patrol time by priority in proportion to the load, and leaves (c − a)/c free", () => {
    const rho = utilisation({ lambda: lambdas.reduce((s, l) => s + l, 0), mu, c })
    const share = (f: (t: MMcRun["report"]["timeUse"]) => number) =>
      runs.map((r) => f(r.report.timeUse) / r.report.timeUse.totalHours)
    for (const [name, f, theory] of [
      ["prio-1 share", (t) => t.prio1Hours, 0.2 * rho],
      ["prio-2 share", (t) => t.prio2Hours, 0.3 * rho],
      ["prio-3 share", (t) => t.prio3Hours, 0.5 * rho],
      ["free share", (t) => t.freeHours, 1 - rho]
    ] as const satisfies ReadonlyArray<readonly [string, (t: MMcRun["report"]["timeUse"]) => number, number]>) {
      const r = agreement(name, share(f), theory, 0.03)
      expectAgreement(r)
    }
  })
})
