import {
  horizonOf,
  type Instant,
  parseClock,
  WEEK_MINUTES,
  type Weekday,
  WEEKDAYS,
  weekOffsets,
  zoneOffsetAt
} from "@igv/domain"

/**
 * The zone's UTC offset over a range of instants: its changes in the range, from the zone's week offsets (read
 * through Intl once a week per zone and thread, see `weekOffsets`), so that converting local times afterwards is
 * arithmetic. Assumes a zone changes its offset at most once in any seven days.
 */
class ZoneOffsets {
  private readonly changes: Array<number> = []
  private readonly offsets: Array<number> = []
  private readonly first: number

  constructor(timeZone: string, from: Instant, to: Instant) {
    const start = Math.floor(from),
      end = Math.ceil(to)
    this.first = zoneOffsetAt(timeZone, start)
    for (let week = Math.floor(start / WEEK_MINUTES); week * WEEK_MINUTES < end; week++) {
      const { changeAt, after } = weekOffsets(timeZone, week)
      if (changeAt > start && changeAt <= end) {
        this.changes.push(changeAt)
        this.offsets.push(after)
      }
    }
  }

  offsetAt(t: Instant): number {
    let offset = this.first
    for (let i = 0; i < this.changes.length && (this.changes[i] as number) <= t; i++) offset = this.offsets[i] as number
    return offset
  }

  /** The instant of a local wall-clock time given as naive minutes (as if UTC), resolved exactly as fromLocal does. */
  instantOf(naive: number): Instant {
    const before = this.offsetAt(naive - 1440),
      after = this.offsetAt(naive + 1440)
    const early = naive - Math.max(before, after),
      late = naive - Math.min(before, after)
    if (early + this.offsetAt(early) === naive) return early
    if (late + this.offsetAt(late) === naive) return late
    return late // in the spring gap: the same wall-clock distance past it
  }
}

/**
 * The scenario's local days, from the day before the first simulated day (night shifts that
 * started then) to two days after the last, with each day's local midnight and weekday.
 */
export class LocalCalendar {
  readonly startT: Instant
  readonly endT: Instant
  private readonly naiveMidnights: Float64Array
  private readonly midnights: Float64Array
  private readonly weekdays: Uint8Array
  private readonly months: Uint8Array
  /** Each day's "YYYY-MM-DD", written the first time it is asked for (a ten-year run asks for few). */
  private readonly dates: Array<string | undefined>
  private readonly zone: ZoneOffsets

  constructor(
    startDate: string,
    readonly days: number,
    readonly timeZone: string
  ) {
    const [y, m, d] = startDate.split("-").map(Number) as [number, number, number]
    const count = days + 4
    const firstNaive = Date.UTC(y, m - 1, d - 1) / 60_000
    this.zone = new ZoneOffsets(timeZone, firstNaive - 2 * 1440, firstNaive + (count + 2) * 1440)
    this.naiveMidnights = new Float64Array(count)
    this.midnights = new Float64Array(count)
    this.weekdays = new Uint8Array(count)
    this.months = new Uint8Array(count)
    this.dates = new Array<string | undefined>(count).fill(undefined)
    for (let i = 0; i < count; i++) {
      const date = new Date(Date.UTC(y, m - 1, d + i - 1))
      this.weekdays[i] = (date.getUTCDay() + 6) % 7
      this.months[i] = date.getUTCMonth()
      this.naiveMidnights[i] = date.getTime() / 60_000
      this.midnights[i] = this.zone.instantOf(this.naiveMidnights[i] as number)
    }
    const horizon = horizonOf({ start: startDate, days, timeZone })
    this.startT = horizon.startT
    this.endT = horizon.endT
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
    let date = this.dates[day + 1]
    if (date === undefined)
      this.dates[day + 1] = date = new Date((this.naiveMidnights[day + 1] as number) * 60_000)
        .toISOString()
        .slice(0, 10)
    return date
  }

  /** The local month, 0 = January. */
  month(day: number): number {
    return this.months[day + 1] as number
  }

  /** The instant of a local time of day (minutes 0..1440 after midnight) on `day`, as fromLocal resolves it across DST. */
  at(day: number, minuteOfDay: number): Instant {
    if (minuteOfDay >= 1440) return this.midnight(day + 1) + (minuteOfDay - 1440)
    const start = this.midnight(day)
    if (this.midnight(day + 1) - start === 1440) return start + minuteOfDay
    const whole = Math.floor(minuteOfDay)
    return this.zone.instantOf((this.naiveMidnights[day + 1] as number) + whole) + (minuteOfDay - whole)
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
 * day the window starts), clipped to the horizon. Calls `each(startT, endT)` for non-empty ones,
 * on the days `onDay` allows (every day if omitted).
 */
export const forEachWindow = (
  cal: LocalCalendar,
  weekdays: ReadonlyArray<Weekday>,
  start: string,
  end: string,
  each: (from: Instant, to: Instant, day: number) => void,
  onDay?: (day: number) => boolean
): void => {
  const mask = weekdayMask(weekdays)
  const s = clockMinutes(start),
    e = clockMinutes(end)
  for (let day = -1; day < cal.days; day++) {
    if ((mask & (1 << cal.weekday(day))) === 0 || (onDay !== undefined && !onDay(day))) continue
    const from = Math.max(cal.at(day, s), cal.startT)
    const to = Math.min(e <= s ? cal.at(day + 1, e) : cal.at(day, e), cal.endT)
    if (to > from) each(from, to, day)
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
  const times: Array<number> = [],
    counts: Array<number> = []
  let count = 0
  for (let i = 0; i < changes.length; ) {
    const t = (changes[i] as [number, number])[0]
    while (i < changes.length && (changes[i] as [number, number])[0] === t)
      count += (changes[i++] as [number, number])[1]
    if (counts.length === 0 ? count !== 0 : counts[counts.length - 1] !== count) {
      times.push(t)
      counts.push(count)
    }
  }
  return { times: Float64Array.from(times), counts: Int32Array.from(counts) }
}

/** How many of the ascending `times` are at or before t (binary search). */
export const countUpTo = (times: Float64Array, t: Instant): number => {
  let lo = 0,
    hi = times.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if ((times[mid] as number) <= t) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** The step's value at t (changes at exactly t included). */
export const countAt = (line: Timeline, t: Instant): number => {
  const upTo = countUpTo(line.times, t)
  return upTo === 0 ? 0 : (line.counts[upTo - 1] as number)
}

/**
 * The first change from the `from`-th on that brings the count to `atMost` or below; Infinity if none. From
 * `countUpTo(line.times, t)`, the first after t: the end of a duty that slot `atMost` is on at t.
 */
export const nextDropTo = (line: Timeline, from: number, atMost: number): Instant => {
  for (let i = from; i < line.times.length; i++)
    if ((line.counts[i] as number) <= atMost) return line.times[i] as number
  return Infinity
}
