import type { AreaId, Instant, Rules, Scenario } from "@igv/domain"
import { countAt, type LocalCalendar, type Timeline, timelineOf } from "./calendar.js"
import { Rng, streamKey } from "./rng.js"

type Window = readonly [Instant, Instant, number]

/** What a taken shift becomes (the `CommunityShiftTaken` event's `into`), or an absence. */
export const INTO = ["igv", "neighbourIgv", "otherDuty"] as const

/**
 * Community officers' whole shifts taken from the mission, decided from the roster before the run: each one a
 * duty period of a community slot (back-to-back shifts are one). Sorted by start.
 */
export interface TakenShifts {
  readonly t: Float64Array
  readonly minutes: Float64Array
  /** The officers' area. */
  readonly area: Int32Array
  /** Index into INTO, or -1 for an absence. */
  readonly into: Int32Array
  /** The area whose IGV it fills (into igv or neighbourIgv), else -1. */
  readonly toArea: Int32Array
  /** The other duty, or the absence's reason. */
  readonly label: ReadonlyArray<string | undefined>
  /** Absences only: 1 if a substitute works the shift. */
  readonly covered: Uint8Array
  /** The rule that took it, "shiftsTaken[i]" or "absences[i]" of the area's `communityOfficers` (for the linter). */
  readonly rule: ReadonlyArray<string>
}

interface Period {
  readonly from: Instant
  readonly to: Instant
  readonly slot: number
  readonly week: number
  used: boolean
}

/** Each community slot's duty periods (slot i is on duty while the count exceeds i), by start then slot. */
const periodsOf = (line: Timeline, cal: LocalCalendar): Array<Period> => {
  const out: Array<Period> = []
  const top = line.counts.reduce((m, c) => Math.max(m, c), 0)
  for (let slot = 0; slot < top; slot++) {
    let from = -1
    for (let i = 0; i < line.times.length; i++) {
      const on = line.counts[i]! > slot
      if (on && from < 0) from = line.times[i]!
      else if (!on && from >= 0) {
        out.push({ from, to: line.times[i]!, slot, week: weekOf(cal, from), used: false })
        from = -1
      }
    }
  }
  return out.sort((x, y) => x.from - y.from || x.slot - y.slot)
}

/** Weeks of seven local days from the scenario's first day (a night shift of the day before counts to week 0). */
const weekOf = (cal: LocalCalendar, t: Instant): number => {
  let day = Math.floor((t - cal.startT) / 1440)
  while (day > -1 && cal.midnight(day) > t) day--
  while (day + 1 < cal.days && cal.midnight(day + 1) <= t) day++
  return Math.max(0, Math.floor(day / 7))
}

/** n of each slot's periods per week (the fraction of n drawn once per slot and week), chosen at random. */
const takePerWeek = (periods: ReadonlyArray<Period>, perWeek: number, rng: Rng): Array<Period> => {
  const bySlotWeek = new Map<string, Array<Period>>()
  for (const p of periods) {
    const key = `${p.slot}|${p.week}`
    const list = bySlotWeek.get(key)
    if (list === undefined) bySlotWeek.set(key, [p])
    else list.push(p)
  }
  const taken: Array<Period> = []
  for (const list of bySlotWeek.values()) {
    const whole = Math.floor(perWeek)
    let n = whole + (rng.uniform() < perWeek - whole ? 1 : 0)
    const free = list.filter((p) => !p.used)
    for (let i = 0; i < free.length && n > 0; i++, n--) {
      const j = i + Math.floor(rng.uniform() * (free.length - i))
      const pick = free[j]!
      free[j] = free[i]!
      free[i] = pick
      pick.used = true
      taken.push(pick)
    }
  }
  return taken
}

/** The fewest IGV patrols on duty during [from, to): the roster plus shifts already taken into it. */
const fewestOnDuty = (roster: Timeline, added: ReadonlyArray<Window>, from: Instant, to: Instant): number => {
  const moments = [from]
  for (const t of roster.times) if (t > from && t < to) moments.push(t)
  for (const [a, b] of added) for (const t of [a, b]) if (t > from && t < to) moments.push(t)
  let fewest = Infinity
  for (const t of moments) {
    let n = countAt(roster, t)
    for (const [a, b] of added) if (a <= t && t < b) n++
    fewest = Math.min(fewest, n)
  }
  return fewest
}

/** Whether an area's rules take any community officer's shift (into other duty, or as an absence). */
export const takesCommunityShifts = (rules: Rules): boolean =>
  (rules.communityOfficers.absences ?? []).length > 0 || (rules.communityOfficers.shiftsTaken ?? []).length > 0

