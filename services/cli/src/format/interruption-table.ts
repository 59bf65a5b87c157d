import { formatInstant } from "@igv/domain"
import type { GaveWayRecord, InterruptionRecord } from "@igv/metrics"
import { formatValue } from "./figures.js"
import { tableOf, type Table } from "./table.js"

/** What a user narrows the list by; every field given must match. */
export interface InterruptionFilter {
  readonly area?: string
  readonly prio?: 1 | 2 | 3
  readonly patrol?: string
  readonly tag?: string
  readonly from?: number
  readonly to?: number
}

/** A call's interruption, or a block that gave way to a dated event (no priority: a --prio filter leaves it out). */
export type InterruptionRow = InterruptionRecord | GaveWayRecord

export const matchesInterruption =
  (f: InterruptionFilter) =>
  (r: InterruptionRow): boolean =>
    (f.area === undefined || r.area === f.area) &&
    (f.prio === undefined || ("prio" in r && r.prio === f.prio)) &&
    (f.patrol === undefined || r.patrol === f.patrol) &&
    (f.tag === undefined || r.tag === f.tag) &&
    (f.from === undefined || r.t >= f.from) &&
    (f.to === undefined || r.t < f.to)

/** "2024-03-04 06:15", local time as a Swedish planner writes it (ISO order, 24-hour clock). */
export const localMinute = (t: number, timeZone: string): string =>
  formatInstant(t, timeZone).slice(0, 16).replace("T", " ")

/**
 * One row per interruption, in time order: when, where, which block of which patrol, what broke it (a call and its
 * priority, or a dated event: "dated event <occurrence>", priority "—") and what it cost.
 */
export const interruptionTable = (rows: ReadonlyArray<InterruptionRow>, timeZone: string): Table =>
  tableOf(
    ["time", "area", "patrol", "block", "tag", "call", "priority", "minutes lost"],
    rows.map((r) => [
      localMinute(r.t, timeZone),
      r.area,
      r.patrol,
      r.block,
      r.tag ?? "",
      "calendarEvent" in r ? `dated event ${r.calendarEvent}` : r.incident,
      "calendarEvent" in r ? "—" : String(r.prio),
      formatValue(r.minutesLost, "min")
    ]),
    [0, 1, 2, 3, 4, 5]
  )

/** The line under the title: how many and how much they cost together, and how many were dated events. */
export const interruptionSummary = (rows: ReadonlyArray<InterruptionRow>): string => {
  const dated = rows.filter((r) => "calendarEvent" in r).length
  return `${rows.length} interruption${rows.length === 1 ? "" : "s"}, ${formatValue(
    rows.reduce((s, r) => s + r.minutesLost, 0),
    "min"
  )} minutes lost${dated === 0 ? "" : ` (${dated} of them blocks that gave way to dated events)`}`
}
