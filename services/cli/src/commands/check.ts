import { basename, dirname, extname, join } from "node:path"
import {
  checkHypothesis,
  formatHypothesisResult,
  HypothesisInvalid,
  loadHypothesis,
  writeCounterexample
} from "@igv/research"
import { ScenarioInvalid } from "@igv/runner"
import { flag, intOption, stringOption } from "../args.js"
import { EXIT_OK, type Command, type Io } from "../command.js"
import { emit } from "../output.js"

/** The hypothesis was checked and does not hold (distinct from bad input, 2, and failures, 1). */
export const EXIT_DOES_NOT_HOLD = 3

export const check: Command = {
  name: "check",
  summary: "check a hypothesis (pathwise or statistical) over generated scenarios on common random numbers",
  help: `Usage: igv check HYPOTHESIS.yaml [options]

HYPOTHESIS.yaml (or .json) states a claim about two variants of every generated scenario:

  name: prio 3 not interrupting never lowers survival
  kind: statistical              # pathwise: on every seed; statistical: in expectation over seeds
  constraints:                   # the generated scenarios (all optional)
    areas: { min: 1, max: 3 }    # 1–3
    days: { min: 1, max: 7 }     # 1–28
    load: { min: 0.3, max: 0.9 } # offered load per area of its IGV patrols
    rules: { prio3: { handling: dispatch } }   # rules held fixed
  variants:                      # scenario path: [A's value, B's value]
    rules.interruptingPriorities: [[1, 2, 3], [1, 2]]
  metric: lineTime.survival      # a figure of the report (igv simulate --json), by path
  relation: ">="                 # B ≥ A; "<=": B ≤ A; "==": B = A (within margin)
  margin: 0                      # how far B may stray to the wrong side (default 0)
  cases: 20                      # generated scenarios (default 100 pathwise, 20 statistical)
  seed: 1                        # the same seed tries the same scenarios
  alpha: 0.05                    # statistical: false-rejection chance over all cases
  firstLook: 10                  # statistical: replications at the first look, doubling
  maxReplications: 160           #   up to this many
  shrinkRuns: 40                 # runs spent shrinking a counterexample (0: none)

Every field is checked: a misspelt one is an error with its path and line, never a default.
Statistical claims are judged per scenario by a group-sequential paired t-test on common random
numbers (replication r of A and of B on the same seed) that stops as soon as the interval is on
one side; each scenario is tested at alpha / cases, so all of them together reject a true claim
with chance at most alpha. A failure prints the shrunk scenario (YAML), the seed, the estimate and
its interval, and writes the counterexample's A and B as scenario files that igv compare reads.

Options:
  --cases N        override the file's cases
  --seed N         override the file's seed
  --counterexample DIR  where a counterexample's a.yaml and b.yaml go
                   (default: HYPOTHESIS.counterexample/ beside the file)
  --json           print the result as JSON
  --out FILE       write the output to FILE instead of stdout

Examples:
  igv check prio3.yaml
  igv check prio3.yaml --cases 50 --json

Exit codes: 0 the claim holds in every case tried, 3 it does not (a counterexample is shown),
2 bad input (the message names the file, line and path), 1 anything else.`,
  options: {
    cases: { type: "string" },
    seed: { type: "string" },
    counterexample: { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" }
  },
  positionals: { min: 1, max: 1 },
  run: async ({ values, positionals }, io: Io) => {
    const file = positionals[0]!
    const cases = intOption(values, "cases", 1, 100_000)
    const seed = intOption(values, "seed", -2_147_483_648, 2_147_483_647)
    const hypothesis = {
      ...(await loadHypothesis(file)),
      ...(cases === undefined ? {} : { cases }),
      ...(seed === undefined ? {} : { seed })
    }
    io.stderr.write(
      `checking ${hypothesis.kind} hypothesis ${hypothesis.name === undefined ? basename(file) : `"${hypothesis.name}"`}\n`
    )
    let result: ReturnType<typeof checkHypothesis>
    try {
      result = checkHypothesis(hypothesis)
    } catch (e) {
      if (e instanceof HypothesisInvalid) throw new ScenarioInvalid({ file, issues: e.issues })
      throw e
    }
    const dir =
      stringOption(values, "counterexample") ?? join(dirname(file), `${basename(file, extname(file))}.counterexample`)
    const files = await writeCounterexample(dir, result)
    const text = flag(values, "json")
      ? JSON.stringify({ ...result, ...(files === undefined ? {} : { files }) }, null, 2)
      : formatHypothesisResult(result, files)
    await emit(io, text, stringOption(values, "out"))
    return result.holds ? EXIT_OK : EXIT_DOES_NOT_HOLD
  }
}
