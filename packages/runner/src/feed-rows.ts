import { isUtf8 } from "node:buffer"
import { EVENT_SCHEMAS, INCIDENT_ROW_COLUMNS, withLocalOffset } from "@igv/domain"
import {
  CsvSplitter,
  frameCsvRecords,
  MAX_RECORD_BYTES,
  type CsvSeparator,
  type FramedRecord,
  type SplitRecord
} from "./csv-records.js"
import { splitLines, type FeedLine } from "./feed-lines.js"
import { findJsonSyntaxError } from "./json-syntax.js"

/**
 * The one reader of feed bytes, for `igv validate`, `igv simulate --feed`, `igv ingest` and `POST /feed`: the
 * format comes from the content (never the file name), CSV is RFC 4180 (csv-records.ts), and every row comes out
 * as a record to decode or as a problem at its line. Messages never quote the feed: it may hold personal data.
 */

export type FeedFormat = "ndjson" | "csv"

/** The whole input is not a feed (or a CSV header cannot give a row): refused before any row is read. */
export class FeedFormatError extends Error {
  override readonly name = "FeedFormatError"
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`)
  }
}

/** Every field name the feed schema knows: incident rows, events, and the `type`/`at` of the wire form. */
export const FEED_FIELDS: ReadonlySet<string> = new Set([
  "type",
  "at",
  ...INCIDENT_ROW_COLUMNS,
  ...Object.values(EVENT_SCHEMAS).flatMap((s) => Object.keys(s.fields).filter((k) => k !== "_tag" && k !== "t"))
])

export type FeedRow =
  /** A record to decode: a JSON object, or a CSV row keyed by the header (numbers already numbers). */
  | { readonly kind: "record"; readonly line: number; readonly record: Record<string, unknown> }
  /** Split into fields but wrong before decoding; `record` holds the fields that can be told apart. */
  | {
      readonly kind: "rejected"
      readonly line: number
      readonly path: string
      readonly message: string
      readonly record: Record<string, unknown>
    }
  /** Cannot be split into fields at all; `bytes` is what is kept of it (at most its first KiB for long ones). */
  | { readonly kind: "unreadable"; readonly line: number; readonly message: string; readonly bytes: Buffer }

export interface FeedReadOptions {
  /** Rows longer than this are cut and kept as read (default `MAX_RECORD_BYTES`). */
  readonly maxRecordBytes?: number
  /**
   * Timestamps without an offset are local times in this zone (see `withLocalOffset`); without it they are refused,
   * as a local time is ambiguous across DST. An exported file's `2024-03-25 10:00` is then `…+01:00`.
   */
  readonly localTimeZone?: string
}

export interface FeedReading {
  readonly format: FeedFormat
  /** CSV only: the header's column names, trimmed. */
  readonly header?: ReadonlyArray<string>
  readonly rows: AsyncGenerator<FeedRow>
}

const REQUIRED_ROW_COLUMNS = INCIDENT_ROW_COLUMNS.filter((c) => c !== "unitsNeeded")
const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  "prio",
  "onSceneMinutes",
  "unitsNeeded",
  "plannedMinutes",
  "delayedMinutes"
])
const OPTIONAL_COLUMNS: ReadonlySet<string> = new Set(["unitsNeeded", "tag", "delayedMinutes"])
/** Digits, optionally a decimal point and more digits: no sign, hex, exponent, padding or leading zeros. */
const PLAIN_DECIMAL = /^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/
export const PLAIN_DECIMAL_RULE =
  "not a number in plain decimal digits (e.g. 2 or 12.5; no spaces, sign, exponent or hexadecimal)"
/**
 * The same with a decimal comma, as a spreadsheet set to Swedish writes it. Read only in CSV separated by
 * semicolons, which such a spreadsheet writes: with commas between fields, "1,234" could be a thousand.
 */
const DECIMAL_COMMA = /^(?:0|[1-9][0-9]*),[0-9]+$/
const DECIMAL_COMMA_RULE =
  "not a number in plain decimal digits (e.g. 2, 12.5 or 12,5; no spaces, sign, exponent or hexadecimal)"

const NEWLINE = 0x0a
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/** A null-prototype record: field names such as `__proto__` or `constructor` are plain keys. */
export const emptyRecord = (): Record<string, unknown> => Object.create(null) as Record<string, unknown>

/** The first non-blank line of what has been read, or undefined when it has not ended yet (and may go on). */
const firstLine = (head: Buffer, ended: boolean): Buffer | undefined => {
  let start = head.subarray(0, 3).equals(BOM) ? 3 : 0
  for (;;) {
    const nl = head.indexOf(NEWLINE, start)
    if (nl < 0) return ended || head.length - start > MAX_RECORD_BYTES ? head.subarray(start) : undefined
    const line = head.subarray(start, nl)
    if (line.toString("latin1").trim() !== "") return line
    start = nl + 1
  }
}

const count = (text: string, c: string): number => text.split(c).length - 1

/** The format of a feed from its first line; for CSV the field separator its header uses. */
const detect = (line: Buffer): { readonly format: FeedFormat; readonly separator: CsvSeparator } => {
  const text = line.toString("latin1").trimStart()
  if (text.startsWith("{")) return { format: "ndjson", separator: "," }
  if (!isUtf8(line))
    throw new FeedFormatError("the input is not text (it holds bytes that are not UTF-8), so neither NDJSON nor CSV")
  // A spreadsheet set to Swedish (decimal comma) exports CSV with semicolons between fields.
  const commas = count(text, ","),
    semicolons = count(text, ";")
  if (commas > 0 || semicolons > 0) return { format: "csv", separator: semicolons > commas ? ";" : "," }
  throw new FeedFormatError(
    `neither NDJSON (one JSON object per line) nor CSV (a header line such as ${INCIDENT_ROW_COLUMNS.join(",")}, or type,at,... for feed events)`
  )
}

/** A header that can never give a valid row would send every row to the quarantine: the input is refused instead. */
const checkHeader = (header: ReadonlyArray<string>, line: number): void => {
  const seen = new Set<string>()
  for (const h of header) {
    if (seen.has(h) && FEED_FIELDS.has(h)) throw new FeedFormatError(`the CSV header names the column ${h} twice`, line)
    seen.add(h)
  }
  if (header.includes("type") && header.includes("at")) return
  const missing = REQUIRED_ROW_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length > 0) {
    throw new FeedFormatError(
      `the CSV header lacks column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}; expected ${INCIDENT_ROW_COLUMNS.join(",")} (or type,at,... for feed events)`,
      line
    )
  }
}

/**
 * Reads the start of a feed to tell its format from the content, then gives its rows. Throws FeedFormatError
 * (before any row) for input that is neither NDJSON nor CSV, and for a CSV header without the needed columns.
 */
export async function readFeed(
  source: AsyncIterable<Buffer | string>,
  options: FeedReadOptions = {}
): Promise<FeedReading> {
  const { maxRecordBytes = MAX_RECORD_BYTES, localTimeZone } = options
  const reading = await readFeedRows(source, maxRecordBytes)
  return localTimeZone === undefined ? reading : { ...reading, rows: localTimeRows(reading.rows, localTimeZone) }
}

/** The fields of a feed record that hold a timestamp: an incident row's and an event's. */
const TIMESTAMP_FIELDS = ["registeredAt", "at"] as const

/**
 * The row with its timestamps without an offset given the offset they have in `timeZone`; a row whose local time the
 * clocks skipped or repeated is rejected at that field. A row rejected for another reason keeps what could be read,
 * so that its correction resubmits without the zone.
 */
export const withLocalTimes = (row: FeedRow, timeZone: string): FeedRow => {
  if (row.kind === "unreadable") return row
  let out: FeedRow = row
  for (const field of TIMESTAMP_FIELDS) {
    const value = row.record[field]
    const local = typeof value === "string" ? withLocalOffset(value, timeZone) : undefined
    if (local === undefined) continue
    if (local.ok) row.record[field] = local.text
    else if (out.kind === "record")
      out = { kind: "rejected", line: row.line, path: field, message: local.message, record: row.record }
  }
  return out
}

async function* localTimeRows(rows: AsyncGenerator<FeedRow>, timeZone: string): AsyncGenerator<FeedRow> {
  for await (const row of rows) yield withLocalTimes(row, timeZone)
}

async function readFeedRows(source: AsyncIterable<Buffer | string>, maxRecordBytes: number): Promise<FeedReading> {
  const iterator = source[Symbol.asyncIterator]()
  const head: Buffer[] = []
  let headBytes = 0,
    ended = false,
    line: Buffer | undefined
  while (line === undefined) {
    const next = await iterator.next()
    if (next.done === true) ended = true
    else {
      const chunk = typeof next.value === "string" ? Buffer.from(next.value, "utf8") : next.value
      head.push(chunk)
      headBytes += chunk.length
    }
    line = firstLine(Buffer.concat(head, headBytes), ended)
    if (ended && line === undefined) line = Buffer.alloc(0)
  }
  const { format, separator } =
    line.length === 0 ? { format: "ndjson" as const, separator: "," as const } : detect(line)
  async function* bytes(): AsyncGenerator<Buffer> {
    yield* head.map((c) => c)
    if (ended) return
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield typeof next.value === "string" ? Buffer.from(next.value, "utf8") : next.value
    }
  }
  if (format === "ndjson") return { format, rows: ndjsonRows(bytes(), maxRecordBytes) }
  const records = frameCsvRecords(withoutBom(bytes()), maxRecordBytes)
  const splitter = new CsvSplitter(maxRecordBytes, separator)
  const first = await firstSplit(records, splitter)
  if (first === undefined || !first.ok) throw new FeedFormatError("the CSV header cannot be split into column names")
  const header = first.cells.map((h) => h.trim())
  checkHeader(header, first.line)
  return { format, header, rows: csvRows(records, splitter, header, separator) }
}

async function* withoutBom(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let first = true
  for await (const chunk of chunks) {
    yield first && chunk.subarray(0, 3).equals(BOM) ? chunk.subarray(3) : chunk
    first = false
  }
}

/** The first record split; `records` stays open for the rest (a for-await that returns early would close it). */
async function firstSplit(records: AsyncGenerator<FramedRecord>, splitter: CsvSplitter) {
  for (let next = await records.next(); next.done !== true; next = await records.next()) {
    const [split] = splitter.push(next.value)
    if (split !== undefined) return split
  }
  return splitter.end()[0]
}

async function* ndjsonRows(chunks: AsyncIterable<Buffer>, maxRecordBytes: number): AsyncGenerator<FeedRow> {
  for await (const l of splitLines(chunks, maxRecordBytes)) {
    const row = ndjsonLineRow(l, maxRecordBytes)
    if (row !== undefined) yield row
  }
}

/** One NDJSON line as a row; blank lines are not rows. */
export const ndjsonLineRow = (l: FeedLine, maxRecordBytes = MAX_RECORD_BYTES): FeedRow | undefined => {
  if (l.kind === "too-long") {
    return {
      kind: "unreadable",
      line: l.line,
      bytes: l.bytes,
      message: `line is ${l.length} bytes, longer than the ${maxRecordBytes} allowed for a feed row; only its first ${l.bytes.length} bytes are kept`
    }
  }
  if (l.kind === "invalid-utf8")
    return { kind: "unreadable", line: l.line, bytes: l.bytes, message: "not valid UTF-8; the exact bytes are kept" }
  return l.text.trim() === "" ? undefined : ndjsonRow(l.line, l.text)
}

/** One NDJSON line as a row; syntax errors are described in our words (V8's may quote the line). */
export const ndjsonRow = (line: number, text: string): FeedRow => {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    const e = findJsonSyntaxError(text)
    const message = e === undefined ? "not valid JSON" : `not valid JSON (column ${e.offset + 1}): ${e.message}`
    return { kind: "unreadable", line, message, bytes: Buffer.from(text, "utf8") }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { kind: "unreadable", line, message: "expected a JSON object", bytes: Buffer.from(text, "utf8") }
  }
  return { kind: "record", line, record: value as Record<string, unknown> }
}

async function* csvRows(
  records: AsyncGenerator<FramedRecord>,
  splitter: CsvSplitter,
  header: ReadonlyArray<string>,
  separator: CsvSeparator
): AsyncGenerator<FeedRow> {
  const decimalComma = separator === ";"
  for await (const r of records) for (const split of splitter.push(r)) yield csvRow(split, header, decimalComma)
  for (const split of splitter.end()) yield csvRow(split, header, decimalComma)
}

const csvRow = (split: SplitRecord, header: ReadonlyArray<string>, decimalComma: boolean): FeedRow =>
  split.ok
    ? csvCells(split.line, header, split.cells, split.utf8, decimalComma)
    : { kind: "unreadable", line: split.line, message: split.message, bytes: split.bytes }

/** Numbers written with a decimal comma, with a point instead. */
const pointDecimals = (record: Record<string, unknown>): void => {
  for (const name of NUMERIC_COLUMNS) {
    const cell = record[name]
    if (typeof cell === "string" && DECIMAL_COMMA.test(cell)) record[name] = cell.replace(",", ".")
  }
}

/**
 * A CSV row's cells as a record keyed by the header. A row with more or fewer cells than the header keeps only
 * the schema fields whose position is certain: those left of every other column counted from the left, those
 * right of every other column counted from the right (an unquoted comma in an address shifts what follows it).
 * With `decimalComma` (a CSV separated by semicolons) numbers may have a decimal comma; the record holds them with
 * a point, so a row kept in the quarantine reads the same when resubmitted.
 */
export const csvCells = (
  line: number,
  header: ReadonlyArray<string>,
  cells: ReadonlyArray<string>,
  utf8 = true,
  decimalComma = false
): FeedRow => {
  const record = emptyRecord()
  if (cells.length !== header.length) {
    const firstOther = header.findIndex((h) => !FEED_FIELDS.has(h))
    const lastOther = header.findLastIndex((h) => !FEED_FIELDS.has(h))
    header.forEach((name, i) => {
      const at = firstOther < 0 || i < firstOther ? i : i > lastOther ? cells.length - (header.length - i) : -1
      if (FEED_FIELDS.has(name) && at >= 0 && at < cells.length) record[name] = cells[at]
    })
    if (decimalComma) pointDecimals(record)
    return {
      kind: "rejected",
      line,
      path: "",
      message: `expected ${header.length} columns as in the header, found ${cells.length}`,
      record
    }
  }
  header.forEach((name, i) => {
    record[name] = cells[i]
  })
  if (!utf8) {
    const bad = header.filter((h) => !isUtf8(Buffer.from(record[h] as string, "latin1")))
    for (const h of header) record[h] = Buffer.from(record[h] as string, "latin1").toString("utf8")
    return {
      kind: "rejected",
      line,
      path: "",
      message: `not valid UTF-8 in column${bad.length > 1 ? "s" : ""} ${bad.join(", ")}`,
      record
    }
  }
  if (decimalComma) pointDecimals(record)
  for (const name of header) {
    const cell = record[name] as string
    if (cell === "" && OPTIONAL_COLUMNS.has(name)) delete record[name]
    else if (NUMERIC_COLUMNS.has(name) && cell !== "") {
      if (!PLAIN_DECIMAL.test(cell))
        return {
          kind: "rejected",
          line,
          path: name,
          message: decimalComma ? DECIMAL_COMMA_RULE : PLAIN_DECIMAL_RULE,
          record
        }
      record[name] = Number(cell)
    }
  }
  return { kind: "record", line, record }
}
