import { type InputIssue, Rules, type Scenario, type ScenarioInput } from "@igv/domain"
import { reportProjection, type MetricsReport } from "@igv/metrics"
import { decodeScenarioValue, foldSimulation, replicationSeed } from "@igv/runner"
import fc from "fast-check"
import { scenarioInputArb, type ScenarioConstraints } from "./generators.js"
import { inertReasons } from "./inert-paths.js"
import { getAt, PathAbsent, setAt, withoutAt } from "./paths.js"
import { strictDecoder } from "./strict-issues.js"
import { sequentialPairedTest, type Relation, type SequentialResult } from "./sequential.js"

/**
 * A claim about two variants of every generated scenario. A is the generated scenario with each variant
 * path set to its first value, B with its second; the metric (a figure of the report, by path) is compared
 * as B − A on common random numbers.
 */
export interface Hypothesis {
  readonly name?: string
  readonly constraints?: ScenarioConstraints
  /** Scenario path → [A's value, B's value], e.g. `{ "rules.interruptingPriorities": [[1, 2, 3], [1, 2]] }`. */
  readonly variants: Readonly<Record<string, readonly [unknown, unknown]>>
  /** A figure of the report by its path, e.g. `lineTime.survival`, `response.1.withinTarget`. */
  readonly metric: string
  readonly relation: Relation
  /** How far B may fall on the wrong side of A and the claim still hold (default 0). */
  readonly margin?: number
  /** `pathwise`: for every scenario and seed. `statistical`: for every scenario, in expectation over seeds. */
  readonly kind: "pathwise" | "statistical"
  /** Generated scenarios to try (default 100 pathwise, 20 statistical). */
  readonly cases?: number
  /** fast-check's seed: the same seed tries the same scenarios (default 1). */
  readonly seed?: number
  /** Statistical: the chance of rejecting a claim that holds, over all cases together (default 0.05). */
  readonly alpha?: number
  /** Statistical: replications at the sequential test's first look (default 10) and at most (default 160). */
  readonly firstLook?: number
  readonly maxReplications?: number
  /** Runs spent shrinking a counterexample (default 200 pathwise, 40 statistical; 0: none). */
  readonly shrinkRuns?: number
}

/** A hypothesis that cannot be checked as written: a path or metric that names nothing, a value of the wrong kind. */
export class HypothesisInvalid extends Error {
  readonly _tag = "HypothesisInvalid"
  override readonly name = "HypothesisInvalid"
  readonly issues: ReadonlyArray<InputIssue>

  constructor(fields: { readonly issues: ReadonlyArray<InputIssue> }) {
    super(fields.issues.map((i) => `at ${i.path}: ${i.message}`).join("\n"))
    this.issues = fields.issues
  }
}

export interface Counterexample {
  /** The scenario file form of A and of B. */
  readonly a: ScenarioInput
  readonly b: ScenarioInput
  /** The scenarios' seed; replication r runs on `replicationSeed(seed, r)`, as `igv compare --seed` does. */
  readonly seed: number
  /** Pathwise: the metric in A and in B on that seed. */
  readonly values?: { readonly a: number; readonly b: number }
  /** Statistical: the sequential test that rejected the claim. */
  readonly test?: SequentialResult
}

export interface HypothesisResult {
  readonly hypothesis: Hypothesis
  readonly holds: boolean
  /** Generated scenarios tried (counterexample candidates while shrinking not counted). */
  readonly cases: number
  /** Cases in which the metric was not measured (null, e.g. survival with nothing planned) or a variant path is absent. */
  readonly notMeasured: number
  /** Statistical: cases supported, and cases inconclusive after the last look; the per-case alpha. */
  readonly supported?: number
  readonly inconclusive?: number
  readonly alphaPerCase?: number
  readonly counterexample?: Counterexample
  /**
   * Cases judged in which the linter calls every variant setting "no effect" in both A and B: A and B are the same
   * model there, so those cases put the claim to no test. `inertReason` is the linter's word on the first.
   */
  readonly variantsInert: number
  readonly inertReason?: string
}

const decodeHeldRules = strictDecoder(Rules, ["constraints", "rules"])

