import { isUtf8 } from "node:buffer"
import { Parser, type CsvError } from "csv-parse"
import { parse as parseSync } from "csv-parse/sync"
import type { Decoded } from "@igv/domain"

/**
 * RFC 4180 CSV in constant memory. Records are framed first: a line break ends a record only when the quotes
 * seen since the record began are balanced (in RFC 4180 a quoted field may hold line breaks, and `""` inside it
 * is one quote, so quote parity is exactly "inside a quoted field"). Framing knows each record's first line and
 * size, so a record over the limit is cut and skipped to its end without being held, and a malformed record is
 * quarantined alone: the next record starts where the framing says, never in the middle of someone's free text.
 * Each framed record is then split into fields by csv-parse, which also rejects malformed quoting.
 */

/** A record past this is not a feed row (a quote left open, a binary file) and is quarantined. */
export const MAX_RECORD_BYTES = 64 * 1024
/** How much of a record that cannot be split the quarantine keeps. */
export const KEPT_PREFIX_BYTES = 4 * 1024

const NEWLINE = 0x0a
const QUOTE = 0x22

/** One record of a CSV byte stream, as framed, before it is split into fields. */
export type FramedRecord =
  | { readonly kind: "record"; readonly line: number; readonly lastLine: number; readonly bytes: Buffer }
  | {
      readonly kind: "too-long"
      readonly line: number
      readonly bytes: Buffer
      readonly length: number
      readonly unclosed: boolean
    }
  | { readonly kind: "unclosed"; readonly line: number; readonly bytes: Buffer }

const isBlank = (bytes: Buffer): boolean => {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== NEWLINE) return false
  return true
}

/** Splits a CSV byte stream into records by quote parity; blank lines are skipped (they are not records). */
export async function* frameCsvRecords(
  chunks: AsyncIterable<Buffer>,
  maxRecordBytes = MAX_RECORD_BYTES
): AsyncGenerator<FramedRecord> {
  let line = 1
  let first = 1
  let parts: Buffer[] = []
  let size = 0
  let quoted = false
  let kept: Buffer | undefined // set once the record is over the limit: its first bytes
  const take = (part: Buffer) => {
    if (kept === undefined && size + part.length > maxRecordBytes) {
      kept = Buffer.concat([...parts, part]).subarray(0, KEPT_PREFIX_BYTES)
      parts = []
    } else if (kept === undefined) parts.push(part)
    size += part.length
  }
  const finish = (): FramedRecord | undefined => {
    let out: FramedRecord | undefined
    if (kept !== undefined)
      out = { kind: "too-long", line: first, bytes: Buffer.from(kept), length: size, unclosed: quoted }
    else if (quoted) out = { kind: "unclosed", line: first, bytes: Buffer.concat(parts).subarray(0, KEPT_PREFIX_BYTES) }
    else {
      const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size)
      if (!isBlank(bytes)) out = { kind: "record", line: first, lastLine: line, bytes: Buffer.from(bytes) }
    }
    parts = []
    size = 0
    kept = undefined
    quoted = false
    return out
  }
  for await (const chunk of chunks) {
    let start = 0
    while (start < chunk.length) {
      const nl = chunk.indexOf(NEWLINE, start)
      const end = nl < 0 ? chunk.length : nl + 1
      for (let q = chunk.indexOf(QUOTE, start); q >= 0 && q < end; q = chunk.indexOf(QUOTE, q + 1)) quoted = !quoted
      take(chunk.subarray(start, end))
      start = end
      if (nl < 0) break
      if (!quoted) {
        const out = finish()
        if (out !== undefined) yield out
        first = line + 1
      }
      line += 1
    }
  }
  if (size > 0) {
    const out = finish()
    if (out !== undefined) yield out
  }
}

/** A framed record split into fields, or why it cannot be. */
export type SplitRecord =
  | { readonly ok: true; readonly line: number; readonly cells: ReadonlyArray<string>; readonly utf8: boolean }
  | { readonly ok: false; readonly line: number; readonly bytes: Buffer; readonly message: string }

const QUOTE_PROBLEMS: Readonly<Record<string, string>> = {
  CSV_INVALID_CLOSING_QUOTE:
    "a quoted field is followed by something other than the field separator or the end of the record",
  INVALID_OPENING_QUOTE: "a quote inside an unquoted field (quote the whole field and double the quote)",
  CSV_QUOTE_NOT_CLOSED: "a quoted field is not closed"
}

export type CsvSeparator = "," | ";"

/** csv-parse reads bytes as latin1 (one character per byte), so invalid UTF-8 is found, never replaced. */
const PARSER_OPTIONS = {
  encoding: "latin1",
  bom: false,
  relax_column_count: true,
  skip_empty_lines: true,
  record_delimiter: ["\r\n", "\n"]
} as const

