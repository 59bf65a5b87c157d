import {
  AnalyticsInputError,
  decodeAnalyticsInput,
  isAnalyticsQuery,
  migrate,
  runAnalyticsQuery,
  type Analytics,
  type AnalyticsQueryName
} from "@igv/analytics"
import { openStore, splitQuery } from "@igv/event-store-url"
import { loadReplayInputs } from "@igv/ingest"
import { basename } from "node:path"
import { flag, intOption, stringOption } from "../args.js"
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command, type Io, type OptionValues } from "../command.js"
import { CONNECTION_HELP, openAnalytics, requireMigrated } from "../analytics/connection.js"
import { defaultRunIdPrefix, exportRuns } from "../analytics/export-run.js"
import { describeIssues, QUERY_OPTIONS, queryInput } from "../analytics/query-input.js"
import { sinkFollow, sinkOnce } from "../analytics/sink.js"
import { resultBlocks, type AnalyticsResults } from "../analytics/tables.js"
import { emit } from "../output.js"
import { emitReport, reportFormat } from "../report-output.js"
import { resolveScenarioArg } from "../presets.js"
import { STORE_HELP, storeUrlOf } from "./ingest.js"

const COMMON = ["clickhouse", "database", "json", "out"]
const ACTIONS: Readonly<Record<string, ReadonlyArray<string>>> = {
  migrate: [],
  sink: ["store", "once", "consumer"],
  "export-run": ["scenario", "feed", "seed", "replications", "scenario-id", "version", "run-id", "sweep", "param"],
  // A query's result is a report: readable, --json or --csv, in --lang.
  ...Object.fromEntries(Object.entries(QUERY_OPTIONS).map(([query, options]) => [query, [...options, "csv", "lang"]]))
}

/** A failure the user can act on (server down, schema behind): one line, exit 1, no stack. */
class AnalyticsUnavailable extends Error {}

const withAnalytics = async <T>(
  values: OptionValues,
  migrated: boolean,
  f: (a: Analytics) => Promise<T>
): Promise<T> => {
  let a: Analytics
  try {
    a = await openAnalytics(values)
    if (migrated)
      await requireMigrated(a).catch(async (e) => {
        await a.close()
        throw e
      })
  } catch (e) {
    if (e instanceof UsageError) throw e
    throw new AnalyticsUnavailable((e as Error).message)
  }
  try {
    return await f(a)
  } finally {
    await a.close()
  }
}

const runMigrate = async (values: OptionValues, io: Io): Promise<number> => {
  const result = await withAnalytics(values, false, (a) => migrate(a).then((r) => ({ database: a.database, ...r })))
  const text = flag(values, "json")
    ? JSON.stringify(result, null, 2)
    : `database ${result.database}: ${result.applied.length === 0 ? "already up to date" : `applied schema version(s) ${result.applied.join(", ")}`}` +
      (result.alreadyApplied.length === 0 ? "" : ` (already there: ${result.alreadyApplied.join(", ")})`)
  await emit(io, text, stringOption(values, "out"))
  return EXIT_OK
}

const runSink = async (values: OptionValues, io: Io): Promise<number> => {
  const storeUrl = splitQuery(storeUrlOf(values)).url
  const consumer = stringOption(values, "consumer") ?? "feed-sink"
  if (!/^[\p{L}\p{N}_.:/-]{1,200}$/u.test(consumer))
    throw new UsageError(`--consumer "${consumer}" must be 1–200 letters, digits or _ . : / -`)
  const outcome = await withAnalytics(values, true, async (a) => {
    const store = await openStore(storeUrl)
    try {
      if (flag(values, "once")) return await sinkOnce(a, store, consumer)
      let stop: () => void = () => undefined
      const stopped = new Promise<void>((resolve) => {
        stop = resolve
      })
      process.once("SIGINT", stop)
      process.once("SIGTERM", stop)
      io.stderr.write(
        `following ${storeUrl} into ClickHouse database ${a.database} (consumer ${consumer}); stop with Ctrl-C\n`
      )
      try {
        return await sinkFollow(a, store, consumer, stopped, (p, n) =>
          io.stderr.write(`at position ${p}, ${n} feed rows written\n`)
        )
      } finally {
        process.off("SIGINT", stop)
        process.off("SIGTERM", stop)
      }
    } finally {
      await store.close()
    }
  })
  const text = flag(values, "json")
    ? JSON.stringify({ store: storeUrl, ...outcome }, null, 2)
    : `${storeUrl} → ClickHouse (consumer ${outcome.consumer}): from position ${outcome.from} to ${outcome.position}, ${outcome.written} feed rows written`
  await emit(io, text, stringOption(values, "out"))
  return EXIT_OK
}

