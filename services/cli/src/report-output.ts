import { flag, stringOption } from "./args.js"
import { UsageError, type Io, type OptionValues } from "./command.js"
import { csvBlocks } from "./format/csv.js"
import { LANG_HELP, langOption, type Lang } from "./format/lang.js"
import { textBlocks, type Block } from "./format/table.js"
import { emit, writeOptionFile } from "./output.js"

/** The output options every command that prints a report takes. */
export const REPORT_OUTPUT_OPTIONS = {
  json: { type: "boolean" },
  csv: { type: "boolean" },
  lang: { type: "string" },
  out: { type: "string" }
} as const

export const REPORT_OUTPUT_HELP = `  --json              print the report as JSON
  --csv               print every table of the report as CSV (UTF-8 with a byte-order mark, so Excel keeps
                      å, ä, ö; comma-separated, or semicolon-separated with a decimal comma under --lang sv):
                      each table's header and rows, a blank line between tables, notes as rows of one field
${LANG_HELP}
  --out FILE          write the output to FILE instead of stdout (written whole, or not at all)`

export type ReportFormat = { readonly kind: "json" } | { readonly kind: "csv" | "text"; readonly lang: Lang }

/** Checked before any work, so a long run never ends in "--json and --csv together". */
export const reportFormat = (values: OptionValues): ReportFormat => {
  const json = flag(values, "json"),
    csv = flag(values, "csv")
  if (json && csv) throw new UsageError("--json and --csv: choose one")
  if (json) {
    if (values["lang"] !== undefined && values["html"] === undefined)
      throw new UsageError(
        "--lang changes the readable and CSV output; JSON is the same in every language, drop --lang or --json"
      )
    return { kind: "json" }
  }
  return { kind: csv ? "csv" : "text", lang: langOption(values) }
}

/** The finished report in the format asked for, to stdout or `--out`. */
export const emitReport = async (
  io: Io,
  values: OptionValues,
  json: unknown,
  blocks: ReadonlyArray<Block>
): Promise<void> => {
  const format = reportFormat(values)
  const text =
    format.kind === "json"
      ? JSON.stringify(json, null, 2)
      : format.kind === "csv"
        ? csvBlocks(blocks, format.lang)
        : textBlocks(blocks, format.lang)
  await emit(io, text, stringOption(values, "out"))
}

const HTML_OPTION = { html: { type: "string" } } as const
const HTML_HELP = `  --html FILE         also write a self-contained HTML report with its charts, in --lang (one file that opens in
                      any browser with no server or network: to mail to a chief)`

/** The output options of simulate, compare, history and report: a report, and `--html FILE` besides it. */
export const REPORT_AND_HTML_OPTIONS = { ...REPORT_OUTPUT_OPTIONS, ...HTML_OPTION } as const
export const REPORT_AND_HTML_HELP = `${REPORT_OUTPUT_HELP}\n${HTML_HELP}`

/** With `--html FILE`: the report's data and the page's chart code in one file. @igv/web is loaded only then. */
export const emitHtml = async (
  io: Io,
  values: OptionValues,
  title: string,
  data: { readonly kind: "report" | "comparison" | "timeline" } & Record<string, unknown>
): Promise<void> => {
  const file = stringOption(values, "html")
  if (file === undefined) return
  const { fileReportHtml } = await import("@igv/web")
  await writeOptionFile("--html", file, fileReportHtml({ title, lang: langOption(values), data }))
  io.stderr.write(`wrote ${file}\n`)
}
