import { fromLocal, toLocal } from "@igv/domain"

/**
 * The local calendar months a window [from, to) touches, for cutting intervals at month edges in SQL.
 * `starts[k]` is the instant (unix seconds) month k begins at local midnight on its 1st, `starts[k + 1]` where it
 * ends; month 0 is the month `from` falls in, so `starts[0] <= fromSeconds` and the last start is at or after `to`.
 * `firstMonth` (year · 12 + month − 1 of month 0) lets SQL find an instant's month k from toYear / toMonth in the zone.
 */
export interface MonthCuts {
  readonly fromSeconds: number
  readonly toSeconds: number
  readonly firstMonth: number
  /** `labels.length + 1` instants. */
  readonly starts: ReadonlyArray<number>
  /** "YYYY-MM" of each month. */
  readonly labels: ReadonlyArray<string>
}

const DATETIME_MAX_SECONDS = 2 ** 32 - 1

/** Undefined when the window is empty (after clamping to ClickHouse's DateTime range). */
export const monthCuts = (from: Date, to: Date, timeZone: string): MonthCuts | undefined => {
  const fromSeconds = Math.max(0, Math.ceil(from.getTime() / 1000))
  const toSeconds = Math.min(DATETIME_MAX_SECONDS, Math.ceil(to.getTime() / 1000))
  if (!(fromSeconds < toSeconds)) return undefined
  const first = toLocal(fromSeconds / 60, timeZone)
  const starts: Array<number> = []
  const labels: Array<string> = []
  let year = first.year,
    month = first.month
  for (;;) {
    const start = fromLocal(year, month, 1, 0, 0, timeZone) * 60
    starts.push(start)
    if (start >= toSeconds) break
    labels.push(`${year}-${String(month).padStart(2, "0")}`)
    month++
    if (month > 12) {
      month = 1
      year++
    }
  }
  return { fromSeconds, toSeconds, firstMonth: first.year * 12 + first.month - 1, starts, labels }
}
