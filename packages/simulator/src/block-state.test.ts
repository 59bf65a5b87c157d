import fc from "fast-check"
import { afterEach, describe, expect, it } from "vitest"
import { BLOCK_TRANSITIONS, type BlockState, blockStateProbe, mayTransition } from "./block-state.js"
import { simulate } from "./engine.js"
import { scenario, scenarioArb } from "./scenarios.test-util.js"

/** One patrol in a day-long block and a prio-1 call every hour and a half: it is taken again before it can resume. */
const oneBusyPatrol = scenario({
  name: "one busy patrol",
  start: "2024-05-06",
  days: 7,
  seed: 3,
  areas: [{ id: "a", neighbours: [] }],
  travel: { default: { _tag: "lognormal", medianMinutes: 8, p90Minutes: 20 } },
  dimensioning: [{ area: "a", patrols: 1, start: "06:00", end: "06:00" }],
  demand: { synthetic: [{ area: "a", prio: 1, perDay: 16, service: { _tag: "exponential", meanMinutes: 40 } }] },
  plannedBlocks: [{ area: "a", start: "08:00", durationMinutes: 600, patrols: 1 }],
  rules: { interruptingPriorities: [1], resume: { enabled: true, minimumRemnantMinutes: 0 } }
})

afterEach(() => {
  blockStateProbe.onTransition = undefined
})

describe("block states", () => {
  it("change only along the transition table, and every row of it happens", () => {
    const seen = new Set<string>(),
      illegal: Array<string> = []
    blockStateProbe.onTransition = (from: BlockState, to: BlockState) => {
      if (!mayTransition(from, to)) illegal.push(`${from}->${to}`)
      seen.add(`${from}->${to}`)
    }
    for (const s of [oneBusyPatrol, ...fc.sample(scenarioArb(), { seed: 16, numRuns: 300 })])
      simulate(s, { seed: 1, onEvent: () => {} })
    expect(illegal).toEqual([])
    expect([...seen].sort()).toEqual(BLOCK_TRANSITIONS.map(([from, to]) => `${from}->${to}`).sort())
  })
})
