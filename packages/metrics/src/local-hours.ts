import { WEEK_MINUTES, type WeekOffsets, weekOffsets } from "@igv/domain"

const DAY = 1440

/** Local hour of day for instants that come mostly in time order. */
export class LocalHours {
  /** The week last asked about and its offsets: instants come mostly in time order, so mostly the same week. */
  private week = Number.NaN
  private offsets: WeekOffsets | undefined

  constructor(readonly timeZone: string) {}

  hourOf(t: number): number {
    const local = (((t + this.offsetAt(t)) % DAY) + DAY) % DAY
    return Math.floor(local / 60)
  }

  /** The zone's offset at `t` (minutes ahead of UTC). */
  offsetAt(t: number): number {
    const week = Math.floor(t / WEEK_MINUTES)
    let offsets = this.offsets
    if (week !== this.week || offsets === undefined) {
      offsets = this.offsets = weekOffsets(this.timeZone, week)
      this.week = week
    }
    return t < offsets.changeAt ? offsets.before : offsets.after
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
