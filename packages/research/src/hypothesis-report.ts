import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { stringify } from "yaml"
import type { HypothesisResult } from "./hypothesis.js"

export interface CounterexampleFiles {
  readonly a: string
  readonly b: string
}

/** Writes a counterexample's A and B as scenario files `a.yaml` and `b.yaml` in `dir`, which `igv compare` and `igv simulate` read. */
export const writeCounterexample = async (
  dir: string,
  result: HypothesisResult
): Promise<CounterexampleFiles | undefined> => {
  const c = result.counterexample
  if (c === undefined) return undefined
  await mkdir(dir, { recursive: true })
  const files = { a: join(dir, "a.yaml"), b: join(dir, "b.yaml") }
  await writeFile(files.a, stringify({ ...c.a, name: "counterexample A" }))
  await writeFile(files.b, stringify({ ...c.b, name: "counterexample B" }))
  return files
}

const figure = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4))

/** The claim in words: "B's lineTime.survival ≥ A's, on every seed, where B sets …". */
export const describeClaim = (result: HypothesisResult): string => {
  const h = result.hypothesis
  const margin = (h.margin ?? 0) === 0 ? "" : h.relation === "==" ? ` within ${h.margin}` : ` − ${h.margin}`
  const relation = { ">=": "≥", "<=": "≤", "==": "=" }[h.relation]
  const settings = Object.entries(h.variants)
    .map(([p, [a, b]]) => `${p}: ${JSON.stringify(b)} (A: ${JSON.stringify(a)})`)
    .join(", ")
  const how = h.kind === "pathwise" ? "on every seed" : "in expectation over seeds"
  return `B's ${h.metric} ${relation} A's${margin}, ${how}, where B sets ${settings}`
}

/** A check's outcome for a person: the verdict, what was tried, and a counterexample with how to reproduce it. */
export const formatHypothesisResult = (result: HypothesisResult, files?: CounterexampleFiles): string => {
  const h = result.hypothesis
  const judged = result.cases - result.notMeasured
  // Every judged case compared a model with itself.
  const untested = judged > 0 && result.variantsInert === judged
  const lines = [
    `${result.holds ? (untested ? "HOLDS, BUT UNTESTED" : "HOLDS") : "DOES NOT HOLD"}${h.name === undefined ? "" : `: ${h.name}`}`,
    `  claim: ${describeClaim(result)}`,
    `  tried ${result.cases} generated scenarios` +
      (result.notMeasured === 0
        ? ""
        : `; in ${result.notMeasured} of them ${h.metric} was not measured or a variant path is absent (skipped, not counted as holding)`)
  ]
  if (result.variantsInert > 0) {
    lines.push(
      `  ${untested ? "in every one" : `in ${result.variantsInert}`} of the ${judged} judged, the variants change nothing ` +
        `(the linter: ${result.inertReason}): A and B are the same model there, so ${untested ? "the claim was never put to the test" : "those cases do not test the claim"}`
    )
  }
  if (result.alphaPerCase !== undefined) {
    lines.push(
      `  sequential paired test per scenario at alpha ${figure(result.alphaPerCase)} (${h.alpha ?? 0.05} over all scenarios, Bonferroni): ` +
        `${result.supported} supported, ${result.inconclusive} inconclusive after ${h.maxReplications ?? 160} replications`
    )
  }
  const c = result.counterexample
  if (c === undefined) return lines.join("\n")
  lines.push("", `Counterexample (shrunk), seed ${c.seed}:`)
  if (c.values !== undefined) {
    lines.push(
      `  ${h.metric}: A ${figure(c.values.a)}, B ${figure(c.values.b)} (B − A = ${figure(c.values.b - c.values.a)}) on seed ${c.seed}`
    )
  }
  if (c.test !== undefined) {
    const t = c.test
    lines.push(
      `  ${h.metric}, B − A: ${figure(t.mean)}, ${(t.level * 100).toPrecision(4)} % interval [${figure(t.low)}, ${figure(t.high)}] ` +
        `over ${t.pairs} paired replications (stopped at look ${t.looks}); replication r runs on seed replicationSeed(${c.seed}, r)`
    )
  }
  lines.push("", "Scenario A (B differs only in the settings above):", stringify(c.a).trimEnd())
  if (files !== undefined) {
    const replications = c.test?.pairs ?? 2
    lines.push(
      "",
      `Written to ${files.a} and ${files.b}. Reproduce:`,
      `  igv compare ${files.a} ${files.b} --seed ${c.seed} --replications ${replications}` +
        (c.test === undefined
          ? `\n  igv simulate -s ${files.a} --json; igv simulate -s ${files.b} --json   (replication 0 runs on seed ${c.seed})`
          : "")
    )
  }
  return lines.join("\n")
}
