/**
 * Small-sample statistics for comparing independent simulation replications (or batch means) to theory:
 * a Student-t confidence interval for the mean of a handful of replication estimates.
 */

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export const logGamma = (x: number): number => {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const g = 7
  const coef = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
  ]
  const z = x - 1
  let s = coef[0]!
  for (let i = 1; i < g + 2; i++) s += coef[i]! / (z + i)
  const t = z + g + 0.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s)
}

/** Continued fraction for the incomplete beta function (modified Lentz). */
const betaContinuedFraction = (x: number, a: number, b: number): number => {
  const tiny = 1e-300
  let c = 1
  let d = 1 - ((a + b) * x) / (a + 1)
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2))
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1))
    d = 1 + aa * d; if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c; if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < 1e-15) break
  }
  return h
}

/** Regularised incomplete beta I_x(a, b). */
export const incompleteBeta = (x: number, a: number, b: number): number => {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x))
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(x, a, b)) / a
    : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b
}

/** CDF of Student's t with `df` degrees of freedom. */
export const studentTCdf = (t: number, df: number): number => {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5)
  return t >= 0 ? 1 - tail : tail
}

/** The p-quantile of Student's t (bisection on the CDF). */
export const studentTQuantile = (p: number, df: number): number => {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`)
  if (!(df > 0)) throw new RangeError(`df must be positive, got ${df}`)
  if (p < 0.5) return -studentTQuantile(1 - p, df)
  let lo = 0, hi = 1
  while (studentTCdf(hi, df) < p) hi *= 2
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2
    if (studentTCdf(mid, df) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

export interface ConfidenceInterval {
  readonly mean: number
  readonly halfWidth: number
  readonly low: number
  readonly high: number
  readonly n: number
}

/** Two-sided `level` confidence interval for the mean of independent, roughly normal estimates. */
export const confidenceInterval = (xs: ReadonlyArray<number>, level: number): ConfidenceInterval => {
  const n = xs.length
  if (n < 2) throw new RangeError("a confidence interval needs at least two estimates")
  const mean = xs.reduce((s, x) => s + x, 0) / n
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1)
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 1) * Math.sqrt(variance / n)
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n }
}

/**
 * Control-variate interval (regression estimator): replication estimates `ys` adjusted by a
 * covariate `xs` whose expectation `xExpected` is known exactly, e.g. the offered load each run
 * actually drew. ŷ = ȳ − β̂(x̄ − E[x]), with β̂ the least-squares slope; the interval uses the
 * regression residuals and n − 2 degrees of freedom (exact for jointly normal estimates).
 */
export const controlVariateInterval = (
  ys: ReadonlyArray<number>, xs: ReadonlyArray<number>, xExpected: number, level: number
): ConfidenceInterval & { readonly beta: number } => {
  const n = ys.length
  if (n < 3 || xs.length !== n) throw new RangeError("a control-variate interval needs at least three paired estimates")
  const yBar = ys.reduce((s, y) => s + y, 0) / n
  const xBar = xs.reduce((s, x) => s + x, 0) / n
  let sxx = 0, sxy = 0
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - xBar) ** 2
    sxy += (xs[i]! - xBar) * (ys[i]! - yBar)
  }
  if (!(sxx > 0)) throw new RangeError("the control variate does not vary across replications")
  const beta = sxy / sxx
  let sse = 0
  for (let i = 0; i < n; i++) sse += (ys[i]! - yBar - beta * (xs[i]! - xBar)) ** 2
  const variance = (sse / (n - 2)) * (1 / n + (xBar - xExpected) ** 2 / sxx)
  const mean = yBar - beta * (xBar - xExpected)
  const halfWidth = studentTQuantile(1 - (1 - level) / 2, n - 2) * Math.sqrt(variance)
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth, n, beta }
}
