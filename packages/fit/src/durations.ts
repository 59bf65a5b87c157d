import {
  fitLognormal,
  kolmogorovSmirnov,
  lognormalCdf,
  medianInterval,
  quantileOfSorted,
  sorted,
  Z90,
  type Interval
} from "./stats.js"

/** Fewer positive durations than this: no fit of their own. */
export const MIN_DURATIONS = 10
/** At least this many on-scene times: the empirical distribution (as quantiles) rather than a lognormal. */
export const EMPIRICAL_FROM = 200
/** How many quantiles an empirical fit keeps: enough to resample the shape, never the raw values. */
export const EMPIRICAL_QUANTILES = 100

export type DurationModel =
  | { readonly _tag: "fixed"; readonly minutes: number }
  | { readonly _tag: "lognormal"; readonly medianMinutes: number; readonly p90Minutes: number }
  | { readonly _tag: "empirical"; readonly minutes: ReadonlyArray<number> }

export interface FittedDurations {
  readonly model: DurationModel
  /** Positive durations the fit rests on, and zeros left out (the models need positive minutes). */
  readonly n: number
  readonly zeros: number
  readonly median: number
  readonly medianInterval: Interval
  readonly p90: number
  /** Kolmogorov–Smirnov distance and p-value of the lognormal fit (also given beside an empirical one). */
  readonly ks: { readonly d: number; readonly p: number } | undefined
  /** The lognormal's log-scale standard deviation. */
  readonly sigma: number | undefined
}

const round = (x: number, digits = 2) => Number(x.toFixed(digits))

/**
 * Fits durations: fixed when they are all equal, the empirical distribution (its `EMPIRICAL_QUANTILES`
 * mid-quantiles) from `empiricalFrom` values up when allowed, otherwise a maximum-likelihood lognormal.
 * Undefined below `MIN_DURATIONS` positive values.
 */
export function fitDurations(
  values: ReadonlyArray<number>,
  options: { readonly empiricalFrom?: number } = {}
): FittedDurations | undefined {
  const all = sorted(values)
  let zeros = 0
  while (zeros < all.length && (all[zeros] as number) <= 0) zeros++
  const s = all.subarray(zeros)
  if (s.length < MIN_DURATIONS) return undefined
  const median = quantileOfSorted(s, 0.5),
    p90 = quantileOfSorted(s, 0.9)
  const base = { n: s.length, zeros, median, medianInterval: medianInterval(s), p90 }
  if ((s[0] as number) === (s[s.length - 1] as number))
    return { ...base, model: { _tag: "fixed", minutes: s[0] as number }, ks: undefined, sigma: undefined }
  const lognormal = fitLognormal(s)
  const ks = kolmogorovSmirnov(s, lognormalCdf(lognormal))
  if (options.empiricalFrom !== undefined && s.length >= options.empiricalFrom) {
    const minutes = Array.from({ length: EMPIRICAL_QUANTILES }, (_, i) =>
      round(quantileOfSorted(s, (i + 0.5) / EMPIRICAL_QUANTILES))
    )
    return {
      ...base,
      model: { _tag: "empirical", minutes: minutes.map((m) => Math.max(m, 0.01)) },
      ks,
      sigma: lognormal.sigma
    }
  }
  const medianMinutes = round(Math.exp(lognormal.mu)),
    p90Minutes = round(Math.exp(lognormal.mu + Z90 * lognormal.sigma))
  return {
    ...base,
    model: {
      _tag: "lognormal",
      medianMinutes: Math.max(medianMinutes, 0.01),
      p90Minutes: Math.max(p90Minutes, medianMinutes, 0.01)
    },
    ks,
    sigma: lognormal.sigma
  }
}
