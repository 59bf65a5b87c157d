import type { Decoded } from "@igv/domain"

/** One varied setting of a sweep: a scenario path and the values (levels) it takes. */
export interface Factor {
  readonly path: string
  readonly levels: ReadonlyArray<unknown>
}

/** One point of a sweep: a value for each factor, in the factors' order. */
export type Point = ReadonlyArray<unknown>

/** Ranges expand to at most this many levels, so a typo in a step cannot ask for millions of points. */
export const MAX_LEVELS = 10_000

/**
 * `PATH=FROM..TO:STEP` (numbers, both ends included when on the step) or `PATH=V1|V2|…`, each value JSON when it
 * reads as JSON (`[1,2]`, `60`, `true`), text otherwise (`defer`). A spec that does not read is one issue, its
 * message naming the path or the spec.
 */
export const parseFactor = (spec: string): Decoded<Factor> => {
  const eq = spec.indexOf("=")
  if (eq <= 0 || eq === spec.length - 1) return refused("", `"${spec}" is not PATH=FROM..TO:STEP or PATH=V1|V2`)
  const path = spec.slice(0, eq).trim()
  const values = spec.slice(eq + 1).trim()
  const range = /^(-?[\d.]+)\.\.(-?[\d.]+)(?::([\d.]+))?$/.exec(values)
  if (range === null) {
    if (commaList(values))
      return refused(
        path,
        `${path}: "${values}" is one value; a list is written with |, e.g. ${path}=${values
          .split(",")
          .map((v) => v.trim())
          .join("|")}`
      )
    return { ok: true, value: { path, levels: values.split("|").map(parseValue) } }
  }
  const [from, to, step] = [Number(range[1]), Number(range[2]), range[3] === undefined ? 1 : Number(range[3])]
  if (![from, to, step].every(Number.isFinite) || !(step > 0) || to < from) {
    return refused(path, `${path}: a range needs FROM ≤ TO and a positive STEP`)
  }
  const count = Math.floor((to - from) / step + 1e-9) + 1
  if (count > MAX_LEVELS) return refused(path, `${path}: ${count} levels; at most ${MAX_LEVELS}`)
  // Each level from its index, so steps such as 0.1 add no rounding drift.
  const decimals = Math.max(...[range[1]!, range[3] ?? "1"].map((t) => t.split(".")[1]?.length ?? 0))
  const levels = Array.from({ length: count }, (_, i) => Number((from + i * step).toFixed(decimals)))
  return { ok: true, value: { path, levels } }
}

const refused = (path: string, message: string): Decoded<Factor> => ({ ok: false, issues: [{ path, message }] })

/** `1,2,7`: values written as a list with commas, which would otherwise be one text value. */
const commaList = (values: string): boolean => {
  if (values.includes("|") || !values.includes(",") || typeof parseValue(values) !== "string") return false
  return values.split(",").every((v) => typeof parseValue(v) !== "string")
}

const parseValue = (text: string): unknown => {
  const t = text.trim()
  try {
    return JSON.parse(t)
  } catch {
    return t
  }
}

/** Every combination of the factors' levels, the first factor varying slowest. */
export const gridDesign = (factors: ReadonlyArray<Factor>): Array<Point> =>
  factors.reduce<Array<Point>>((points, f) => points.flatMap((p) => f.levels.map((v) => [...p, v])), [[]])

/** A small seeded generator (mulberry32): the same seed gives the same design. */
export const seededUniform = (seed: number): (() => number) => {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A Latin hypercube of `samples` points over the factors' levels: each factor's range is cut into `samples`
 * strata of (nearly) equal numbers of levels, every stratum used once, strata paired across factors by independent
 * random permutations, and within its stratum a level drawn uniformly.
 */
export const latinHypercubeDesign = (factors: ReadonlyArray<Factor>, samples: number, seed: number): Array<Point> => {
  if (!Number.isInteger(samples) || samples < 1) throw new RangeError("a Latin hypercube needs at least one sample")
  const uniform = seededUniform(seed)
  const columns = factors.map((f) => {
    const strata = Array.from({ length: samples }, (_, i) => i)
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(uniform() * (i + 1))
      ;[strata[i], strata[j]] = [strata[j]!, strata[i]!]
    }
    const k = f.levels.length
    // Stratum s holds the levels from ⌊s·k/n⌋ up to ⌊(s+1)·k/n⌋ (one level at least, shared when levels are fewer than samples).
    return strata.map((s) => {
      const lo = Math.floor((s * k) / samples)
      const hi = Math.max(lo + 1, Math.floor(((s + 1) * k) / samples))
      return f.levels[Math.min(k - 1, lo + Math.floor(uniform() * (hi - lo)))]
    })
  })
  return Array.from({ length: samples }, (_, i) => columns.map((c) => c[i]))
}