/** `--param name=value`, repeatable: the sweep's varied parameters as recorded with the runs. */
const paramsOf = (values: OptionValues): Record<string, string> | undefined => {
  const raw = values["param"]
  const all = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).map(String)
  if (all.length === 0) return undefined
  const params: Record<string, string> = {}
  for (const p of all) {
    const m = /^([\p{L}\p{N}_.:/-]{1,200})=(.{1,200})$/u.exec(p)
    if (m === null)
      throw new UsageError(`--param "${p}" must be name=value (the name 1–200 letters, digits or _ . : / -)`)
    if (Object.hasOwn(params, m[1]!)) throw new UsageError(`--param "${m[1]}" is given twice`)
    params[m[1]!] = m[2]!
  }
  return params
}

const runExport = async (values: OptionValues, io: Io): Promise<number> => {
  const scenarioFile = stringOption(values, "scenario")
  if (scenarioFile === undefined) throw new UsageError("--scenario FILE is required")
  const seedOption = intOption(values, "seed", -2_147_483_648, 2_147_483_647)
  const replicationsOption = intOption(values, "replications", 1, 100_000)
  const version = intOption(values, "version", 0, 4_294_967_295) ?? 1
  const scenarioId = stringOption(values, "scenario-id") ?? basename(scenarioFile).replace(/\.(ya?ml|json)$/i, "")
  const sweepId = stringOption(values, "sweep")
  const params = paramsOf(values)
  if (params !== undefined && sweepId === undefined)
    throw new UsageError("--param records a sweep's parameter: give --sweep ID too")
  // The ids a query will name must be ones its schema accepts.
  const ids = decodeAnalyticsInput("interruptions", {
    scenario: scenarioId,
    ...(sweepId === undefined ? {} : { sweep: sweepId }),
    ...(stringOption(values, "run-id") === undefined ? {} : { runs: [`${stringOption(values, "run-id")}/r0`] })
  })
  if (!ids.ok) {
    throw new UsageError(
      ids.issues
        .map(
          (i) =>
            `${i.path.startsWith("scenario") ? "--scenario-id" : i.path.startsWith("sweep") ? "--sweep" : "--run-id"}: ${i.message}`
        )
        .join("\n")
    )
  }
  const inputs = await loadReplayInputs(resolveScenarioArg(scenarioFile), stringOption(values, "feed"))
  const { scenario } = inputs
  const seed = seedOption ?? scenario.seed
  const replications = replicationsOption ?? scenario.replications
  const incidents = inputs.feed?.incidents
  const runIdPrefix =
    stringOption(values, "run-id") ??
    defaultRunIdPrefix({
      scenario,
      scenarioId,
      scenarioVersion: version,
      seed,
      ...(incidents === undefined ? {} : { incidents })
    })
  const runs = await withAnalytics(values, true, (a) =>
    exportRuns(a, {
      scenario,
      scenarioId,
      scenarioVersion: version,
      seed,
      replications,
      runIdPrefix,
      ...(incidents === undefined ? {} : { incidents }),
      ...(sweepId === undefined ? {} : { sweepId }),
      ...(params === undefined ? {} : { params }),
      onRun: (runId, outcome) =>
        io.stderr.write(`${runId}: ${outcome === "written" ? "written" : "already recorded, left as it is"}\n`)
    })
  )
  const written = runs.filter((r) => r.outcome === "written").length
  const text = flag(values, "json")
    ? JSON.stringify({ scenarioId, scenarioVersion: version, sweepId, params, runs }, null, 2)
    : `${scenario.name} (${scenarioId} v${version}): ${written} run(s) written, ${runs.length - written} already recorded\n` +
      runs.map((r) => `  ${r.runId}  seed ${r.seed}  ${r.outcome}`).join("\n")
  await emit(io, text, stringOption(values, "out"))
  return EXIT_OK
}

