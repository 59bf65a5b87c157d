import type { Report } from "@igv/domain"
import { collect, Moments, pathsOf, viewer } from "./replications.js"

/** One figure of one part of B − A: its mean over replications and the 95 % half-width of the per-replication values. */
export interface AttributionRow {
  readonly path: string
  /** Null where no replication had the figure on both sides (e.g. survival with nothing planned). */
  readonly delta: number | null
  readonly halfWidth: number | null
  /** The 95 % interval excludes 0. */
  readonly significant: boolean
}

export interface Attribution {
  readonly replications: number
  /** B − A, paired. */
  readonly total: ReadonlyArray<AttributionRow>
  /** Per changed setting, in the order given: (A with B's value of that setting alone) − A, paired. */
  readonly own: ReadonlyArray<ReadonlyArray<AttributionRow>>
  /** B − A − Σ own: what the settings do only together (or undo of each other). */
  readonly interaction: ReadonlyArray<AttributionRow>
}

/** The parts of B − A in one replication, figure by figure (in `paths` order). */
export interface AttributionParts {
  /** A's figures, for the scale of round-off. */
  readonly a: Float64Array
  readonly total: Float64Array
  readonly own: ReadonlyArray<Float64Array>
  readonly interaction: Float64Array
}

/**
 * Per replication i, splits b[i] − a[i] into each variant's own effect variants[k][i] − a[i] and the
 * remainder, so that Σ own + interaction = total in every replication (to floating-point rounding).
 * All sets ran on the same replication seeds (common random numbers).
 */
export function* attributionParts(
  a: ReadonlyArray<Report>,
  b: ReadonlyArray<Report>,
  variants: ReadonlyArray<ReadonlyArray<Report>>
): Generator<AttributionParts, ReadonlyArray<string>> {
  const n = a.length
  if (n === 0 || b.length !== n || variants.some((v) => v.length !== n)) {
    throw new RangeError(`attribution needs the same number of replications of A, B and every variant (A has ${n})`)
  }
  const view = viewer([...a, ...b, ...variants.flat()])
  const template = view(a[0]!)
  const size = collect(template, template, new Float64Array(0), 0)
  const x = new Float64Array(size),
    y = new Float64Array(size),
    v = new Float64Array(size)
  for (let i = 0; i < n; i++) {
    collect(template, view(a[i]!), x, 0)
    collect(template, view(b[i]!), y, 0)
    const total = new Float64Array(size),
      interaction = new Float64Array(size)
    for (let j = 0; j < size; j++) interaction[j] = total[j] = y[j]! - x[j]!
    const own = variants.map((variant) => {
      collect(template, view(variant[i]!), v, 0)
      const effect = new Float64Array(size)
      for (let j = 0; j < size; j++) {
        effect[j] = v[j]! - x[j]!
        interaction[j]! -= effect[j]!
      }
      return effect
    })
    // A figure over no data in any of A, B or a variant (NaN) leaves this replication out of every part of
    // that figure, so the parts are always means over the same replications and still add up.
    for (let j = 0; j < size; j++) {
      if (!Number.isNaN(interaction[j]!)) continue
      total[j] = NaN
      for (const effect of own) effect[j] = NaN
    }
    yield { a: x.slice(), total, own, interaction }
  }
  return pathsOf(template, "", [])
}

const rowsOf = (paths: ReadonlyArray<string>, m: Moments, scale: Moments): Array<AttributionRow> => {
  const hw = m.halfWidths(),
    mean = m.means()
  return paths.map((path, j) => {
    if (Number.isNaN(mean[j]!)) return { path, delta: null, halfWidth: null, significant: false }
    // Round-off (the remainder of runs that did not differ) must not read as an effect.
    const delta = Math.abs(mean[j]!) < 1e-9 * Math.max(1, Math.abs(scale.mean[j]!)) ? 0 : mean[j]!
    return { path, delta, halfWidth: hw[j]!, significant: m.count[j]! >= 2 && delta !== 0 && Math.abs(delta) > hw[j]! }
  })
}

/**
 * Splits the paired difference B − A into each changed setting's own effect (B's value of that one
 * setting applied to A alone, paired with A on common random numbers) and the interaction remainder,
 * each figure with its mean and 95 % half-width over the replications.
 */
export const attributeReplications = (
  a: ReadonlyArray<Report>,
  b: ReadonlyArray<Report>,
  variants: ReadonlyArray<ReadonlyArray<Report>>
): Attribution => {
  const parts = attributionParts(a, b, variants)
  let scale: Moments | undefined,
    total: Moments | undefined,
    interaction: Moments | undefined,
    own: Array<Moments> = []
  for (;;) {
    const next = parts.next()
    if (next.done === true) {
      const rows = (m: Moments) => rowsOf(next.value, m, scale!)
      return { replications: a.length, total: rows(total!), own: own.map(rows), interaction: rows(interaction!) }
    }
    const p = next.value
    if (total === undefined) {
      scale = new Moments(p.total.length)
      total = new Moments(p.total.length)
      interaction = new Moments(p.total.length)
      own = p.own.map(() => new Moments(p.total.length))
    }
    scale!.add(p.a)
    total.add(p.total)
    interaction!.add(p.interaction)
    p.own.forEach((effect, k) => own[k]!.add(effect))
  }
}
