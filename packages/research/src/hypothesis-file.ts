import {
  type Decoded,
  type InputIssue,
  isBetween,
  isFiniteNumber,
  isInt,
  isLessThan,
  isNonNegative,
  isPositive
} from "@igv/domain"
import { atLine, loadDecodedFile, type LocatedIssue, parseStructured, tidyIssues } from "@igv/runner"
import { Schema } from "effect"
import { heldRuleIssues, type Hypothesis } from "./hypothesis.js"
import { strictDecoder } from "./strict-issues.js"

const Range = (lo: number, hi: number, whole: boolean) => {
  const n = Schema.Number.check(whole ? isInt : isFiniteNumber, isBetween(lo, hi))
  return Schema.Struct({ min: Schema.optionalKey(n), max: Schema.optionalKey(n) })
}

const LoadBound = Schema.Number.check(isPositive, isLessThan(10))

const Constraints = Schema.Struct({
  areas: Schema.optionalKey(Range(1, 3, true)),
  days: Schema.optionalKey(Range(1, 28, true)),
  load: Schema.optionalKey(
    Schema.Struct({ min: LoadBound, max: LoadBound }).check(
      Schema.makeFilter((l) => l.min <= l.max, { message: "load.min must not exceed load.max" })
    )
  ),
  /** Rules held fixed, in the scenario's own words (checked as strictly as a scenario's rules, by `heldRuleIssues`). */
  rules: Schema.optionalKey(Schema.Record(Schema.String, Schema.Unknown)),
  demandPriorities: Schema.optionalKey(Schema.NonEmptyArray(Schema.Literals([1, 2, 3]))),
  blockKind: Schema.optionalKey(Schema.Literals(["igv", "community"]))
})

/** A's and B's value; anything else is one message at the variant's path. */
const Variant = Schema.declare((u): u is readonly [unknown, unknown] => Array.isArray(u) && u.length === 2, {
  message: "a variant is a list of two values: A's and B's"
})

/** `igv check`'s file: the same fields as `Hypothesis` in TypeScript, with `constraints` as plain data. */
export const HypothesisFile = Schema.Struct({
  name: Schema.optionalKey(Schema.String),
  kind: Schema.Literals(["pathwise", "statistical"]),
  constraints: Schema.optionalKey(Constraints),
  variants: Schema.Record(Schema.String, Variant).check(
    Schema.makeFilter((v) => Object.keys(v).length > 0, {
      message: "name at least one scenario path with A's and B's value"
    })
  ),
  metric: Schema.String,
  relation: Schema.Literals([">=", "<=", "=="]),
  margin: Schema.optionalKey(Schema.Number.check(isFiniteNumber, isNonNegative)),
  cases: Schema.optionalKey(Schema.Number.check(isInt, isBetween(1, 100_000))),
  seed: Schema.optionalKey(Schema.Number.check(isInt)),
  alpha: Schema.optionalKey(Schema.Number.check(isPositive, isLessThan(1))),
  firstLook: Schema.optionalKey(Schema.Number.check(isInt, isBetween(3, 100_000))),
  maxReplications: Schema.optionalKey(Schema.Number.check(isInt, isBetween(3, 100_000))),
  shrinkRuns: Schema.optionalKey(Schema.Number.check(isInt, isBetween(0, 100_000)))
}).check(
  Schema.makeFilter((h) => (h.firstLook ?? 10) <= (h.maxReplications ?? 160), {
    message: "firstLook must not exceed maxReplications"
  })
)
export type HypothesisFile = typeof HypothesisFile.Type

/** Every field checked, a misspelt one included: an error with its path, never a silent default. */
const decodeStrict = strictDecoder(HypothesisFile)

/** A hypothesis from JSON or YAML text, or every problem with its path and line. */
export const decodeHypothesisText = (text: string, file: string): Decoded<Hypothesis, LocatedIssue> => {
  const parsed = parseStructured(text, file)
  if (!parsed.ok) return parsed
  const { value, locate } = parsed.value
  const invalid = (issues: ReadonlyArray<InputIssue>) =>
    ({ ok: false, issues: tidyIssues(issues).map((i) => atLine(i, locate(i.path))) }) as const
  const decoded = decodeStrict(value)
  if (!decoded.ok) return invalid(decoded.issues)
  const ruleIssues = heldRuleIssues(decoded.value.constraints?.rules)
  if (ruleIssues.length > 0) return invalid(ruleIssues)
  const { constraints, ...rest } = decoded.value
  return {
    ok: true,
    value: {
      ...rest,
      ...(constraints === undefined ? {} : { constraints: constraints as Hypothesis["constraints"] & object })
    }
  }
}

/** Reads and decodes a hypothesis file; rejects with `ScenarioInvalid` naming the file, line and path. */
export const loadHypothesis = (file: string): Promise<Hypothesis> => loadDecodedFile(file, decodeHypothesisText)
