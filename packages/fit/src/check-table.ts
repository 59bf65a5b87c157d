import type { CheckResult } from "./check.js"

const num = (x: number) => (Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(1) : x.toPrecision(3))

/** The check as a plain table: figure, observed, simulated mean, prediction interval, inside; then the summary. */
export function checkTable(result: CheckResult, title: string): string {
  const header = [
    "figure",
    "observed",
    "simulated mean",
    `${Math.round(result.nominal * 100)} % prediction interval`,
    "inside"
  ]
  const rows = result.rows.map((r) => [
    r.figure,
    num(r.observed),
    num(r.mean),
    `${num(r.low)} – ${num(r.high)}`,
    r.inside ? "yes" : "NO"
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
  const line = (cells: ReadonlyArray<string>) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ")
  const random = result.rows.filter((r) => r.varies)
  return [
    title,
    "",
    line(header),
    ...rows.map(line),
    "",
    `${result.rows.filter((r) => r.inside).length} of ${result.rows.length} figures inside their interval; ` +
      `of the ${random.length} that vary between runs, ${random.filter((r) => r.inside).length} inside ` +
      `(${result.replications} replications; nominal coverage ${Math.round(result.nominal * 1000) / 10} %)`
  ].join("\n")
}
