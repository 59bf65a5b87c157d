import { localizeCell, translate, type Lang } from "./lang.js"

/**
 * One table of a report: a header and rows of cells as shown. The first column holds labels, the others
 * figures; `dataColumns` are those holding the data's own names and times (areas, tags, patrols, ids), which
 * are neither translated nor given a decimal comma.
 */
export interface Table {
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<ReadonlyArray<string>>
  readonly dataColumns?: ReadonlyArray<number>
}

/** What a report is made of: tables and lines of text between them (notes, titles, "not measured"). */
export type Block = string | Table

export const tableOf = (
  header: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  dataColumns?: ReadonlyArray<number>
): Table => (dataColumns === undefined ? { header, rows } : { header, rows, dataColumns })

/** A plain-text table: first column left-aligned, the rest right-aligned, two spaces between. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  textTable({ header, rows })

const textTable = (t: Table): string => {
  const all = [t.header, ...t.rows]
  const widths = t.header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)))
  const line = (r: ReadonlyArray<string>) =>
    r
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join("  ")
      .trimEnd()
  const rule = widths.map((w) => "─".repeat(w)).join("  ")
  return [line(t.header), rule, ...t.rows.map(line)].join("\n")
}

/** The table in a language: header and labels translated, numbers in its format; data names as they are. */
export const localizeTable = (t: Table, lang: Lang): Table => {
  const data = new Set(t.dataColumns)
  return {
    ...t,
    header: t.header.map((h) => translate(lang, h)),
    rows: t.rows.map((r) =>
      r.map((cell, c) => (data.has(c) ? cell : c === 0 ? translate(lang, cell) : localizeCell(lang, cell)))
    )
  }
}

/** The readable form of a report: its blocks, a blank line between. */
export const textBlocks = (blocks: ReadonlyArray<Block>, lang: Lang = "en"): string =>
  blocks.map((b) => (typeof b === "string" ? translate(lang, b) : textTable(localizeTable(b, lang)))).join("\n\n")