/** Problems with rules held fixed (`constraints.rules`), judged as strictly as a scenario file's rules. */
export const heldRuleIssues = (rules: unknown): ReadonlyArray<InputIssue> => {
  if (rules === undefined) return []
  const r = decodeHeldRules(rules)
  return r.ok ? [] : r.issues
}

const DEFAULTS = { pathwise: { cases: 100, shrinkRuns: 2000 }, statistical: { cases: 20, shrinkRuns: 40 } } as const

class NotMeasured extends Error {}

/** A generated scenario's A and B, decoded as strictly as `igv` reads a file, so a misspelt variant path is an error. */
const variantsOf = (input: ScenarioInput, variants: Hypothesis["variants"]) => {
  const build = (side: 0 | 1): { input: ScenarioInput; scenario: Scenario } => {
    let value: unknown = input
    for (const [path, values] of Object.entries(variants)) value = setAt(value, path, values[side])
    const decoded = decodeScenarioValue({ value, numbers: [], locate: () => undefined })
    if (decoded.ok) return { input: value as ScenarioInput, scenario: decoded.value }
    const paths = Object.keys(variants)
    const ours = decoded.issues.filter((i) =>
      paths.some((p) => i.path === p || i.path.startsWith(`${p}.`) || i.path.startsWith(`${p}[`))
    )
    if (ours.length > 0) {
      throw new HypothesisInvalid({
        issues: ours.map((i) => ({
          path: `variants.${i.path}`,
          message: `${side === 0 ? "A" : "B"}'s value: ${i.message}`
        }))
      })
    }
    throw new Error(
      `a generated scenario does not decode: ${decoded.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`
    )
  }
  return { a: build(0), b: build(1) }
}

/** Whether `value` is what the scenario holds at `path` when that setting is left out of it (its default). */
const isDefaultAt = (input: ScenarioInput, path: string, value: unknown): boolean => {
  const left = withoutAt(input, path)
  if (left === undefined) return false
  const decoded = decodeScenarioValue({ value: left, numbers: [], locate: () => undefined })
  return decoded.ok && JSON.stringify(getAt(decoded.value, path)) === JSON.stringify(value)
}

/** The metric of one report; throws HypothesisInvalid when the path names no figure, NotMeasured when it is null. */
const metricOf = (report: MetricsReport, metric: string): number => {
  const v = getAt(report, metric)
  if (v === null) throw new NotMeasured()
  if (typeof v !== "number")
    throw new HypothesisInvalid({
      issues: [
        {
          path: "metric",
          message: `"${metric}" is not a figure of the report (e.g. lineTime.survival, lineTime.deliveredHours, interruptions.total)`
        }
      ]
    })
  return v
}

const runMetric = (scenario: Scenario, seed: number, metric: string): number =>
  metricOf(foldSimulation(scenario, reportProjection({ scenario }), { seed }), metric)

const holdsPathwise = (relation: Relation, margin: number, d: number): boolean =>
  relation === ">=" ? d >= -margin : relation === "<=" ? d <= margin : Math.abs(d) <= margin

/**
 * Checks a hypothesis over generated scenarios with fast-check, shrinking a counterexample. Pathwise: A and B
 * run once each on the scenario's seed. Statistical: a sequential paired test per scenario, at alpha / cases
 * (Bonferroni), so the chance of rejecting a claim that holds in every case is at most alpha.
 */
