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

/** Local hour of day for instants that come mostly in time order. */
export class LocalHours {
  private day = Number.NaN
  /** The zone's offset all through `day`, or NaN when it changes that day (DST). */
  private offset = 0

  constructor(readonly timeZone: string) {}

  hourOf(t: number): number {
    const day = Math.floor(t / DAY)
    if (day !== this.day) {
      this.day = day
      const start = dayStartOffset(this.timeZone, day)
      this.offset = start === dayStartOffset(this.timeZone, day + 1) ? start : Number.NaN
    }
    if (Number.isNaN(this.offset)) return toLocal(t, this.timeZone).hour
    const local = (((t + this.offset) % DAY) + DAY) % DAY
    return Math.floor(local / 60)
  }

  /** The zone's offset at `t` (minutes ahead of UTC). */
  offsetAt(t: number): number {
    this.hourOf(t)
    return Number.isNaN(this.offset) ? toLocal(t, this.timeZone).offsetMinutes : this.offset
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
