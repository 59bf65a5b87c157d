import { formatInstant, type Scenario } from "@igv/domain"
import { fold, type PatrolTimeline, patrolTimeline, type TimelineFilter } from "@igv/metrics"
import { intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command, type OptionValues } from "../command.js"
import { LANG_HELP, langOption } from "../format/lang.js"
import { emit } from "../output.js"
import { foldReplication, oneSource, SOURCE_OPTIONS } from "../replication-source.js"
import { checkFilterAgainstScenario } from "../scenario-filter.js"
import { readStoreWindow, windowOf } from "../store-window.js"
import { storedInterruptions, storedRunScenario, withStoredRun } from "../stored-run.js"
import { STORE_HELP } from "./ingest.js"

const MAX_DAYS = 7
/** A stored window is read this far beyond each edge, so bars that cross an edge are drawn whole (as the API does). */
const MARGIN_MINUTES = 24 * 60

/** What the file draws: where it comes from, the timeline, and for a simulation the rules behind its interruptions. */
interface Drawn {
  readonly source: string
  readonly timeline: PatrolTimeline & Partial<Pick<Scenario, "rules" | "ruleSets">> & { readonly recorded: boolean }
}

/** The rules behind a simulation's interruptions: `rules`, and the rule sets that replace them in some areas. */
const rulesOf = ({ rules, ruleSets }: Scenario) => ({ rules, ruleSets })

/** Replication N of a run the API completed on the store, simulated again as `GET /runs/:id/timeline` draws it. */
const fromRun = async (
  values: OptionValues,
  runId: string,
  filter: TimelineFilter & { from: number; to: number }
): Promise<Drawn> => {
  if (["seed", "feed", "time-zone", "rebuild", "checkpoint"].some((o) => values[o] !== undefined)) {
    throw new UsageError(
      "--seed, --feed, --time-zone, --rebuild and --checkpoint do not go with --run: it draws the run as it was made (its seed, window and scenario)"
    )
  }
  const replication = intOption(values, "replication", 0, 99_999) ?? 0
  return withStoredRun(values, runId, async (store, run) => {
    const { rows } = await storedInterruptions(store, run, replication)
    const scenario = await storedRunScenario(store, run)
    checkFilterAgainstScenario(scenario, filter)
    const { readTimeline, sameInterruptions } = await import("@igv/api")
    const drawn = await readTimeline(store, {
      source: "run",
      scenario,
      seed: run.seed,
      replication,
      ...(run.feed === undefined ? {} : { feed: run.feed }),
      filter
    })
    if (!sameInterruptions(rows, drawn, filter)) {
      throw new Error(
        `run ${runId} was made by another version of the simulator: simulated again, its interruptions differ from the stored ones; run the scenario again`
      )
    }
    return {
      source: `run ${runId} · ${run.scenarioId} v${run.version} · replication ${replication}`,
      timeline: { ...drawn, ...rulesOf(scenario), recorded: false }
    }
  })
}

