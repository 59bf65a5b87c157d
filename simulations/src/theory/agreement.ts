import { confidenceInterval, controlVariateInterval } from "./stats.js"

/**
 * Confidence level of every simulation-vs-theory comparison. 99.9 % because a suite makes a few
 * dozen comparisons with fixed seeds: at 95 % one of them would be expected to fail by chance.
 */
export const CONFIDENCE = 0.999

export interface Agreement {
  readonly name: string
  readonly theory: number
  readonly measured: number
  readonly halfWidth: number
  /** Half-width relative to the theoretical value: the precision the run length bought. */
  readonly relativeHalfWidth: number
  readonly theoryInside: boolean
  readonly preciseEnough: boolean
}

/**
 * A control variate: per replication, a quantity whose expectation is known exactly (the offered load
 * the run drew: its sampled on-scene work over its length, expectation a). Runs that drew more work
 * wait longer; regressing that out narrows the interval without biasing it.
 */
export interface Control {
  readonly values: ReadonlyArray<number>
  readonly expected: number
}

/**
 * Compares independent replication estimates with theory: the theoretical value must lie inside the
 * CONFIDENCE interval of their mean (the simulator agrees), and that interval's half-width must be at
 * most `maxRelativeHalfWidth` of the theoretical value (the run was long enough for the first check to mean something).
 */
export const agreement = (
  name: string,
  estimates: ReadonlyArray<number>,
  theory: number,
  maxRelativeHalfWidth: number,
  control?: Control
): Agreement => {
  const ci =
    control === undefined
      ? confidenceInterval(estimates, CONFIDENCE)
      : controlVariateInterval(estimates, control.values, control.expected, CONFIDENCE)
  const relativeHalfWidth = ci.halfWidth / Math.abs(theory)
  return {
    name,
    theory,
    measured: ci.mean,
    halfWidth: ci.halfWidth,
    relativeHalfWidth,
    theoryInside: theory >= ci.low && theory <= ci.high,
    preciseEnough: relativeHalfWidth <= maxRelativeHalfWidth
  }
}

export const describeAgreement = (a: Agreement): string =>
  `${a.name}: theory ${a.theory.toPrecision(5)}, measured ${a.measured.toPrecision(5)} ± ${a.halfWidth.toPrecision(2)} ` +
  `(${(a.relativeHalfWidth * 100).toFixed(1)} % of theory, ${CONFIDENCE * 100} % CI)` +
  `${a.theoryInside ? "" : "  <-- THEORY OUTSIDE THE INTERVAL"}${a.preciseEnough ? "" : "  <-- INTERVAL TOO WIDE"}`
