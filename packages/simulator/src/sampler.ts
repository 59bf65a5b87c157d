import type { ServiceModel, TravelModel } from "@igv/domain"
import { normalQuantile, type Rng } from "./rng.js"

/** z of the 90th percentile: sigma = ln(p90 / median) / Z90. */
const Z90 = 1.2815515655446004

const FIXED = 0
const EXPONENTIAL = 1
const LOGNORMAL = 2
const EMPIRICAL = 3

/** A duration distribution in one monomorphic shape, so drawing is a switch, not a closure call. */
export interface Sampler {
  readonly kind: number
  readonly p1: number
  readonly p2: number
  readonly values: Float64Array
}

const NONE = new Float64Array(0)

export const samplerOf = (model: ServiceModel | TravelModel): Sampler => {
  switch (model._tag) {
    case "fixed":
      return { kind: FIXED, p1: model.minutes, p2: 0, values: NONE }
    case "exponential":
      return { kind: EXPONENTIAL, p1: model.meanMinutes, p2: 0, values: NONE }
    case "lognormal":
      return {
        kind: LOGNORMAL,
        p1: Math.log(model.medianMinutes),
        p2: Math.log(model.p90Minutes / model.medianMinutes) / Z90,
        values: NONE
      }
    case "empirical":
      return { kind: EMPIRICAL, p1: 0, p2: 0, values: Float64Array.from(model.minutes) }
  }
}

/** The model's u-quantile (u in (0, 1)): lets a draw be made early and the model chosen later. */
export const quantile = (s: Sampler, u: number): number => {
  switch (s.kind) {
    case FIXED:
      return s.p1
    case EXPONENTIAL:
      return -s.p1 * Math.log(1 - u)
    case LOGNORMAL:
      return Math.exp(s.p1 + s.p2 * normalQuantile(u))
    default: {
      const i = Math.floor(u * s.values.length)
      return s.values[i < s.values.length ? i : s.values.length - 1] as number
    }
  }
}

/** One draw; every kind but "fixed" consumes exactly one uniform, "fixed" none. */
export const sample = (s: Sampler, rng: Rng): number => (s.kind === FIXED ? s.p1 : quantile(s, rng.uniform()))
