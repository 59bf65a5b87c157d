import type { IgvEvent, PatrolKind, Weekday } from "@igv/domain"
import { WEEKDAYS } from "@igv/domain"
import type { LocalHours } from "./local-hours.js"

/** The dimensioning is read on a grid of quarter hours, sampled mid-quarter. */
export const SLOT_MINUTES = 15
const SLOTS = 1440 / SLOT_MINUTES

export interface FittedShift {
  readonly area: string
  readonly kind: PatrolKind
  readonly weekdays: ReadonlyArray<Weekday>
  readonly start: string
  readonly end: string
  readonly patrols: number
  /** Quarter hours of the entry over its weekdays' days in the window, and how many of them had exactly `patrols` on duty. */
  readonly samples: number
  readonly matching: number
}

export interface FittedDimensioning {
  readonly shifts: ReadonlyArray<FittedShift>
  /** Days of the window the grid was read over (whole local days). */
  readonly days: number
}

const clock = (slot: number) => {
  const m = slot * SLOT_MINUTES
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`
}

/**
 * Patrols on duty per area, kind, weekday and quarter hour: the median over the window's days of that weekday
 * of the patrols on duty mid-quarter (between `ShiftStarted` and `ShiftEnded`). The median sees through a
 * week that differs (a holiday, the overtime of a patrol that ends its shift when its job is cleared, a night
 * shift cut by the window's start); runs of equal counts become shift entries.
 */
export function fitDimensioning(events: ReadonlyArray<IgvEvent>, hours: LocalHours): FittedDimensioning | undefined {
  const groups = new Map<
    string,
    { area: string; kind: PatrolKind; changes: Array<[number, number]>; cleanEnds: Int32Array }
  >()
  const overtime: Array<{ group: string; t: number; dispatched: number }> = []
  const onDuty = new Map<string, string>()
  const lastDispatch = new Map<string, number>(),
    lastCleared = new Map<string, number>()
  for (const e of events) {
    if (e._tag === "PatrolDispatched") lastDispatch.set(e.patrol, e.t)
    else if (e._tag === "PatrolCleared") lastCleared.set(e.patrol, e.t)
    else if (e._tag === "ShiftStarted") {
      if (onDuty.has(e.patrol)) continue
      const id = `${e.area}\u0000${e.kind}`
      let g = groups.get(id)
      if (g === undefined)
        groups.set(id, (g = { area: e.area, kind: e.kind, changes: [], cleanEnds: new Int32Array(SLOTS) }))
      g.changes.push([e.t, 1])
      onDuty.set(e.patrol, id)
    } else if (e._tag === "ShiftEnded") {
      const id = onDuty.get(e.patrol)
      const g = id === undefined ? undefined : groups.get(id)
      if (id === undefined || g === undefined) continue
      onDuty.delete(e.patrol)
      const dispatched = lastDispatch.get(e.patrol)
      if (lastCleared.get(e.patrol) === e.t && dispatched !== undefined)
        overtime.push({ group: id, t: e.t, dispatched })
      else {
        g.changes.push([e.t, -1])
        const local = hours.localOf(e.t)
        if (local !== undefined && local.minute % SLOT_MINUTES === 0)
          g.cleanEnds[(local.minute / SLOT_MINUTES) % SLOTS]! += 1
      }
    }
  }
  if (groups.size === 0) return undefined
  for (const o of overtime) {
    const g = groups.get(o.group) as { changes: Array<[number, number]>; cleanEnds: Int32Array }
    g.changes.push([scheduledEnd(o, g.cleanEnds, hours), -1])
  }
  const shifts: FittedShift[] = []
  for (const g of [...groups.values()].sort((a, b) => (a.area + a.kind < b.area + b.kind ? -1 : 1))) {
    const counts = countsOnGrid(
      g.changes.sort((a, b) => a[0] - b[0]),
      hours
    )
    shifts.push(...shiftsOf(g.area, g.kind, counts, hours))
  }
  return { shifts, days: hours.days }
}

/**
 * A shift that ends the moment its patrol clears a job ran over (the patrol finished the job first): its
 * scheduled end is a quarter-hour boundary after the job's dispatch. Taken as the boundary in (dispatch, end]
 * at which the group's shifts most often end on time; with none, the end itself.
 */
function scheduledEnd(o: { t: number; dispatched: number }, cleanEnds: Int32Array, hours: LocalHours): number {
  const local = hours.localOf(o.t)
  if (local === undefined) return o.t
  let best = o.t,
    bestCount = 0
  for (
    let boundary = o.t - (local.minute % SLOT_MINUTES), minute = local.minute - (local.minute % SLOT_MINUTES);
    boundary > o.dispatched;
    boundary -= SLOT_MINUTES, minute -= SLOT_MINUTES
  ) {
    const count = cleanEnds[(((minute / SLOT_MINUTES) % SLOTS) + SLOTS) % SLOTS] as number
    if (count > bestCount) {
      best = boundary
      bestCount = count
    }
  }
  return best
}

/** counts[d * SLOTS + s]: patrols on duty mid-quarter s of day d. */
function countsOnGrid(changes: ReadonlyArray<[number, number]>, hours: LocalHours): Int32Array {
  const counts = new Int32Array(hours.days * SLOTS)
  let i = 0,
    level = 0
  for (let d = 0; d < hours.days; d++) {
    for (let s = 0; s < SLOTS; s++) {
      const t = hours.at(d, s * SLOT_MINUTES + SLOT_MINUTES / 2)
      while (i < changes.length && (changes[i] as [number, number])[0] <= t)
        level += (changes[i++] as [number, number])[1]
      counts[d * SLOTS + s] = level
    }
  }
  return counts
}

const lowerMedian = (xs: number[]): number => {
  xs.sort((a, b) => a - b)
  return xs[Math.floor((xs.length - 1) / 2)] ?? 0
}

function shiftsOf(area: string, kind: PatrolKind, counts: Int32Array, hours: LocalHours): FittedShift[] {
  const entries = new Map<
    string,
    { start: number; end: number; patrols: number; weekdays: number[]; samples: number; matching: number }
  >()
  for (let w = 0; w < 7; w++) {
    const days: number[] = []
    for (let d = 0; d < hours.days; d++) if (hours.weekdays[d] === w) days.push(d)
    if (days.length === 0) continue
    const median = Array.from({ length: SLOTS }, (_, s) =>
      lowerMedian(days.map((d) => counts[d * SLOTS + s] as number))
    )
    for (let s = 0; s < SLOTS; ) {
      let e = s
      while (e < SLOTS && median[e] === median[s]) e++
      const patrols = median[s] as number
      if (patrols > 0) {
        let matching = 0
        for (const d of days) for (let q = s; q < e; q++) if (counts[d * SLOTS + q] === patrols) matching++
        const id = `${s}-${e}-${patrols}`
        const entry = entries.get(id)
        if (entry === undefined)
          entries.set(id, { start: s, end: e, patrols, weekdays: [w], samples: days.length * (e - s), matching })
        else {
          entry.weekdays.push(w)
          entry.samples += days.length * (e - s)
          entry.matching += matching
        }
      }
      s = e
    }
  }
  return [...entries.values()]
    .sort((a, b) => (a.weekdays[0] as number) - (b.weekdays[0] as number) || a.start - b.start)
    .map((e) => ({
      area,
      kind,
      patrols: e.patrols,
      start: clock(e.start),
      end: clock(e.end),
      weekdays: e.weekdays.map((w) => WEEKDAYS[w] as Weekday),
      samples: e.samples,
      matching: e.matching
    }))
}
