import { toLocal } from "@igv/domain"

const DAY = 1440

/** Per zone and UTC day, a figure computed once and shared by every projection in the process. */
const perZoneAndDay = (compute: (timeZone: string, day: number) => number) => {
  const zones = new Map<string, Map<number, number>>()
  return (timeZone: string, day: number): number => {
    let days = zones.get(timeZone)
    if (days === undefined) {
      days = new Map()
      zones.set(timeZone, days)
    }
    let value = days.get(day)
    if (value === undefined) {
      value = compute(timeZone, day)
      days.set(day, value)
    }
    return value
  }
}

/**
 * The zone's offset at the start of each UTC day: a zone lookup costs tens of microseconds, and replications of one
 * scenario cover the same days.
 */
const dayStartOffset = perZoneAndDay((timeZone, day) => toLocal(day * DAY, timeZone).offsetMinutes)

/**
 * The first whole minute of a UTC day at which the zone's offset is no longer the day's start offset (the day's one
 * change, as in every real zone; changes fall on whole minutes), for a day whose offset changes.
 */
const changeWithin = perZoneAndDay((timeZone, day) => {
  const before = dayStartOffset(timeZone, day)
  let lo = day * DAY,
    hi = lo + DAY
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1
    if (toLocal(mid, timeZone).offsetMinutes === before) lo = mid
    else hi = mid
  }
  return hi
})

/** Local hour of day for instants that come mostly in time order. */
export class LocalHours {
  private day = Number.NaN
  /** The zone's offset from the start of `day` until `changeAt`, `after` from then (changeAt Infinity: no change). */
  private before = 0
  private after = 0
  private changeAt = Number.POSITIVE_INFINITY

  constructor(readonly timeZone: string) {}

  hourOf(t: number): number {
    const local = (((t + this.offsetAt(t)) % DAY) + DAY) % DAY
    return Math.floor(local / 60)
  }

  /** The zone's offset at `t` (minutes ahead of UTC). */
  offsetAt(t: number): number {
    const day = Math.floor(t / DAY)
    if (day !== this.day) {
      this.day = day
      this.before = dayStartOffset(this.timeZone, day)
      this.after = dayStartOffset(this.timeZone, day + 1)
      this.changeAt = this.before === this.after ? Number.POSITIVE_INFINITY : changeWithin(this.timeZone, day)
    }
    return t < this.changeAt ? this.before : this.after
  }

  /**
   * Adds the minutes of [from, to) to `byHour` by local hour of day, a local hour at a time; the
   * offset is looked up again at every step, so a stretch across a DST change lands where the clock says.
   */
  spread(from: number, to: number, byHour: Float64Array): void {
    let u = from
    while (u < to) {
      const offset = this.offsetAt(u)
      const local = u + offset
      const hourStart = Math.floor(local / 60) * 60
      const next = Math.min(hourStart + 60 - offset, to)
      byHour[Math.floor((((hourStart % DAY) + DAY) % DAY) / 60)]! += next - u
      u = next
    }
  }
}
