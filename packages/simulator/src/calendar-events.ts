import type { CalendarEventKind, Scenario } from "@igv/domain"
import { forEachWindow, type LocalCalendar } from "./calendar.js"
import { inDateRange } from "./seasons.js"

/**
 * The scenario's dated events as commitments: one per occurrence (a day from..to, between the event's local
 * times) and area-and-kind it takes patrols from. While it runs, a commitment holds up to `patrols` patrols of
 * its group (engine.ts takes them as they come free).
 */
export interface Commitments {
  /** The patrol group (area, kind) it takes from. */
  readonly group: Int32Array
  readonly patrols: Int32Array
  /** The occurrence's id, "<event id>/<date it starts>". */
  readonly id: ReadonlyArray<string>
  readonly kind: ReadonlyArray<CalendarEventKind>
  /** 1 if it takes patrols out of planned blocks too. */
  readonly interrupts: Uint8Array
  /** Every start and end, by time; at equal times ends before starts, then by commitment. */
  readonly changes: { readonly t: Float64Array; readonly commitment: Int32Array; readonly starts: Uint8Array }
}

export const compileCommitments = (
  scenario: Scenario,
  cal: LocalCalendar,
  groupOf: (area: string, kind: "igv" | "community") => number
): Commitments => {
  const group: Array<number> = [],
    patrols: Array<number> = [],
    id: Array<string> = [],
    kind: Array<CalendarEventKind> = [],
    interrupts: Array<number> = []
  const changes: Array<[number, number, number]> = []
  for (const event of scenario.calendar) {
    forEachWindow(
      cal,
      event.weekdays,
      event.start,
      event.end,
      (from, to, day) => {
        for (const take of event.takes) {
          if (take.patrols === 0) continue
          const c = group.length
          group.push(groupOf(take.area, take.kind))
          patrols.push(take.patrols)
          id.push(`${event.id}/${cal.date(day)}`)
          kind.push(event.kind)
          interrupts.push(event.interruptsPlannedWork ? 1 : 0)
          changes.push([from, c, 1], [to, c, 0])
        }
      },
      (day) => inDateRange(cal.date(day), event.from, event.to)
    )
  }
  changes.sort((x, y) => x[0] - y[0] || x[2] - y[2] || x[1] - y[1])
  return {
    group: Int32Array.from(group),
    patrols: Int32Array.from(patrols),
    id,
    kind,
    interrupts: Uint8Array.from(interrupts),
    changes: {
      t: Float64Array.from(changes, (c) => c[0]),
      commitment: Int32Array.from(changes, (c) => c[1]),
      starts: Uint8Array.from(changes, (c) => c[2])
    }
  }
}
