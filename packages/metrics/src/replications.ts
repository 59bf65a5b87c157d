import type { Report, ReplicatedReport } from "@igv/domain"
import { fold } from "./projection.js"
import { emptyTagFigures, reportProjection } from "./report-projection.js"
import { meanAndHalfWidth } from "./stats.js"

/**
 * Replications of one scenario may differ in which areas and tags appear (an area with no
 * events in one run). Every report is brought to the union of areas and tags, a missing one
 * filled with the figures of an empty run (zeros; survival 1), so leaves line up by path.
 */
const normalize = <R extends Report>(reports: ReadonlyArray<R>): Array<R> => {
  const areas = [...new Set(reports.flatMap((r) => Object.keys(r.byArea)))].sort()
  const tags = [...new Set(reports.flatMap((r) => r.byTag.map((t) => t.tag)))].sort()
  const bins = reports[0]?.lineTime.segmentHistogram.map((h) => h.fromMinutes)
  const empty = fold(reportProjection(bins !== undefined && bins.length > 0 ? { segmentBinsMinutes: bins } : {}), [])
  const { byArea: _a, byTag: _t, events: _e, ...emptyBody } = empty
  return reports.map((r) => ({
    ...r,
    byArea: Object.fromEntries(areas.map((a) => [a, r.byArea[a] ?? emptyBody])),
    byTag: tags.map((tag) => r.byTag.find((t) => t.tag === tag) ?? emptyTagFigures(tag))
  }))
}

/** Histogram bin bounds and the hour of a by-hour row are labels, not figures: kept as they are. */
const SETTINGS = new Set(["fromMinutes", "toMinutes", "hour"])

/** Walks reports of the same shape in parallel, replacing every numeric figure by `leaf(values)`. */
const zipLeaves = (values: ReadonlyArray<unknown>, leaf: (xs: ReadonlyArray<number>) => number): unknown => {
  const first = values[0]
  if (typeof first === "number") return leaf(values.map((v) => (typeof v === "number" ? v : 0)))
  if (Array.isArray(first)) return first.map((_, i) => zipLeaves(values.map((v) => (v as Array<unknown>)?.[i]), leaf))
  if (first !== null && typeof first === "object") {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(first)) {
      out[key] = SETTINGS.has(key) ? (first as Record<string, unknown>)[key] : zipLeaves(values.map((v) => (v as Record<string, unknown>)?.[key]), leaf)
    }
    return out
  }
  return first
}

/** Means and 95 % confidence half-widths (Student t, n − 1 df) for every numeric leaf; half-widths are 0 for one replication. */
export const summarizeReplications = <R extends Report>(reports: ReadonlyArray<R>): ReplicatedReport & { readonly mean: R; readonly halfWidth95: R } => {
  if (reports.length === 0) throw new RangeError("summarizeReplications needs at least one report")
  const all = normalize(reports)
  return {
    replications: reports.length,
    mean: zipLeaves(all, (xs) => meanAndHalfWidth(xs).mean) as R,
    halfWidth95: zipLeaves(all, (xs) => meanAndHalfWidth(xs).halfWidth) as R
  }
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
  readonly a: ReplicatedReport
  readonly b: ReplicatedReport
  readonly rows: ReadonlyArray<ComparisonRow>
}

const flatten = (value: unknown, path: string, out: Map<string, number>): void => {
  if (typeof value === "number") { out.set(path, value); return }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const rec = item as Record<string, unknown> | null
      let key = String(i)
      if (rec !== null && typeof rec === "object") {
        if (typeof rec["tag"] === "string") key = rec["tag"]
        else if (typeof rec["fromMinutes"] === "number") key = `${rec["fromMinutes"]}-${rec["toMinutes"] ?? ""}`
        else if (typeof rec["hour"] === "number") key = `${rec["hour"]}h`
      }
      flatten(item, `${path}[${key}]`, out)
    })
    return
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (!SETTINGS.has(k)) flatten(v, path === "" ? k : `${path}.${k}`, out)
  }
}

/**
 * Paired comparison on common random numbers: replication i of `a` and of `b` ran on the same
 * seed, so each figure's difference is taken per pair and its 95 % interval from the pairs'
 * spread (Student t, n − 1 df). Both sides need the same number of replications.
 */
export const compareReplications = (a: ReadonlyArray<Report>, b: ReadonlyArray<Report>): Comparison => {
  if (a.length === 0 || a.length !== b.length) {
    throw new RangeError(`a paired comparison needs the same number of replications on both sides (got ${a.length} and ${b.length})`)
  }
  const all = normalize([...a, ...b])
  const flat = all.map((r) => { const m = new Map<string, number>(); flatten(r, "", m); return m })
  const n = a.length
  const rows: Array<ComparisonRow> = []
  for (const path of flat[0]!.keys()) {
    const xs = flat.slice(0, n).map((m) => m.get(path) ?? 0)
    const ys = flat.slice(n).map((m) => m.get(path) ?? 0)
    const ma = meanAndHalfWidth(xs), mb = meanAndHalfWidth(ys)
    const d = meanAndHalfWidth(ys.map((y, i) => y - xs[i]!))
    // Round-off in means of identical samples must not read as a difference.
    const delta = Math.abs(d.mean) < 1e-12 * Math.max(1, Math.abs(ma.mean)) ? 0 : d.mean
    rows.push({
      path, a: ma.mean, b: mb.mean, aHalfWidth: ma.halfWidth, bHalfWidth: mb.halfWidth,
      delta, halfWidth: d.halfWidth, significant: n >= 2 && delta !== 0 && Math.abs(delta) > d.halfWidth
    })
  }
  return { replications: n, a: summarizeReplications(all.slice(0, n)), b: summarizeReplications(all.slice(n)), rows }
}
