/**
 * One time base everywhere: minutes since 1970-01-01T00:00Z as a float ("instant").
 * Feeds carry ISO 8601 timestamps with an explicit offset; shifts and profiles are in
 * local wall time (Europe/Stockholm by default), so DST changes make shifts an hour
 * longer or shorter, as they do for the officers working them.
 */
export type Instant = number

export const DEFAULT_TIME_ZONE = "Europe/Stockholm"

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})$/

/** Parses an ISO 8601 timestamp that states its offset; undefined when malformed or without offset (ambiguous across DST). */
export const parseInstant = (text: string): Instant | undefined => {
  const m = ISO_WITH_OFFSET.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined, string]
  const month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = s === undefined ? 0 : Number(s)
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined
  const ms = Date.UTC(Number(y), month - 1, day, hour, minute, second, frac === undefined ? 0 : Number(`0.${frac}`) * 1000)
  const check = new Date(ms)
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return undefined
  let offset = 0
  if (zone !== "Z") {
    const sign = zone[0] === "-" ? -1 : 1
    const digits = zone.slice(1).replace(":", "")
    const oh = Number(digits.slice(0, 2)), om = Number(digits.slice(2))
    if (oh > 18 || om > 59) return undefined
    offset = sign * (oh * 60 + om)
  }
  return ms / 60_000 - offset
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", second: "2-digit", weekday: "short"
    })
    formatters.set(timeZone, f)
  }
  return f
}

export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone)
    return true
  } catch {
    return false
  }
}

export interface LocalTime {
  readonly year: number
  readonly month: number
  readonly day: number
  readonly hour: number
  readonly minute: number
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number
  /** Minutes the zone is ahead of UTC at this instant. */
  readonly offsetMinutes: number
}

const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }

export const toLocal = (t: Instant, timeZone: string = DEFAULT_TIME_ZONE): LocalTime => {
  const wholeSeconds = Math.floor(t * 60)
  const parts = formatterFor(timeZone).formatToParts(new Date(wholeSeconds * 1000))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0"
  const year = Number(get("year")), month = Number(get("month")), day = Number(get("day"))
  const hour = Number(get("hour")), minute = Number(get("minute")), second = Number(get("second"))
  const asUtcSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000
  return {
    year, month, day, hour, minute,
    weekday: WEEKDAYS[get("weekday")] ?? 0,
    offsetMinutes: Math.round((asUtcSeconds - wholeSeconds) / 60)
  }
}

/**
 * The instant a local wall-clock time occurs. In the spring gap (02:00–03:00 does not exist)
 * the time is moved forward by the gap; in the autumn overlap the earlier occurrence is taken.
 */
export const fromLocal = (
  year: number, month: number, day: number, hour: number, minute: number,
  timeZone: string = DEFAULT_TIME_ZONE
): Instant => {
  const naive = Date.UTC(year, month - 1, day, hour, minute) / 60_000
  const before = toLocal(naive - 24 * 60, timeZone).offsetMinutes
  const after = toLocal(naive + 24 * 60, timeZone).offsetMinutes
  const candidates = [naive - Math.max(before, after), naive - Math.min(before, after)]
  for (const c of candidates) {
    const l = toLocal(c, timeZone)
    if (l.hour === hour && l.minute === minute && l.day === day) return c
  }
  // Nonexistent local time (spring forward): same wall-clock distance past the gap.
  return naive - Math.min(before, after)
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** ISO 8601 in local time with its offset, e.g. 2024-03-31T03:15:00+02:00; milliseconds when there are any, so an export re-reads to the same instant. */
export const formatInstant = (t: Instant, timeZone: string = DEFAULT_TIME_ZONE): string => {
  const totalMs = Math.round(t * 60_000)
  const l = toLocal(Math.floor(totalMs / 1000) / 60, timeZone)
  const seconds = Math.floor(totalMs / 1000) % 60
  const ms = totalMs % 1000
  const fraction = ms === 0 ? "" : `.${pad(ms, 3)}`
  const sign = l.offsetMinutes < 0 ? "-" : "+"
  const off = Math.abs(l.offsetMinutes)
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(seconds)}${fraction}${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
}

/** 0..167, Monday 00–01 local = 0. */
export const hourOfWeek = (t: Instant, timeZone: string = DEFAULT_TIME_ZONE): number => {
  const l = toLocal(t, timeZone)
  return l.weekday * 24 + l.hour
}

/** Parses "HH:MM" (00:00–24:00) into minutes after local midnight. */
export const parseClock = (text: string): number | undefined => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text)
  if (m === null) return undefined
  const h = Number(m[1]), mi = Number(m[2])
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return undefined
  return h * 60 + mi
}
