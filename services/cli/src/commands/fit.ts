import { DEFAULT_TIME_ZONE } from "@igv/domain"
import { fitWindow, NothingToFit, scenarioYaml } from "@igv/fit"
import { StoreMissing } from "@igv/event-store-url"
import { readWindowEvents } from "@igv/ingest"
import { FeedInvalid } from "@igv/runner"
import { stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command } from "../command.js"
import { checkOutFolder, emit } from "../output.js"
import { windowOf } from "../store-window.js"

export const fit: Command = {
  name: "fit",
  summary: "a scenario fitted from a recorded feed window: demand, on-scene times, travel, dimensioning, planned blocks",
  help: `Usage: igv fit --feed FILE|STORE [--from T] [--to T] [--area A] [--out scenario.yaml]

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

Options:
  --feed FILE|STORE   a feed file (NDJSON or CSV, every event kind) or a store: sqlite:PATH, a SQLite
                      file, kafka://HOST:PORT/TOPIC (never created)
  --from T, --to T    the window, from inclusive, to exclusive: 2024-03-01 (local midnight),
                      2024-03-01T06:00 (local time) or ISO 8601 with offset; by default the local days
                      from the first event to the last registration
  --area A            one area: its incidents, its patrols' dispatches, shifts and blocks
  --time-zone Z       local time of the profiles, shifts and blocks (default ${DEFAULT_TIME_ZONE})
  --name NAME         the scenario's name (default "fitted")
  --out FILE          write the scenario there (atomically); stdout otherwise

Examples:
  igv fit --feed simulations/feeds/sample.ndjson --out fitted.yaml
  igv fit --feed sqlite:./data/igv.db --from 2024-01-01 --to 2025-01-01 --out region.yaml

Exit codes: 0 written, 2 bad command line or a window with nothing to fit, 1 anything else.`,
  options: {
    feed: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    area: { type: "string" },
    "time-zone": { type: "string" },
    name: { type: "string" },
    out: { type: "string" }
  },
  run: async ({ values }, io) => {
    const feed = stringOption(values, "feed")
    if (feed === undefined) throw new UsageError("--feed FILE|STORE is required")
    const out = stringOption(values, "out")
    if (out !== undefined) checkOutFolder(out)
    const { window, timeZone } = windowOf(values)
    let events
    try {
      events = await readWindowEvents(feed, window)
    } catch (e) {
      if (e instanceof StoreMissing) throw new UsageError(`--feed: ${e.message}`)
      throw e
    }
    let result
    try {
      result = fitWindow(events, { ...window, timeZone })
    } catch (e) {
      if (e instanceof NothingToFit) throw new FeedInvalid({ file: feed, issues: [{ path: "", message: e.message }] })
      throw e
    }
    const fitted = result.streams.filter((s) => s.onScene?.fit !== undefined).length
    if (fitted === 0) {
      throw new FeedInvalid({ file: feed, issues: [{ path: "", message: `no demand stream could be fitted (${result.incidents} incidents; too few on-scene times in every area and priority)` }] })
    }
    await emit(io, scenarioYaml(result, stringOption(values, "name") ?? "fitted"), out)
    io.stderr.write(`fitted ${fitted} demand stream(s) from ${result.incidents} incidents (${result.events} events, ${result.days} days); not fitted:\n` +
      result.notFitted.map((n) => `  ${n.part}: ${n.reason}\n`).join(""))
    return EXIT_OK
  }
}
