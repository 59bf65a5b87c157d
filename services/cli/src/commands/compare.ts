import { resolve } from "node:path"
import { incomparabilities, settingChanges, withSetting, type Scenario, type SettingChange } from "@igv/domain"
import { attributeReplications, compareReplications, type MetricsReport } from "@igv/metrics"
import { loadReplayInputs } from "@igv/ingest"
import { runReplications, type Inputs } from "@igv/runner"
import { flag, intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command, type Io } from "../command.js"
import { attributionTable } from "../format/attribution-table.js"
import { compareTable } from "../format/compare-table.js"
import { attributionNote, compareNotes } from "../format/compare-notes.js"
import { resolveScenarioArg } from "../presets.js"
import { progressBar } from "../progress.js"
import { emitHtml, emitReport, REPORT_AND_HTML_HELP, REPORT_AND_HTML_OPTIONS, reportFormat } from "../report-output.js"
import { writeWarnings } from "../warnings.js"
import { expectedSizeNote } from "../expected-size.js"
import { feedNote } from "./simulate.js"

const DEFAULT_REPLICATIONS = 10
/** --attribute runs one more set of replications per changed setting. */
const MAX_ATTRIBUTED_SETTINGS = 16

/** The scenario as compared: a replayed feed named by the file it resolved to, not by how the scenario spelt it. */
const asRun = (inputs: Inputs): Scenario =>
  inputs.feed === undefined
    ? inputs.scenario
    : { ...inputs.scenario, demand: { ...inputs.scenario.demand, feed: resolve(inputs.feed.file) } }

