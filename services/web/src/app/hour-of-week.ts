/** Planned and delivered block time and interruptions by local hour of the week (Monday 00–01 is 0), Europe/Stockholm. */
export interface HourOfWeekCell {
  readonly weekday: number
  readonly hour: number
  plannedMinutes: number
  deliveredMinutes: number
  interruptions: number
}

interface Span {
  readonly startT: number
  readonly endT: number
}
interface Timed {
  readonly t: number
}

const WEEKDAY: Readonly<Record<string, number>> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 }
const local = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Stockholm",
  weekday: "short",
  hour: "2-digit",
  hourCycle: "h23"
})

/** The hour of the week an instant (minutes since the epoch) falls in, in Stockholm. */
export const hourOfWeek = (t: number): number => {
  const parts = local.formatToParts(new Date(t * 60_000))
  const get = (type: string) => parts.find((p) => p.type === type)!.value
  return WEEKDAY[get("weekday")]! * 24 + Number(get("hour"))
}

/**
 * Each span cut at whole hours (Stockholm's offsets are whole hours, so local and UTC hours share their
 * boundaries) and added to the hour of the week it falls in; each interruption counted in its hour.
 */
export const byHourOfWeek = (
  planned: ReadonlyArray<Span>,
  delivered: ReadonlyArray<Span>,
  interruptions: ReadonlyArray<Timed>
): Array<HourOfWeekCell> => {
  const cells = Array.from(
    { length: 168 },
    (_, i): HourOfWeekCell => ({
      weekday: Math.floor(i / 24),
      hour: i % 24,
      plannedMinutes: 0,
      deliveredMinutes: 0,
      interruptions: 0
    })
  )
  const spread = (spans: ReadonlyArray<Span>, field: "plannedMinutes" | "deliveredMinutes") => {
    for (const s of spans) {
      for (let a = s.startT; a < s.endT; ) {
        const b = Math.min(s.endT, (Math.floor(a / 60) + 1) * 60)
        cells[hourOfWeek(a)]![field] += b - a
        a = b
      }
    }
  }
  spread(planned, "plannedMinutes")
  spread(delivered, "deliveredMinutes")
  for (const i of interruptions) cells[hourOfWeek(i.t)]!.interruptions++
  return cells
}
