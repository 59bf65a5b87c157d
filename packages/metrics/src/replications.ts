import type { Report, ReplicatedReport } from "@igv/domain"
import { fold } from "./projection.js"
import { emptyTagFigures, reportProjection } from "./report-projection.js"
import { studentT975, studentTQuantile } from "./stats.js"

/** Histogram bin bounds and the hour of a by-hour row are labels, not figures: kept as they are. */
const LABELS = new Set(["fromMinutes", "toMinutes", "hour"])

/**
 * Replications of one scenario may differ in which areas and tags appear (an area with no events
 * in one run). Each report is viewed at the union of areas and tags, a missing one filled with the
 * figures of an empty run (zeros; survival 1), so figures line up by path. Views are shallow.
 */
export const viewer = (reports: ReadonlyArray<Report>) => {
  const areas = [...new Set(reports.flatMap((r) => Object.keys(r.byArea)))].sort()
  const tags = [...new Set(reports.flatMap((r) => r.byTag.map((t) => t.tag)))].sort()
  const bins = reports[0]?.lineTime.segmentHistogram.map((h) => h.fromMinutes)
  const empty = fold(reportProjection(bins !== undefined && bins.length > 0 ? { segmentBinsMinutes: bins } : {}), [])
  const { byArea: _a, byTag: _t, events: _e, ...emptyBody } = empty
  const emptyTags = new Map(tags.map((tag) => [tag, emptyTagFigures(tag)]))
  return (r: Report): Report => {
    const byTag = new Map(r.byTag.map((t) => [t.tag, t]))
    return {
      ...r,
      byArea: Object.fromEntries(areas.map((a) => [a, r.byArea[a] ?? emptyBody])),
      byTag: tags.map((tag) => byTag.get(tag) ?? emptyTags.get(tag)!)
    }
  }
}

/**
 * The figures of a report as one flat vector, in the order of `template`'s leaves (a report of the
 * same shape); a figure missing from `value` reads 0. Returns the next free index.
 */
export const collect = (template: unknown, value: unknown, out: Float64Array, at: number): number => {
  if (typeof template === "number") {
    out[at] = typeof value === "number" ? value : 0
    return at + 1
  }
  if (Array.isArray(template)) {
    const v = Array.isArray(value) ? value : []
    for (let i = 0; i < template.length; i++) at = collect(template[i], v[i], out, at)
    return at
  }
  if (template !== null && typeof template === "object") {
    const v = (value !== null && typeof value === "object" ? value : {}) as Record<string, unknown>
    for (const [key, t] of Object.entries(template)) if (!LABELS.has(key)) at = collect(t, v[key], out, at)
  }
  return at
}

/** The template's shape with its figures taken from `values` (labels and strings kept). */
const rebuild = (template: unknown, values: Float64Array, cursor: { at: number }): unknown => {
  if (typeof template === "number") return values[cursor.at++]!
  if (Array.isArray(template)) return template.map((t) => rebuild(t, values, cursor))
  if (template !== null && typeof template === "object") {
    const out: Record<string, unknown> = {}
    for (const [key, t] of Object.entries(template)) out[key] = LABELS.has(key) ? t : rebuild(t, values, cursor)
    return out
  }
  return template
}

/** Readable paths of the template's figures, in `collect` order: `byArea.lpo1.lineTime.survival`, `byTag[promise-7].survival`. */
export const pathsOf = (template: unknown, path: string, out: Array<string>): Array<string> => {
  if (typeof template === "number") out.push(path)
  else if (Array.isArray(template)) {
    template.forEach((item, i) => {
      const rec = item as Record<string, unknown> | null
      let key = String(i)
      if (rec !== null && typeof rec === "object") {
        if (typeof rec["tag"] === "string") key = rec["tag"]
        else if (typeof rec["fromMinutes"] === "number") key = `${rec["fromMinutes"]}-${rec["toMinutes"] ?? ""}`
        else if (typeof rec["hour"] === "number") key = `${rec["hour"]}h`
      }
      pathsOf(item, `${path}[${key}]`, out)
    })
  } else if (template !== null && typeof template === "object") {
    for (const [k, v] of Object.entries(template)) if (!LABELS.has(k)) pathsOf(v, path === "" ? k : `${path}.${k}`, out)
  }
  return out
}

/** Running mean and sum of squared deviations per figure (Welford): memory stays one vector per statistic. */
export class Moments {
  n = 0
  readonly mean: Float64Array
  private readonly m2: Float64Array

  constructor(size: number) {
    this.mean = new Float64Array(size)
    this.m2 = new Float64Array(size)
  }

  add(x: Float64Array): void {
    this.n++
    const { mean, m2, n } = this
    for (let i = 0; i < x.length; i++) {
      const d = x[i]! - mean[i]!
      mean[i]! += d / n
      m2[i]! += d * (x[i]! - mean[i]!)
    }
  }

  /** The sample variance of figure i; 0 below two samples. */
  variance(i: number): number {
    return this.n < 2 ? 0 : Math.max(0, this.m2[i]!) / (this.n - 1)
  }

