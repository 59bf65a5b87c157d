import type { Report, ReplicatedReport } from "@igv/domain"
import { fold } from "./projection.js"
import { emptyTagFigures, projectionWith } from "./report-projection.js"
import { studentT975, studentTQuantile } from "./stats.js"

/** Histogram bin bounds and the hour of a by-hour row are labels, not figures: kept as they are. */
const LABELS = new Set(["fromMinutes", "toMinutes", "hour"])

/**
 * Replications of one scenario may differ in which areas and tags appear (an area with no events
 * in one run). Each report is viewed at the union of areas and tags, a missing one filled with the
 * figures of an empty run (zeros; survival and other figures over no data null), so figures line up by path. Views are shallow.
 */
export const viewer = (reports: ReadonlyArray<Report>) => {
  const areas = [...new Set(reports.flatMap((r) => Object.keys(r.byArea)))].sort()
  const tags = [...new Set(reports.flatMap((r) => r.byTag.map((t) => t.tag)))].sort()
  const bins = reports[0]?.lineTime.segmentHistogram.map((h) => h.fromMinutes)
  // An empty area has no free time to split, so any share gives its (zero) figures.
  const patrolWork = reports[0]?.tasks !== undefined ? { selfInitiatedShare: 0 } : undefined
  const empty = fold(
    projectionWith(undefined, bins !== undefined && bins.length > 0 ? { segmentBinsMinutes: bins } : {}, patrolWork),
    []
  )
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

/** A figure leaf: a number, or null for a figure over no data (labels and strings are not figures). */
const isFigure = (x: unknown): x is number | null => typeof x === "number" || x === null

/**
 * The figures of a report as one flat vector, in the order of `template`'s leaves (a report of the
 * same shape); a null figure (no data in that run) reads NaN and a figure missing from `value` reads 0.
 * Returns the next free index.
 */
export const collect = (template: unknown, value: unknown, out: Float64Array, at: number): number => {
  if (isFigure(template)) {
    out[at] = typeof value === "number" ? value : value === null ? NaN : 0
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

/** The template's shape with its figures taken from `values` (labels and strings kept; NaN, a figure no run had, is null). */
const rebuild = (template: unknown, values: Float64Array, cursor: { at: number }): unknown => {
  if (isFigure(template)) {
    const x = values[cursor.at++]!
    return Number.isNaN(x) ? null : x
  }
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
  if (isFigure(template)) out.push(path)
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

/**
 * Running mean and sum of squared deviations per figure (Welford): memory stays one vector per statistic.
 * A NaN (a figure over no data in that run, e.g. survival with nothing planned) is left out of that figure's
 * statistics, so each figure has its own count.
 */
export class Moments {
  /** Reports added. */
  n = 0
  readonly count: Int32Array
  readonly mean: Float64Array
  private readonly m2: Float64Array

  constructor(size: number) {
    this.count = new Int32Array(size)
    this.mean = new Float64Array(size)
    this.m2 = new Float64Array(size)
  }

  add(x: Float64Array): void {
    this.n++
    const { mean, m2, count } = this
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!
      if (Number.isNaN(v)) continue
      const n = ++count[i]!
      const d = v - mean[i]!
      mean[i]! += d / n
      m2[i]! += d * (v - mean[i]!)
    }
  }

  /** The sample variance of figure i over the reports that had it; 0 below two. */
  variance(i: number): number {
    const n = this.count[i]!
    return n < 2 ? 0 : Math.max(0, this.m2[i]!) / (n - 1)
  }

  /** Means, NaN for a figure no report had. */
  means(): Float64Array {
    return this.mean.map((m, i) => (this.count[i] === 0 ? NaN : m))
  }

  /** 95 % half-widths, t(0.975, n − 1) · s / √n; 0 below two samples, NaN for none. */
  halfWidths(): Float64Array {
    const out = new Float64Array(this.mean.length)
    const factor = new Map<number, number>()
    for (let i = 0; i < out.length; i++) {
      const n = this.count[i]!
      if (n < 2) {
        out[i] = n === 0 ? NaN : 0
        continue
      }
      let k = factor.get(n)
      if (k === undefined) {
        k = studentT975(n - 1) / Math.sqrt(n)
        factor.set(n, k)
      }
      out[i] = k * Math.sqrt(Math.max(0, this.m2[i]!) / (n - 1))
    }
    return out
  }
}

const summaryOf = <R extends Report>(template: R, m: Moments) => ({
  replications: m.n,
  mean: rebuild(template, m.means(), { at: 0 }) as R,
  halfWidth95: rebuild(template, m.halfWidths(), { at: 0 }) as R
})

/**
 * Means and 95 % confidence half-widths (Student t, n − 1 df) for every numeric figure; half-widths
 * are 0 for one replication. Streams over the reports: memory is a few vectors of figures.
 */
export const summarizeReplications = <R extends Report>(
  reports: ReadonlyArray<R>
): ReplicatedReport & { readonly mean: R; readonly halfWidth95: R } => {
  if (reports.length === 0) throw new RangeError("summarizeReplications needs at least one report")
  const view = viewer(reports)
  const template = view(reports[0]!) as R
  const size = collect(template, template, new Float64Array(0), 0)
  const m = new Moments(size)
  const x = new Float64Array(size)
  for (const r of reports) {
    collect(template, view(r), x, 0)
    m.add(x)
  }
  return summaryOf(template, m)
}

/**
 * One figure of a paired comparison. `delta` is b − a; its half-width is from the paired differences, over the
 * pairs where the figure exists on both sides. Null where no run (or no pair) had the figure.
 */
export interface ComparisonRow {
  /** E.g. `lineTime.survival`, `response.1.p90DispatchMinutes`, `byArea.lpo1.timeUse.prio12Share`, `byTag[promise-7].survival`. */
  readonly path: string
  readonly a: number | null
  readonly b: number | null
  readonly aHalfWidth: number | null
  readonly bHalfWidth: number | null
  readonly delta: number | null
  readonly halfWidth: number | null
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
  const na = a.count[i]!,
    nb = b.count[i]!
  if (na === 0 || nb === 0) return NaN
  if (na < 2 || nb < 2) return 0
  const va = a.variance(i) / na,
    vb = b.variance(i) / nb
  const se2 = va + vb
  if (se2 === 0) return 0
  const df = (se2 * se2) / ((va * va) / (na - 1) + (vb * vb) / (nb - 1))
  return studentTQuantile(0.975, df) * Math.sqrt(se2)
}

/**
 * Compares two sets of replications. Paired (the default) on common random numbers: replication i
 * of `a` and of `b` ran on the same seed, so each figure's difference is taken per pair and its 95 %
 * interval from the pairs' spread (Student t, n − 1 df); both sides need the same number of
 * replications. `paired: false` for scenarios that do not see the same calls: the difference of the
 * means with a Welch interval, which claims nothing about pairs.
 */
export const compareReplications = (
  a: ReadonlyArray<Report>,
  b: ReadonlyArray<Report>,
  options: { readonly paired?: boolean } = {}
): Comparison => {
  const paired = options.paired ?? true
  if (a.length === 0 || b.length === 0 || (paired && a.length !== b.length)) {
    throw new RangeError(
      `a paired comparison needs the same number of replications on both sides (got ${a.length} and ${b.length})`
    )
  }
  const view = viewer([...a, ...b])
  const template = view(a[0]!)
  const size = collect(template, template, new Float64Array(0), 0)
  const ma = new Moments(size),
    mb = new Moments(size),
    md = new Moments(size)
  const x = new Float64Array(size),
    y = new Float64Array(size),
    d = new Float64Array(size)
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length) {
      collect(template, view(a[i]!), x, 0)
      ma.add(x)
    }
    if (i < b.length) {
      collect(template, view(b[i]!), y, 0)
      mb.add(y)
    }
    if (!paired) continue
    for (let j = 0; j < size; j++) d[j] = y[j]! - x[j]!
    md.add(d)
  }
  const paths = pathsOf(template, "", [])
  const am = ma.means(),
    bm = mb.means(),
    dm = md.means()
  const aw = ma.halfWidths(),
    bw = mb.halfWidths(),
    dw = md.halfWidths()
  const orNull = (x: number) => (Number.isNaN(x) ? null : x)
  const rows: Array<ComparisonRow> = paths.map((path, j) => {
    const mean = paired ? dm[j]! : bm[j]! - am[j]!
    // Round-off in means of identical samples must not read as a difference.
    const delta = Math.abs(mean) < 1e-12 * Math.max(1, Math.abs(am[j]!)) ? 0 : mean
    const halfWidth = paired ? dw[j]! : welchHalfWidth(ma, mb, j)
    const enough = paired ? md.count[j]! >= 2 : ma.count[j]! >= 2 && mb.count[j]! >= 2
    return {
      path,
      a: orNull(am[j]!),
      b: orNull(bm[j]!),
      aHalfWidth: orNull(aw[j]!),
      bHalfWidth: orNull(bw[j]!),
      delta: orNull(delta),
      halfWidth: orNull(halfWidth),
      significant: enough && delta !== 0 && Math.abs(delta) > halfWidth
    }
  })
  return {
    replications: Math.min(a.length, b.length),
    paired,
    a: summaryOf(template, ma),
    b: summaryOf(template, mb),
    rows
  }
}
