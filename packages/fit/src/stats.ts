/**
 * The few distributions and estimators the fit needs, written out so their assumptions are in view
 * (see the README's "Statistics"). Pure functions over plain numbers.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
]

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export const lnGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x)
  const z = x - 1
  let a = LANCZOS[0] as number
  const t = z + 7.5
  for (let i = 1; i < 9; i++) a += (LANCZOS[i] as number) / (z + i)
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a)
}

/** The regularized lower incomplete gamma P(a, x) (series below a + 1, continued fraction above). */
export const gammaP = (a: number, x: number): number => {
  if (x <= 0) return 0
  const front = Math.exp(-x + a * Math.log(x) - lnGamma(a))
  if (x < a + 1) {
    let sum = 1 / a,
      term = sum
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n)
      sum += term
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break
    }
    return Math.min(1, sum * front)
  }
  let b = x + 1 - a,
    c = 1e300,
    d = 1 / b,
    h = d
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < 1e-300) d = 1e-300
    c = b + an / c
    if (Math.abs(c) < 1e-300) c = 1e-300
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return Math.max(0, 1 - front * h)
}

/** P(X ≥ x) for X ~ χ²(df). */
export const chiSquareSurvival = (x: number, df: number): number => (df <= 0 ? Number.NaN : 1 - gammaP(df / 2, x / 2))

/** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export const normalQuantile = (p: number): number => {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239
  ]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783
  ]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const poly = (k: ReadonlyArray<number>, x: number) => k.reduce((s, v) => s * x + v, 0)
  if (p <= 0) return -Infinity
  if (p >= 1) return Infinity
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p))
    return poly(c, q) / (poly(d, q) * q + 1)
  }
  if (p > 1 - 0.02425) return -normalQuantile(1 - p)
  const q = p - 0.5,
    r = q * q
  return (poly(a, r) * q) / (poly(b, r) * r + 1)
}

/** Φ(x), the standard normal CDF (via the incomplete gamma). */
export const normalCdf = (x: number): number =>
  x >= 0 ? 0.5 + 0.5 * gammaP(0.5, (x * x) / 2) : 0.5 - 0.5 * gammaP(0.5, (x * x) / 2)

export const Z95 = normalQuantile(0.975)
export const Z90 = normalQuantile(0.9)

export interface Interval {
  readonly low: number
  readonly high: number
}

/** Wilson score interval for a binomial share k/n (95 %). */
export const wilson = (k: number, n: number, z = Z95): Interval => {
  if (n === 0) return { low: 0, high: 1 }
  const p = k / n,
    z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/** The x with P(a, x) = p, by bisection on a bracket (monotone, so it converges). */
const gammaQuantile = (a: number, p: number): number => {
  let lo = 0,
    hi = Math.max(1, a * 2)
  while (gammaP(a, hi) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2
    if (gammaP(a, mid) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** Exact (Garwood) 95 % interval for a Poisson mean given one count. */
export const poissonInterval = (count: number): Interval => ({
  low: count === 0 ? 0 : gammaQuantile(count, 0.025),
  high: gammaQuantile(count + 1, 0.975)
})

/** Sorted copy, ascending. */
export const sorted = (xs: ArrayLike<number>): Float64Array => Float64Array.from(xs).sort()

/** The p-quantile of sorted data by linear interpolation between order statistics (Hyndman–Fan type 7). */
export const quantileOfSorted = (s: Float64Array, p: number): number => {
  if (s.length === 0) return Number.NaN
  const h = (s.length - 1) * p,
    lo = Math.floor(h)
  const a = s[lo] as number,
    b = s[Math.min(lo + 1, s.length - 1)] as number
  return a + (h - lo) * (b - a)
}

/** Distribution-free 95 % interval for the median: order statistics at n/2 ∓ 1.96·√n/2 (binomial, normal approximation). */
export const medianInterval = (s: Float64Array): Interval => {
  const n = s.length
  const half = (Z95 * Math.sqrt(n)) / 2
  const lo = Math.max(0, Math.floor(n / 2 - half) - 1),
    hi = Math.min(n - 1, Math.ceil(n / 2 + half))
  return { low: s[lo] as number, high: s[hi] as number }
}

export interface LognormalFit {
  /** Mean and standard deviation (maximum likelihood) of the log values. */
  readonly mu: number
  readonly sigma: number
  readonly n: number
}

/** Maximum-likelihood lognormal over positive values. */
export const fitLognormal = (s: Float64Array): LognormalFit => {
  const n = s.length
  let sum = 0
  for (let i = 0; i < n; i++) sum += Math.log(s[i] as number)
  const mu = sum / n
  let ss = 0
  for (let i = 0; i < n; i++) ss += (Math.log(s[i] as number) - mu) ** 2
  return { mu, sigma: Math.sqrt(ss / n), n }
}

/**
 * Kolmogorov–Smirnov distance between sorted data and a CDF, and the asymptotic p-value
 * P(K > √n·D) (Stephens' small-sample correction). With parameters estimated from the same data
 * the p-value is conservative (too large; Lilliefors): read it as "a small p rejects".
 */
export const kolmogorovSmirnov = (
  s: Float64Array,
  cdf: (x: number) => number
): { readonly d: number; readonly p: number } => {
  const n = s.length
  let d = 0
  for (let i = 0; i < n; i++) {
    const f = cdf(s[i] as number)
    d = Math.max(d, (i + 1) / n - f, f - i / n)
  }
  const sqrtN = Math.sqrt(n)
  const lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d
  let p = 0
  for (let k = 1; k <= 100; k++) p += 2 * (k % 2 === 1 ? 1 : -1) * Math.exp(-2 * k * k * lambda * lambda)
  return { d, p: lambda < 0.3 ? 1 : Math.min(1, Math.max(0, p)) }
}

export const lognormalCdf =
  (fit: LognormalFit) =>
  (x: number): number =>
    x <= 0 ? 0 : fit.sigma === 0 ? (Math.log(x) >= fit.mu ? 1 : 0) : normalCdf((Math.log(x) - fit.mu) / fit.sigma)
