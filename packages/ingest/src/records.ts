import { csvRecord, decodeFeedRecord, INCIDENT_ROW_COLUMNS, splitCsvLine, type IgvEvent, type InputIssue } from "@igv/domain"
import { fastDecodeFeedRecord } from "./fast-decode.js"
import { DEFAULT_MAX_LINE_BYTES, KEPT_PREFIX_BYTES, type FeedLine } from "./lines.js"

export type FeedFormat = "ndjson" | "csv"

export const formatOf = (path: string): FeedFormat => (/\.csv$/i.test(path) ? "csv" : "ndjson")

/** A row that could not become an event, with everything needed to find, understand and correct it. */
export interface RejectedRow {
  readonly line: number
  /** The row as read (over-long rows: the first bytes only; invalid UTF-8: with U+FFFD where bytes were invalid). */
  readonly raw: string
  /** Exact bytes, base64, when `raw` cannot hold them (invalid UTF-8). */
  readonly rawBase64?: string
  /** One sentence a person can act on. */
  readonly reason: string
  readonly issues: ReadonlyArray<InputIssue>
  /** Set on CSV rows: the header the row is read against, so a corrected row can be decoded again. */
  readonly csvHeader?: ReadonlyArray<string>
}

export type RowOutcome =
  | { readonly kind: "event"; readonly line: number; readonly event: IgvEvent; readonly droppedFields: ReadonlyArray<string> }
  | { readonly kind: "rejected"; readonly row: RejectedRow }
  | { readonly kind: "skip" }

const LITERAL_MISS = /^Expected (.+), actual (.+)$/

/** Issues as one sentence; a union of literals ("Expected 1, actual 5" three times for a priority) becomes one issue. */
export function describeRowIssues(issues: ReadonlyArray<InputIssue>): string {
  const parts: string[] = []
  const literals = new Map<string, { expected: string[]; actual: string; at: number }>()
  for (const i of issues) {
    const m = LITERAL_MISS.exec(i.message)
    const seen = m === null ? undefined : literals.get(i.path)
    if (m !== null && seen !== undefined && seen.actual === m[2]) {
      seen.expected.push(m[1]!)
      continue
    }
    if (m !== null) literals.set(i.path, { expected: [m[1]!], actual: m[2]!, at: parts.length })
    parts.push(i.path === "" ? i.message : `${i.path}: ${i.message}`)
  }
  for (const [path, l] of literals) {
    if (l.expected.length > 1) parts[l.at] = `${path === "" ? "" : `${path}: `}expected one of ${l.expected.join(", ")}, got ${l.actual}`
  }
  return parts.slice(0, 5).join("; ") + (parts.length > 5 ? `; and ${parts.length - 5} more` : "")
}

const rejected = (line: number, raw: string, issues: ReadonlyArray<InputIssue>, extra: Partial<RejectedRow> = {}): RowOutcome =>
  ({ kind: "rejected", row: { line, raw, reason: describeRowIssues(issues), issues, ...extra } })

/** Decodes one NDJSON or CSV text row (the CSV header given) into an event or a rejection. */
export function decodeRow(line: number, text: string, csvHeader?: ReadonlyArray<string>): RowOutcome {
  let record: unknown
  if (csvHeader !== undefined) {
    const r = csvRecord(csvHeader, text)
    // csvRecord answers an InputIssue only on a column-count mismatch; a header never names both of its keys.
    if (!csvHeader.includes("message") && "message" in r && "path" in r) return rejected(line, text, [r as InputIssue], { csvHeader })
    record = r
  } else {
    try {
      record = JSON.parse(text)
    } catch (e) {
      return rejected(line, text, [{ path: "", message: `not valid JSON (${(e as Error).message})` }])
    }
  }
  const fast = fastDecodeFeedRecord(record)
  if (fast !== undefined) return { kind: "event", line, event: fast.event, droppedFields: fast.droppedFields }
  const decoded = decodeFeedRecord(record)
  if (!decoded.ok) return rejected(line, text, decoded.issues, csvHeader === undefined ? {} : { csvHeader })
  return { kind: "event", line, event: decoded.value.event, droppedFields: decoded.value.droppedFields }
}

export class FeedHeaderError extends Error {
  override readonly name = "FeedHeaderError"
}

const REQUIRED_ROW_COLUMNS = INCIDENT_ROW_COLUMNS.filter((c) => c !== "unitsNeeded")

/** A header that can never give a valid row would send every row to the quarantine: refuse the file instead. */
function checkCsvHeader(header: ReadonlyArray<string>, line: number): void {
  if (header.includes("type") && header.includes("at")) return
  const missing = REQUIRED_ROW_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) {
    throw new FeedHeaderError(`line ${line}: the CSV header lacks ${missing.join(", ")}; expected the columns ${INCIDENT_ROW_COLUMNS.join(",")} (or type,at,... for feed events)`)
  }
}

/**
 * Turns the lines of one feed into row outcomes. Blank lines are skipped (not rows); a CSV file's first
 * non-blank line is its header.
 */
export function rowDecoder(format: FeedFormat, maxLineBytes = DEFAULT_MAX_LINE_BYTES): (line: FeedLine) => RowOutcome {
  let header: ReadonlyArray<string> | undefined
  return (l) => {
    if (l.kind === "too-long") {
      return rejected(l.line, l.bytes.toString("utf8"), [{
        path: "",
        message: `line is ${l.length} bytes, longer than the ${maxLineBytes} allowed for a feed row; only its first ${KEPT_PREFIX_BYTES} bytes are kept`
      }], { rawBase64: l.bytes.toString("base64") })
    }
    if (l.kind === "invalid-utf8") {
      return rejected(l.line, l.bytes.toString("utf8"), [{ path: "", message: "not valid UTF-8; the exact bytes are kept in rawBase64" }], {
        rawBase64: l.bytes.toString("base64")
      })
    }
    if (l.text.trim() === "") return { kind: "skip" }
    if (format === "csv" && header === undefined) {
      header = splitCsvLine(l.text).map((h) => h.trim())
      checkCsvHeader(header, l.line)
      return { kind: "skip" }
    }
    return decodeRow(l.line, l.text, header)
  }
}
