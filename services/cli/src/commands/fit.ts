import { DEFAULT_TIME_ZONE } from "@igv/domain"
import {
  checkScenario,
  checkTable,
  DEFAULT_CHECK_REPLICATIONS,
  fitWindow,
  holdoutSplit,
  NothingToFit,
  scenarioYaml,
  type FitResult
} from "@igv/fit"
import { StoreMissing } from "@igv/event-store-url"
import { readWindowEvents } from "@igv/ingest"
import { decodeScenarioText, FeedInvalid, loadScenario, ScenarioInvalid, type LoadFeedOptions } from "@igv/runner"
import type { IgvEvent, Scenario } from "@igv/domain"
import { feedTimeZoneOption, intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command } from "../command.js"
import { checkOutFolder, emit } from "../output.js"
import { windowOf } from "../store-window.js"

export const fit: Command = {
  name: "fit",
  summary:
    "a scenario fitted from a recorded feed window: demand, on-scene times, travel, dimensioning, planned blocks",
  help: `Usage: igv fit --feed FILE|STORE [--from T] [--to T] [--area A] [--out scenario.yaml]
       igv fit --check scenario.yaml --feed FILE|STORE [--from T] [--to T] [--replications R]
       igv fit --feed FILE|STORE --holdout FRACTION --out scenario.yaml [--replications R]

Fits a scenario from what really happened in a window and writes it as commented YAML: every fitted
number has its sample size and 95 % uncertainty in a comment beside it, and what the window cannot give
is listed at the top with the reason (never invented). The file decodes as any scenario (igv validate).

  demand        per area and priority: calls per day, a rate per local hour of the week shrunk toward
                the area's daily shape where cells are sparse, a Poisson overdispersion test, and
                month-of-year factors (printed) over a window longer than a season
  on scene      per area and priority: empirical (100 quantiles) from 200 times up, else lognormal,
                with a Kolmogorov–Smirnov statistic; two-unit share; prio-3 share handled another way
  travel        per area pair, from dispatch to on scene
  dimensioning  patrols on duty per area, kind, weekday and quarter hour (from shift events)
  planned work  weekly planned-block templates (from planned-block events)
Rules are not fitted: the status quo is written. Only aggregates reach the file, never a feed value.

--check simulates the scenario R times over its own days and puts each report figure of what really
happened on those days (igv history's projection) beside the runs: observed, simulated mean, the
prediction interval from the runs (with R = 39 their smallest and largest value: 95 %), inside or not,
and how many figures fall inside. --holdout fits on the first part of the window and checks the
fitted scenario against the last FRACTION of its days (e.g. 0.25: 9 of 12 months fitted, 3 checked),
the honest test: the check then sees data the fit did not.

Options:
  --feed FILE|STORE   a feed file (NDJSON or CSV, every event kind) or a store: sqlite:PATH, a SQLite
                      file, kafka://HOST:PORT/TOPIC (never created)
  --from T, --to T    the window, from inclusive, to exclusive: 2024-03-01 (local midnight),
                      2024-03-01T06:00 (local time) or ISO 8601 with offset; by default the local days
                      from the first event to the last registration
  --area A            one area: its incidents, its patrols' dispatches, shifts and blocks
  --time-zone Z       local time of the profiles, shifts and blocks (default ${DEFAULT_TIME_ZONE}); given,
                      it is also the zone of a feed file's timestamps without an offset (as igv
                      ingest --time-zone reads them), which are refused when it is not given
  --name NAME         the scenario's name (default "fitted")
  --out FILE          write the scenario there (atomically); stdout otherwise
  --check FILE        check a scenario against the feed over the scenario's days (nothing is fitted)
  --holdout FRACTION  fit the window's first days, check the last FRACTION (0 < FRACTION < 1) of them
  --replications R    runs for the check (default ${DEFAULT_CHECK_REPLICATIONS})
  --seed N            the check's seed (default: the scenario's)

Examples:
  igv fit --feed simulations/feeds/sample.ndjson --out fitted.yaml
  igv fit --feed sqlite:./data/igv.db --from 2024-01-01 --to 2025-01-01 --out region.yaml
  igv fit --feed sqlite:./data/igv.db --holdout 0.25 --out region.yaml
  igv fit --check region.yaml --feed sqlite:./data/igv.db

Exit codes: 0 written or checked, 2 bad command line or a window with nothing to fit, 1 anything else.`,
  options: {
    feed: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    area: { type: "string" },
    "time-zone": { type: "string" },
    name: { type: "string" },
    out: { type: "string" },
    check: { type: "string" },
    holdout: { type: "string" },
    replications: { type: "string" },
    seed: { type: "string" }
  },
  run: async ({ values }, io) => {
    const feed = stringOption(values, "feed")
    if (feed === undefined) throw new UsageError("--feed FILE|STORE is required")
    const out = stringOption(values, "out"),
      checkFile = stringOption(values, "check"),
      holdout = holdoutOf(values)
    if (checkFile !== undefined && (holdout !== undefined || out !== undefined))
      throw new UsageError("--check checks a scenario as it is: it goes without --holdout and --out")
    if (holdout !== undefined && out === undefined)
      throw new UsageError("--holdout writes the fitted scenario with --out and prints the check")
    if (out !== undefined) checkOutFolder(out)
    const replications = intOption(values, "replications", 2, 10_000) ?? DEFAULT_CHECK_REPLICATIONS
    const seed = intOption(values, "seed", Number.MIN_SAFE_INTEGER)
    const check = { replications, ...(seed === undefined ? {} : { seed }) }
    const { window, timeZone } = windowOf(values)
    const events = await readEvents(feed, window, feedTimeZoneOption(values))
    if (checkFile !== undefined) {
      const { scenario } = await loadScenario(checkFile)
      await emit(
        io,
        checkTable(
          checkScenario(scenario, events, check),
          `check of ${checkFile} against ${feed} · ${scenario.start}, ${scenario.days} days`
        ),
        undefined
      )
      return EXIT_OK
    }
    const split =
      holdout === undefined ? undefined : fitting(feed, () => holdoutSplit(events, { ...window, timeZone }, holdout))
    if (holdout !== undefined && split === undefined)
      throw new UsageError("--holdout: the window has fewer than two days to split")
    const result = fitting(feed, () =>
      fitWindow(events, { ...window, ...(split === undefined ? {} : { from: split.from, to: split.split }), timeZone })
    )
    const text = scenarioYaml(result, stringOption(values, "name") ?? "fitted")
    await emit(io, text, out)
    summarise(io, result)
    if (split !== undefined && out !== undefined) {
      const decoded = decodeScenarioText(text, out)
      if (!decoded.ok) throw new ScenarioInvalid({ file: out, issues: decoded.issues })
      const held: Scenario = { ...decoded.value.scenario, start: split.checkStart, days: split.checkDays }
      await emit(
        io,
        checkTable(
          checkScenario(held, events, check),
          `hold-out check: fitted on ${result.start} + ${result.days} days, checked on ${split.checkStart} + ${split.checkDays} days`
        ),
        undefined
      )
    }
    return EXIT_OK
  }
}

