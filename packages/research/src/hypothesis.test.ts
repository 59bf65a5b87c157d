import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { reportProjection } from "@igv/metrics"
import { foldSimulation, loadScenario, replicationSeed } from "@igv/runner"
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { decodeScenario, scenarioInputArb } from "./generators.js"
import { checkHypothesis, HypothesisInvalid, type Hypothesis } from "./hypothesis.js"
import { formatHypothesisResult, writeCounterexample } from "./hypothesis-report.js"
import { sequentialPairedTest } from "./sequential.js"

/** The example: prio 3 no longer interrupting (dispatched at once, so no deferral limit takes over). */
const prio3NotInterrupting: Omit<Hypothesis, "kind"> = {
  name: "prio 3 not interrupting never lowers survival",
  constraints: { days: { min: 1, max: 7 }, load: { min: 0.3, max: 0.9 }, rules: { prio3: { handling: "dispatch" } } },
  variants: {
    "rules.interruptingPriorities": [
      [1, 2, 3],
      [1, 2]
    ]
  },
  metric: "lineTime.survival",
  relation: ">="
}

describe("pathwise hypotheses", () => {
  it("fail with a shrunk counterexample when one seed contradicts them", () => {
    const result = checkHypothesis({ ...prio3NotInterrupting, kind: "pathwise", cases: 300 })
    expect(result.holds).toBe(false)
    const c = result.counterexample!
    expect(c.values!.b).toBeLessThan(c.values!.a)
    expect(decodeScenario(c.a).areas.length).toBe(1)
    // The counterexample is real: A and B rerun on its seed give its values.
    const survival = (input: unknown) => {
      const scenario = decodeScenario(input)
      return foldSimulation(scenario, reportProjection({ scenario }), { seed: c.seed }).lineTime.survival
    }
    expect([survival(c.a), survival(c.b)]).toEqual([c.values!.a, c.values!.b])
    expect(formatHypothesisResult(result)).toMatch(
      /^DOES NOT HOLD: prio 3 not interrupting[\s\S]*lineTime.survival: A [\d.]+, B [\d.]+ \(B − A = -[\d.]+\) on seed/
    )
  }, 120_000)

  it("hold when true by construction: interrupting rules never change the planned hours", () => {
    const result = checkHypothesis({
      kind: "pathwise",
      variants: { "rules.interruptingPriorities": [[1, 2, 3], []] },
      metric: "lineTime.plannedHours",
      relation: "==",
      cases: 60
    })
    expect(result).toMatchObject({ holds: true, cases: 60, notMeasured: 0 })
    expect(result.counterexample).toBeUndefined()
    // Where no block is ever staffed the two rule lists are the same model: those cases test nothing.
    expect(result.variantsInert).toBeGreaterThan(0)
    expect(result.variantsInert).toBeLessThan(60)
  }, 120_000)

  it("say when the variants change nothing in any case, so the claim was never put to the test", () => {
    const untested = {
      kind: "pathwise",
      constraints: { days: { min: 1, max: 2 }, rules: { prio3: { handling: "dispatch" } } },
      variants: { "rules.prio3.deferLimitMinutes": [60, 180] },
      metric: "interruptions.total",
      relation: "==",
      cases: 20
    } as const
    const result = checkHypothesis(untested)
    expect(result).toMatchObject({ holds: true, cases: 20, notMeasured: 0, variantsInert: 20 })
    expect(formatHypothesisResult(result)).toContain(
      "HOLDS, BUT UNTESTED\n" +
        "  claim: B's interruptions.total = A's, on every seed, where B sets rules.prio3.deferLimitMinutes: 180 (A: 60)\n" +
        "  tried 20 generated scenarios\n" +
        "  in every one of the 20 judged, the variants change nothing (the linter: rules.prio3.deferLimitMinutes: no effect: prio 3 is dispatched at once"
    )
    // Under defer the limit decides when a prio-3 call may take a patrol from planned work (where a block is staffed).
    const tested = checkHypothesis({
      ...untested,
      constraints: { ...untested.constraints, rules: { prio3: { handling: "defer" } } }
    })
    expect(tested.variantsInert).toBeLessThan(tested.cases - tested.notMeasured)
    expect(formatHypothesisResult(tested)).not.toContain("UNTESTED")
  }, 120_000)
})