const NON_ASCII = /[\u0080-\u00ff]/
const utf8Cell = (cell: string): string => (NON_ASCII.test(cell) ? Buffer.from(cell, "latin1").toString("utf8") : cell)

/**
 * Splits framed records into fields with one csv-parse stream. The parser looks a few bytes ahead, so a record
 * comes out when the next one goes in; records wait in a queue meanwhile. A parser that met malformed quoting
 * is replaced, and the records after the broken one are fed again to the new one.
 */
export class CsvSplitter {
  private parser!: Parser
  /** Framed records not yet split, in input order (unsplittable ones wait too, so rows come out in order). */
  private readonly queue: FramedRecord[] = []
  private readonly out: SplitRecord[] = []

  /** `separator`: "," (RFC 4180), or ";" as a spreadsheet set to Swedish writes CSV. */
  constructor(
    private readonly maxRecordBytes = MAX_RECORD_BYTES,
    private readonly separator: CsvSeparator = ","
  ) {
    this.reset()
  }

  private reset(): void {
    // The parser is also a stream: its own options reach the stream, where a high mark keeps every record readable at once.
    this.parser = new Parser({
      ...PARSER_OPTIONS,
      delimiter: this.separator,
      record_delimiter: [...PARSER_OPTIONS.record_delimiter],
      readableHighWaterMark: 1 << 30
    } as ConstructorParameters<typeof Parser>[0])
    this.parser.on("error", () => undefined) // read synchronously from `errored` below
  }

  /** Feeds one framed record; returns the records split so far, in input order (possibly none yet). */
  push(record: FramedRecord): SplitRecord[] {
    this.queue.push(record)
    if (record.kind === "record") this.write(record.bytes)
    else this.release()
    return this.out.splice(0)
  }

  /** The records still waiting for the parser's look-ahead. */
  end(): SplitRecord[] {
    // Blank lines give the parser its look-ahead and are skipped by it; the parser is not reused after this.
    if (this.queue.some((r) => r.kind === "record")) this.write(Buffer.from("\n\n\n"))
    this.release()
    return this.out.splice(0)
  }

  /** Emits the unsplittable records at the head of the queue. */
  private release(): void {
    while (this.queue.length > 0 && this.queue[0]!.kind !== "record")
      this.out.push(this.unsplittable(this.queue.shift()!))
  }

  private unsplittable(r: FramedRecord, quoteProblem?: string): SplitRecord {
    const message =
      r.kind === "record"
        ? (quoteProblem ?? "the record cannot be split into fields")
        : r.kind === "unclosed" || r.unclosed
          ? "a quote opened in this record is never closed, so the record runs to the end of the input"
          : `the record is ${r.length} bytes, longer than the ${this.maxRecordBytes} allowed for a feed row; only its first ${KEPT_PREFIX_BYTES} bytes are kept`
    return { ok: false, line: r.line, bytes: r.bytes.subarray(0, KEPT_PREFIX_BYTES), message }
  }

  private write(bytes: Buffer): void {
    this.parser.write(bytes)
    for (
      let cells = this.parser.read() as string[] | null;
      cells !== null;
      cells = this.parser.read() as string[] | null
    ) {
      this.release()
      const record = this.queue.shift()
      if (record === undefined) throw new Error("csv-parse gave more records than were framed")
      const utf8 = isUtf8(record.bytes)
      this.out.push({ ok: true, line: record.line, cells: utf8 ? cells.map(utf8Cell) : cells, utf8 })
    }
    const error = this.parser.errored as CsvError | null
    if (error === null) return
    // The record the error is in: by its line, else the oldest one not yet split.
    const errorLine = typeof error.lines === "number" ? error.lines : -1
    const at = this.queue.findIndex((r) => r.kind === "record" && r.line <= errorLine && errorLine <= r.lastLine)
    const pending = this.queue.splice(0)
    const broken = at < 0 ? pending.findIndex((r) => r.kind === "record") : at
    this.reset()
    pending.forEach((r, i) => {
      if (i === broken) this.out.push(this.unsplittable(r, QUOTE_PROBLEMS[error.code]))
      else if (i < broken) this.out.push(this.unsplittable(r))
      else {
        this.queue.push(r)
        if (r.kind === "record") this.write(r.bytes)
      }
    })
    this.release()
  }
}

/** Splits one CSV record given as text (a corrected quarantine row) into fields, or says why it cannot. */
export const splitCsvText = (text: string): Decoded<ReadonlyArray<string>> => {
  const problem = (message: string): Decoded<ReadonlyArray<string>> => ({ ok: false, issues: [{ path: "", message }] })
  try {
    const records = parseSync(text, { relax_column_count: true, skip_empty_lines: true }) as string[][]
    if (records.length !== 1) return problem(`expected one CSV record, found ${records.length}`)
    return { ok: true, value: records[0]! }
  } catch (e) {
    return problem(QUOTE_PROBLEMS[(e as CsvError).code] ?? "the record cannot be split into fields")
  }
}
