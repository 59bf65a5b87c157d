import type { DemandStream, Instant } from "@igv/domain"
import type { LocalCalendar } from "./calendar.js"
import { Rng, streamKey } from "./rng.js"
import { type Sampler, samplerOf } from "./sampler.js"

/**
 * The horizon cut into local clock hours: hour k runs from starts[k] to starts[k + 1] and has
 * hour-of-week hourOfWeek[k] (Monday 00–01 = 0) and local month month[k] (January = 0). On the spring DST night the missing hour has
 * zero length; on the autumn night the repeated hour lasts 120 minutes.
 */
export interface HourGrid {
  readonly starts: Float64Array
  readonly hourOfWeek: Uint8Array
  readonly month: Uint8Array
}

export const hourGridOf = (cal: LocalCalendar): HourGrid => {
  const hours = cal.days * 24
  const starts = new Float64Array(hours + 1)
  const hourOfWeek = new Uint8Array(hours)
  const month = new Uint8Array(hours)
  for (let day = 0; day < cal.days; day++) {
    const m = cal.month(day)
    for (let h = 0; h < 24; h++) {
      starts[day * 24 + h] = cal.at(day, h * 60)
      hourOfWeek[day * 24 + h] = cal.weekday(day) * 24 + h
      month[day * 24 + h] = m
    }
  }
  starts[hours] = cal.endT
  return { starts, hourOfWeek, month }
}

/** A stream's month-of-year factors: its 12 weights scaled to average 1, or all 1 without a profile. */
export const monthFactors = (spec: DemandStream): Float64Array => {
  const weights = spec.monthOfYearProfile
  if (weights === undefined) return new Float64Array(12).fill(1)
  const total = weights.reduce((s, w) => s + w, 0)
  return Float64Array.from(weights, (w) => (w * 12) / total)
}

/**
 * One synthetic stream (area, priority): a non-homogeneous Poisson process with a rate that is
 * constant within each local hour, drawn by inverting the cumulative rate: one exponential per
 * arrival, walking the hour grid. Its own random streams for arrivals, on-scene time, units, the
 * handled-otherwise draw and travel.
 */
export class ArrivalStream {
  /** Incidents per minute in each hour of the week. */
  private readonly rates: Float64Array
  /** Factor on the rate in each local month. */
  private readonly months: Float64Array
  readonly service: Sampler
  readonly arrivals: Rng
  readonly onScene: Rng
  readonly units: Rng
  readonly otherwise: Rng
  /** One uniform per unit, drawn at registration; the travel model is applied when a patrol is sent. */
  readonly travel: Rng
  readonly twoUnitShare: number
  private hour = 0

  constructor(
    readonly area: number,
    readonly prio: 1 | 2 | 3,
    // What the stream is built from, kept so that another thread can build the same stream (see call-draws).
    readonly spec: DemandStream,
    readonly grid: HourGrid,
    readonly seeds: readonly [number, number],
    /** Which stream of this area and priority (0 for the first): keeps keys unique if a scenario has several. */
    readonly occurrence: number
  ) {
    const weights = spec.hourOfWeekProfile
    const total = weights === undefined ? 168 : weights.reduce((s, w) => s + w, 0)
    this.rates = new Float64Array(168)
    for (let h = 0; h < 168; h++) {
      const w = weights === undefined ? 1 : (weights[h] as number)
      this.rates[h] = (spec.perDay / 1440) * ((w * 168) / total)
    }
    this.months = monthFactors(spec)
    this.service = samplerOf(spec.service)
    this.twoUnitShare = spec.twoUnitShare
    const key = (purpose: string) => new Rng(streamKey(seeds[0], seeds[1], spec.area, prio, occurrence, purpose))
    this.arrivals = key("arrivals")
    this.onScene = key("on-scene")
    this.units = key("units")
    this.otherwise = key("handled-otherwise")
    this.travel = key("travel")
  }

  /** The next arrival after t, or Infinity past the horizon. */
  next(t: Instant): Instant {
    const starts = this.grid.starts,
      how = this.grid.hourOfWeek,
      month = this.grid.month,
      rates = this.rates,
      months = this.months
    const hours = how.length
    let hour = this.hour
    while (hour < hours && (starts[hour + 1] as number) <= t) hour++
    let work = -Math.log(this.arrivals.uniform())
    let at = t
    while (hour < hours) {
      const end = starts[hour + 1] as number
      const rate = (rates[how[hour] as number] as number) * (months[month[hour] as number] as number)
      const capacity = (end - at) * rate
      if (rate > 0 && work <= capacity) {
        this.hour = hour
        const next = at + work / rate
        return Math.min(next, end)
      }
      work -= capacity
      hour++
      at = end
    }
    this.hour = hours
    return Infinity
  }
}