export const compare: Command = {
  name: "compare",
  summary: "run two scenarios on common random numbers and show the differences that matter",
  help: `Usage: igv compare A B [options]

A and B are scenario files (JSON or YAML) or presets by name (see igv validate --presets).

Runs scenarios A and B with the same seed for each replication (common random numbers: the
same calls arrive in both, so differences come from the rules and staffing, not from chance)
and shows them side by side: A, B, the paired difference B − A with its 95 % half-width, and
whether the difference is significant (its interval excludes 0). The header lists every
setting in which B differs from A.

Pairing needs A and B to see the same calls: the same first day, horizon, time zone and areas.
If they differ in any of these, compare stops (exit 2) and says which, unless --allow-different:
then the replications are not paired and each delta's interval is an unpaired (Welch) one.

Options:
  --replications, -r R  replications per scenario (default: ${DEFAULT_REPLICATIONS}, or more if a scenario asks; at least 2)
  --seed N              seed of replication 0 (default: A's seed)
  --feed FILE|STORE     replay this recorded feed in both scenarios (a file, or a store window as in
                        igv simulate --help)
  --attribute           split B − A into each changed setting's own effect (B's value of that one
                        setting applied to A alone, paired with A) and the interaction remainder;
                        runs R more replications per setting (at most ${MAX_ATTRIBUTED_SETTINGS} settings)
  --allow-different     compare scenarios that differ in start, horizon, time zone or areas, unpaired
  --all                 list every figure (by area, by tag, histogram), not just the headline ones
${REPORT_AND_HTML_HELP}
                      (JSON: {a, b, replications, seed, paired, differences, changes, comparison, attribution};
                      under --lang sv the tables are Swedish, the lines about A and B's settings stay English)
  --parallelism N       run replications in N worker threads (default: all cores, this thread included;
                        1: no workers); the result is byte-identical for any N

Examples:
  igv compare lpo-dense-status-quo lpo-dense-proposed --attribute
  igv compare simulations/scenarios/lpo-sparse-status-quo.yaml simulations/scenarios/lpo-sparse-proposed.yaml
  igv compare simulations/scenarios/lpo-dense-status-quo.yaml simulations/scenarios/lpo-dense-proposed.yaml -r 30 --json

Exit codes: 0 done, 2 bad input (the message names the file, line or JSON path, or what makes A and
B incomparable), 1 anything else.`,
  options: {
    replications: { type: "string", short: "r" },
    seed: { type: "string" },
    feed: { type: "string" },
    attribute: { type: "boolean" },
    "allow-different": { type: "boolean" },
    all: { type: "boolean" },
    ...REPORT_AND_HTML_OPTIONS,
    parallelism: { type: "string" }
  },
  positionals: { min: 2, max: 2 },
  run: async ({ values, positionals }, io: Io) => {
    const [fileA, fileB] = positionals as [string, string]
    reportFormat(values)
    const seedOption = intOption(values, "seed", -2_147_483_648, 2_147_483_647)
    const replicationsOption = intOption(values, "replications", 1, 100_000)
    if (replicationsOption === 1)
      throw new UsageError("--replications must be at least 2: a difference cannot be judged from one run")
    const parallelism = intOption(values, "parallelism", 1, 1024)
    const feedFile = stringOption(values, "feed")
    const attribute = flag(values, "attribute")
    const a = await loadReplayInputs(resolveScenarioArg(fileA), feedFile)
    const b = await loadReplayInputs(resolveScenarioArg(fileB), feedFile)
    for (const note of new Set([feedNote(a), feedNote(b)])) if (note !== undefined) io.stderr.write(`${note}\n`)
    for (const inputs of [a, b]) writeWarnings(io, inputs.scenarioFile, inputs.warnings)

    const differences = incomparabilities(a.scenario, b.scenario)
    const paired = differences.length === 0
    if (!paired && attribute) {
      throw new UsageError(
        `--attribute applies B's settings to A one at a time, on A's calls; A and B differ in ${differences.join("; ")}`
      )
    }
    if (!paired && !flag(values, "allow-different")) {
      throw new UsageError(
        `A and B do not see the same calls, so they cannot be paired: they differ in ${differences.join("; ")}. ` +
          "Make them agree, or pass --allow-different for an unpaired comparison"
      )
    }
    const changes = settingChanges(asRun(a), asRun(b))
    if (attribute && changes.length > MAX_ATTRIBUTED_SETTINGS) {
      throw new UsageError(
        `B differs from A in ${changes.length} settings; --attribute takes at most ${MAX_ATTRIBUTED_SETTINGS} (each runs its own replications): compare in steps`
      )
    }
    // Common random numbers need one seed: the simulator mixes the scenario's seed into every stream.
    if (b.scenario.seed !== a.scenario.seed) {
      io.stderr.write(
        `B's scenario seed ${b.scenario.seed} replaced by A's (${a.scenario.seed})${paired ? " so both draw the same calls" : ""}\n`
      )
    }
    const replications =
      replicationsOption ?? Math.max(DEFAULT_REPLICATIONS, a.scenario.replications, b.scenario.replications)
    const seed = seedOption ?? a.scenario.seed
    for (const inputs of [a, b]) io.stderr.write(`${expectedSizeNote(inputs, replications)}\n`)

    // A, B, then each setting of B alone on A (replaying B's feed when the feed is the setting).
    const runs: Array<{ readonly name: string; readonly scenario: Scenario; readonly inputs: Inputs }> = [
      { name: "A", scenario: a.scenario, inputs: a },
      { name: "B", scenario: { ...b.scenario, seed: a.scenario.seed }, inputs: b },
      ...(attribute
        ? changes.map((change: SettingChange) => ({
            name: change.path,
            scenario: withSetting(a.scenario, change),
            inputs: change.path === "demand.feed" ? b : a
          }))
        : [])
    ]
    const bar = progressBar(io, attribute ? "attributing" : "comparing")
    const reports: Array<Array<MetricsReport>> = []
    try {
      for (const [i, { name, scenario, inputs }] of runs.entries()) {
        reports.push(
          await runReplications(scenario, {
            replications,
            seed,
            parallelism,
            ...(inputs.feed === undefined ? {} : { incidents: inputs.feed.incidents }),
            onProgress: (p) => bar.update((i + p.fraction) / runs.length, `${name} ${p.done}/${p.total}`)
          })
        )
      }
    } catch (e) {
      bar.clear()
      throw e
    }
    const [reportsA, reportsB, ...variants] = reports as [
      Array<MetricsReport>,
      Array<MetricsReport>,
      ...Array<Array<MetricsReport>>
    ]
    const comparison = compareReplications(reportsA, reportsB, { paired })
    const attribution = attribute ? attributeReplications(reportsA, reportsB, variants) : undefined
    bar.finish(
      `compared ${replications} ${paired ? "paired " : ""}replications${attribute ? `, and ${changes.length} settings one at a time` : ""}`
    )

    const labels = { a: `A: ${a.scenario.name}`, b: `B: ${b.scenario.name}` }
    const changeList = changes.map(({ keys: _k, ...change }) => change)
    const attributed =
      attribution === undefined
        ? undefined
        : {
            settings: changeList.map((change, k) => ({ ...change, rows: attribution.own[k]! })),
            interaction: attribution.interaction,
            total: attribution.total
          }
    await emitReport(
      io,
      values,
      {
        a: { file: fileA, name: a.scenario.name },
        b: { file: fileB, name: b.scenario.name },
        replications,
        seed,
        paired,
        differences,
        changes: changeList,
        comparison,
        ...(attributed === undefined ? {} : { attribution: { replications, ...attributed } })
      },
      [
        ...compareNotes({ fileA, fileB, replications, seed, paired, differences, changes }),
        compareTable(comparison.rows, labels, flag(values, "all")),
        ...(attribution === undefined
          ? []
          : [
              attributionNote(replications),
              attributionTable(
                attribution,
                changes.map((c) => c.path)
              )
            ])
      ]
    )
    await emitHtml(io, values, `A: ${a.scenario.name} · B: ${b.scenario.name}`, {
      kind: "comparison",
      comparison: {
        rows: comparison.rows,
        paired,
        replications,
        ...(attributed === undefined ? {} : { attribution: attributed })
      }
    })
    return EXIT_OK
  }
}
