/**
 * Small-sample statistics for comparing independent simulation replications (or batch means) to theory:
 * a Student-t confidence interval for the mean of a handful of replication estimates.
 */

import { studentTQuantile } from "@igv/metrics"

export { logGamma, studentTCdf, studentTQuantile } from "@igv/metrics"

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
  ys: ReadonlyArray<number>,
  xs: ReadonlyArray<number>,
  xExpected: number,
  level: number
): ConfidenceInterval & { readonly beta: number } => {
  const n = ys.length
  if (n < 3 || xs.length !== n) throw new RangeError("a control-variate interval needs at least three paired estimates")
  const yBar = ys.reduce((s, y) => s + y, 0) / n
  const xBar = xs.reduce((s, x) => s + x, 0) / n
  let sxx = 0,
    sxy = 0
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
