import { basename } from "node:path"
import type { Analytics } from "@igv/analytics"
import { issueMessages } from "@igv/domain"
import type { MetricsReport } from "@igv/metrics"
import {
  gridDesign,
  inertFactors,
  latinHypercubeDesign,
  parseFactor,
  pointValues,
  runSweep,
  SweepInvalid,
  sweepCsv,
  sweepIdOf,
  sweepHtml,
  sweepJsonLines,
  sweepParquet,
  type Factor
} from "@igv/research"
import { loadInputs } from "@igv/runner"
import { CONNECTION_HELP, openConfiguredAnalytics } from "../analytics/connection.js"
import { storePointReplications, storeSweepPoints, type StoredSweep } from "../analytics/sweep-store.js"
import { intOption, stringOption } from "../args.js"
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type Io, type OptionValues } from "../command.js"
import { expectedSizeNote } from "../expected-size.js"
import { checkOutFolder, emit, writeOptionFile } from "../output.js"
import { resolveScenarioArg } from "../presets.js"
import { progressBar } from "../progress.js"
import { writeWarnings } from "../warnings.js"

const DEFAULT_REPLICATIONS = 10
const DEFAULT_METRICS = [
  "lineTime.survival",
  "lineTime.deliveredHours",
  "lineTime.unstaffedHours",
  "interruptions.total",
  "response.1.withinTarget",
  "response.2.withinTarget",
  "response.3.withinTarget"
]
/** More points than one table should hold; a larger design is several sweeps. */
const MAX_POINTS = 10_000

const list = (values: OptionValues, name: string): Array<string> => {
  const v = values[name]
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []
}

const factorsOf = (specs: ReadonlyArray<string>): Array<Factor> =>
  specs.map((spec) => {
    const factor = parseFactor(spec)
    if (!factor.ok) throw new UsageError(`--vary ${issueMessages(factor.issues)}`)
    return factor.value
  })

