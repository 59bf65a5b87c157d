import { basename } from "node:path"
import { summarizeReplications } from "@igv/metrics"
import { loadReplayInputs } from "@igv/ingest"
import { replicationSeed, runReplications, writeEventStream, type Inputs } from "@igv/runner"
import { horizonOf } from "@igv/simulator"
import { intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command, type Io } from "../command.js"
import { reportBlocks } from "../format/report-table.js"
import { expectedSizeNote } from "../expected-size.js"
import { resolveScenarioArg } from "../presets.js"
import { progressBar } from "../progress.js"
import { emitHtml, emitReport, REPORT_AND_HTML_HELP, REPORT_AND_HTML_OPTIONS, reportFormat } from "../report-output.js"
import { writeWarnings } from "../warnings.js"

export const PARALLELISM_HELP = `  --parallelism N     run replications in N worker threads (default: all cores, this thread included, and
                      a lone long replication draws its calls on a second core; 1: no workers); the
                      result is byte-identical for any N`

/**
 * A line about the replayed feed for stderr: how many of its incidents the run replays (those inside the horizon;
 * the rest named, never dropped without a word) and which personal-data fields were dropped.
 */
export const feedNote = (inputs: Inputs): string | undefined => {
  const feed = inputs.feed
  if (feed === undefined) return undefined
  const { scenario } = inputs
  const { startT, endT } = horizonOf(scenario)
  const inside = feed.incidents.filter((i) => i.t >= startT && i.t < endT).length
  const outside = feed.incidents.length - inside
  const horizon = `the ${scenario.days}-day horizon from ${scenario.start}`
  const dropped = Object.entries(feed.droppedFields).map(([name, n]) => `${name} (${n})`)
  return (
    `${basename(feed.file)}: ${inside === 0 && outside > 0 ? "warning: " : ""}${inside} incidents replayed` +
    (outside > 0 ? `; ${outside} of its ${feed.incidents.length} fall outside ${horizon} and are not` : "") +
    (dropped.length > 0 ? `; fields dropped at read, values never kept: ${dropped.join(", ")}` : "")
  )
}

/** Replication 0 once more, its events written as a feed; a file that cannot be written is the user's to fix. */
const writeEvents = (io: Io, scenario: Inputs["scenario"], seed: number, file: string, inputs: Inputs): void => {
  let written: ReturnType<typeof writeEventStream>
  try {
    written = writeEventStream(scenario, replicationSeed(seed, 0), file, inputs.feed?.incidents)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
      throw new UsageError(
        `cannot write --events ${file}: ${code === "ENOENT" ? "its folder does not exist" : code === "EACCES" ? "permission denied" : "it is a folder"}`
      )
    }
    throw e
  }
  io.stderr.write(`wrote ${file}: ${written.events} events of replication 0 (seed ${seed}) as feed NDJSON\n`)
}