describe("statistical hypotheses", () => {
  it("hold where the effect in expectation is on the claimed side", () => {
    const result = checkHypothesis({ ...prio3NotInterrupting, kind: "statistical", cases: 8 })
    expect(result.holds).toBe(true)
    expect(result.supported! + result.inconclusive! + result.notMeasured).toBe(8)
    expect(result.alphaPerCase).toBeCloseTo(0.05 / 8, 12)
  }, 120_000)

  it("fail with the estimate, its interval and files igv compare reads", async () => {
    const result = checkHypothesis({ ...prio3NotInterrupting, kind: "statistical", relation: "<=", cases: 8 })
    expect(result.holds).toBe(false)
    const test = result.counterexample!.test!
    expect(test.verdict).toBe("rejected")
    expect(test.low).toBeGreaterThan(0)
    const dir = await mkdtemp(join(tmpdir(), "igv-hypothesis-"))
    try {
      const files = (await writeCounterexample(dir, result))!
      const [a, b] = [(await loadScenario(files.a)).scenario, (await loadScenario(files.b)).scenario]
      expect(b.rules.interruptingPriorities).toEqual([1, 2])
      // The files give the test's mean difference back, replication by replication on the same seeds.
      let sum = 0
      for (let r = 0; r < test.pairs; r++) {
        const s = replicationSeed(result.counterexample!.seed, r)
        const run = (x: typeof a) =>
          foldSimulation(x, reportProjection({ scenario: x }), { seed: s }).lineTime.survival!
        sum += run(b) - run(a)
      }
      expect(sum / test.pairs).toBeCloseTo(test.mean, 12)
      expect(formatHypothesisResult(result, files)).toContain(
        `igv compare ${files.a} ${files.b} --seed ${result.counterexample!.seed} --replications ${test.pairs}`
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }, 120_000)

  it("keep the false-positive rate at its nominal level on simulated A/A comparisons", () => {
    // Both variants the same scenario, B on seeds of its own: E[B − A] = 0 exactly, so every rejection is false.
    const cases = fc
      .sample(scenarioInputArb({ areas: { max: 1 }, days: { max: 1 }, load: { min: 0.3, max: 0.9 } }), {
        seed: 5,
        numRuns: 400
      })
      .map(decodeScenario)
      .filter((s) => s.plannedBlocks.length > 0)
    let rejected = 0,
      measured = 0
    for (const s of cases) {
      const delivered = (seed: number) =>
        foldSimulation(s, reportProjection({ scenario: s }), { seed }).lineTime.deliveredHours
      const result = sequentialPairedTest(
        (r) => delivered(replicationSeed(s.seed, r + 1)) - delivered(replicationSeed(s.seed + 7919, r + 1)),
        { relation: ">=", alpha: 0.05, firstLook: 5, maxPairs: 20 }
      )
      measured++
      if (result.verdict === "rejected") rejected++
    }
    // 0.05 plus three standard errors of a rate of 0.05 over these cases.
    expect(rejected / measured).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / measured))
  }, 300_000)
})

describe("invalid hypotheses", () => {
  const base = { kind: "pathwise", metric: "lineTime.survival", relation: ">=", cases: 3 } as const
  it("name a misspelt variant path", () => {
    expect(() => checkHypothesis({ ...base, variants: { "rules.interuptingPriorities": [[1], [2]] } })).toThrow(
      expect.objectContaining({
        _tag: "HypothesisInvalid",
        message: expect.stringMatching(/variants\.rules\.interuptingPriorities.*unknown field/)
      })
    )
  })
  it("name a variant value of the wrong kind", () => {
    expect(() => checkHypothesis({ ...base, variants: { "rules.prio3.handling": ["dispatch", "later"] } })).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/variants\.rules\.prio3\.handling: B's value/) })
    )
  })
  it("name a metric that is no figure of the report", () => {
    expect(() =>
      checkHypothesis({ ...base, variants: { "rules.prio1PreemptsPrio3": [false, true] }, metric: "lineTime.survivl" })
    ).toThrow(HypothesisInvalid)
  })
  it("name a misspelt rule held fixed", () => {
    expect(() =>
      checkHypothesis({
        ...base,
        variants: { "rules.prio1PreemptsPrio3": [false, true] },
        constraints: { rules: { prio3: { handlin: "defer" } } }
      })
    ).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/constraints\.rules\.prio3\.handlin: unknown field/) })
    )
  })
})

describe("hypotheses no scenario can judge", () => {
  it("say so, rather than holding", () => {
    expect(() =>
      checkHypothesis({
        kind: "pathwise",
        variants: { "rules.reserve[3].patrols": [0, 1] },
        metric: "lineTime.survival",
        relation: ">=",
        cases: 10
      })
    ).toThrow(
      expect.objectContaining({ _tag: "HypothesisInvalid", message: expect.stringMatching(/could not be judged/) })
    )
  })
})
