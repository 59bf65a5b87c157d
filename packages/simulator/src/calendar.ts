import { fromLocal, type Instant, parseClock, type Weekday, WEEKDAYS } from "@igv/domain"

/**
 * The scenario's local days, from the day before the first simulated day (night shifts that
 * started then) to two days after the last. Converting local wall-clock times through Intl is
 * slow, so each day's local midnight is computed once and a time of day on a 24-hour day is
 * midnight plus minutes; only DST-change days go through fromLocal for every conversion.
 */
export class LocalCalendar {
  readonly startT: Instant
  readonly endT: Instant
  private readonly midnights: Float64Array
  private readonly weekdays: Uint8Array
  private readonly dates: Array<[number, number, number]>

  constructor(startDate: string, readonly days: number, readonly timeZone: string) {
    const [y, m, d] = startDate.split("-").map(Number) as [number, number, number]
    const count = days + 4
    this.midnights = new Float64Array(count)
    this.weekdays = new Uint8Array(count)
    this.dates = []
    for (let i = 0; i < count; i++) {
      const date = new Date(Date.UTC(y, m - 1, d + i - 1))
      const ymd: [number, number, number] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]
      this.dates.push(ymd)
      this.weekdays[i] = (date.getUTCDay() + 6) % 7
      this.midnights[i] = fromLocal(ymd[0], ymd[1], ymd[2], 0, 0, timeZone)
    }
    this.startT = this.midnight(0)
    this.endT = this.midnight(days)
  }

  /** Local midnight starting day `day` (0 = the scenario's first day; -1 .. days + 2). */
  midnight(day: number): Instant {
    return this.midnights[day + 1] as number
  }

  /** 0 = Monday … 6 = Sunday. */
  weekday(day: number): number {
    return this.weekdays[day + 1] as number
  }

  /** "YYYY-MM-DD". */
  date(day: number): string {
    const [y, m, d] = this.dates[day + 1] as [number, number, number]
    return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`
  }

  /** The instant of a local time of day (minutes 0..1440 after midnight) on `day`, as fromLocal defines it across DST. */
  at(day: number, minuteOfDay: number): Instant {
    if (minuteOfDay >= 1440) return this.midnight(day + 1) + (minuteOfDay - 1440)
    const start = this.midnight(day)
    if (this.midnight(day + 1) - start === 1440) return start + minuteOfDay
    const [y, m, d] = this.dates[day + 1] as [number, number, number]
    const whole = Math.floor(minuteOfDay)
    return fromLocal(y, m, d, Math.floor(whole / 60), whole % 60, this.timeZone) + (minuteOfDay - whole)
  }
}

/** A local clock "HH:MM" as minutes after midnight (the scenario schema has already checked it). */
export const clockMinutes = (clock: string): number => parseClock(clock) ?? 0

export const weekdayMask = (weekdays: ReadonlyArray<Weekday>): number => {
  let mask = 0
  for (const w of weekdays) mask |= 1 << WEEKDAYS.indexOf(w)
  return mask
}

/**
 * Each occurrence of a local window (start, end; end ≤ start crosses midnight; the weekday is the
 * day the window starts), clipped to the horizon. Calls `each(startT, endT)` for non-empty ones.
 */
export const forEachWindow = (
  cal: LocalCalendar, weekdays: ReadonlyArray<Weekday>, start: string, end: string,
  each: (from: Instant, to: Instant) => void
): void => {
  const mask = weekdayMask(weekdays)
  const s = clockMinutes(start), e = clockMinutes(end)
  for (let day = -1; day < cal.days; day++) {
    if ((mask & (1 << cal.weekday(day))) === 0) continue
    const from = Math.max(cal.at(day, s), cal.startT)
    const to = Math.min(e <= s ? cal.at(day + 1, e) : cal.at(day, e), cal.endT)
    if (to > from) each(from, to)
  }
}

/** A step function of time: `counts[i]` holds from `times[i]` until `times[i + 1]`; 0 before `times[0]`. */
export interface Timeline {
  readonly times: Float64Array
  readonly counts: Int32Array
}

/** Sums windows of (from, to, n) into a step function with no redundant steps. */
export const timelineOf = (windows: ReadonlyArray<readonly [Instant, Instant, number]>): Timeline => {
  const changes: Array<[Instant, number]> = []
  for (const [from, to, n] of windows) {
    if (n === 0) continue
    changes.push([from, n], [to, -n])
  }
  changes.sort((x, y) => x[0] - y[0])
  const times: Array<number> = [], counts: Array<number> = []
  let count = 0
  for (let i = 0; i < changes.length;) {
    const t = (changes[i] as [number, number])[0]
    while (i < changes.length && (changes[i] as [number, number])[0] === t) count += (changes[i++] as [number, number])[1]
    if (counts.length === 0 ? count !== 0 : counts[counts.length - 1] !== count) {
      times.push(t)
      counts.push(count)
    }
  }
  return { times: Float64Array.from(times), counts: Int32Array.from(counts) }
}

/** The step's value at t (changes at exactly t included). */
export const countAt = (line: Timeline, t: Instant): number => {
  let lo = 0, hi = line.times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((line.times[mid] as number) <= t) lo = mid + 1
    else hi = mid
  }
  return lo === 0 ? 0 : (line.counts[lo - 1] as number)
}

/** The first change after t that brings the count to `atMost` or below (the end of a slot's duty); Infinity if none. */
export const nextDropTo = (line: Timeline, t: Instant, atMost: number): Instant => {
  let lo = 0, hi = line.times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((line.times[mid] as number) <= t) lo = mid + 1
    else hi = mid
  }
  for (let i = lo; i < line.times.length; i++) if ((line.counts[i] as number) <= atMost) return line.times[i] as number
  return Infinity
}