const holdoutOf = (values: Parameters<typeof stringOption>[0]): number | undefined => {
  const text = stringOption(values, "holdout")
  if (text === undefined) return undefined
  const fraction = Number(text)
  if (!/^0?\.\d+$/.test(text) || !(fraction > 0 && fraction < 1))
    throw new UsageError(`--holdout "${text.slice(0, 20)}": a fraction of the window's days between 0 and 1, e.g. 0.25`)
  return fraction
}

const readEvents = async (
  feed: string,
  window: { from?: number; to?: number; area?: string },
  file: LoadFeedOptions
): Promise<IgvEvent[]> => {
  try {
    return await readWindowEvents(feed, window, file)
  } catch (e) {
    if (e instanceof StoreMissing) throw new UsageError(`--feed: ${e.message}`)
    throw e
  }
}

/** A window with nothing to fit is the feed's problem (exit 2), named without quoting it. */
const fitting = <T>(feed: string, f: () => T): T => {
  try {
    return f()
  } catch (e) {
    if (e instanceof NothingToFit) throw new FeedInvalid({ file: feed, issues: [{ path: "", message: e.message }] })
    throw e
  }
}

const summarise = (io: Parameters<Command["run"]>[1], result: FitResult): void => {
  const fitted = result.streams.filter((s) => s.onScene?.fit !== undefined).length
  io.stderr.write(
    `fitted ${fitted} demand stream(s) from ${result.incidents} incidents (${result.events} events, ${result.days} days); not fitted:\n` +
      result.notFitted.map((n) => `  ${n.part}: ${n.reason}\n`).join("")
  )
}
