/**
 * ClickHouse TabSeparated text for bulk inserts: the fastest input format 18.16 parses, and one stringify
 * fewer in Node than JSONEachRow. A field escapes backslash, tab, newline, carriage return and NUL as
 * ClickHouse's TSV reader expects (\\ \t \n \r \0); every other character is written as it is.
 */

const SPECIAL = /[\\\t\n\r\0]/
const SPECIAL_ALL = /[\\\t\n\r\0]/g
const ESCAPES: Readonly<Record<string, string>> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r", "\0": "\\0" }

export const tsvField = (s: string): string => (SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPES[c]!) : s)

/** One line (with its newline) from values in column order: strings escaped, numbers as decimal text. */
export const tsvLine = (values: ReadonlyArray<string | number>): string => {
  let line = ""
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!
    if (typeof v === "number" && !Number.isFinite(v)) throw new RangeError(`${v} cannot be written to a TSV field`)
    line += (i === 0 ? "" : "\t") + (typeof v === "string" ? tsvField(v) : String(v))
  }
  return line + "\n"
}

/** Reads a field back (the inverse of tsvField), for tests and tools. */
export const tsvUnescape = (field: string): string =>
  field.replace(/\\(.)/gs, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c === "r" ? "\r" : c === "0" ? "\0" : c))