export const simulate: Command = {
  name: "simulate",
  summary: "run a scenario and report line time, interruptions, response times and time use",
  help: `Usage: igv simulate --scenario FILE [options]

Runs a scenario (JSON or YAML) and reports how much planned line time survives, how often and
by which priorities it is interrupted, dispatch times per priority against the targets
(4 / 20 / 240 min), time use with the prio 1+2 share, by area and by tag.

Options:
  --scenario, -s FILE the scenario (JSON or YAML), or a preset by name (see igv validate --presets)
  --feed FILE|STORE   replay a recorded dispatch feed (NDJSON or CSV) instead of the scenario's demand.feed,
                      or the incidents stored in an event store, optionally a window of them:
                      sqlite:./data/igv.db?from=2024-03-01&to=2024-04-01&area=lpo1 (or kafka://host:port/topic?...)
  --seed N            random seed (default: the scenario's seed)
  --replications, -r R
                      independent replications (default: the scenario's); with R > 1 every figure is
                      a mean with its 95 % confidence half-width
${REPORT_AND_HTML_HELP}
                      (JSON: a Report for R = 1, a ReplicatedReport for R > 1)
  --events FILE       also write the run's full event stream (replication 0, the one the report shows when
                      R = 1) as NDJSON in the feed's wire form: exactly what igv ingest reads, so a simulated
                      stream can be stored, diffed against a recorded one and folded by igv history
${PARALLELISM_HELP}

Examples:
  igv simulate --scenario simulations/scenarios/lpo-sparse-status-quo.yaml
  igv simulate -s lpo-mid-proposed -r 10
  igv simulate -s simulations/scenarios/lpo-dense-proposed.yaml -r 20 --json --out dense.json
  igv simulate -s simulations/scenarios/lpo-sparse-sample-week.yaml --feed simulations/feeds/sample.csv
  igv simulate -s lpo-sparse-status-quo --events sparse-events.ndjson

Warnings about the scenario (settings without effect, contradictions, hours where the calls
offered reach the patrols on duty) go to stderr with file, line and path, as igv validate gives them.

Exit codes: 0 done, 2 bad input (the message names the file, line or JSON path), 1 anything else.`,
  options: {
    scenario: { type: "string", short: "s" },
    feed: { type: "string" },
    seed: { type: "string" },
    replications: { type: "string", short: "r" },
    ...REPORT_AND_HTML_OPTIONS,
    events: { type: "string" },
    parallelism: { type: "string" }
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io: Io) => {
    const scenarioFile = stringOption(values, "scenario")
    if (scenarioFile === undefined) throw new UsageError("--scenario FILE is required")
    reportFormat(values)
    const seedOption = intOption(values, "seed", -2_147_483_648, 2_147_483_647)
    const replicationsOption = intOption(values, "replications", 1, 100_000)
    const parallelism = intOption(values, "parallelism", 1, 1024)
    const inputs = await loadReplayInputs(resolveScenarioArg(scenarioFile), stringOption(values, "feed"))
    const { scenario } = inputs
    const replications = replicationsOption ?? scenario.replications
    const seed = seedOption ?? scenario.seed
    const note = feedNote(inputs)
    if (note !== undefined) io.stderr.write(`${note}\n`)
    writeWarnings(io, inputs.scenarioFile, inputs.warnings)
    io.stderr.write(`${expectedSizeNote(inputs, replications)}\n`)

    const bar = progressBar(io, "simulating")
    let reports: Awaited<ReturnType<typeof runReplications>>
    try {
      reports = await runReplications(scenario, {
        replications,
        seed,
        parallelism,
        ...(inputs.feed === undefined ? {} : { incidents: inputs.feed.incidents }),
        onProgress: (p) => bar.update(p.fraction, `${p.done}/${p.total}`)
      })
    } catch (e) {
      bar.clear()
      throw e
    }
    bar.finish(`simulated ${replications} replication${replications > 1 ? "s" : ""} of ${scenario.days} days`)

    const title =
      `${scenario.name} · ${scenario.days} days from ${scenario.start} (${scenario.timeZone}) · seed ${seed}` +
      (inputs.feed === undefined
        ? ""
        : ` · replaying ${basename(inputs.feed.file)} (${inputs.feed.incidents.length} incidents)`) +
      (replications > 1 ? ` · ${replications} replications, figures are means ± 95 % half-width` : "")
    const summary = replications === 1 ? undefined : summarizeReplications(reports)
    const eventsFile = stringOption(values, "events")
    if (eventsFile !== undefined) writeEvents(io, scenario, seed, eventsFile, inputs)
    await emitReport(
      io,
      values,
      summary ?? reports[0]!,
      reportBlocks(
        title,
        summary === undefined ? { value: reports[0]! } : { value: summary.mean, halfWidth: summary.halfWidth95 }
      )
    )
    await emitHtml(io, values, title, { kind: "report", report: summary ?? reports[0]! })
    return EXIT_OK
  }
}
