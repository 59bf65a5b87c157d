/**
 * One time base everywhere: minutes since 1970-01-01T00:00Z as a float ("instant").
 * Feeds carry ISO 8601 timestamps with an explicit offset; shifts and profiles are in
 * local wall time (Europe/Stockholm by default), so DST changes make shifts an hour
 * longer or shorter, as they do for the officers working them.
 */
import type { Decoded } from "./errors.js"

export type Instant = number

export const DEFAULT_TIME_ZONE = "Europe/Stockholm"

/** The digit at `i` as a number, or -1 (also past the end: NaN fails both comparisons). */
const digitAt = (text: string, i: number): number => {
  const d = text.charCodeAt(i) - 48
  return d >= 0 && d <= 9 ? d : -1
}

/** Two digits at `i` as a number, or -1. */
const twoDigitsAt = (text: string, i: number): number => {
  const a = digitAt(text, i),
    b = digitAt(text, i + 1)
  return a < 0 || b < 0 ? -1 : a * 10 + b
}

const COLON = 58,
  MINUS = 45,
  PLUS = 43,
  DOT = 46

/**
 * Parses an ISO 8601 timestamp that states its offset: `YYYY-MM-DD(T| )hh:mm[:ss[.f{1,9}]](Z|±hh[:]mm)`;
 * undefined when malformed or without offset (ambiguous across DST). Read character by character rather than
 * with a regular expression: ingest parses one per feed row, and the match's substrings cost more than the rest.
 */
export const parseInstant = (text: string): Instant | undefined => {
  const y0 = twoDigitsAt(text, 0),
    y1 = twoDigitsAt(text, 2)
  const month = twoDigitsAt(text, 5),
    day = twoDigitsAt(text, 8),
    hour = twoDigitsAt(text, 11),
    minute = twoDigitsAt(text, 14)
  const sep = text[10]
  if (
    y0 < 0 ||
    y1 < 0 ||
    month < 0 ||
    day < 0 ||
    hour < 0 ||
    minute < 0 ||
    text.charCodeAt(4) !== MINUS ||
    text.charCodeAt(7) !== MINUS ||
    (sep !== "T" && sep !== " ") ||
    text.charCodeAt(13) !== COLON
  )
    return undefined
  let i = 16
  let second = 0,
    millis = 0
  if (text.charCodeAt(i) === COLON) {
    second = twoDigitsAt(text, i + 1)
    if (second < 0) return undefined
    i += 3
    if (text.charCodeAt(i) === DOT) {
      let end = i + 1
      while (end < text.length && end - i <= 9 && digitAt(text, end) >= 0) end++
      if (end === i + 1 || digitAt(text, end) >= 0) return undefined
      millis = Number(`0.${text.slice(i + 1, end)}`) * 1000
      i = end
    }
  }
  let offset = 0
  const zone = text.charCodeAt(i)
  if (zone === 90 /* Z */) {
    if (i + 1 !== text.length) return undefined
  } else if (zone === PLUS || zone === MINUS) {
    const oh = twoDigitsAt(text, i + 1)
    const j = text.charCodeAt(i + 3) === COLON ? i + 4 : i + 3
    const om = twoDigitsAt(text, j)
    if (oh < 0 || om < 0 || j + 2 !== text.length || oh > 18 || om > 59) return undefined
    offset = (zone === MINUS ? -1 : 1) * (oh * 60 + om)
  } else return undefined
  const year = y0 * 100 + y1
  if (hour > 23 || minute > 59 || second > 59 || dateProblem(year, month, day) !== undefined) return undefined
  // Years are 1970 or later here, so Date.UTC's reading of 0–99 as 1900–1999 cannot apply.
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) / 60_000 - offset
}

/** The years a date may name: the time base starts in 1970, and a year such as 0024 is a typing error, not the first century. */
export const MIN_YEAR = 1970
export const MAX_YEAR = 9999

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December"
]

const daysInMonth = (year: number, month: number): number =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31

