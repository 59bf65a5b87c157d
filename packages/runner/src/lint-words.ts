import { toLocal, WEEKDAYS, type Instant, type Weekday } from "@igv/domain"

const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const
const pad = (n: number) => String(n).padStart(2, "0")

/** "Fri 2024-01-05 22:00", local. */
export const localTime = (t: Instant, timeZone: string): string => {
  const l = toLocal(t, timeZone)
  return `${DAY_NAMES[l.weekday]} ${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`
}

/** "1 patrol", "2 patrols". */
export const count = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`

/** To one decimal, as a figure in a sentence reads: 2, 2.5. */
export const oneDecimal = (x: number): number => Math.round(x * 10) / 10

/** "Mon, Tue, Wed" or "every day"; runs of three or more consecutive days as "Mon–Fri". */
export const daysWords = (days: ReadonlyArray<number>): string => {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return "every day"
  const parts: Array<string> = []
  for (let i = 0; i < sorted.length; ) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
    if (j - i >= 2) parts.push(`${DAY_NAMES[sorted[i]!]}–${DAY_NAMES[sorted[j]!]}`)
    else for (let k = i; k <= j; k++) parts.push(DAY_NAMES[sorted[k]!]!)
    i = j + 1
  }
  return parts.join(", ")
}

/** A time of the week as a planner writes it: "Mon–Fri 08:00"; "no weekday, 08:00" when none is listed. */
const onDays = (weekdays: ReadonlyArray<Weekday>, time: string): string =>
  weekdays.length === 0 ? `no weekday, ${time}` : `${daysWords(weekdays.map((w) => WEEKDAYS.indexOf(w)))} ${time}`

/** A recurring window as a planner writes it: "Fri, Sat 20:00–03:00". */
export const windowWords = (weekdays: ReadonlyArray<Weekday>, start: string, end: string): string =>
  onDays(weekdays, `${start}–${end}`)

/** When a recurring block starts: "Sun 12:00". */
export const startWords = (weekdays: ReadonlyArray<Weekday>, start: string): string => onDays(weekdays, start)

/** Minutes after midnight as "HH:MM" (1440 as "24:00"). */
export const clockWords = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`

export const dayName = (weekday: number): string => DAY_NAMES[weekday]!
