import type { IgvEvent, PatrolKind, Weekday } from "@igv/domain"
import { WEEKDAYS } from "@igv/domain"
import type { LocalHours } from "./local-hours.js"
import type { PatrolDirectory } from "./patrols.js"

export interface FittedBlockTemplate {
  readonly area: string
  readonly patrolKind: PatrolKind
  readonly weekdays: ReadonlyArray<Weekday>
  readonly start: string
  readonly durationMinutes: number
  readonly patrols: number
  readonly tag: string | undefined
  /** Days of its weekdays the window holds, and on how many the block was planned. */
  readonly days: number
  readonly occurred: number
}

export interface FittedPlannedBlocks {
  readonly templates: ReadonlyArray<FittedBlockTemplate>
  /** Block shares planned on no weekly pattern (on fewer than half the days of their weekday): left out. */
  readonly irregular: number
  /** Block shares whose patrol's kind the window does not say (its shift started before the window): left out. */
  readonly unknownKind: number
}

/** The domain's id of the rest of a block whose patrol went off duty: `<block>/handover/<n>`. */
const HANDOVER = "/handover/"

const clock = (minute: number) =>
  `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`

const median = (xs: number[]): number => {
  xs.sort((a, b) => a - b)
  const n = xs.length
  return n % 2 === 1 ? (xs[(n - 1) / 2] as number) : ((xs[n / 2 - 1] as number) + (xs[n / 2] as number)) / 2
}

/**
 * Weekly planned-block templates from `PlannedBlockStarted` and `PlannedBlockUnstaffed`: each share of a block
 * at its scheduled local start (started late: `t − delayedMinutes`), with the minutes of its handovers added
 * back. Shares are grouped by area, kind, weekday, start and tag; a group planned on at least half the days of
 * its weekday is a template, with the median number of shares per day and the median planned length.
 */
export function fitPlannedBlocks(
  events: ReadonlyArray<IgvEvent>,
  hours: LocalHours,
  patrols: PatrolDirectory
): FittedPlannedBlocks | undefined {
  const shares = new Map<
    string,
    { area: string; kind: PatrolKind; day: number; minute: number; tag: string | undefined; minutes: number }
  >()
  let unknownKind = 0,
    seen = false
  for (const e of events) {
    if (e._tag !== "PlannedBlockStarted" && e._tag !== "PlannedBlockUnstaffed") continue
    seen = true
    const handover = e.block.indexOf(HANDOVER)
    if (handover >= 0) {
      const base = shares.get(e.block.slice(0, handover))
      if (base !== undefined) base.minutes += e.plannedMinutes
      continue
    }
    const kind = e._tag === "PlannedBlockUnstaffed" ? e.kind : patrols.kindOf(e.patrol)
    if (kind === undefined) {
      unknownKind++
      continue
    }
    const scheduled = e._tag === "PlannedBlockStarted" ? e.t - (e.delayedMinutes ?? 0) : e.t
    const local = hours.localOf(scheduled)
    if (local === undefined) continue
    shares.set(e.block, {
      area: e.area,
      kind,
      day: local.day,
      minute: Math.round(local.minute),
      tag: e.tag,
      minutes: e.plannedMinutes
    })
  }
  if (!seen) return undefined
  const groups = new Map<
    string,
    {
      area: string
      kind: PatrolKind
      weekday: number
      minute: number
      tag: string | undefined
      perDay: Map<number, number[]>
    }
  >()
  for (const s of shares.values()) {
    const weekday = hours.weekdays[s.day] as number
    const id = JSON.stringify([s.area, s.kind, weekday, s.minute, s.tag ?? null])
    let g = groups.get(id)
    if (g === undefined)
      groups.set(id, (g = { area: s.area, kind: s.kind, weekday, minute: s.minute, tag: s.tag, perDay: new Map() }))
    let day = g.perDay.get(s.day)
    if (day === undefined) g.perDay.set(s.day, (day = []))
    day.push(s.minutes)
  }
  const daysOfWeekday = new Int32Array(7)
  for (let d = 0; d < hours.days; d++) daysOfWeekday[hours.weekdays[d] as number]! += 1
  const templates = new Map<
    string,
    {
      t: Omit<FittedBlockTemplate, "weekdays" | "days" | "occurred">
      weekdays: number[]
      days: number
      occurred: number
    }
  >()
  let irregular = 0
  for (const g of groups.values()) {
    const days = daysOfWeekday[g.weekday] as number
    const perDay = [...g.perDay.values()]
    if (perDay.length * 2 < days) {
      irregular += perDay.reduce((n, d) => n + d.length, 0)
      continue
    }
    const t = {
      area: g.area,
      patrolKind: g.kind,
      start: clock(g.minute),
      tag: g.tag,
      patrols: Math.round(median(perDay.map((d) => d.length))),
      durationMinutes: Math.max(1, Math.round(median(perDay.map((d) => Math.max(...d)))))
    }
    const id = JSON.stringify([t.area, t.patrolKind, t.start, t.tag ?? null, t.patrols, t.durationMinutes])
    const existing = templates.get(id)
    if (existing === undefined) templates.set(id, { t, weekdays: [g.weekday], days, occurred: perDay.length })
    else {
      existing.weekdays.push(g.weekday)
      existing.days += days
      existing.occurred += perDay.length
    }
  }
  return {
    templates: [...templates.values()]
      .map((x) => ({
        ...x.t,
        weekdays: x.weekdays.sort((a, b) => a - b).map((w) => WEEKDAYS[w] as Weekday),
        days: x.days,
        occurred: x.occurred
      }))
      .sort((a, b) =>
        a.area < b.area ? -1 : a.area > b.area ? 1 : a.start < b.start ? -1 : a.start > b.start ? 1 : 0
      ),
    irregular,
    unknownKind
  }
}
