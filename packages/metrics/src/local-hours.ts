import { toLocal } from "@igv/domain"

const DAY = 1440

/**
 * The zone's offset at the start of each UTC day, shared by every projection in the process: a
 * zone lookup costs tens of microseconds, and replications of one scenario cover the same days.
 */
const dayStartOffsets = new Map<string, Map<number, number>>()

const dayStartOffset = (timeZone: string, day: number): number => {
  let days = dayStartOffsets.get(timeZone)
  if (days === undefined) {
    days = new Map()
    dayStartOffsets.set(timeZone, days)
  }
  let offset = days.get(day)
  if (offset === undefined) {
    offset = toLocal(day * DAY, timeZone).offsetMinutes
    days.set(day, offset)
  }
  return offset
}

/**
 * The first whole minute of a UTC day at which the zone's offset is no longer `before` (the day's one change, as in
 * every real zone; changes fall on whole minutes), found once per zone and day like the day-start offsets.
 */
const changes = new Map<string, Map<number, number>>()

const changeWithin = (timeZone: string, day: number, before: number): number => {
  let days = changes.get(timeZone)
  if (days === undefined) {
    days = new Map()
    changes.set(timeZone, days)
  }
  let at = days.get(day)
  if (at === undefined) {
    let lo = day * DAY,
      hi = lo + DAY
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1
      if (toLocal(mid, timeZone).offsetMinutes === before) lo = mid
      else hi = mid
    }
    at = hi
    days.set(day, at)
  }
  return at
}

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
      this.changeAt =
        this.before === this.after ? Number.POSITIVE_INFINITY : changeWithin(this.timeZone, day, this.before)
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