export const checkHypothesis = (hypothesis: Hypothesis): HypothesisResult => {
  const { kind, metric, relation } = hypothesis
  const margin = hypothesis.margin ?? 0
  const cases = hypothesis.cases ?? DEFAULTS[kind].cases
  const shrinkRuns = hypothesis.shrinkRuns ?? DEFAULTS[kind].shrinkRuns
  const alpha = hypothesis.alpha ?? 0.05
  const alphaPerCase = alpha / cases
  if (Object.keys(hypothesis.variants).length === 0)
    throw new HypothesisInvalid({
      issues: [{ path: "variants", message: "name at least one path and its two values" }]
    })
  const ruleIssues = heldRuleIssues(hypothesis.constraints?.rules)
  if (ruleIssues.length > 0) throw new HypothesisInvalid({ issues: ruleIssues })

  let failedOnce = false,
    runsAfterFailure = 0,
    tried = 0,
    notMeasured = 0,
    supported = 0,
    inconclusive = 0,
    variantsInert = 0
  let last: Counterexample | undefined, inertReason: string | undefined
  const variantPaths = Object.keys(hypothesis.variants)
  /**
   * With one variant setting: the linter's reason when A and B are the same model, i.e. the setting is "no effect"
   * in both, or in one while the other holds its default (the linter names only settings given; taking one out
   * leaves the report as it was). Several variant settings may act together, so they are not judged.
   */
  const inertIn = (input: ScenarioInput, a: Scenario, b: Scenario): string | undefined => {
    if (variantPaths.length !== 1) return undefined
    const path = variantPaths[0]!
    const [va, vb] = hypothesis.variants[path]!
    const [ra] = inertReasons(a, [path])
    const [rb] = inertReasons(b, [path])
    if (ra !== undefined && (rb !== undefined || isDefaultAt(input, path, vb))) return ra
    if (rb !== undefined && isDefaultAt(input, path, va)) return rb
    return undefined
  }
  const countVacuous = (reason: string | undefined): void => {
    if (reason === undefined) return
    variantsInert++
    inertReason ??= reason
  }
  const property = fc.property(scenarioInputArb(hypothesis.constraints), (input) => {
    if (failedOnce && ++runsAfterFailure > shrinkRuns) return true // shrinking budget spent: keep the last counterexample
    if (!failedOnce) tried++
    let pair: ReturnType<typeof variantsOf>
    try {
      pair = variantsOf(input, hypothesis.variants)
    } catch (e) {
      if (!(e instanceof PathAbsent)) throw e
      if (!failedOnce) notMeasured++
      return fc.pre(false)
    }
    const { a, b } = pair
    const seed = a.scenario.seed
    const vacuous = failedOnce ? undefined : inertIn(input, a.scenario, b.scenario)
    try {
      if (kind === "pathwise") {
        const values = { a: runMetric(a.scenario, seed, metric), b: runMetric(b.scenario, seed, metric) }
        if (holdsPathwise(relation, margin, values.b - values.a)) {
          countVacuous(vacuous)
          return true
        }
        last = { a: a.input, b: b.input, seed, values }
      } else {
        const test = sequentialPairedTest(
          (r) => {
            const s = replicationSeed(seed, r)
            return runMetric(b.scenario, s, metric) - runMetric(a.scenario, s, metric)
          },
          {
            relation,
            margin,
            alpha: alphaPerCase,
            firstLook: hypothesis.firstLook ?? 10,
            maxPairs: hypothesis.maxReplications ?? 160
          }
        )
        if (test.verdict !== "rejected") {
          if (!failedOnce) test.verdict === "supported" ? supported++ : inconclusive++
          countVacuous(vacuous)
          return true
        }
        last = { a: a.input, b: b.input, seed, test }
      }
    } catch (e) {
      if (!(e instanceof NotMeasured)) throw e
      if (!failedOnce) notMeasured++
      return fc.pre(false)
    }
    failedOnce = true
    return false
  })
  const run = fc.check(property, { numRuns: cases, seed: hypothesis.seed ?? 1, maxSkipsPerRun: 10 })
  if (run.failed && last === undefined) {
    if (run.errorInstance === undefined || run.errorInstance === null) {
      // fast-check gave up: (nearly) every scenario was skipped.
      throw new HypothesisInvalid({
        issues: [
          {
            path: "variants",
            message: `${notMeasured} of ${tried} generated scenarios could not be judged (${metric} not measured, or a variant path absent): constrain the scenarios, or pick another metric or path`
          }
        ]
      })
    }
    // The property threw: an invalid hypothesis is the user's to fix, anything else is a bug.
    throw run.errorInstance
  }
  return {
    hypothesis,
    holds: !run.failed,
    cases: tried,
    notMeasured,
    variantsInert,
    ...(inertReason === undefined ? {} : { inertReason }),
    ...(kind === "statistical" ? { supported, inconclusive, alphaPerCase } : {}),
    ...(run.failed && last !== undefined ? { counterexample: last } : {})
  }
}