/**
 * Decides every taken shift and absence of the horizon and writes it into the roster's windows: an uncovered
 * shift leaves the community group for its length, one taken into IGV joins that area's IGV group. Per area, in
 * the order of its rules' `absences`, then `shiftsTaken`; each period goes to the first rule that takes it.
 */
export const takeCommunityShifts = (
  scenario: Scenario,
  cal: LocalCalendar,
  areaRules: ReadonlyArray<Rules>,
  windows: Array<Array<Window>>,
  group: (area: number, kind: number) => number,
  areaIndex: ReadonlyMap<string, number>,
  seeds: readonly [number, number]
): TakenShifts => {
  const rows: Array<TakenRow> = []
  const igvRoster = new Map<number, Timeline>()
  const added = new Map<number, Array<Window>>()
  scenario.areas.forEach((areaSpec, a) => {
    if (!takesCommunityShifts(areaRules[a]!)) return
    const co = areaRules[a]!.communityOfficers
    const periods = periodsOf(timelineOf(windows[group(a, 1)]!), cal)
    const stream = (...parts: Array<string | number>) => new Rng(streamKey(seeds[0], seeds[1], areaSpec.id, ...parts))
    ;(co.absences ?? []).forEach((absence, i) => {
      for (const p of takePerWeek(periods, absence.shiftsPerOfficerPerWeek, stream("absences", i)))
        rows.push({
          p,
          area: a,
          into: -1,
          toArea: -1,
          label: absence.reason,
          covered: absence.covered ? 1 : 0,
          rule: `absences[${i}]`
        })
    })
    // Streams are keyed by the rule's place among the drawing rules, so a whenIgvBelow rule (no draws) added or
    // removed leaves the others' draws alone.
    let drawing = 0
    ;(co.shiftsTaken ?? []).forEach((rule, i) => {
      const into = INTO.indexOf(rule.into)
      const toArea = rule.into === "igv" ? a : rule.into === "neighbourIgv" ? areaIndex.get(rule.area as AreaId)! : -1
      let taken: Array<Period>
      if (rule.whenIgvBelow !== undefined) {
        const roster = igvRoster.get(toArea) ?? timelineOf(windows[group(toArea, 0)]!)
        igvRoster.set(toArea, roster)
        const extra = added.get(toArea) ?? []
        taken = []
        for (const p of periods) {
          if (p.used || fewestOnDuty(roster, extra, p.from, p.to) >= rule.whenIgvBelow) continue
          p.used = true
          taken.push(p)
          extra.push([p.from, p.to, 1])
        }
        added.set(toArea, extra)
      } else {
        taken = takePerWeek(periods, rule.shiftsPerOfficerPerWeek!, stream("shifts", drawing++))
        if (toArea >= 0)
          added.set(toArea, [...(added.get(toArea) ?? []), ...taken.map((p) => [p.from, p.to, 1] as const)])
      }
      for (const p of taken)
        rows.push({ p, area: a, into, toArea, label: rule.duty, covered: 0, rule: `shiftsTaken[${i}]` })
    })
  })
  for (const r of rows) {
    if (r.covered === 1) continue
    windows[group(r.area, 1)]!.push([r.p.from, r.p.to, -1])
    if (r.toArea >= 0) windows[group(r.toArea, 0)]!.push([r.p.from, r.p.to, 1])
  }
  rows.sort((x, y) => x.p.from - y.p.from || x.area - y.area || x.p.slot - y.p.slot)
  return tableOf(rows)
}

interface TakenRow {
  readonly p: Period
  readonly area: number
  readonly into: number
  readonly toArea: number
  readonly label: string | undefined
  readonly covered: number
  readonly rule: string
}

const tableOf = (rows: ReadonlyArray<TakenRow>): TakenShifts => ({
  t: Float64Array.from(rows, (r) => r.p.from),
  minutes: Float64Array.from(rows, (r) => r.p.to - r.p.from),
  area: Int32Array.from(rows, (r) => r.area),
  into: Int32Array.from(rows, (r) => r.into),
  toArea: Int32Array.from(rows, (r) => r.toArea),
  label: rows.map((r) => r.label),
  covered: Uint8Array.from(rows, (r) => r.covered),
  rule: rows.map((r) => r.rule)
})

/** A scenario that draws no community officer's shift (no absences, no shifts taken) has none taken. */
export const NO_SHIFTS_TAKEN: TakenShifts = tableOf([])
