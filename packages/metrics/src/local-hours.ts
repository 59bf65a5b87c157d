import { toLocal } from "@igv/domain"

const DAY = 1440
const WEEK = 7 * DAY

/** Per zone and UTC week, a figure computed once and shared by every projection in the process. */
const perZoneAndWeek = (compute: (timeZone: string, week: number) => number) => {
  const zones = new Map<string, Map<number, number>>()
  return (timeZone: string, week: number): number => {
    let weeks = zones.get(timeZone)
    if (weeks === undefined) {
      weeks = new Map()
      zones.set(timeZone, weeks)
    }
    let value = weeks.get(week)
    if (value === undefined) {
      value = compute(timeZone, week)
      weeks.set(week, value)
    }
    return value
  }
}

/**
 * The zone's offset at the start of each UTC week (counted from the epoch): a zone lookup costs tens of
 * microseconds, and replications of one scenario cover the same weeks.
 */
const weekStartOffset = perZoneAndWeek((timeZone, week) => toLocal(week * WEEK, timeZone).offsetMinutes)

/**
 * The first whole minute of a UTC week at which the zone's offset is no longer the week's start offset, for a week
 * whose offset changes: its one change, as in every real zone (changes months apart, on whole minutes).
 */
const changeWithin = perZoneAndWeek((timeZone, week) => {
  const before = weekStartOffset(timeZone, week)
  let lo = week * WEEK,
    hi = lo + WEEK
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (toLocal(mid, timeZone).offsetMinutes === before) lo = mid
    else hi = mid
  }
  return hi
})

/** Local hour of day for instants that come mostly in time order. */
export class LocalHours {
  private week = Number.NaN
  /** The zone's offset from the start of `week` until `changeAt`, `after` from then (changeAt Infinity: no change). */
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
    const week = Math.floor(t / WEEK)
    if (week !== this.week) {
      this.week = week
      this.before = weekStartOffset(this.timeZone, week)
      this.after = weekStartOffset(this.timeZone, week + 1)
      this.changeAt = this.before === this.after ? Number.POSITIVE_INFINITY : changeWithin(this.timeZone, week)
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
