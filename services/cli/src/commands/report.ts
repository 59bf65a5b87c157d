import { stringOption } from "../args.js"
import { EXIT_OK, UsageError, type Command } from "../command.js"
import { reportBlocks } from "../format/report-table.js"
import { emitHtml, emitReport, REPORT_AND_HTML_HELP, REPORT_AND_HTML_OPTIONS, reportFormat } from "../report-output.js"
import { storedReport, withStoredRun } from "../stored-run.js"
import { STORE_HELP } from "./ingest.js"

export const report: Command = {
  name: "report",
  summary: "the report of a run the API completed, read from its store: readable, --json, --csv or --html",
  help: `Usage: igv report --run ID [--store URL] [options]

Prints the report a run of the API (or of igv serve) stored when it completed, as igv simulate prints
one: a single replication's figures, or the mean ± 95 % half-width over its replications. Nothing is
simulated again. With --html FILE, the same report with its charts in one file to mail.

Options:
  --run ID            the run (run_ and 16 hex digits, as the API gives it)
${STORE_HELP}
${REPORT_AND_HTML_HELP}

Examples:
  igv report --run run_0123456789abcdef --store sqlite:./data/igv.db --lang sv --html körning.html

Exit codes: 0 done, 2 bad command line (no such run, a run not completed, a store that does not exist), 1 anything else.`,
  options: {
    run: { type: "string" },
    store: { type: "string" },
    ...REPORT_AND_HTML_OPTIONS
  },
  positionals: { min: 0, max: 0 },
  run: async ({ values }, io) => {
    reportFormat(values)
    const runId = stringOption(values, "run")
    if (runId === undefined) throw new UsageError("--run ID is required: the run whose report to print")
    const { run, stored, storeUrl } = await withStoredRun(values, runId, async (store, run, storeUrl) => ({
      run,
      stored: await storedReport(store, run),
      storeUrl
    }))
    const title = `run ${runId} of ${storeUrl} · ${run.scenarioId} v${run.version} · seed ${run.seed} · ${run.replications} replication${run.replications === 1 ? "" : "s"}`
    await emitReport(
      io,
      values,
      stored,
      reportBlocks(title, "mean" in stored ? { value: stored.mean, halfWidth: stored.halfWidth95 } : { value: stored })
    )
    await emitHtml(io, values, title, { kind: "report", report: stored })
    return EXIT_OK
  }
}
