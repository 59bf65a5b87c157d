import { fromLocal, toLocal, type Instant } from "@igv/domain"

/**
 * The fitted window cut into local clock hours, as the simulator cuts its horizon: hour k runs from
 * starts[k] to starts[k + 1] (the spring DST hour has zero length, the autumn one 120 minutes), with its
 * hour of the week (Monday 00–01 = 0), month (0–11) and local day. Built with a few Intl calls per day, so
 * placing a million events is a pointer walk, not a time-zone conversion each.
 */
export class LocalHours {
  readonly starts: Float64Array
  readonly hourOfWeek: Uint8Array
  readonly month: Uint8Array
  /** Local dates "YYYY-MM-DD" and weekdays (0 = Monday) of the days, in order; day d holds hours 24d … 24d + 23. */
  readonly dates: ReadonlyArray<string>
  readonly weekdays: Uint8Array
  readonly from: Instant
  readonly to: Instant

  /** The local days from the one holding `from` to the one before `to` (or holding it, when `to` is not a midnight). */
  constructor(
    from: Instant,
    to: Instant,
    readonly timeZone: string
  ) {
    const first = toLocal(from, timeZone)
    const dates: string[] = []
    const starts: number[] = []
    const hourOfWeek: number[] = [],
      month: number[] = [],
      weekdays: number[] = []
    let day = new Date(Date.UTC(first.year, first.month - 1, first.day))
    let midnight = fromLocal(first.year, first.month, first.day, 0, 0, timeZone)
    while (midnight < to) {
      const y = day.getUTCFullYear(),
        m = day.getUTCMonth() + 1,
        dd = day.getUTCDate()
      const next = new Date(Date.UTC(y, m - 1, dd + 1))
      const nextMidnight = fromLocal(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone)
      const weekday = (day.getUTCDay() + 6) % 7
      const regular = nextMidnight - midnight === 1440
      for (let h = 0; h < 24; h++) {
        starts.push(regular ? midnight + h * 60 : fromLocal(y, m, dd, h, 0, timeZone))
        hourOfWeek.push(weekday * 24 + h)
        month.push(m - 1)
      }
      dates.push(`${y}-${String(m).padStart(2, "0")}-${String(dd).padStart(2, "0")}`)
      weekdays.push(weekday)
      day = next
      midnight = nextMidnight
    }
    starts.push(midnight)
    this.starts = Float64Array.from(starts)
    this.hourOfWeek = Uint8Array.from(hourOfWeek)
    this.month = Uint8Array.from(month)
    this.weekdays = Uint8Array.from(weekdays)
    this.dates = dates
    this.from = from
    this.to = to
  }

  get hours(): number {
    return this.hourOfWeek.length
  }

  get days(): number {
    return this.dates.length
  }

  /** Hours of hour k inside the window [from, to). */
  exposure(k: number): number {
    const a = Math.max(this.starts[k] as number, this.from),
      b = Math.min(this.starts[k + 1] as number, this.to)
    return Math.max(0, b - a) / 60
  }

  /** The hour holding t, by bisection; -1 outside the grid. */
  hourOf(t: Instant): number {
    const s = this.starts
    if (t < (s[0] as number) || t >= (s[s.length - 1] as number)) return -1
    let lo = 0,
      hi = s.length - 1
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1
      if ((s[mid] as number) <= t) lo = mid
      else hi = mid
    }
    return lo
  }

  /** The instant of a local time of day d (minutes after midnight), resolved as the simulator resolves it. */
  at(d: number, minuteOfDay: number): Instant {
    const hour = Math.floor(minuteOfDay / 60)
    const start = this.starts[d * 24 + hour] as number
    return start + (minuteOfDay - hour * 60)
  }

  /** The local day (index) and minute of day of t, or undefined outside the grid. */
  localOf(t: Instant): { readonly day: number; readonly minute: number } | undefined {
    const k = this.hourOf(t)
    if (k < 0) return undefined
    return { day: Math.floor(k / 24), minute: (k % 24) * 60 + (t - (this.starts[k] as number)) }
  }
}
