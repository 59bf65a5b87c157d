import { readFile } from "node:fs/promises"
import { describeReadError, parseStructured, ScenarioInvalid, tidyIssues } from "@igv/runner"
import { Either, Schema } from "effect"
import { heldRuleIssues, type Hypothesis } from "./hypothesis.js"
import { strictIssues } from "./strict-issues.js"

const Range = (lo: number, hi: number, whole: boolean) => {
  const n = whole ? Schema.Number.pipe(Schema.int(), Schema.between(lo, hi)) : Schema.Number.pipe(Schema.finite(), Schema.between(lo, hi))
  return Schema.Struct({ min: Schema.optional(n), max: Schema.optional(n) })
}

const Constraints = Schema.Struct({
  areas: Schema.optional(Range(1, 3, true)),
  days: Schema.optional(Range(1, 28, true)),
  load: Schema.optional(Schema.Struct({
    min: Schema.Number.pipe(Schema.greaterThan(0), Schema.lessThan(10)),
    max: Schema.Number.pipe(Schema.greaterThan(0), Schema.lessThan(10))
  }).pipe(Schema.filter((l) => l.min <= l.max, { message: () => "load.min must not exceed load.max" }))),
  /** Rules held fixed, in the scenario's own words (checked as strictly as a scenario's rules, by `heldRuleIssues`). */
  rules: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  demandPriorities: Schema.optional(Schema.NonEmptyArray(Schema.Literal(1, 2, 3))),
  blockKind: Schema.optional(Schema.Literal("igv", "community"))
})

const Variant = Schema.Tuple(Schema.Unknown, Schema.Unknown).annotations({ message: () => "a variant is a list of two values: A's and B's" })

/** `igv check`'s file: the same fields as `Hypothesis` in TypeScript, with `constraints` as plain data. */
export const HypothesisFile = Schema.Struct({
  name: Schema.optional(Schema.String),
  kind: Schema.Literal("pathwise", "statistical"),
  constraints: Schema.optional(Constraints),
  variants: Schema.Record({ key: Schema.String, value: Variant }).pipe(
    Schema.filter((v) => Object.keys(v).length > 0, { message: () => "name at least one scenario path with A's and B's value" })
  ),
  metric: Schema.String,
  relation: Schema.Literal(">=", "<=", "=="),
  margin: Schema.optional(Schema.Number.pipe(Schema.finite(), Schema.nonNegative())),
  cases: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(1, 100_000))),
  seed: Schema.optional(Schema.Number.pipe(Schema.int())),
  alpha: Schema.optional(Schema.Number.pipe(Schema.greaterThan(0), Schema.lessThan(1))),
  firstLook: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(3, 100_000))),
  maxReplications: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(3, 100_000))),
  shrinkRuns: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(0, 100_000)))
}).pipe(Schema.filter((h) => (h.firstLook ?? 10) <= (h.maxReplications ?? 160), {
  message: () => "firstLook must not exceed maxReplications"
}))
export type HypothesisFile = typeof HypothesisFile.Type

/** Every field checked, a misspelt one included: an error with its path, never a silent default. */
const decodeStrict = Schema.decodeUnknownEither(HypothesisFile, { errors: "all", onExcessProperty: "error" })

/** A hypothesis from JSON or YAML text; problems as `ScenarioInvalid` naming the file, line and path. */
export const decodeHypothesisText = (text: string, file: string): Hypothesis => {
  const parsed = parseStructured(text, file)
  if (!parsed.ok) throw new ScenarioInvalid({ file, issues: parsed.issues })
  const invalid = (issues: ReadonlyArray<{ path: string; message: string }>) =>
    new ScenarioInvalid({ file, issues: tidyIssues(issues).map((i) => ({ ...i, line: parsed.locate(i.path) })) })
  const decoded = decodeStrict(parsed.value)
  if (Either.isLeft(decoded)) throw invalid(strictIssues(decoded.left))
  const ruleIssues = heldRuleIssues(decoded.right.constraints?.rules)
  if (ruleIssues.length > 0) throw invalid(ruleIssues)
  const { constraints, ...rest } = decoded.right
  return { ...rest, ...(constraints === undefined ? {} : { constraints: constraints as Hypothesis["constraints"] & object }) }
}

export const loadHypothesis = async (file: string): Promise<Hypothesis> => {
  let text: string
  try {
    text = await readFile(file, "utf8")
  } catch (e) {
    throw new ScenarioInvalid({ file, issues: [{ path: "", message: describeReadError(e) }] })
  }
  return decodeHypothesisText(text, file)
}
