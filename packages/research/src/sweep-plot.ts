import type { Factor } from "./design.js"
import { valueText, type SweepRow } from "./sweep.js"

/** What the page says about the sweep, above its charts. */
export interface SweepPlotInfo {
  readonly scenario: string
  readonly replications: number
  readonly seed: number
}

const WIDTH = 460
const HEIGHT = 260
const MARGIN = { left: 64, right: 16, top: 12, bottom: 44 }

const escapeHtml = (s: string): string =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;")

/** A figure in a few significant digits, as a label (the table below the charts has them in full). */
const short = (v: number): string => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(4)).toString())

/** About `count` round tick values covering [lo, hi]. */
const ticks = (lo: number, hi: number, count = 5): Array<number> => {
  const raw = (hi - lo) / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw
  const out: Array<number> = []
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Number(t.toPrecision(12)))
  return out
}

/** A range with room around it; a single value gets a range of its own. */
const padded = (values: ReadonlyArray<number>): [number, number] => {
  const lo = Math.min(...values),
    hi = Math.max(...values)
  const pad = hi > lo ? (hi - lo) * 0.06 : Math.abs(lo) * 0.1 || 1
  return [lo - pad, hi + pad]
}

/** The x position of each point along one factor: its value when every value is a number, else its level's place. */
const xAxis = (factor: Factor, rows: ReadonlyArray<SweepRow>) => {
  const span = WIDTH - MARGIN.left - MARGIN.right
  const values = rows.map((r) => r.values[factor.path])
  if (values.every((v) => typeof v === "number")) {
    const [lo, hi] = padded(values as Array<number>)
    const at = (v: number) => MARGIN.left + ((v - lo) / (hi - lo)) * span
    return {
      of: (v: unknown) => at(v as number),
      ticks: ticks(lo, hi)
        .filter((t) => t >= lo && t <= hi)
        .map((t) => ({ x: at(t), label: short(t) }))
    }
  }
  const levels = [...new Set([...factor.levels, ...values].map(valueText))]
  const at = (i: number) => MARGIN.left + ((i + 0.5) / levels.length) * span
  return { of: (v: unknown) => at(levels.indexOf(valueText(v))), ticks: levels.map((l, i) => ({ x: at(i), label: l })) }
}

/** One chart: a metric's mean (a dot) and 95 % interval (a bar) at every point, against one factor. */
const panel = (factor: Factor, metric: string, rows: ReadonlyArray<SweepRow>): string => {
  const measured = rows.filter((r) => r.metrics[metric]!.mean !== null)
  const title = `<h3>${escapeHtml(metric)} against ${escapeHtml(factor.path)}</h3>`
  if (measured.length === 0) return `<figure>${title}<p>not measured at any point</p></figure>`
  const figure = (r: SweepRow) => r.metrics[metric]!
  const [lo, hi] = padded(
    measured.flatMap((r) => {
      const f = figure(r)
      return [f.mean! - (f.halfWidth ?? 0), f.mean! + (f.halfWidth ?? 0)]
    })
  )
  const y = (v: number) => HEIGHT - MARGIN.bottom - ((v - lo) / (hi - lo)) * (HEIGHT - MARGIN.top - MARGIN.bottom)
  const x = xAxis(factor, rows)
  const marks = measured.map((r) => {
    const f = figure(r),
      cx = x.of(r.values[factor.path]).toFixed(1)
    const settings = Object.entries(r.values)
      .map(([p, v]) => `${p} = ${valueText(v)}`)
      .join(", ")
    const interval =
      f.halfWidth === null
        ? ""
        : `<line x1="${cx}" x2="${cx}" y1="${y(f.mean! - f.halfWidth).toFixed(1)}" y2="${y(f.mean! + f.halfWidth).toFixed(1)}"/>`
    const tip = `point ${r.point} (${settings}): ${f.mean}${f.halfWidth === null ? ", no interval" : ` ± ${f.halfWidth}`}`
    return `<g class="mark" data-point="${r.point}">${interval}<circle cx="${cx}" cy="${y(f.mean!).toFixed(1)}" r="3.5"/><title>${escapeHtml(tip)}</title></g>`
  })
  const bottom = HEIGHT - MARGIN.bottom
  const xTicks = x.ticks.map(
    (t) => `<text x="${t.x.toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${escapeHtml(t.label)}</text>`
  )
  const yTicks = ticks(lo, hi)
    .filter((t) => t >= lo && t <= hi)
    .map(
      (t) =>
        `<text x="${MARGIN.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${short(t)}</text><line class="grid" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/>`
    )
  const missing = rows.length - measured.length
  const notes = [
    missing > 0 ? `${missing} of ${rows.length} points not measured (not drawn)` : "",
    measured.some((r) => figure(r).halfWidth === null) ? "a dot without a bar: no interval (one replication)" : ""
  ].filter((n) => n !== "")
  return (
    `<figure>${title}<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeHtml(`${metric} against ${factor.path}`)}">` +
    `${yTicks.join("")}<line class="axis" x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${bottom}" y2="${bottom}"/>${xTicks.join("")}` +
    `<text x="${(MARGIN.left + WIDTH - MARGIN.right) / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(factor.path)}</text>${marks.join("")}</svg>` +
    `${notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("")}</figure>`
  )
}

