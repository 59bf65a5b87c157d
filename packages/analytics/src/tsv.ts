/**
 * Text for ClickHouse's TabSeparated input, the cheapest bulk format for both ends here (no quoting, no
 * re-escaping of JSON payloads). Only three characters are special inside a field: a backslash starts an
 * escape sequence, a tab ends the field, a newline ends the row; each is written as its escape.
 */
const SPECIAL = /[\\\t\n]/
const SPECIAL_ALL = /[\\\t\n]/g
const ESCAPE: Readonly<Record<string, string>> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n" }

export const tsvString = (s: string): string => (SPECIAL.test(s) ? s.replace(SPECIAL_ALL, (c) => ESCAPE[c]!) : s)

/**
 * A DateTime as unix seconds. ClickHouse 18.16 reads a bare number as a timestamp only when it has exactly
 * ten digits (shorter ones fail near the end of a body), so it is zero-padded; text dates would be read in the
 * server's time zone instead.
 */
export const tsvDateTime = (unixSeconds: number): string => {
  if (!Number.isInteger(unixSeconds) || unixSeconds < 0 || unixSeconds > 0xffffffff) {
    throw new RangeError(`DateTime out of range (0 … 4294967295 s): ${unixSeconds}`)
  }
  return String(unixSeconds).padStart(10, "0")
}
