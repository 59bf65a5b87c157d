/** A plain-text table: first column left-aligned, the rest right-aligned, two spaces between. */
export const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string => {
  const all = [header, ...rows]
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? "").length)))
  const line = (r: ReadonlyArray<string>) =>
    r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd()
  const rule = widths.map((w) => "─".repeat(w)).join("  ")
  return [line(header), rule, ...rows.map(line)].join("\n")
}

export const section = (title: string, body: string): string => `${title}\n${body}`
