import { basename } from "node:path"
import { compareReplications } from "@igv/metrics"
import { loadReplayInputs } from "@igv/ingest"
import { runReplications, type Inputs } from "@igv/runner"
import { flag, intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command, type Io } from "../command.js"
import { compareTable } from "../format/compare-table.js"
import { emit } from "../output.js"
import { resolveScenarioArg } from "../presets.js"
import { progressBar } from "../progress.js"
import { expectedSizeNote } from "../expected-size.js"
import { feedNote } from "./simulate.js"

const DEFAULT_REPLICATIONS = 10

export const compare: Command = {
  name: "compare",
  summary: "run two scenarios on common random numbers and show the differences that matter",
  help: `Usage: igv compare A B [options]

A and B are scenario files (JSON or YAML) or presets by name (see igv validate --presets).

Runs scenarios A and B with the same seed for each replication (common random numbers: the
same calls arrive in both, so differences come from the rules and staffing, not from chance)
and shows them side by side: A, B, the paired difference B − A with its 95 % half-width, and
whether the difference is significant (its interval excludes 0).

Options:
  --replications, -r R  replications per scenario (default: ${DEFAULT_REPLICATIONS}, or more if a scenario asks; at least 2)
  --seed N              seed of replication 0 (default: A's seed)
  --feed FILE|STORE     replay this recorded feed in both scenarios (a file, or a store window as in
                        igv simulate --help)
  --all                 list every figure (by area, by tag, histogram), not just the headline ones
  --json                print {a, b, replications, seed, comparison: {a, b, rows}} as JSON
  --out FILE            write the output to FILE instead of stdout (written whole, or not at all)
  --parallelism N       run replications in N worker threads (default: all cores, this thread included;
                        1: no workers); the result is byte-identical for any N

Examples:
  igv compare lpo-dense-status-quo lpo-dense-proposed
  igv compare simulations/scenarios/lpo-sparse-status-quo.yaml simulations/scenarios/lpo-sparse-proposed.yaml
  igv compare simulations/scenarios/lpo-dense-status-quo.yaml simulations/scenarios/lpo-dense-proposed.yaml -r 30 --json

Exit codes: 0 done, 2 bad input (the message names the file, line or JSON path), 1 anything else.`,
  options: {
    replications: { type: "string", short: "r" },
    seed: { type: "string" },
    feed: { type: "string" },
    all: { type: "boolean" },
    json: { type: "boolean" },
    out: { type: "string" },
    parallelism: { type: "string" }
  },
  positionals: { min: 2, max: 2 },
  run: async ({ values, positionals }, io: Io) => {
    const [fileA, fileB] = positionals as [string, string]
    const seedOption = intOption(values, "seed", -2_147_483_648, 2_147_483_647)
    const replicationsOption = intOption(values, "replications", 1, 100_000)
    if (replicationsOption === 1) throw new UsageError("--replications must be at least 2: a difference cannot be judged from one run")
    const parallelism = intOption(values, "parallelism", 1, 1024)
    const feedFile = stringOption(values, "feed")
    const a = await loadReplayInputs(resolveScenarioArg(fileA), feedFile)
    const b = await loadReplayInputs(resolveScenarioArg(fileB), feedFile)
    for (const note of new Set([feedNote(a), feedNote(b)])) if (note !== undefined) io.stderr.write(`${note}\n`)
    // Common random numbers need one seed: the simulator mixes the scenario's seed into every stream.
    if (b.scenario.seed !== a.scenario.seed) {
      io.stderr.write(`B's scenario seed ${b.scenario.seed} replaced by A's (${a.scenario.seed}) so both draw the same calls\n`)
    }
    const scenarioB = { ...b.scenario, seed: a.scenario.seed }
    const replications = replicationsOption ?? Math.max(DEFAULT_REPLICATIONS, a.scenario.replications, b.scenario.replications)
    const seed = seedOption ?? a.scenario.seed
    for (const inputs of [a, b]) io.stderr.write(`${expectedSizeNote(inputs, replications)}\n`)

    const bar = progressBar(io, "comparing")
    const run = (inputs: Inputs, half: number) => runReplications(half === 0 ? a.scenario : scenarioB, {
      replications, seed, parallelism,
      ...(inputs.feed === undefined ? {} : { incidents: inputs.feed.incidents }),
      onProgress: (p) => bar.update((half + p.fraction) / 2, `${half === 0 ? "A" : "B"} ${p.done}/${p.total}`)
    })
    let comparison
    try {
      const reportsA = await run(a, 0)
      const reportsB = await run(b, 1)
      comparison = compareReplications(reportsA, reportsB)
    } catch (e) {
      bar.clear()
      throw e
    }
    bar.finish(`compared ${replications} paired replications`)

    const labels = { a: `A: ${a.scenario.name}`, b: `B: ${b.scenario.name}` }
    const text = flag(values, "json")
      ? JSON.stringify({
        a: { file: fileA, name: a.scenario.name }, b: { file: fileB, name: b.scenario.name },
        replications, seed, comparison
      }, null, 2)
      : [
        `A = ${basename(fileA)}, B = ${basename(fileB)} · ${replications} paired replications from seed ${seed} · ` +
        `delta ± 95 % half-width of the paired difference`,
        compareTable(comparison.rows, labels, flag(values, "all"))
      ].join("\n\n")
    await emit(io, text, stringOption(values, "out"))
    return EXIT_OK
  }
}