export const sweep: Command = {
  name: "sweep",
  summary: "run a scenario over a grid or Latin hypercube of settings, every point on common random numbers",
  help: `Usage: igv sweep SCENARIO --vary PATH=VALUES [--vary …] [options]

SCENARIO is a scenario file (JSON or YAML) or a preset by name. Each --vary names a scenario path
and its values: a range FROM..TO:STEP (both ends included) or a list V1|V2|… (each JSON where it
reads as JSON, text otherwise). Every point runs the same replication seeds (common random
numbers: replication r on the same calls at every point), so differences between rows come
from the settings, not from chance.

Options:
  --vary PATH=VALUES    e.g. rules.prio3.deferLimitMinutes=60..240:30, rules.reserve[0].patrols=0..2,
                        rules.interruptingPriorities='[1,2,3]|[1,2]' (repeatable)
  --design grid|lhs     every combination (default), or a Latin hypercube of --samples points
  --samples N           points of a Latin hypercube
  --replications, -r R  replications per point (default: ${DEFAULT_REPLICATIONS})
  --seed N              seed of replication 0, and of the Latin hypercube (default: the scenario's seed)
  --metric PATH         a figure of the report to tabulate (repeatable; default:
                        ${DEFAULT_METRICS.join(", ")})
  --format csv|jsonl|parquet
                        one row per point: the values, replications, mean and 95 % half-width of each
                        metric (default: csv; parquet needs --out)
  --out FILE            write the table to FILE instead of stdout (whole, or not at all)
  --html FILE           also write a page (self-contained, no script) charting each metric's mean and
                        95 % interval at every point against each varied setting, the table below
  --parallelism N       worker threads for each point's replications (as in igv compare)
  --via kafka://HOST:PORT/TOPIC
                        publish every (point, replication) as a task on TOPIC for igv worker processes
                        (any number, on any machines) and fold their results from TOPIC.results; the
                        table is the same, byte for byte, as a sweep run here. Progress on stderr; it
                        finishes when every point has all its replications (start workers first or after)

Into ClickHouse, when one is configured (--clickhouse or --database, or $IGV_CLICKHOUSE_URL or
$IGV_CLICKHOUSE_DATABASE set; the database migrated with igv analytics migrate): every replication's
figures into sweep_replications and the table into sweep_points, under the sweep's id (printed; the
same for the same sweep, so a sweep run again is stored once).
${CONNECTION_HELP}

Examples:
  igv sweep lpo-mid-proposed --vary rules.prio3.deferLimitMinutes=60..240:30 -r 20
  igv sweep lpo-dense-proposed --vary rules.reserve[0].patrols=0..2 --vary rules.prio3.handledOtherwiseShare=0..0.3:0.05 --design lhs --samples 12 --format jsonl

Exit codes: 0 done, 2 bad input (the message names the option, path or file), 1 anything else.`,
  options: {
    vary: { type: "string", multiple: true },
    design: { type: "string" },
    samples: { type: "string" },
    replications: { type: "string", short: "r" },
    seed: { type: "string" },
    metric: { type: "string", multiple: true },
    format: { type: "string" },
    out: { type: "string" },
    html: { type: "string" },
    parallelism: { type: "string" },
    via: { type: "string" },
    clickhouse: { type: "string" },
    database: { type: "string" }
  },
  positionals: { min: 1, max: 1 },
  run: async ({ values, positionals }, io: Io) => {
    const factors = factorsOf(list(values, "vary"))
    if (factors.length === 0) throw new UsageError("name at least one --vary PATH=VALUES")
    const design = stringOption(values, "design") ?? "grid"
    if (design !== "grid" && design !== "lhs") throw new UsageError(`--design must be grid or lhs, not "${design}"`)
    const samples = intOption(values, "samples", 1, MAX_POINTS)
    if (design === "lhs" && samples === undefined) throw new UsageError("--design lhs needs --samples N")
    if (design === "grid" && samples !== undefined)
      throw new UsageError("--samples applies to --design lhs only; a grid runs every combination")
    const format = stringOption(values, "format") ?? "csv"
    if (format !== "csv" && format !== "jsonl" && format !== "parquet")
      throw new UsageError(`--format must be csv, jsonl or parquet, not "${format}"`)
    const out = stringOption(values, "out")
    if (format === "parquet" && out === undefined)
      throw new UsageError("--format parquet writes a binary file: name it with --out FILE")
    if (out !== undefined) checkOutFolder(out)
    const html = stringOption(values, "html")
    if (html !== undefined) checkOutFolder(html, "--html")
    const replications = intOption(values, "replications", 1, 100_000) ?? DEFAULT_REPLICATIONS
    const parallelism = intOption(values, "parallelism", 1, 1024)
    const metrics = list(values, "metric")
    const via = stringOption(values, "via")
    if (via !== undefined && !via.startsWith("kafka://"))
      throw new UsageError(`--via must be kafka://HOST:PORT/TOPIC, not "${via}"`)
    const inputs = await loadInputs(resolveScenarioArg(positionals[0]!))
    writeWarnings(io, inputs.scenarioFile, inputs.warnings)
    const seed = intOption(values, "seed", -2_147_483_648, 2_147_483_647) ?? inputs.scenario.seed
    const gridSize = factors.reduce((n, f) => n * f.levels.length, 1)
    if (design === "grid" && gridSize > MAX_POINTS)
      throw new UsageError(`the grid has ${gridSize} points; at most ${MAX_POINTS} (or use --design lhs)`)
    const points = design === "grid" ? gridDesign(factors) : latinHypercubeDesign(factors, samples!, seed)
    // A factor that changes nothing gives rows that differ in it by nothing: say so before the run.
    for (const inert of inertFactors(inputs.scenario, factors, points, inputs.feed?.incidents))
      io.stderr.write(
        `igv sweep: warning: --vary ${inert.path} changes nothing at any point of this sweep: at ${inert.reason}\n`
      )
    const used = metrics.length === 0 ? DEFAULT_METRICS : metrics
    const incidents = inputs.feed?.incidents
    const sweepId = sweepIdOf(inputs.scenario, factors, points, {
      replications,
      seed,
      metrics: used,
      ...(incidents === undefined ? {} : { incidents })
    })
    let analytics: Analytics | undefined
    try {
      analytics = await openConfiguredAnalytics(values)
    } catch (e) {
      if (e instanceof UsageError) throw e
      io.stderr.write(`igv sweep: ${(e as Error).message}\n`)
      return EXIT_FAILURE
    }
    try {
      io.stderr.write(`${expectedSizeNote(inputs, replications)} per point, ${points.length} points\n`)
      const stored: StoredSweep = { sweepId, scenario: inputs.scenario.name, seed }
      let replicationsStored = 0
      const bar = progressBar(io, "sweeping")
      let rows: Awaited<ReturnType<typeof runSweep>>
      try {
        rows = await runSweep(inputs.scenario, factors, points, {
          replications,
          seed,
          metrics: used,
          sweepId,
          ...(parallelism === undefined ? {} : { parallelism }),
          ...(incidents === undefined ? {} : { incidents }),
          ...(via === undefined ? {} : { via }),
          onProgress: (fraction, detail) => bar.update(fraction, detail),
          ...(analytics === undefined
            ? {}
            : {
                onPointDone: async (point: number, reports: ReadonlyArray<MetricsReport>) => {
                  replicationsStored += await storePointReplications(
                    analytics!,
                    stored,
                    point,
                    pointValues(factors, points[point]!),
                    reports
                  )
                }
              })
        })
      } catch (e) {
        bar.clear()
        if (e instanceof SweepInvalid) throw new UsageError(e.message)
        throw e
      }
      bar.finish(
        `swept ${points.length} points of ${basename(inputs.scenarioFile)}, ${replications} replications each from seed ${seed}`
      )
      if (analytics !== undefined) {
        const pointsStored = await storeSweepPoints(analytics, stored, used, rows)
        io.stderr.write(
          `stored as ${sweepId} in ClickHouse database ${analytics.database}: ${replicationsStored} replications and ${pointsStored} points new` +
            ` (of ${points.length * replications} and ${points.length}; the rest were stored before)\n`
        )
      }
      const table =
        format === "csv"
          ? sweepCsv(factors, used, rows)
          : format === "jsonl"
            ? sweepJsonLines(rows)
            : sweepParquet(factors, used, rows)
      if (html !== undefined) {
        await writeOptionFile(
          "--html",
          html,
          sweepHtml(factors, used, rows, { scenario: inputs.scenario.name, replications, seed })
        )
        io.stderr.write(`wrote ${html}\n`)
      }
      await emit(io, table, out)
      return EXIT_OK
    } finally {
      await analytics?.close()
    }
  }
}
