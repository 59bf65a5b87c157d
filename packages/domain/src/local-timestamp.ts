import { formatOffset, parseLocalDate } from "./time.js"
import { zoneOffsetAt } from "./zone-weeks.js"

const LOCAL_STAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?$/

export type LocalStamp = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string }

/**
 * A timestamp written without an offset (`2024-03-25 10:00`, `2024-03-25T10:00:00.5`), as many exports write local
 * time, read as local time in `timeZone`: the same text with the offset it has there appended, so it reads as any
 * timestamp with an offset. A time in the hour the clocks skip does not exist, and one in the hour they repeat
 * happens twice: neither is guessed (for the second, the message says which offset each time has). Undefined for text of another
 * form (one with an offset, or none at all). Messages never quote the text: it comes from a feed.
 */
export const withLocalOffset = (text: string, timeZone: string): LocalStamp | undefined => {
  const m = LOCAL_STAMP.exec(text)
  if (m === null) return undefined
  const day = parseLocalDate(m[1]!)
  if (typeof day === "string") return { ok: false, message: day }
  const hour = Number(m[2]),
    minute = Number(m[3]),
    second = Number(m[4] ?? 0)
  if (hour > 23 || minute > 59 || second > 59)
    return { ok: false, message: "the time of day must be from 00:00 to 23:59:59" }
  // The wall-clock minute as if it were UTC; the zone's offset a day either side bounds the offsets it can have.
  const naive = Date.UTC(day.year, day.month - 1, day.day, hour, minute) / 60_000
  const around = new Set([zoneOffsetAt(timeZone, naive - 1440), zoneOffsetAt(timeZone, naive + 1440)])
  const fits = [...around].filter((o) => zoneOffsetAt(timeZone, naive - o) === o).sort((a, b) => b - a)
  if (fits.length === 1) return { ok: true, text: `${text}${formatOffset(fits[0]!)}` }
  if (fits.length === 0)
    return {
      ok: false,
      message: `a local time in the hour ${timeZone} skips when the clocks go forward, so no clock showed it; check it, or give its offset`
    }
  return {
    ok: false,
    message: `a local time in the hour ${timeZone} repeats when the clocks go back, so it happened twice; give its offset (${formatOffset(fits[0]!)} the first time, ${formatOffset(fits[1]!)} the second)`
  }
}