const runQuery = async (name: AnalyticsQueryName, values: OptionValues, io: Io): Promise<number> => {
  const format = reportFormat(values)
  const input = queryInput(name, values)
  const result = await withAnalytics(values, true, async (a) => {
    try {
      return (await runAnalyticsQuery(a, name, input)) as AnalyticsResults[typeof name]
    } catch (e) {
      // Rules across options the schema alone cannot state (e.g. "name the runs").
      if (e instanceof AnalyticsInputError)
        throw new UsageError(
          describeIssues(
            e.issues.map((i) => ({
              ...i,
              message:
                i.path === ""
                  ? i.message.replace(/: scenario, sweep or runs$/, ": give --scenario, --sweep or --runs")
                  : i.message
            }))
          )
        )
      throw e
    }
  })
  await emitReport(io, values, result, format.kind === "json" ? [] : resultBlocks(name, result, input, format.lang))
  return EXIT_OK
}

const RUN_FILTER_HELP = `  --scenario ID       runs of this scenario id     --version N   of this scenario version
  --sweep ID          runs of this sweep           --runs A,B    these run ids`

export const analytics: Command = {
  name: "analytics",
  summary: "ClickHouse: migrate, sink the stored feed, export simulated runs, and query across feed and runs",
  help: `Usage: igv analytics migrate
       igv analytics sink [--store URL] [--once] [--consumer NAME]
       igv analytics export-run --scenario FILE [--scenario-id ID] [--version N] [--seed N] [-r R]
                                [--feed FILE|STORE] [--run-id ID] [--sweep ID --param NAME=VALUE ...]
       igv analytics interruptions (--scenario ID [--version N] | --sweep ID | --runs A,B) [--areas A,B]
                                [--prios 1,2] [--from T] [--to T] [--time-zone Z]
       igv analytics survival --scenario ID [--areas A,B]
       igv analytics sweep --sweep ID --kpi PATH --parameter NAME [--area A]
       igv analytics real-vs-simulated --from T --to T [run filter] [--areas A,B]
       igv analytics headline --source recorded --from T --to T [--areas A,B] [--time-zone Z]
       igv analytics headline --source simulated [run filter] [--areas A,B] [--time-zone Z]
Every form also takes --clickhouse URL, --database DB, --json and --out FILE; the queries also --csv and --lang sv|en.

migrate          creates or updates the tables (versioned, safe to run again)
sink             follows the event store into ClickHouse, resuming from the position stored there
                 (no gaps, no doubles); --once catches up to what is stored now and exits
export-run       simulates a scenario (replications as igv simulate seeds them) and writes each run's
                 KPIs, interruptions, uninterrupted segments and dispatches; a run id already recorded
                 is left as it is, so an export cut short can be run again
interruptions    interruptions of planned time by area × hour of week (local) × priority
survival         line-time survival across all runs of a scenario, by scenario version
sweep            a sweep's KPI (a report path, e.g. lineTime.survival) against its varied parameter
real-vs-simulated  dispatch figures by priority: the recorded feed beside the simulated runs, same window
headline         the report's headline: prio 1+2 share of time at RLC's disposal, by area and month

Options:
${CONNECTION_HELP}
  --json              print the typed result as JSON
  --csv               queries: every table as CSV (UTF-8 with a byte-order mark; semicolons and decimal commas
                      under --lang sv), notes as rows of one field
  --lang sv|en        queries: language of the readable and CSV output (default en); JSON is the same in both
  --out FILE          write the output to FILE (written whole, or not at all)
sink:
${STORE_HELP}
  --once              catch up, then exit (default: keep following until Ctrl-C)
  --consumer NAME     the sink's checkpoint name in ClickHouse (default feed-sink)
export-run:
  --scenario, -s FILE the scenario (JSON or YAML) or a preset's name
  --scenario-id ID    the id runs are recorded under (default: the file name without extension)
  --version N         the scenario version recorded (default 1); bump it when the scenario changes
  --seed N, -r R      seed and replications (default: the scenario's)
  --feed FILE|STORE   replay a recorded feed, as igv simulate --feed
  --run-id ID         run ids ID/r0, ID/r1, … (default: scenario id, version and a hash of scenario, seed and feed)
  --sweep ID, --param NAME=VALUE
                      record the runs as one point of a sweep (repeat --param for each varied parameter)
queries:
${RUN_FILTER_HELP}
  --areas A,B         only these areas (sweep: --area A for one area's figure; default the whole run)
  --prios 1,2         only these priorities
  --from T, --to T    a window, from inclusive, to exclusive: 2024-03-01 (local midnight), 2024-03-01T06:00
                      (local time) or ISO 8601 with offset
  --time-zone Z       for hours of week and months (default Europe/Stockholm)
  --source S          headline: recorded (the sunk feed) or simulated (the runs)

Examples:
  igv analytics migrate
  igv analytics sink --store sqlite:./data/igv.db --once
  igv analytics export-run -s lpo-sparse-status-quo -r 20 --scenario-id lpo-sparse --version 2
  igv analytics export-run -s lpo-sparse-proposed -r 10 --sweep reserve --param reserve=2
  igv analytics survival --scenario lpo-sparse
  igv analytics interruptions --scenario lpo-sparse --prios 3 --json --out prio3.json
  igv analytics sweep --sweep reserve --kpi lineTime.survival --parameter reserve
  igv analytics real-vs-simulated --from 2024-03-01 --to 2024-04-01 --scenario lpo-sparse
  igv analytics headline --source recorded --from 2024-01-01 --to 2025-01-01

Exit codes: 0 done, 2 bad command line (the message names the option), 1 anything else
(ClickHouse unreachable, database not migrated: run igv analytics migrate).`,
  options: {
    clickhouse: { type: "string" },
    database: { type: "string" },
    json: { type: "boolean" },
    csv: { type: "boolean" },
    lang: { type: "string" },
    out: { type: "string" },
    store: { type: "string" },
    once: { type: "boolean" },
    consumer: { type: "string" },
    scenario: { type: "string", short: "s" },
    feed: { type: "string" },
    seed: { type: "string" },
    replications: { type: "string", short: "r" },
    "scenario-id": { type: "string" },
    version: { type: "string" },
    "run-id": { type: "string" },
    sweep: { type: "string" },
    param: { type: "string", multiple: true },
    runs: { type: "string" },
    areas: { type: "string" },
    area: { type: "string" },
    prios: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    "time-zone": { type: "string" },
    kpi: { type: "string" },
    parameter: { type: "string" },
    source: { type: "string" }
  },
  positionals: { min: 0, max: 1 },
  run: async ({ values, positionals }, io) => {
    const action = positionals[0]
    if (action === undefined) throw new UsageError(`expected a subcommand: ${Object.keys(ACTIONS).join(", ")}`)
    const allowed = ACTIONS[action]
    if (allowed === undefined)
      throw new UsageError(
        `unknown analytics command "${action}" (expected one of: ${Object.keys(ACTIONS).join(", ")})`
      )
    const stray = Object.keys(values).filter(
      (o) => o !== "help" && values[o] !== undefined && !COMMON.includes(o) && !allowed.includes(o)
    )
    if (stray.length > 0)
      throw new UsageError(
        `${stray.map((o) => `--${o}`).join(", ")} ${stray.length > 1 ? "are not options" : "is not an option"} of "igv analytics ${action}"`
      )
    try {
      if (action === "migrate") return await runMigrate(values, io)
      if (action === "sink") return await runSink(values, io)
      if (action === "export-run") return await runExport(values, io)
      if (isAnalyticsQuery(action)) return await runQuery(action, values, io)
      throw new UsageError(`unknown analytics command "${action}"`)
    } catch (e) {
      if (!(e instanceof AnalyticsUnavailable)) throw e
      io.stderr.write(`igv analytics ${action}: ${e.message}\n`)
      return EXIT_FAILURE
    }
  }
}
