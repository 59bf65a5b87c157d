import { formatInstant } from "@igv/domain"
import {
  combine,
  fold,
  gaveWayLogIn,
  interruptionLogIn,
  type GaveWayRecord,
  type InterruptionRecord
} from "@igv/metrics"
import { intOption, stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command, type Io, type OptionValues } from "../command.js"
import {
  interruptionSummary,
  interruptionTable,
  matchesInterruption,
  type InterruptionFilter
} from "../format/interruption-table.js"
import { emitReport, reportFormat, REPORT_OUTPUT_HELP, REPORT_OUTPUT_OPTIONS } from "../report-output.js"
import { readStoreWindow, windowOf } from "../store-window.js"
import { foldReplication, oneSource, SOURCE_OPTIONS } from "../replication-source.js"
import { checkFilterAgainstScenario } from "../scenario-filter.js"
import { storedInterruptions, withStoredRun } from "../stored-run.js"
import { STORE_HELP } from "./ingest.js"

interface Listed {
  readonly title: string
  readonly timeZone: string
  readonly rows: ReadonlyArray<InterruptionRecord>
  /** Blocks that gave way to dated events; a stored run keeps none (it stored the calls' interruptions only). */
  readonly gaveWay?: ReadonlyArray<GaveWayRecord>
}

/** Calls' interruptions and the blocks that gave way to dated events, in one pass. */
const bothLogs = (timeZone: string) => combine({ rows: interruptionLogIn(timeZone), gaveWay: gaveWayLogIn(timeZone) })

/** A scenario simulated once more, as replication N of `igv simulate` draws it. */
const fromScenario = async (values: OptionValues, file: string, io: Io): Promise<Listed> => {
  const { scenario, result, title } = await foldReplication(values, file, io, (sc) => {
    checkFilterAgainstScenario(sc, filterOf(values))
    return bothLogs(sc.timeZone)
  })
  return { title, timeZone: scenario.timeZone, ...result }
}

/** What really happened: the stored window's events through the same interruption log. */
const fromStore = async (values: OptionValues, io: Io): Promise<Listed> => {
  const { storeUrl, window, timeZone, events } = await readStoreWindow(values, io)
  const span = [
    window.from === undefined ? "the beginning" : formatInstant(window.from, timeZone),
    window.to === undefined ? "now" : formatInstant(window.to, timeZone)
  ]
  return {
    title: `history of ${storeUrl}${window.area === undefined ? "" : ` · area ${window.area}`} · ${span[0]} to ${span[1]}`,
    timeZone,
    ...fold(bothLogs(timeZone), events)
  }
}

/** A run the API completed on this store: the interruptions it stored for replication N. */
const fromRun = async (values: OptionValues, runId: string): Promise<Listed> => {
  const replication = intOption(values, "replication", 0, 99_999) ?? 0
  return withStoredRun(values, runId, async (store, run, storeUrl) => {
    const { timeZone, rows } = await storedInterruptions(store, run, replication)
    return { title: `run ${runId} of ${storeUrl} · replication ${replication}`, timeZone, rows }
  })
}

const filterOf = (values: OptionValues): InterruptionFilter => {
  const { window } = windowOf(values)
  const prio = intOption(values, "prio", 1, 3) as 1 | 2 | 3 | undefined
  const patrol = stringOption(values, "patrol"),
    tag = stringOption(values, "tag")
  return {
    ...window,
    ...(prio === undefined ? {} : { prio }),
    ...(patrol === undefined ? {} : { patrol }),
    ...(tag === undefined ? {} : { tag })
  }
}

export const interruptions: Command = {
  name: "interruptions",
  summary: "list every interruption of planned time: when, which patrol and block, which call, minutes lost",
  help: `Usage: igv interruptions (--scenario FILE [--replication N] | --store URL [--from T --to T] | --run ID [--store URL] [--replication N])
                         [--area A] [--prio P] [--patrol ID] [--tag T] [options]

Lists the interruptions of planned blocks in time order: local time, area, patrol, block, its tag (e.g. a
medborgarlöfte), the call that broke it, its priority and the minutes of the block it cost (until the block
resumed, or its planned end if it never did). A summary line counts them and adds the minutes up.

Sources (one of):
  --scenario, -s FILE a scenario (or preset) simulated as igv simulate does; --replication N picks which
                      replication (default 0, the one igv simulate reports with -r 1), --seed and --feed as there
  --store URL         what really happened in a stored window (--from, --to, --area as in igv history)
  --run ID            a run the API completed on this store (--store): the interruptions it stored for
                      replication N (--replication, default 0)

Filters (each given must match): --area A, --prio 1|2|3, --patrol ID, --tag T, --from T, --to T
(times: 2024-03-01, 2024-03-01T06:00 local, or ISO 8601 with an offset).

Options:
${STORE_HELP}
  --time-zone Z       for --store: local times in zone Z (default Europe/Stockholm)
${REPORT_OUTPUT_HELP}
                      (JSON: {source, filter, count, minutesLost, interruptions: [...]}, times also as minutes t)

Examples:
  igv interruptions -s lpo-sparse-status-quo --prio 3
  igv interruptions -s lpo-mid-proposed --replication 4 --patrol town-outskirts/igv/1 --csv --lang sv --out avbrott.csv
  igv interruptions --store sqlite:./data/igv.db --from 2024-03-01 --to 2024-03-08 --area lpo1 --json

Exit codes: 0 done, 2 bad input, 1 anything else.`,
  options: {
    ...SOURCE_OPTIONS,
    prio: { type: "string" },
    patrol: { type: "string" },
    tag: { type: "string" },
    ...REPORT_OUTPUT_OPTIONS
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io) => {
    reportFormat(values)
    const { scenario, run } = oneSource(values)
    if (
      scenario === undefined &&
      (values["replication"] !== undefined || values["seed"] !== undefined || values["feed"] !== undefined) &&
      run === undefined
    ) {
      throw new UsageError("--replication, --seed and --feed choose a simulation: they go with --scenario")
    }
    if (
      scenario !== undefined &&
      (values["rebuild"] !== undefined || values["checkpoint"] !== undefined || values["time-zone"] !== undefined)
    ) {
      throw new UsageError(
        "--rebuild, --checkpoint and --time-zone read a store: a scenario's times are in its own time zone"
      )
    }
    const filter = filterOf(values)
    const listed =
      scenario !== undefined
        ? await fromScenario(values, scenario, io)
        : run !== undefined
          ? await fromRun(values, run)
          : await fromStore(values, io)
    const calls = listed.rows.filter(matchesInterruption(filter))
    const gaveWay = (listed.gaveWay ?? []).filter(matchesInterruption(filter))
    const rows = [...calls, ...gaveWay].sort((a, b) => a.t - b.t)
    const summary = interruptionSummary(rows)
    const notStored =
      listed.gaveWay === undefined
        ? "\nblocks that gave way to dated events are not stored with a run: list them with --scenario"
        : ""
    await emitReport(
      io,
      values,
      {
        source: listed.title,
        filter,
        count: rows.length,
        minutesLost: rows.reduce((s, r) => s + r.minutesLost, 0),
        interruptions: calls,
        // Only when there are any, so a listing without dated events is what it was.
        ...(gaveWay.length > 0 ? { gaveWay } : {})
      },
      [`${listed.title}\n${summary}${notStored}`, interruptionTable(rows, listed.timeZone)]
    )
    return EXIT_OK
  }
}
