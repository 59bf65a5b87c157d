import { isUtf8 } from "node:buffer"
import { KEPT_PREFIX_BYTES, MAX_RECORD_BYTES } from "./csv-records.js"

/** Feed rows are a few hundred bytes; a line past this is not a row (a missing newline, a binary file) and is quarantined. */
export const DEFAULT_MAX_LINE_BYTES = MAX_RECORD_BYTES

/** One physical line of a feed, 1-based, without its line terminator. */
export type FeedLine =
  | { readonly kind: "text"; readonly line: number; readonly text: string }
  | { readonly kind: "invalid-utf8"; readonly line: number; readonly bytes: Buffer }
  | { readonly kind: "too-long"; readonly line: number; readonly bytes: Buffer; readonly length: number }

const NEWLINE = 0x0a
const CR = 0x0d

function classify(line: number, bytes: Buffer): FeedLine {
  let end = bytes.length
  if (end > 0 && bytes[end - 1] === CR) end -= 1
  let start = 0
  // A UTF-8 byte order mark on the first line (spreadsheet exports).
  if (line === 1 && end >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  const body = bytes.subarray(start, end)
  if (!isUtf8(body)) return { kind: "invalid-utf8", line, bytes: Buffer.from(body) }
  return { kind: "text", line, text: body.toString("utf8") }
}

/**
 * Splits a byte stream into lines in constant memory: at most one line (capped at `maxLineBytes`) and one chunk
 * are held at a time. An over-long line is cut to its first bytes and the rest skipped up to the next newline.
 * Invalid UTF-8 is reported per line, never replaced silently.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer | string>,
  maxLineBytes = DEFAULT_MAX_LINE_BYTES
): AsyncGenerator<FeedLine> {
  let line = 1
  let pending: Buffer[] = []
  let pendingBytes = 0
  let overLength = -1 // >= 0 while skipping the rest of an over-long line: its total length so far
  let kept: Buffer = Buffer.alloc(0)

  const keepPart = (part: Buffer) => {
    if (overLength >= 0) {
      overLength += part.length
      return
    }
    if (pendingBytes + part.length > maxLineBytes) {
      kept = Buffer.concat([...pending, part]).subarray(0, KEPT_PREFIX_BYTES)
      overLength = pendingBytes + part.length
      pending = []
      pendingBytes = 0
      return
    }
    pending.push(part)
    pendingBytes += part.length
  }
  const finish = (): FeedLine => {
    let out: FeedLine
    if (overLength >= 0) {
      out = { kind: "too-long", line, bytes: Buffer.from(kept), length: overLength }
      overLength = -1
      kept = Buffer.alloc(0)
    } else {
      out = classify(line, pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes))
      pending = []
      pendingBytes = 0
    }
    line += 1
    return out
  }

  for await (const raw of chunks) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : raw
    let start = 0
    for (let nl = chunk.indexOf(NEWLINE, start); nl >= 0; nl = chunk.indexOf(NEWLINE, start)) {
      keepPart(chunk.subarray(start, nl))
      yield finish()
      start = nl + 1
    }
    if (start < chunk.length) keepPart(Buffer.from(chunk.subarray(start)))
  }
  if (pendingBytes > 0 || overLength >= 0) yield finish()
}
