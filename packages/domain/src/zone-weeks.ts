import { type Instant, toLocal } from "./time.js"

/** Minutes in a week: weeks are counted from the epoch (1970-01-01T00:00Z, a Thursday), in UTC. */
export const WEEK_MINUTES = 7 * 1440

/**
 * A zone's UTC offset through one UTC week: `before` from the week's start, `after` from the minute `changeAt` on
 * (Infinity, and `after` = `before`, in a week without a change). Minutes the zone is ahead of UTC.
 */
export interface WeekOffsets {
  readonly before: number
  readonly changeAt: number
  readonly after: number
}

/** Per zone: the offset at the start of each week read so far, and each week's offsets. */
const zones = new Map<string, { readonly starts: Map<number, number>; readonly weeks: Map<number, WeekOffsets> }>()

const zoneOf = (timeZone: string) => {
  let zone = zones.get(timeZone)
  if (zone === undefined) {
    zone = { starts: new Map(), weeks: new Map() }
    zones.set(timeZone, zone)
  }
  return zone
}

const offsetAt = (t: Instant, timeZone: string): number => toLocal(t, timeZone).offsetMinutes

/**
 * The zone's offsets through UTC week `week`, read through Intl at the start of the week (shared with the week
 * before) and, in a week whose start and end differ, at the minute of its change, found by bisection. Each zone and
 * week is read once in a thread, whichever calendar or projection asks: a zone lookup costs microseconds, and
 * replications of a scenario cover the same weeks. Assumes a zone changes its offset at most once in any seven days,
 * as every real zone does (its changes months apart, on whole minutes).
 */
export const weekOffsets = (timeZone: string, week: number): WeekOffsets => {
  const zone = zoneOf(timeZone)
  let offsets = zone.weeks.get(week)
  if (offsets === undefined) {
    const startOffset = (w: number): number => {
      let offset = zone.starts.get(w)
      if (offset === undefined) {
        offset = offsetAt(w * WEEK_MINUTES, timeZone)
        zone.starts.set(w, offset)
      }
      return offset
    }
    const before = startOffset(week),
      after = startOffset(week + 1)
    offsets = {
      before,
      changeAt: before === after ? Number.POSITIVE_INFINITY : changeWithin(timeZone, week, before),
      after
    }
    zone.weeks.set(week, offsets)
  }
  return offsets
}

/** The first whole minute of the week at which the offset is no longer `before`. */
const changeWithin = (timeZone: string, week: number, before: number): Instant => {
  let lo = week * WEEK_MINUTES,
    hi = lo + WEEK_MINUTES
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (offsetAt(mid, timeZone) === before) lo = mid
    else hi = mid
  }
  return hi
}

/** The zone's offset at `t` (minutes ahead of UTC), through the week's offsets. */
export const zoneOffsetAt = (timeZone: string, t: Instant): number => {
  const offsets = weekOffsets(timeZone, Math.floor(t / WEEK_MINUTES))
  return t < offsets.changeAt ? offsets.before : offsets.after
}
