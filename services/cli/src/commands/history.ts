import { DEFAULT_TIME_ZONE, formatInstant } from "@igv/domain"
import { fold, historyProjection } from "@igv/metrics"
import { EXIT_OK, type Command } from "../command.js"
import { reportBlocks } from "../format/report-table.js"
import { emitHtml, emitReport, REPORT_AND_HTML_HELP, REPORT_AND_HTML_OPTIONS, reportFormat } from "../report-output.js"
import { readStoreWindow, STORE_WINDOW_OPTIONS } from "../store-window.js"
import { STORE_HELP } from "./ingest.js"

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
${REPORT_AND_HTML_HELP}

Examples:
  igv history --store sqlite:./data/igv.db --from 2024-03-01 --to 2024-04-01
  igv history --area lpo1 --json --out history-lpo1.json

Exit codes: 0 done, 2 bad command line (a store that does not exist, an area it holds no events of, an impossible
date), 1 anything else.`,
  options: {
    ...STORE_WINDOW_OPTIONS,
    ...REPORT_AND_HTML_OPTIONS
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io) => {
    reportFormat(values)
    const { storeUrl, window, timeZone, events } = await readStoreWindow(values, io)
    const report = fold(historyProjection({ timeZone }), events)
    const span = [
      window.from === undefined ? "the beginning" : formatInstant(window.from, timeZone),
      window.to === undefined ? "now" : formatInstant(window.to, timeZone)
    ]
    const title = `history of ${storeUrl}${window.area === undefined ? "" : ` · area ${window.area}`} · ${span[0]} to ${span[1]} · ${report.events} events`
    await emitReport(io, values, report, reportBlocks(title, { value: report }))
    await emitHtml(io, values, title, { kind: "report", report })
    return EXIT_OK
  }
}