export const timeline: Command = {
  name: "timeline",
  summary:
    "draw the Gantt chart per patrol (shifts, planned blocks, jobs, interruptions) as a self-contained HTML file",
  help: `Usage: igv timeline (--scenario FILE [--replication N] | --store URL | --run ID [--store URL] [--replication N]) --from T --to T
                    [--patrol ID[,ID…]] [--area A] [--lang sv|en] [--out FILE.html]

Writes the web page's interruption timeline as one HTML file that opens in any browser with no server or network:
per patrol its shift, each planned block as scheduled (dashed) and what was delivered of it, its jobs by
priority, and each interruption over the block time it cost; click one (or Tab to it and press Enter) for the
call (registered, dispatched, on scene, cleared), the block, the minutes lost and the rule that allowed it.
At most ${MAX_DAYS} days from --from to --to.

Sources (one of):
  --scenario, -s FILE a scenario (or preset) simulated as igv simulate does; --replication N (default 0), --seed
                      and --feed as there; the rule shown is the scenario's
  --store URL         what really happened in the stored window (read a day beyond each edge)
  --run ID            a run the API completed on this store (--store): replication N (--replication, default 0)
                      simulated again on the run's seed, scenario version and replayed window, and checked
                      against the interruptions the run stored; the rule shown is that scenario version's

Options:
${STORE_HELP}
  --patrol ID[,ID…]   only these patrols (default: every patrol in the window)
  --area A            only this area's patrols
${LANG_HELP}
  --out FILE          write the HTML to FILE (default: stdout)

Examples:
  igv timeline -s lpo-mid-proposed --from 2024-03-26 --to 2024-03-27 --lang sv --out tisdag.html
  igv timeline --store sqlite:./data/igv.db --from 2024-03-25 --to 2024-04-01 --area lpo1 --out vecka.html
  igv timeline --run run_0123456789abcdef --replication 3 --store sqlite:./data/igv.db --from 2024-03-26 --to 2024-03-27

Exit codes: 0 done, 2 bad input, 1 anything else.`,
  options: {
    ...SOURCE_OPTIONS,
    patrol: { type: "string" },
    lang: { type: "string" },
    out: { type: "string" }
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io) => {
    const lang = langOption(values)
    const { scenario: scenarioFile, run: runId } = oneSource(values)
    const { window } = windowOf(values)
    if (window.from === undefined || window.to === undefined)
      throw new UsageError("--from and --to are required: the day or week to draw")
    if (window.to - window.from > MAX_DAYS * 1440)
      throw new UsageError(`a timeline spans at most ${MAX_DAYS} days from --from to --to`)
    const patrols = stringOption(values, "patrol")
      ?.split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "")
    const filter: TimelineFilter & { from: number; to: number } = {
      from: window.from,
      to: window.to,
      ...(patrols === undefined ? {} : { patrols }),
      ...(window.area === undefined ? {} : { area: window.area })
    }
    let drawn: Drawn
    if (scenarioFile !== undefined) {
      if (values["time-zone"] !== undefined || values["rebuild"] !== undefined || values["checkpoint"] !== undefined) {
        throw new UsageError(
          "--time-zone, --rebuild and --checkpoint read a store: a scenario's times are in its own time zone"
        )
      }
      const { scenario, result, title } = await foldReplication(values, scenarioFile, io, (sc) => {
        checkFilterAgainstScenario(sc, filter)
        return patrolTimeline(filter, sc.timeZone)
      })
      drawn = { source: title, timeline: { ...result, ...rulesOf(scenario), recorded: false } }
    } else if (runId !== undefined) {
      drawn = await fromRun(values, runId, filter)
    } else {
      if (values["replication"] !== undefined || values["seed"] !== undefined || values["feed"] !== undefined) {
        throw new UsageError("--replication, --seed and --feed choose a simulation: they go with --scenario")
      }
      // The window without its area: the area picks patrols here, so their jobs in other areas stay on their bars.
      const widened = {
        ...values,
        from: formatInstant(window.from - MARGIN_MINUTES),
        to: formatInstant(window.to + MARGIN_MINUTES),
        area: undefined
      }
      const { storeUrl, timeZone, events } = await readStoreWindow(widened, io)
      drawn = {
        source: `history of ${storeUrl}`,
        timeline: { ...fold(patrolTimeline(filter, timeZone), events), recorded: true }
      }
    }
    const span = `${formatInstant(window.from)} – ${formatInstant(window.to)}`
    const { fileReportHtml } = await import("@igv/web")
    const html = fileReportHtml({
      title: `${drawn.source} · ${span}`,
      lang,
      data: {
        kind: "timeline",
        timeline: { source: drawn.source, from: window.from, to: window.to, ...drawn.timeline }
      }
    })
    io.stderr.write(
      `${drawn.timeline.patrols.length} patrols, ${drawn.timeline.jobs.length} jobs, ${drawn.timeline.interruptions.length} interruptions in ${span}\n`
    )
    await emit(io, html, stringOption(values, "out"))
    return EXIT_OK
  }
}
