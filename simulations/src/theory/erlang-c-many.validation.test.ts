import { beforeAll, describe, expect, it } from "vitest"
import { agreement, type Control } from "./agreement.js"
import { expectAgreement } from "./agreement.test-util.js"
import type { MMcSetup } from "./mmc-scenario.js"
import { mean, shareAbove } from "./queue-observer.js"
import { meanWait, probabilityOfWaiting, waitTail } from "./queueing.js"
import type { QueueObservation } from "./queue-observer.js"
import { runMMcQueue } from "./run-mmc.js"

/**
 * Many patrols in one area: M/M/100 at a = 92 erlangs (ρ = 0.92), 30-minute on-scene time, 4,416 calls
 * a day: C = 0.3116, Wq = 1.169 min. Here waiting is rare and short although patrols are busy 92 % of
 * the time (the economy of scale a large area has), which exercises the dispatcher's patrol sets at
 * scale. Twenty replications of 12 days (first and last left out; a million calls), each adjusted by
 * the load it drew. Near heavy traffic the waits are noisy (rare, long excursions), so this is a
 * check for gross errors at scale rather than a fine one: a pilot measured 99.9 % CI half-widths of
 * 5.8 % for P(wait), 11.8 % for P(W > 2 min) and 24 % for Wq; required ±10 %, ±20 % and ±40 %.
 */
const setup: MMcSetup = { patrols: 100, meanServiceMinutes: 30, perDay: { 1: 4416 }, days: 12 }
const SEEDS = Array.from({ length: 20 }, (_, i) => 3000 + i)
const q = { lambda: 4416 / 1440, mu: 1 / 30, c: 100 }
const a = q.lambda / q.mu

let runs: ReadonlyArray<QueueObservation> = []
let windowLoad: Control = { values: [], expected: a }

describe("one priority against Erlang C with a hundred patrols (M/M/100, ρ = 0.92)", () => {
  beforeAll(() => {
    runs = SEEDS.map((seed) => runMMcQueue(setup, seed))
    windowLoad = { values: runs.map((r) => r.windowWorkMinutes / r.windowMinutes), expected: a }
  }, 300_000)

  it("matches P(W > 0), Wq and the tail", () => {
    for (const r of runs) expect(r.undispatched).toBe(0)
    expectAgreement(
      agreement(
        "P(W>0), c=100",
        runs.map((r) => shareAbove(r.waits[1], 0)),
        probabilityOfWaiting(q),
        0.1,
        windowLoad
      )
    )
    expectAgreement(
      agreement(
        "Wq (min), c=100",
        runs.map((r) => mean(r.waits[1])),
        meanWait(q),
        0.4,
        windowLoad
      )
    )
    expectAgreement(
      agreement(
        "P(W>2), c=100",
        runs.map((r) => shareAbove(r.waits[1], 2)),
        waitTail(q, 2),
        0.2,
        windowLoad
      )
    )
  })
})