const table = (
  factors: ReadonlyArray<Factor>,
  metrics: ReadonlyArray<string>,
  rows: ReadonlyArray<SweepRow>
): string => {
  const cell = (v: number | null) => `<td>${v === null ? "not measured" : String(v)}</td>`
  const head = [
    "point",
    ...factors.map((f) => f.path),
    "replications",
    ...metrics.flatMap((m) => [`${m} mean`, `${m} ±95 %`])
  ]
  const body = rows.map(
    (r) =>
      `<tr><td>${r.point}</td>${factors.map((f) => `<td>${escapeHtml(valueText(r.values[f.path]))}</td>`).join("")}<td>${r.replications}</td>` +
      `${metrics.map((m) => cell(r.metrics[m]!.mean) + (r.metrics[m]!.halfWidth === null ? "<td></td>" : cell(r.metrics[m]!.halfWidth))).join("")}</tr>`
  )
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${body.join("")}</tbody></table>`
}

/**
 * A self-contained page (no script, nothing fetched): for each metric and each varied setting, a chart of the
 * metric's mean at every point (a dot) and its 95 % interval over the replications (a bar), then the table.
 * With several factors each chart has every point, the others' values in the dot's tooltip.
 */
export const sweepHtml = (
  factors: ReadonlyArray<Factor>,
  metrics: ReadonlyArray<string>,
  rows: ReadonlyArray<SweepRow>,
  info: SweepPlotInfo
): string => {
  const title = `Sweep of ${info.scenario}`
  const sections = metrics.map(
    (m) => `<section><h2>${escapeHtml(m)}</h2>${factors.map((f) => panel(f, m, rows)).join("")}</section>`
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body { font: 14px system-ui, sans-serif; margin: 1.5em; color: #222 }
section { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start } section h2 { flex-basis: 100% ; margin: 1em 0 0 }
figure { margin: 0 } h3 { font-size: 13px; font-weight: 600; margin: .4em 0 }
svg text { font-size: 11px; fill: #444 } .axis { stroke: #888 } .grid { stroke: #eee }
.mark line { stroke: #3465a4; stroke-width: 2 } .mark circle { fill: #204a87 } .note { font-size: 12px; color: #a40000; margin: .2em 0 }
table { border-collapse: collapse; margin-top: 1.5em; font-size: 12px } td, th { border: 1px solid #ccc; padding: 2px 6px; text-align: right }
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${rows.length} points, ${info.replications} replication${info.replications === 1 ? "" : "s"} each from seed ${info.seed}, every point on the same seeds (common random numbers).
A dot is a point's mean over its replications, its bar the 95 % interval (Student t). The points share random numbers, so the difference between two points is known more precisely than their bars suggest.</p>
${sections.join("\n")}
${table(factors, metrics, rows)}
</body></html>
`
}