/** What is wrong with a calendar date (the rule it breaks), or undefined when the day exists. */
const dateProblem = (year: number, month: number, day: number): string | undefined => {
  if (year < MIN_YEAR || year > MAX_YEAR) return `the year must be from ${MIN_YEAR} to ${MAX_YEAR}`
  if (month < 1 || month > 12) return "the month must be from 01 to 12"
  const days = daysInMonth(year, month)
  if (day < 1 || day > days) return `${MONTH_NAMES[month - 1]} ${year} has days 01 to ${days}`
  return undefined
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/
const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/

export interface CalendarDay {
  readonly year: number
  readonly month: number
  readonly day: number
}

/** A local calendar date "YYYY-MM-DD" that exists (no 2024-02-30, no year 0024), or the rule it breaks. */
export const parseLocalDate = (text: string): CalendarDay | string => {
  const m = DATE.exec(text)
  if (m === null) return `a date must be "YYYY-MM-DD"`
  const year = Number(m[1]),
    month = Number(m[2]),
    day = Number(m[3])
  return dateProblem(year, month, day) ?? { year, month, day }
}

/** The forms a person may type for a point in time, for messages. */
export const TIME_INPUT_FORMS =
  "a date (2024-03-01, local midnight), a local time (2024-03-01T06:00) or ISO 8601 with an offset (2024-03-01T06:00:00+01:00)"

/**
 * A point in time as the CLI's options and the API's queries take it: `2024-03-01` (local midnight in `timeZone`),
 * `2024-03-01T06:00` (local wall time; in the autumn overlap the earlier hour) or ISO 8601 with an offset.
 * Impossible dates and times (2024-04-32, 24:30, year 0024) are refused with the rule they break, never rolled over.
 */
export const parseTimeInput = (text: string, timeZone: string = DEFAULT_TIME_ZONE): Decoded<Instant> => {
  const exact = parseInstant(text)
  if (exact !== undefined) return { ok: true, value: exact }
  const m = DATE.exec(text) ?? LOCAL_DATE_TIME.exec(text) ?? WITH_OFFSET.exec(text)
  if (m === null) return { ok: false, issues: [{ path: "", message: `must be ${TIME_INPUT_FORMS}` }] }
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number
  ]
  const problem =
    dateProblem(year, month, day) ??
    (hour > 23 || minute > 59 || second > 59 ? "the time of day must be from 00:00 to 23:59" : undefined) ??
    // Only the offset is left for parseInstant to have refused.
    (WITH_OFFSET.test(text) ? "the offset must be from -18:00 to +18:00" : undefined)
  return problem !== undefined
    ? { ok: false, issues: [{ path: "", message: problem }] }
    : { ok: true, value: fromLocal(year, month, day, hour, minute, timeZone) }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      weekday: "short"
    })
    formatters.set(timeZone, f)
  }
  return f
}

/** Zones that are UTC itself: their local time is the instant's own, read without ICU's date formatter (~20 ms to start). */
const UTC_ZONES: ReadonlySet<string> = new Set(["UTC", "Etc/UTC"])

