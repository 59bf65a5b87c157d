import { studentTQuantile } from "@igv/metrics"

/**
 * What a statistical hypothesis claims of the mean paired difference D = B − A (B's metric minus A's on the
 * same random numbers): ">=" E[D] ≥ −margin, "<=" E[D] ≤ margin, "==" |E[D]| ≤ margin.
 */
export type Relation = ">=" | "<=" | "=="

export interface SequentialOptions {
  readonly relation: Relation
  /** How far the mean may stray on the wrong side and the hypothesis still hold (default 0). */
  readonly margin?: number
  /** Probability of rejecting a hypothesis that holds (over all looks of this one test). */
  readonly alpha: number
  /** Pairs at the first look (at least 3); each later look doubles them, up to `maxPairs`. */
  readonly firstLook: number
  /** Pairs at the last look. */
  readonly maxPairs: number
}

/**
 * `rejected`: the data contradict the hypothesis (at the test's alpha). `supported`: the interval lies on
 * the hypothesis's side, so more pairs would not reject it. `inconclusive`: neither by the last look.
 */
export type Verdict = "rejected" | "supported" | "inconclusive"

export interface SequentialResult {
  readonly verdict: Verdict
  /** Pairs used (the look at which the test stopped). */
  readonly pairs: number
  readonly looks: number
  /** Mean of the paired differences B − A. */
  readonly mean: number
  /** The interval at the stopping look, at confidence `level` (two-sided). */
  readonly low: number
  readonly high: number
  readonly level: number
}

/** The pair counts at which the test looks: firstLook, doubling, and maxPairs last. */
export const looksOf = (firstLook: number, maxPairs: number): Array<number> => {
  if (!Number.isInteger(firstLook) || firstLook < 3) throw new RangeError("the first look needs at least 3 pairs")
  if (!Number.isInteger(maxPairs) || maxPairs < firstLook)
    throw new RangeError("maxPairs must be a whole number, at least the first look")
  const looks: Array<number> = []
  for (let n = firstLook; n < maxPairs; n *= 2) looks.push(n)
  looks.push(maxPairs)
  return looks
}

/**
 * A group-sequential paired t-test with the error rate spent evenly over the looks (Bonferroni: each of the
 * L looks tests at alpha / L, one-sided for ">=" and "<=", alpha / 2L a side for "=="), so the chance of
 * ever rejecting a true hypothesis over all looks is at most alpha, provided the mean of the differences is
 * close to normal at each look (t-test's assumption; the differences are independent across pairs because
 * every pair has seeds of its own). Stopping early because the interval already lies on the hypothesis's
 * side only lowers that chance.
 *
 * `difference(i)` gives pair i's difference B − A; it is called for i = 0, 1, … in order, at most maxPairs times.
 */
export const sequentialPairedTest = (
  difference: (pair: number) => number,
  options: SequentialOptions
): SequentialResult => {
  const { relation, alpha } = options
  const margin = options.margin ?? 0
  if (!(alpha > 0 && alpha < 1)) throw new RangeError("alpha must be in (0, 1)")
  if (!(margin >= 0)) throw new RangeError("margin must be 0 or more")
  const looks = looksOf(options.firstLook, options.maxPairs)
  const sided = relation === "==" ? 2 : 1
  const perSide = alpha / (looks.length * sided)
  let sum = 0,
    sumSq = 0,
    n = 0
  let result: SequentialResult | undefined
  for (const [k, look] of looks.entries()) {
    for (; n < look; n++) {
      const d = difference(n)
      if (!Number.isFinite(d)) throw new RangeError(`pair ${n}: the difference is not a finite number`)
      sum += d
      sumSq += d * d
    }
    const mean = sum / n
    const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1))
    const halfWidth = variance === 0 ? 0 : tQuantile(1 - perSide, n - 1) * Math.sqrt(variance / n)
    const low = mean - halfWidth,
      high = mean + halfWidth
    const verdict = judge(relation, margin, low, high, variance === 0)
    result = { verdict, pairs: n, looks: k + 1, mean, low, high, level: 1 - 2 * perSide }
    if (verdict !== "inconclusive") return result
  }
  return result!
}

const quantiles = new Map<string, number>()
/** The t quantile, remembered: the same few (level, df) pairs come back for every generated case. */
const tQuantile = (p: number, df: number): number => {
  const key = `${p}:${df}`
  let q = quantiles.get(key)
  if (q === undefined) {
    q = studentTQuantile(p, df)
    quantiles.set(key, q)
  }
  return q
}

const judge = (relation: Relation, margin: number, low: number, high: number, exact: boolean): Verdict => {
  // With no spread at all the interval is a point; on the boundary itself the hypothesis holds.
  const above = (x: number, bound: number) => (exact ? x >= bound : x > bound)
  const below = (x: number, bound: number) => (exact ? x <= bound : x < bound)
  switch (relation) {
    case ">=":
      return high < -margin ? "rejected" : above(low, -margin) ? "supported" : "inconclusive"
    case "<=":
      return low > margin ? "rejected" : below(high, margin) ? "supported" : "inconclusive"
    case "==":
      return high < -margin || low > margin
        ? "rejected"
        : above(low, -margin) && below(high, margin)
          ? "supported"
          : "inconclusive"
  }
}
