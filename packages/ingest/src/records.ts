import { decodeFeedRecord, type IgvEvent, type InputIssue } from "@igv/domain"
import { csvCells, feedIssues, ndjsonRow, splitCsvText, type FeedFormat, type FeedRow } from "@igv/runner"
import { fastDecodeFeedRecord } from "./fast-decode.js"
import type { RejectedRow } from "./quarantine.js"

export type RowOutcome =
  | {
      readonly kind: "event"
      readonly line: number
      readonly event: IgvEvent
      readonly droppedFields: ReadonlyArray<string>
    }
  | { readonly kind: "rejected"; readonly row: RejectedRow }

/** Issues as one sentence (at most five named), never quoting the row's values. */
export function describeRowIssues(issues: ReadonlyArray<InputIssue>): string {
  const parts = issues.map((i) => (i.path === "" ? i.message : `${i.path}: ${i.message}`))
  return parts.slice(0, 5).join("; ") + (parts.length > 5 ? `; and ${parts.length - 5} more` : "")
}

const rejected = (
  line: number,
  format: FeedFormat,
  issues: ReadonlyArray<InputIssue>,
  from: Pick<RejectedRow, "fields" | "bytes">
): RowOutcome => ({ kind: "rejected", row: { line, format, reason: describeRowIssues(issues), issues, ...from } })

/** Decodes one row of a feed (as `readFeed` gives it) into an event or a rejection. */
export function decodeFeedRow(row: FeedRow, format: FeedFormat): RowOutcome {
  if (row.kind === "unreadable")
    return rejected(row.line, format, [{ path: "", message: row.message }], { bytes: row.bytes })
  if (row.kind === "rejected")
    return rejected(row.line, format, [{ path: row.path, message: row.message }], { fields: row.record })
  const fast = fastDecodeFeedRecord(row.record)
  if (fast !== undefined) return { kind: "event", line: row.line, event: fast.event, droppedFields: fast.droppedFields }
  const decoded = decodeFeedRecord(row.record)
  if (!decoded.ok) return rejected(row.line, format, feedIssues(decoded.issues), { fields: row.record })
  return { kind: "event", line: row.line, event: decoded.value.event, droppedFields: decoded.value.droppedFields }
}

/** Decodes one row given as text: JSON, or a CSV record read against `csvHeader` (a corrected quarantine row). */
export function decodeRow(line: number, text: string, csvHeader?: ReadonlyArray<string>): RowOutcome {
  if (csvHeader === undefined) return decodeFeedRow(ndjsonRow(line, text), "ndjson")
  const split = splitCsvText(text)
  if (!split.ok) return rejected(line, "csv", split.issues, { bytes: Buffer.from(text, "utf8") })
  return decodeFeedRow(csvCells(line, csvHeader, split.value), "csv")
}