export const isValidTimeZone = (timeZone: string): boolean => {
  if (UTC_ZONES.has(timeZone)) return true
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

const utcTime = (d: Date): LocalTime => ({
  year: d.getUTCFullYear(),
  month: d.getUTCMonth() + 1,
  day: d.getUTCDate(),
  hour: d.getUTCHours(),
  minute: d.getUTCMinutes(),
  weekday: (d.getUTCDay() + 6) % 7,
  offsetMinutes: 0
})

export const toLocal = (t: Instant, timeZone: string = DEFAULT_TIME_ZONE): LocalTime => {
  const wholeSeconds = Math.floor(t * 60)
  if (UTC_ZONES.has(timeZone)) return utcTime(new Date(wholeSeconds * 1000))
  const parts = formatterFor(timeZone).formatToParts(new Date(wholeSeconds * 1000))
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0"
  const year = Number(get("year")),
    month = Number(get("month")),
    day = Number(get("day"))
  const hour = Number(get("hour")),
    minute = Number(get("minute")),
    second = Number(get("second"))
  const asUtcSeconds = Date.UTC(year, month - 1, day, hour, minute, second) / 1000
  return {
    year,
    month,
    day,
    hour,
    minute,
    weekday: WEEKDAYS[get("weekday")] ?? 0,
    offsetMinutes: Math.round((asUtcSeconds - wholeSeconds) / 60)
  }
}

/**
 * The instant a local wall-clock time occurs. In the spring gap (02:00–03:00 does not exist)
 * the time is moved forward by the gap; in the autumn overlap the earlier occurrence is taken.
 */
export const fromLocal = (
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
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

/** The simulated horizon, in minutes since the epoch: local midnight of the first day … local midnight `days` later. */
export interface Horizon {
  readonly startT: Instant
  readonly endT: Instant
}

/** The horizon the engine simulates for a scenario's first day, days and time zone (what `LocalCalendar` holds). */
export const horizonOf = (scenario: {
  readonly start: string
  readonly days: number
  readonly timeZone: string
}): Horizon => {
  const [y, m, d] = scenario.start.split("-").map(Number) as [number, number, number]
  const end = new Date(Date.UTC(y, m - 1, d + scenario.days))
  return {
    startT: fromLocal(y, m, d, 0, 0, scenario.timeZone),
    endT: fromLocal(end.getUTCFullYear(), end.getUTCMonth() + 1, end.getUTCDate(), 0, 0, scenario.timeZone)
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0")

/** ISO 8601 in local time with its offset, e.g. 2024-03-31T03:15:00+02:00; milliseconds when there are any, so an export re-reads to the same instant. */
export const formatInstant = (t: Instant, timeZone: string = DEFAULT_TIME_ZONE): string => {
  const totalMs = Math.round(t * 60_000)
  const l = toLocal(Math.floor(totalMs / 1000) / 60, timeZone)
  const seconds = Math.floor(totalMs / 1000) % 60
  const ms = totalMs % 1000
  const fraction = ms === 0 ? "" : `.${pad(ms, 3)}`
  return `${l.year}-${pad(l.month)}-${pad(l.day)}T${pad(l.hour)}:${pad(l.minute)}:${pad(seconds)}${fraction}${formatOffset(l.offsetMinutes)}`
}

/** A UTC offset in minutes as ISO 8601 writes it: "+02:00", "-05:30". */
export const formatOffset = (minutes: number): string => {
  const off = Math.abs(minutes)
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
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
  const h = Number(m[1]),
    mi = Number(m[2])
  if (mi > 59 || h > 24 || (h === 24 && mi !== 0)) return undefined
  return h * 60 + mi
}

const MS_PER_DAY = 86_400_000
/** Days from 1970-01-01 to 10000-01-01 (Date.UTC(10000, 0, 1) / 86,400,000): from then on toISOString writes six-digit years. */
const LAST_FOUR_DIGIT_DAY = 2_932_897
const twoDigits = (n: number): string => (n < 10 ? `0${n}` : `${n}`)
let cachedDay = Number.NaN
let cachedDate = ""

/**
 * The instant in UTC as `Date.prototype.toISOString` writes it (to the millisecond, "Z"), about five times faster:
 * the date part is formatted once per day (a feed in time order repeats it), the time of day by arithmetic.
 */
export const formatUtc = (t: Instant): string => {
  const ms = Math.round(t * 60_000)
  const day = Math.floor(ms / MS_PER_DAY)
  if (!(day >= 0 && day < LAST_FOUR_DIGIT_DAY)) return new Date(ms).toISOString()
  if (day !== cachedDay) {
    cachedDay = day
    cachedDate = new Date(day * MS_PER_DAY).toISOString().slice(0, 11)
  }
  let rest = ms - day * MS_PER_DAY
  const hour = Math.floor(rest / 3_600_000)
  rest -= hour * 3_600_000
  const minute = Math.floor(rest / 60_000)
  rest -= minute * 60_000
  const second = Math.floor(rest / 1000)
  const milli = rest - second * 1000
  return `${cachedDate}${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}.${milli < 10 ? "00" : milli < 100 ? "0" : ""}${milli}Z`
}
