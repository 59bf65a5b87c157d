import { translate, type Lang } from "./lang.js"
import { localizeTable, type Block } from "./table.js"

/**
 * Excel reads a CSV as UTF-8 only when it starts with a byte-order mark; without it å, ä and ö come out garbled.
 * Swedish Excel splits on semicolons (the comma is the decimal sign), so Swedish CSV uses them.
 */
const BOM = "\uFEFF"
export const csvDelimiter = (lang: Lang): string => (lang === "sv" ? ";" : ",")

/** RFC 4180: a field with the delimiter, a quote or a line break is quoted, quotes doubled. */
const field = (text: string, delimiter: string): string =>
  text.includes(delimiter) || /["\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text

/** Rows as CSV text with CRLF line ends, the header first. */
export const csvRows = (rows: ReadonlyArray<ReadonlyArray<string>>, lang: Lang): string => {
  const d = csvDelimiter(lang)
  return BOM + rows.map((r) => `${r.map((c) => field(c, d)).join(d)}\r\n`).join("")
}

/**
 * A report as one CSV file: each table's header and rows, a blank line between tables, and each line of text
 * (title, notes, "not measured") as a row of one field, so nothing the readable report says is dropped.
 */
export const csvBlocks = (blocks: ReadonlyArray<Block>, lang: Lang): string => {
  const rows: Array<ReadonlyArray<string>> = []
  blocks.forEach((b, i) => {
    if (i > 0) rows.push([])
    if (typeof b === "string") for (const line of translate(lang, b).split("\n")) rows.push([line])
    else {
      const t = localizeTable(b, lang)
      rows.push(t.header, ...t.rows)
    }
  })
  return csvRows(rows, lang)
}