  /** 95 % half-widths, t(0.975, n − 1) · s / √n; 0 below two samples. */
  halfWidths(): Float64Array {
    const out = new Float64Array(this.mean.length)
    if (this.n < 2) return out
    const k = studentT975(this.n - 1) / Math.sqrt(this.n)
    for (let i = 0; i < out.length; i++) out[i] = k * Math.sqrt(Math.max(0, this.m2[i]!) / (this.n - 1))
    return out
  }
}

const summaryOf = <R extends Report>(template: R, m: Moments) => ({
  replications: m.n,
  mean: rebuild(template, m.mean, { at: 0 }) as R,
  halfWidth95: rebuild(template, m.halfWidths(), { at: 0 }) as R
})

/**
 * Means and 95 % confidence half-widths (Student t, n − 1 df) for every numeric figure; half-widths
 * are 0 for one replication. Streams over the reports: memory is a few vectors of figures.
 */
export const summarizeReplications = <R extends Report>(reports: ReadonlyArray<R>): ReplicatedReport & { readonly mean: R; readonly halfWidth95: R } => {
  if (reports.length === 0) throw new RangeError("summarizeReplications needs at least one report")
  const view = viewer(reports)
  const template = view(reports[0]!) as R
  const size = collect(template, template, new Float64Array(0), 0)
  const m = new Moments(size)
  const x = new Float64Array(size)
  for (const r of reports) { collect(template, view(r), x, 0); m.add(x) }
  return summaryOf(template, m)
}

/** One figure of a paired comparison. `delta` is b − a; its half-width is from the paired differences. */
export interface ComparisonRow {
  /** E.g. `lineTime.survival`, `response.1.p90DispatchMinutes`, `byArea.lpo1.timeUse.prio12Share`, `byTag[promise-7].survival`. */
  readonly path: string
  readonly a: number
  readonly b: number
  readonly aHalfWidth: number
  readonly bHalfWidth: number
  readonly delta: number
  readonly halfWidth: number
  /** The delta's 95 % interval excludes 0 (never with fewer than two replications). */
  readonly significant: boolean
}

export interface Comparison {
  readonly replications: number
  /** Replication i of A and of B saw the same calls, and deltas are judged pair by pair; else an unpaired (Welch) comparison. */
  readonly paired: boolean
  readonly a: ReplicatedReport
  readonly b: ReplicatedReport
  readonly rows: ReadonlyArray<ComparisonRow>
}

/** 95 % half-width of the difference of two independent means (Welch: unequal variances, Welch–Satterthwaite df). */
const welchHalfWidth = (a: Moments, b: Moments, i: number): number => {
  if (a.n < 2 || b.n < 2) return 0
  const va = a.variance(i) / a.n, vb = b.variance(i) / b.n
  const se2 = va + vb
  if (se2 === 0) return 0
  const df = (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1))
  return studentTQuantile(0.975, df) * Math.sqrt(se2)
}

/**
 * Compares two sets of replications. Paired (the default) on common random numbers: replication i
 * of `a` and of `b` ran on the same seed, so each figure's difference is taken per pair and its 95 %
 * interval from the pairs' spread (Student t, n − 1 df); both sides need the same number of
 * replications. `paired: false` for scenarios that do not see the same calls: the difference of the
 * means with a Welch interval, which claims nothing about pairs.
 */
export const compareReplications = (a: ReadonlyArray<Report>, b: ReadonlyArray<Report>, options: { readonly paired?: boolean } = {}): Comparison => {
  const paired = options.paired ?? true
  if (a.length === 0 || b.length === 0 || (paired && a.length !== b.length)) {
    throw new RangeError(`a paired comparison needs the same number of replications on both sides (got ${a.length} and ${b.length})`)
  }
  const view = viewer([...a, ...b])
  const template = view(a[0]!)
  const size = collect(template, template, new Float64Array(0), 0)
  const ma = new Moments(size), mb = new Moments(size), md = new Moments(size)
  const x = new Float64Array(size), y = new Float64Array(size), d = new Float64Array(size)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) { collect(template, view(a[i]!), x, 0); ma.add(x) }
    if (i < b.length) { collect(template, view(b[i]!), y, 0); mb.add(y) }
    if (!paired) continue
    for (let j = 0; j < size; j++) d[j] = y[j]! - x[j]!
    md.add(d)
  }
  const paths = pathsOf(template, "", [])
  const aw = ma.halfWidths(), bw = mb.halfWidths(), dw = md.halfWidths()
  const rows: Array<ComparisonRow> = paths.map((path, j) => {
    const mean = paired ? md.mean[j]! : mb.mean[j]! - ma.mean[j]!
    // Round-off in means of identical samples must not read as a difference.
    const delta = Math.abs(mean) < 1e-12 * Math.max(1, Math.abs(ma.mean[j]!)) ? 0 : mean
    const halfWidth = paired ? dw[j]! : welchHalfWidth(ma, mb, j)
    return {
      path, a: ma.mean[j]!, b: mb.mean[j]!, aHalfWidth: aw[j]!, bHalfWidth: bw[j]!,
      delta, halfWidth, significant: ma.n >= 2 && mb.n >= 2 && delta !== 0 && Math.abs(delta) > halfWidth
    }
  })
  return { replications: Math.min(a.length, b.length), paired, a: summaryOf(template, ma), b: summaryOf(template, mb), rows }
}
