import { dirname, join, resolve } from "node:path"
import { DEFAULT_TIME_ZONE, formatInstant, isValidTimeZone } from "@igv/domain"
import { isKafkaUrl, openStore, splitQuery, StoreMissing } from "@igv/event-store-url"
import { historyCheckpointName, HistoryView, parseWindowTime, unknownAreaProblem, type ReplayWindow } from "@igv/ingest"
import { sqlitePathFromUrl } from "@igv/event-store-sqlite"
import { fold, historyProjection } from "@igv/metrics"
import { flag, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command } from "../command.js"
import { reportTable } from "../format/report-table.js"
import { emit } from "../output.js"
import { STORE_HELP, storeUrlOf } from "./ingest.js"

/** Beside the SQLite file (so it goes where the data goes), or under ./data for Kafka. */
const defaultCheckpoint = (storeUrl: string, window: ReplayWindow): string => {
  const name = historyCheckpointName(storeUrl, window)
  return isKafkaUrl(storeUrl) ? resolve("data", "history", name) : join(dirname(resolve(sqlitePathFromUrl(storeUrl))), ".history", name)
}

export const history: Command = {
  name: "history",
  summary: "the report of what really happened: stored dispatches, shifts and planned blocks, as a simulation reports",
  help: `Usage: igv history [--store URL] [--from T] [--to T] [--area A] [options]

Folds the stored feed (actual incidents, dispatches, patrol shifts and planned blocks), ordered by
event time, through the same projection as a simulation and prints the same report, so a
simulation of the window can be compared with it column by column.

It first lists the event kinds the window holds. A figure whose events are absent is "not
measured" (null in JSON, and named in "missing"): a store of incidents alone has no dispatch,
arrival, shift or block events, so it measures how many calls came in and nothing else.

The view catches up: it keeps a checkpoint (the store position read up to, and the window's events
in time order) and after a restart reads only what was stored since. A late event is sorted into
place. --rebuild starts from position 0; the result is the same.

Options:
${STORE_HELP}
  --from T, --to T    the window, from inclusive, to exclusive: 2024-03-01 (local midnight),
                      2024-03-01T06:00 (local time) or ISO 8601 with offset
  --area A            one area: events naming it, its patrols' events, and dispatches to its incidents
  --time-zone Z       for the by-hour figures (default ${DEFAULT_TIME_ZONE})
  --rebuild           ignore the checkpoint and read the store from position 0
  --checkpoint FILE   where the view's checkpoint is kept (default: beside the SQLite file, or ./data/history)
  --json              print the report as JSON
  --out FILE          write the output to FILE (written whole, or not at all)

Examples:
  igv history --store sqlite:./data/igv.db --from 2024-03-01 --to 2024-04-01
  igv history --area lpo1 --json --out history-lpo1.json

Exit codes: 0 done, 2 bad command line (a store that does not exist, an area it holds no events of, an impossible
date), 1 anything else.`,
  options: {
    store: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    area: { type: "string" },
    "time-zone": { type: "string" },
    rebuild: { type: "boolean" },
    checkpoint: { type: "string" },
    json: { type: "boolean" },
    out: { type: "string" }
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io) => {
    const storeUrl = splitQuery(storeUrlOf(values)).url
    const window: { from?: number; to?: number; area?: string } = {}
    try {
      const from = stringOption(values, "from"), to = stringOption(values, "to"), area = stringOption(values, "area")
      if (from !== undefined) window.from = parseWindowTime(from, "--from")
      if (to !== undefined) window.to = parseWindowTime(to, "--to")
      if (area !== undefined) window.area = area
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
    if (window.from !== undefined && window.to !== undefined && window.to <= window.from) throw new UsageError("--to must be after --from")
    const timeZone = stringOption(values, "time-zone") ?? DEFAULT_TIME_ZONE
    if (!isValidTimeZone(timeZone)) throw new UsageError(`unknown time zone "${timeZone}"`)

    let store: Awaited<ReturnType<typeof openStore>>
    try {
      store = await openStore(storeUrl, { existing: true })
    } catch (e) {
      if (e instanceof StoreMissing) throw new UsageError(`--store: ${e.message}`)
      throw e
    }
    let caught: { readonly view: HistoryView } & Awaited<ReturnType<HistoryView["catchUp"]>>
    try {
      const unknownArea = window.area === undefined ? undefined : await unknownAreaProblem(store, window.area)
      if (unknownArea !== undefined) throw new UsageError(`--area: ${unknownArea}`)
      const view = HistoryView.open(stringOption(values, "checkpoint") ?? defaultCheckpoint(storeUrl, window), window)
      caught = { view, ...await view.catchUp(store, { rebuild: flag(values, "rebuild") }) }
    } finally {
      await store.close()
    }
    io.stderr.write(`${caught.rebuilt ? "read the store from position 0" : "caught up from the checkpoint"}: ${caught.read} new store events, ` +
      `${caught.taken} in the window${caught.reordered ? " (late events sorted into place)" : ""}\n`)
    const report = fold(historyProjection({ timeZone }), caught.view.eventsInArea())
    const span = [window.from === undefined ? "the beginning" : formatInstant(window.from, timeZone), window.to === undefined ? "now" : formatInstant(window.to, timeZone)]
    const title = `history of ${storeUrl}${window.area === undefined ? "" : ` · area ${window.area}`} · ${span[0]} to ${span[1]} · ${report.events} events`
    await emit(io, flag(values, "json") ? JSON.stringify(report, null, 2) : reportTable(title, { value: report }), stringOption(values, "out"))
    return EXIT_OK
  }
}
